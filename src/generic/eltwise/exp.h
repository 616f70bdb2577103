/*
 * Exponential family: elu, selu, celu, mish, loglog, gaussian.
 */
#ifndef ACTFN_GENERIC_ELTWISE_EXP_H
#define ACTFN_GENERIC_ELTWISE_EXP_H

#include "generic/eltwise/common.h"

/* ---- elu: alpha·expm1(x) for x ≤ 0 (expm1, not exp − 1: no cancellation
 * near 0).  expm1 ≤ 1 ULP, the product 0.5; the table expm1 (avx512) 1.83 measured
 * over all inputs.  docs/numerics.md, "The table exponential" ---- */
static inline vf op_elu_fwd(vf x, const actfn_params *p)
{
#ifdef ACTFN_HAVE_EXP_TAB32
    /* α·expm1(x) from the table (avx512), x itself where x > 0 or NaN: every lane the same
     * operations, no branch */
    return v_pos_or(x, v_mul_expm1_tab32(v_set(p->alpha), x));
#else
    return v_sel(v_gt(x, v_set(0.0f)), x, v_mul(v_set(p->alpha), v_expm1_neg(x)));
#endif
}
static inline vf op_elu_der(vf x, const actfn_params *p)
{
    return v_nan_through(
        x, v_sel(v_gt(x, v_set(0.0f)), v_set(1.0f),
                 v_mul(v_set(p->alpha), v_exp_negabs(v_min(x, v_set(0.0f))))));
}

/* ---- selu: λ·x, λα·expm1(x).  λ and λα rounded to f32 once (0.5 ULP
 * each), so ≤ 1 ULP above 0 and ≤ 2 ULP below (avx512's table form: 2.50 measured over
 * every input) ---- */
#define ACTFN_SELU_L 1.0507009873554804934193349852946
#define ACTFN_SELU_LA (1.0507009873554804934193349852946 * 1.6732632423543772848170429916717)
/* λx as fma(x, λh, x·λl), λ = λh + λl = 0x1.0cfabep+0 − 0x1.2adddap-25: x·λh
 * alone (λh is λ rounded up) overflows for x just below FLT_MAX/λ, where λx
 * still rounds to FLT_MAX (found by the exhaustive sweep at 0x1.e74b3p+127) */
static inline vf op_selu_fwd(vf x, const actfn_params *p)
{
    (void)p;
    vf pos = v_fma(x, v_set(0x1.0cfabep+0f), v_mul(x, v_set(-0x1.2adddap-25f)));
    pos = v_sel(v_eq(x, v_set(INFINITY)), x, pos); /* inf − inf */
#ifdef ACTFN_HAVE_EXP_TAB32
    /* λα·expm1(x) from the table (avx512) where x < 0; ±0 and NaN from pos */
    vf neg = v_mul_expm1_tab32(v_set((float)ACTFN_SELU_LA), x);
    return v_sel(v_lt(x, v_set(0.0f)), neg, pos);
#else
    return v_sel(v_gt(x, v_set(0.0f)), pos, v_mul(v_expm1_neg(x), v_set((float)ACTFN_SELU_LA)));
#endif
}
static inline vf op_selu_der(vf x, const actfn_params *p)
{
    (void)p;
    return v_nan_through(x, v_sel(v_gt(x, v_set(0.0f)), v_set((float)ACTFN_SELU_L),
                                  v_mul(v_exp_negabs(v_min(x, v_set(0.0f))),
                                        v_set((float)ACTFN_SELU_LA))));
}

/* ---- mish: x·tanh(softplus(x)) = x·n/(n + 2), n = E(2 + E), E = e^x:
 * neither cancels, unlike ((1+e^x)² - 1)/((1+e^x)² + 1), which is 0 for
 * x ≲ -17 in f32 ---- */
/* The forward: 2^k·x·(1 + t)(2 + E)/(E(2 + E) + 2), E = e^x = 2^k·(1 + t), the scaling last so
 * that a subnormal E still gives a normal result; x above 10.  docs/numerics.md, "mish" */
static inline vf mish_fwd_careful(vf x)
{
    vf one = v_set(1.0f), two = v_set(2.0f);
    /* |x| < 2^-40 (tanh(softplus x) = 3/5 to 2^-40): the body on x·2^64, the
     * scaling by 2^-64 last, so that subnormal x stay off the slow denormal
     * path; x < −69 (e alone subnormal): on x·2^-64, scaled by 2^64 last */
    vfm small = v_lt(v_abs(x), v_set(0x1p-40f));
    vfm tiny = v_lt(x, v_set(-69.0f));
    vf k; /* ≥ −246 from x ≥ −170, in v_scale's range */
    vf t = v_exp_reduce_raw(v_sel(small, v_set(0.0f), v_min(v_set(10.0f), v_max(v_set(-170.0f), x))), &k);
    vf e = v_scale(v_add(one, t), k);
    vf sc = v_sel(tiny, v_set(0x1p-64f), v_sel(small, v_set(0x1p64f), one));
    vf kk = v_add(k, v_sel(tiny, v_set(64.0f), v_sel(small, v_set(-64.0f), v_set(0.0f))));
    /* (1 + t)(2 + e) = 2 + (2t + e(1 + t)): one rounding that counts */
    vf h = v_add(two, v_fma(e, v_add(one, t), v_add(t, t)));
    vf num = v_mul(v_mul(v_max(v_set(-0x1p80f), x), sc), h); /* −2^80·2^-182 → −0 */
    return v_scale(v_div(num, v_fma(e, v_add(two, e), two)), kk);
}
/* The same where −69 ≤ x and |x| ≥ 2^-40 (other lanes: any value): E = s + s·t normal
 * (v_exp_easy_lo), (x·s)·h/(E(2 + E) + 2) with x·s exact: the careful form's roundings, no
 * scaling, as long as k is the same (docs/numerics.md, "mish") */
