/* The scalar path: the same generic bodies with one lane.  Portable C plus
 * SLEEF's pure-C functions, so it runs on any CPU of the target. */
#ifndef ACTFN_SCALAR_VEC_H
#define ACTFN_SCALAR_VEC_H

#include <math.h>
#include <sleef.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define ACTFN_ISA_SUFFIX scalar
#define VF 1
#define VD 1

typedef float vf;
typedef int vfm;
typedef double vd;
typedef int vdm;

/* Round-to-nearest, no FTZ/DAZ, exceptions masked; the caller's state after. */
#if defined(__x86_64__) || defined(__i386__)
#include "generic/fenv_x86.h"
#elif defined(__aarch64__)
#include "generic/fenv_aarch64.h"
#else
#include <fenv.h>
typedef fenv_t v_fenv;
static inline v_fenv v_fenv_enter(void)
{
    fenv_t saved;
    feholdexcept(&saved);
    fesetround(FE_TONEAREST);
    return saved;
}
static inline void v_fenv_leave(v_fenv saved) { fesetenv(&saved); }
#endif

/* ---- f32 lanes; loads and stores of the f32 dtype ---- */
static inline vf v_load_f32(const float *p) { return *p; }
static inline void v_store_f32(float *p, vf v) { *p = v; }
static inline vf v_load_n_f32(const float *p, size_t n) { return (void)n, *p; }
static inline void v_store_n_f32(float *p, vf v, size_t n) { (void)n, *p = v; }
static inline vf v_set(float c) { return c; }
static inline vf v_add(vf a, vf b) { return a + b; }
static inline vf v_sub(vf a, vf b) { return a - b; }
static inline vf v_mul(vf a, vf b) { return a * b; }
static inline vf v_div(vf a, vf b) { return a / b; }
static inline vf v_fma(vf a, vf b, vf c) { return fmaf(a, b, c); }
/* c − a·b, one rounding */
static inline vf v_fnma(vf a, vf b, vf c) { return fmaf(-a, b, c); }
static inline vf v_abs(vf a) { return fabsf(a); }
static inline vf v_sqrt(vf a) { return sqrtf(a); }
static inline vf v_neg(vf a) { return -a; }
/* a with its sign flipped where b's sign bit is set (a NaN b: either) */
static inline vf v_xorsign(vf a, vf b) { return signbit(b) ? -a : a; }
static inline vf v_max(vf a, vf b) { return a > b ? a : b; }
static inline vf v_min(vf a, vf b) { return a < b ? a : b; }
static inline vfm v_lt(vf a, vf b) { return a < b; }
static inline vfm v_le(vf a, vf b) { return a <= b; }
static inline vfm v_gt(vf a, vf b) { return a > b; }
static inline vfm v_ge(vf a, vf b) { return a >= b; }
static inline vfm v_eq(vf a, vf b) { return a == b; }
static inline vfm v_isnan(vf a) { return a != a; }
static inline vf v_sel(vfm m, vf a, vf b) { return m ? a : b; }
static inline int v_all(vfm m) { return m; }
static inline vf v_atan(vf a) { return Sleef_atanf1_u10purec(a); }
static inline vf v_sin(vf a) { return Sleef_sinf1_u10purec(a); }
static inline vf v_cos(vf a) { return Sleef_cosf1_u10purec(a); }

/* Building blocks of generic/math/.  v_rint: nearest integer, ties to
 * even, for |a| < 2^22 (the library's loops run in round-to-nearest).
 * v_pow2i: 2^k for integer-valued k in [-126, 127]. */
static inline vf v_rint(vf a) { return (a + 0x1.8p23f) - 0x1.8p23f; }
static inline vf v_pow2i(vf k)
{
    uint32_t b = (uint32_t)((int32_t)(k == k ? k : 0.0f) + 127) << 23; /* NaN: any finite scale */
    float f;
    memcpy(&f, &b, sizeof f);
    return f;
}
/* 2^k from n = 0x1.8p23 + 127 + k (k integer in [-126, 127]; the sum held
 * exactly, as the rounding FMA of generic/math/ leaves it): n's low bits,
 * 127 + k, moved into the exponent field. */
