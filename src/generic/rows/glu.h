/*
 * The gated units' loops: any element-wise body f as the gate.
 *   mul_f     out = f(a)·b          (glu forward; also db = dy·f(a))
 *   mul_dder  out = (dy·b)·f'(a)    (da)
 * dy·b is carried as hi + lo (exact with an FMA), so da is one rounding of
 * the product after f''s own error.  Each vector loads its inputs before
 * storing, so out may be any input exactly.  Written once over the lanes L
 * (v: f32 lanes, d: f64 lanes) and the dtype T stored as ctype;
 * instantiated by generic/loops_rows.inc for every kind and variant of
 * the element-wise registries, in the lanes their bodies compute in.
 */
#ifndef ACTFN_GENERIC_ROWS_GLU_H
#define ACTFN_GENERIC_ROWS_GLU_H

/* (d·b)·f with d·b as h + l (exact with an FMA): h·f + l·f, or h·f where
 * that is not finite (an overflow, inf or NaN: l is meaningless there). */
static inline vf v_glu_dder(vf d, vf b, vf f)
{
    vf h = v_mul(d, b), l = v_fma(d, b, v_neg(h)), hf = v_mul(h, f);
    return v_sel(v_lt(v_abs(hf), v_set(INFINITY)), v_fma(h, f, v_mul(l, f)), hf);
}
static inline vd d_glu_dder(vd d, vd b, vd f)
{
    vd h = d_mul(d, b), l = d_fma(d, b, d_neg(h)), hf = d_mul(h, f);
    return d_sel(d_lt(d_abs(hf), d_set(INFINITY)), d_fma(h, f, d_mul(l, f)), hf);
}
#define ACTFN_GLU_MUL_F(L, av, bv, dv, body) L##_mul(body(av, &P), bv)
#define ACTFN_GLU_MUL_DDER(L, av, bv, dv, body) L##_glu_dder(dv, bv, body(av, &P))

#define ACTFN_GLU_LOOP(fn, OP, body, L, T, ctype)                                              \
    static void fn(const void *av, const void *bv, const void *dyv, void *yv, size_t n,        \
                   const actfn_params *p)                                                      \
    {                                                                                          \
        const ctype *a = av, *b = bv, *dy = dyv;                                               \
        ctype *y = yv;                                                                         \
        const actfn_params P = *p;                                                             \
        const size_t W = ACTFN_W_##L;                                                          \
        (void)dy;                                                                              \
        v_fenv env = v_fenv_enter();                                                           \
        size_t i = 0;                                                                          \
        for (; i + W <= n; i += W)                                                             \
            L##_store_##T(y + i, OP(L, L##_load_##T(a + i), L##_load_##T(b + i),               \
                                    ACTFN_GLU_DY_##OP(L, T, dy + i, W), body));                \
        if (i < n)                                                                             \
            L##_store_n_##T(y + i, OP(L, L##_load_n_##T(a + i, n - i), L##_load_n_##T(b + i, n - i), \
                                      ACTFN_GLU_DY_##OP(L, T, dy + i, n - i), body),           \
                            n - i);                                                            \
        v_fenv_leave(env);                                                                     \
    }
#define ACTFN_GLU_DY_ACTFN_GLU_MUL_F(L, T, p, m) L##_set(0)
#define ACTFN_GLU_DY_ACTFN_GLU_MUL_DDER(L, T, p, m) ((m) == W ? L##_load_##T(p) : L##_load_n_##T(p, m))

#endif
