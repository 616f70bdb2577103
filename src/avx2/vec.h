/* AVX2 + FMA + F16C vector ops: 8 f32 lanes, 4 f64 lanes. */
#ifndef ACTFN_AVX2_VEC_H
#define ACTFN_AVX2_VEC_H

#if !defined(__AVX2__) || !defined(__FMA__) || !defined(__F16C__)
#error "src/avx2 must be compiled with -mavx2 -mfma -mf16c"
#endif

#include <immintrin.h>
#include <sleef.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "generic/fenv_x86.h"

#define ACTFN_ISA_SUFFIX avx2
#define VF 8 /* f32 lanes */
#define VD 4 /* f64 lanes */

typedef __m256 vf;
typedef __m256 vfm; /* lane masks are all-ones / all-zeros lanes */
typedef __m256d vd;
typedef __m256d vdm;

/* Lanes [0, n) of a masked load/store; masked-off lanes never touch memory. */
static inline __m256i v_tailmask(size_t n)
{
    return _mm256_cmpgt_epi32(_mm256_set1_epi32((int)n), _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7));
}

/* ---- f32 lanes; loads and stores of the f32 dtype ---- */
static inline vf v_load_f32(const float *p) { return _mm256_loadu_ps(p); }
static inline void v_store_f32(float *p, vf v) { _mm256_storeu_ps(p, v); }
static inline vf v_load_n_f32(const float *p, size_t n)
{
    return _mm256_maskload_ps(p, v_tailmask(n));
}
static inline void v_store_n_f32(float *p, vf v, size_t n)
{
    _mm256_maskstore_ps(p, v_tailmask(n), v);
}
/* Non-temporal store; p aligned to the vector size (generic/loops_eltwise.inc). */
#define ACTFN_HAVE_NT 1
static inline void v_store_nt_f32(float *p, vf v) { _mm256_stream_ps(p, v); }
static inline void v_nt_fence(void) { _mm_sfence(); }
static inline vf v_set(float c) { return _mm256_set1_ps(c); }
static inline vf v_add(vf a, vf b) { return _mm256_add_ps(a, b); }
static inline vf v_sub(vf a, vf b) { return _mm256_sub_ps(a, b); }
static inline vf v_mul(vf a, vf b) { return _mm256_mul_ps(a, b); }
static inline vf v_div(vf a, vf b) { return _mm256_div_ps(a, b); }
static inline vf v_fma(vf a, vf b, vf c) { return _mm256_fmadd_ps(a, b, c); }
/* c − a·b, one rounding */
static inline vf v_fnma(vf a, vf b, vf c) { return _mm256_fnmadd_ps(a, b, c); }
static inline vf v_abs(vf a) { return _mm256_andnot_ps(_mm256_set1_ps(-0.0f), a); }
static inline vf v_sqrt(vf a) { return _mm256_sqrt_ps(a); }
/* the sign flipped; written as a negation, not an XOR with −0, so that the compiler folds it
 * into an FMA (vfmsub, vfnmadd) where one takes it: an XOR it keeps as an instruction */
static inline vf v_neg(vf a) { return -a; }
/* −|a| by setting the sign bit (one instruction where v_neg(v_abs(a)) takes two); the same
 * bits, a NaN's payload kept */
#define ACTFN_HAVE_V_NEGABS 1
static inline vf v_negabs(vf a) { return _mm256_or_ps(a, _mm256_set1_ps(-0.0f)); }
/* a where x > 0, b where x < 0, either where x is ±0 or NaN (the caller's a and b agree
 * there): one blend on x's sign bit, no compare */
