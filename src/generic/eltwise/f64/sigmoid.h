/* Sigmoid family in f64 (op64_*): sigmoid, log_sigmoid, softplus and the
 * x·σ(z) functions (silu, swish, quick_gelu). */
#ifndef ACTFN_GENERIC_ELTWISE_F64_SIGMOID_H
#define ACTFN_GENERIC_ELTWISE_F64_SIGMOID_H

#include "generic/eltwise/f64/common.h"

/* e^(a + al) = 2^k·m for a in [−1400, 0], |al| ≤ 2^-30: k = rint(a/ln 2), r = a − k·ln 2
 * (ln 2's high part has 32 bits: k·LN2_HI exact) plus al, m = e^r; |r| ≤ 0.35, so the two
 * roundings of r cost ≤ 2^-54 relative, and neither e^a nor a result built on it is scaled
 * before the end (e^a is subnormal below −708).  docs/numerics.md, "f64: sigmoid family" */
static inline vd d64_exp_km(vd a, vd al, vd *k)
{
    *k = d_rint(d_mul(a, d_set(0x1.71547652b82fep+0)));
    vd r = d_fma(*k, d_set(-0x1.62e42feep-1), a);
    r = d_add(d_fma(*k, d_set(-0x1.a39ef35793c76p-33), r), al);
    return d64_exp(r);
}
/* q·2^k for integer-valued k in [−2044, 0], p2 = 2^max(k, −1022): one rounding where the result
 * is normal (q·p2 is then exact), two (≤ 0.75 ULP of 2^-1074) where it is subnormal; the second
 * factor only when a lane needs it */
static inline vd d64_scale_p2(vd q, vd k, vd p2)
{
    vd y = d_mul(q, p2);
    if (d_all(d_ge(k, d_set(-1022.0))))
        return y;
    vd k2 = d_max(d_sub(k, d_max(k, d_set(-1022.0))), d_set(-1022.0));
    return d_mul(y, d_pow2i(k2));
}
/* σ(z) for z = zh + zl: e = e^−|z| with zl folded in, then 1/(1+e) or
 * e/(1+e): no overflow, no cancellation */
static inline vd d64_sigmoid_lo(vd zh, vd zl)
{
    vdm pos = d_ge(zh, d_set(0.0));
    vd e = d64_exp_lo(d_neg(d_abs(zh)), d_sel(pos, d_neg(zl), zl));
    return d_div(d_sel(pos, d_set(1.0), e), d_add(d_set(1.0), e));
}
static inline vd op64_sigmoid_fwd(vd x, const actfn_params *p)
{
    (void)p;
    return d64_sigmoid_lo(x, d_set(0.0));
}
static inline vd op64_sigmoid_der(vd x, const actfn_params *p)
{
    (void)p;
    vd e = d64_exp(d_neg(d_abs(x)));
    vd d = d_add(d_set(1.0), e);
    return d_div(e, d_mul(d, d));
}
/* min(x, 0) − log1p(e^−|x|): both terms ≤ 0 */
static inline vd op64_log_sigmoid_fwd(vd x, const actfn_params *p)
{
    (void)p;
    return d_sub(d_min(x, d_set(0.0)), d64_log1p(d64_exp(d_neg(d_abs(x)))));
}
static inline vd op64_log_sigmoid_der(vd x, const actfn_params *p)
{
    (void)p;
    return d64_sigmoid_lo(d_neg(x), d_set(0.0));
}
/* log(1 + e^z)/alpha, z = alpha·x = zh + zl, as max(z, 0)/alpha (= x) plus log1p(E)/alpha,
 * E = e^−|z| = 2^k·m: below 2^-60 log1p(E) = E, and m/alpha·2^k is scaled last, so
 * that a subnormal E keeps its bits for a small alpha.  `divide` is a constant, 0 for alpha = 1 */
