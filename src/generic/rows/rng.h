/*
 * rrelu's training form with a counter-based generator: element i of a call
 * draws from Philox4x32-10 (Salmon, Moraes, Dror, Shaw, "Parallel random
 * numbers: as easy as 1, 2, 3", SC'11) with key (seed mod 2^32, seed div
 * 2^32) and counter (i' mod 2^32, i' div 2^32, 0, 0), i' = offset + i
 * (mod 2^64); u = (word 0 >> 8)·2^-24 and r = lower + u·(upper − lower) in
 * double, rounded to float (the f64 dtype keeps the double; bf16 and f16
 * round that float once more, to the format, so that noise holds r and
 * y = r·x is one exact product rounded once).  x < 0: y = r·x, noise r;
 * else y = x, noise 1; the backward's dx = dy·r where x < 0, dy where
 * x ≥ 0, x where x is NaN.  Every step is integer arithmetic or one IEEE
 * operation in a fixed order, so the bits are the same on every path and
 * for any split of the array into calls.
 *
 * Per block of ACTFN_RNG_BLOCK elements: the generator in u32 lanes (its
 * 32×32 → 64-bit products are VPMULUDQ / UMULL pairs) writes u to a stack
 * buffer, r is formed in f64 lanes, then x is read and y, noise written in
 * the lanes of the dtype.  Written once over the lanes L and the dtype T
 * stored as ctype; instantiated by generic/loops_rows.inc.
 */
#ifndef ACTFN_GENERIC_ROWS_RNG_H
#define ACTFN_GENERIC_ROWS_RNG_H

#define ACTFN_RNG_BLOCK 256 /* a multiple of every path's VF */

#define ACTFN_PHILOX_M0 0xD2511F53u
#define ACTFN_PHILOX_M1 0xCD9E8D57u
#define ACTFN_PHILOX_W0 0x9E3779B9u /* the key's bumps: golden ratio, sqrt(3) − 1 */
#define ACTFN_PHILOX_W1 0xBB67AE85u

/* Word 0 of Philox4x32-10 at counters (c0, c1, 0, 0), key (k0, k1). */
static inline vu u_philox_w0(vu c0, vu c1, uint32_t k0, uint32_t k1)
{
    vu c2 = u_set(0), c3 = u_set(0);
    for (int r = 0; r < 10; r++) {
        vu hi0, hi1;
        vu lo0 = u_mulhilo(c0, ACTFN_PHILOX_M0, &hi0), lo1 = u_mulhilo(c2, ACTFN_PHILOX_M1, &hi1);
        c0 = u_xor(u_xor(hi1, c1), u_set(k0));
        c2 = u_xor(u_xor(hi0, c3), u_set(k1));
        c1 = lo1;
        c3 = lo0;
        k0 += ACTFN_PHILOX_W0;
        k1 += ACTFN_PHILOX_W1;
    }
    return c0;
}

/* u of the m ≤ ACTFN_RNG_BLOCK elements from index i into ub (whole vectors). */
static inline void rng_units(uint64_t seed, uint64_t i, size_t m, float *ub)
{
    static const uint32_t iota[16] = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15};
    _Static_assert(VF <= 16, "iota covers a vector");
    const uint32_t k0 = (uint32_t)seed, k1 = (uint32_t)(seed >> 32);
    for (size_t j = 0; j < m; j += VF, i += VF) {
        const uint32_t lo = (uint32_t)i, hi = (uint32_t)(i >> 32);
        vu c0, c1;
        if ((uint32_t)(lo + (VF - 1)) >= lo) {
            c0 = u_add(u_set(lo), u_load(iota));
            c1 = u_set(hi);
        } else { /* the low word wraps inside this vector */
            uint32_t t0[VF], t1[VF];
            for (size_t l = 0; l < VF; l++) {
                t0[l] = (uint32_t)(i + l);
                t1[l] = (uint32_t)((i + l) >> 32);
            }
            c0 = u_load(t0);
            c1 = u_load(t1);
        }
        v_store_f32(ub + j, u_unit(u_philox_w0(c0, c1, k0, k1)));
    }
}

