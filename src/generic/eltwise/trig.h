/*
 * Trigonometric family: sin, cos, sinc, arctan (SLEEF u10 underneath).
 */
#ifndef ACTFN_GENERIC_ELTWISE_TRIG_H
#define ACTFN_GENERIC_ELTWISE_TRIG_H

#include "generic/eltwise/common.h"

/* SLEEF's vector sin/cos reduce every lane with the slower wide-range
 * method once one lane needs it (|x| ≥ 125 in f32, ≥ 1e14 in f64, inf or
 * NaN), and the other lanes then round differently than they would alone.
 * Evaluating the two classes apart makes each result depend on its own
 * input only, whatever its neighbours (and vector tails) hold. */
static inline vf v_trig(vf x, vf (*f)(vf))
{
    vfm near = v_lt(v_abs(x), v_set(125.0f));
    vf y = f(v_sel(near, x, v_set(0.0f)));
    return v_all(near) ? y : v_sel(near, y, f(x));
}
static inline vd d_trig(vd x, vd (*f)(vd))
{
    vdm near = d_lt(d_abs(x), d_set(1e14));
    vd y = f(d_sel(near, x, d_set(0.0)));
    return d_all(near) ? y : d_sel(near, y, f(x));
}

/* ---- arctan: SLEEF u10 ---- */
static inline vf op_arctan_fwd(vf x, const actfn_params *p)
{
    (void)p;
    return v_atan(x);
}
/* 1/(1 + x²); beyond 2^13 as (1/x)², where x² would overflow first */
static inline vf op_arctan_der(vf x, const actfn_params *p)
{
    (void)p;
    vf r = v_div(v_set(1.0f), x);
    vf big = v_mul(r, r);
    vf small = v_div(v_set(1.0f), v_fma(x, x, v_set(1.0f)));
    return v_sel(v_gt(v_abs(x), v_set(8192.0f)), big, small);
}

/* ---- sin, cos: SLEEF u10, full range reduction ---- */
static inline vf op_sin_fwd(vf x, const actfn_params *p)
{
    (void)p;
    return v_trig(x, v_sin);
}
static inline vf op_sin_der(vf x, const actfn_params *p)
{
    (void)p;
    return v_trig(x, v_cos);
}
static inline vf op_cos_fwd(vf x, const actfn_params *p)
{
    (void)p;
    return v_trig(x, v_cos);
}
static inline vf op_cos_der(vf x, const actfn_params *p)
{
    (void)p;
    return v_neg(v_trig(x, v_sin));
}

/* ---- sinc: sin(x)/x, 1 at 0, 0 at ±inf ---- */
static inline vd op_sinc_fwd(vd x, const actfn_params *p)
{
    (void)p;
    vd y = d_sel(d_eq(x, d_set(0.0)), d_set(1.0), d_div(d_trig(x, d_sin), x));
    return d_fix_inf(x, y, 0.0, 0.0);
}
/* (x cos x − sin x)/x²; below 2^-6 the series −x/3 + x³/30 − x⁵/840,
 * since the difference cancels to ~x³/3 there */
static inline vd op_sinc_der(vd x, const actfn_params *p)
{
    (void)p;
    vd x2 = d_mul(x, x);
    vd direct = d_div(d_fma(x, d_trig(x, d_cos), d_neg(d_trig(x, d_sin))), x2);
    vd series = d_mul(x, d_fma(x2, d_fma(x2, d_set(-1.0 / 840.0), d_set(1.0 / 30.0)), d_set(-1.0 / 3.0)));
    vd y = d_sel(d_lt(d_abs(x), d_set(0x1p-6)), series, direct);
    return d_fix_inf(x, y, 0.0, 0.0);
}

#endif
