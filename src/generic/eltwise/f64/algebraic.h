/* Algebraic family in f64 (op64_*): softsign, bent_identity. */
#ifndef ACTFN_GENERIC_ELTWISE_F64_ALGEBRAIC_H
#define ACTFN_GENERIC_ELTWISE_F64_ALGEBRAIC_H

#include "generic/eltwise/f64/common.h"
#include "generic/eltwise/f64/tie.h"

/* x/(1 + |x|), ±1 once 1 + |x| rounds to |x| (and at ±inf) */
static inline vd op64_softsign_fwd(vd x, const actfn_params *p)
{
    (void)p;
    vd y = d_div(x, d_add(d_set(1.0), d_abs(x)));
    vd one = d_sel(d_gt(x, d_set(0.0)), d_set(1.0), d_set(-1.0));
    return d_sel(d_gt(d_abs(x), d_set(0x1p54)), one, y);
}
static inline vd op64_softsign_der(vd x, const actfn_params *p)
{
    (void)p;
    vd r = d_div(d_set(1.0), d_add(d_set(1.0), d_abs(x)));
    return d_mul(r, r);
}
/* x + x²/(2(√(x²+1) + 1)), and |x| − 1 + 1/(2|x|) for √(x²+1) − 1 above
 * 2^27 (x² + 1 rounds to x² there, and x² overflows from 2^512 on) */
static inline vd op64_bent_identity_fwd(vd x, const actfn_params *p)
{
    (void)p;
    vd a = d_abs(x);
    vd x2 = d_mul(x, x);
    vd s = d_sqrt(d_add(x2, d_set(1.0)));
    vd near = d_div(x2, d_add(s, d_set(1.0)));
    vd far = d_add(d_sub(a, d_set(1.0)), d_div(d_set(0.5), a));
    vd y = d_fma(d_sel(d_gt(a, d_set(0x1p27)), far, near), d_set(0.5), x);
    return d_sel(d_eq(a, d_set(INFINITY)), x, y);
}
/* Tie hook (registry/ties.def): f(x) − m = x + |x|/2 − 1/2 − m + R, R =
 * (√(x²+1) − |x|)/2 = 1/(2(√(x²+1) + |x|)) > 0; x + |x|/2 (1.5x, or −|x|/2)
 * is exact for every bf16/f16 x, and R is four correctly rounded operations
 * (≤ 2^-51 relative).  It decides the double's 1.5x (once 1.5x ≥ 2^53,
 * where the −1/2 falls below its ULP) landing on a midpoint of bf16: the
 * true value is 1/2 − R below it. */
static inline int op64_bent_identity_fwd_tie(double x, double m, const actfn_params *p)
{
    (void)p;
    double a = fabs(x);
    if (!(a < 0x1p500))
        return 0;
    double r = 1.0 / (2.0 * (sqrt(fma(a, a, 1.0)) + a));
    const double t[] = {x, 0.5 * a, -0.5, -m};
    return actfn_tie_sign(t, 4, r, 0x1p-50 * r);
}
/* x/(2√(x²+1)) + 1; 1/2 and 3/2 beyond 2^27 */
static inline vd op64_bent_identity_der(vd x, const actfn_params *p)
{
    (void)p;
    vd s = d_sqrt(d_fma(x, x, d_set(1.0)));
    vd y = d_add(d_div(x, d_add(s, s)), d_set(1.0));
    vd far = d_sel(d_lt(x, d_set(0.0)), d_set(0.5), d_set(1.5));
    return d_sel(d_gt(d_abs(x), d_set(0x1p27)), far, y);
}

#endif
