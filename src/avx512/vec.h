/* AVX-512 (F/BW/DQ/VL) vector ops: 16 f32 lanes, 8 f64 lanes. */
#ifndef ACTFN_AVX512_VEC_H
#define ACTFN_AVX512_VEC_H

#if !defined(__AVX512F__) || !defined(__AVX512BW__) || !defined(__AVX512DQ__) ||                   \
    !defined(__AVX512VL__) || !defined(__FMA__)
#error "src/avx512 must be compiled with -mavx512f -mavx512bw -mavx512dq -mavx512vl -mfma"
#endif

#include <immintrin.h>
#include <sleef.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "generic/fenv_x86.h"

#define ACTFN_ISA_SUFFIX avx512
#define VF 16 /* f32 lanes */
#define VD 8  /* f64 lanes (one f32 half-vector widened) */

typedef __m512 vf;
typedef __mmask16 vfm;
typedef __m512d vd;
typedef __mmask8 vdm;

/* ---- f32 lanes; loads and stores of the f32 dtype ---- */
static inline __mmask16 v_tailmask(size_t n) { return (__mmask16)((1u << n) - 1u); }
static inline vf v_load_f32(const float *p) { return _mm512_loadu_ps(p); }
static inline void v_store_f32(float *p, vf v) { _mm512_storeu_ps(p, v); }
static inline vf v_load_n_f32(const float *p, size_t n)
{
    return _mm512_maskz_loadu_ps(v_tailmask(n), p);
}
static inline void v_store_n_f32(float *p, vf v, size_t n)
{
    _mm512_mask_storeu_ps(p, v_tailmask(n), v);
}
/* Non-temporal store; p aligned to the vector size (generic/loops_eltwise.inc). */
#define ACTFN_HAVE_NT 1
static inline void v_store_nt_f32(float *p, vf v) { _mm512_stream_ps(p, v); }
static inline void v_nt_fence(void) { _mm_sfence(); }
static inline vf v_set(float c) { return _mm512_set1_ps(c); }
static inline vf v_add(vf a, vf b) { return _mm512_add_ps(a, b); }
static inline vf v_sub(vf a, vf b) { return _mm512_sub_ps(a, b); }
static inline vf v_mul(vf a, vf b) { return _mm512_mul_ps(a, b); }
static inline vf v_div(vf a, vf b) { return _mm512_div_ps(a, b); }
static inline vf v_fma(vf a, vf b, vf c) { return _mm512_fmadd_ps(a, b, c); }
/* c − a·b, one rounding */
static inline vf v_fnma(vf a, vf b, vf c) { return _mm512_fnmadd_ps(a, b, c); }
static inline vf v_abs(vf a) { return _mm512_abs_ps(a); }
static inline vf v_sqrt(vf a) { return _mm512_sqrt_ps(a); }
/* the sign flipped; written as a negation, not an XOR with −0, so that the compiler folds it
 * into an FMA (vfmsub, vfnmadd) where one takes it: an XOR it keeps as an instruction */
static inline vf v_neg(vf a) { return -a; }
/* −|a| by setting the sign bit (one instruction where v_neg(v_abs(a)) takes two); the same
 * bits, a NaN's payload kept */
#define ACTFN_HAVE_V_NEGABS 1
static inline vf v_negabs(vf a)
{
    return _mm512_castsi512_ps(
        _mm512_or_si512(_mm512_castps_si512(a), _mm512_set1_epi32(INT32_MIN)));
}
/* a with its sign flipped where b's sign bit is set (one VPTERNLOGD) */
static inline vf v_xorsign(vf a, vf b)
{
    return _mm512_xor_ps(a, _mm512_and_ps(b, _mm512_set1_ps(-0.0f)));
}
/* a > b ? a : b and a < b ? a : b: the second operand wins on NaN. */
static inline vf v_max(vf a, vf b) { return _mm512_max_ps(a, b); }
static inline vf v_min(vf a, vf b) { return _mm512_min_ps(a, b); }
static inline vfm v_lt(vf a, vf b) { return _mm512_cmp_ps_mask(a, b, _CMP_LT_OQ); }
static inline vfm v_le(vf a, vf b) { return _mm512_cmp_ps_mask(a, b, _CMP_LE_OQ); }
static inline vfm v_gt(vf a, vf b) { return _mm512_cmp_ps_mask(a, b, _CMP_GT_OQ); }
static inline vfm v_ge(vf a, vf b) { return _mm512_cmp_ps_mask(a, b, _CMP_GE_OQ); }
static inline vfm v_eq(vf a, vf b) { return _mm512_cmp_ps_mask(a, b, _CMP_EQ_OQ); }
static inline vfm v_isnan(vf a) { return _mm512_cmp_ps_mask(a, a, _CMP_UNORD_Q); }
/* x where x is a NaN (either class, as it is: vfixupimmps token 1), else y */
#define ACTFN_HAVE_NAN_THROUGH 1
static inline vf v_nan_through(vf x, vf y)
{
    return _mm512_fixupimm_ps(y, x, _mm512_set1_epi32(0x11), 0);
}
/* x is ±0, subnormal or NaN (VFPCLASSPS: QNaN, +0, −0, denormal, SNaN) */
static inline vfm v_tiny_or_nan(vf x) { return _mm512_fpclass_ps_mask(x, 0xa7); }
/* m ? a : b */
static inline vf v_sel(vfm m, vf a, vf b) { return _mm512_mask_blend_ps(m, b, a); }
static inline int v_all(vfm m) { return m == (vfm)0xffff; }
static inline vf v_atan(vf a) { return Sleef_atanf16_u10avx512f(a); }
static inline vf v_sin(vf a) { return Sleef_sinf16_u10avx512f(a); }
static inline vf v_cos(vf a) { return Sleef_cosf16_u10avx512f(a); }

