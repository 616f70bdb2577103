/* The row-wise and channel calls (src/registry/rows.def): the argument
 * checks of each, written once for every dtype, then the active path's
 * kernel.  Every check runs before anything is written. */
#include <stdint.h>
#include <string.h>

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
        (pass == ACTFN_PASS_bwd &&
         (overlaps(out, no * size, dy, ny * size) || (out == dy && k > 1))))
        return ACTFN_EOVERLAP;
    actfn_rows_args a = {
        .outer = outer, .c = c, .k = k, .inner = inner, .x = x, .dy = dy, .y = out, .dx = out};
    actfn_active_kernels()->rows[ACTFN_OP_maxout][pass][t](&a);
    return ACTFN_OK;
}

/* The bytes a rows × cols array with stride ld spans, 0 when that exceeds
 * the address space's half (rows ≥ 1, cols ≥ 1). */
static size_t span(size_t rows, size_t cols, size_t ld, size_t size)
{
    size_t n = 0;
    if (rows > 1 && !product(&n, rows - 1, ld, 1, 1))
        return 0;
    if (n > (SIZE_MAX / 2) - cols || n + cols > (SIZE_MAX / 2) / size)
        return 0;
    return (n + cols) * size;
}

/* Whether out (stride ldo) overlaps the input in (stride ldi) other than as
 * the exact alias out == in with the same stride (or a single row). */
static int bad_alias(size_t rows, const void *out, size_t ldo, size_t no, const void *in,
                     size_t ldi, size_t ni)
{
    if (out == in)
        return rows > 1 && ldo != ldi;
    return overlaps(out, no, in, ni);
}

/* softmax and log_softmax (op), forward: in = x (ldi), backward: in = y
 * (ldi) and dy (ldd); out = y or dx (ldo).  With rows = 1 the strides are
 * not used (any value).  The forward's y may be x; the backward's dx may
 * be y or dy; each with the same stride. */
static actfn_status softmax(actfn_rows_op op, actfn_pass pass, actfn_dtype_id t, size_t size,
                            size_t rows, size_t cols, const void *in, size_t ldi, const void *dy,
                            size_t ldd, void *out, size_t ldo)
{
    const int bwd = pass == ACTFN_PASS_bwd;
    if (rows == 0 || cols == 0)
        return ACTFN_OK;
    if (in == NULL || out == NULL || (bwd && dy == NULL))
        return ACTFN_ENULL;
    if (rows > 1 && (ldi < cols || ldo < cols || (bwd && ldd < cols)))
        return ACTFN_EPARAM;
    const size_t ni = span(rows, cols, ldi, size), no = span(rows, cols, ldo, size);
    const size_t nd = bwd ? span(rows, cols, ldd, size) : 1;
    if (ni == 0 || no == 0 || nd == 0)
        return ACTFN_ESIZE;
    if (bad_alias(rows, out, ldo, no, in, ldi, ni) ||
        (bwd && bad_alias(rows, out, ldo, no, dy, ldd, nd)))
        return ACTFN_EOVERLAP;
    actfn_rows_args a = {.rows = rows, .cols = cols};
    if (bwd) {
        a.y = (void *)(uintptr_t)in;
        a.ldy = ldi;
        a.dy = dy;
        a.lddy = ldd;
        a.dx = out;
        a.lddx = ldo;
    } else {
        a.x = in;
        a.ldx = ldi;
        a.y = out;
        a.ldy = ldo;
    }
    actfn_active_kernels()->rows[op][pass][t](&a);
    return ACTFN_OK;
}