#define ACTFN_HAVE_V_SEL_POS 1
static inline vf v_sel_pos(vf x, vf a, vf b) { return _mm256_blendv_ps(a, b, x); }
/* a with its sign flipped where b's sign bit is set */
static inline vf v_xorsign(vf a, vf b)
{
    return _mm256_xor_ps(a, _mm256_and_ps(b, _mm256_set1_ps(-0.0f)));
}
/* a > b ? a : b and a < b ? a : b: the second operand wins on NaN. */
static inline vf v_max(vf a, vf b) { return _mm256_max_ps(a, b); }
static inline vf v_min(vf a, vf b) { return _mm256_min_ps(a, b); }
static inline vfm v_lt(vf a, vf b) { return _mm256_cmp_ps(a, b, _CMP_LT_OQ); }
static inline vfm v_le(vf a, vf b) { return _mm256_cmp_ps(a, b, _CMP_LE_OQ); }
static inline vfm v_gt(vf a, vf b) { return _mm256_cmp_ps(a, b, _CMP_GT_OQ); }
static inline vfm v_ge(vf a, vf b) { return _mm256_cmp_ps(a, b, _CMP_GE_OQ); }
static inline vfm v_eq(vf a, vf b) { return _mm256_cmp_ps(a, b, _CMP_EQ_OQ); }
static inline vfm v_isnan(vf a) { return _mm256_cmp_ps(a, a, _CMP_UNORD_Q); }
/* m ? a : b */
static inline vf v_sel(vfm m, vf a, vf b) { return _mm256_blendv_ps(b, a, m); }
static inline int v_all(vfm m) { return _mm256_movemask_ps(m) == 0xff; }
static inline vf v_atan(vf a) { return Sleef_atanf8_u10avx2(a); }
static inline vf v_sin(vf a) { return Sleef_sinf8_u10avx2(a); }
static inline vf v_cos(vf a) { return Sleef_cosf8_u10avx2(a); }

/* Building blocks of generic/math/: nearest integer (ties to even), and
 * 2^k for integer-valued k in [-126, 127]. */
