/*
 * Two vectors per step: the f32-lane ops of the including path's vec.h over
 * a pair of vectors (vf2 = {a, b}), each op applied to a, then to b, before
 * the next one.  Included by generic/loops_x2.inc only, in a translation
 * unit of its own: after the definitions below, the v_* names and the lane
 * types are redefined to these, so that the f32 bodies
 * (generic/eltwise/, generic/math/lanes32.h), included next, compile
 * unchanged into bodies over two vectors.
 *
 * Why: a long body (gelu, the x·σ family's derivatives, mish: 60-100
 * operations, a dependency chain 15-25 deep) is bound by latency and by how
 * much of the next iteration the core's scheduler can see, not by its
 * operation count.  Interleaving two independent vectors op by op gives the
 * core two chains to fill each other's gaps (docs/speed-of-light.md).
 *
 * Same bits: every op is applied to each vector alone, and where a body
 * branches once per vector (v_all, v_any) both forms of the branch give each
 * lane the same result, so a lane's output does not depend on its
 * neighbours (the fingerprint test checks it on every path).
 */
#ifndef ACTFN_GENERIC_X2_H
#define ACTFN_GENERIC_X2_H

typedef struct {
    vf a, b;
} vf2;
typedef struct {
    vfm a, b;
} vfm2;
typedef struct {
    vlut a, b;
} vlut2;

/* ops by signature: R v2_f(A x[, B y[, C z]]), each of a and b alone */
#define ACTFN_X2_1(R, f, A)                                                                        \
    static inline R##2 v2_##f(A##2 x) { return (R##2){v_##f(x.a), v_##f(x.b)}; }
#define ACTFN_X2_2(R, f, A, B)                                                                     \
    static inline R##2 v2_##f(A##2 x, B##2 y) { return (R##2){v_##f(x.a, y.a), v_##f(x.b, y.b)}; }
