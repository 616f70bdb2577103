/*
 * Sigmoid family: sigmoid, log_sigmoid, softplus and the x·σ(z) functions
 * (silu, swish, quick_gelu), with the x·σ(z) core they share.
 */
#ifndef ACTFN_GENERIC_ELTWISE_SIGMOID_H
#define ACTFN_GENERIC_ELTWISE_SIGMOID_H

#include "generic/eltwise/common.h"

/* x·σ(z) in f32 for every finite x and z, z = zh + zl (zl: the caller's rounding of z, which
 * e^z would amplify by |z|): 2^k·(x' + x'·t)/(1 + E)·s, the scaling last so that neither x·E
 * nor a subnormal x loses bits; ≤ 2 ULP.  docs/numerics.md, "x·σ(z)" */
static inline vf v_x_sigmoid_careful(vf x, vf zh, vf zl, vfm small)
{
    vf one = v_set(1.0f);
    vfm tiny = v_lt(zh, v_set(-69.0f));
    vf k;
    /* z is not tied to x (swish: z = alpha·x, so a tiny x may have a large z):
     * v_exp_reduce's own flush of tiny z */
    vf t = v_exp_reduce(v_min(v_set(20.0f), v_max(v_set(-200.0f), zh)), &k);
    vf al = v_min(v_set(0x1p-10f), v_max(zl, v_set(-0x1p-10f))); /* bounded where z is clamped */
    t = v_fma(al, v_add(one, t), t);                               /* e^(z + zl) = e^z·(1 + zl) */
    vf p2 = v_pow2i(v_max(v_set(-126.0f), k));
    vf d = v_fma(p2, t, v_add(one, p2)); /* 1 + E, one rounding */
    vf xs = v_min(v_set(0x1.fffffep127f), v_max(v_set(-0x1.fffffep127f), x));
    xs = v_mul(xs, v_sel(tiny, v_set(0x1p-65f), v_sel(small, v_set(0x1p63f), v_set(0.5f))));
    vf kk = v_add(k, v_sel(tiny, v_set(65.0f), v_sel(small, v_set(-63.0f), one)));
    vf y = v_scale(v_div(v_fma(xs, t, xs), d), kk);
    return v_sel(v_gt(zh, v_set(20.0f)), x, y);
}
/* The same where |zh| ≤ 87 and |x| ≥ 2^-60 (a = −|zh|; other lanes: any value, for the caller
 * to discard): with e = e^−|z| = s·(1 + t) (zl folded in where `lo`), x/(1 + e) for z ≥ 0 and
 * (x·s + x·s·t)/(1 + e) for z < 0, 1 + e = s·t + (1 + s) one rounding; nothing overflows, and
 * t, the FMA, 1 + e and the division, ≤ 2 ULP as the careful form; where x·s is subnormal
 * (swish with a large alpha) its two roundings add ≤ 1.3 subnormal ULPs, as y < 1.42·x·s:
 * ≤ 3.5.  docs/numerics.md, "x·σ(z)" */
static inline vf v_x_sigmoid_short(vf x, vf zh, vf zl, vf a, int lo)
{
    vfm pos = v_ge(zh, v_set(0.0f));
    vf s, al = lo ? v_sel(pos, v_neg(zl), zl) : zl; /* −|zh + zl| = a + al */
    vf t = v_exp_easy_lo(v_min(a, v_set(-0x1p-40f)), al, lo, &s); /* tiny z: off the denormals */
    vf d = v_fma(s, t, v_add(v_set(1.0f), s));
    vf xs = v_mul(x, s);
    return v_div(v_sel(pos, x, v_fma(xs, t, xs)), d);
}
/* x·σ(z): the short form for every lane in its range, the careful one for the others.  A
 * vector whose lanes are all in range (the common case) skips the careful form; a mixed vector
 * computes both and selects per lane, so a lane's bits never depend on its neighbours. */
static inline vf v_x_sigmoid_lo(vf x, vf zh, vf zl, int lo)
{
    vf a = v_negabs(zh);
    vfm small = v_lt(v_abs(x), v_set(0x1p-60f));
    vfm near = v_ge(a, v_set(-87.0f));
    if (!v_any(small) && v_all(near))
        return v_x_sigmoid_short(x, zh, zl, a, lo);
    vf y = v_x_sigmoid_careful(x, zh, zl, small);
    if (!v_any(near))
        return y;
    return v_sel(small, y, v_sel(near, v_x_sigmoid_short(x, zh, zl, a, lo), y));
}
static inline vf v_x_sigmoid(vf x, vf zh, vf zl) { return v_x_sigmoid_lo(x, zh, zl, 1); }

