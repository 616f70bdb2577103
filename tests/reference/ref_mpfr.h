/*
 * MPFR references for the f64 accuracy test (tests/eltwise/test_accuracy64.c):
 * every registered function, forward and derivative, at a double input,
 * correct to well below 2^-100 relative.
 *
 *   void refm_<name>_fwd(mpfr_ptr r, mpfr_srcptr x, const actfn_params *p);  f(x)
 *   void refm_<name>_der(mpfr_ptr r, mpfr_srcptr x, const actfn_params *p);  f'(x)
 *
 * evaluate at the working precision mpfr_get_prec(r) (x: any precision,
 * exact).  They follow tests/reference/ref_functions.c exactly — the same
 * definitions, the parameters at their float values, the kink values of
 * CONTRACT.md, NaN in → NaN out, the limits at ±inf — in forms that never
 * overflow MPFR's (widened) exponent range, and where a form cancels by a
 * known amount (x − tanh x, sinc' near 0) the working precision is raised
 * by that amount.
 *
 * refm_eval() is what the test calls: it evaluates at 128 and 192 bits and
 * accepts the second value when the two agree to 2^-112 relative (or
 * 2^-1120 absolute: 2^-46 of the smallest double spacing); otherwise it
 * doubles the precision and tries again, up to 2^16 bits.  A cancellation
 * nobody foresaw (a zero of f', tan x = x, the rounding of an inner
 * argument amplified by an exponential) costs more bits but cannot slip
 * through.  The result is rounded once to long double (64 or 113 bits: the
 * ULP measure below then resolves 2^-11 of a double ULP or better).
 *
 * The declarations and refm_table are expanded from src/registry/eltwise.def:
 * a registered function without its two definitions (ref_mpfr.c) does not
 * link.
 */
#ifndef ACTFN_TESTS_REF_MPFR_H
#define ACTFN_TESTS_REF_MPFR_H

#include <mpfr.h>

#include "actfn.h"

typedef void (*refm_fn)(mpfr_ptr r, mpfr_srcptr x, const actfn_params *p);

typedef struct refm_entry {
    refm_fn fwd, der;
    const char *name; /* the registry name, must equal actfn_kind_name() */
} refm_entry;

/* Indexed by actfn_kind. */
extern const refm_entry refm_table[ACTFN_KIND_COUNT];

/* Variadic so that new registry columns do not matter here. */
#define ACTFN_ELTWISE(name, ...)                                                                   \
    void refm_##name##_fwd(mpfr_ptr r, mpfr_srcptr x, const actfn_params *p);                      \
    void refm_##name##_der(mpfr_ptr r, mpfr_srcptr x, const actfn_params *p);
#include "registry/eltwise.def"
#undef ACTFN_ELTWISE

/* Widens MPFR's exponent range to its maximum (so that e^(x²), x³ and the
 * like of any double are representable; called by refm_eval).  MPFR's
 * exponent range is per thread (or global): the test is single-threaded. */
void refm_init(void);

/* Working precisions: the first two tried, and the limit. */
#define REFM_PREC_FIRST 128
#define REFM_PREC_SECOND 192
#define REFM_PREC_MAX 65536
/* Agreement accepted: relative, or absolute (below every double's spacing). */
#define REFM_AGREE_REL_EXP 112
#define REFM_AGREE_ABS_EXP 1120

/* f(x) (der = 0) or f'(x) (der = 1) of kind k, the exact value rounded once
 * to out's precision.  Returns the working precision that converged, or 0
 * (out NaN) when none up to REFM_PREC_MAX did. */
long refm_eval_mpfr(actfn_kind k, int der, double x, const actfn_params *p, mpfr_ptr out);

/* The same rounded to long double; returns 0, or -1 when it did not converge
 * (*out is then NaN). */
int refm_eval(actfn_kind k, int der, double x, const actfn_params *p, long double *out);

/* |y − r| in double ULPs of r: the spacing at |r|, 2^-1074 below DBL_MIN.
 * NaN must meet NaN, an infinite r (an exact limit) must be met exactly.
 * |r| ≥ DBL_MAX + 2^970 (DBL_MAX + ulp/2) rounds to ±inf:
 *   overflow_scored = 0  y must be that inf, and an infinite y for a finite
 *                        r below it is INFINITY (forward, derivative);
 *   overflow_scored = 1  ±inf is scored as ±2^1024 (the rounding with an
 *                        unbounded exponent) and r beyond the threshold by
 *                        the spacing 2^971 (backward, CONTRACT.md
 *                        "Backward overflow"). */
double refm_ulp_err(double y, long double r, int overflow_scored);

#endif