#define ACTFN_ROWS_ENTRY_POINTS(c_, T, TN, ctype, grade)                                           \
    actfn_status actfn_maxout_##T(size_t outer, size_t c, size_t k, size_t inner, const ctype *x,  \
                                  ctype *y)                                                        \
    {                                                                                              \
        return maxout(ACTFN_PASS_fwd, ACTFN_DT_##TN, sizeof(ctype), outer, c, k, inner, x, NULL,   \
                      y);                                                                          \
    }                                                                                              \
    actfn_status actfn_maxout_backward_##T(size_t outer, size_t c, size_t k, size_t inner,         \
                                           const ctype *x, const ctype *dy, ctype *dx)             \
    {                                                                                              \
        return maxout(ACTFN_PASS_bwd, ACTFN_DT_##TN, sizeof(ctype), outer, c, k, inner, x, dy,     \
                      dx);                                                                         \
    }                                                                                              \
    actfn_status actfn_softmax_##T(size_t rows, size_t cols, const ctype *x, size_t ldx, ctype *y, \
                                   size_t ldy)                                                     \
    {                                                                                              \
        return softmax(ACTFN_OP_softmax, ACTFN_PASS_fwd, ACTFN_DT_##TN, sizeof(ctype), rows, cols, \
                       x, ldx, NULL, 0, y, ldy);                                                   \
    }                                                                                              \
    actfn_status actfn_softmax_backward_##T(size_t rows, size_t cols, const ctype *y, size_t ldy,  \
                                            const ctype *dy, size_t lddy, ctype *dx, size_t lddx)  \
    {                                                                                              \
        return softmax(ACTFN_OP_softmax, ACTFN_PASS_bwd, ACTFN_DT_##TN, sizeof(ctype), rows, cols, \
                       y, ldy, dy, lddy, dx, lddx);                                                \
    }                                                                                              \
    actfn_status actfn_log_softmax_##T(size_t rows, size_t cols, const ctype *x, size_t ldx,       \
                                       ctype *y, size_t ldy)                                       \
    {                                                                                              \
        return softmax(ACTFN_OP_log_softmax, ACTFN_PASS_fwd, ACTFN_DT_##TN, sizeof(ctype), rows,   \
                       cols, x, ldx, NULL, 0, y, ldy);                                             \
    }                                                                                              \
    actfn_status actfn_log_softmax_backward_##T(size_t rows, size_t cols, const ctype *y,          \
                                                size_t ldy, const ctype *dy, size_t lddy,          \
                                                ctype *dx, size_t lddx)                            \
    {                                                                                              \
        return softmax(ACTFN_OP_log_softmax, ACTFN_PASS_bwd, ACTFN_DT_##TN, sizeof(ctype), rows,   \
                       cols, y, ldy, dy, lddy, dx, lddx);                                          \
    }
ACTFN_DTYPES(ACTFN_ROWS_ENTRY_POINTS, ~)

/* ---- gated units ------------------------------------------------------------- */

/* The backward works through chunks of this many elements: da goes
 * through a stack buffer, so that any output may be any input exactly. */
enum { GLU_CHUNK = 256 };

/* A gate's two loops, chosen once per call: f(a)·b and (dy·b)·f'(a), each
 * in its variant for these parameters. */
typedef struct {
    actfn_gated_fn mul_f, mul_dder;
} gate_loops;
static gate_loops gate_of(actfn_dtype_id t, actfn_kind k, const actfn_params *P)
{
    const actfn_kernels *K = actfn_active_kernels();
    return (gate_loops){K->gated[0][t][k][actfn_variant(ACTFN_CALL_fwd, k, *P)],
                        K->gated[1][t][k][actfn_variant(ACTFN_CALL_der, k, *P)]};
}

/* One row of n elements: y = f(a)·b (dy == NULL), or da = dy·b·f'(a) and
 * db = dy·f(a). */
static void glu_row(gate_loops g, size_t size, const actfn_params *P, const unsigned char *a,
                    const unsigned char *b, const unsigned char *dy, unsigned char *y,
                    unsigned char *db, size_t n)
{
    if (dy == NULL) {
        g.mul_f(a, b, NULL, y, n, P);
        return;
    }
    _Alignas(64) unsigned char da[GLU_CHUNK * sizeof(double)];
    for (size_t i = 0; i < n; i += GLU_CHUNK) {
        const size_t m = n - i < GLU_CHUNK ? n - i : GLU_CHUNK, o = i * size;
        g.mul_dder(a + o, b + o, dy + o, da, m, P);
        g.mul_f(a + o, dy + o, NULL, db + o, m, P);
        memcpy(y + o, da, m * size);
    }
}

/* glu and glu_backward: n elements; out = y (forward) or da, with db. */
static actfn_status glu(actfn_dtype_id t, size_t size, actfn_kind k, const actfn_params *p,
                        const void *a, const void *b, const void *dy, void *out, void *db, size_t n,
                        int bwd)
{
    actfn_params P;
    actfn_status s = actfn_resolve_params(k, p, &P);
    if (s != ACTFN_OK || n == 0)
        return s;
    if (a == NULL || b == NULL || out == NULL || (bwd && (dy == NULL || db == NULL)))
        return ACTFN_ENULL;
    if (n > (SIZE_MAX / 2) / size)
        return ACTFN_ESIZE;
    const size_t bytes = n * size;
    const void *in[3] = {a, b, dy};
    void *outs[2] = {out, db};
    for (int o = 0; o < 1 + bwd; o++)
        for (int i = 0; i < 2 + bwd; i++)
            if (overlaps(outs[o], bytes, in[i], bytes))
                return ACTFN_EOVERLAP;
    if (bwd && (uintptr_t)out < (uintptr_t)db + bytes && (uintptr_t)db < (uintptr_t)out + bytes)
        return ACTFN_EOVERLAP; /* da and db share memory */
    glu_row(gate_of(t, k, &P), size, &P, a, b, dy, out, db, n);
    return ACTFN_OK;
}