/* d/dx x·σ(z(x)) = σ(z)·(1 + w·σ(−z)), w = x·z' = wh + wl, as one quotient in e = e^−|z|; near
 * the zero of f' (win) the caller's nwin replaces n = 1 + e + w, which cancels there.
 * docs/numerics.md, "x·σ(z)" */
static inline vf v_x_sigmoid_der_careful(vf zh, vf zl, vf wh, vf wl, vfm win, vf nwin)
{
    vf a = v_max(v_set(-200.0f), v_negabs(zh));
    vf al = v_sel(v_lt(zh, v_set(0.0f)), zl, v_neg(zl));
    vfm live = v_gt(a, v_set(-200.0f));
    al = v_sel(live, al, v_set(0.0f));
    vf k;
    vf t = v_exp_reduce(a, &k);
    vf m = v_add(v_set(1.0f), v_fma(al, v_add(v_set(1.0f), t), t));
    vf e = v_sel(live, v_scale(m, v_max(v_set(-150.0f), k)), v_set(0.0f));
    vf d1 = v_add(v_set(1.0f), e);
    vf w = v_min(v_set(0x1p100f), v_max(v_set(-0x1p100f), wh));
    wl = v_sel(v_lt(v_abs(wh), v_set(0x1p100f)), wl, v_set(0.0f)); /* inf − inf */
    vf np = v_fma(w, e, d1);                                          /* z ≥ 0 */
    vf n = v_sel(win, nwin, v_add(v_add(v_add(v_set(1.0f), w), e), wl)); /* z < 0 */
    vfm pos = v_ge(zh, v_set(0.0f));
    vf y = v_div(v_sel(pos, np, v_mul(m, n)), v_mul(d1, d1));
    return v_sel(pos, y, v_scale(y, v_max(v_set(-252.0f), k)));
}
/* The window form of n near the zero of f' (the caller's: x, zh, zl → n), and the distance to
 * that zero the windows are tested on (x, zh → dist; computed only where a window is). */
typedef vf (*v_nwin_fn)(vf x, vf zh, vf zl);
typedef vf (*v_dist_fn)(vf x, vf zh);
/* The caller's limits at x or z = ±inf put into the careful form's result y (those lanes are
 * never in the short form's range, so a vector in it skips this). */
typedef vf (*v_inf_fix_fn)(vf x, vf zh, vf y);
/* The same where |zh| ≤ 87 (a = −|zh|; other lanes: any value): e = e^−|z| = s + s·t normal
 * (v_exp_easy_lo, zl folded into r, s = 2^k), e·n/(1 + e)² for z < 0 without the scaling, and
 * e·n normal (n is small only near the zero of f', where e ≈ 0.28).  n = ((1 + wh) + s) +
 * s·t + wl: where n is small (wh in [−2, −0.5], s = 1/4 or 1/2) (1 + wh) + s is exact, so n
 * carries s·t's error (~2^-29) and its own two roundings, not three roundings of terms near
 * 1, and the window form (nwin, computed only for a vector with a lane in win) is needed
 * only within 1/16 of the zero.  `lo` = 0: zl and wl are known to be 0 (silu), and are not
 * added (adding +0 changes no value here: neither r nor n is ever ±0 where it matters).
 * docs/numerics.md, "v_x_sigmoid_az_der" */
static inline vf v_x_sigmoid_der_short(vf x, vf zh, vf zl, vf wh, vf wl, vf a, v_dist_fn dist,
                                       float ws, v_nwin_fn nwin, int lo)
{
    vfm pos = v_ge(zh, v_set(0.0f));
    vf s, t = v_exp_easy_lo(v_min(a, v_set(-0x1p-40f)), v_sel(pos, v_neg(zl), zl), lo, &s);
    vf e = v_fma(s, t, s);
    vf d1 = v_add(v_set(1.0f), e);
    vf np = v_fma(wh, e, d1); /* z ≥ 0 */
    vf n = v_fma(s, t, v_add(v_add(v_set(1.0f), wh), s)); /* z < 0 */
    if (lo)
        n = v_add(n, wl);
    if (ws > 0) { /* a constant: no window, no test */
        vfm win = v_lt(dist(x, zh), v_set(ws));
        if (v_any(win))
            n = v_sel(win, nwin(x, zh, zl), n);
    }
    return v_div(v_sel(pos, np, v_mul(e, n)), v_mul(d1, d1));
}
/* Per lane as v_x_sigmoid_lo: the short form where |zh| ≤ 87 (window dist < ws), the careful
 * one elsewhere (window dist < wc, wider: its n sums three roundings), with the limits at
 * ±inf.  dist computes the caller's distance to the zero of f', only where a window is
 * compared (as a vector passed in, the compiler computed it before the branch). */
