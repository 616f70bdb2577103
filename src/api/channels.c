/* The channel calls (prelu_channels, bias) and rrelu's training form
 * (src/registry/rows.def): the argument checks of each, written once for
 * every dtype, then the active path's kernel.  Every check runs before
 * anything is written. */
#include <math.h>
#include <stdint.h>

#include "internal.h"

/* [a, a + an) and [b, b + bn) (bytes) share a byte without being the same
 * start (an exact alias, which the calls allow for an element-wise output). */
static int partial(const void *a, size_t an, const void *b, size_t bn)
{
    uintptr_t ua = (uintptr_t)a, ub = (uintptr_t)b;
    return ua != ub && ua < ub + bn && ub < ua + an;
}
/* They share a byte at all (a parameter or a sum: no alias is allowed). */
static int shared(const void *a, size_t an, const void *b, size_t bn)
{
    uintptr_t ua = (uintptr_t)a, ub = (uintptr_t)b;
    return an != 0 && bn != 0 && ua < ub + bn && ub < ua + an;
}

/* *n = outer·c·inner elements, 0 when they (in bytes) exceed the address
 * space's half. */
static int elements(size_t *n, size_t outer, size_t c, size_t inner, size_t size)
{
    size_t f[3] = {outer, c, inner}, r = 1;
    for (int i = 0; i < 3; i++) {
        if (f[i] != 0 && r > (SIZE_MAX / 2) / f[i])
            return 0;
        r *= f[i];
    }
    if (r > (SIZE_MAX / 2) / size || c > (SIZE_MAX / 2) / size)
        return 0;
    *n = r;
    return 1;
}

/* prelu_channels (kind < 0) or bias with kind k and parameters p, on
 * [outer][c][inner]: x, w (alpha or bias, c elements); forward: out = y;
 * backward: dy in, out = dx, dw = dalpha or dbias (optional).  y and dx
 * may be x (or dy) exactly; w and dw share no byte with anything. */
static actfn_status channels(actfn_rows_op op, actfn_pass pass, actfn_dtype_id t, size_t size,
                             actfn_kind k, const actfn_params *p, size_t outer, size_t c,
                             size_t inner, const void *x, const void *w, const void *dy, void *out,
                             void *dw)
{
    const int bwd = pass == ACTFN_PASS_bwd;
    actfn_params P = {0};
    if (op == ACTFN_OP_bias) {
        actfn_status s = actfn_resolve_params(k, p, &P);
        if (s != ACTFN_OK)
            return s;
    }
    size_t n;
    if (!elements(&n, outer, c, inner, size))
        return ACTFN_ESIZE;
    if (n == 0)
        return ACTFN_OK;
    if (x == NULL || w == NULL || out == NULL || (bwd && dy == NULL))
        return ACTFN_ENULL;
    const size_t bn = n * size, bw = c * size;
    if (partial(out, bn, x, bn) || (bwd && partial(out, bn, dy, bn)) || shared(out, bn, w, bw))
        return ACTFN_EOVERLAP;
    if (dw != NULL && (shared(dw, bw, x, bn) || shared(dw, bw, w, bw) || shared(dw, bw, dy, bn) ||
                       shared(dw, bw, out, bn)))
        return ACTFN_EOVERLAP;
    actfn_rows_args a = {.outer = outer,
                         .c = c,
                         .inner = inner,
                         .n = n,
                         .x = x,
                         .w = w,
                         .dy = dy,
                         .y = out,
                         .dx = out,
                         .dw = bwd ? dw : NULL,
                         .kind = k,
                         .p = &P};
    const actfn_kernels *K = actfn_active_kernels();
    if (op == ACTFN_OP_bias) {
        const actfn_call call = bwd ? ACTFN_CALL_bwd : ACTFN_CALL_fwd;
        a.f[0] = K->eltwise[call][t][k][actfn_variant(call, k, P)];
        a.f[1] = K->eltwise[ACTFN_CALL_der][ACTFN_DT_F32][k][actfn_variant(ACTFN_CALL_der, k, P)];
    }
    K->rows[op][pass][t](&a);
    return ACTFN_OK;
}

/* rrelu_train and its backward over n elements; y (dx) may be x (or dy)
 * exactly; noise shares no byte with anything. */
