/* A float's bit pattern and back, for the tests (through memcpy, so no
 * aliasing rule is bent). */
#ifndef ACTFN_TESTS_FLOAT_BITS_H
#define ACTFN_TESTS_FLOAT_BITS_H

#include <stdint.h>
#include <string.h>

static inline uint32_t bits(float f)
{
    uint32_t u;
    memcpy(&u, &f, sizeof u);
    return u;
}

static inline float fbits(uint32_t u)
{
    float f;
    memcpy(&f, &u, sizeof f);
    return f;
}

#endif