static inline vf v_x_sigmoid_der(vf x, vf zh, vf zl, vf wh, vf wl, v_dist_fn dist, float ws,
                                 float wc, v_nwin_fn nwin, int lo, v_inf_fix_fn fix)
{
    vf a = v_negabs(zh);
    vfm near = v_ge(a, v_set(-87.0f));
    if (v_all(near))
        return v_x_sigmoid_der_short(x, zh, zl, wh, wl, a, dist, ws, nwin, lo);
    vfm win_c = v_lt(dist(x, zh), v_set(wc));
    vf y = fix(x, zh, v_x_sigmoid_der_careful(zh, zl, wh, wl, win_c, nwin(x, zh, zl)));
    if (!v_any(near))
        return y;
    return v_sel(near, v_x_sigmoid_der_short(x, zh, zl, wh, wl, a, dist, ws, nwin, lo), y);
}

/* The x·σ(αx) family (w = z): n = 1 + z + e^z cancels near its zero z0 = −1.27846…; there
 * n = d + c·expm1(d), d = z − z0, c = e^z0, two terms of one sign.  docs/numerics.md, "x·σ(z)" */
static inline vf v_x_sigmoid_az_nwin(vf x, vf zh, vf zl)
{
    (void)x;
    vf d = v_add(v_add(zh, v_set(0x1.474974p+0f)), v_sub(zl, v_set(0x1.bdf6fap-27f)));
    return v_fma(v_set(0x1.1d25d0p-2f), v_expm1_small(d), d);
}
static inline vf v_x_sigmoid_az_dist(vf x, vf zh)
{
    (void)x;
    return v_abs(v_add(zh, v_set(0x1.474974p+0f)));
}
static inline vf v_x_sigmoid_az_der(vf x, vf zh, vf zl, int lo, float ws, v_inf_fix_fn fix)
{
    return v_x_sigmoid_der(x, zh, zl, zh, zl, v_x_sigmoid_az_dist, ws, 0.34f, v_x_sigmoid_az_nwin,
                           lo, fix);
}
/* +0 where x = −inf (silu, quick_gelu), or where z = −inf (swish: x = ±inf by alpha's sign) */
static inline vf v_x_sigmoid_der_xinf(vf x, vf zh, vf y)
{
    (void)zh;
    return v_sel(v_eq(x, v_set(-INFINITY)), v_set(0.0f), y);
}
static inline vf v_x_sigmoid_der_zinf(vf x, vf zh, vf y)
{
    (void)x;
    return v_sel(v_eq(zh, v_set(-INFINITY)), v_set(0.0f), y);
}

/* ---- sigmoid: with e = exp(-|x|) ≤ 1, 1/(1+e) or e/(1+e): no overflow,
 * subnormal tails kept (1+e rounds to 1 there, the result is e).
 * exp 1 + sum 0.5 + div 0.5 → ≤ 2.5 ULP; with the table exponential (avx512) 3.85 measured
 * over all inputs (its error sum alone allows 4.8: a change here needs the exhaustive sweep).
 * docs/numerics.md, "The table exponential" ---- */
static inline vf op_sigmoid_fwd(vf x, const actfn_params *p)
{
    (void)p;
#ifdef ACTFN_HAVE_EXP_TAB32
    /* z = −min(|x|, 104) (e rounds to 0 below −104): every lane the same operations */
    vf z = v_neg_absmin(x, v_set(104.0f));
    vf e = v_exp_tab32(z);
    return v_div(v_one_or_neg(x, e), v_add(v_set(1.0f), e)); /* NaN: x's, through the numerator */
#else
    vf e = v_exp_negabs(v_negabs(x));
    return v_div(v_sel_pos(x, v_set(1.0f), e), v_add(v_set(1.0f), e)); /* ±0: e = 1 */
#endif
}
/* sigmoid' = e/(1+e)², not s(1-s), which cancels for x ≳ 17; with the table exponential
 * (avx512) 5.47 ULP over all inputs */
