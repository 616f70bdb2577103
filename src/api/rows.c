/* The row-wise and channel calls (src/registry/rows.def): the argument
 * checks of each, written once for every dtype, then the active path's
 * kernel.  Every check runs before anything is written. */
#include <stdint.h>

#include "internal.h"

/* [a, a + an) and [b, b + bn) (bytes) share a byte without starting at the
 * same address. */
static int overlaps(const void *a, size_t an, const void *b, size_t bn)
{
    uintptr_t ua = (uintptr_t)a, ub = (uintptr_t)b;
    return ua != ub && ua < ub + bn && ub < ua + an;
}

/* *out = a·b·c·d, 0 when that exceeds the address space's half. */
static int product(size_t *out, size_t a, size_t b, size_t c, size_t d)
{
    size_t f[4] = {a, b, c, d}, r = 1;
    for (int i = 0; i < 4; i++) {
        if (f[i] != 0 && r > (SIZE_MAX / 2) / f[i])
            return 0;
        r *= f[i];
    }
    *out = r;
    return 1;
}

/* maxout over [outer][c·k][inner] of `size`-byte elements; dy/dx for the
 * backward.  y may be x itself; dx may be x, or dy when k = 1. */
static actfn_status maxout(actfn_pass pass, actfn_dtype_id t, size_t size, size_t outer, size_t c,
                           size_t k, size_t inner, const void *x, const void *dy, void *out)
{
    size_t nx, ny;
    if (k == 0)
        return ACTFN_EPARAM;
    if (!product(&nx, outer, c, k, inner) || !product(&ny, outer, c, 1, inner) ||
        nx > (SIZE_MAX / 2) / size)
        return ACTFN_ESIZE;
    if (nx == 0)
        return ACTFN_OK;
    if (x == NULL || out == NULL || (pass == ACTFN_PASS_bwd && dy == NULL))
        return ACTFN_ENULL;
    const size_t no = pass == ACTFN_PASS_fwd ? ny : nx;
    if (overlaps(out, no * size, x, nx * size) ||
        (pass == ACTFN_PASS_bwd && (overlaps(out, no * size, dy, ny * size) || (out == dy && k > 1))))
        return ACTFN_EOVERLAP;
    actfn_rows_args a = {.outer = outer, .c = c, .k = k, .inner = inner, .x = x, .dy = dy, .y = out, .dx = out};
    actfn_active_kernels()->rows[ACTFN_OP_maxout][pass][t](&a);
    return ACTFN_OK;
}

#define ACTFN_ROWS_ENTRY_POINTS(c_, T, TN, ctype, grade)                                       \
    actfn_status actfn_maxout_##T(size_t outer, size_t c, size_t k, size_t inner,              \
                                  const ctype *x, ctype *y)                                    \
    {                                                                                          \
        return maxout(ACTFN_PASS_fwd, ACTFN_DT_##TN, sizeof(ctype), outer, c, k, inner, x,     \
                      NULL, y);                                                                \
    }                                                                                          \
    actfn_status actfn_maxout_backward_##T(size_t outer, size_t c, size_t k, size_t inner,     \
                                           const ctype *x, const ctype *dy, ctype *dx)         \
    {                                                                                          \
        return maxout(ACTFN_PASS_bwd, ACTFN_DT_##TN, sizeof(ctype), outer, c, k, inner, x, dy, \
                      dx);                                                                     \
    }
ACTFN_DTYPES(ACTFN_ROWS_ENTRY_POINTS, ~)
