/*
 * Hyperbolic-tangent family: tanh, lecun_tanh, symmetric_sigmoid, tanhshrink.
 */
#ifndef ACTFN_GENERIC_ELTWISE_TANH_H
#define ACTFN_GENERIC_ELTWISE_TANH_H

#include "generic/eltwise/common.h"

/* ---- tanh: v_tanh (generic/math/lanes32.h: (1 − e)/(1 + e), e = e^−2|x|, ≤ 2 ULP); on
 * avx512 m = e − 1 from the table expm1 and tanh|x| = −m/(2 + m): no branch, fewer
 * operations, 3.50 ULP over all inputs (docs/numerics.md, "The table exponential") ---- */
static inline vf op_tanh_fwd(vf x, const actfn_params *p)
{
    (void)p;
#ifdef ACTFN_HAVE_EXP_TAB32
    /* |x| clamped to [2^-126, 10] (tanh rounds to ±1 from 9.02; a subnormal would make the
     * table expm1's products subnormal, a slow operation), then x itself where x is ±0,
     * subnormal (tanh x rounds to x) or NaN (which VRANGEPS took as the clamp) */
    vf z = v_min(v_neg_absmin(x, v_set(10.0f)), v_set(-0x1p-126f));
    vf m = v_1m_exp_tab32(v_add(z, z));
    return v_sel(v_tiny_or_nan(x), x, v_div(v_xorsign(m, x), v_sub(v_set(2.0f), m)));
#else
    return v_tanh(x);
#endif
}
/* tanh' = sech² = 4e/(1+e)² with e = exp(-2|x|), not 1 - t², which is 0
 * for |x| ≳ 9; 2|x| is exact and 4e is exact; with the table exponential (avx512) 5.47 ULP
 * over all inputs */
static inline vf op_tanh_der(vf x, const actfn_params *p)
{
    (void)p;
#ifdef ACTFN_HAVE_EXP_TAB32
    /* the table exponential (avx512) on −2·min(|x|, 52), NaN put back by its class */
    vf z = v_neg_absmin(x, v_set(52.0f));
    vf e = v_exp_tab32(v_add(z, z));
    vf d = v_add(v_set(1.0f), e);
    return v_nan_through(x, v_div(v_mul(v_set(4.0f), e), v_mul(d, d)));
#else
    vf e = v_exp_negabs(v_mul(v_set(-2.0f), v_abs(x)));
    vf d = v_add(v_set(1.0f), e);
    return v_div(v_mul(v_set(4.0f), e), v_mul(d, d));
#endif
}

/* ---- lecun_tanh: 1.7159·tanh(2x/3).  f64: its derivative's sech²
 * amplifies the rounding of 2x/3 by ~4x/3 ---- */
static inline vd op_lecun_tanh_fwd(vd x, const actfn_params *p)
{
    (void)p;
    return d_mul(d_set(1.7159), d_tanh(d_mul(x, d_set(2.0 / 3.0))));
}
/* 1.7159·(2/3)·sech²(2x/3), sech² = 4e/(1+e)², e = exp(−4|x|/3) */
static inline vd op_lecun_tanh_der(vd x, const actfn_params *p)
{
    (void)p;
    vd e = d_exp(d_mul(d_abs(x), d_set(-4.0 / 3.0)));
    return d_mul(d_set(1.7159 * 2.0 / 3.0 * 4.0), d_dsigmoid_e(e));
}

/* ---- symmetric_sigmoid: tanh(x/2) ---- */
static inline vf op_symmetric_sigmoid_fwd(vf x, const actfn_params *p)
{
    (void)p;
    return v_tanh_cx(x, 0.5f);
}
/* (1/2)·sech²(x/2) = 2e/(1+e)², e = exp(−|x|) */
static inline vf op_symmetric_sigmoid_der(vf x, const actfn_params *p)
{
    (void)p;
    vf e = v_exp_negabs(v_negabs(x));
    vf d = v_add(v_set(1.0f), e);
    return v_div(v_add(e, e), v_mul(d, d));
}

/* ---- tanhshrink: x − tanh x.  Below 2^-8 the series x³/3 − 2x⁵/15 (the
 * difference cancels ~17 bits there, too many even in f64) ---- */
static inline vd op_tanhshrink_fwd(vd x, const actfn_params *p)
{
    (void)p;
    vd x2 = d_mul(x, x);
    vd series = d_mul(d_mul(x, x2), d_fma(x2, d_set(-2.0 / 15.0), d_set(1.0 / 3.0)));
    return d_sel(d_lt(d_abs(x), d_set(0x1p-8)), series, d_sub(x, d_tanh(x)));
}
/* 1 − sech² = tanh² */
static inline vd op_tanhshrink_der(vd x, const actfn_params *p)
{
    (void)p;
    vd t = d_tanh(x);
    return d_mul(t, t);
}

#endif