static inline vf op_sigmoid_der(vf x, const actfn_params *p)
{
    (void)p;
#ifdef ACTFN_HAVE_EXP_TAB32
    /* the table exponential (avx512) on −min(|x|, 104), NaN put back by its class */
    vf e = v_exp_tab32(v_neg_absmin(x, v_set(104.0f)));
    vf d = v_add(v_set(1.0f), e);
    return v_nan_through(x, v_div(e, v_mul(d, d)));
#else
    vf e = v_exp_negabs(v_negabs(x));
    vf d = v_add(v_set(1.0f), e);
    return v_div(e, v_mul(d, d));
#endif
}

/* ---- silu: x·sigmoid(x); sigmoid(x) is subnormal (few bits) for x < -87
 * while x·sigmoid(x) is still normal down to -103: v_x_sigmoid scales last ---- */
static inline vf op_silu_fwd(vf x, const actfn_params *p)
{
    (void)p;
    return v_x_sigmoid_lo(x, x, v_set(0.0f), 0);
}
/* silu' = σ(x)·(1 + x·σ(−x)), zero near x = −1.28: v_x_sigmoid_az_der; +0 at −inf.  No window
 * in the short form (z = x: within 2^-6 of the zero n's 2^-29 is within the contract's 2^-23
 * absolute, beyond it the short form holds 8 ULP).  docs/numerics.md, "v_x_sigmoid_az_der" */
static inline vf op_silu_der(vf x, const actfn_params *p)
{
    (void)p;
    return v_x_sigmoid_az_der(x, x, v_set(0.0f), 0, 0.0f, v_x_sigmoid_der_xinf);
}

/* ---- softplus: log(1 + e^z)/alpha, z = alpha·x (carried as zh + zl), as
 * max(z, 0) + log1p(exp(-|z|)): no overflow for z > 88.7, no cancellation
 * (log(1 + tiny)) for z ≪ 0 ---- */
/* The forward: e = e^−|z| (zl folded in) kept as 2^k·m and the scaling last, so that a
 * subnormal e keeps its bits; a tiny alpha pre-scaled by 2^64.  `divide` is a constant, 0 for
 * alpha = 1 (softplus_a1).  docs/numerics.md, "softplus" */
static inline vf softplus_fwd(vf x, const actfn_params *p, int divide)
{
    const float sh = p->alpha < 0x1p-60f ? 64.0f : 0.0f;
    vf a = v_set(p->alpha);
    vf zl, zh = v_mul_lo(a, x, &zl);
    vf m0 = v_negabs(zh);
    vf ml = v_sel(v_lt(zh, v_set(0.0f)), zl, v_neg(zl)); /* −|zh + zl| = m0 + ml */
    /* the short form where |zh| ≤ 40 (e ≥ 2^-58: normal, and so is e·e in log1p; the scaling
     * below is exact there, so it can go first): e = s + s·t (v_exp_easy_lo, zl folded into
     * r), log1p(e) without the scaling; per lane, as v_exp_negabs.  Not for a tiny alpha
     * (pre-scaled below). */
    vfm near = v_ge(m0, v_set(-40.0f));
    vf ys = m0;
    if (sh == 0.0f) {
        vf s, t = v_exp_easy_lo(v_min(m0, v_set(-0x1p-40f)), ml, 1, &s);
        ys = v_log1p01(v_fma(s, t, s));
        if (divide)
            ys = v_div(ys, a);
        if (v_all(near))
            return v_sel(v_ge(zh, v_set(0.0f)), v_add(x, ys), ys);
    } else {
        near = v_lt(m0, m0); /* none */
    }
    vf m = v_max(v_set(-200.0f), m0);
    ml = v_sel(v_gt(m, v_set(-200.0f)), ml, v_set(0.0f));
    vf k;
    vf t = v_exp_reduce(m, &k);
    vf mm = v_add(v_set(1.0f), v_fma(ml, v_add(v_set(1.0f), t), t));
    vf q = v_log1p01_scaled(v_scale(mm, v_max(v_set(-150.0f), k)), mm);
    if (divide)
        q = v_div(q, v_set(p->alpha * (sh == 0.0f ? 1.0f : 0x1p64f)));
    /* below 2^-252 the result is 0 for any q ≤ 2^61; v_scale needs k ≥ -252 */
    vf y = v_sel(near, ys, v_scale(q, v_max(v_set(-252.0f), v_add(k, v_set(sh)))));
    return v_sel(v_ge(zh, v_set(0.0f)), v_add(x, y), y);
}
static inline vf op_softplus_fwd(vf x, const actfn_params *p) { return softplus_fwd(x, p, 1); }
static inline vf op_softplus_a1_fwd(vf x, const actfn_params *p) { return softplus_fwd(x, p, 0); }
/* softplus' = sigmoid(alpha·x), in f32 with the rounding of alpha·x carried
 * into e^−|z| (as in the forward) */
