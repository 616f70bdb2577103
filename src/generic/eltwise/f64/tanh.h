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
/* x − tanh x; below 2^-3 its series (the difference cancels there) */
static inline vd op64_tanhshrink_fwd(vd x, const actfn_params *p)
{
    (void)p;
    vd x2 = d_mul(x, x);
    /* x³/3 − 2x⁵/15 + 17x⁷/315 − 62x⁹/2835 + 1382x¹¹/155925 − 21844x¹³/6081075 + ... */
    vd s = d_set(-929569.0 / 638512875.0);
    s = d_fma(s, x2, d_set(21844.0 / 6081075.0));
    s = d_fma(s, x2, d_set(-1382.0 / 155925.0));
    s = d_fma(s, x2, d_set(62.0 / 2835.0));
    s = d_fma(s, x2, d_set(-17.0 / 315.0));
    s = d_fma(s, x2, d_set(2.0 / 15.0));
    s = d_fma(s, x2, d_set(-1.0 / 3.0));
    vd series = d_mul(d_mul(x, x2), d_neg(s));
    return d_sel(d_lt(d_abs(x), d_set(0x1p-3)), series, d_sub(x, d64_tanh(x)));
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
