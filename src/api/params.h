/* Parameter tests for the registries' `valid` and `cond` expressions.  They
 * read bit patterns, never compare floats: a float compare would run under
 * the caller's MXCSR/FPCR (DAZ would turn a subnormal alpha into 0) and
 * could raise its flags (signalling NaN, denormal operand) — and a
 * compiler may evaluate a compare speculatively, ahead of the test that
 * guards it. */
#ifndef ACTFN_API_PARAMS_H
#define ACTFN_API_PARAMS_H

#include <stdint.h>
#include <string.h>

static inline uint32_t param_bits(float f)
{
    uint32_t u;
    memcpy(&u, &f, sizeof u);
    return u;
}
static inline int param_fin(float f) { return (param_bits(f) & 0x7f800000u) != 0x7f800000u; }
/* Order of finite floats as integers, with -0 == +0. */
static inline int32_t param_key(float f)
{
    uint32_t mag = param_bits(f) & 0x7fffffffu;
    return (param_bits(f) >> 31) ? -(int32_t)mag : (int32_t)mag;
}
#define FIN(v) param_fin(v)
#define POS(v) (param_fin(v) && param_key(v) > 0)
#define NONNEG(v) (param_fin(v) && param_key(v) >= 0)
#define LE(a, b) (param_fin(a) && param_fin(b) && param_key(a) <= param_key(b))
/* a == b for a finite a (-0 == +0) */
#define EQ(a, b) (param_fin(a) && param_key(a) == param_key(b))

#endif
