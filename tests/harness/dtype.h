/* The dtypes of the element-wise calls, from the dtype registry
 * (src/registry/dtypes.def: the test adds ${PROJECT_SOURCE_DIR}/src to its
 * include path), for the tests that run every dtype: one descriptor per
 * registry line, with
 *
 *   - the three calls behind one entry point taking untyped arrays
 *     (dt->call(c, k, p, x, dy, out, n), c one of FWD, DER, BWD), and
 *   - what a test needs to make and read values of the format: its element
 *     size and bit layout, values to and from double (round to nearest
 *     even), NaN / inf on raw bits, "the same result" (bit for bit, any NaN
 *     equals any NaN), a distance in ULPs.
 *
 * Elements are handled as bit patterns in a uint64_t (dt_get, dt_set), so
 * one code path serves every size.  A new line in dtypes.def needs only its
 * binary format in dt_formats below (bf16 and f16 are there already);
 * dtypes_init() fails, naming the dtype, when one is missing or does not
 * match the registry's element size.
 */
#ifndef ACTFN_TESTS_DTYPE_H
#define ACTFN_TESTS_DTYPE_H

#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <actfn.h>
#include "api_call.h"
#include "registry/dtypes.def"

/* IEEE-style binary formats by dtype name: exponent and stored mantissa bits
 * (1 + exp_bits + man_bits = 8 × the registry's element size). */
static const struct {
    const char *name;
    int exp_bits, man_bits;
} dt_formats[] = {
    {"f32", 8, 23},
    {"f64", 11, 52},
    {"bf16", 8, 7},
    {"f16", 5, 10},
};

typedef actfn_status (*dt_call_fn)(int c, actfn_kind k, const actfn_params *p, const void *x,
                                   const void *dy, void *out, size_t n);

typedef struct dtype {
    const char *name; /* the calls' suffix: "f32" */
    size_t size;      /* bytes per element: sizeof the registry's ctype */
    int grade;        /* the registry's grade: 32 (the f32 bodies) or 64 (the f64 bodies) */
    dt_call_fn call;
    int exp_bits, man_bits; /* from dt_formats, by dtypes_init() */
} dtype;

#define DT_CALL_(c_, T, TN, ctype, grade)                                                          \
    static actfn_status dt_call_##T(int c, actfn_kind k, const actfn_params *p, const void *x,    \
                                    const void *dy, void *out, size_t n)                           \
    {                                                                                              \
        switch (c) {                                                                               \
        case FWD:                                                                                  \
            return actfn_forward_##T(k, p, (const ctype *)x, (ctype *)out, n);                     \
        case DER:                                                                                  \
            return actfn_derivative_##T(k, p, (const ctype *)x, (ctype *)out, n);                  \
        default:                                                                                   \
            return actfn_backward_##T(k, p, (const ctype *)x, (const ctype *)dy, (ctype *)out, n); \
        }                                                                                          \
    }
ACTFN_DTYPES(DT_CALL_, ~)
#undef DT_CALL_

static dtype dtypes[] = {
#define DT_ROW_(c_, T, TN, ctype, grade) {#T, sizeof(ctype), grade, dt_call_##T, 0, 0},
    ACTFN_DTYPES(DT_ROW_, ~)
#undef DT_ROW_
};
#define NDTYPES ((int)(sizeof dtypes / sizeof dtypes[0]))

/* Fills in every descriptor's format; 0, or -1 after saying which dtype
 * has none (or one of the wrong size). */
static inline int dtypes_init(void)
{
    for (int i = 0; i < NDTYPES; i++) {
        dtype *t = &dtypes[i];
        size_t f = 0;
        while (f < sizeof dt_formats / sizeof dt_formats[0] && strcmp(dt_formats[f].name, t->name))
            f++;
        if (f == sizeof dt_formats / sizeof dt_formats[0] ||
            (size_t)(1 + dt_formats[f].exp_bits + dt_formats[f].man_bits) != 8 * t->size) {
            fprintf(stderr, "tests/harness/dtype.h: no %zu-byte binary format for dtype %s in "
                            "dt_formats\n", t->size, t->name);
            return -1;
        }
        t->exp_bits = dt_formats[f].exp_bits;
        t->man_bits = dt_formats[f].man_bits;
    }
    return 0;
}

