/*
 * Algebraic family: softsign and bent_identity (division and square root only).
 */
#ifndef ACTFN_GENERIC_ELTWISE_ALGEBRAIC_H
#define ACTFN_GENERIC_ELTWISE_ALGEBRAIC_H

#include "generic/eltwise/common.h"

/* ---- softsign: x/(1 + |x|); ±1 once 1 + |x| rounds to |x| (and at ±inf,
 * where the quotient would be inf/inf) ---- */
static inline vf op_softsign_fwd(vf x, const actfn_params *p)
{
    (void)p;
    vf y = v_div(x, v_add(v_set(1.0f), v_abs(x)));
    vf one = v_sel(v_gt(x, v_set(0.0f)), v_set(1.0f), v_set(-1.0f));
    return v_sel(v_gt(v_abs(x), v_set(0x1p25f)), one, y);
}
/* 1/(1 + |x|)², squared after the division so it cannot overflow */
static inline vf op_softsign_der(vf x, const actfn_params *p)
{
    (void)p;
    vf r = v_div(v_set(1.0f), v_add(v_set(1.0f), v_abs(x)));
    return v_mul(r, r);
}

/* ---- bent_identity: x + x²/(2(√(x²+1) + 1)), no cancellation near 0; above |x| = 2^12
 * (x² overflows from 2^64 on) √(x²+1) as |x| + 1/(2|x|).  docs/numerics.md, "bent_identity" ---- */
static inline vf op_bent_identity_fwd(vf x, const actfn_params *p)
{
    (void)p;
    /* below 2^-30 the result is x (x²/4 is under half an ULP): the body on
     * 0 there, so that subnormal x stay off the slow denormal path */
    vf x0 = x;
    vfm small = v_lt(v_abs(x), v_set(0x1p-30f));
    x = v_sel(small, v_set(0.0f), x);
    vf a = v_abs(x);
    vf x2 = v_mul(x, x);
    vf s = v_sqrt(v_add(x2, v_set(1.0f)));
    vf near = v_div(x2, v_add(s, v_set(1.0f)));           /* √(x²+1) − 1 */
    vf far = v_add(v_sub(a, v_set(1.0f)), v_div(v_set(0.5f), a));
    vf y = v_fma(v_sel(v_gt(a, v_set(0x1p12f)), far, near), v_set(0.5f), x);
    y = v_sel(v_eq(a, v_set(INFINITY)), x, y); /* ±inf: far is NaN */
    return v_sel(small, x0, y);
}
/* x/(2√(x²+1)) + 1; 1/2 and 3/2 above |x| = 2^12 (to 2^-26), and x below
 * 2^-30 taken as 0 (the result is 1 there), off the denormal path */
static inline vf op_bent_identity_der(vf x, const actfn_params *p)
{
    (void)p;
    x = v_sel(v_lt(v_abs(x), v_set(0x1p-30f)), v_set(0.0f), x);
    vf s = v_sqrt(v_fma(x, x, v_set(1.0f)));
    vf y = v_add(v_div(x, v_add(s, s)), v_set(1.0f));
    vf far = v_sel(v_lt(x, v_set(0.0f)), v_set(0.5f), v_set(1.5f));
    return v_sel(v_gt(v_abs(x), v_set(0x1p12f)), far, y);
}

#endif
