/* Sigmoid family in f64 (op64_*): sigmoid, log_sigmoid, softplus and the
 * x·σ(z) functions (silu, swish, quick_gelu). */
#ifndef ACTFN_GENERIC_ELTWISE_F64_SIGMOID_H
#define ACTFN_GENERIC_ELTWISE_F64_SIGMOID_H

#include "generic/eltwise/f64/common.h"

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
/* log(1 + e^z)/alpha, z = alpha·x = zh + zl: max(z, 0)/alpha = x (z ≥ 0)
 * plus log1p(e^−|z|)/alpha */
static inline vd op64_softplus_fwd(vd x, const actfn_params *p)
{
    vd zl, zh = d_mul_lo(d_set(p->alpha), x, &zl);
    vdm pos = d_ge(zh, d_set(0.0));
    vd e = d64_exp_lo(d_neg(d_abs(zh)), d_sel(pos, d_neg(zl), zl));
    vd y = d_div(d64_log1p(e), d_set(p->alpha));
    return d_sel(pos, d_add(x, y), y);
}
#define op64_softplus_a1_fwd op64_softplus_fwd
static inline vd op64_softplus_der(vd x, const actfn_params *p)
{
    vd zl, zh = d_mul_lo(d_set(p->alpha), x, &zl);
    return d64_sigmoid_lo(zh, zl);
}

/* x·σ(z), z = zh + zl: x/(1 + e^−z) for z ≥ 0, x·e^z/(1 + e^z) below; x
 * itself where σ rounds to 1 (z > 40) */
static inline vd d64_x_sigmoid(vd x, vd zh, vd zl)
{
    vd s = d64_sigmoid_lo(zh, zl);
    vd y = d_mul(x, s);
    y = d_sel(d_gt(zh, d_set(40.0)), x, y);
    /* σ(z) = 0: ±0 with the sign of x, also for x = ±inf (not inf·0) */
    vd xc = d_max(d_set(-1.0), d_min(d_set(1.0), x));
    return d_sel(d_eq(s, d_set(0.0)), d_mul(xc, d_set(0.0)), y);
}
/* σ(z)·(1 + w·σ(−z)), w = x·z'(x) (w = z for the x·σ(αx) family) */
static inline vd d64_x_sigmoid_der(vd zh, vd zl, vd w)
{
    vd s = d64_sigmoid_lo(zh, zl), sm = d64_sigmoid_lo(d_neg(zh), d_neg(zl));
    vd y = d_mul(s, d_fma(w, sm, d_set(1.0)));
    y = d_sel(d_eq(zh, d_set(-INFINITY)), d_set(0.0), y);
    return d_sel(d_eq(zh, d_set(INFINITY)), d_set(1.0), y);
}
static inline vd op64_silu_fwd(vd x, const actfn_params *p)
{
    (void)p;
    return d64_x_sigmoid(x, x, d_set(0.0));
}
static inline vd op64_silu_der(vd x, const actfn_params *p)
{
    (void)p;
    return d64_x_sigmoid_der(x, d_set(0.0), x);
}
static inline vd op64_swish_fwd(vd x, const actfn_params *p)
{
    vd zl, zh = d_mul_lo(d_set(p->alpha), x, &zl);
    return d64_x_sigmoid(x, zh, zl);
}
static inline vd op64_swish_der(vd x, const actfn_params *p)
{
    vd zl, zh = d_mul_lo(d_set(p->alpha), x, &zl);
    return d64_x_sigmoid_der(zh, zl, zh);
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
    return d64_x_sigmoid_der(zh, zl, zh);
}

#endif