static inline vf mish_fwd_short(vf x)
{
    vf one = v_set(1.0f), two = v_set(2.0f);
    vf s, t = v_exp_easy_lo(v_min(v_set(10.0f), x), x, 0, &s);
    vf e = v_fma(s, t, s);
    vf h = v_add(two, v_fma(e, v_add(one, t), v_add(t, t)));
    return v_div(v_mul(v_mul(x, s), h), v_fma(e, v_add(two, e), two));
}
/* Per lane, as v_x_sigmoid_lo: the short form for a lane in its range whatever its
 * neighbours (the two forms' k can differ, tests/eltwise/test_lanes.c); x above 10 */
static inline vf op_mish_fwd(vf x, const actfn_params *p)
{
    (void)p;
    vfm small = v_lt(v_abs(x), v_set(0x1p-40f)), near = v_ge(x, v_set(-69.0f));
    vf y;
    if (!v_any(small) && v_all(near)) {
        y = mish_fwd_short(x);
    } else {
        y = mish_fwd_careful(x);
        if (v_any(near))
            y = v_sel(small, y, v_sel(near, mish_fwd_short(x), y));
    }
    return v_sel(v_gt(x, v_set(10.0f)), x, y);
}
/* mish' = 2^k·m·N/(n + 2)², E = e^x = 2^k·m, the scaling last; N cancels near the zero
 * x0 = −1.19243… of mish', so for |x − x0| < 0.7 it comes from d = x − x0 as two terms of one
 * sign.  docs/numerics.md, "mish" */
static inline vf mish_der_careful(vf x)
{
    vf one = v_set(1.0f), two = v_set(2.0f), four = v_set(4.0f);
    vf e0 = v_set(0x1.36c420p-2f);                                         /* E0 */
    vf d = v_add(v_add(x, v_set(0x1.31432cp+0f)), v_set(0x1.a25b08p-29f)); /* x0 = hi + lo */
    vfm win = v_lt(v_abs(d), v_set(0.7f));
    vf k;
    vf t = v_exp_reduce(v_sel(win, d, v_min(v_set(11.0f), v_max(v_set(-200.0f), x))), &k);
    vf s = v_fma(k, v_fma(k, v_set(0.25f), v_set(0.75f)), one); /* 2^k for |k| ≤ 1 */
    vf em = v_fma(s, t, v_sub(s, one));                          /* expm1 d in the window */
    vf m = v_sel(win, v_fma(e0, em, e0), v_add(one, t));
    k = v_sel(win, v_set(0.0f), k);
    vf e = v_scale(m, v_max(v_set(-150.0f), k));
    vf e1 = v_add(one, e);
    /* |x| < 2^-40: 4x(1 + E) is below 2^-37 of N; taken as 0, off the slow
     * denormal path */
    vf xc = v_sel(v_lt(v_abs(x), v_set(0x1p-40f)), v_set(0.0f), v_max(v_set(-0x1p64f), x));
    vf x4 = v_mul(four, xc);
    vf n2 = v_fma(e, v_add(two, e), two);
    vf q = v_fma(v_fma(v_add(e, four), e, v_set(6.0f)), e, four);
    vf nd = v_fma(x4, e1, q);
    vf bb = v_fma(e, v_add(e, v_set(0x1.136c42p+2f)), v_set(0x1.44a5b4p+1f)); /* E0 + 4, K */
    vf nw = v_fma(v_mul(e0, em), bb, v_mul(v_mul(four, d), e1));
    vf y = v_div(v_mul(m, v_sel(win, nw, nd)), v_mul(n2, n2));
    return v_scale(y, v_max(v_set(-252.0f), k));
}
/* The same where −69 ≤ x and |x| ≥ 2^-40 (other lanes: any value): E = s + s·t normal
 * (v_exp_easy_lo; in the window s·(1 + t) = e^d, k ∈ {−1, 0, 1}), E·N/(n + 2)² with no
 * scaling: the careful form's roundings as long as k is the same.  N/4 and (n + 2)/2 in
 * place of N and n + 2 (each operation's result scaled by a power of two: the same bits),
 * which drops the products by 4 */
