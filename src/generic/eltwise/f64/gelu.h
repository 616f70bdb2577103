/* GELU family in f64 (op64_*): gelu and gelu_tanh.  Constants split as
 * hi + lo come from mpmath at 200 bits. */
#ifndef ACTFN_GENERIC_ELTWISE_F64_GELU_H
#define ACTFN_GENERIC_ELTWISE_F64_GELU_H

#include "generic/eltwise/f64/sigmoid.h"

/* Φ(x) = erfc(u)/2, u = −x/√2 = uh + ul: erfc(uh + ul) = erfc(uh)·(1 − 2·uh·ul)
 * to first order (the rounding of u is amplified by 2u² in the tail) */
static inline vd d64_ncdf(vd x)
{
    vd ul, uh = d_mulc_lo(-0x1.6a09e667f3bcdp-1, 0x1.bdd3413b26456p-55, x, &ul);
    vd c = d64_erfc(uh);
    return d_mul(d_set(0.5), d_fma(d_mul(d_set(-2.0), d_mul(uh, ul)), c, c));
}
static inline vd op64_gelu_fwd(vd x, const actfn_params *p)
{
    (void)p;
    vd y = d_mul(x, d64_ncdf(x));
    return d_fix_inf(x, y, -0.0, INFINITY);
}
/* Φ(x) + x·φ(x), φ(x) = e^(−x²/2)/√(2π), x² = h + l exactly */
static inline vd op64_gelu_der(vd x, const actfn_params *p)
{
    (void)p;
    vd l, h = d_mul_lo(x, x, &l);
    vd e = d64_exp_lo(d_mul(d_set(-0.5), h), d_mul(d_set(-0.5), l));
    vd pdf = d_mul(d_set(0x1.9884533d43651p-2), e);
    return d_fix_inf(x, d_fma(x, pdf, d64_ncdf(x)), 0.0, 1.0);
}

/* gelu_tanh = x·σ(z), z = C1·x + C3·x³ (C1 = 2√(2/π), C3 = 0.044715·C1);
 * z as hi + lo: x² exact (FMA), C1 and C3 split */
#define ACTFN_GT_C1 0x1.9884533d43651p+0, -0x1.cbc0d30ebfd15p-54
#define ACTFN_GT_C3 0x1.2444f2a4d8b4bp-4, -0x1.6c843a29d1c70p-61
static inline vd gelu_tanh_z64(vd x, double c3h, double c3l, vd *lo)
{
    vd x2l, x2 = d_mul_lo(x, x, &x2l);
    /* w = C1 + C3·x² as wh + wl */
    vd ph = d_mul(d_set(c3h), x2);
    vd pl = d_fma(d_set(c3h), x2, d_neg(ph));
    pl = d_fma(d_set(c3h), x2l, d_fma(d_set(c3l), x2, pl));
    vd wh = d_add(ph, d_set(0x1.9884533d43651p+0));
    vd bb = d_sub(wh, ph);
    vd wl = d_add(d_sub(ph, d_sub(wh, bb)), d_sub(d_set(0x1.9884533d43651p+0), bb));
    wl = d_add(wl, d_add(pl, d_set(-0x1.cbc0d30ebfd15p-54)));
    vd zh = d_mul(x, wh);
    *lo = d_sel(d_lt(d_abs(zh), d_set(INFINITY)), d_fma(x, wl, d_fma(x, wh, d_neg(zh))), d_set(0.0));
    return zh;
}
static inline vd op64_gelu_tanh_fwd(vd x, const actfn_params *p)
{
    (void)p;
    vd zl, zh = gelu_tanh_z64(x, ACTFN_GT_C3, &zl);
    return d64_x_sigmoid(x, zh, zl);
}
/* σ(z)·(1 + w·σ(−z)), w = x·z' = C1·x + 3·C3·x³ */
static inline vd op64_gelu_tanh_der(vd x, const actfn_params *p)
{
    (void)p;
    vd zl, zh = gelu_tanh_z64(x, ACTFN_GT_C3, &zl);
    vd wl, wh = gelu_tanh_z64(x, 3.0 * 0x1.2444f2a4d8b4bp-4, 3.0 * -0x1.6c843a29d1c70p-61, &wl);
    (void)wl;
    vd y = d64_x_sigmoid_der(zh, zl, wh);
    y = d_sel(d_eq(x, d_set(-INFINITY)), d_set(0.0), y);
    return d_sel(d_eq(x, d_set(INFINITY)), d_set(1.0), y);
}

#endif
