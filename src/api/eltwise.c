/* The element-wise calls: one implementation of the argument checks behind
 * every call × dtype entry point, then the active path's kernel.  Every
 * check runs before anything is written. */
#include <stdint.h>

#include "internal.h"
#include "api/params.h"

/* [a, a+bytes) and [b, b+bytes) share bytes without being the same range. */
static int partial_overlap(const void *a, const void *b, size_t bytes)
{
    uintptr_t ua = (uintptr_t)a, ub = (uintptr_t)b;
    return ua != ub && ua < ub + bytes && ub < ua + bytes;
}

/* The kernel variant for these parameters (src/registry/variants.def): a
 * choice made once per call; 0 is the kind's own body.  The backward runs
 * the derivative's variant. */
unsigned actfn_variant(actfn_call c, actfn_kind k, actfn_params p)
{
    const actfn_call body = c == ACTFN_CALL_bwd ? ACTFN_CALL_der : c;
#define ACTFN_VARIANT(name, KIND, call, idx, vbody, lanes, cond)                               \
    if (k == ACTFN_##KIND && body == ACTFN_CALL_##call && (cond))                              \
        return idx;
#include "registry/variants.def"
#undef ACTFN_VARIANT
    return 0;
}

/* y = f(x), f'(x) or dy·f'(x) over n elements of `size` bytes; dy is read by
 * the backward only.  OK with n == 0 touches nothing. */
static actfn_status eltwise(actfn_call c, actfn_dtype_id t, size_t size, actfn_kind k,
                            const actfn_params *p, const void *x, const void *dy, void *y,
                            size_t n)
{
    actfn_params P;
    actfn_status s = actfn_resolve_params(k, p, &P);
    if (s != ACTFN_OK || n == 0)
        return s;
    if (x == NULL || y == NULL || (c == ACTFN_CALL_bwd && dy == NULL))
        return ACTFN_ENULL;
    if (n > (SIZE_MAX / 2) / size)
        return ACTFN_ESIZE;
    if (partial_overlap(x, y, n * size) || (c == ACTFN_CALL_bwd && partial_overlap(dy, y, n * size)))
        return ACTFN_EOVERLAP;
    actfn_active_kernels()->eltwise[c][t][k][actfn_variant(c, k, P)](x, dy, y, n, &P);
    return ACTFN_OK;
}

/* actfn_forward_<dtype>, actfn_derivative_<dtype>, actfn_backward_<dtype>
 * for every dtype of src/registry/dtypes.def. */
#define ACTFN_ENTRY_POINTS(c_, T, TN, ctype, grade)                                                   \
    actfn_status actfn_forward_##T(actfn_kind k, const actfn_params *p, const ctype *x,       \
                                   ctype *y, size_t n)                                         \
    {                                                                                          \
        return eltwise(ACTFN_CALL_fwd, ACTFN_DT_##TN, sizeof(ctype), k, p, x, NULL, y, n);     \
    }                                                                                          \
    actfn_status actfn_derivative_##T(actfn_kind k, const actfn_params *p, const ctype *x,    \
                                      ctype *d, size_t n)                                      \
    {                                                                                          \
        return eltwise(ACTFN_CALL_der, ACTFN_DT_##TN, sizeof(ctype), k, p, x, NULL, d, n);     \
    }                                                                                          \
    actfn_status actfn_backward_##T(actfn_kind k, const actfn_params *p, const ctype *x,      \
                                    const ctype *dy, ctype *dx, size_t n)                      \
    {                                                                                          \
        return eltwise(ACTFN_CALL_bwd, ACTFN_DT_##TN, sizeof(ctype), k, p, x, dy, dx, n);      \
    }
ACTFN_DTYPES(ACTFN_ENTRY_POINTS, ~)