static inline vf v_pow2_biased(vf n)
{
    uint32_t b;
    memcpy(&b, &n, sizeof b);
    b <<= 23;
    memcpy(&n, &b, sizeof n);
    return n;
}

/* 16-entry tables (generic/math/): v_lut_index(a) picks entry
 * (bits(a) >> 21) & 15 of each lane, the low two exponent bits and top two
 * mantissa bits of a; v_lut16(i, t) reads t[i] per lane. */
typedef uint32_t vlut;
static inline vlut v_lut_index(vf a)
{
    uint32_t u;
    memcpy(&u, &a, sizeof u);
    return (u >> 21) & 15u;
}
static inline vf v_lut16(vlut i, const float *t) { return t[i]; }

/* ---- f64 lanes; loads and stores of the f32 dtype (widened, rounded once) ---- */
static inline vd d_load_f32(const float *p) { return *p; }
static inline void d_store_f32(float *p, vd v) { *p = (float)v; }
static inline vd d_load_n_f32(const float *p, size_t n) { return (void)n, *p; }
static inline void d_store_n_f32(float *p, vd v, size_t n) { (void)n, *p = (float)v; }
static inline vd d_set(double c) { return c; }
static inline vd d_add(vd a, vd b) { return a + b; }
static inline vd d_sub(vd a, vd b) { return a - b; }
static inline vd d_mul(vd a, vd b) { return a * b; }
static inline vd d_div(vd a, vd b) { return a / b; }
static inline vd d_fma(vd a, vd b, vd c) { return fma(a, b, c); }
static inline vd d_abs(vd a) { return fabs(a); }
static inline vd d_neg(vd a) { return -a; }
static inline vd d_max(vd a, vd b) { return a > b ? a : b; }
static inline vd d_min(vd a, vd b) { return a < b ? a : b; }
static inline vdm d_lt(vd a, vd b) { return a < b; }
static inline vdm d_le(vd a, vd b) { return a <= b; }
static inline vdm d_gt(vd a, vd b) { return a > b; }
static inline vdm d_ge(vd a, vd b) { return a >= b; }
static inline vdm d_eq(vd a, vd b) { return a == b; }
static inline vd d_sel(vdm m, vd a, vd b) { return m ? a : b; }
static inline int d_all(vdm m) { return m; }
static inline vd d_sqrt(vd a) { return sqrt(a); }
static inline vd d_sin(vd a) { return Sleef_sind1_u10purec(a); }
static inline vd d_cos(vd a) { return Sleef_cosd1_u10purec(a); }

/* d_rint for |a| < 2^51; d_pow2i: 2^k for integer-valued k in [-1022, 1023]. */
static inline vd d_rint(vd a) { return (a + 0x1.8p52) - 0x1.8p52; }
static inline vd d_pow2i(vd k)
{
    uint64_t b = (uint64_t)((int64_t)(k == k ? k : 0.0) + 1023) << 52;
    double f;
    memcpy(&f, &b, sizeof f);
    return f;
}

/* ---- the f64 dtype in f64 lanes; f64-grade math (SLEEF, ≤ 1 ULP; erfc ≤ 1.5) ---- */
static inline vd d_load_f64(const double *p) { return *p; }
static inline void d_store_f64(double *p, vd v) { *p = v; }
static inline vd d_load_n_f64(const double *p, size_t n) { return (void)n, *p; }
static inline void d_store_n_f64(double *p, vd v, size_t n) { (void)n, *p = v; }
static inline vd d64_exp(vd a) { return Sleef_expd1_u10purec(a); }
static inline vd d64_expm1(vd a) { return Sleef_expm1d1_u10purec(a); }
static inline vd d64_log1p(vd a) { return Sleef_log1pd1_u10purec(a); }
static inline vd d64_tanh(vd a) { return Sleef_tanhd1_u10purec(a); }
static inline vd d64_erfc(vd a) { return Sleef_erfcd1_u15purec(a); }
static inline vd d64_atan(vd a) { return Sleef_atand1_u10purec(a); }