static inline vd softplus64_fwd(vd x, const actfn_params *p, int divide)
{
    vd zl, zh = d_mul_lo(d_set(p->alpha), x, &zl);
    vdm pos = d_ge(zh, d_set(0.0));
    vd a = d_max(d_set(-1400.0), d_neg(d_abs(zh)));
    vd al = d_sel(d_gt(a, d_set(-1400.0)), d_sel(pos, d_neg(zl), zl), d_set(0.0));
    vd k, m = d64_exp_km(a, al, &k);
    vd p2 = d_pow2i(d_max(k, d_set(-1022.0)));
    vdm big = d_ge(k, d_set(-60.0));
    vd q = d_sel(big, d64_log1p(d_mul(p2, m)), m);
    if (divide)
        q = d_div(q, d_set(p->alpha));
    vd y = d_sel(big, q, d64_scale_p2(q, k, p2));
    return d_sel(pos, d_add(x, y), y);
}
static inline vd op64_softplus_fwd(vd x, const actfn_params *p) { return softplus64_fwd(x, p, 1); }
static inline vd op64_softplus_a1_fwd(vd x, const actfn_params *p) { return softplus64_fwd(x, p, 0); }
static inline vd op64_softplus_der(vd x, const actfn_params *p)
{
    vd zl, zh = d_mul_lo(d_set(p->alpha), x, &zl);
    return d64_sigmoid_lo(zh, zl);
}

/* x·σ(z), z = zh + zl (zl: the caller's rounding of z, which e^z amplifies by |z|), with
 * E = e^−|z| = 2^k·m: x/(1 + E) for z ≥ 0 (x itself once E < 2^-54), and for z < 0
 * x·m/(1 + E)·2^k, the scaling last (e^z subnormal below −708 while x·σ(z) keeps bits).
 * For −1400 ≤ z < 0 needs |x| ≤ 2^1000 and below −1400 gives ±0: both hold where |z/x| ≥ 2^-149
 * (every caller).  ≤ ~3 ULP.  docs/numerics.md, "f64: sigmoid family" */
static inline vd d64_x_sigmoid(vd x, vd zh, vd zl)
{
    vdm neg = d_lt(zh, d_set(0.0));
    vd a = d_max(d_set(-1400.0), d_neg(d_abs(zh)));
    vd al = d_sel(d_gt(a, d_set(-1400.0)), d_sel(neg, zl, d_neg(zl)), d_set(0.0));
    vd k, m = d64_exp_km(a, al, &k);
    vd p2 = d_pow2i(d_max(k, d_set(-1022.0)));
    vd den = d_fma(p2, m, d_set(1.0)); /* 1 + E, one rounding */
    vd q = d_div(d_sel(neg, d_mul(x, m), x), den);
    vd y = d_sel(neg, d64_scale_p2(q, k, p2), q);
    /* σ(z) = 0: ±0 with the sign of x, also for x = ±inf (not inf·0) */
    vd xc = d_max(d_set(-1.0), d_min(d_set(1.0), x));
    return d_sel(d_lt(zh, d_set(-1400.0)), d_mul(xc, d_set(0.0)), y);
}
/* d/dx x·σ(z(x)) = σ(z)·(1 + w·σ(−z)), w = x·z' = wh + wl, E = e^−|z| = 2^k·m: for z ≥ 0
 * (1 + E + w·E)/(1 + E)² (1 beyond z = 100, for |w| ≤ 3|z|); for z < 0 m·n/(1 + E)²·2^k,
 * n = 1 + w + E, the scaling last; where n cancels (win) the caller's nwin replaces it.
 * 0 below z = −1400.  docs/numerics.md, "f64: sigmoid family" */
