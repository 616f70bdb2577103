/* AArch64 AdvSIMD vector ops: 4 f32 lanes, 2 f64 lanes. */
#ifndef ACTFN_NEON_VEC_H
#define ACTFN_NEON_VEC_H

#if !defined(__aarch64__) || !defined(__ARM_NEON)
#error "src/neon is AArch64 AdvSIMD only"
#endif

#include <arm_neon.h>
#include <sleef.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "generic/fenv_aarch64.h"

#define ACTFN_ISA_SUFFIX neon
#define VF 4 /* f32 lanes */
#define VD 2 /* f64 lanes */

typedef float32x4_t vf;
typedef uint32x4_t vfm; /* lane masks are all-ones / all-zeros lanes */
typedef float64x2_t vd;
typedef uint64x2_t vdm;

/* AdvSIMD has no masked load or store: a tail goes through a zeroed stack
 * vector, and only its lanes [0, n) are copied from or to memory. */

/* ---- f32 lanes; loads and stores of the f32 dtype ---- */
static inline vf v_load_f32(const float *p) { return vld1q_f32(p); }
static inline void v_store_f32(float *p, vf v) { vst1q_f32(p, v); }
static inline vf v_load_n_f32(const float *p, size_t n)
{
    float t[VF] = {0};
    memcpy(t, p, n * sizeof *p);
    return vld1q_f32(t);
}
static inline void v_store_n_f32(float *p, vf v, size_t n)
{
    float t[VF];
    vst1q_f32(t, v);
    memcpy(p, t, n * sizeof *p);
}
static inline vf v_set(float c) { return vdupq_n_f32(c); }
static inline vf v_add(vf a, vf b) { return vaddq_f32(a, b); }
static inline vf v_sub(vf a, vf b) { return vsubq_f32(a, b); }
static inline vf v_mul(vf a, vf b) { return vmulq_f32(a, b); }
static inline vf v_div(vf a, vf b) { return vdivq_f32(a, b); }
static inline vf v_fma(vf a, vf b, vf c) { return vfmaq_f32(c, a, b); }
/* c − a·b, one rounding */
static inline vf v_fnma(vf a, vf b, vf c) { return vfmsq_f32(c, a, b); }
static inline vf v_abs(vf a) { return vabsq_f32(a); }
static inline vf v_sqrt(vf a) { return vsqrtq_f32(a); }
static inline vf v_neg(vf a) { return vnegq_f32(a); }
/* −|a| by setting the sign bit (one instruction where v_neg(v_abs(a)) takes two); the same
 * bits, a NaN's payload kept */
#define ACTFN_HAVE_V_NEGABS 1
static inline vf v_negabs(vf a)
{
    return vreinterpretq_f32_u32(vorrq_u32(vreinterpretq_u32_f32(a), vdupq_n_u32(0x80000000u)));
}
/* a with its sign flipped where b's sign bit is set */
static inline vf v_xorsign(vf a, vf b)
{
    uint32x4_t s = vandq_u32(vreinterpretq_u32_f32(b), vdupq_n_u32(0x80000000u));
    return vreinterpretq_f32_u32(veorq_u32(vreinterpretq_u32_f32(a), s));
}
/* a > b ? a : b and a < b ? a : b: the second operand wins on NaN and on
 * ±0 ties, as the generic bodies expect.  FMAX/FMIN would return NaN for
 * either operand and order -0 below +0, so compare and select instead. */