/* The dtype called `name`, or NULL. */
static inline const dtype *dtype_named(const char *name)
{
    for (int i = 0; i < NDTYPES; i++)
        if (strcmp(dtypes[i].name, name) == 0)
            return &dtypes[i];
    return NULL;
}

/* "f32|f64|..." to f. */
static inline void print_dtype_names(FILE *f, const char *sep)
{
    for (int i = 0; i < NDTYPES; i++)
        fprintf(f, "%s%s", i ? sep : "", dtypes[i].name);
}

/* ---- the format ------------------------------------------------------------- */

static inline uint64_t dt_sign(const dtype *t) { return (uint64_t)1 << (t->exp_bits + t->man_bits); }
static inline uint64_t dt_man_mask(const dtype *t) { return ((uint64_t)1 << t->man_bits) - 1; }
static inline uint64_t dt_exp_mask(const dtype *t)
{
    return (((uint64_t)1 << t->exp_bits) - 1) << t->man_bits;
}
static inline uint64_t dt_quiet_bit(const dtype *t) { return (uint64_t)1 << (t->man_bits - 1); }
static inline int dt_bias(const dtype *t) { return (1 << (t->exp_bits - 1)) - 1; }
/* Bits in a pattern: 8 × size. */
static inline int dt_width(const dtype *t) { return (int)(8 * t->size); }
/* All ones in the pattern's width. */
static inline uint64_t dt_all(const dtype *t)
{
    return t->size == 8 ? ~(uint64_t)0 : ((uint64_t)1 << dt_width(t)) - 1;
}

static inline int dt_isnan(const dtype *t, uint64_t u)
{
    return (u & ~dt_sign(t) & dt_all(t)) > dt_exp_mask(t);
}
static inline int dt_isinf(const dtype *t, uint64_t u)
{
    return (u & ~dt_sign(t) & dt_all(t)) == dt_exp_mask(t);
}
static inline int dt_isfinite(const dtype *t, uint64_t u)
{
    return (u & dt_exp_mask(t)) != dt_exp_mask(t);
}
static inline uint64_t dt_inf(const dtype *t, int negative)
{
    return dt_exp_mask(t) | (negative ? dt_sign(t) : 0);
}
static inline uint64_t dt_qnan(const dtype *t) { return dt_exp_mask(t) | dt_quiet_bit(t); }

/* ---- elements ------------------------------------------------------------------ */

static inline void *dt_at(const dtype *t, const void *a, size_t i)
{
    return (unsigned char *)(uintptr_t)a + i * t->size;
}

static inline uint64_t dt_get(const dtype *t, const void *a, size_t i)
{
    const void *p = (const unsigned char *)a + i * t->size;
    switch (t->size) {
    case 2: {
        uint16_t v;
        memcpy(&v, p, 2);
        return v;
    }
    case 4: {
        uint32_t v;
        memcpy(&v, p, 4);
        return v;
    }
    default: {
        uint64_t v;
        memcpy(&v, p, 8);
        return v;
    }
    }
}

static inline void dt_set(const dtype *t, void *a, size_t i, uint64_t u)
{
    void *p = (unsigned char *)a + i * t->size;
    switch (t->size) {
    case 2: {
        uint16_t v = (uint16_t)u;
        memcpy(p, &v, 2);
        break;
    }
    case 4: {
        uint32_t v = (uint32_t)u;
        memcpy(p, &v, 4);
        break;
    }
    default:
        memcpy(p, &u, 8);
    }
}

/* ---- values ---------------------------------------------------------------------- */

