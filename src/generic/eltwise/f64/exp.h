/* Exponential family in f64 (op64_*): elu, selu, celu, mish, loglog,
 * gaussian.  Constants split as hi + lo come from mpmath at 200 bits. */
#ifndef ACTFN_GENERIC_ELTWISE_F64_EXP_H
#define ACTFN_GENERIC_ELTWISE_F64_EXP_H

#include "generic/eltwise/f64/common.h"

static inline vd op64_elu_fwd(vd x, const actfn_params *p)
{
    return d_sel(d_gt(x, d_set(0.0)), x, d_mul(d_set(p->alpha), d64_expm1(x)));
}
static inline vd op64_elu_der(vd x, const actfn_params *p)
{
    return d_nan_through(x, d_sel(d_gt(x, d_set(0.0)), d_set(1.0), d_mul(d_set(p->alpha), d64_exp(x))));
}
/* λ = 0x1.0cfabd6a91132p+0 + 0x1.6fc7d272f2695p-55; λα rounded once */
#define ACTFN_SELU64_LH 0x1.0cfabd6a91132p+0
#define ACTFN_SELU64_LL 0x1.6fc7d272f2695p-55
#define ACTFN_SELU64_LA 0x1.c212cc640f031p+0
static inline vd op64_selu_fwd(vd x, const actfn_params *p)
{
    (void)p;
    vd pos = d_fma(x, d_set(ACTFN_SELU64_LH), d_mul(x, d_set(ACTFN_SELU64_LL)));
    pos = d_sel(d_eq(x, d_set(INFINITY)), x, pos);
    return d_sel(d_gt(x, d_set(0.0)), pos, d_mul(d64_expm1(x), d_set(ACTFN_SELU64_LA)));
}
static inline vd op64_selu_der(vd x, const actfn_params *p)
{
    (void)p;
    return d_nan_through(x, d_sel(d_gt(x, d_set(0.0)), d_set(ACTFN_SELU64_LH),
                                  d_mul(d64_exp(x), d_set(ACTFN_SELU64_LA))));
}
/* celu: alpha·expm1(x/alpha) below 0, q = x/alpha carried as qh + ql:
 * expm1(qh + ql) = expm1(qh) + ql·e^qh */
static inline vd celu_q(vd x, const actfn_params *p, vd *ql)
{
    vd a = d_set(p->alpha);
    vd qh = d_div(x, a);
    *ql = d_sel(d_lt(d_abs(qh), d_set(INFINITY)), d_div(d_fma(d_neg(qh), a, x), a), d_set(0.0));
    return qh;
}
static inline vd op64_celu_fwd(vd x, const actfn_params *p)
{
    vd ql, qh = celu_q(x, p, &ql);
    vd m = d_fma(ql, d64_exp(qh), d64_expm1(qh));
    return d_sel(d_gt(x, d_set(0.0)), x, d_mul(d_set(p->alpha), m));
}
static inline vd op64_celu_der(vd x, const actfn_params *p)
{
    vd ql, qh = celu_q(x, p, &ql);
    return d_nan_through(x, d_sel(d_gt(x, d_set(0.0)), d_set(1.0), d64_exp_lo(qh, ql)));
}
/* mish = x·n/(n + 2), n = E(2 + E), E = e^x = 2^k·(mh + ml) (d64_exp_hl);
 * six roundings in double would reach ~4 ULP, so E, 2 + E, n, n + 2 and x·n
 * are carried as hi + lo and the quotient corrected once (≤ ~1 ULP); x
 * beyond 40.  Below −40 n/(n + 2) = E to 2^-57, and mish = x·E with the
 * scaling last, so that a subnormal E (x < −708) still gives a result
 * rounded once (x·e^x is normal down to x ≈ −737) */
static inline vd op64_mish_fwd(vd x, const actfn_params *p)
{
    (void)p;
    vd two = d_set(2.0);
    vd xc = d_min(d_set(40.0), d_max(d_set(-800.0), x));
    vd ml, k, mh = d64_exp_hl(xc, d_set(0.0), &ml, &k);
    vd s = d_pow2i(d_max(k, d_set(-1000.0)));
    vd eh = d_mul(mh, s), el = d_mul(ml, s);
    vd al, ah = d64_two_sum(two, eh, &al);
    al = d_add(al, el);
    vd nh = d_mul(eh, ah);
    vd nl = d_add(d_fma(eh, ah, d_neg(nh)), d_fma(eh, al, d_mul(el, ah)));
    vd dl, dh = d64_two_sum(nh, two, &dl);
    dl = d_add(dl, nl);
    vd xh = d_mul(x, nh);
    vd xl = d_fma(x, nl, d_fma(x, nh, d_neg(xh)));
    vd q = d_div(xh, dh);
    vd r = d_fma(d_neg(q), dl, d_add(d_fma(d_neg(q), dh, xh), xl));
    vd y = d_add(q, d_div(r, dh));
    vd tail = d64_scale_wide(d_fma(xc, mh, d_mul(xc, ml)), k);
    y = d_sel(d_lt(x, d_set(-40.0)), tail, y);
    return d_sel(d_gt(x, d_set(40.0)), x, y);
}
/* mish' = E·N/(n + 2)², N = E³ + 4E² + 6E + 4 + 4x(1 + E).  N cancels near
 * the zero x0 = −1.19243… of mish': for −1.1 < x − x0 < 0.6, with d = x − x0
 * (x0 hi + lo), E0 = e^x0 and E = E0(1 + expm1 d),
 *   N = E0·expm1(d)·(E(E + E0 + 4) + K) + 4d(1 + E),  K = E0² + 4E0 + 6 + 4x0,
 * two terms of one sign (as the f32 body; constants from mpmath).  Below −40
 * mish' = E(1 + x) to 2^-57, scaled last. */
