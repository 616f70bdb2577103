/*
 * Helpers of the f64 bodies (op64_<kind>_fwd/_der over vd, the f64 dtype):
 * ≤ 4 ULP of double forward and ≤ 8 (or 2^-52 absolute near the zeros of
 * f') derivative, on top of SLEEF's f64 functions (vec.h's d64_*, ≤ 1 ULP).
 * Where a tail amplifies the rounding of an inner argument, the argument
 * is carried as hi + lo (FMA) and the lo part folded in to first order.
 */
#ifndef ACTFN_GENERIC_ELTWISE_F64_COMMON_H
#define ACTFN_GENERIC_ELTWISE_F64_COMMON_H

#include "generic/eltwise/common.h"

/* a·x = hi + *lo exactly (FMA); *lo = 0 where hi is not finite */
static inline vd d_mul_lo(vd a, vd x, vd *lo)
{
    vd hi = d_mul(a, x);
    *lo = d_sel(d_lt(d_abs(hi), d_set(INFINITY)), d_fma(a, x, d_neg(hi)), d_set(0.0));
    return hi;
}

/* c·x with c = ch + cl (a constant not representable in double) as hi + *lo */
static inline vd d_mulc_lo(double ch, double cl, vd x, vd *lo)
{
    vd hi = d_mul_lo(d_set(ch), x, lo);
    *lo = d_fma(d_set(cl), x, *lo);
    return hi;
}

/* e^(h + l) for |l| ≪ 1 ulp-scale of h: e^h·(1 + l) */
static inline vd d64_exp_lo(vd h, vd l)
{
    vd e = d64_exp(h);
    return d_fma(e, l, e);
}

#endif