/* glu_rows and its backward: rows of [a | b] (2d elements, stride ldx);
 * out = y (d columns, stride ldo) or dx = [da | db] (2d columns). */
static actfn_status glu_rows(actfn_dtype_id t, size_t size, actfn_kind k, const actfn_params *p,
                             size_t rows, size_t d, const void *x, size_t ldx, const void *dy,
                             size_t lddy, void *out, size_t ldo, int bwd)
{
    actfn_params P;
    actfn_status s = actfn_resolve_params(k, p, &P);
    if (s != ACTFN_OK || rows == 0 || d == 0)
        return s;
    if (x == NULL || out == NULL || (bwd && dy == NULL))
        return ACTFN_ENULL;
    if (d > SIZE_MAX / 4)
        return ACTFN_ESIZE;
    const size_t wo = bwd ? 2 * d : d;
    if (rows > 1 && (ldx < 2 * d || ldo < wo || (bwd && lddy < d)))
        return ACTFN_EPARAM; /* one row: the strides are not used */
    const size_t nx = span(rows, 2 * d, ldx, size), no = span(rows, wo, ldo, size);
    const size_t ndy = bwd ? span(rows, d, lddy, size) : 1;
    if (nx == 0 || no == 0 || ndy == 0)
        return ACTFN_ESIZE;
    if (bad_alias(rows, out, ldo, no, x, ldx, nx) ||
        (bwd && bad_alias(rows, out, ldo, no, dy, lddy, ndy)))
        return ACTFN_EOVERLAP;
    const gate_loops g = gate_of(t, k, &P);
    for (size_t r = 0; r < rows; r++) { /* row r at r·ld: row 0 takes no stride */
        const unsigned char *xr = (const unsigned char *)x + r * ldx * size;
        unsigned char *outr = (unsigned char *)out + r * ldo * size;
        glu_row(g, size, &P, xr, xr + d * size,
                bwd ? (const unsigned char *)dy + r * lddy * size : NULL, outr,
                bwd ? outr + d * size : NULL, d);
    }
    return ACTFN_OK;
}

#define ACTFN_GLU_ENTRY_POINTS(c_, T, TN, ctype, grade)                                            \
    actfn_status actfn_glu_##T(actfn_kind f, const actfn_params *p, const ctype *a,                \
                               const ctype *b, ctype *y, size_t n)                                 \
    {                                                                                              \
        return glu(ACTFN_DT_##TN, sizeof(ctype), f, p, a, b, NULL, y, NULL, n, 0);                 \
    }                                                                                              \
    actfn_status actfn_glu_backward_##T(actfn_kind f, const actfn_params *p, const ctype *a,       \
                                        const ctype *b, const ctype *dy, ctype *da, ctype *db,     \
                                        size_t n)                                                  \
    {                                                                                              \
        return glu(ACTFN_DT_##TN, sizeof(ctype), f, p, a, b, dy, da, db, n, 1);                    \
    }                                                                                              \
    actfn_status actfn_glu_rows_##T(actfn_kind f, const actfn_params *p, size_t rows, size_t d,    \
                                    const ctype *x, size_t ldx, ctype *y, size_t ldy)              \
    {                                                                                              \
        return glu_rows(ACTFN_DT_##TN, sizeof(ctype), f, p, rows, d, x, ldx, NULL, 0, y, ldy, 0);  \
    }                                                                                              \
    actfn_status actfn_glu_rows_backward_##T(actfn_kind f, const actfn_params *p, size_t rows,     \
                                             size_t d, const ctype *x, size_t ldx,                 \
                                             const ctype *dy, size_t lddy, ctype *dx, size_t lddx) \
    {                                                                                              \
        return glu_rows(ACTFN_DT_##TN, sizeof(ctype), f, p, rows, d, x, ldx, dy, lddy, dx, lddx,   \
                        1);                                                                        \
    }
ACTFN_DTYPES(ACTFN_GLU_ENTRY_POINTS, ~)