static inline vf v_max(vf a, vf b) { return vbslq_f32(vcgtq_f32(a, b), a, b); }
static inline vf v_min(vf a, vf b) { return vbslq_f32(vcltq_f32(a, b), a, b); }
static inline vfm v_lt(vf a, vf b) { return vcltq_f32(a, b); }
static inline vfm v_le(vf a, vf b) { return vcleq_f32(a, b); }
static inline vfm v_gt(vf a, vf b) { return vcgtq_f32(a, b); }
static inline vfm v_ge(vf a, vf b) { return vcgeq_f32(a, b); }
static inline vfm v_eq(vf a, vf b) { return vceqq_f32(a, b); }
static inline vfm v_isnan(vf a) { return vmvnq_u32(vceqq_f32(a, a)); }
/* m ? a : b */
static inline vf v_sel(vfm m, vf a, vf b) { return vbslq_f32(m, a, b); }
static inline int v_all(vfm m) { return vminvq_u32(m) == 0xffffffffu; }
/* Building blocks of generic/math/: nearest integer (ties to even), and
 * 2^k for integer-valued k in [-126, 127]. */
static inline vf v_rint(vf a) { return vrndnq_f32(a); }
static inline vf v_pow2i(vf k)
{
    int32x4_t b = vaddq_s32(vcvtnq_s32_f32(k), vdupq_n_s32(127));
    return vreinterpretq_f32_s32(vshlq_n_s32(b, 23));
}
/* 2^k from n = 0x1.8p23 + 127 + k (k integer in [-126, 127]; the sum held
 * exactly, as the rounding FMA of generic/math/ leaves it): n's low bits,
 * 127 + k, moved into the exponent field. */
static inline vf v_pow2_biased(vf n)
{
    return vreinterpretq_f32_u32(vshlq_n_u32(vreinterpretq_u32_f32(n), 23));
}

/* 16-entry tables (generic/math/): v_lut_index(a) picks entry
 * (bits(a) >> 21) & 15 of each lane, the low two exponent bits and top two
 * mantissa bits of a; v_lut16(i, t) reads t[i] per lane. */
typedef uint8x16_t vlut; /* byte indices into the 64-byte table */
static inline vlut v_lut_index(vf a)
{
    uint32x4_t i = vandq_u32(vshrq_n_u32(vreinterpretq_u32_f32(a), 21), vdupq_n_u32(15));
    /* bytes 4i, 4i + 1, 4i + 2, 4i + 3 of each lane (no carries: 4i ≤ 60) */
    return vreinterpretq_u8_u32(vmlaq_n_u32(vdupq_n_u32(0x03020100u), i, 0x04040404u));
}
static inline vf v_lut16(vlut i, const float *t)
{
    return vreinterpretq_f32_u8(vqtbl4q_u8(vld1q_u8_x4((const uint8_t *)t), i));
}
static inline vf v_atan(vf a) { return Sleef_atanf4_u10advsimd(a); }
static inline vf v_sin(vf a) { return Sleef_sinf4_u10advsimd(a); }
static inline vf v_cos(vf a) { return Sleef_cosf4_u10advsimd(a); }