static inline vf v_rint(vf a)
{
    return _mm256_round_ps(a, _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
}
static inline vf v_pow2i(vf k)
{
    __m256i b = _mm256_add_epi32(_mm256_cvtps_epi32(k), _mm256_set1_epi32(127));
    return _mm256_castsi256_ps(_mm256_slli_epi32(b, 23));
}
/* 2^k from n = 0x1.8p23 + 127 + k (k integer in [-126, 127]; the sum held
 * exactly, as the rounding FMA of generic/math/ leaves it): n's low bits,
 * 127 + k, moved into the exponent field. */
static inline vf v_pow2_biased(vf n)
{
    return _mm256_castsi256_ps(_mm256_slli_epi32(_mm256_castps_si256(n), 23));
}

/* 16-entry tables (generic/math/): v_lut_index(a) picks entry
 * (bits(a) >> 21) & 15 of each lane, the low two exponent bits and top two
 * mantissa bits of a; v_lut16(i, t) reads t[i] per lane. */
typedef struct {
    __m256i i; /* vpermps reads the low three bits */
    __m256 hi; /* bit 3 in the sign: the upper half of the table */
} vlut;
static inline vlut v_lut_index(vf a)
{
    __m256i i = _mm256_srli_epi32(_mm256_castps_si256(a), 21);
    vlut r = {i, _mm256_castsi256_ps(_mm256_slli_epi32(i, 28))};
    return r;
}
static inline vf v_lut16(vlut i, const float *t)
{
    return _mm256_blendv_ps(_mm256_permutevar8x32_ps(_mm256_loadu_ps(t), i.i),
                            _mm256_permutevar8x32_ps(_mm256_loadu_ps(t + 8), i.i), i.hi);
}
/* 8-entry tables: v_lut8_index(a) picks entry (bits(a) >> 22) & 7 (vpermps reads the low
 * three bits), one permute per read; generic/math/ takes these where it has a variant */
#define ACTFN_VEC_LUT8 1
typedef __m256i vlut8;
static inline vlut8 v_lut8_index(vf a) { return _mm256_srli_epi32(_mm256_castps_si256(a), 22); }
static inline vf v_lut8(vlut8 i, const float *t)
{
    return _mm256_permutevar8x32_ps(_mm256_load_ps(t), i);
}

/* The 8-entry table exponential (generic/math/lanes32.h, v_ncdf_exp) rounds by one FMA whose
 * sum n = 1.5·2^20 + N/8 keeps N (|N| < 2^19) in its low bits: t[N mod 8] (vpermps reads the
 * index's low three bits), 2^⌊N/8⌋ with the mask of the lanes where ⌊N/8⌋ ≥ −126 (its
 * exponent field ⌊N/8⌋ + 127 = ⌊(N + 1016)/8⌋ > 0), and ⌊N/8⌋ itself */
static inline vf v_tab8_low(vf n, const float *t)
{
    return _mm256_permutevar8x32_ps(_mm256_load_ps(t), _mm256_castps_si256(n));
}
static inline vf v_pow2_floor8(vf n, vfm *normal)
{
    __m256i b = _mm256_sub_epi32(_mm256_castps_si256(n), _mm256_set1_epi32(0x49c00000 - 1016));
    b = _mm256_srai_epi32(b, 3);
    *normal = _mm256_castsi256_ps(_mm256_cmpgt_epi32(b, _mm256_setzero_si256()));
    return _mm256_castsi256_ps(_mm256_slli_epi32(b, 23));
}
static inline vf v_floor8(vf n)
{
    __m256i b = _mm256_sub_epi32(_mm256_castps_si256(n), _mm256_set1_epi32(0x49c00000));
    return _mm256_cvtepi32_ps(_mm256_srai_epi32(b, 3));
}

/* ---- f64 lanes; loads and stores of the f32 dtype (widened, rounded once) ---- */
static inline __m128i d_tailmask(size_t n)
{
    return _mm_cmpgt_epi32(_mm_set1_epi32((int)n), _mm_setr_epi32(0, 1, 2, 3));
}
static inline vd d_load_f32(const float *p) { return _mm256_cvtps_pd(_mm_loadu_ps(p)); }
static inline void d_store_f32(float *p, vd v) { _mm_storeu_ps(p, _mm256_cvtpd_ps(v)); }
static inline vd d_load_n_f32(const float *p, size_t n)
{
    return _mm256_cvtps_pd(_mm_maskload_ps(p, d_tailmask(n)));
}
static inline void d_store_n_f32(float *p, vd v, size_t n)
{
    _mm_maskstore_ps(p, d_tailmask(n), _mm256_cvtpd_ps(v));
}
static inline vd d_set(double c) { return _mm256_set1_pd(c); }
static inline vd d_add(vd a, vd b) { return _mm256_add_pd(a, b); }
static inline vd d_sub(vd a, vd b) { return _mm256_sub_pd(a, b); }
static inline vd d_mul(vd a, vd b) { return _mm256_mul_pd(a, b); }
static inline vd d_div(vd a, vd b) { return _mm256_div_pd(a, b); }
static inline vd d_fma(vd a, vd b, vd c) { return _mm256_fmadd_pd(a, b, c); }
static inline vd d_abs(vd a) { return _mm256_andnot_pd(_mm256_set1_pd(-0.0), a); }
static inline vd d_neg(vd a) { return -a; } /* as v_neg */
static inline vd d_max(vd a, vd b) { return _mm256_max_pd(a, b); }
static inline vd d_min(vd a, vd b) { return _mm256_min_pd(a, b); }
static inline vdm d_lt(vd a, vd b) { return _mm256_cmp_pd(a, b, _CMP_LT_OQ); }
static inline vdm d_le(vd a, vd b) { return _mm256_cmp_pd(a, b, _CMP_LE_OQ); }
static inline vdm d_gt(vd a, vd b) { return _mm256_cmp_pd(a, b, _CMP_GT_OQ); }
static inline vdm d_ge(vd a, vd b) { return _mm256_cmp_pd(a, b, _CMP_GE_OQ); }
static inline vdm d_eq(vd a, vd b) { return _mm256_cmp_pd(a, b, _CMP_EQ_OQ); }
static inline vd d_sel(vdm m, vd a, vd b) { return _mm256_blendv_pd(b, a, m); }
static inline int d_all(vdm m) { return _mm256_movemask_pd(m) == 0xf; }
static inline vd d_sqrt(vd a) { return _mm256_sqrt_pd(a); }
static inline vd d_sin(vd a) { return Sleef_sind4_u10avx2(a); }
static inline vd d_cos(vd a) { return Sleef_cosd4_u10avx2(a); }

/* d_pow2i: 2^k for integer-valued k in [-1022, 1023]. */
static inline vd d_rint(vd a)
{
    return _mm256_round_pd(a, _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
}
static inline vd d_pow2i(vd k)
{
    __m256i b = _mm256_cvtepi32_epi64(_mm256_cvtpd_epi32(k));
    b = _mm256_add_epi64(b, _mm256_set1_epi64x(1023));
    return _mm256_castsi256_pd(_mm256_slli_epi64(b, 52));
}

/* ---- the f64 dtype in f64 lanes; f64-grade math (SLEEF, ≤ 1 ULP; erfc ≤ 1.5) ---- */
static inline __m256i d_tailmask64(size_t n)
{
    return _mm256_cmpgt_epi64(_mm256_set1_epi64x((long long)n), _mm256_setr_epi64x(0, 1, 2, 3));
}
static inline vd d_load_f64(const double *p) { return _mm256_loadu_pd(p); }
static inline void d_store_f64(double *p, vd v) { _mm256_storeu_pd(p, v); }
static inline vd d_load_n_f64(const double *p, size_t n)
{
    return _mm256_maskload_pd(p, d_tailmask64(n));
}
static inline void d_store_n_f64(double *p, vd v, size_t n)
{
    _mm256_maskstore_pd(p, d_tailmask64(n), v);
}
static inline vd d64_exp(vd a) { return Sleef_expd4_u10avx2(a); }
static inline vd d64_expm1(vd a) { return Sleef_expm1d4_u10avx2(a); }
static inline vd d64_log1p(vd a) { return Sleef_log1pd4_u10avx2(a); }
static inline vd d64_tanh(vd a) { return Sleef_tanhd4_u10avx2(a); }
static inline vd d64_erfc(vd a) { return Sleef_erfcd4_u15avx2(a); }
static inline vd d64_atan(vd a) { return Sleef_atand4_u10avx2(a); }

/* ---- bf16 and f16 (uint16_t bit patterns) in f32 and f64 lanes ----
 * Loads widen exactly; stores round to nearest-even (NaN: a quiet NaN of
 * the format, sign kept; overflow: ±inf; the format's subnormals kept).
 * v_round_<T> / d_round_<T>: the value a store would write, back in the
 * lanes (the correct-rounding test of generic/loops_eltwise.inc).  f16 is
 * F16C's vcvtps2ph (rounding from the immediate, not MXCSR; it does not
 * flush: MXCSR's DAZ is off in the library's environment) and vcvtph2ps;
 * bf16 is integer code.  There is no 16-bit masked load or store: a tail
 * goes through a zeroed stack vector. */
static inline int v_any(vfm m) { return _mm256_movemask_ps(m) != 0; }
/* the lanes of a mask as bits (lane i: bit i), for the correct-rounding loops' ring */
#define ACTFN_HAVE_V_BITS 1
static inline uint32_t v_bits(vfm m) { return (uint32_t)_mm256_movemask_ps(m); }
static inline int d_any(vdm m) { return _mm256_movemask_pd(m) != 0; }
/* Horizontal, for the row operations: the largest lane (no lane NaN: the
 * caller checks first); the sum of the lanes in no fixed order (for exact
 * sums only: counts); the f64 lanes summed by halving, lane i + lane i + VD/2
 * first, then VD/4, ... (the order softmax fixes on every path). */
static inline float v_hmax(vf a)
{
    __m128 q = _mm_max_ps(_mm256_castps256_ps128(a), _mm256_extractf128_ps(a, 1));
    q = _mm_max_ps(q, _mm_movehl_ps(q, q));
    return _mm_cvtss_f32(_mm_max_ss(q, _mm_movehdup_ps(q)));
}
static inline float v_hsum_exact(vf a)
{
    __m128 q = _mm_add_ps(_mm256_castps256_ps128(a), _mm256_extractf128_ps(a, 1));
    q = _mm_add_ps(q, _mm_movehl_ps(q, q));
    return _mm_cvtss_f32(_mm_add_ss(q, _mm_movehdup_ps(q)));
}
static inline double d_hsum_halves(vd a)
{
    __m128d q = _mm_add_pd(_mm256_castpd256_pd128(a), _mm256_extractf128_pd(a, 1));
    return _mm_cvtsd_f64(_mm_add_sd(q, _mm_unpackhi_pd(q, q)));
}
/* bf16 rounding in the 32-bit lanes (top half; low half zero): + 0x7fff +
 * the lsb kept; a NaN keeps its top half with the quiet bit set. */
static inline __m256i h_bf16_round32(vf v)
{
    __m256i u = _mm256_castps_si256(v);
    __m256i lsb = _mm256_and_si256(_mm256_srli_epi32(u, 16), _mm256_set1_epi32(1));
    __m256i r = _mm256_add_epi32(u, _mm256_add_epi32(_mm256_set1_epi32(0x7fff), lsb));
    __m256i q = _mm256_or_si256(u, _mm256_set1_epi32(0x400000));
    r = _mm256_blendv_epi8(r, q, _mm256_castps_si256(_mm256_cmp_ps(v, v, _CMP_UNORD_Q)));
    return _mm256_and_si256(r, _mm256_set1_epi32((int)0xffff0000u));
}
static inline __m128i h_narrow_bf16(vf v)
{
    __m256i s = _mm256_srli_epi32(h_bf16_round32(v), 16);
    return _mm_packus_epi32(_mm256_castsi256_si128(s), _mm256_extracti128_si256(s, 1));
}
static inline vf h_widen_bf16(__m128i h)
{
    return _mm256_castsi256_ps(_mm256_slli_epi32(_mm256_cvtepu16_epi32(h), 16));
}
static inline vf v_round_bf16(vf v) { return _mm256_castsi256_ps(h_bf16_round32(v)); }
/* The store of lanes that hold no tie of bf16 (the correct-rounding loops
 * send those elsewhere): + 0x8000, the top half kept; a NaN as above. */
static inline __m128i h_narrow_untied_bf16(vf v)
{
    __m256i u = _mm256_castps_si256(v), r = _mm256_add_epi32(u, _mm256_set1_epi32(0x8000));
    __m256i q = _mm256_or_si256(u, _mm256_set1_epi32(0x400000));
    r = _mm256_srli_epi32(
        _mm256_blendv_epi8(r, q, _mm256_castps_si256(_mm256_cmp_ps(v, v, _CMP_UNORD_Q))), 16);
    return _mm_packus_epi32(_mm256_castsi256_si128(r), _mm256_extracti128_si256(r, 1));
}
static inline void v_store_untied_bf16(uint16_t *p, vf v)
{
    _mm_storeu_si128((__m128i *)p, h_narrow_untied_bf16(v));
}
static inline void v_stream_untied_bf16(uint16_t *p, vf v)
{
    _mm_stream_si128((__m128i *)p, h_narrow_untied_bf16(v));
}
/* Lanes whose low 32 − s bits lie within k of their midpoint 2^(31 − s):
 * a float within k of a rounding boundary of a format that keeps its top s
 * bits (generic/loops_eltwise.inc).  t ≤ c unsigned as min(t, c) = t. */
#define ACTFN_V_LOW_NEAR(s)                                                                        \
    static inline vfm v_low_near_##s(vf y, uint32_t k)                                             \
    {                                                                                              \
        __m256i t = _mm256_slli_epi32(_mm256_castps_si256(y), s);                                  \
        t = _mm256_add_epi32(t, _mm256_set1_epi32((int)((k << s) - 0x80000000u)));                 \
        __m256i c = _mm256_set1_epi32((int)(2 * k << s));                                          \
        return _mm256_castsi256_ps(_mm256_cmpeq_epi32(_mm256_min_epu32(t, c), t));                 \
    }
ACTFN_V_LOW_NEAR(16)
ACTFN_V_LOW_NEAR(19)
static inline __m128i h_narrow_f16(vf v) { return _mm256_cvtps_ph(v, _MM_FROUND_TO_NEAREST_INT); }
static inline vf h_widen_f16(__m128i h) { return _mm256_cvtph_ps(h); }
static inline vf v_round_f16(vf v) { return h_widen_f16(h_narrow_f16(v)); }
static inline __m128i h_load_n(const uint16_t *p, size_t n)
{
    uint16_t t[8] = {0};
    memcpy(t, p, n * sizeof *p);
    return _mm_loadu_si128((const __m128i *)t);
}
static inline void h_store_n(uint16_t *p, __m128i h, size_t n)
{
    uint16_t t[8];
    _mm_storeu_si128((__m128i *)t, h);
    memcpy(p, t, n * sizeof *p);
}
/* f64 lanes: four halves, through f32 (exact both ways for the loads; the
 * store rounds the double to float first, then to the format). */
static inline vd h_d(vf v) { return _mm256_cvtps_pd(_mm256_castps256_ps128(v)); }
static inline vf h_f(vd v) { return _mm256_zextps128_ps256(_mm256_cvtpd_ps(v)); }
#define ACTFN_AVX2_HALF(T)                                                                         \
    static inline vf v_load_##T(const uint16_t *p)                                                 \
    {                                                                                              \
        return h_widen_##T(_mm_loadu_si128((const __m128i *)p));                                   \
    }                                                                                              \
    static inline vf v_load_n_##T(const uint16_t *p, size_t n)                                     \
    {                                                                                              \
        return h_widen_##T(h_load_n(p, n));                                                        \
    }                                                                                              \
    static inline void v_store_##T(uint16_t *p, vf v)                                              \
    {                                                                                              \
        _mm_storeu_si128((__m128i *)p, h_narrow_##T(v));                                           \
    }                                                                                              \
    static inline void v_store_n_##T(uint16_t *p, vf v, size_t n)                                  \
    {                                                                                              \
        h_store_n(p, h_narrow_##T(v), n);                                                          \
    }                                                                                              \
    static inline void v_store_nt_##T(uint16_t *p, vf v)                                           \
    {                                                                                              \
        _mm_stream_si128((__m128i *)p, h_narrow_##T(v));                                           \
    }                                                                                              \
    static inline vd d_load_##T(const uint16_t *p)                                                 \
    {                                                                                              \
        return h_d(h_widen_##T(_mm_loadl_epi64((const __m128i *)p)));                              \
    }                                                                                              \
    static inline vd d_load_n_##T(const uint16_t *p, size_t n)                                     \
    {                                                                                              \
        return h_d(h_widen_##T(h_load_n(p, n)));                                                   \
    }                                                                                              \
    static inline void d_store_##T(uint16_t *p, vd v)                                              \
    {                                                                                              \
        _mm_storel_epi64((__m128i *)p, h_narrow_##T(h_f(v)));                                      \
    }                                                                                              \
    static inline void d_store_n_##T(uint16_t *p, vd v, size_t n)                                  \
    {                                                                                              \
        h_store_n(p, h_narrow_##T(h_f(v)), n);                                                     \
    }                                                                                              \
    static inline vd d_round_##T(vd v) { return h_d(v_round_##T(h_f(v))); }
ACTFN_AVX2_HALF(bf16)
ACTFN_AVX2_HALF(f16)

/* ---- bf16 and f16 as 16-bit patterns, 16 lanes: the loops of the bodies that need no
 * arithmetic (generic/loops_eltwise.inc, ACTFN_LOOP_H16).  AVX2 compares 16-bit integers as
 * signed only: an unsigned range is moved onto the signed one (x ≤ d unsigned is x − 2^15 ≤
 * d − 2^15 signed); masks are vectors (lanes all ones); a tail goes through a stack vector. */
typedef __m256i vh;
typedef __m256i vhm;
#define ACTFN_HAVE_H16 1
#define VH 16
static inline vh h16_set(uint16_t c) { return _mm256_set1_epi16((short)c); }
static inline vh h16_load(const uint16_t *p) { return _mm256_loadu_si256((const __m256i *)p); }
static inline vh h16_load_n(const uint16_t *p, size_t n)
{
    uint16_t t[VH] = {0};
    memcpy(t, p, n * sizeof *p);
    return h16_load(t);
}
static inline void h16_store(uint16_t *p, vh v) { _mm256_storeu_si256((__m256i *)p, v); }
static inline void h16_stream(uint16_t *p, vh v) { _mm256_stream_si256((__m256i *)p, v); }
static inline void h16_store_n(uint16_t *p, vh v, size_t n)
{
    uint16_t t[VH];
    h16_store(t, v);
    memcpy(p, t, n * sizeof *p);
}
/* the lanes whose pattern lies in [lo, hi] as unsigned integers, hi − lo < 0xffff */
static inline vhm h16_in(vh v, uint16_t lo, uint16_t hi)
{
    return _mm256_cmpgt_epi16(h16_set((uint16_t)(hi - lo + 1 - 0x8000)),
                              _mm256_sub_epi16(v, h16_set((uint16_t)(lo + 0x8000))));
}
static inline vh h16_sel(vhm m, vh a, vh b) { return _mm256_blendv_epi8(b, a, m); }
/* a where m, +0 elsewhere; +0 where m, b elsewhere */
static inline vh h16_and(vhm m, vh a) { return _mm256_and_si256(m, a); }
static inline vh h16_andnot(vhm m, vh b) { return _mm256_andnot_si256(m, b); }
/* a format's NaNs (|v| above inf's pattern, as signed integers) */
static inline vhm h16_nan(vh v, uint16_t inf)
{
    return _mm256_cmpgt_epi16(_mm256_and_si256(v, h16_set(0x7fff)), h16_set(inf));
}
/* v's NaNs quieted (their quiet bit q set), the other lanes r; or, where v is its own r on
 * the NaN lanes, v with its NaNs quieted */
static inline vh h16_quiet_or(vh v, vh r, uint16_t inf, uint16_t q)
{
    return h16_sel(h16_nan(v, inf), _mm256_or_si256(v, h16_set(q)), r);
}
static inline vh h16_quiet(vh v, uint16_t inf, uint16_t q)
{
    return _mm256_or_si256(v, h16_and(h16_nan(v, inf), h16_set(q)));
}
/* the lesser of v and c as signed 16-bit integers: c where v is a positive number above c
 * (+inf, and a positive NaN, too), v elsewhere (negative numbers, −0 and negative NaNs) */
static inline vh h16_min_signed(vh v, uint16_t c) { return _mm256_min_epi16(v, h16_set(c)); }
static inline vh h16_abs(vh v) { return _mm256_and_si256(v, h16_set(0x7fff)); }
/* the patterns as signed integers in the order of their values (−0 and +0 both 0, −x at
 * −|x|'s pattern, NaNs beyond ±inf), and signed a > b */
static inline vh h16_key(vh v)
{
    vh s = _mm256_srai_epi16(v, 15);
    return _mm256_sub_epi16(_mm256_xor_si256(h16_abs(v), s), s);
}
static inline vhm h16_gt(vh a, vh b) { return _mm256_cmpgt_epi16(a, b); }
static inline vhm h16_eq(vh a, vh b) { return _mm256_cmpeq_epi16(a, b); }
static inline vh h16_vand(vh a, vh b) { return _mm256_and_si256(a, b); }
static inline vh h16_vor(vh a, vh b) { return _mm256_or_si256(a, b); }
static inline vh h16_vxor(vh a, vh b) { return _mm256_xor_si256(a, b); }
/* neg where v's sign bit is set, pos elsewhere; the unsigned lesser of a and b, and unsigned
 * a >= b (a is the greater of the two) */
static inline vh h16_by_sign(vh v, vh neg, vh pos)
{
    return _mm256_blendv_epi8(pos, neg, _mm256_srai_epi16(v, 15));
}
static inline vh h16_min_u(vh a, vh b) { return _mm256_min_epu16(a, b); }
static inline vhm h16_ge_u(vh a, vh b) { return _mm256_cmpeq_epi16(_mm256_max_epu16(a, b), a); }

/* ---- u32 lanes (VF of them): the counter-based generator of
 * generic/rows/rng.h ---- */
typedef __m256i vu;
static inline vu u_set(uint32_t c) { return _mm256_set1_epi32((int)c); }
static inline vu u_load(const uint32_t *p) { return _mm256_loadu_si256((const __m256i *)p); }
static inline vu u_add(vu a, vu b) { return _mm256_add_epi32(a, b); }
static inline vu u_xor(vu a, vu b) { return _mm256_xor_si256(a, b); }
/* a·m as 64-bit products: the low halves returned, the high ones in *hi.
 * VPMULUDQ multiplies the even lanes; the odd ones are shifted down to it. */
static inline vu u_mulhilo(vu a, uint32_t m, vu *hi)
{
    const __m256i M = _mm256_set1_epi32((int)m);
    __m256i e = _mm256_mul_epu32(a, M), o = _mm256_mul_epu32(_mm256_srli_epi64(a, 32), M);
    *hi = _mm256_blend_epi32(_mm256_srli_epi64(e, 32), o, 0xAA);
    return _mm256_blend_epi32(e, _mm256_slli_epi64(o, 32), 0xAA);
}
/* (w >> 8)·2^-24: the top 24 bits as a float in [0, 1), exact */
static inline vf u_unit(vu w)
{
    return _mm256_mul_ps(_mm256_cvtepi32_ps(_mm256_srli_epi32(w, 8)), _mm256_set1_ps(0x1p-24f));
}

#endif