static inline vf op_softplus_der(vf x, const actfn_params *p)
{
    vf a = v_set(p->alpha);
    vf zl, zh = v_mul_lo(a, x, &zl);
    vfm pos = v_ge(zh, v_set(0.0f));
    vf e = v_exp_negabs(v_negabs(zh));
    e = v_fma(e, v_sel(pos, v_neg(zl), zl), e); /* e^−|zh + zl| */
    return v_div(v_sel(pos, v_set(1.0f), e), v_add(v_set(1.0f), e));
}

/* ---- log_sigmoid = min(x, 0) − log1p(exp(−|x|)): both terms ≤ 0, so no
 * cancellation; for x ≫ 0 the result is −e, subnormals kept ---- */
static inline vf op_log_sigmoid_fwd(vf x, const actfn_params *p)
{
    (void)p;
    vf e = v_exp_negabs(v_negabs(x));
    return v_sub(v_min(x, v_set(0.0f)), v_log1p01(e));
}
/* log_sigmoid' = sigmoid(−x) */
static inline vf op_log_sigmoid_der(vf x, const actfn_params *p)
{
    (void)p;
    vf e = v_exp_negabs(v_negabs(x));
    return v_div(v_sel_pos(x, e, v_set(1.0f)), v_add(v_set(1.0f), e)); /* ±0: e = 1 */
}

/* ---- quick_gelu: x·sigmoid(1.702x).  1.702 = 0x1.b3b646p+0 − 0x1.78d4fep-26, and
 * z = 1.702x carries both roundings (of the constant and of the product)
 * in its low part, for the forward and the derivative ---- */
/* z = 1.702x as hi + lo: the exact product with 1.702's high part plus x
 * times its low part (lo = 0 where hi overflows) */
static inline vf quick_gelu_z(vf x, vf *zl)
{
    vf z = v_mul_lo(v_set(0x1.b3b646p+0f), x, zl);
    *zl = v_fma(v_set(-0x1.78d4fep-26f), x, *zl);
    return z;
}
static inline vf op_quick_gelu_fwd(vf x, const actfn_params *p)
{
    (void)p;
    vf zl, z = quick_gelu_z(x, &zl);
    return v_x_sigmoid(x, z, zl);
}
/* σ(z)·(1 + z·σ(−z)), z = 1.702x carried as for the forward; no window in the short form, as
 * silu (the contract's 2^-6 in x is 0.027 in z, where n is ≥ 0.034) */
static inline vf op_quick_gelu_der(vf x, const actfn_params *p)
{
    (void)p;
    vf zl, z = quick_gelu_z(x, &zl);
    return v_x_sigmoid_az_der(x, z, zl, 1, 0.0f, v_x_sigmoid_der_xinf);
}

/* ---- swish: x·sigmoid(alpha·x), z = alpha·x with its rounding carried
 * (v_x_sigmoid, v_x_sigmoid_az_der).  Variants (src/registry/variants.def):
 * alpha = 1 is silu (z = x exactly), alpha = 0 is x/2 ---- */
static inline vf op_swish_fwd(vf x, const actfn_params *p)
{
    vf zl, z = v_mul_lo(v_set(p->alpha), x, &zl);
    return v_x_sigmoid(x, z, zl);
}
static inline vf op_swish_half_fwd(vf x, const actfn_params *p)
{
    (void)p;
    return v_mul(x, v_set(0.5f));
}
/* σ(z)·(1 + z·σ(−z)); at z = ±inf its limits 0 and 1 */
static inline vf op_swish_der(vf x, const actfn_params *p)
{
    vf zl, z = v_mul_lo(v_set(p->alpha), x, &zl);
    return v_x_sigmoid_az_der(x, z, zl, 1, 0.0625f, v_x_sigmoid_der_zinf);
}
static inline vf op_swish_half_der(vf x, const actfn_params *p)
{
    (void)p;
    return v_nan_through(x, v_set(0.5f));
}

#endif
