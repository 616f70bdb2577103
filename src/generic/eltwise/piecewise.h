/*
 * Piecewise-linear family: relu, relu6, leaky_relu, prelu, rrelu, srelu,
 * hard_sigmoid, hard_tanh, hard_swish, identity, step, sign, absolute,
 * softshrink, hardshrink.  Every one is exact (one rounding at most).
 */
#ifndef ACTFN_GENERIC_ELTWISE_PIECEWISE_H
#define ACTFN_GENERIC_ELTWISE_PIECEWISE_H

#include "generic/eltwise/common.h"

/* ---- relu: max(0, x); NaN and -0 pass through v_max's second operand ---- */
static inline vf op_relu_fwd(vf x, const actfn_params *p)
{
    (void)p;
    return v_max(v_set(0.0f), x);
}
#ifdef ACTFN_HAVE_H16
/* The selections without a parameter on bf16 and f16 patterns (vec.h's 16-bit lanes, for
 * ACTFN_LOOP_H16_1), each the f32 body's results with a NaN quieted; a format's inf and quiet
 * bit, and 6's pattern (bf16: 0x7f80, 0x40, 0x40c0; f16: 0x7c00, 0x200, 0x4600). */
#define ACTFN_H16_FORMAT(T, inf, q, six)                                                           \
    static inline vh hop_identity_fwd_##T(vh x) { return h16_quiet(x, inf, q); }                   \
    /* absolute: a NaN keeps its sign, as the other loops give x's own NaN */                      \
    static inline vh hop_absolute_fwd_##T(vh x) { return h16_quiet_or(x, h16_abs(x), inf, q); }    \
    /* relu: +0 below zero (−inf too), −0 kept as f32's max(0, x) keeps it */                  \
    static inline vh hop_relu_fwd_##T(vh x) { return h16_quiet(h16_zero_below(x, inf), inf, q); }  \
    static inline vh hop_relu6_fwd_##T(vh x)                                                       \
    {                                                                                              \
        return h16_quiet_or(x, h16_min_signed(h16_zero_below(x, inf), six), inf, q);               \
    }
ACTFN_H16_FORMAT(bf16, 0x7f80, 0x40, 0x40c0)
ACTFN_H16_FORMAT(f16, 0x7c00, 0x200, 0x4600)
#define ACTFN_H16_op_identity_fwd ~, 1
#define ACTFN_H16_op_absolute_fwd ~, 1
#define ACTFN_H16_op_relu_fwd ~, 1
#define ACTFN_H16_op_relu6_fwd ~, 1
#endif
static inline vf op_relu_der(vf x, const actfn_params *p)
{
    (void)p;
    return v_nan_through(x, v_sel(v_gt(x, v_set(0.0f)), v_set(1.0f), v_set(0.0f)));
}

/* ---- leaky_relu: x > 0 ? x : alpha·x (one rounding) ---- */
static inline vf op_leaky_relu_fwd(vf x, const actfn_params *p)
{
    return v_sel(v_gt(x, v_set(0.0f)), x, v_mul(x, v_set(p->alpha)));
}
static inline vf op_leaky_relu_der(vf x, const actfn_params *p)
{
    return v_nan_through(x, v_sel(v_gt(x, v_set(0.0f)), v_set(1.0f), v_set(p->alpha)));
}

/* ---- hard_swish: x·(min(max(x + 3, 0), 6)·RN(1/6)).  Multiplying x by
 * the clamped factor ≤ 1 last cannot overflow (x·(x+3) does for x > 5.7e37);
 * x + 3 is exact near -3 (Sterbenz), else within 2^-24 relative; RN(1/6)
 * is within 2^-25 of 1/6 and the two products round once each: relative
 * error < 3.5·2^-24, so ≤ 3.5 ULP (2.48 measured over every input, the
 * half loops' window for exact functions allows 3).  No division: a multiply by the rounded
 * reciprocal.  x is raised to −3 first (x'), so x' + 3 ≥ 0 needs no lower clamp, and the product is
 * fma(x', t, +0): below −3 t = +0 and the result +0, also at −inf (−inf·0 would be NaN); a NaN x
 * passes through max(−3, x) (and min(x' + 3, 6) gives 6, t finite).  Five operations. ---- */
