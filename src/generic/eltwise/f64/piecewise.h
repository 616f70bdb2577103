/* Piecewise-linear family in f64 (op64_*): every result is one rounding
 * at most, as in the f32 bodies (generic/eltwise/piecewise.h). */
#ifndef ACTFN_GENERIC_ELTWISE_F64_PIECEWISE_H
#define ACTFN_GENERIC_ELTWISE_F64_PIECEWISE_H

#include "generic/eltwise/f64/common.h"
#include "generic/eltwise/f64/tie.h"

static inline vd d_step01(vdm m) { return d_sel(m, d_set(1.0), d_set(0.0)); }

static inline vd op64_relu_fwd(vd x, const actfn_params *p)
{
    (void)p;
    return d_max(d_set(0.0), x);
}
static inline vd op64_relu_der(vd x, const actfn_params *p)
{
    (void)p;
    return d_nan_through(x, d_step01(d_gt(x, d_set(0.0))));
}
static inline vd op64_leaky_relu_fwd(vd x, const actfn_params *p)
{
    return d_sel(d_gt(x, d_set(0.0)), x, d_mul(x, d_set(p->alpha)));
}
static inline vd op64_leaky_relu_der(vd x, const actfn_params *p)
{
    return d_nan_through(x, d_sel(d_gt(x, d_set(0.0)), d_set(1.0), d_set(p->alpha)));
}
#define op64_prelu_fwd op64_leaky_relu_fwd
#define op64_prelu_der op64_leaky_relu_der
static inline vd op64_identity_fwd(vd x, const actfn_params *p)
{
    (void)p;
    return x;
}
static inline vd op64_identity_der(vd x, const actfn_params *p)
{
    (void)p;
    return d_nan_through(x, d_set(1.0));
}
static inline vd op64_step_fwd(vd x, const actfn_params *p)
{
    (void)p;
    return d_nan_through(x, d_step01(d_ge(x, d_set(0.0))));
}
static inline vd op64_step_der(vd x, const actfn_params *p)
{
    (void)p;
    return d_nan_through(x, d_set(0.0));
}
static inline vd op64_sign_fwd(vd x, const actfn_params *p)
{
    (void)p;
    vd y = d_sel(d_lt(x, d_set(0.0)), d_set(-1.0), x);
    return d_sel(d_gt(x, d_set(0.0)), d_set(1.0), y);
}
#define op64_sign_der op64_step_der
static inline vd op64_absolute_fwd(vd x, const actfn_params *p)
{
    (void)p;
    return d_abs(x);
}
static inline vd op64_absolute_der(vd x, const actfn_params *p)
{
    (void)p;
    vd d = d_sel(d_lt(x, d_set(0.0)), d_set(-1.0), d_sel(d_gt(x, d_set(0.0)), d_set(1.0), x));
    return d_sel(d_eq(x, d_set(0.0)), d_set(0.0), d);
}
static inline vd op64_relu6_fwd(vd x, const actfn_params *p)
{
    (void)p;
    return d_min(d_set(6.0), d_max(d_set(0.0), x));
}
static inline vd op64_relu6_der(vd x, const actfn_params *p)
{
    (void)p;
    vd d = d_step01(d_gt(x, d_set(0.0)));
    return d_nan_through(x, d_sel(d_lt(x, d_set(6.0)), d, d_set(0.0)));
}
/* rrelu: the slope (lower + upper)/2, exact in double for float bounds */
static inline vd op64_rrelu_fwd(vd x, const actfn_params *p)
{
    vd s = d_set(((double)p->alpha + (double)p->beta) * 0.5);
    return d_sel(d_ge(x, d_set(0.0)), x, d_mul(x, s));
}
static inline vd op64_rrelu_der(vd x, const actfn_params *p)
{
    vd s = d_set(((double)p->alpha + (double)p->beta) * 0.5);
    return d_nan_through(x, d_sel(d_gt(x, d_set(0.0)), d_set(1.0), s));
}
#define op64_srelu_fwd op_srelu_fwd
#define op64_srelu_flat_fwd op_srelu_flat_fwd
#define op64_srelu_der op_srelu_der
static inline vd op64_hard_sigmoid_fwd(vd x, const actfn_params *p)
{
    vd t = d_fma(d_set(p->alpha), x, d_set(p->beta));
    return d_max(d_set(0.0), d_min(d_set(1.0), t));
}
/* Tie hook (registry/ties.def): f(x) − m = alpha·x + beta − m, alpha·x exact in double (a
 * float times a bf16/f16 x: at most 35 bits, far from under- or overflow), summed exactly.  It
 * decides the double's alpha·x + beta landing on a midpoint where beta lies below its reach
 * (alpha 0.5, beta 3.9e-39, f16 x = 17·2^-24: 8.5·2^-24 + beta rounds up to 9·2^-24).  Only
 * asked where the clamped value lies on a midpoint, so strictly inside (0, 1): unclamped. */