static actfn_status rrelu_train(actfn_pass pass, actfn_dtype_id t, size_t size,
                                const actfn_params *p, uint64_t seed, uint64_t offset,
                                const void *x, const void *dy, void *out, void *noise, size_t n)
{
    const int bwd = pass == ACTFN_PASS_bwd;
    actfn_params P;
    actfn_status s = actfn_resolve_params(ACTFN_RRELU, p, &P);
    if (s != ACTFN_OK)
        return s;
    if (!isfinite(P.alpha) || !isfinite(P.beta) || !(P.alpha <= P.beta))
        return ACTFN_EPARAM;
    if (n == 0)
        return ACTFN_OK;
    if (x == NULL || out == NULL || (bwd && dy == NULL))
        return ACTFN_ENULL;
    if (n > (SIZE_MAX / 2) / size)
        return ACTFN_ESIZE;
    const size_t b = n * size;
    if (partial(out, b, x, b) || (bwd && partial(out, b, dy, b)))
        return ACTFN_EOVERLAP;
    if (noise != NULL && (shared(noise, b, x, b) || shared(noise, b, out, b)))
        return ACTFN_EOVERLAP;
    actfn_rows_args a = {.n = n,
                         .x = x,
                         .dy = dy,
                         .y = out,
                         .dx = out,
                         .noise = bwd ? NULL : noise,
                         .p = &P,
                         .seed = seed,
                         .offset = offset};
    actfn_active_kernels()->rows[ACTFN_OP_rrelu_train][pass][t](&a);
    return ACTFN_OK;
}

#define ACTFN_CHANNEL_ENTRY_POINTS(c_, T, TN, ctype, grade)                                        \
    actfn_status actfn_prelu_channels_##T(size_t outer, size_t c, size_t inner, const ctype *x,    \
                                          const ctype *alpha, ctype *y)                            \
    {                                                                                              \
        return channels(ACTFN_OP_prelu_channels, ACTFN_PASS_fwd, ACTFN_DT_##TN, sizeof(ctype),     \
                        ACTFN_PRELU, NULL, outer, c, inner, x, alpha, NULL, y, NULL);              \
    }                                                                                              \
    actfn_status actfn_prelu_channels_backward_##T(size_t outer, size_t c, size_t inner,           \
                                                   const ctype *x, const ctype *alpha,             \
                                                   const ctype *dy, ctype *dx, ctype *dalpha)      \
    {                                                                                              \
        return channels(ACTFN_OP_prelu_channels, ACTFN_PASS_bwd, ACTFN_DT_##TN, sizeof(ctype),     \
                        ACTFN_PRELU, NULL, outer, c, inner, x, alpha, dy, dx, dalpha);             \
    }                                                                                              \
    actfn_status actfn_bias_forward_##T(actfn_kind f, const actfn_params *p, size_t outer,         \
                                        size_t c, size_t inner, const ctype *x, const ctype *bias, \
                                        ctype *y)                                                  \
    {                                                                                              \
        return channels(ACTFN_OP_bias, ACTFN_PASS_fwd, ACTFN_DT_##TN, sizeof(ctype), f, p, outer,  \
                        c, inner, x, bias, NULL, y, NULL);                                         \
    }                                                                                              \
    actfn_status actfn_bias_backward_##T(                                                          \
        actfn_kind f, const actfn_params *p, size_t outer, size_t c, size_t inner, const ctype *x, \
        const ctype *bias, const ctype *dy, ctype *dx, ctype *dbias)                               \
    {                                                                                              \
        return channels(ACTFN_OP_bias, ACTFN_PASS_bwd, ACTFN_DT_##TN, sizeof(ctype), f, p, outer,  \
                        c, inner, x, bias, dy, dx, dbias);                                         \
    }                                                                                              \
    actfn_status actfn_rrelu_train_##T(const actfn_params *p, uint64_t seed, uint64_t offset,      \
                                       const ctype *x, ctype *y, ctype *noise, size_t n)           \
    {                                                                                              \
        return rrelu_train(ACTFN_PASS_fwd, ACTFN_DT_##TN, sizeof(ctype), p, seed, offset, x, NULL, \
                           y, noise, n);                                                           \
    }                                                                                              \
    actfn_status actfn_rrelu_train_backward_##T(const actfn_params *p, uint64_t seed,              \
                                                uint64_t offset, const ctype *x, const ctype *dy,  \
                                                ctype *dx, size_t n)                               \
    {                                                                                              \
        return rrelu_train(ACTFN_PASS_bwd, ACTFN_DT_##TN, sizeof(ctype), p, seed, offset, x, dy,   \
                           dx, NULL, n);                                                           \
    }
ACTFN_DTYPES(ACTFN_CHANNEL_ENTRY_POINTS, ~)