static inline vd d64_x_sigmoid_der(vd zh, vd zl, vd wh, vd wl, vdm win, vd nwin)
{
    vdm neg = d_lt(zh, d_set(0.0));
    vd a = d_max(d_set(-1400.0), d_neg(d_abs(zh)));
    vd al = d_sel(d_gt(a, d_set(-1400.0)), d_sel(neg, zl, d_neg(zl)), d_set(0.0));
    vd k, m = d64_exp_km(a, al, &k);
    vd p2 = d_pow2i(d_max(k, d_set(-1022.0)));
    vd e = d_mul(p2, m);                  /* E; below 2^-1022 only added to ~1 */
    vd d1 = d_fma(p2, m, d_set(1.0));     /* 1 + E */
    vd np = d_fma(wh, e, d1);                       /* z ≥ 0 */
    vd n = d_sel(win, nwin, d_add(d_add(d_add(d_set(1.0), wh), e), wl)); /* z < 0 */
    vd y = d_div(d_sel(neg, d_mul(m, n), np), d_mul(d1, d1));
    y = d_sel(neg, d64_scale_p2(y, k, p2), y);
    y = d_sel(d_gt(zh, d_set(100.0)), d_set(1.0), y);
    return d_sel(d_lt(zh, d_set(-1400.0)), d_set(0.0), y);
}
/* The x·σ(αx) family (w = z): n = 1 + z + e^z cancels near its zero u0 = −1 − W(1/e) (hi + lo,
 * mpmath); for |d| < 0.34, d = z − u0, n = d + c·expm1(d), c = e^u0 = −1 − u0: two terms of one
 * sign (computed only when a lane is there) */
static inline vd d64_x_sigmoid_az_der(vd zh, vd zl)
{
    vd d = d_add(d_sub(zh, d_set(-0x1.474973c84120bp+0)), d_sub(zl, d_set(-0x1.f8d74bc9ac154p-54)));
    vdm far = d_ge(d_abs(d), d_set(0.34));
    vd nw = d;
    if (!d_all(far))
        nw = d_fma(d_set(0x1.1d25cf210482ep-2), d64_expm1(d), d);
    return d64_x_sigmoid_der(zh, zl, zh, zl, d_lt(d_abs(d), d_set(0.34)), nw);
}
static inline vd op64_silu_fwd(vd x, const actfn_params *p)
{
    (void)p;
    return d64_x_sigmoid(x, x, d_set(0.0));
}
static inline vd op64_silu_der(vd x, const actfn_params *p)
{
    (void)p;
    return d64_x_sigmoid_az_der(x, d_set(0.0));
}
static inline vd op64_swish_fwd(vd x, const actfn_params *p)
{
    vd zl, zh = d_mul_lo(d_set(p->alpha), x, &zl);
    return d64_x_sigmoid(x, zh, zl);
}
static inline vd op64_swish_der(vd x, const actfn_params *p)
{
    vd zl, zh = d_mul_lo(d_set(p->alpha), x, &zl);
    return d64_x_sigmoid_az_der(zh, zl);
}
static inline vd op64_swish_half_fwd(vd x, const actfn_params *p)
{
    (void)p;
    return d_mul(x, d_set(0.5));
}
static inline vd op64_swish_half_der(vd x, const actfn_params *p)
{
    (void)p;
    return d_nan_through(x, d_set(0.5));
}
/* 1.702 = 0x1.b3b645a1cac08p+0 + 0x1.89374bc6a7efap-55 (to 2^-108; mpmath) */
#define ACTFN_QG_C 0x1.b3b645a1cac08p+0, 0x1.89374bc6a7efap-55
static inline vd op64_quick_gelu_fwd(vd x, const actfn_params *p)
{
    (void)p;
    vd zl, zh = d_mulc_lo(ACTFN_QG_C, x, &zl);
    return d64_x_sigmoid(x, zh, zl);
}
static inline vd op64_quick_gelu_der(vd x, const actfn_params *p)
{
    (void)p;
    vd zl, zh = d_mulc_lo(ACTFN_QG_C, x, &zl);
    return d64_x_sigmoid_az_der(zh, zl);
}

#endif
