/* GELU family in f64 (op64_*): gelu and gelu_tanh.  Constants split as
 * hi + lo come from mpmath at 300 bits. */
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
#define ACTFN_GT_C3 0x1.2444f2a4d8b4bp-4, -0x1.6c843a29d1c70p-61
#define ACTFN_GT_3C3 0x1.b6676bf7450f0p-3, 0x1.bba7351828aabp-57
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
/* σ(z)·(1 + w·σ(−z)), w = x·z' = C1·x + 3·C3·x³.  n = 1 + w + e^z cancels near its zero
 * x0 = −0.75246…: for |d| < 0.19, d = x − x0 (hi + lo), n = dp + e^z0·expm1(dz), dp = w − w0 and
 * dz = z − z0 cubics in d of one sign (mpmath) */
static inline vd op64_gelu_tanh_der(vd x, const actfn_params *p)
{
    (void)p;
    vd zl, zh = gelu_tanh_z64(x, ACTFN_GT_C3, &zl);
    vd wl, wh = gelu_tanh_z64(x, ACTFN_GT_3C3, &wl);
    vd d = d_sub(d_sub(x, d_set(-0x1.81429f9e97e4dp-1)), d_set(0x1.4f523ed77dbdcp-55));
    vdm far = d_ge(d_abs(d), d_set(0.19));
    vd nw = d;
    if (!d_all(far)) {
        vd dp = d_mul(d, d_fma(d, d_fma(d, d_set(0x1.b6676bf7450f0p-3), d_set(-0x1.eed2b909e6761p-2)),
                               d_set(0x1.f599c921a3fc2p+0)));
        vd dz = d_mul(d, d_fma(d, d_fma(d, d_set(0x1.2444f2a4d8b4bp-4), d_set(-0x1.49e1d0b1444ebp-3)),
                               d_set(0x1.b78b7a8963976p+0)));
        nw = d_fma(d_set(0x1.2af64e9c485eep-2), d64_expm1(dz), dp);
    }
    vd y = d64_x_sigmoid_der(zh, zl, wh, wl, d_lt(d_abs(d), d_set(0.19)), nw);
    y = d_sel(d_eq(x, d_set(-INFINITY)), d_set(0.0), y);
    return d_sel(d_eq(x, d_set(INFINITY)), d_set(1.0), y);
}

#endif
