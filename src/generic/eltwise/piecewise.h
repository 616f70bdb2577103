/*
 * Piecewise-linear family: relu, relu6, leaky_relu, prelu, rrelu, srelu,
 * hard_sigmoid, hard_tanh, hard_swish, identity, step, sign, absolute,
 * softshrink, hardshrink.  Every one is exact (one rounding at most).
 */
#ifndef ACTFN_GENERIC_ELTWISE_PIECEWISE_H
#define ACTFN_GENERIC_ELTWISE_PIECEWISE_H

#include <string.h>

#include "generic/eltwise/common.h"

/* ---- relu: max(0, x); NaN and -0 pass through v_max's second operand ---- */
static inline vf op_relu_fwd(vf x, const actfn_params *p)
{
    (void)p;
    return v_max(v_set(0.0f), x);
}
#ifdef ACTFN_HAVE_H16
#include "generic/half.h"
/* The selections on bf16 and f16 patterns (vec.h's 16-bit lanes, for ACTFN_LOOP_H16_1),
 * forward and derivative, each the f32 body's results with a NaN x's own NaN quieted
 * (h16_quiet where the selection leaves x in a NaN's lane).  A format's inf, quiet bit, 1 and
 * 6 (bf16: 0x7f80, 0x40, 0x3f80, 0x40c0; f16: 0x7c00, 0x200, 0x3c00, 0x4600); the numbers
 * below zero are the patterns from −0's up to −inf's (−0 not among them), those above zero
 * from +0's up to +inf's.
 * A parameter a is compared as the format's nearest value at or above it (x < a) or at or
 * below it (x > a), in h16_key's order: from its rounding h to nearest and h's float value,
 * with integer code only (the loops keep the caller's FP environment). */
static inline int32_t h16_f32_key(float f)
{
    uint32_t u = actfn_f32_bits(f);
    return (u >> 31) ? -(int32_t)(u & 0x7fffffffu) : (int32_t)u;
}
static inline uint16_t h16_bound_key(uint16_t h, float hf, float a, int up)
{
    int32_t kh = h16_f32_key(hf), ka = h16_f32_key(a);
    int k = (h & 0x8000) ? -(int)(h & 0x7fff) : (int)h;
    return (uint16_t)(k + (up ? kh < ka : -(kh > ka)));
}
#define ACTFN_H16_NEG(x, inf) h16_in(x, 0x8001, 0x8000 | (inf))
#define ACTFN_H16_POS(x, inf) h16_in(x, 1, inf)
#ifndef ACTFN_H16_MASKED_FORMS
/* relu: +0 for the numbers below zero, x elsewhere; sign: ±1 for the numbers above and below
 * zero, x itself for ±0; a NaN quieted; and h16_min_signed(h16_andnot(m, v), c) (avx512 has
 * its own, in vec.h, with masked instructions) */
static inline vh h16_min_signed_andnot(vhm m, vh v, uint16_t c)
{
    return h16_min_signed(h16_andnot(m, v), c);
}
static inline vh h16_relu(vh x, uint16_t inf, uint16_t q)
{
    return h16_quiet(h16_andnot(ACTFN_H16_NEG(x, inf), x), inf, q);
}
static inline vh h16_sign(vh x, uint16_t inf, uint16_t q, uint16_t one)
{
    vh r = h16_sel(ACTFN_H16_POS(x, inf), h16_set(one), x);
    return h16_quiet(h16_sel(ACTFN_H16_NEG(x, inf), h16_set((uint16_t)(0x8000 | one)), r), inf, q);
}
#endif
/* a body's constants from the parameters, computed once per call (hcop_<body>_<T>): the
 * bounds' keys (lo, hi) and the values that replace x beyond them; where by_sign, one bound per
 * sign of x, compared with x's pattern as unsigned integers (the forward's are lo_value and
 * hi_value, the derivative's neg and pos) */
typedef struct h16c {
    vh lo, lo_value, hi, hi_value;
    vh neg, pos;
    int by_sign;
} h16c;
#define ACTFN_H16_NO_PARAMS(body, T)                                                               \
    static inline h16c hcop_##body##_##T(const actfn_params *p)                                    \
    {                                                                                              \
        (void)p;                                                                                   \
        return (h16c){.by_sign = 0};                                                               \
    }