static inline int op64_hard_sigmoid_fwd_tie(double x, double m, const actfn_params *p)
{
    const double t[] = {(double)p->alpha * x, (double)p->beta, -m};
    return actfn_tie_sign(t, 3, 0.0, 0.0);
}
/* the signs of alpha·x + beta and alpha·x + beta − 1 from one FMA each
 * (beta − 1 is exact in double for a float beta) */
static inline vd op64_hard_sigmoid_der(vd x, const actfn_params *p)
{
    vd lo = d_fma(d_set(p->alpha), x, d_set(p->beta));
    vd hi = d_fma(d_set(p->alpha), x, d_set((double)p->beta - 1.0));
    vd d = d_sel(d_gt(lo, d_set(0.0)), d_set(p->alpha), d_set(0.0));
    return d_nan_through(x, d_sel(d_lt(hi, d_set(0.0)), d, d_set(0.0)));
}
static inline vd op64_hard_tanh_fwd(vd x, const actfn_params *p)
{
    return d_min(d_set(p->beta), d_max(d_set(p->alpha), x));
}
static inline vd op64_hard_tanh_der(vd x, const actfn_params *p)
{
    vd d = d_step01(d_gt(x, d_set(p->alpha)));
    return d_nan_through(x, d_sel(d_lt(x, d_set(p->beta)), d, d_set(0.0)));
}
/* x·(min(max(x + 3, 0), 6)/6): the factor ≤ 1 last, so no overflow */
static inline vd op64_hard_swish_fwd(vd x, const actfn_params *p)
{
    (void)p;
    vd r = d_min(d_max(d_add(x, d_set(3.0)), d_set(0.0)), d_set(6.0));
    vd y = d_mul(x, d_div(r, d_set(6.0)));
    return d_sel(d_le(x, d_set(-3.0)), d_set(0.0), y);
}
static inline vd op64_hard_swish_der(vd x, const actfn_params *p)
{
    (void)p;
    vd d = d_div(d_add(d_add(x, x), d_set(3.0)), d_set(6.0));
    d = d_sel(d_lt(x, d_set(-3.0)), d_set(0.0), d);
    return d_sel(d_gt(x, d_set(3.0)), d_set(1.0), d);
}
static inline vd op64_softshrink_fwd(vd x, const actfn_params *p)
{
    vd l = d_set(p->alpha);
    vd y = d_sel(d_gt(x, l), d_sub(x, l), d_set(0.0));
    y = d_sel(d_lt(x, d_neg(l)), d_add(x, l), y);
    return d_nan_through(x, y);
}
static inline vd op64_shrink_der(vd x, const actfn_params *p)
{
    return d_nan_through(x, d_step01(d_gt(d_abs(x), d_set(p->alpha))));
}
#define op64_softshrink_der op64_shrink_der
static inline vd op64_hardshrink_fwd(vd x, const actfn_params *p)
{
    return d_nan_through(x, d_sel(d_gt(d_abs(x), d_set(p->alpha)), x, d_set(0.0)));
}
#define op64_hardshrink_der op64_shrink_der

#endif
