/*
 * The peers that are not activation libraries: each function written as
 * its textbook formula over a vector math library, the way an engine
 * without libactfn would write it.  Compiled twice (bench/CMakeLists.txt),
 * for AVX-512 (COMPOSED_ISA avx512) and for AVX2 + FMA (avx2), each with
 * -O3 -ffast-math:
 *
 *   libmvec  plain loops over expf, tanhf, erff, log1pf, expm1f: GCC
 *            vectorizes them into glibc's vector variants (_ZGVeN16v_expf,
 *            _ZGVdN8v_expf, ...), as -ffast-math lets it;
 *   sleef    the same formulas over SLEEF's u10 (1-ULP) vector functions
 *            (Sleef_expf16_u10avx512f, Sleef_expf8_u10avx2, ...).
 *
 * Entry points: composed_<lib>_<isa>(fn, bwd, x, dy, y, n) for the
 * functions named in composed.h; 0 when that pair is not composed here.
 * Neither peer is held to the contract's bound (fast-math, no care for
 * tails, overflow or subnormals): these are speed references only.
 */
#include "composed.h"

#include <math.h>
#include <stddef.h>

#if defined(COMPOSED_AVX512)
#include <immintrin.h>
#include <sleef.h>
typedef __m512 V;
#define W 16
#define LD(p) _mm512_loadu_ps(p)
#define ST(p, v) _mm512_storeu_ps(p, v)
#define SET(c) _mm512_set1_ps(c)
#define MAX(a, b) _mm512_max_ps(a, b)
#define MIN(a, b) _mm512_min_ps(a, b)
#define S_EXP Sleef_expf16_u10avx512f
#define S_EXPM1 Sleef_expm1f16_u10avx512f
#define S_TANH Sleef_tanhf16_u10avx512f
#define S_ERF Sleef_erff16_u10avx512f
#define S_LOG1P Sleef_log1pf16_u10avx512f
#define NAME(lib) composed_##lib##_avx512
#elif defined(COMPOSED_AVX2)
#include <immintrin.h>
#include <sleef.h>
typedef __m256 V;
#define W 8
#define LD(p) _mm256_loadu_ps(p)
#define ST(p, v) _mm256_storeu_ps(p, v)
#define SET(c) _mm256_set1_ps(c)
#define MAX(a, b) _mm256_max_ps(a, b)
#define MIN(a, b) _mm256_min_ps(a, b)
#define S_EXP Sleef_expf8_u10avx2
#define S_EXPM1 Sleef_expm1f8_u10avx2
#define S_TANH Sleef_tanhf8_u10avx2
#define S_ERF Sleef_erff8_u10avx2
#define S_LOG1P Sleef_log1pf8_u10avx2
#define NAME(lib) composed_##lib##_avx2
#else
#error "composed.c is built with COMPOSED_AVX512 or COMPOSED_AVX2"
#endif

#define K_GELU_TANH 0.7978845608028654f /* √(2/π) */
#define K_RSQRT2 0.7071067811865476f    /* 1/√2 */
#define K_RSQRT2PI 0.3989422804014327f  /* 1/√(2π) */

/* ---- libmvec: scalar formulas, vectorized by the compiler ---- */

#define LOOP_FWD(expr)                                                                             \
    for (size_t i = 0; i < n; i++) {                                                               \
        const float v = x[i];                                                                      \
        y[i] = (expr);                                                                             \
    }                                                                                              \
    return 1
#define LOOP_BWD(expr)                                                                             \
    for (size_t i = 0; i < n; i++) {                                                               \
        const float v = x[i], g = dy[i];                                                           \
        y[i] = g * (expr);                                                                         \
    }                                                                                              \
    return 1

int NAME(libmvec)(composed_fn fn, int bwd, const float *restrict x, const float *restrict dy,
                  float *restrict y, size_t n)
{
    if (!bwd)
        switch (fn) {
        case COMPOSED_SIGMOID:
            LOOP_FWD(1.0f / (1.0f + expf(-v)));
        case COMPOSED_ELU:
            LOOP_FWD(v > 0.0f ? v : expm1f(v));
        case COMPOSED_HARD_SWISH:
            LOOP_FWD(v * fminf(fmaxf(v + 3.0f, 0.0f), 6.0f) / 6.0f);
        case COMPOSED_SILU:
            LOOP_FWD(v / (1.0f + expf(-v)));
        case COMPOSED_GELU_TANH:
            LOOP_FWD(0.5f * v * (1.0f + tanhf(K_GELU_TANH * (v + 0.044715f * v * v * v))));
        case COMPOSED_GELU:
            LOOP_FWD(0.5f * v * (1.0f + erff(v * K_RSQRT2)));
        case COMPOSED_MISH:
            LOOP_FWD(v * tanhf(log1pf(expf(v))));
        case COMPOSED_TANH:
            LOOP_FWD(tanhf(v));
        case COMPOSED_SOFTPLUS:
            LOOP_FWD(log1pf(expf(v)));
        case COMPOSED_LOG_SIGMOID:
            LOOP_FWD(-log1pf(expf(-v)));
        default:
            return 0;
        }
    switch (fn) {
    case COMPOSED_SIGMOID:
        LOOP_BWD(1.0f / (1.0f + expf(-v)) * (1.0f - 1.0f / (1.0f + expf(-v))));
    case COMPOSED_TANH:
        LOOP_BWD(1.0f - tanhf(v) * tanhf(v));
    case COMPOSED_SILU:
        LOOP_BWD(1.0f / (1.0f + expf(-v)) * (1.0f + v * (1.0f - 1.0f / (1.0f + expf(-v)))));
    case COMPOSED_GELU:
        LOOP_BWD(0.5f * (1.0f + erff(v * K_RSQRT2)) + v * K_RSQRT2PI * expf(-0.5f * v * v));
    default:
        return 0;
    }
}