#define ACTFN_H16_FORMAT(T, inf, q, one, six)                                                      \
    ACTFN_H16_NO_PARAMS(identity_fwd, T)                                                           \
    ACTFN_H16_NO_PARAMS(identity_der, T)                                                           \
    ACTFN_H16_NO_PARAMS(absolute_fwd, T)                                                           \
    ACTFN_H16_NO_PARAMS(absolute_der, T)                                                           \
    ACTFN_H16_NO_PARAMS(relu_fwd, T)                                                               \
    ACTFN_H16_NO_PARAMS(relu_der, T)                                                               \
    ACTFN_H16_NO_PARAMS(relu6_fwd, T)                                                              \
    ACTFN_H16_NO_PARAMS(relu6_der, T)                                                              \
    ACTFN_H16_NO_PARAMS(step_fwd, T)                                                               \
    ACTFN_H16_NO_PARAMS(step_der, T)                                                               \
    ACTFN_H16_NO_PARAMS(sign_fwd, T)                                                               \
    /* the backward dy·d of a derivative d in {+0, ±1} or a NaN (x's, quieted), as the f32     \
     * product rounds it (exact): ±dy for d = ±1 and the zero of dy's sign for d = +0, that is \
     * dy's bits (all, or the sign) with d's sign flipped in; a NaN for a NaN dy, and for an   \
     * infinite one where d = +0 (dy with the quiet bit set, a quiet NaN either way); d's NaN  \
     * for a NaN x */                                                                          \
    static inline vh h16_bwd_##T(vh dy, vh d)                                                      \
    {                                                                                              \
        vhm z = h16_eq(d, h16_set(0));                                                             \
        vh m = h16_sel(z, h16_set(0x8000), h16_set(0xffff));                                       \
        vh r = h16_vxor(h16_vand(dy, m), h16_vand(d, h16_set(0x8000)));                            \
        vhm nan = h16_gt(h16_abs(dy), h16_sel(z, h16_set((inf) - 1), h16_set(inf)));               \
        r = h16_sel(nan, h16_vor(dy, h16_set(q)), r);                                              \
        return h16_sel(h16_nan(d, inf), d, r);                                                     \
    }                                                                                              \
    static inline uint16_t h16_up_##T(float a)                                                     \
    {                                                                                              \
        uint16_t h = actfn_f32_to_##T(a);                                                          \
        return h16_bound_key(h, actfn_##T##_to_f32(h), a, 1);                                      \
    }                                                                                              \
    static inline uint16_t h16_down_##T(float a)                                                   \
    {                                                                                              \
        uint16_t h = actfn_f32_to_##T(a);                                                          \
        return h16_bound_key(h, actfn_##T##_to_f32(h), a, 0);                                      \
    }                                                                                              \
    static inline vh hop_identity_fwd_##T(vh x, const h16c *c)                                     \
    {                                                                                              \
        (void)c;                                                                                   \
        return h16_quiet(x, inf, q);                                                               \
    }                                                                                              \
    static inline vh hop_identity_der_##T(vh x, const h16c *c)                                     \
    {                                                                                              \
        (void)c;                                                                                   \
        return h16_quiet_or(x, h16_set(one), inf, q);                                              \
    }                                                                                              \
    /* absolute: a NaN keeps its sign, as the other loops give x's own NaN */                      \
    static inline vh hop_absolute_fwd_##T(vh x, const h16c *c)                                     \
    {                                                                                              \
        (void)c;                                                                                   \
        return h16_quiet_or(x, h16_abs(x), inf, q);                                                \
    }                                                                                              \
    static inline vh hop_absolute_der_##T(vh x, const h16c *c)                                     \
    {                                                                                              \
        (void)c;                                                                                   \
        vh d = h16_and(ACTFN_H16_POS(x, inf), h16_set(one));                                       \
        d = h16_sel(ACTFN_H16_NEG(x, inf), h16_set(0x8000 | (one)), d);                            \
        return h16_quiet_or(x, d, inf, q);                                                         \
    }                                                                                              \
    /* relu: +0 below zero (−inf too), −0 kept as f32's max(0, x) keeps it */                      \
    static inline vh hop_relu_fwd_##T(vh x, const h16c *c)                                         \
    {                                                                                              \
        (void)c;                                                                                   \
        return h16_relu(x, inf, q);                                                                \
    }                                                                                              \
    static inline vh hop_relu_der_##T(vh x, const h16c *c)                                         \
    {                                                                                              \
        (void)c;                                                                                   \
        return h16_quiet_or(x, h16_and(ACTFN_H16_POS(x, inf), h16_set(one)), inf, q);              \
    }                                                                                              \
    static inline vh hop_relu6_fwd_##T(vh x, const h16c *c)                                        \
    {                                                                                              \
        (void)c;                                                                                   \
        vh r = h16_min_signed_andnot(ACTFN_H16_NEG(x, inf), x, six);                                \
        return h16_quiet_or(x, r, inf, q);                                                         \
    }                                                                                              \
    /* relu6': 1 on (0, 6), the patterns from +0's to 6's, both excluded */                        \
    static inline vh hop_relu6_der_##T(vh x, const h16c *c)                                        \
    {                                                                                              \
        (void)c;                                                                                   \
        return h16_quiet_or(x, h16_and(h16_in(x, 1, (six) - 1), h16_set(one)), inf, q);            \
    }                                                                                              \
    /* step: 1 for x ≥ 0 (−0 too) */                                                               \
    static inline vh hop_step_fwd_##T(vh x, const h16c *c)                                         \
    {                                                                                              \
        (void)c;                                                                                   \
        return h16_quiet_or(x, h16_andnot(ACTFN_H16_NEG(x, inf), h16_set(one)), inf, q);           \
    }                                                                                              \
    static inline vh hop_step_der_##T(vh x, const h16c *c)                                         \
    {                                                                                              \
        (void)c;                                                                                   \
        return h16_quiet_or(x, h16_set(0), inf, q);                                                \
    }                                                                                              \
    /* sign: ±1, x itself for ±0 (and a NaN) */                                                    \
    static inline vh hop_sign_fwd_##T(vh x, const h16c *c)                                         \
    {                                                                                              \
        (void)c;                                                                                   \
        return h16_sign(x, inf, q, one);                                                           \
    }                                                                                              \
    /* hard_tanh: alpha's rounding a where x < alpha, beta's b where x > beta, x between.  Where \
     * a ≤ −0 and +0 ≤ b (by_sign), a negative x (−0 too) can only fall below alpha and a       \
     * positive one only rise above beta, and the rounding is a pattern's bound: the lesser of   \
     * x and a, or of x and b, as unsigned integers, is the result (ties give x) */              \
    static inline h16c hcop_hard_tanh_fwd_##T(const actfn_params *p)                               \
    {                                                                                              \
        uint16_t a = actfn_f32_to_##T(p->alpha), b = actfn_f32_to_##T(p->beta);                   \
        return (h16c){.lo = h16_set(h16_up_##T(p->alpha)), .lo_value = h16_set(a),                 \
                      .hi = h16_set(h16_down_##T(p->beta)), .hi_value = h16_set(b),                \
                      .by_sign = (a & 0x8000) && !(b & 0x8000)};                                   \
    }                                                                                              \
    static inline vh hop_hard_tanh_fwd_##T(vh x, const h16c *c)                                    \
    {                                                                                              \
        if (c->by_sign)                                                                            \
            return h16_quiet_or(x, h16_min_u(x, h16_by_sign(x, c->lo_value, c->hi_value)), inf, q); \
        vh k = h16_key(x);                                                                         \
        vh r = h16_sel(h16_gt(c->lo, k), c->lo_value, x);                                          \
        return h16_quiet_or(x, h16_sel(h16_gt(k, c->hi), c->hi_value, r), inf, q);                 \
    }                                                                                              \
    /* 1 where alpha < x < beta.  Where alpha < 0 < beta (by_sign), x ≤ alpha exactly when x is \
     * negative and |x| at least the format's least magnitude ≥ −alpha, x ≥ beta when positive  \
     * and at least the least value ≥ beta: x's pattern unsigned ≥ the bound of its sign */      \
    static inline h16c hcop_hard_tanh_der_##T(const actfn_params *p)                               \
    {                                                                                              \
        uint32_t ua = actfn_f32_bits(p->alpha), ub = actfn_f32_bits(p->beta);                      \
        vh hi = h16_set(h16_up_##T(p->beta)); /* a key; where by_sign (beta > 0), the pattern */ \
        return (h16c){.lo = h16_set(h16_down_##T(p->alpha)), .hi = hi,                             \
                      .neg = h16_set((uint16_t)(0x8000 | h16_up_##T(-p->alpha))), .pos = hi,       \
                      .by_sign = (ua >> 31) && (ua << 1) && !(ub >> 31) && (ub << 1)};             \
    }                                                                                              \
    static inline vh hop_hard_tanh_der_##T(vh x, const h16c *c)                                    \
    {                                                                                              \
        if (c->by_sign)                                                                            \
            return h16_quiet_or(                                                                   \
                x, h16_andnot(h16_ge_u(x, h16_by_sign(x, c->neg, c->pos)), h16_set(one)), inf, q); \
        vh k = h16_key(x);                                                                         \
        vh d = h16_and(h16_gt(k, c->lo), h16_set(one));                                            \
        return h16_quiet_or(x, h16_and(h16_gt(c->hi, k), d), inf, q);                              \
    }                                                                                              \
    /* hardshrink: x where |x| > alpha (≥ 0), +0 elsewhere; shrink': 1 there */                    \
    static inline h16c hcop_hardshrink_fwd_##T(const actfn_params *p)                              \
    {                                                                                              \
        return (h16c){.lo = h16_set(h16_down_##T(p->alpha))};                                      \
    }                                                                                              \
    static inline vh hop_hardshrink_fwd_##T(vh x, const h16c *c)                                   \
    {                                                                                              \
        return h16_quiet(h16_and(h16_gt(h16_abs(x), c->lo), x), inf, q);                           \
    }                                                                                              \
    static inline h16c hcop_shrink_der_##T(const actfn_params *p)                                  \
    {                                                                                              \
        return hcop_hardshrink_fwd_##T(p);                                                         \
    }                                                                                              \
    static inline vh hop_shrink_der_##T(vh x, const h16c *c)                                       \
    {                                                                                              \
        return h16_quiet_or(x, h16_and(h16_gt(h16_abs(x), c->lo), h16_set(one)), inf, q);          \
    }
ACTFN_H16_FORMAT(bf16, 0x7f80, 0x40, 0x3f80, 0x40c0)
ACTFN_H16_FORMAT(f16, 0x7c00, 0x200, 0x3c00, 0x4600)
#define ACTFN_H16_op_identity_fwd ~, 1
#define ACTFN_H16_op_identity_der ~, 1
#define ACTFN_H16_op_absolute_fwd ~, 1
#define ACTFN_H16_op_absolute_der ~, 1
#define ACTFN_H16_op_relu_fwd ~, 1
#define ACTFN_H16_op_relu_der ~, 1
#define ACTFN_H16_op_relu6_fwd ~, 1
#define ACTFN_H16_op_relu6_der ~, 1
#define ACTFN_H16_op_step_fwd ~, 1
#define ACTFN_H16_op_step_der ~, 1 /* sign's too (op_sign_der) */
#define ACTFN_H16_op_hard_tanh_fwd ~, 1
#define ACTFN_H16_op_hard_tanh_der ~, 1
#define ACTFN_H16_op_hardshrink_fwd ~, 1
#define ACTFN_H16_op_shrink_der ~, 1 /* hardshrink's (softshrink's loops are not selections) */
#define ACTFN_H16_op_sign_fwd ~, 1
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
/* The half-precision loops' bodies where the path rounds to odd (ACTFN_HAVE_V_ODD): the one
 * rounding to odd, so that the store's rounding to nearest-even is the correct one and no lane
 * needs a second look (generic/loops_eltwise.inc, ACTFN_LOOP_FD16_1).  A body listed as
 * ACTFN_ODD_<body>_<T> has op_<...>_odd, used for T where it measured faster than the test
 * and its ring (docs/benchmarks.md, "Bodies rounded to odd"): bf16 leaky_relu's test, which
 * its common slopes almost never fail, costs fewer operations than the two directed products. */
#ifdef ACTFN_HAVE_V_ODD
static inline vf op_leaky_relu_fwd_odd(vf x, const actfn_params *p)
{
    return v_mul_odd_where(v_le(x, v_set(0.0f)), x, v_set(p->alpha));
}
#define ACTFN_ODD_op_leaky_relu_fwd_f16 ~, 1 /* prelu's too */
#endif

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
#ifdef ACTFN_HAVE_V_ODD
/* Rounded to odd: the slope s = (lower + upper)/2 (in double, as op64_rrelu_fwd) as hi + lo,
 * two floats, and x·s = x·hi + x·lo by one fused multiply-add, exact where x·lo is: lo with at
 * most 13 significant bits (x has at most 11) and no underflow.  _ok: the parameters give such
 * an lo, 0 or at least 2^-100 (f16's least x, 2^-24, times lo's last bit, ≥ 2^-113, is above
 * 2^-149); _tiny: bf16's x below it may underflow x·lo (x's last bit ≥ |x|·2^-8, lo's ≥
 * |lo|·2^-13: the product's is ≥ 2^-149 from |x| ≥ 2^-128/|lo|).  The default slope
 * (1/8 + RN(1/3))/2 needs 25 bits: hi + lo, lo one bit. */
static inline double rrelu_slope64(const actfn_params *p)
{
    return ((double)p->alpha + (double)p->beta) * 0.5;
}
static inline float rrelu_slope_lo(const actfn_params *p)
{
    double s = rrelu_slope64(p);
    return (float)(s - (double)(float)s);
}
static inline int op_rrelu_fwd_odd_ok(const actfn_params *p)
{
    double s = rrelu_slope64(p), r = s - (double)(float)s;
    float lo = (float)r;
    uint32_t b;
    memcpy(&b, &lo, sizeof b);
    /* |hi| ≤ 2^24: |lo| ≤ 1, so x·lo stays finite for finite x and for −inf's stand-in −FLT_MAX
     * (an infinite x·lo against x·hi would make inf − inf) */
    return fabs(s) <= 0x1p24 && (double)lo == r &&
           (lo == 0 || (fabsf(lo) >= 0x1p-100f && (b & 0x3ffu) == 0));
}
static inline float op_rrelu_fwd_odd_tiny(const actfn_params *p)
{
    float lo = fabsf(rrelu_slope_lo(p));
    return lo == 0 ? 0.0f : 0x1p-127f / lo; /* twice the bound: the quotient's rounding */
}
static inline vf op_rrelu_fwd_odd(vf x, const actfn_params *p)
{
    double s = rrelu_slope64(p);
    float hi = (float)s, lo = (float)(s - (double)hi);
    vf c = v_mul(v_max(x, v_set(-FLT_MAX)), v_set(lo)); /* −inf: −inf·hi + 0, not inf − inf */
    return v_fma_odd_where(v_lt(x, v_set(0.0f)), x, v_set(hi), c);
}
#define ACTFN_ODD_op_rrelu_fwd_bf16 ~, 2
#define ACTFN_ODD_op_rrelu_fwd_f16 ~, 2
#endif
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
#ifdef ACTFN_HAVE_V_ODD
/* Rounded to odd: alpha·x + beta by one FMA, clamped (0 and 1 are floats: the order holds).
 * Where the f32 body's own sum rounds to a zero, that zero, so that a zero result has the f32
 * call's sign (an exact value in [−2^-150, 0) rounds to −0, kept by the clamp, and to odd to
 * −2^-149, which the clamp would make +0).  The paths with the test reach the same bits: their
 * f64 second look asks op64_hard_sigmoid_fwd_tie where alpha·x is a midpoint and beta lies
 * below double's reach of it.  docs/numerics.md, "Bodies rounded to odd" */
static inline vf op_hard_sigmoid_fwd_odd(vf x, const actfn_params *p)
{
    vf a = v_set(p->alpha), b = v_set(p->beta);
    vf t = v_fma(a, x, b);
    vf y = v_max(v_set(0.0f), v_min(v_set(1.0f), v_fma_odd(a, x, b)));
    return v_sel(v_eq(t, v_set(0.0f)), t, y);
}
#define ACTFN_ODD_op_hard_sigmoid_fwd_bf16 ~, 1
#define ACTFN_ODD_op_hard_sigmoid_fwd_f16 ~, 1
#endif

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
#ifdef ACTFN_HAVE_V_ODD
/* x − λ·sign(x), rounded to odd, where |x| > λ */
static inline vf op_softshrink_fwd_odd(vf x, const actfn_params *p)
{
    vf l = v_set(p->alpha);
    return v_sel(v_gt(v_abs(x), l), v_sub_odd(x, v_xorsign(l, x)), v_set(0.0f));
}
#define ACTFN_ODD_op_softshrink_fwd_f16 ~, 1 /* bf16: the test measured faster (as leaky_relu) */
#endif
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
