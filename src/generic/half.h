/*
 * bfloat16 and IEEE binary16 in portable C: exact widening to float,
 * rounding float to the format (to nearest, ties to even; NaN stays a quiet
 * NaN of the format, sign kept; overflow gives ±inf; the format's
 * subnormals are not flushed), and the round-to-odd step of the correct
 * rounding's fix-up (generic/loops_eltwise.inc).  The scalar path's
 * conversions, and the reference of every path's vector conversions.
 * Run under the library's FP environment (round to nearest).
 */
#ifndef ACTFN_GENERIC_HALF_H
#define ACTFN_GENERIC_HALF_H

#include <math.h>
#include <stdint.h>
#include <string.h>

static inline uint32_t actfn_f32_bits(float f)
{
    uint32_t u;
    memcpy(&u, &f, sizeof u);
    return u;
}
static inline float actfn_f32_from_bits(uint32_t u)
{
    float f;
    memcpy(&f, &u, sizeof f);
    return f;
}

/* bf16 is the top half of a float. */
static inline float actfn_bf16_to_f32(uint16_t h) { return actfn_f32_from_bits((uint32_t)h << 16); }
static inline uint16_t actfn_f32_to_bf16(float f)
{
    uint32_t u = actfn_f32_bits(f);
    if ((u & 0x7fffffffu) > 0x7f800000u)
        return (uint16_t)((u >> 16) | 0x40u); /* quiet bit; a payload in the low half is dropped */
    return (uint16_t)((u + 0x7fffu + ((u >> 16) & 1u)) >> 16);
}

static inline float actfn_f16_to_f32(uint16_t h)
{
    uint32_t s = (uint32_t)(h & 0x8000u) << 16, e = (h >> 10) & 0x1fu, m = h & 0x3ffu;
    if (e == 0) { /* zero or subnormal: m·2^-24, exact */
        float f = (float)m * 0x1p-24f;
        return actfn_f32_from_bits(actfn_f32_bits(f) | s);
    }
    if (e == 31)
        return actfn_f32_from_bits(s | 0x7f800000u | (m << 13));
    return actfn_f32_from_bits(s | ((e + 112u) << 23) | (m << 13));
}
static inline uint16_t actfn_f32_to_f16(float f)
{
    uint32_t u = actfn_f32_bits(f), s = (u >> 16) & 0x8000u, a = u & 0x7fffffffu;
    if (a > 0x7f800000u)
        return (uint16_t)(s | 0x7e00u | ((a >> 13) & 0x3ffu));
    if (a >= 0x477ff000u) /* ≥ 65520, the midpoint above 65504: inf */
        return (uint16_t)(s | 0x7c00u);
    if (a >= 0x38800000u) { /* normal in f16: rebias, round off 13 bits (a carry is right) */
        uint32_t r = a - 0x38000000u;
        return (uint16_t)(s | ((r + 0xfffu + ((r >> 13) & 1u)) >> 13));
    }
    /* subnormal in f16: |f|·2^24 = M·2^-k (M the significand with its leading bit, k ≥ 14)
     * rounded to an integer, ties to even, in integers (so whatever the caller's rounding mode
     * or DAZ: the H16 loops round their parameters here outside the library's environment);
     * below 2^-25 (k > 24, and f32's subnormals) it is +-0 */
    uint32_t e = a >> 23, k = 126u - e, m = (a & 0x7fffffu) | 0x800000u;
    if (e == 0 || k > 24)
        return (uint16_t)s;
    return (uint16_t)(s | ((m + (1u << (k - 1)) - 1u + ((m >> k) & 1u)) >> k));
}

/*
 * d rounded to float toward zero, with the last bit set when that was
 * inexact (round to odd).  float has at least two more bits than bf16 and
 * f16 at every magnitude they reach, so rounding this float to the format
 * to nearest-even gives the format's rounding of d itself (no double
 * rounding): Boldo & Melquiond, "When double rounding is odd" (2005).
 * Beyond FLT_MAX it gives FLT_MAX, which both formats round to ±inf.
 */
static inline float actfn_f32_round_odd(double d)
{
    float f = (float)d;
    if (f != f || (double)f == d)
        return f;
    uint32_t u = actfn_f32_bits(f);
    if (fabs((double)f) > fabs(d))
        u -= 1; /* rounded away from zero: step back (inf → FLT_MAX) */
    return actfn_f32_from_bits(u | 1u);
}

#endif