static inline vf mish_der_short(vf x)
{
    vf one = v_set(1.0f);
    vf e0 = v_set(0x1.36c420p-2f);
    vf d = v_add(v_add(x, v_set(0x1.31432cp+0f)), v_set(0x1.a25b08p-29f));
    vfm win = v_lt(v_abs(d), v_set(0.7f));
    vf a = v_sel(win, d, v_min(v_set(11.0f), x));
    vf s, t = v_exp_easy_lo(a, a, 0, &s);
    vf em = v_fma(s, t, v_sub(s, one));
    vf e = v_sel(win, v_fma(e0, em, e0), v_fma(s, t, s));
    vf e1 = v_add(one, e);
    vf n2 = v_fma(e, v_fma(e, v_set(0.5f), one), one);                        /* (n + 2)/2 */
    vf q = v_fma(v_fma(v_fma(e, v_set(0.25f), one), e, v_set(1.5f)), e, one); /* q/4 */
    vf nd = v_fma(x, e1, q);
    vf bb = v_fma(e, v_add(e, v_set(0x1.136c42p+2f)), v_set(0x1.44a5b4p+1f));
    vf nw = v_fma(v_mul(v_set(0x1.36c420p-4f), em), bb, v_mul(d, e1)); /* E0/4 */
    return v_div(v_mul(e, v_sel(win, nw, nd)), v_mul(n2, n2));
}
/* Per lane, as op_mish_fwd; 1 above 11, +0 at −inf (never in the short form's range) */
static inline vf op_mish_der(vf x, const actfn_params *p)
{
    (void)p;
    vfm small = v_lt(v_abs(x), v_set(0x1p-40f)), near = v_ge(x, v_set(-69.0f));
    vf y;
    if (!v_any(small) && v_all(near)) {
        y = mish_der_short(x);
    } else {
        y = mish_der_careful(x);
        if (v_any(near))
            y = v_sel(small, y, v_sel(near, mish_der_short(x), y));
        y = v_sel(v_eq(x, v_set(-INFINITY)), v_set(0.0f), y);
    }
    return v_sel(v_gt(x, v_set(11.0f)), v_set(1.0f), y);
}

/* ---- celu: x > 0 ? x : alpha·expm1(x/alpha).  f64: exp(x/alpha) in the
 * derivative amplifies the rounding of x/alpha by |x/alpha| ---- */
static inline vd op_celu_fwd(vd x, const actfn_params *p)
{
    vd a = d_set(p->alpha);
    return d_sel(d_gt(x, d_set(0.0)), x, d_mul(a, d_expm1(d_mul(x, d_set(1.0 / p->alpha)))));
}
/* celu' = e^(x/alpha) below 0; 1 at 0 (the left-hand value) and above */
static inline vd op_celu_der(vd x, const actfn_params *p)
{
    vd d = d_exp(d_mul(x, d_set(1.0 / p->alpha)));
    return d_sel(d_gt(x, d_set(0.0)), d_set(1.0), d);
}

/* ---- loglog: 1 − e^(−e^x) = −expm1(−e^x): ≈ e^x for x ≪ 0 without the
 * cancellation of 1 − exp(·) ---- */
static inline vd op_loglog_fwd(vd x, const actfn_params *p)
{
    (void)p;
    return d_neg(d_expm1(d_neg(d_exp(x))));
}
/* e^(x − e^x): f64, since the rounding of e^x is amplified by e^x */
static inline vd op_loglog_der(vd x, const actfn_params *p)
{
    (void)p;
    return d_fix_inf(x, d_exp(d_sub(x, d_exp(x))), 0.0, 0.0);
}

/* ---- gaussian: e^(−x²) with x² = h + l exact and l folded into t, since the exponential
 * amplifies the rounding of x² by x².  docs/numerics.md, "gaussian" ---- */
static inline vf gaussian_e(vf x, vf *k)
{
    vf h = v_mul(x, x);
    vf l = v_fma(x, x, v_neg(h));
    l = v_min(v_set(0x1p-10f), v_max(l, v_set(-0x1p-10f))); /* NaN where x = ±inf */
    vf t = v_exp_reduce(v_max(v_set(-200.0f), v_neg(h)), k);
    return v_fma(v_neg(l), v_add(v_set(1.0f), t), t);
}
static inline vf op_gaussian_fwd(vf x, const actfn_params *p)
{
    (void)p;
    vf k;
    vf t = gaussian_e(x, &k);
    return v_scale(v_add(v_set(1.0f), t), v_max(v_set(-150.0f), k));
}
/* −2x·e^(−x²), the scaling last (e^(−x²) alone is subnormal from |x| ≈ 9.4
 * on, the product normal to 9.5); x clamped to ±2^64, where it is 0 */
static inline vf op_gaussian_der(vf x, const actfn_params *p)
{
    (void)p;
    vf k;
    vf t = gaussian_e(x, &k);
    vf xc = v_min(v_set(0x1p64f), v_max(v_set(-0x1p64f), x));
    vf y = v_mul(v_mul(v_set(-2.0f), xc), v_add(v_set(1.0f), t));
    return v_scale(y, v_max(v_set(-252.0f), k));
}

#endif