static inline vd op64_mish_der(vd x, const actfn_params *p)
{
    (void)p;
    vd one = d_set(1.0), two = d_set(2.0), four = d_set(4.0);
    vd xc = d_min(d_set(40.0), d_max(d_set(-800.0), x));
    vd ml, k, mh = d64_exp_hl(xc, d_set(0.0), &ml, &k);
    vd e = d_mul(mh, d_pow2i(d_max(k, d_set(-1000.0))));
    vd e0 = d_set(0x1.36c4202fc3eccp-2);
    vd d = d_sub(d_sub(x, d_set(-0x1.31432c0d12d84p+0)), d_set(-0x1.bf319154da210p-55));
    vdm win = d_lt(d_abs(d_add(d, d_set(0.25))), d_set(0.85)); /* x in (−2.29, −0.59): x − x0h exact */
    vd em = d64_expm1(d_sel(win, d, d_set(0.0)));
    e = d_sel(win, d_fma(e0, em, e0), e);
    vd e1 = d_add(one, e);
    vd n2 = d_fma(e, d_add(two, e), two);
    vd q = d_fma(d_fma(d_add(e, four), e, d_set(6.0)), e, four);
    vd nd = d_fma(d_mul(four, xc), e1, q);
    vd bb = d_fma(e, d_add(e, d_set(0x1.136c4202fc3edp+2)), d_set(0x1.44a5b49f64236p+1));
    vd nw = d_fma(d_mul(e0, em), bb, d_mul(d_mul(four, d), e1));
    vd y = d_div(d_mul(e, d_sel(win, nw, nd)), d_mul(n2, n2));
    vd tail = d64_scale_wide(d_mul(d_add(one, xc), d_add(mh, ml)), k);
    y = d_sel(d_lt(x, d_set(-40.0)), tail, y);
    y = d_sel(d_gt(x, d_set(40.0)), one, y);
    return d_nan_through(x, y);
}
/* loglog: −expm1(−e^x) */
static inline vd op64_loglog_fwd(vd x, const actfn_params *p)
{
    (void)p;
    return d_neg(d64_expm1(d_neg(d64_exp(x))));
}
/* e^(x − e^x): the rounding of e^x is amplified by e^x (up to ~750 where
 * the result is not 0), so E = e^x comes as hi + lo from d64_exp_hl (to
 * 2^-63.5) and a = x − E as hi + lo (two-sum); 0 above 7 */
static inline vd op64_loglog_der(vd x, const actfn_params *p)
{
    (void)p;
    vd xc = d_min(d_set(7.0), d_max(d_set(-700.0), x));
    vd ml, k, mh = d64_exp_hl(xc, d_set(0.0), &ml, &k);
    vd s = d_pow2i(k);
    vd al, ah = d64_two_sum(x, d_neg(d_mul(mh, s)), &al);
    al = d_sub(al, d_mul(ml, s));
    vd y = d_sel(d_gt(x, d_set(7.0)), d_set(0.0), d64_exp_lo(ah, al));
    return d_fix_inf(x, y, 0.0, 0.0);
}
/* gaussian: e^(−x²), x² = h + l exactly: e^(−h)·(1 − l) */
static inline vd op64_gaussian_fwd(vd x, const actfn_params *p)
{
    (void)p;
    vd l, h = d_mul_lo(x, x, &l);
    return d64_exp_lo(d_neg(h), d_neg(l));
}
/* −2x·e^(−x²) = −2x·2^k·(mh + ml), the scaling last: e^(−x²) is subnormal
 * from |x| ≈ 26.6, the product normal to 26.7; x clamped to ±40 and −x²
 * to −760, where it is 0 (and x² no longer overflows) */
static inline vd op64_gaussian_der(vd x, const actfn_params *p)
{
    (void)p;
    vd xc = d_min(d_set(40.0), d_max(d_set(-40.0), x));
    vd l, h = d_mul_lo(xc, xc, &l);
    vd ml, k, mh = d64_exp_hl(d_max(d_set(-760.0), d_neg(h)), d_neg(l), &ml, &k);
    vd m2 = d_mul(d_set(-2.0), xc);
    vd y = d64_scale_wide(d_fma(m2, mh, d_mul(m2, ml)), k);
    return d_nan_through(x, y);
}

#endif