/* ---- SLEEF: the same formulas over its u10 vector functions; n is a
 * multiple of W in every benchmark, a scalar tail keeps it general ---- */

static inline V s_sigmoid(V v) { return SET(1.0f) / (SET(1.0f) + S_EXP(-v)); }

#define SLOOP_FWD(expr, sexpr)                                                                     \
    do {                                                                                           \
        size_t i = 0;                                                                              \
        for (; i + W <= n; i += W) {                                                               \
            const V v = LD(x + i);                                                                 \
            ST(y + i, (expr));                                                                     \
        }                                                                                          \
        for (; i < n; i++) {                                                                       \
            const float v = x[i];                                                                  \
            y[i] = (sexpr);                                                                        \
        }                                                                                          \
        return 1;                                                                                  \
    } while (0)
#define SLOOP_BWD(expr, sexpr)                                                                     \
    do {                                                                                           \
        size_t i = 0;                                                                              \
        for (; i + W <= n; i += W) {                                                               \
            const V v = LD(x + i), g = LD(dy + i);                                                 \
            ST(y + i, g * (expr));                                                                 \
        }                                                                                          \
        for (; i < n; i++) {                                                                       \
            const float v = x[i], g = dy[i];                                                       \
            y[i] = g * (sexpr);                                                                    \
        }                                                                                          \
        return 1;                                                                                  \
    } while (0)

int NAME(sleef)(composed_fn fn, int bwd, const float *restrict x, const float *restrict dy,
                float *restrict y, size_t n)
{
    const V one = SET(1.0f), half = SET(0.5f);
    if (!bwd)
        switch (fn) {
        case COMPOSED_SIGMOID:
            SLOOP_FWD(s_sigmoid(v), 1.0f / (1.0f + expf(-v)));
        case COMPOSED_ELU:
            SLOOP_FWD(MAX(v, SET(0.0f)) + MIN(S_EXPM1(v), SET(0.0f)), v > 0.0f ? v : expm1f(v));
        case COMPOSED_HARD_SWISH:
            SLOOP_FWD(v * MIN(MAX(v + SET(3.0f), SET(0.0f)), SET(6.0f)) / SET(6.0f),
                      v * fminf(fmaxf(v + 3.0f, 0.0f), 6.0f) / 6.0f);
        case COMPOSED_SILU:
            SLOOP_FWD(v / (one + S_EXP(-v)), v / (1.0f + expf(-v)));
        case COMPOSED_GELU_TANH:
            SLOOP_FWD(half * v *
                          (one + S_TANH(SET(K_GELU_TANH) * (v + SET(0.044715f) * v * v * v))),
                      0.5f * v * (1.0f + tanhf(K_GELU_TANH * (v + 0.044715f * v * v * v))));
        case COMPOSED_GELU:
            SLOOP_FWD(half * v * (one + S_ERF(v * SET(K_RSQRT2))),
                      0.5f * v * (1.0f + erff(v * K_RSQRT2)));
        case COMPOSED_MISH:
            SLOOP_FWD(v * S_TANH(S_LOG1P(S_EXP(v))), v * tanhf(log1pf(expf(v))));
        case COMPOSED_TANH:
            SLOOP_FWD(S_TANH(v), tanhf(v));
        case COMPOSED_SOFTPLUS:
            SLOOP_FWD(S_LOG1P(S_EXP(v)), log1pf(expf(v)));
        case COMPOSED_LOG_SIGMOID:
            SLOOP_FWD(-S_LOG1P(S_EXP(-v)), -log1pf(expf(-v)));
        default:
            return 0;
        }
    switch (fn) {
    case COMPOSED_SIGMOID:
        SLOOP_BWD(s_sigmoid(v) * (one - s_sigmoid(v)),
                  1.0f / (1.0f + expf(-v)) * (1.0f - 1.0f / (1.0f + expf(-v))));
    case COMPOSED_TANH:
        SLOOP_BWD(one - S_TANH(v) * S_TANH(v), 1.0f - tanhf(v) * tanhf(v));
    case COMPOSED_SILU:
        SLOOP_BWD(s_sigmoid(v) * (one + v * (one - s_sigmoid(v))),
                  1.0f / (1.0f + expf(-v)) * (1.0f + v * (1.0f - 1.0f / (1.0f + expf(-v)))));
    case COMPOSED_GELU:
        SLOOP_BWD(half * (one + S_ERF(v * SET(K_RSQRT2))) +
                      v * SET(K_RSQRT2PI) * S_EXP(SET(-0.5f) * v * v),
                  0.5f * (1.0f + erff(v * K_RSQRT2)) + v * K_RSQRT2PI * expf(-0.5f * v * v));
    default:
        return 0;
    }
}
