/* Hyperbolic-tangent family in f64 (op64_*): tanh, lecun_tanh,
 * symmetric_sigmoid, tanhshrink. */
#ifndef ACTFN_GENERIC_ELTWISE_F64_TANH_H
#define ACTFN_GENERIC_ELTWISE_F64_TANH_H

#include "generic/eltwise/f64/common.h"
#include "generic/eltwise/f64/tie.h"

/* sech²(u) = 4e/(1+e)², e = e^−2|u|, from −2|u| = h + l */
static inline vd d64_sech2_lo(vd h, vd l)
{
    vd e = d64_exp_lo(h, l);
    vd d = d_add(d_set(1.0), e);
    return d_div(d_mul(d_set(4.0), e), d_mul(d, d));
}
static inline vd op64_tanh_fwd(vd x, const actfn_params *p)
{
    (void)p;
    return d64_tanh(x);
}
static inline vd op64_tanh_der(vd x, const actfn_params *p)
{
    (void)p;
    return d64_sech2_lo(d_mul(d_set(-2.0), d_abs(x)), d_set(0.0));
}
/* 1.7159·tanh(2x/3); 1.7159 = 0x1.b74538ef34d6ap+0 + 0x1.61e4f765fd8aep-56,
 * 2/3 = 0x1.5555555555555p-1 + 0x1.5555555555555p-55 */
static inline vd op64_lecun_tanh_fwd(vd x, const actfn_params *p)
{
    (void)p;
    vd ul, uh = d_mulc_lo(0x1.5555555555555p-1, 0x1.5555555555555p-55, x, &ul);
    vd t = d64_tanh(uh);
    t = d_fma(d_fma(d_neg(t), t, d_set(1.0)), ul, t); /* + sech²·ul */
    return d_mul(d_set(0x1.b74538ef34d6ap+0), t);
}
/* 1.7159·(2/3)·sech²(2x/3): −4|x|/3 carried as hi + lo */
static inline vd op64_lecun_tanh_der(vd x, const actfn_params *p)
{
    (void)p;
    vd l, h = d_mulc_lo(-0x1.5555555555555p+0, -0x1.5555555555555p-54, d_abs(x), &l);
    return d_mul(d_set(0x1.24d8d09f788f1p+0), d64_sech2_lo(h, l));
}
static inline vd op64_symmetric_sigmoid_fwd(vd x, const actfn_params *p)
{
    (void)p;
    return d64_tanh(d_mul(x, d_set(0.5)));
}
static inline vd op64_symmetric_sigmoid_der(vd x, const actfn_params *p)
{
    (void)p;
    return d_mul(d_set(0.5), d64_sech2_lo(d_neg(d_abs(x)), d_set(0.0)));
}
/* x − tanh x cancels (by more than 2 bits) up to |x| ≈ 1.3 and SLEEF's
 * tanh error is amplified there.  Below 0.5: x³·P(x²), P a chebyfit of
 * (x − tanh x)/x³ in z = x² on [0, 0.25], degree 10, 2^-58 relative
 * (mpmath, as tools/minimax.py), x² as hi + lo.  From 0.5 on, with a = |x|:
 * a − tanh a = (a − 1) + 2/(e^2a + 1), a − 1 exact, e^2a from d64_exp_hl
 * (2^-63.5) and the quotient as hi + lo, so the cancellation (≤ 14× at 0.5)
 * acts on ~2^-60; 2a clamped to 60, where 2/(e^2a + 1) < 2^-84·a.
 * docs/numerics.md "f64: tanh family" */
static inline vd op64_tanhshrink_fwd(vd x, const actfn_params *p)
{
    (void)p;
    vd zl, z = d_mul_lo(x, x, &zl);
    vd s = d_set(0x1.80e5d166fb68ep-16);
    s = d_fma(s, z, d_set(-0x1.71dcb096fe108p-14));
    s = d_fma(s, z, d_set(0x1.efa7a7fbab90cp-13));
    s = d_fma(s, z, d_set(-0x1.350ca0687e5b4p-11));
    s = d_fma(s, z, d_set(0x1.7d9e6ec2b822dp-10));
    s = d_fma(s, z, d_set(-0x1.d6d39afe5d0cfp-9));
    s = d_fma(s, z, d_set(0x1.226e34a7295fdp-7));
    s = d_fma(s, z, d_set(-0x1.664f487fe7d32p-6));
    s = d_fma(s, z, d_set(0x1.ba1ba1ba15ce5p-5));
    s = d_fma(s, z, d_set(-0x1.11111111110ecp-3));
    s = d_fma(s, z, d_set(0x1.5555555555555p-2));
    vd t = d_mul(x, s);
    vd series = d_fma(t, z, d_mul(t, zl));
    vd a = d_abs(x);
    vd ml, k, mh = d64_exp_hl(d_min(d_set(60.0), d_add(a, a)), d_set(0.0), &ml, &k);
    vd sc = d_pow2i(k);
    vd eh = d_mul(mh, sc);
    vd dh = d_add(eh, d_set(1.0));
    vd dl = d_add(d_add(d_sub(eh, dh), d_set(1.0)), d_mul(ml, sc));
    vd qh = d_div(d_set(2.0), dh);
    vd ql = d_div(d_fma(d_neg(qh), dl, d_fma(d_neg(qh), dh, d_set(2.0))), dh);
    vd e, y = d64_two_sum(d_sub(a, d_set(1.0)), qh, &e);
    y = d_add(y, d_add(e, ql));
    y = d_sel(d_lt(x, d_set(0.0)), d_neg(y), y);
    y = d_sel(d_eq(a, d_set(INFINITY)), x, y); /* inf − inf in the two-sum */
    return d_sel(d_lt(a, d_set(0.5)), series, y);
}
/* Tie hook (registry/ties.def): tanh|x| = 1 − R, R = 2e/(1 + e), e =
 * e^(−2|x|), so f(x) − m = x ∓ 1 − m ± R (the sign of x), x ∓ 1 exact and
 * R > 0 from libm's exp (≤ 1 ULP; the bound allows 16 ULP, and R's
 * subnormals).  It decides x ∓ 1 landing on a midpoint (the double from
 * |x| ≈ 19 on): the true value is R beyond it, on x's side. */
static inline int op64_tanhshrink_fwd_tie(double x, double m, const actfn_params *p)
{
    (void)p;
    double a = fabs(x), sg = x < 0 ? -1.0 : 1.0;
    if (!(a < INFINITY) || a == 0)
        return 0;
    double e = exp(-2.0 * a), r = 2.0 * e / (1.0 + e), rerr = 0x1p-48 * r + 0x1p-1070;
    if (r == 0)
        r = 0x1p-1074; /* R > 0 underflowed: its sign is still known */
    const double t[] = {x, -sg, -m};
    return actfn_tie_sign(t, 3, sg * r, rerr);
}
static inline vd op64_tanhshrink_der(vd x, const actfn_params *p)
{
    (void)p;
    vd t = d64_tanh(x);
    return d_mul(t, t);
}

#endif