static inline vf op_hard_swish_fwd(vf x, const actfn_params *p)
{
    (void)p;
    vf xc = v_max(v_set(-3.0f), x);
    vf t = v_mul(v_min(v_add(xc, v_set(3.0f)), v_set(6.0f)), v_set(0x1.555556p-3f));
    return v_fma(xc, t, v_set(0.0f));
}
/* hard_swish' = x/3 + 1/2 on [-3, 3] (−0.5 at −3, 1.5 at 3), 0 below, 1 above */
static inline vf op_hard_swish_der(vf x, const actfn_params *p)
{
    (void)p;
    /* (2x + 3)·RN(1/6): 2x + 3 is exact near the zero at -1.5 and at ±3 */
    vf d = v_mul(v_add(v_add(x, x), v_set(3.0f)), v_set(0x1.555556p-3f));
    d = v_sel(v_lt(x, v_set(-3.0f)), v_set(0.0f), d);
    return v_sel(v_gt(x, v_set(3.0f)), v_set(1.0f), d);
}

/* ---- identity, step, sign, absolute: exact ---- */
static inline vf op_identity_fwd(vf x, const actfn_params *p)
{
    (void)p;
    return x;
}
static inline vf op_identity_der(vf x, const actfn_params *p)
{
    (void)p;
    return v_nan_through(x, v_set(1.0f));
}
/* step: 1 for x ≥ 0 (including -0) */
static inline vf op_step_fwd(vf x, const actfn_params *p)
{
    (void)p;
    return v_nan_through(x, v_sel(v_ge(x, v_set(0.0f)), v_set(1.0f), v_set(0.0f)));
}
static inline vf op_step_der(vf x, const actfn_params *p)
{
    (void)p;
    return v_nan_through(x, v_set(0.0f));
}
/* sign: ±1, and x itself for ±0 and NaN (sign(-0) = -0) */
static inline vf op_sign_fwd(vf x, const actfn_params *p)
{
    (void)p;
    vf y = v_sel(v_lt(x, v_set(0.0f)), v_set(-1.0f), x);
    return v_sel(v_gt(x, v_set(0.0f)), v_set(1.0f), y);
}
#define op_sign_der op_step_der
static inline vf op_absolute_fwd(vf x, const actfn_params *p)
{
    (void)p;
    return v_abs(x);
}
/* absolute' = ±1, 0 at 0 */
static inline vf op_absolute_der(vf x, const actfn_params *p)
{
    (void)p;
    vf d = v_sel(v_lt(x, v_set(0.0f)), v_set(-1.0f), v_sel(v_gt(x, v_set(0.0f)), v_set(1.0f), x));
    return v_sel(v_eq(x, v_set(0.0f)), v_set(0.0f), d);
}

/* ---- relu6: min(max(0, x), 6); NaN rides the second operands ---- */
static inline vf op_relu6_fwd(vf x, const actfn_params *p)
{
    (void)p;
    return v_min(v_set(6.0f), v_max(v_set(0.0f), x));
}
/* 1 on (0, 6), 0 elsewhere including both kinks */
static inline vf op_relu6_der(vf x, const actfn_params *p)
{
    (void)p;
    vf d = v_sel(v_gt(x, v_set(0.0f)), v_set(1.0f), v_set(0.0f));
    return v_nan_through(x, v_sel(v_lt(x, v_set(6.0f)), d, v_set(0.0f)));
}

/* ---- prelu (one alpha): leaky_relu with another default ---- */
#define op_prelu_fwd op_leaky_relu_fwd
#define op_prelu_der op_leaky_relu_der

/* ---- rrelu, inference form: slope (lower + upper)/2 below 0.  The slope
 * is rounded once (0.5 ULP), the product once ---- */
static inline vf rrelu_slope(const actfn_params *p)
{
    return v_set((float)(((double)p->alpha + (double)p->beta) * 0.5));
}
static inline vf op_rrelu_fwd(vf x, const actfn_params *p)
{
    return v_sel(v_ge(x, v_set(0.0f)), x, v_mul(x, rrelu_slope(p)));
}
/* slope at 0 */
static inline vf op_rrelu_der(vf x, const actfn_params *p)
{
    return v_nan_through(x, v_sel(v_gt(x, v_set(0.0f)), v_set(1.0f), rrelu_slope(p)));
}

