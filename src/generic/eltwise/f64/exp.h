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
/* mish = x·n/(n + 2), n = E(2 + E), E = e^x; x beyond 40 */
static inline vd op64_mish_fwd(vd x, const actfn_params *p)
{
    (void)p;
    vd e = d64_exp(d_min(x, d_set(40.0)));
    vd n = d_mul(e, d_add(d_set(2.0), e));
    vd y = d_div(d_mul(x, n), d_add(n, d_set(2.0)));
    y = d_sel(d_gt(x, d_set(40.0)), x, y);
    return d_sel(d_eq(x, d_set(-INFINITY)), d_set(-0.0), y);
}
/* mish' = E·N/(n + 2)², N = E³ + 4E² + 6E + 4 + 4x(1 + E) */
static inline vd op64_mish_der(vd x, const actfn_params *p)
{
    (void)p;
    vd e = d64_exp(d_min(x, d_set(40.0)));
    vd n2 = d_fma(e, d_add(d_set(2.0), e), d_set(2.0));
    vd q = d_fma(d_fma(d_add(e, d_set(4.0)), e, d_set(6.0)), e, d_set(4.0));
    vd nn = d_fma(d_mul(d_set(4.0), x), d_add(d_set(1.0), e), q);
    vd y = d_div(d_mul(e, nn), d_mul(n2, n2));
    y = d_sel(d_gt(x, d_set(40.0)), d_set(1.0), y);
    return d_sel(d_eq(x, d_set(-INFINITY)), d_set(0.0), y);
}
/* loglog: −expm1(−e^x) */
static inline vd op64_loglog_fwd(vd x, const actfn_params *p)
{
    (void)p;
    return d_neg(d64_expm1(d_neg(d64_exp(x))));
}
/* e^(x − e^x) */
static inline vd op64_loglog_der(vd x, const actfn_params *p)
{
    (void)p;
    return d_fix_inf(x, d64_exp(d_sub(x, d64_exp(x))), 0.0, 0.0);
}
/* gaussian: e^(−x²), x² = h + l exactly: e^(−h)·(1 − l) */
static inline vd op64_gaussian_fwd(vd x, const actfn_params *p)
{
    (void)p;
    vd l, h = d_mul_lo(x, x, &l);
    return d64_exp_lo(d_neg(h), d_neg(l));
}
static inline vd op64_gaussian_der(vd x, const actfn_params *p)
{
    (void)p;
    vd l, h = d_mul_lo(x, x, &l);
    vd y = d_mul(d_mul(d_set(-2.0), x), d64_exp_lo(d_neg(h), d_neg(l)));
    return d_fix_inf(x, y, 0.0, 0.0);
}

#endif