/* ---- f64 lanes; loads and stores of the f32 dtype (widened, rounded once) ---- */
static inline vd d_load_f32(const float *p) { return vcvt_f64_f32(vld1_f32(p)); }
static inline void d_store_f32(float *p, vd v) { vst1_f32(p, vcvt_f32_f64(v)); }
static inline vd d_load_n_f32(const float *p, size_t n)
{
    float t[VD] = {0};
    memcpy(t, p, n * sizeof *p);
    return vcvt_f64_f32(vld1_f32(t));
}
static inline void d_store_n_f32(float *p, vd v, size_t n)
{
    float t[VD];
    vst1_f32(t, vcvt_f32_f64(v));
    memcpy(p, t, n * sizeof *p);
}
static inline vd d_set(double c) { return vdupq_n_f64(c); }
static inline vd d_add(vd a, vd b) { return vaddq_f64(a, b); }
static inline vd d_sub(vd a, vd b) { return vsubq_f64(a, b); }
static inline vd d_mul(vd a, vd b) { return vmulq_f64(a, b); }
static inline vd d_div(vd a, vd b) { return vdivq_f64(a, b); }
static inline vd d_fma(vd a, vd b, vd c) { return vfmaq_f64(c, a, b); }
static inline vd d_abs(vd a) { return vabsq_f64(a); }
static inline vd d_neg(vd a) { return vnegq_f64(a); }
static inline vd d_max(vd a, vd b) { return vbslq_f64(vcgtq_f64(a, b), a, b); }
static inline vd d_min(vd a, vd b) { return vbslq_f64(vcltq_f64(a, b), a, b); }
static inline vdm d_lt(vd a, vd b) { return vcltq_f64(a, b); }
static inline vdm d_le(vd a, vd b) { return vcleq_f64(a, b); }
static inline vdm d_gt(vd a, vd b) { return vcgtq_f64(a, b); }
static inline vdm d_ge(vd a, vd b) { return vcgeq_f64(a, b); }
static inline vdm d_eq(vd a, vd b) { return vceqq_f64(a, b); }
static inline vd d_sel(vdm m, vd a, vd b) { return vbslq_f64(m, a, b); }
static inline int d_all(vdm m) { return vminvq_u32(vreinterpretq_u32_u64(m)) == 0xffffffffu; }
static inline vd d_sqrt(vd a) { return vsqrtq_f64(a); }
/* d_pow2i: 2^k for integer-valued k in [-1022, 1023]. */
static inline vd d_rint(vd a) { return vrndnq_f64(a); }
static inline vd d_pow2i(vd k)
{
    int64x2_t b = vaddq_s64(vcvtnq_s64_f64(k), vdupq_n_s64(1023));
    return vreinterpretq_f64_s64(vshlq_n_s64(b, 52));
}
static inline vd d_sin(vd a) { return Sleef_sind2_u10advsimd(a); }
static inline vd d_cos(vd a) { return Sleef_cosd2_u10advsimd(a); }

/* ---- the f64 dtype in f64 lanes; f64-grade math (SLEEF, ≤ 1 ULP; erfc ≤ 1.5) ---- */
static inline vd d_load_f64(const double *p) { return vld1q_f64(p); }
static inline void d_store_f64(double *p, vd v) { vst1q_f64(p, v); }
static inline vd d_load_n_f64(const double *p, size_t n)
{
    double t[VD] = {0};
    memcpy(t, p, n * sizeof *p);
    return vld1q_f64(t);
}
static inline void d_store_n_f64(double *p, vd v, size_t n)
{
    double t[VD];
    vst1q_f64(t, v);
    memcpy(p, t, n * sizeof *p);
}
static inline vd d64_exp(vd a) { return Sleef_expd2_u10advsimd(a); }
static inline vd d64_expm1(vd a) { return Sleef_expm1d2_u10advsimd(a); }
static inline vd d64_log1p(vd a) { return Sleef_log1pd2_u10advsimd(a); }
static inline vd d64_tanh(vd a) { return Sleef_tanhd2_u10advsimd(a); }
static inline vd d64_erfc(vd a) { return Sleef_erfcd2_u15advsimd(a); }
static inline vd d64_atan(vd a) { return Sleef_atand2_u10advsimd(a); }

/* ---- bf16 and f16 (uint16_t bit patterns) in f32 and f64 lanes ----
 * Loads widen exactly; stores round to nearest-even (NaN: a quiet NaN of
 * the format, sign kept; overflow: ±inf; the format's subnormals kept).
 * v_round_<T> / d_round_<T>: the value a store would write, back in the
 * lanes (the correct-rounding test of generic/loops_eltwise.inc).  f16 is
 * FCVTL/FCVTN (base AdvSIMD; FPCR = 0 in the library: round to nearest, no
 * flush, NaNs propagated quiet); bf16 is integer code. */
static inline int v_any(vfm m) { return vmaxvq_u32(m) != 0; }
static inline int d_any(vdm m) { return vmaxvq_u32(vreinterpretq_u32_u64(m)) != 0; }
/* Horizontal, for the row operations: the largest lane (no lane NaN: the
 * caller checks first); the sum of the lanes in no fixed order (for exact
 * sums only: counts); the f64 lanes summed by halving, lane i + lane i + VD/2
 * first, then VD/4, ... (the order softmax fixes on every path). */
