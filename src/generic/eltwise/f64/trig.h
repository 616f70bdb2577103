/* Trigonometric family in f64 (op64_*): sin, cos, sinc, arctan (SLEEF). */
#ifndef ACTFN_GENERIC_ELTWISE_F64_TRIG_H
#define ACTFN_GENERIC_ELTWISE_F64_TRIG_H

#include "generic/eltwise/f64/common.h"
#include "generic/eltwise/trig.h"

static inline vd op64_sin_fwd(vd x, const actfn_params *p)
{
    (void)p;
    return d_trig(x, d_sin);
}
static inline vd op64_sin_der(vd x, const actfn_params *p)
{
    (void)p;
    return d_trig(x, d_cos);
}
#define op64_cos_fwd op64_sin_der
static inline vd op64_cos_der(vd x, const actfn_params *p)
{
    (void)p;
    return d_neg(d_trig(x, d_sin));
}
static inline vd op64_sinc_fwd(vd x, const actfn_params *p)
{
    (void)p;
    vd y = d_sel(d_eq(x, d_set(0.0)), d_set(1.0), d_div(d_trig(x, d_sin), x));
    return d_fix_inf(x, y, 0.0, 0.0);
}
/* sinc'·x² = x cos x − sin x has a zero next to every (j + 1/2)π, where it
 * cancels to ~x·(x − z) and SLEEF's sin/cos roundings (~2^-53 absolute)
 * dominate (10^4 ULP at x ≈ 73).  For 1 ≤ a = |x| < 2^19: a = mπ − ε with
 * m = j + 1/2 (π in 34 + 53 + 53 bits, m·P1 exact; ε as hi + lo), and
 *   x cos x − sin x = ±(a sin ε − cos ε) = ±((aε − 1) − aε³·S(ε²) + ε²·C(ε²)),
 * aε − 1 exact in hi + lo (two-product, two-sum), S = (ε − sin ε)/ε³ and
 * C = (1 − cos ε)/ε², Taylor to ε^18 (|ε| ≤ π/2: 2^-60).  The remaining
 * error is ~2^-53·ε² against a slope of a: ≤ ~1 ULP down to a root's
 * nearest doubles.  Sign: (−1)^j·sign(x). */
static inline vd sinc_der_reduced(vd x)
{
    vd a = d_abs(x);
    vd j = d_rint(d_fma(a, d_set(0x1.45f306dc9c883p-2), d_set(-0.5)));
    vd m = d_add(j, d_set(0.5));
    vd r0 = d_fma(m, d_set(0x1.921fb54480000p+1), d_neg(a)); /* exact */
    vd ph = d_mul(m, d_set(-0x1.e973dcb3b399dp-34));
    vd pl = d_fma(m, d_set(-0x1.e973dcb3b399dp-34), d_neg(ph));
    vd el, eh = d64_two_sum(r0, ph, &el);
    el = d_add(el, d_fma(m, d_set(-0x1.d1fc8f8cbb5bfp-88), pl));
    vd w = d_mul(eh, eh);
    vd sp = d_set(-0x1.71b8ef6dcf572p-66);
    sp = d_fma(sp, w, d_set(0x1.2f49b46814157p-57));
    sp = d_fma(sp, w, d_set(-0x1.952c77030ad4ap-49));
    sp = d_fma(sp, w, d_set(0x1.ae7f3e733b81fp-41));
    sp = d_fma(sp, w, d_set(-0x1.6124613a86d09p-33));
    sp = d_fma(sp, w, d_set(0x1.ae64567f544e4p-26));
    sp = d_fma(sp, w, d_set(-0x1.71de3a556c734p-19));
    sp = d_fma(sp, w, d_set(0x1.a01a01a01a01ap-13));
    sp = d_fma(sp, w, d_set(-0x1.1111111111111p-7));
    sp = d_fma(sp, w, d_set(0x1.5555555555555p-3));
    vd cp = d_set(-0x1.e542ba4020225p-62);
    cp = d_fma(cp, w, d_set(0x1.6827863b97d97p-53));
    cp = d_fma(cp, w, d_set(-0x1.ae7f3e733b81fp-45));
    cp = d_fma(cp, w, d_set(0x1.93974a8c07c9dp-37));
    cp = d_fma(cp, w, d_set(-0x1.1eed8eff8d898p-29));
    cp = d_fma(cp, w, d_set(0x1.27e4fb7789f5cp-22));
    cp = d_fma(cp, w, d_set(-0x1.a01a01a01a01ap-16));
    cp = d_fma(cp, w, d_set(0x1.6c16c16c16c17p-10));
    cp = d_fma(cp, w, d_set(-0x1.5555555555555p-5));
    cp = d_fma(cp, w, d_set(0x1.0000000000000p-1));
    vd ah = d_mul(a, eh);
    vd al = d_fma(a, el, d_fma(a, eh, d_neg(ah)));
    vd e1, g = d64_two_sum(ah, d_set(-1.0), &e1);
    vd b = d_fma(w, cp, d_mul(d_neg(d_mul(a, eh)), d_mul(w, sp)));
    g = d_add(g, d_add(d_add(e1, al), b));
    vd odd = d_sub(d_mul(j, d_set(0.5)), d_rint(d_mul(j, d_set(0.5))));
    g = d_sel(d_eq(odd, d_set(0.0)), g, d_neg(g));
    g = d_sel(d_lt(x, d_set(0.0)), d_neg(g), g);
    return d_div(d_div(g, a), a);
}
/* below 1 its series (the difference cancels), up to 2^19 the reduced form
 * above, beyond (cos x − sin x/x)/x (x² overflows from 2^512) */