/* The value of a pattern (exact: every format here fits in a double). */
static inline double dt_to_double(const dtype *t, uint64_t u)
{
    int neg = (u & dt_sign(t)) != 0;
    uint64_t e = (u & dt_exp_mask(t)) >> t->man_bits, m = u & dt_man_mask(t);
    double v;
    if (e == (dt_exp_mask(t) >> t->man_bits))
        v = m ? NAN : INFINITY;
    else if (e == 0)
        v = ldexp((double)m, 1 - dt_bias(t) - t->man_bits);
    else
        v = ldexp((double)(m | (uint64_t)1 << t->man_bits), (int)e - dt_bias(t) - t->man_bits);
    return neg ? -v : v;
}

/* v rounded to the format, to nearest even (whatever the caller's rounding
 * mode); a NaN becomes the quiet NaN of v's sign. */
static inline uint64_t dt_from_double(const dtype *t, double v)
{
    uint64_t sign = signbit(v) ? dt_sign(t) : 0;
    if (isnan(v))
        return sign | dt_qnan(t);
    double a = fabs(v);
    if (isinf(a))
        return sign | dt_exp_mask(t);
    if (a == 0)
        return sign;
    const int M = t->man_bits, emin = 1 - dt_bias(t);
    int e;
    (void)frexp(a, &e);
    e -= 1; /* a = 1.f × 2^e */
    if (e < emin)
        e = emin; /* subnormal: a fixed scale */
    double s = ldexp(a, M - e); /* the significand as an integer and a fraction: exact */
    double fl = floor(s), frac = s - fl;
    if (frac > 0.5 || (frac == 0.5 && fmod(fl, 2.0) != 0.0))
        fl += 1.0;
    uint64_t m = (uint64_t)fl;
    if (m >> (M + 1)) { /* rounded up into the next binade */
        m >>= 1;
        e++;
    }
    if (e > dt_bias(t))
        return sign | dt_exp_mask(t);
    if (!(m >> M)) /* subnormal (or rounded to zero) */
        return sign | m;
    return sign | (uint64_t)(e + dt_bias(t)) << M | (m & dt_man_mask(t));
}

/* Order-preserving integer of a pattern: neighbours differ by 1, ±0 are
 * both 0, ±inf one past ±max. */
static inline int64_t dt_ordered(const dtype *t, uint64_t u)
{
    int64_t mag = (int64_t)(u & ~dt_sign(t) & dt_all(t));
    return (u & dt_sign(t)) ? -mag : mag;
}

/* |a − b| in ULPs of the format (neither NaN). */
static inline uint64_t dt_ulps(const dtype *t, uint64_t a, uint64_t b)
{
    int64_t d = dt_ordered(t, a) - dt_ordered(t, b);
    return d < 0 ? (uint64_t)0 - (uint64_t)d : (uint64_t)d;
}

/* Bit for bit, except that any NaN equals any NaN (the contract leaves a
 * NaN's sign and payload open). */
static inline int dt_same(const dtype *t, uint64_t a, uint64_t b)
{
    return a == b || (dt_isnan(t, a) && dt_isnan(t, b));
}

/* Index of the first result that differs (dt_same), or n. */
static inline size_t dt_result_differs_at(const dtype *t, const void *a, const void *b, size_t n)
{
    size_t i = 0;
    while (i < n && dt_same(t, dt_get(t, a, i), dt_get(t, b, i)))
        i++;
    return i;
}

/* Index of the first bitwise difference, or n: memory that must not change. */
static inline size_t dt_differs_at(const dtype *t, const void *a, const void *b, size_t n)
{
    size_t i = 0;
    while (i < n && dt_get(t, a, i) == dt_get(t, b, i))
        i++;
    return i;
}

/* Hex digits of a pattern, for messages: printf("%0*llx", dt_hex(t), ...). */
static inline int dt_hex(const dtype *t) { return (int)(2 * t->size); }

#endif