#define ACTFN_X2_3(R, f, A, B, C)                                                                  \
    static inline R##2 v2_##f(A##2 x, B##2 y, C##2 z)                                          \
    {                                                                                          \
        return (R##2){v_##f(x.a, y.a, z.a), v_##f(x.b, y.b, z.b)};                             \
    }
ACTFN_X2_1(vf, abs, vf)
ACTFN_X2_1(vf, neg, vf)
ACTFN_X2_1(vf, rint, vf)
ACTFN_X2_1(vf, pow2i, vf)
ACTFN_X2_1(vf, pow2_biased, vf)
ACTFN_X2_1(vfm, isnan, vf)
ACTFN_X2_1(vlut, lut_index, vf)
ACTFN_X2_2(vf, add, vf, vf)
ACTFN_X2_2(vf, sub, vf, vf)
ACTFN_X2_2(vf, mul, vf, vf)
ACTFN_X2_2(vf, div, vf, vf)
ACTFN_X2_2(vf, min, vf, vf)
ACTFN_X2_2(vf, max, vf, vf)
ACTFN_X2_2(vf, xorsign, vf, vf)
ACTFN_X2_2(vfm, lt, vf, vf)
ACTFN_X2_2(vfm, le, vf, vf)
ACTFN_X2_2(vfm, gt, vf, vf)
ACTFN_X2_2(vfm, ge, vf, vf)
ACTFN_X2_2(vfm, eq, vf, vf)
ACTFN_X2_3(vf, fma, vf, vf, vf)
ACTFN_X2_3(vf, fnma, vf, vf, vf)
ACTFN_X2_3(vf, sel, vfm, vf, vf)
static inline vf2 v2_set(float c) { return (vf2){v_set(c), v_set(c)}; }
static inline int v2_all(vfm2 m) { return v_all(m.a) & v_all(m.b); }
static inline int v2_any(vfm2 m) { return v_any(m.a) | v_any(m.b); }
static inline vf2 v2_lut16(vlut2 i, const float *t)
{
    return (vf2){v_lut16(i.a, t), v_lut16(i.b, t)};
}
#ifdef ACTFN_VEC_LUT8
typedef struct {
    vlut8 a, b;
} vlut82;
ACTFN_X2_1(vlut8, lut8_index, vf)
static inline vf2 v2_lut8(vlut82 i, const float *t)
{
    return (vf2){v_lut8(i.a, t), v_lut8(i.b, t)};
}
static inline vf2 v2_tab8_low(vf2 n, const float *t)
{
    return (vf2){v_tab8_low(n.a, t), v_tab8_low(n.b, t)};
}
static inline vf2 v2_pow2_floor8(vf2 n, vfm2 *normal)
{
    return (vf2){v_pow2_floor8(n.a, &normal->a), v_pow2_floor8(n.b, &normal->b)};
}
ACTFN_X2_1(vf, floor8, vf)
#endif
#ifdef ACTFN_HAVE_V_SCALE
ACTFN_X2_2(vf, scale, vf, vf)
#endif
#ifdef ACTFN_HAVE_NAN_THROUGH
ACTFN_X2_2(vf, nan_through, vf, vf)
#endif
#ifdef ACTFN_HAVE_V_NEGABS
ACTFN_X2_1(vf, negabs, vf)
#endif
#ifdef ACTFN_HAVE_V_SEL_POS
ACTFN_X2_3(vf, sel_pos, vf, vf, vf)
#endif
#ifdef ACTFN_HAVE_EXP_TAB32
static inline vf2 v2_tab32_low(vf2 n, const float *t)
{
    return (vf2){v_tab32_low(n.a, t), v_tab32_low(n.b, t)};
}
static inline vf2 v2_tab16_low(vf2 n, const float *t)
{
    return (vf2){v_tab16_low(n.a, t), v_tab16_low(n.b, t)};
}
ACTFN_X2_1(vfm, tiny_or_nan, vf)
ACTFN_X2_2(vf, scale_floor, vf, vf)
ACTFN_X2_2(vf, neg_absmin, vf, vf)
ACTFN_X2_2(vf, signed_absmin, vf, vf)
ACTFN_X2_2(vf, pos_or, vf, vf)
ACTFN_X2_2(vf, one_or_neg, vf, vf)
#endif

/* The f32 dtype's loads and stores: elements [0, 2·VF), or [0, m) masked. */
static inline vf2 v2_load_f32(const float *p) { return (vf2){v_load_f32(p), v_load_f32(p + VF)}; }
static inline void v2_store_f32(float *p, vf2 v)
{
    v_store_f32(p, v.a);
    v_store_f32(p + VF, v.b);
}
static inline void v2_store_nt_f32(float *p, vf2 v)
{
    v_store_nt_f32(p, v.a);
    v_store_nt_f32(p + VF, v.b);
}
static inline vf2 v2_load_n_f32(const float *p, size_t m)
{
    if (m <= VF)
        return (vf2){v_load_n_f32(p, m), v_set(0.0f)};
    return (vf2){v_load_f32(p), v_load_n_f32(p + VF, m - VF)};
}
static inline void v2_store_n_f32(float *p, vf2 v, size_t m)
{
    if (m <= VF) {
        v_store_n_f32(p, v.a, m);
    } else {
        v_store_f32(p, v.a);
        v_store_n_f32(p + VF, v.b, m - VF);
    }
}

/* From here on, the lane types and ops are the pair's. */
#define vf vf2
#define vfm vfm2
#define vlut vlut2
#define v_abs v2_abs
#define v_neg v2_neg
#define v_rint v2_rint
#define v_pow2i v2_pow2i
#define v_pow2_biased v2_pow2_biased
#define v_isnan v2_isnan
#define v_lut_index v2_lut_index
#define v_add v2_add
#define v_sub v2_sub
#define v_mul v2_mul
#define v_div v2_div
#define v_min v2_min
#define v_max v2_max
#define v_xorsign v2_xorsign
#define v_lt v2_lt
#define v_le v2_le
#define v_gt v2_gt
#define v_ge v2_ge
#define v_eq v2_eq
#define v_fma v2_fma
#define v_fnma v2_fnma
#define v_sel v2_sel
#define v_set v2_set
#define v_all v2_all
#define v_any v2_any
#define v_lut16 v2_lut16
#ifdef ACTFN_VEC_LUT8
#define vlut8 vlut82
#define v_lut8_index v2_lut8_index
#define v_lut8 v2_lut8
#define v_tab8_low v2_tab8_low
#define v_pow2_floor8 v2_pow2_floor8
#define v_floor8 v2_floor8
#endif
#ifdef ACTFN_HAVE_V_SCALE
#define v_scale v2_scale
#endif
#ifdef ACTFN_HAVE_NAN_THROUGH
#define v_nan_through v2_nan_through
#endif
#ifdef ACTFN_HAVE_V_NEGABS
#define v_negabs v2_negabs
#endif
#ifdef ACTFN_HAVE_V_SEL_POS
#define v_sel_pos v2_sel_pos
#endif
#ifdef ACTFN_HAVE_EXP_TAB32
#define v_tab32_low v2_tab32_low
#define v_tab16_low v2_tab16_low
#define v_tiny_or_nan v2_tiny_or_nan
#define v_scale_floor v2_scale_floor
#define v_neg_absmin v2_neg_absmin
#define v_signed_absmin v2_signed_absmin
#define v_pos_or v2_pos_or
#define v_one_or_neg v2_one_or_neg
#endif
#define v_load_f32 v2_load_f32
#define v_store_f32 v2_store_f32
#define v_store_nt_f32 v2_store_nt_f32
#define v_load_n_f32 v2_load_n_f32
#define v_store_n_f32 v2_store_n_f32

#endif