/* ---- bf16 and f16 (uint16_t bit patterns): widened exactly, rounded to
 * nearest-even on store (generic/half.h); v_round_<T>: the value the store
 * would write, as a float (the correct-rounding test of the loops) ---- */
#include "generic/half.h"
static inline int v_any(vfm m) { return m != 0; }
static inline int d_any(vdm m) { return m != 0; }
/* Horizontal, for the row operations: the largest lane (no lane NaN: the
 * caller checks first); the sum of the lanes in no fixed order (for exact
 * sums only: counts); the f64 lanes summed by halving, lane i + lane i + VD/2
 * first, then VD/4, ... (the order softmax fixes on every path). */
static inline float v_hmax(vf a) { return a; }
static inline float v_hsum_exact(vf a) { return a; }
static inline double d_hsum_halves(vd a) { return a; }
#define ACTFN_SCALAR_HALF(T)                                                                       \
    static inline vf v_load_##T(const uint16_t *p) { return actfn_##T##_to_f32(*p); }              \
    static inline vf v_load_n_##T(const uint16_t *p, size_t n)                                     \
    {                                                                                              \
        return (void)n, actfn_##T##_to_f32(*p);                                                    \
    }                                                                                              \
    static inline void v_store_##T(uint16_t *p, vf v) { *p = actfn_f32_to_##T(v); }                \
    static inline void v_store_n_##T(uint16_t *p, vf v, size_t n)                                  \
    {                                                                                              \
        (void)n, *p = actfn_f32_to_##T(v);                                                         \
    }                                                                                              \
    static inline vf v_round_##T(vf v) { return actfn_##T##_to_f32(actfn_f32_to_##T(v)); }         \
    static inline vd d_load_##T(const uint16_t *p) { return actfn_##T##_to_f32(*p); }              \
    static inline vd d_load_n_##T(const uint16_t *p, size_t n)                                     \
    {                                                                                              \
        return (void)n, actfn_##T##_to_f32(*p);                                                    \
    }                                                                                              \
    static inline void d_store_##T(uint16_t *p, vd v) { *p = actfn_f32_to_##T((float)v); }         \
    static inline void d_store_n_##T(uint16_t *p, vd v, size_t n)                                  \
    {                                                                                              \
        (void)n, *p = actfn_f32_to_##T((float)v);                                                  \
    }                                                                                              \
    static inline vd d_round_##T(vd v) { return v_round_##T((float)v); }
ACTFN_SCALAR_HALF(bf16)
ACTFN_SCALAR_HALF(f16)
/* The store of a value that is no tie of bf16 (the correct-rounding loops
 * send those elsewhere): the rounding above, which needs no shortcut. */
static inline void v_store_untied_bf16(uint16_t *p, vf v) { v_store_bf16(p, v); }
/* Whether the low 32 − s bits of y lie within k of their midpoint
 * 2^(31 − s): y within k of a rounding boundary of a format that keeps its
 * top s bits (generic/loops_eltwise.inc). */
#define ACTFN_V_LOW_NEAR(s)                                                                        \
    static inline vfm v_low_near_##s(vf y, uint32_t k)                                             \
    {                                                                                              \
        return (uint32_t)((actfn_f32_bits(y) << s) + ((k << s) - 0x80000000u)) <= (2 * k << s);    \
    }
ACTFN_V_LOW_NEAR(16)
ACTFN_V_LOW_NEAR(19)

/* ---- u32 lanes (one): the counter-based generator of generic/rows/rng.h ---- */
typedef uint32_t vu;
static inline vu u_set(uint32_t c) { return c; }
static inline vu u_load(const uint32_t *p) { return *p; }
static inline vu u_add(vu a, vu b) { return a + b; }
static inline vu u_xor(vu a, vu b) { return a ^ b; }
static inline vu u_mulhilo(vu a, uint32_t m, vu *hi)
{
    uint64_t p = (uint64_t)a * m;
    *hi = (uint32_t)(p >> 32);
    return (uint32_t)p;
}
static inline vf u_unit(vu w) { return (float)(w >> 8) * 0x1p-24f; }

#endif