/* ---- srelu: params (t_l, a_l, t_r, a_r).  f64 keeps t + a·(x − t) to one
 * rounding for the defaults.  A slope of 0 would make 0·(±inf − t) NaN
 * where the limit is t: the variant srelu_flat (src/registry/variants.def)
 * takes the product as 0 there ---- */
static inline vd srelu_arm(vd x, double t, double a, int flat)
{
    vd prod = d_mul(d_set(a), d_sub(x, d_set(t)));
    return d_add(d_set(t), flat && a == 0.0 ? d_set(0.0) : prod);
}
static inline vd srelu_fwd(vd x, const actfn_params *p, int flat)
{
    vd y = d_sel(d_le(x, d_set(p->alpha)), srelu_arm(x, p->alpha, p->beta, flat), x);
    return d_sel(d_ge(x, d_set(p->gamma)), srelu_arm(x, p->gamma, p->delta, flat), y);
}
static inline vd op_srelu_fwd(vd x, const actfn_params *p) { return srelu_fwd(x, p, 0); }
static inline vd op_srelu_flat_fwd(vd x, const actfn_params *p) { return srelu_fwd(x, p, 1); }
/* srelu' = a_l at and below t_l, a_r at and above t_r, 1 between */
static inline vd op_srelu_der(vd x, const actfn_params *p)
{
    vd d = d_sel(d_ge(x, d_set(p->gamma)), d_set(p->delta), d_set(1.0));
    d = d_sel(d_le(x, d_set(p->alpha)), d_set(p->beta), d);
    return d_nan_through(x, d);
}

/* ---- hard_sigmoid: max(0, min(1, alpha·x + beta)), one FMA rounding ---- */
static inline vf op_hard_sigmoid_fwd(vf x, const actfn_params *p)
{
    vf t = v_fma(v_set(p->alpha), x, v_set(p->beta));
    return v_max(v_set(0.0f), v_min(v_set(1.0f), t));
}
/* alpha strictly inside (0, 1), 0 at both kinks */
static inline vf op_hard_sigmoid_der(vf x, const actfn_params *p)
{
    /* the signs of alpha·x + beta and alpha·x + beta − 1 survive the one
     * FMA rounding; comparing the rounded sum with 1 would not */
    vf lo = v_fma(v_set(p->alpha), x, v_set(p->beta));
    vf hi = v_fma(v_set(p->alpha), x, v_set(p->beta - 1.0f));
    vf d = v_sel(v_gt(lo, v_set(0.0f)), v_set(p->alpha), v_set(0.0f));
    return v_nan_through(x, v_sel(v_lt(hi, v_set(0.0f)), d, v_set(0.0f)));
}

/* ---- hard_tanh: min(max(x, alpha), beta) ---- */
static inline vf op_hard_tanh_fwd(vf x, const actfn_params *p)
{
    return v_min(v_set(p->beta), v_max(v_set(p->alpha), x));
}
static inline vf op_hard_tanh_der(vf x, const actfn_params *p)
{
    vf d = v_sel(v_gt(x, v_set(p->alpha)), v_set(1.0f), v_set(0.0f));
    return v_nan_through(x, v_sel(v_lt(x, v_set(p->beta)), d, v_set(0.0f)));
}

/* ---- softshrink, hardshrink: lambda = alpha ≥ 0 ---- */
static inline vf op_softshrink_fwd(vf x, const actfn_params *p)
{
    vf l = v_set(p->alpha);
    vf y = v_sel(v_gt(x, l), v_sub(x, l), v_set(0.0f));
    y = v_sel(v_lt(x, v_neg(l)), v_add(x, l), y);
    return v_nan_through(x, y);
}
static inline vf op_shrink_der(vf x, const actfn_params *p)
{
    return v_nan_through(x, v_sel(v_gt(v_abs(x), v_set(p->alpha)), v_set(1.0f), v_set(0.0f)));
}
#define op_softshrink_der op_shrink_der
static inline vf op_hardshrink_fwd(vf x, const actfn_params *p)
{
    return v_nan_through(x, v_sel(v_gt(v_abs(x), v_set(p->alpha)), x, v_set(0.0f)));
}
#define op_hardshrink_der op_shrink_der

#endif