static inline vd op64_sinc_der(vd x, const actfn_params *p)
{
    (void)p;
    vd x2 = d_mul(x, x);
    vd c = d_trig(x, d_cos), sn = d_trig(x, d_sin);
    vd direct = d_div(d_sub(c, d_div(sn, x)), x);
    vd red = sinc_der_reduced(d_min(d_set(0x1p19), d_max(d_set(-0x1p19), x)));
    direct = d_sel(d_lt(d_abs(x), d_set(0x1p19)), red, direct);
    /* Σ (−1)^k·2k·x^(2k−1)/(2k+1)!, k = 1.. */
    vd s = d_set(-22.0 / 25852016738884976640000.0);
    s = d_fma(s, x2, d_set(20.0 / 51090942171709440000.0));
    s = d_fma(s, x2, d_set(-18.0 / 121645100408832000.0));
    s = d_fma(s, x2, d_set(16.0 / 355687428096000.0));
    s = d_fma(s, x2, d_set(-14.0 / 1307674368000.0));
    s = d_fma(s, x2, d_set(12.0 / 6227020800.0));
    s = d_fma(s, x2, d_set(-10.0 / 39916800.0));
    s = d_fma(s, x2, d_set(8.0 / 362880.0));
    s = d_fma(s, x2, d_set(-6.0 / 5040.0));
    s = d_fma(s, x2, d_set(4.0 / 120.0));
    s = d_fma(s, x2, d_set(-2.0 / 6.0));
    vd y = d_sel(d_lt(d_abs(x), d_set(1.0)), d_mul(x, s), direct);
    return d_fix_inf(x, y, 0.0, 0.0);
}
static inline vd op64_arctan_fwd(vd x, const actfn_params *p)
{
    (void)p;
    return d64_atan(x);
}
/* 1/(1 + x²); beyond 2^27 as (1/x)² */
static inline vd op64_arctan_der(vd x, const actfn_params *p)
{
    (void)p;
    vd r = d_div(d_set(1.0), x);
    vd big = d_mul(r, r);
    vd small = d_div(d_set(1.0), d_fma(x, x, d_set(1.0)));
    return d_sel(d_gt(d_abs(x), d_set(0x1p27)), big, small);
}

#endif