/* Building blocks of generic/math/: nearest integer (ties to even), 2^k
 * for integer-valued k in [-126, 127], and a·2^k for any integer-valued k
 * with one rounding (VSCALEFPS: overflow to inf, gradual underflow). */
static inline vf v_rint(vf a)
{
    return _mm512_roundscale_ps(a, _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
}
static inline vf v_pow2i(vf k) { return _mm512_scalef_ps(_mm512_set1_ps(1.0f), k); }
/* 2^k from n = 0x1.8p23 + 127 + k (k integer in [-126, 127]; the sum held
 * exactly, as the rounding FMA of generic/math/ leaves it): n's low bits,
 * 127 + k, moved into the exponent field. */
static inline vf v_pow2_biased(vf n)
{
    return _mm512_castsi512_ps(_mm512_slli_epi32(_mm512_castps_si512(n), 23));
}

/* 16-entry tables (generic/math/): v_lut_index(a) picks entry
 * (bits(a) >> 21) & 15 of each lane, the low two exponent bits and top two
 * mantissa bits of a; v_lut16(i, t) reads t[i] per lane. */
typedef __m512i vlut;
/* vpermps reads the low four bits of each index */
static inline vlut v_lut_index(vf a) { return _mm512_srli_epi32(_mm512_castps_si512(a), 21); }
static inline vf v_lut16(vlut i, const float *t)
{
    return _mm512_permutexvar_ps(i, _mm512_loadu_ps(t));
}
/* The table exponential of generic/math/lanes32.h (v_exp_tab32, v_1m_exp_tab32) and the bodies
 * around it (sigmoid, elu, tanh), for a path whose table read, scaling and clamp are one
 * instruction each: t[j] for j = bits(n) mod
 * 32 from two registers (VPERMT2PS reads the index's low five bits); a·2^⌊k⌋ (VSCALEFPS floors
 * k); −min(|x|, |c|) (VRANGEPS). */
#define ACTFN_HAVE_EXP_TAB32 1
static inline vf v_tab32_low(vf n, const float *t)
{
    return _mm512_permutex2var_ps(_mm512_loadu_ps(t), _mm512_castps_si512(n),
                                  _mm512_loadu_ps(t + 16));
}
/* t[j] for j = bits(n) mod 16 (VPERMPS reads the index's low four bits; the table a memory
 * operand) */
static inline vf v_tab16_low(vf n, const float *t)
{
    return _mm512_permutexvar_ps(_mm512_castps_si512(n), _mm512_loadu_ps(t));
}
static inline vf v_scale_floor(vf a, vf k) { return _mm512_scalef_ps(a, k); }
static inline vf v_neg_absmin(vf x, vf c) { return _mm512_range_ps(x, c, 0xe); }
/* x's sign on min(|x|, |c|) (VRANGEPS) */
static inline vf v_signed_absmin(vf x, vf c) { return _mm512_range_ps(x, c, 0x2); }
/* by x's class (VFIXUPIMMPS): x where x > 0 (+inf too), y where x ≤ 0 (±0, −inf too), x's NaN
 * quieted where x is NaN; nibbles as in v_one_or_neg: 1 = x, 0 = y, 2 = the quieted x */
static inline vf v_pos_or(vf x, vf y)
{
    return _mm512_fixupimm_ps(y, x, _mm512_set1_epi32((int)0x10101022u), 0);
}
/* by x's class (VFIXUPIMMPS, one instruction): 1 where x ≥ 0 (±0, +inf too), e where x < 0
 * (−inf too), x's NaN quieted where x is NaN (whatever VRANGEPS made of it for e) */
static inline vf v_one_or_neg(vf x, vf e)
{
    /* a response nibble per class, QNaN SNaN 0 +1 −inf +inf <0 >0 from the low end: 2 = the
     * quieted x, 10 = +1, 0 = e */
    return _mm512_fixupimm_ps(e, x, _mm512_set1_epi32((int)0xA0A0AA22u), 0);
}
#define ACTFN_HAVE_V_SCALE 1
static inline vf v_scale(vf a, vf k) { return _mm512_scalef_ps(a, k); }
/* Round to odd: a·b and a·b + c rounded toward −inf and toward +inf by the instruction's own
 * rounding (the MXCSR is not read); where they differ the value was inexact, and the one of
 * the two nearer zero with its last bit set is the result rounded to odd.  Both bounds have
 * the sign of the exact value (or are zeros), so the nearer zero is the lesser pattern; an
 * exact zero sum gives −0 and +0, equal as floats, and +0 (the round-to-nearest zero).
 * Rounded once more to a format with at least two bits fewer (bf16, f16), to nearest-even,
 * it gives the correctly rounded exact value: no double rounding, subnormals included (the
 * bounds are on f32's subnormal grid).  The half-precision loops of the one-rounding bodies
 * (generic/eltwise/piecewise.h, ACTFN_ODD_*). */
#define ACTFN_HAVE_V_ODD 1
#define ACTFN_RD (_MM_FROUND_TO_NEG_INF | _MM_FROUND_NO_EXC)
#define ACTFN_RU (_MM_FROUND_TO_POS_INF | _MM_FROUND_NO_EXC)
static inline vf v_odd_of(vf d, vf u)
{
    __m512i m = _mm512_min_epu32(_mm512_castps_si512(d), _mm512_castps_si512(u));
    return _mm512_castsi512_ps(_mm512_mask_or_epi32(m, _mm512_cmp_ps_mask(d, u, _CMP_NEQ_OQ),
                                                    m, _mm512_set1_epi32(1)));
}
static inline vf v_sub_odd(vf a, vf b)
{
    return v_odd_of(_mm512_sub_round_ps(a, b, ACTFN_RD), _mm512_sub_round_ps(a, b, ACTFN_RU));
}
/* a·b rounded to odd where k is set, a (kept exact) elsewhere */
static inline vf v_mul_odd_where(vfm k, vf a, vf b)
{
    return v_odd_of(_mm512_mask_mul_round_ps(a, k, a, b, ACTFN_RD),
                    _mm512_mask_mul_round_ps(a, k, a, b, ACTFN_RU));
}
/* a·b + c rounded to odd */
static inline vf v_fma_odd(vf a, vf b, vf c)
{
    return v_odd_of(_mm512_fmadd_round_ps(a, b, c, ACTFN_RD),
                    _mm512_fmadd_round_ps(a, b, c, ACTFN_RU));
}
/* a·b + c rounded to odd where k is set, a elsewhere */
static inline vf v_fma_odd_where(vfm k, vf a, vf b, vf c)
{
    return v_odd_of(_mm512_mask_fmadd_round_ps(a, k, b, c, ACTFN_RD),
                    _mm512_mask_fmadd_round_ps(a, k, b, c, ACTFN_RU));
}
/* whether a lane of a or b lies in 0 < |v| < t (t a positive float, lim its pattern doubled
 * less one): the patterns doubled (the sign shifted out) less one, below lim */
static inline int v_any_tiny2(vf a, vf b, uint32_t lim_)
{
    const __m512i one = _mm512_set1_epi32(1), lim = _mm512_set1_epi32((int)lim_);
    __m512i ua = _mm512_castps_si512(a), ub = _mm512_castps_si512(b);
    ua = _mm512_sub_epi32(_mm512_add_epi32(ua, ua), one);
    ub = _mm512_sub_epi32(_mm512_add_epi32(ub, ub), one);
    return !_kortestz_mask16_u8(_mm512_cmplt_epu32_mask(ua, lim), _mm512_cmplt_epu32_mask(ub, lim));
}

/* ---- f64 lanes; loads and stores of the f32 dtype (widened, rounded once) ---- */
static inline vd d_load_f32(const float *p) { return _mm512_cvtps_pd(_mm256_loadu_ps(p)); }
static inline void d_store_f32(float *p, vd v) { _mm256_storeu_ps(p, _mm512_cvtpd_ps(v)); }
static inline vd d_load_n_f32(const float *p, size_t n)
{
    return _mm512_cvtps_pd(_mm256_maskz_loadu_ps((__mmask8)((1u << n) - 1u), p));
}
static inline void d_store_n_f32(float *p, vd v, size_t n)
{
    _mm256_mask_storeu_ps(p, (__mmask8)((1u << n) - 1u), _mm512_cvtpd_ps(v));
}
static inline vd d_set(double c) { return _mm512_set1_pd(c); }
static inline vd d_add(vd a, vd b) { return _mm512_add_pd(a, b); }
static inline vd d_sub(vd a, vd b) { return _mm512_sub_pd(a, b); }
static inline vd d_mul(vd a, vd b) { return _mm512_mul_pd(a, b); }
static inline vd d_div(vd a, vd b) { return _mm512_div_pd(a, b); }
static inline vd d_fma(vd a, vd b, vd c) { return _mm512_fmadd_pd(a, b, c); }
static inline vd d_abs(vd a) { return _mm512_abs_pd(a); }
static inline vd d_neg(vd a) { return -a; } /* as v_neg */
static inline vd d_max(vd a, vd b) { return _mm512_max_pd(a, b); }
static inline vd d_min(vd a, vd b) { return _mm512_min_pd(a, b); }
static inline vdm d_lt(vd a, vd b) { return _mm512_cmp_pd_mask(a, b, _CMP_LT_OQ); }
static inline vdm d_le(vd a, vd b) { return _mm512_cmp_pd_mask(a, b, _CMP_LE_OQ); }
static inline vdm d_gt(vd a, vd b) { return _mm512_cmp_pd_mask(a, b, _CMP_GT_OQ); }
static inline vdm d_ge(vd a, vd b) { return _mm512_cmp_pd_mask(a, b, _CMP_GE_OQ); }
static inline vdm d_eq(vd a, vd b) { return _mm512_cmp_pd_mask(a, b, _CMP_EQ_OQ); }
static inline vd d_sel(vdm m, vd a, vd b) { return _mm512_mask_blend_pd(m, b, a); }
static inline int d_all(vdm m) { return m == (vdm)0xff; }
static inline vd d_sqrt(vd a) { return _mm512_sqrt_pd(a); }
static inline vd d_sin(vd a) { return Sleef_sind8_u10avx512f(a); }
static inline vd d_cos(vd a) { return Sleef_cosd8_u10avx512f(a); }

static inline vd d_rint(vd a)
{
    return _mm512_roundscale_pd(a, _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
}
static inline vd d_pow2i(vd k) { return _mm512_scalef_pd(_mm512_set1_pd(1.0), k); }
#define ACTFN_HAVE_D_SCALE 1
static inline vd d_scale(vd a, vd k) { return _mm512_scalef_pd(a, k); }

/* ---- the f64 dtype in f64 lanes; f64-grade math (SLEEF, ≤ 1 ULP; erfc ≤ 1.5) ---- */
static inline vd d_load_f64(const double *p) { return _mm512_loadu_pd(p); }
static inline void d_store_f64(double *p, vd v) { _mm512_storeu_pd(p, v); }
static inline vd d_load_n_f64(const double *p, size_t n)
{
    return _mm512_maskz_loadu_pd((__mmask8)((1u << n) - 1u), p);
}
static inline void d_store_n_f64(double *p, vd v, size_t n)
{
    _mm512_mask_storeu_pd(p, (__mmask8)((1u << n) - 1u), v);
}
static inline vd d64_exp(vd a) { return Sleef_expd8_u10avx512f(a); }
static inline vd d64_expm1(vd a) { return Sleef_expm1d8_u10avx512f(a); }
static inline vd d64_log1p(vd a) { return Sleef_log1pd8_u10avx512f(a); }
static inline vd d64_tanh(vd a) { return Sleef_tanhd8_u10avx512f(a); }
static inline vd d64_erfc(vd a) { return Sleef_erfcd8_u15avx512f(a); }
static inline vd d64_atan(vd a) { return Sleef_atand8_u10avx512f(a); }

/* ---- bf16 and f16 (uint16_t bit patterns) in f32 and f64 lanes ----
 * Loads widen exactly; stores round to nearest-even (NaN: a quiet NaN of
 * the format, sign kept; overflow: ±inf; the format's subnormals kept).
 * v_round_<T> / d_round_<T>: the value a store would write, back in the
 * lanes (the correct-rounding test of generic/loops_eltwise.inc).  f16 is
 * vcvtps2ph (rounding from the immediate; it does not flush: MXCSR's DAZ
 * is off in the library's environment) and vcvtph2ps, both AVX-512F; bf16
 * is integer code (AVX512_BF16's vcvtneps2bf16 flushes subnormals and is
 * not part of this path's CPU requirement). */
static inline int v_any(vfm m) { return m != 0; }
static inline int d_any(vdm m) { return m != 0; }
/* Horizontal, for the row operations: the largest lane (no lane NaN: the
 * caller checks first); the sum of the lanes in no fixed order (for exact
 * sums only: counts); the f64 lanes summed by halving, lane i + lane i + VD/2
 * first, then VD/4, ... (the order softmax fixes on every path). */
static inline float v_hmax(vf a) { return _mm512_reduce_max_ps(a); }
static inline float v_hsum_exact(vf a) { return _mm512_reduce_add_ps(a); }
static inline double d_hsum_halves(vd a)
{
    __m256d h = _mm256_add_pd(_mm512_castpd512_pd256(a), _mm512_extractf64x4_pd(a, 1));
    __m128d q = _mm_add_pd(_mm256_castpd256_pd128(h), _mm256_extractf128_pd(h, 1));
    return _mm_cvtsd_f64(_mm_add_sd(q, _mm_unpackhi_pd(q, q)));
}
/* bf16 rounding in the 32-bit lanes (top half; low half zero): + 0x7fff +
 * the lsb kept; a NaN keeps its top half with the quiet bit set. */
static inline __m512i h_bf16_round32(vf v)
{
    __m512i u = _mm512_castps_si512(v);
    __m512i lsb = _mm512_and_si512(_mm512_srli_epi32(u, 16), _mm512_set1_epi32(1));
    __m512i r = _mm512_add_epi32(u, _mm512_add_epi32(_mm512_set1_epi32(0x7fff), lsb));
    r = _mm512_mask_or_epi32(r, _mm512_cmp_ps_mask(v, v, _CMP_UNORD_Q), u,
                             _mm512_set1_epi32(0x400000));
    return _mm512_and_si512(r, _mm512_set1_epi32((int)0xffff0000u));
}
static inline __m256i h_narrow_bf16(vf v)
{
    return _mm512_cvtepi32_epi16(_mm512_srli_epi32(h_bf16_round32(v), 16));
}
static inline vf h_widen_bf16(__m256i h)
{
    return _mm512_castsi512_ps(_mm512_slli_epi32(_mm512_cvtepu16_epi32(h), 16));
}
static inline vf v_round_bf16(vf v) { return _mm512_castsi512_ps(h_bf16_round32(v)); }
/* The store of lanes that hold no tie of bf16 (the correct-rounding loops
 * send those elsewhere): + 0x8000, the top half kept; a NaN as above. */
static inline __m256i h_narrow_untied_bf16(vf v)
{
    __m512i u = _mm512_castps_si512(v), r = _mm512_add_epi32(u, _mm512_set1_epi32(0x8000));
    r = _mm512_mask_or_epi32(r, _mm512_cmp_ps_mask(v, v, _CMP_UNORD_Q), u,
                             _mm512_set1_epi32(0x400000));
    return _mm512_cvtepi32_epi16(_mm512_srli_epi32(r, 16));
}
static inline void v_store_untied_bf16(uint16_t *p, vf v)
{
    _mm256_storeu_si256((__m256i *)p, h_narrow_untied_bf16(v));
}
static inline void v_stream_untied_bf16(uint16_t *p, vf v)
{
    _mm256_stream_si256((__m256i *)p, h_narrow_untied_bf16(v));
}
/* bf16 two vectors at a time (the correct-rounding loops' main body,
 * generic/loops_eltwise.inc): one 64-byte load gives the even elements in
 * *e (each 32-bit lane's low half, shifted up) and the odd ones in *o (its
 * high half, kept); the store puts them back the same way, so no shuffle.
 * v_unpair returns the natural order (elements 0..15 and 16..31), for the
 * rare vector that goes out of line. */
#define ACTFN_PAIR_v_bf16 1
#define ACTFN_PAIR_EVEN_ODD_bf16 1
static inline void v_load2_bf16(const uint16_t *p, vf *e, vf *o)
{
    __m512i u = _mm512_loadu_si512(p);
    *e = _mm512_castsi512_ps(_mm512_slli_epi32(u, 16));
    *o = _mm512_castsi512_ps(_mm512_and_si512(u, _mm512_set1_epi32((int)0xffff0000u)));
}
static inline void v_unpair_bf16(vf e, vf o, vf *lo, vf *hi)
{
    const __m512i il = _mm512_set_epi32(23, 7, 22, 6, 21, 5, 20, 4, 19, 3, 18, 2, 17, 1, 16, 0);
    const __m512i ih =
        _mm512_set_epi32(31, 15, 30, 14, 29, 13, 28, 12, 27, 11, 26, 10, 25, 9, 24, 8);
    *lo = _mm512_permutex2var_ps(e, il, o);
    *hi = _mm512_permutex2var_ps(e, ih, o);
}
/* v's bits + 2^15 + h: the top half is v rounded half up, unless the low
 * half lies in [2^15 − h, 2^15 + h) (v_near_bias_bf16: h a power of two);
 * a NaN lane is v quieted, whole (vfixupimmps: token 2 for both NaN
 * classes), so no carry reaches its sign. */
static inline vf v_bias_bf16(vf v, uint32_t h)
{
    __m512i t = _mm512_add_epi32(_mm512_castps_si512(v), _mm512_set1_epi32((int)(0x8000u + h)));
    return _mm512_fixupimm_ps(_mm512_castsi512_ps(t), v, _mm512_set1_epi32(0x22), 0);
}
/* v's bits + 2^15 with ties to even: the top half is v rounded to nearest-even, where the
 * low half read 10…0 (then 0 after the add) the carry taken back if it made the top half odd
 * (the loops of bodies rounded to odd, whose only such lanes are exact ties); a NaN lane as
 * in v_bias_bf16. */
static inline vf v_bias_even_bf16(vf v, vf x)
{
    __m512i t = _mm512_add_epi32(_mm512_castps_si512(v), _mm512_set1_epi32(0x8000));
    t = _mm512_mask_and_epi32(t, _mm512_testn_epi32_mask(t, _mm512_set1_epi32(0xffff)), t,
                              _mm512_set1_epi32(~0x10000));
    return _mm512_fixupimm_ps(_mm512_castsi512_ps(t), x, _mm512_set1_epi32(0x22), 0);
}
static inline vfm v_near_bias_bf16(vf t, uint32_t h)
{
    return _mm512_testn_epi32_mask(_mm512_castps_si512(t),
                                   _mm512_set1_epi32((int)(0xffffu & ~(2 * h - 1))));
}
static inline int v_none2(vfm a, vfm b) { return _kortestz_mask16_u8(a, b); }
static inline __m512i h_pack_bias_bf16(vf te, vf to)
{
    return _mm512_ternarylogic_epi32(_mm512_castps_si512(to),
                                     _mm512_srli_epi32(_mm512_castps_si512(te), 16),
                                     _mm512_set1_epi32((int)0xffff0000u), 0xe4); /* c ? a : b */
}
static inline void v_store2_bias_bf16(uint16_t *p, vf e, vf o, vf te, vf to)
{
    (void)e, (void)o;
    _mm512_storeu_si512(p, h_pack_bias_bf16(te, to));
}
static inline void v_stream2_bias_bf16(uint16_t *p, vf e, vf o, vf te, vf to)
{
    (void)e, (void)o;
    _mm512_stream_si512((__m512i *)p, h_pack_bias_bf16(te, to));
}
static inline void v_store2_even_bf16(uint16_t *p, vf e, vf o, vf xe, vf xo)
{
    _mm512_storeu_si512(p, h_pack_bias_bf16(v_bias_even_bf16(e, xe), v_bias_even_bf16(o, xo)));
}
static inline void v_stream2_even_bf16(uint16_t *p, vf e, vf o, vf xe, vf xo)
{
    _mm512_stream_si512((__m512i *)p,
                        h_pack_bias_bf16(v_bias_even_bf16(e, xe), v_bias_even_bf16(o, xo)));
}
/* Lanes whose low 32 − s bits lie within k of their midpoint 2^(31 − s):
 * a float within k of a rounding boundary of a format that keeps its top s
 * bits (generic/loops_eltwise.inc). */
#define ACTFN_V_LOW_NEAR(s)                                                                        \
    static inline vfm v_low_near_##s(vf y, uint32_t k)                                             \
    {                                                                                              \
        __m512i t = _mm512_slli_epi32(_mm512_castps_si512(y), s);                                  \
        t = _mm512_add_epi32(t, _mm512_set1_epi32((int)((k << s) - 0x80000000u)));                 \
        return _mm512_cmple_epu32_mask(t, _mm512_set1_epi32((int)(2 * k << s)));                   \
    }
ACTFN_V_LOW_NEAR(16)
ACTFN_V_LOW_NEAR(19)
static inline __m256i h_narrow_f16(vf v)
{
    return _mm512_cvtps_ph(v, _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
}
static inline vf h_widen_f16(__m256i h) { return _mm512_cvtph_ps(h); }
static inline vf v_round_f16(vf v) { return h_widen_f16(h_narrow_f16(v)); }
/* f16 in pairs, natural order (its conversions are instructions): the
 * test's bits are |v|'s (f16's subnormals: |v| + 2^-14's, on the grid of
 * its lowest normal binade) + 2^12 + h; the store rounds v itself. */
#define ACTFN_PAIR_v_f16 1
static inline void v_load2_f16(const uint16_t *p, vf *e, vf *o)
{
    *e = _mm512_cvtph_ps(_mm256_loadu_si256((const __m256i *)p));
    *o = _mm512_cvtph_ps(_mm256_loadu_si256((const __m256i *)(p + 16)));
}
static inline vf v_bias_f16(vf v, uint32_t h)
{
    vf a = _mm512_abs_ps(v);
    a = _mm512_mask_add_ps(a, _mm512_cmp_ps_mask(a, _mm512_set1_ps(0x1p-14f), _CMP_LT_OQ), a,
                           _mm512_set1_ps(0x1p-14f));
    return _mm512_castsi512_ps(
        _mm512_add_epi32(_mm512_castps_si512(a), _mm512_set1_epi32((int)(0x1000u + h))));
}
static inline vfm v_near_bias_f16(vf t, uint32_t h)
{
    return _mm512_testn_epi32_mask(_mm512_castps_si512(t),
                                   _mm512_set1_epi32((int)(0x1fffu & ~(2 * h - 1))));
}
static inline void v_unpair_f16(vf e, vf o, vf *lo, vf *hi)
{
    *lo = e;
    *hi = o;
}
static inline void v_store2_bias_f16(uint16_t *p, vf e, vf o, vf te, vf to)
{
    (void)te, (void)to;
    _mm256_storeu_si256((__m256i *)p, h_narrow_f16(e));
    _mm256_storeu_si256((__m256i *)(p + 16), h_narrow_f16(o));
}
static inline void v_stream2_bias_f16(uint16_t *p, vf e, vf o, vf te, vf to)
{
    (void)te, (void)to;
    _mm512_stream_si512((__m512i *)p, _mm512_inserti64x4(_mm512_castsi256_si512(h_narrow_f16(e)),
                                                         h_narrow_f16(o), 1));
}
/* ---- bf16 and f16 as 16-bit patterns, 32 lanes (AVX512BW): the loops of the bodies that
 * need no arithmetic (generic/loops_eltwise.inc, ACTFN_LOOP_H16) ---- */
typedef __m512i vh;
typedef __mmask32 vhm;
#define ACTFN_HAVE_H16 1
#define ACTFN_H16_BWD_f16 0 /* the selections' f16 backward stays in f32 lanes (F16C) */
#define VH 32
static inline vh h16_set(uint16_t c) { return _mm512_set1_epi16((short)c); }
/* One load into a register: the empty asm keeps the compiler from reading the vector again as
 * a memory operand of each instruction that uses it (it did: four loads per vector of relu6,
 * where the load ports, not the arithmetic, then set the pace) */
static inline vh h16_load(const uint16_t *p)
{
    vh v = _mm512_loadu_si512(p);
    __asm__("" : "+v"(v));
    return v;
}
static inline vh h16_load_n(const uint16_t *p, size_t n)
{
    return _mm512_maskz_loadu_epi16((__mmask32)((1ull << n) - 1), p);
}
static inline void h16_store(uint16_t *p, vh v) { _mm512_storeu_si512(p, v); }
static inline void h16_stream(uint16_t *p, vh v) { _mm512_stream_si512((__m512i *)p, v); }
static inline void h16_store_n(uint16_t *p, vh v, size_t n)
{
    _mm512_mask_storeu_epi16(p, (__mmask32)((1ull << n) - 1), v);
}
/* the lanes whose pattern lies in [lo, hi] as unsigned integers (v − lo ≤ hi − lo) */
static inline vhm h16_in(vh v, uint16_t lo, uint16_t hi)
{
    return _mm512_cmple_epu16_mask(_mm512_sub_epi16(v, h16_set(lo)), h16_set((uint16_t)(hi - lo)));
}
static inline vh h16_sel(vhm m, vh a, vh b) { return _mm512_mask_blend_epi16(m, b, a); }
/* a where m, +0 elsewhere; +0 where m, b elsewhere */
static inline vh h16_and(vhm m, vh a) { return _mm512_maskz_mov_epi16(m, a); }
static inline vh h16_andnot(vhm m, vh b) { return _mm512_maskz_mov_epi16((vhm)~m, b); }
/* a format's NaNs (|v| above inf's pattern) */
static inline vhm h16_nan(vh v, uint16_t inf)
{
    return _mm512_cmpgt_epu16_mask(_mm512_slli_epi16(v, 1), h16_set((uint16_t)(inf << 1)));
}
/* v's NaNs quieted (their quiet bit q set), the other lanes r; or, where v is its own r on
 * the NaN lanes, v with its NaNs quieted */
static inline vh h16_quiet_or(vh v, vh r, uint16_t inf, uint16_t q)
{
    return h16_sel(h16_nan(v, inf), _mm512_or_si512(v, h16_set(q)), r);
}
static inline vh h16_quiet(vh v, uint16_t inf, uint16_t q) { return h16_quiet_or(v, v, inf, q); }
/* the lesser of v and c as signed 16-bit integers: c where v is a positive number above c
 * (+inf, and a positive NaN, too), v elsewhere (negative numbers, −0 and negative NaNs) */
static inline vh h16_min_signed(vh v, uint16_t c) { return _mm512_min_epi16(v, h16_set(c)); }
#define ACTFN_H16_MASKED_FORMS 1 /* its own h16_min_signed_andnot, h16_relu, h16_sign */
/* h16_min_signed(h16_andnot(m, v), c) in one instruction: +0 where m */
static inline vh h16_min_signed_andnot(vhm m, vh v, uint16_t c)
{
    return _mm512_maskz_min_epi16((vhm)~m, v, h16_set(c));
}
static inline vh h16_abs(vh v) { return _mm512_and_si512(v, h16_set(0x7fff)); }
/* the patterns as signed integers in the order of their values (−0 and +0 both 0, −x at
 * −|x|'s pattern, NaNs beyond ±inf), and signed a > b */
static inline vh h16_key(vh v)
{
    vh m = h16_abs(v);
    return _mm512_mask_sub_epi16(m, _mm512_movepi16_mask(v), _mm512_setzero_si512(), m);
}
static inline vhm h16_gt(vh a, vh b) { return _mm512_cmpgt_epi16_mask(a, b); }
static inline vhm h16_eq(vh a, vh b) { return _mm512_cmpeq_epi16_mask(a, b); }
static inline vh h16_vand(vh a, vh b) { return _mm512_and_si512(a, b); }
static inline vh h16_vor(vh a, vh b) { return _mm512_or_si512(a, b); }
static inline vh h16_vxor(vh a, vh b) { return _mm512_xor_si512(a, b); }
/* neg where v's sign bit is set, pos elsewhere (no mask register: the sign spread by a shift,
 * one bitwise select); the unsigned lesser of a and b, and unsigned a >= b */
static inline vh h16_by_sign(vh v, vh neg, vh pos)
{
    return _mm512_ternarylogic_epi32(_mm512_srai_epi16(v, 15), neg, pos, 0xca);
}
static inline vh h16_min_u(vh a, vh b) { return _mm512_min_epu16(a, b); }
static inline vhm h16_ge_u(vh a, vh b) { return _mm512_cmpge_epu16_mask(a, b); }
/* relu and sign keep x where it is ±0 or a NaN, a NaN quieted.  Those lanes in one compare: x's
 * pattern doubled, less one, above inf's doubled; and x quieted in two instructions without a
 * mask: a NaN's exponent's top bit (bit 14) shifted onto the quiet bit q, a zero's bit 14 clear */
static inline vhm h16_neither_zero_nor_nan(vh x, uint16_t inf)
{
    return _mm512_cmple_epu16_mask(_mm512_sub_epi16(_mm512_add_epi16(x, x), h16_set(1)),
                                   h16_set((uint16_t)(inf << 1)));
}
static inline vh h16_quiet_zero_nan(vh x, uint16_t q)
{
    vh sh = _mm512_srl_epi16(x, _mm_cvtsi32_si128(14 - __builtin_ctz(q)));
    return _mm512_ternarylogic_epi32(x, sh, h16_set(q), 0xf8); /* x | (sh & q) */
}
/* relu: the greater of x and +0 as signed integers elsewhere (six instructions, one compare
 * into a mask register, where the ranges and h16_quiet took seven with two); sign: x's sign
 * on 1's pattern (seven, one compare, where the ranges took ten, three) */
static inline vh h16_relu(vh x, uint16_t inf, uint16_t q)
{
    return _mm512_mask_max_epi16(h16_quiet_zero_nan(x, q), h16_neither_zero_nor_nan(x, inf), x,
                                 _mm512_setzero_si512());
}
static inline vh h16_sign(vh x, uint16_t inf, uint16_t q, uint16_t one)
{
    vh r = _mm512_ternarylogic_epi32(x, h16_set(0x8000), h16_set(one), 0xea); /* (x & s) | 1 */
    return h16_sel(h16_neither_zero_nor_nan(x, inf), r, h16_quiet_zero_nan(x, q));
}

/* f64 lanes: eight halves, through f32 (exact both ways for the loads; the
 * store rounds the double to float first, then to the format). */
static inline vd h_d(vf v) { return _mm512_cvtps_pd(_mm512_castps512_ps256(v)); }
static inline vf h_f(vd v) { return _mm512_zextps256_ps512(_mm512_cvtpd_ps(v)); }
static inline __mmask8 h_dmask(size_t n) { return (__mmask8)((1u << n) - 1u); }
#define ACTFN_AVX512_HALF(T)                                                                       \
    static inline vf v_load_##T(const uint16_t *p)                                                 \
    {                                                                                              \
        return h_widen_##T(_mm256_loadu_si256((const __m256i *)p));                                \
    }                                                                                              \
    static inline vf v_load_n_##T(const uint16_t *p, size_t n)                                     \
    {                                                                                              \
        return h_widen_##T(_mm256_maskz_loadu_epi16(v_tailmask(n), p));                            \
    }                                                                                              \
    static inline void v_store_##T(uint16_t *p, vf v)                                              \
    {                                                                                              \
        _mm256_storeu_si256((__m256i *)p, h_narrow_##T(v));                                        \
    }                                                                                              \
    static inline void v_store_n_##T(uint16_t *p, vf v, size_t n)                                  \
    {                                                                                              \
        _mm256_mask_storeu_epi16(p, v_tailmask(n), h_narrow_##T(v));                               \
    }                                                                                              \
    static inline void v_store_nt_##T(uint16_t *p, vf v)                                           \
    {                                                                                              \
        _mm256_stream_si256((__m256i *)p, h_narrow_##T(v));                                        \
    }                                                                                              \
    static inline vd d_load_##T(const uint16_t *p)                                                 \
    {                                                                                              \
        return h_d(h_widen_##T(_mm256_zextsi128_si256(_mm_loadu_si128((const __m128i *)p))));      \
    }                                                                                              \
    static inline vd d_load_n_##T(const uint16_t *p, size_t n)                                     \
    {                                                                                              \
        return h_d(h_widen_##T(_mm256_zextsi128_si256(_mm_maskz_loadu_epi16(h_dmask(n), p))));     \
    }                                                                                              \
    static inline void d_store_##T(uint16_t *p, vd v)                                              \
    {                                                                                              \
        _mm_storeu_si128((__m128i *)p, _mm256_castsi256_si128(h_narrow_##T(h_f(v))));              \
    }                                                                                              \
    static inline void d_store_n_##T(uint16_t *p, vd v, size_t n)                                  \
    {                                                                                              \
        _mm_mask_storeu_epi16(p, h_dmask(n), _mm256_castsi256_si128(h_narrow_##T(h_f(v))));        \
    }                                                                                              \
    static inline vd d_round_##T(vd v) { return h_d(v_round_##T(h_f(v))); }
ACTFN_AVX512_HALF(bf16)
ACTFN_AVX512_HALF(f16)

/* ---- u32 lanes (VF of them): the counter-based generator of
 * generic/rows/rng.h ---- */
typedef __m512i vu;
static inline vu u_set(uint32_t c) { return _mm512_set1_epi32((int)c); }
static inline vu u_load(const uint32_t *p) { return _mm512_loadu_si512(p); }
static inline vu u_add(vu a, vu b) { return _mm512_add_epi32(a, b); }
static inline vu u_xor(vu a, vu b) { return _mm512_xor_si512(a, b); }
/* a·m as 64-bit products: the low halves returned, the high ones in *hi.
 * VPMULUDQ multiplies the even lanes; the odd ones are shifted down to it. */
static inline vu u_mulhilo(vu a, uint32_t m, vu *hi)
{
    const __m512i M = _mm512_set1_epi32((int)m);
    __m512i e = _mm512_mul_epu32(a, M), o = _mm512_mul_epu32(_mm512_srli_epi64(a, 32), M);
    *hi = _mm512_mask_blend_epi32(0xAAAA, _mm512_srli_epi64(e, 32), o);
    return _mm512_mask_blend_epi32(0xAAAA, e, _mm512_slli_epi64(o, 32));
}
/* (w >> 8)·2^-24: the top 24 bits as a float in [0, 1), exact */
static inline vf u_unit(vu w)
{
    return _mm512_mul_ps(_mm512_cvtepi32_ps(_mm512_srli_epi32(w, 8)), _mm512_set1_ps(0x1p-24f));
}

#endif
