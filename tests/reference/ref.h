/*
 * Long-double references for the accuracy tests.
 *
 *   long double ref_<name>_fwd(long double x, const actfn_params *p);  f(x)
 *   long double ref_<name>_der(long double x, const actfn_params *p);  f'(x)
 *
 * p is the resolved parameter block (never NULL), used at its float values.
 * NaN in gives NaN out; ±inf give the mathematical limits; derivatives at
 * kinks follow CONTRACT.md.  Every reference is evaluated in a form that
 * neither cancels nor overflows, so it is within a few long-double ulps
 * (~1e-18 relative, checked against MPFR) of the exact value over the whole
 * float range — except inside the windows around zeros of f' (below), where
 * only its absolute error (~1e-19) matters.
 *
 * The declarations below and ref_table (ref.c) are expanded from
 * src/registry/eltwise.def: a registered function without its two
 * definitions (ref_functions.c) does not link.
 */
#ifndef ACTFN_TESTS_REF_H
#define ACTFN_TESTS_REF_H

#include "actfn.h"

typedef long double (*ref_fn)(long double x, const actfn_params *p);

typedef struct ref_entry {
    ref_fn fwd, der;
    const char *name; /* the registry name, must equal actfn_kind_name() */
} ref_entry;

/* Indexed by actfn_kind. */
extern const ref_entry ref_table[ACTFN_KIND_COUNT];

/* ref_<name>_fwd and ref_<name>_der of every registered function.  Variadic
 * so that new registry columns do not matter here. */
#define ACTFN_ELTWISE(name, ...)                                                           \
    long double ref_##name##_fwd(long double x, const actfn_params *p);                   \
    long double ref_##name##_der(long double x, const actfn_params *p);
#include "registry/eltwise.def"
#undef ACTFN_ELTWISE

/* ---- zeros of f' ------------------------------------------------------------
 * The contract allows derivative (and backward) error "≤ 8 ULP, or ≤ 2^-23
 * absolute near the zeros of f'".  Near means |x − z| ≤ REF_ZERO_WINDOW
 * for a listed finite zero z of f' at the default parameters.  2^-6 is wide
 * enough to cover the cancellation a float evaluation suffers around z
 * (f' is ~f''(z)·2^-6 ≈ 0.005 at the edge, so a relative bound takes over
 * long before f' is large), and narrow enough not to excuse a tail.
 *
 * Zeros are listed in ref.c, one list for every function, as brackets
 * [lo, hi] holding one sign change of ref_<name>_der (lo == hi: the zero
 * itself, e.g. a double zero) and refined by bisection in long double in
 * ref_init().
 */
#define REF_ZERO_WINDOW 0x1p-6L
#define REF_MAX_ZEROS 32

/* Bisects every bracket.  Returns 0, or -1 after printing which bracket
 * holds no sign change or names no registered function. */
int ref_init(void);

/* The zeros of f' for kind k (valid after ref_init); returns their count. */
int ref_der_zeros(actfn_kind k, const long double **zeros);

/* 1 if |x − z| ≤ REF_ZERO_WINDOW for a zero z of kind k's f'. */
int ref_near_der_zero(actfn_kind k, long double x);

/* |y − r| in float ULPs of r (the spacing at |r|, 2^-149 below FLT_MIN);
 * INFINITY for a NaN or inf mismatch.  A reference at or beyond
 * FLT_MAX + ulp/2 rounds to ±inf, and y must be that inf. */
double ref_ulp_err(float y, long double r);

/* e^x in long double, as accurate as expl and faster (ref.c). */
long double ref_exp(long double x);

#endif