static inline float v_hmax(vf a) { return vmaxvq_f32(a); }
static inline float v_hsum_exact(vf a) { return vaddvq_f32(a); }
static inline double d_hsum_halves(vd a) { return vgetq_lane_f64(a, 0) + vgetq_lane_f64(a, 1); }
/* bf16 rounding in the 32-bit lanes (top half; low half zero): + 0x7fff +
 * the lsb kept; a NaN keeps its top half with the quiet bit set. */
static inline uint32x4_t h_bf16_round32(vf v)
{
    uint32x4_t u = vreinterpretq_u32_f32(v);
    uint32x4_t lsb = vandq_u32(vshrq_n_u32(u, 16), vdupq_n_u32(1));
    uint32x4_t r = vaddq_u32(u, vaddq_u32(vdupq_n_u32(0x7fff), lsb));
    r = vbslq_u32(vceqq_f32(v, v), r, vorrq_u32(u, vdupq_n_u32(0x400000)));
    return vandq_u32(r, vdupq_n_u32(0xffff0000u));
}
static inline uint16x4_t h_narrow_bf16(vf v) { return vshrn_n_u32(h_bf16_round32(v), 16); }
static inline vf h_widen_bf16(uint16x4_t h) { return vreinterpretq_f32_u32(vshll_n_u16(h, 16)); }
static inline vf v_round_bf16(vf v) { return vreinterpretq_f32_u32(h_bf16_round32(v)); }
/* The store of lanes that hold no tie of bf16 (the correct-rounding loops
 * send those elsewhere): + 0x8000, the top half kept; a NaN as above. */
static inline void v_store_untied_bf16(uint16_t *p, vf v)
{
    uint32x4_t u = vreinterpretq_u32_f32(v), r = vaddq_u32(u, vdupq_n_u32(0x8000));
    vst1_u16(p,
             vshrn_n_u32(vbslq_u32(vceqq_f32(v, v), r, vorrq_u32(u, vdupq_n_u32(0x400000))), 16));
}
/* Lanes whose low 32 − s bits lie within k of their midpoint 2^(31 − s):
 * a float within k of a rounding boundary of a format that keeps its top s
 * bits (generic/loops_eltwise.inc). */
#define ACTFN_V_LOW_NEAR(s)                                                                        \
    static inline vfm v_low_near_##s(vf y, uint32_t k)                                             \
    {                                                                                              \
        uint32x4_t t = vshlq_n_u32(vreinterpretq_u32_f32(y), s);                                   \
        t = vaddq_u32(t, vdupq_n_u32((k << s) - 0x80000000u));                                     \
        return vcleq_u32(t, vdupq_n_u32(2 * k << s));                                              \
    }
ACTFN_V_LOW_NEAR(16)
ACTFN_V_LOW_NEAR(19)
static inline uint16x4_t h_narrow_f16(vf v) { return vreinterpret_u16_f16(vcvt_f16_f32(v)); }
/* The empty asm keeps GCC from folding FCVTN(FCVTL(h)) into h: a fold that
 * is exact for every value but a signaling NaN (which FCVTL quiets), and
 * legal without -fsignaling-nans; identity's loop would otherwise copy one
 * through unquieted. */
static inline vf h_widen_f16(uint16x4_t h)
{
    vf v = vcvt_f32_f16(vreinterpret_f16_u16(h));
    __asm__("" : "+w"(v));
    return v;
}
static inline vf v_round_f16(vf v) { return h_widen_f16(h_narrow_f16(v)); }
static inline uint16x4_t h_load_n(const uint16_t *p, size_t n)
{
    uint16_t t[4] = {0};
    memcpy(t, p, n * sizeof *p);
    return vld1_u16(t);
}
static inline void h_store_n(uint16_t *p, uint16x4_t h, size_t n)
{
    uint16_t t[4];
    vst1_u16(t, h);
    memcpy(p, t, n * sizeof *p);
}
/* f64 lanes: two halves, through f32 (exact both ways for the loads; the
 * store rounds the double to float first, then to the format). */
