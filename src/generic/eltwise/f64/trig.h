/* Trigonometric family in f64 (op64_*): sin, cos, sinc, arctan (SLEEF). */
#ifndef ACTFN_GENERIC_ELTWISE_F64_TRIG_H
#define ACTFN_GENERIC_ELTWISE_F64_TRIG_H

#include "generic/eltwise/f64/common.h"
#include "generic/eltwise/trig.h"

static inline vd op64_sin_fwd(vd x, const actfn_params *p)
{
    (void)p;
    return d_trig(x, d_sin);
}
static inline vd op64_sin_der(vd x, const actfn_params *p)
{
    (void)p;
    return d_trig(x, d_cos);
}
#define op64_cos_fwd op64_sin_der
static inline vd op64_cos_der(vd x, const actfn_params *p)
{
    (void)p;
    return d_neg(d_trig(x, d_sin));
}
static inline vd op64_sinc_fwd(vd x, const actfn_params *p)
{
    (void)p;
    vd y = d_sel(d_eq(x, d_set(0.0)), d_set(1.0), d_div(d_trig(x, d_sin), x));
    return d_fix_inf(x, y, 0.0, 0.0);
}
/* (x cos x − sin x)/x²; below 1 its series (the difference cancels) */
static inline vd op64_sinc_der(vd x, const actfn_params *p)
{
    (void)p;
    vd x2 = d_mul(x, x);
    vd direct = d_div(d_fma(x, d_trig(x, d_cos), d_neg(d_trig(x, d_sin))), x2);
    /* Σ (−1)^k·2k·x^(2k−1)/(2k+1)!, k = 1.. */
    vd s = d_set(-22.0 / 25852016738884976640000.0);
    s = d_fma(s, x2, d_set(20.0 / 51090942171709440000.0));
    s = d_fma(s, x2, d_set(-18.0 / 121645100408832000.0));
    s = d_fma(s, x2, d_set(16.0 / 355687428096000.0));
    s = d_fma(s, x2, d_set(-14.0 / 1307674368000.0));
    s = d_fma(s, x2, d_set(12.0 / 6227020800.0));
    s = d_fma(s, x2, d_set(-10.0 / 39916800.0));
    s = d_fma(s, x2, d_set(8.0 / 362880.0));
    s = d_fma(s, x2, d_set(-6.0 / 5040.0));
    s = d_fma(s, x2, d_set(4.0 / 120.0));
    s = d_fma(s, x2, d_set(-2.0 / 6.0));
    vd y = d_sel(d_lt(d_abs(x), d_set(1.0)), d_mul(x, s), direct);
    return d_fix_inf(x, y, 0.0, 0.0);
}
static inline vd op64_arctan_fwd(vd x, const actfn_params *p)
{
    (void)p;
    return d64_atan(x);
}
/* 1/(1 + x²); beyond 2^27 as (1/x)² */
static inline vd op64_arctan_der(vd x, const actfn_params *p)
{
    (void)p;
    vd r = d_div(d_set(1.0), x);
    vd big = d_mul(r, r);
    vd small = d_div(d_set(1.0), d_fma(x, x, d_set(1.0)));
    return d_sel(d_gt(d_abs(x), d_set(0x1p27)), big, small);
}

#endif
