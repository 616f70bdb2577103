/*
 * Helpers shared by the element-wise bodies of every family.
 *
 * The bodies are written once against the v_* (f32 lanes) and d_* (f64
 * lanes) ops of the including path's vec.h.  Each registry entry `name`
 * (src/registry/eltwise.def) has  op_<name>_fwd(x, p)  and  op_<name>_der(x, p),
 * over vf where its lanes column says 32 and over vd where it says 64.  A
 * body gives NaN for NaN and the mathematical limit at ±inf; the loops and
 * tails are generic/loops_eltwise.inc's.
 *
 * Error notes count ULPs of the f32 result.  Bodies in f64 lanes compute in
 * f64 and round once on store: a product of two floats is exact in f64, so
 * inner arguments (x², αx, x/√2 to 2^-53) need no hi/lo split there, and
 * f32 subnormal results are still normal in f64.
 */
#ifndef ACTFN_GENERIC_ELTWISE_COMMON_H
#define ACTFN_GENERIC_ELTWISE_COMMON_H

#include <math.h>

#include "actfn.h"
#include "generic/math/lanes32.h"
#include "generic/math/lanes64.h"

/* ---- shared helpers ---- */

#ifndef ACTFN_HAVE_NAN_THROUGH /* else the path's vec.h has it in one instruction */
static inline vf v_nan_through(vf x, vf y) { return v_sel(v_isnan(x), x, y); }
#endif
static inline vd d_nan_through(vd x, vd y) { return d_sel(d_eq(x, x), y, x); }

#ifndef ACTFN_HAVE_V_NEGABS /* else the path's vec.h has it in one instruction */
static inline vf v_negabs(vf a) { return v_neg(v_abs(a)); }
#endif
#ifndef ACTFN_HAVE_V_SEL_POS /* else the path's vec.h selects on the sign bit */
/* a where x > 0, b where x < 0, either where x is ±0 or NaN (the caller's a and b agree
 * there, a NaN's result a NaN either way) */
static inline vf v_sel_pos(vf x, vf a, vf b) { return v_sel(v_ge(x, v_set(0.0f)), a, b); }
#endif

/* a·x = hi + *lo exactly (FMA), *lo = 0 where hi overflows to ±inf */
static inline vf v_mul_lo(vf a, vf x, vf *lo)
{
    vf hi = v_mul(a, x);
    *lo = v_sel(v_lt(v_abs(hi), v_set(INFINITY)), v_fma(a, x, v_neg(hi)), v_set(0.0f));
    return hi;
}

/* y with the limits at x = -inf and x = +inf put back where a 0·inf made NaN. */
static inline vd d_fix_inf(vd x, vd y, double at_neg_inf, double at_pos_inf)
{
    y = d_sel(d_eq(x, d_set(-INFINITY)), d_set(at_neg_inf), y);
    return d_sel(d_eq(x, d_set(INFINITY)), d_set(at_pos_inf), y);
}

/* sigmoid'(z) = e/(1+e)², even in z. */
static inline vd d_dsigmoid_e(vd e)
{
    vd d = d_add(d_set(1.0), e);
    return d_div(e, d_mul(d, d));
}

#endif