/* r in f64 lanes from u (m elements at ub), with lo = lower, dl = upper − lower. */
#define ACTFN_RNG_R(j, m)                                                                          \
    d_add(lo, d_mul(((m) == VD ? d_load_f32(ub + (j)) : d_load_n_f32(ub + (j), m)), dl))

/* r of the dtype in the lanes L: f32 lanes from the float r (halves: rounded
 * to the format), f64 lanes from the double. */
#define ACTFN_RNG_RV_float(T, rb, j) v_load_f32((const float *)(rb) + (j))
#define ACTFN_RNG_RV_uint16_t(T, rb, j) v_round_##T(v_load_f32((const float *)(rb) + (j)))
#define ACTFN_RNG_RV_double(T, rb, j) d_load_f64((const double *)(rb) + (j))
#define ACTFN_RNG_RSTORE_float(rb, j, r, m) d_store_f32((float *)(rb) + (j), r)
#define ACTFN_RNG_RSTORE_uint16_t ACTFN_RNG_RSTORE_float
#define ACTFN_RNG_RSTORE_double(rb, j, r, m) d_store_f64((double *)(rb) + (j), r)

#define ACTFN_RRELU_TRAIN_KERNELS(fwd, bwd_, L, T, ctype)                                          \
    static void rrelu_train_run_##T(const actfn_rows_args *a, int bwd)                             \
    {                                                                                              \
        const ctype *x = a->x, *dy = a->dy;                                                        \
        ctype *out = bwd ? a->dx : a->y, *noise = a->noise;                                        \
        const size_t W = ACTFN_W_##L;                                                              \
        _Alignas(64) float ub[ACTFN_RNG_BLOCK];                                                    \
        _Alignas(64) ACTFN_ET_##L rb[ACTFN_RNG_BLOCK];                                             \
        v_fenv env = v_fenv_enter();                                                               \
        const double lower = a->p->alpha, upper = a->p->beta;                                      \
        const vd lo = d_set(lower), dl = d_set(upper - lower);                                     \
        for (size_t i0 = 0; i0 < a->n; i0 += ACTFN_RNG_BLOCK) {                                    \
            const size_t len = a->n - i0 < ACTFN_RNG_BLOCK ? a->n - i0 : ACTFN_RNG_BLOCK;          \
            rng_units(a->seed, a->offset + i0, len, ub);                                           \
            for (size_t j = 0; j < len; j += VD) /* whole vectors: rb and ub hold the block */     \
                ACTFN_CAT(ACTFN_RNG_RSTORE_, ctype)(rb, j, ACTFN_RNG_R(j, VD), VD);                \
            for (size_t j = 0; j < len; j += W) {                                                  \
                const size_t m = len - j < W ? len - j : W;                                        \
                const ACTFN_VT_##L xv = ACTFN_RLOAD(L, T, x + i0 + j, m);                          \
                const ACTFN_VT_##L rv = ACTFN_CAT(ACTFN_RNG_RV_, ctype)(T, rb, j);                 \
                const ACTFN_MT_##L neg = L##_lt(xv, L##_set(0));                                   \
                if (bwd) {                                                                         \
                    const ACTFN_VT_##L dv = ACTFN_RLOAD(L, T, dy + i0 + j, m);                     \
                    ACTFN_RSTORE(L, T, out + i0 + j,                                               \
                                 L##_sel(neg, L##_mul(dv, rv), L##_nan_through(xv, dv)), m);       \
                } else {                                                                           \
                    ACTFN_RSTORE(L, T, out + i0 + j, L##_sel(neg, L##_mul(rv, xv), xv), m);        \
                    if (noise != NULL)                                                             \
                        ACTFN_RSTORE(L, T, noise + i0 + j, L##_sel(neg, rv, L##_set(1)), m);       \
                }                                                                                  \
            }                                                                                      \
        }                                                                                          \
        v_fenv_leave(env);                                                                         \
    }                                                                                              \
    static void fwd(const actfn_rows_args *a) { rrelu_train_run_##T(a, 0); }                       \
    static void bwd_(const actfn_rows_args *a) { rrelu_train_run_##T(a, 1); }

#endif
