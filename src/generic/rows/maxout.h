/*
 * maxout over [outer][c·k][inner] into [outer][c][inner]: each output is the
 * first maximal element of its group of k channels, or the group's first
 * NaN (a NaN wins over any number; between NaNs the first stays).  No
 * arithmetic: exact, the same bits on every path.  The backward routes dy
 * to that element of x and writes 0 to the group's others.  Vectors run
 * along inner; every group's chunk is read before its output is written,
 * so y == x (forward) and dx == x (backward) work in place.
 * Written once over the lanes L (v: f32 lanes, d: f64 lanes) and the dtype
 * T stored as ctype; instantiated by generic/loops_rows.inc.
 */
#ifndef ACTFN_GENERIC_ROWS_MAXOUT_H
#define ACTFN_GENERIC_ROWS_MAXOUT_H

/* m elements (m ≤ the lanes' width W) at p. */
#define ACTFN_RLOAD(L, T, p, m) ((m) == W ? L##_load_##T(p) : L##_load_n_##T(p, m))
#define ACTFN_RSTORE(L, T, p, v, m)                                                                \
    do {                                                                                           \
        if ((m) == W)                                                                              \
            L##_store_##T(p, v);                                                                   \
        else                                                                                       \
            L##_store_n_##T(p, v, m);                                                              \
    } while (0)

/* The group's winner so far, b, against the next element v: b if b is NaN;
 * else v if v is NaN or v > b; else b (a tie keeps the first). */
#define ACTFN_MAXOUT_TAKE(L, v, b)                                                                 \
    L##_sel(L##_eq(b, b), L##_sel(L##_eq(v, v), L##_sel(L##_gt(v, b), v, b), v), b)
/* 1 where v is the winner b (equal, or both NaN), else 0. */
#define ACTFN_MAXOUT_IS(L, v, b)                                                                   \
    L##_sel(L##_eq(v, b), L##_set(1),                                                              \
            L##_sel(L##_eq(v, v), L##_set(0), L##_sel(L##_eq(b, b), L##_set(0), L##_set(1))))

/* For every group g and chunk of m ≤ W elements at inner offset i: xg, the
 * group's first channel there, and b, its winner; then the statements. */
#define ACTFN_MAXOUT_FOR(L, T, ctype, a, x, ...)                                                   \
    for (size_t g = 0; g < (a)->outer * (a)->c; g++)                                               \
        for (size_t i = 0; i < (a)->inner; i += W) {                                               \
            const size_t m = (a)->inner - i < W ? (a)->inner - i : W, inner = (a)->inner;          \
            const ctype *xg = (x) + g * (a)->k * inner + i;                                        \
            ACTFN_VT_##L b = ACTFN_RLOAD(L, T, xg, m);                                             \
            for (size_t q = 1; q < (a)->k; q++)                                                    \
                b = ACTFN_MAXOUT_TAKE(L, ACTFN_RLOAD(L, T, xg + q * inner, m), b);                 \
            __VA_ARGS__                                                                            \
        }

#define ACTFN_MAXOUT_KERNELS(fwd, bwd, L, T, ctype)                                                \
    static void fwd(const actfn_rows_args *a)                                                      \
    {                                                                                              \
        const ctype *x = a->x;                                                                     \
        ctype *y = a->y;                                                                           \
        const size_t W = ACTFN_W_##L;                                                              \
        v_fenv env = v_fenv_enter();                                                               \
        ACTFN_MAXOUT_FOR(L, T, ctype, a, x, { ACTFN_RSTORE(L, T, y + g * inner + i, b, m); })      \
        v_fenv_leave(env);                                                                         \
    }                                                                                              \
    static void bwd(const actfn_rows_args *a)                                                      \
    {                                                                                              \
        const ctype *x = a->x, *dy = a->dy;                                                        \
        ctype *dx = a->dx;                                                                         \
        const size_t W = ACTFN_W_##L;                                                              \
        v_fenv env = v_fenv_enter();                                                               \
        ACTFN_MAXOUT_FOR(L, T, ctype, a, x, {                                                      \
            /* the first element that is the winner gets dy, the rest 0 */                         \
            ACTFN_VT_##L d = ACTFN_RLOAD(L, T, dy + g * inner + i, m), done = L##_set(0);          \
            for (size_t q = 0; q < a->k; q++) {                                                    \
                ACTFN_VT_##L v = ACTFN_RLOAD(L, T, xg + q * inner, m);                             \
                ACTFN_VT_##L h =                                                                   \
                    L##_sel(L##_eq(done, L##_set(0)), ACTFN_MAXOUT_IS(L, v, b), L##_set(0));       \
                done = L##_max(done, h);                                                           \
                ACTFN_RSTORE(L, T, dx + (g * a->k + q) * inner + i,                                \
                             L##_sel(L##_eq(h, L##_set(1)), d, L##_set(0)), m);                    \
            }                                                                                      \
        })                                                                                         \
        v_fenv_leave(env);                                                                         \
    }

#endif