static inline vd h_d(vf v) { return vcvt_f64_f32(vget_low_f32(v)); }
static inline vf h_f(vd v) { return vcombine_f32(vcvt_f32_f64(v), vdup_n_f32(0.0f)); }
#define ACTFN_NEON_HALF(T)                                                                         \
    static inline vf v_load_##T(const uint16_t *p) { return h_widen_##T(vld1_u16(p)); }            \
    static inline vf v_load_n_##T(const uint16_t *p, size_t n)                                     \
    {                                                                                              \
        return h_widen_##T(h_load_n(p, n));                                                        \
    }                                                                                              \
    static inline void v_store_##T(uint16_t *p, vf v) { vst1_u16(p, h_narrow_##T(v)); }            \
    static inline void v_store_n_##T(uint16_t *p, vf v, size_t n)                                  \
    {                                                                                              \
        h_store_n(p, h_narrow_##T(v), n);                                                          \
    }                                                                                              \
    static inline vd d_load_##T(const uint16_t *p) { return h_d(h_widen_##T(h_load_n(p, VD))); }   \
    static inline vd d_load_n_##T(const uint16_t *p, size_t n)                                     \
    {                                                                                              \
        return h_d(h_widen_##T(h_load_n(p, n)));                                                   \
    }                                                                                              \
    static inline void d_store_##T(uint16_t *p, vd v) { h_store_n(p, h_narrow_##T(h_f(v)), VD); }  \
    static inline void d_store_n_##T(uint16_t *p, vd v, size_t n)                                  \
    {                                                                                              \
        h_store_n(p, h_narrow_##T(h_f(v)), n);                                                     \
    }                                                                                              \
    static inline vd d_round_##T(vd v) { return h_d(v_round_##T(h_f(v))); }
ACTFN_NEON_HALF(bf16)
ACTFN_NEON_HALF(f16)

/* ---- bf16 and f16 as 16-bit patterns, 8 lanes: the loops of the bodies that need no
 * arithmetic (generic/loops_eltwise.inc, ACTFN_LOOP_H16); masks are vectors (lanes all
 * ones), a tail goes through a stack vector, stores are never streamed (ACTFN_HAVE_NT 0). */
typedef uint16x8_t vh;
typedef uint16x8_t vhm;
#define ACTFN_HAVE_H16 1
#define VH 8
static inline vh h16_set(uint16_t c) { return vdupq_n_u16(c); }
static inline vh h16_load(const uint16_t *p) { return vld1q_u16(p); }
static inline vh h16_load_n(const uint16_t *p, size_t n)
{
    uint16_t t[VH] = {0};
    memcpy(t, p, n * sizeof *p);
    return vld1q_u16(t);
}
static inline void h16_store(uint16_t *p, vh v) { vst1q_u16(p, v); }
static inline void h16_stream(uint16_t *p, vh v) { vst1q_u16(p, v); }
static inline void h16_store_n(uint16_t *p, vh v, size_t n)
{
    uint16_t t[VH];
    vst1q_u16(t, v);
    memcpy(p, t, n * sizeof *p);
}
/* the lanes whose pattern lies in [lo, hi] as unsigned integers (v − lo ≤ hi − lo) */
static inline vhm h16_in(vh v, uint16_t lo, uint16_t hi)
{
    return vcleq_u16(vsubq_u16(v, h16_set(lo)), h16_set((uint16_t)(hi - lo)));
}
static inline vh h16_sel(vhm m, vh a, vh b) { return vbslq_u16(m, a, b); }
/* a where m, +0 elsewhere; +0 where m, b elsewhere */
static inline vh h16_and(vhm m, vh a) { return vandq_u16(m, a); }
static inline vh h16_andnot(vhm m, vh b) { return vbicq_u16(b, m); }
/* a format's NaNs (|v| above inf's pattern) */
static inline vhm h16_nan(vh v, uint16_t inf)
{
    return vcgtq_u16(vandq_u16(v, h16_set(0x7fff)), h16_set(inf));
}
/* v's NaNs quieted (their quiet bit q set), the other lanes r; or, where v is its own r on
 * the NaN lanes, v with its NaNs quieted */
static inline vh h16_quiet_or(vh v, vh r, uint16_t inf, uint16_t q)
{
    return h16_sel(h16_nan(v, inf), vorrq_u16(v, h16_set(q)), r);
}
static inline vh h16_quiet(vh v, uint16_t inf, uint16_t q)
{
    return vorrq_u16(v, h16_and(h16_nan(v, inf), h16_set(q)));
}
/* the lesser of v and c as signed 16-bit integers: c where v is a positive number above c
 * (+inf, and a positive NaN, too), v elsewhere (negative numbers, −0 and negative NaNs) */
static inline vh h16_min_signed(vh v, uint16_t c)
{
    return vreinterpretq_u16_s16(vminq_s16(vreinterpretq_s16_u16(v), vdupq_n_s16((int16_t)c)));
}
static inline vh h16_abs(vh v) { return vandq_u16(v, h16_set(0x7fff)); }
/* the patterns as signed integers in the order of their values (−0 and +0 both 0, −x at
 * −|x|'s pattern, NaNs beyond ±inf), and signed a > b */
static inline vh h16_key(vh v)
{
    int16x8_t m = vreinterpretq_s16_u16(h16_abs(v));
    return vbslq_u16(vcltzq_s16(vreinterpretq_s16_u16(v)), vreinterpretq_u16_s16(vnegq_s16(m)),
                     vreinterpretq_u16_s16(m));
}
static inline vhm h16_gt(vh a, vh b)
{
    return vcgtq_s16(vreinterpretq_s16_u16(a), vreinterpretq_s16_u16(b));
}
static inline vhm h16_eq(vh a, vh b) { return vceqq_u16(a, b); }
static inline vh h16_vand(vh a, vh b) { return vandq_u16(a, b); }
static inline vh h16_vor(vh a, vh b) { return vorrq_u16(a, b); }
static inline vh h16_vxor(vh a, vh b) { return veorq_u16(a, b); }
/* neg where v's sign bit is set, pos elsewhere; the unsigned lesser of a and b, and unsigned
 * a >= b */
static inline vh h16_by_sign(vh v, vh neg, vh pos)
{
    return vbslq_u16(vreinterpretq_u16_s16(vshrq_n_s16(vreinterpretq_s16_u16(v), 15)), neg, pos);
}
static inline vh h16_min_u(vh a, vh b) { return vminq_u16(a, b); }
static inline vhm h16_ge_u(vh a, vh b) { return vcgeq_u16(a, b); }

/* ---- u32 lanes (VF of them): the counter-based generator of
 * generic/rows/rng.h ---- */
typedef uint32x4_t vu;
static inline vu u_set(uint32_t c) { return vdupq_n_u32(c); }
static inline vu u_load(const uint32_t *p) { return vld1q_u32(p); }
static inline vu u_add(vu a, vu b) { return vaddq_u32(a, b); }
static inline vu u_xor(vu a, vu b) { return veorq_u32(a, b); }
/* a·m as 64-bit products (UMULL, UMULL2): the low halves returned, the high
 * ones in *hi. */
static inline vu u_mulhilo(vu a, uint32_t m, vu *hi)
{
    uint32x4_t p0 = vreinterpretq_u32_u64(vmull_n_u32(vget_low_u32(a), m));
    uint32x4_t p1 = vreinterpretq_u32_u64(vmull_high_n_u32(a, m));
    *hi = vuzp2q_u32(p0, p1);
    return vuzp1q_u32(p0, p1);
}
/* (w >> 8)·2^-24: the top 24 bits as a float in [0, 1), exact */
static inline vf u_unit(vu w) { return vmulq_n_f32(vcvtq_f32_u32(vshrq_n_u32(w, 8)), 0x1p-24f); }

#endif
