/* GELU family in f64 (op64_*): gelu and gelu_tanh.  Constants split as
 * hi + lo come from mpmath at 300 bits. */
#ifndef ACTFN_GENERIC_ELTWISE_F64_GELU_H
#define ACTFN_GENERIC_ELTWISE_F64_GELU_H

#include "generic/eltwise/f64/sigmoid.h"

/* Φ(−|x|) = erfc(u)/2, u = |x|/√2 = uh + ul: erfc(uh + ul) = erfc(uh)·(1 − F·ul), F = 2u +
 * 1/(u + 0.886) within 0.11 of −erfc'/erfc (the rounding of u, amplified by ~2u²); the tail
 * form (u ≥ 0), so x ≥ 0 goes through x − x·Φ(−x).  F·ul only where erfc(uh) ≠ 0 (u < 30) */
static inline vd gelu64_ncdf_neg(vd x)
{
    vd ul, uh = d_mulc_lo(0x1.6a09e667f3bcdp-1, -0x1.bdd3413b26456p-55, d_abs(x), &ul);
    vd c = d64_erfc(uh);
    vdm live = d_lt(uh, d_set(30.0));
    vd u = d_sel(live, uh, d_set(0.0));
    vd f = d_fma(d_set(2.0), u, d_div(d_set(1.0), d_add(u, d_set(0.886))));
    vd corr = d_sel(live, d_mul(f, ul), d_set(0.0));
    return d_mul(d_set(0.5), d_fma(d_neg(corr), c, c));
}
/* x ≤ −36: x·Φ(x) = −φ(x)·S (der = 0) and gelu' = −φ(x)·|x|·(1 − S/x²) (der = 1), S = Σ
 * (−1)^n (2n−1)!!/x^2n (Mills' ratio, n ≤ 7: 2^-62 at −36), φ = e^(−x²/2)/√(2π) as 2^k·m
 * from the exact x², scaled last: φ is subnormal below −37.6 while gelu keeps bits to −38.6 */
static inline vd gelu64_tail(vd x, int der)
{
    vd xc = d_max(x, d_set(-40.0)); /* both are 0 beyond */
    vd l, h = d_mul_lo(xc, xc, &l);
    vd k, m = d64_exp_km(d_mul(h, d_set(-0.5)), d_mul(l, d_set(-0.5)), &k);
    vd s = d_div(d_set(1.0), h);
    vd q = d_fma(s, d_set(-135135.0), d_set(10395.0));
    q = d_fma(q, s, d_set(-945.0));
    q = d_fma(q, s, d_set(105.0));
    q = d_fma(q, s, d_set(-15.0));
    q = d_fma(q, s, d_set(3.0));
    q = d_fma(q, s, d_set(-1.0));
    q = d_fma(q, s, d_set(1.0));
    if (der)
        q = d_mul(xc, d_fma(d_neg(s), q, d_set(1.0)));
    else
        q = d_neg(q);
    q = d_mul(d_mul(m, q), d_set(0x1.9884533d43651p-2));
    return d64_scale_p2(q, k, d_pow2i(d_max(k, d_set(-1022.0))));
}
static inline vd op64_gelu_fwd(vd x, const actfn_params *p)
{
    (void)p;
    vd c = gelu64_ncdf_neg(x);
    vd y = d_sel(d_le(x, d_set(0.0)), d_mul(x, c), d_fma(d_neg(x), c, x));
    if (!d_all(d_ge(x, d_set(-36.0))))
        y = d_sel(d_lt(x, d_set(-36.0)), gelu64_tail(x, 0), y);
    return d_fix_inf(x, y, -0.0, INFINITY);
}
/* Φ(x) + x·φ(x), φ(x) = e^(−x²/2)/√(2π), x² = h + l exactly.  The two cancel near the zero
 * x0 = −0.75179…: for |x − x0| < 0.4 the Taylor series of gelu' at x0 (degree 21, 2^-56
 * relative; mpmath) in d = x − x0 (hi + lo) instead (the direct sum: 6.6 ULP at |d| = 1/3) */
static inline vd op64_gelu_der(vd x, const actfn_params *p)
{
    (void)p;
    vd l, h = d_mul_lo(x, x, &l);
    vd e = d64_exp_lo(d_mul(d_set(-0.5), h), d_mul(d_set(-0.5), l));
    vd pdf = d_mul(d_set(0x1.9884533d43651p-2), e);
    vd c = gelu64_ncdf_neg(x);
    vd y = d_fma(x, pdf, d_sel(d_lt(x, d_set(0.0)), c, d_sub(d_set(1.0), c)));
    vd d = d_sub(d_sub(x, d_set(-0x1.80ead197f00b4p-1)), d_set(0x1.13e74c58cada8p-56));
    vdm far = d_ge(d_abs(d), d_set(0.4));
    if (!d_all(far)) {
        vd q = d_fma(d_set(-0x1.89a0774eb6048p-34), d, d_set(0x1.3effe0efcb25fp-33));
        q = d_fma(q, d, d_set(0x1.0592d74158a0ap-29));
        q = d_fma(q, d, d_set(-0x1.7ffd0f708645ap-30));
        q = d_fma(q, d, d_set(-0x1.3099122c48e32p-25));
        q = d_fma(q, d, d_set(-0x1.b9057b3d93486p-30));
        q = d_fma(q, d, d_set(0x1.322a347f1968bp-21));
        q = d_fma(q, d, d_set(0x1.d0c38b7a117ccp-22));
        q = d_fma(q, d, d_set(-0x1.03fec69bdd554p-17));
        q = d_fma(q, d, d_set(-0x1.784acad4b941ep-17));
        q = d_fma(q, d, d_set(0x1.69610924deba8p-14));
        q = d_fma(q, d, d_set(0x1.86c863b66083cp-13));
        q = d_fma(q, d, d_set(-0x1.8680f74e6b6bap-11));
        q = d_fma(q, d, d_set(-0x1.258a6d85633afp-9));
        q = d_fma(q, d, d_set(0x1.297b9d6ffaacdp-8));
        q = d_fma(q, d, d_set(0x1.3e346def42057p-6));
        q = d_fma(q, d, d_set(-0x1.e4088244f901dp-7));
        q = d_fma(q, d, d_set(-0x1.d2fa4c17c7e84p-4));
        q = d_fma(q, d, d_set(-0x1.2a2ef9bb865aep-6));
        q = d_fma(q, d, d_set(0x1.8d9a941de3ac5p-2));
        q = d_fma(q, d, d_set(0x1.b9d98fa5a3215p-2));
        y = d_sel(far, y, d_mul(d, q));
    }
    if (!d_all(d_ge(x, d_set(-36.0))))
        y = d_sel(d_lt(x, d_set(-36.0)), gelu64_tail(x, 1), y);
    return d_fix_inf(x, y, 0.0, 1.0);
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
