/*
 * One body per function, written once against the v_* (f32) and d_* (f64)
 * ops of the including ISA's vec.h.  Each registry entry `name` of type F
 * has  vf op_<name>_fwd(vf x, const actfn_params *p)  and  op_<name>_der;
 * type D has the same over vd.  Bodies must give NaN for NaN and the
 * mathematical limit at ±inf; kernels.inc supplies loops and tails.
 *
 * Error notes count ULPs of the f32 result.  D bodies compute in f64 and
 * round once on store: a product of two floats is exact in f64, so inner
 * arguments (x², αx, x/√2 to 2^-53) need no hi/lo split there, and f32
 * subnormal results are still normal in f64.
 */
#ifndef ACTFN_GENERIC_OPS_H
#define ACTFN_GENERIC_OPS_H

#include <math.h>

#include "actfn.h"
#include "generic/vmath.h"

/* ---- shared helpers ---- */

static inline vf v_nan_through(vf x, vf y) { return v_sel(v_isnan(x), x, y); }
static inline vd d_nan_through(vd x, vd y) { return d_sel(d_eq(x, x), y, x); }

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

/* SLEEF's vector sin/cos reduce every lane with the slower wide-range
 * method once one lane needs it (|x| ≥ 125 in f32, ≥ 1e14 in f64, inf or
 * NaN), and the other lanes then round differently than they would alone.
 * Evaluating the two classes apart makes each result depend on its own
 * input only, whatever its neighbours (and vector tails) hold. */
static inline vf v_trig(vf x, vf (*f)(vf))
{
    vfm near = v_lt(v_abs(x), v_set(125.0f));
    vf y = f(v_sel(near, x, v_set(0.0f)));
    return v_all(near) ? y : v_sel(near, y, f(x));
}
static inline vd d_trig(vd x, vd (*f)(vd))
{
    vdm near = d_lt(d_abs(x), d_set(1e14));
    vd y = f(d_sel(near, x, d_set(0.0)));
    return d_all(near) ? y : d_sel(near, y, f(x));
}

/* sigmoid'(z) = e/(1+e)², even in z. */
static inline vd d_dsigmoid_e(vd e)
{
    vd d = d_add(d_set(1.0), e);
    return d_div(e, d_mul(d, d));
}
/* x·σ(z) in f32, z = zh + zl (zl: the rounding error of the caller's z,
 * which |z| would amplify in e^z; 0 when z is exact), over every finite x
 * and z, one body: with E = e^z = 2^k·(1 + t) (z clamped to [−200, 20],
 * zl folded into t),
 *   x·σ(z) = 2^k·(x' + x'·t)/(1 + E)·s,  x' = x/s,
 * the scaling last: s = 2 normally (x' + x'·t cannot overflow), 2^-63 for
 * |x| < 2^-60 (subnormal x stay off the slow denormal path) and 2^65 for
 * z < −69 (E alone is subnormal or 0 there while x·E may still be normal);
 * x itself for z > 20 (σ rounds to 1).  x + x·t is one FMA, so ≤ 2 ULP:
 * t, then the FMA, 1 + E and the division, and a last rounding only where
 * the result is subnormal.  x = ±inf where σ(z) → 0 gives 0 with the sign
 * of x (x clamped to ±FLT_MAX, scaled to 0). */
static inline vf v_x_sigmoid(vf x, vf zh, vf zl)
{
    vf one = v_set(1.0f);
    vfm tiny = v_lt(zh, v_set(-69.0f));
    vfm small = v_lt(v_abs(x), v_set(0x1p-60f));
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

/* The derivative of x·σ(z(x)) in f32: σ(z)·(1 + w·σ(−z)) with w = x·z'(x)
 * (w = z for the x·σ(αx) family), z = zh + zl (zl as for v_x_sigmoid),
 * w = wh + wl, e = e^−|z| = 2^k·m from v_exp_reduce, one division:
 *   z ≥ 0:  (1 + e + w·e)/(1 + e)²
 *   z < 0:  2^k·m·n/(1 + e)²,  n = 1 + e + w, the scaling last
 * n vanishes at the zero of f'; there (win) the caller gives n as nwin,
 * computed from d = x − x0 as a sum of terms of one sign, so that n keeps
 * the relative error of d; elsewhere 1 + w + e loses at most a factor ~2.
 * z is clamped to ±200 (σ' is 0 in f32 beyond ±104), w to ±2^100 (the
 * result is scaled to 0 there; wl is dropped), NaN through. */
static inline vf v_x_sigmoid_der(vf zh, vf zl, vf wh, vf wl, vfm win, vf nwin)
{
    vf a = v_max(v_set(-200.0f), v_neg(v_abs(zh)));
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

/* The x·σ(αx) family: w = z, and n = 1 + z + e^z vanishes at z0 = −1 − W(1/e)
 * = −1.2784645427610738 (where e^z0 = −1 − z0 = c); with d = z − z0,
 * n = d + c·expm1(d) exactly, two terms of one sign, used for |d| < 0.34
 * (v_expm1_small); d is carried from zh − z0h (exact there) and zl − z0l. */
static inline vf v_x_sigmoid_az_der(vf zh, vf zl)
{
    vf d = v_add(v_add(zh, v_set(0x1.474974p+0f)), v_sub(zl, v_set(0x1.bdf6fap-27f)));
    vf nw = v_fma(v_set(0x1.1d25d0p-2f), v_expm1_small(d), d);
    return v_x_sigmoid_der(zh, zl, zh, zl, v_lt(v_abs(d), v_set(0.34f)), nw);
}

/* ---- relu: max(0, x); NaN and -0 pass through v_max's second operand ---- */
static inline vf op_relu_fwd(vf x, const actfn_params *p)
{
    (void)p;
    return v_max(v_set(0.0f), x);
}
static inline vf op_relu_der(vf x, const actfn_params *p)
{
    (void)p;
    return v_nan_through(x, v_sel(v_gt(x, v_set(0.0f)), v_set(1.0f), v_set(0.0f)));
}

/* ---- leaky_relu: x > 0 ? x : alpha·x (one rounding) ---- */
static inline vf op_leaky_relu_fwd(vf x, const actfn_params *p)
{
    return v_sel(v_gt(x, v_set(0.0f)), x, v_mul(x, v_set(p->alpha)));
}
static inline vf op_leaky_relu_der(vf x, const actfn_params *p)
{
    return v_nan_through(x, v_sel(v_gt(x, v_set(0.0f)), v_set(1.0f), v_set(p->alpha)));
}

/* ---- elu: alpha·expm1(x) for x ≤ 0 (expm1, not exp − 1: no cancellation
 * near 0).  expm1 ≤ 1 ULP, the product 0.5 ---- */
static inline vf op_elu_fwd(vf x, const actfn_params *p)
{
    return v_sel(v_gt(x, v_set(0.0f)), x, v_mul(v_set(p->alpha), v_expm1(x)));
}
static inline vf op_elu_der(vf x, const actfn_params *p)
{
    return v_nan_through(
        x, v_sel(v_gt(x, v_set(0.0f)), v_set(1.0f), v_mul(v_set(p->alpha), v_exp(x))));
}

/* ---- selu: λ·x, λα·expm1(x).  λ and λα rounded to f32 once (0.5 ULP
 * each), so ≤ 1 ULP above 0 and ≤ 2 ULP below ---- */
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
    return v_sel(v_gt(x, v_set(0.0f)), pos, v_mul(v_expm1(x), v_set((float)ACTFN_SELU_LA)));
}
static inline vf op_selu_der(vf x, const actfn_params *p)
{
    (void)p;
    return v_nan_through(x, v_sel(v_gt(x, v_set(0.0f)), v_set((float)ACTFN_SELU_L),
                                  v_mul(v_exp(x), v_set((float)ACTFN_SELU_LA))));
}

/* ---- sigmoid: with e = exp(-|x|) ≤ 1, 1/(1+e) or e/(1+e): no overflow,
 * subnormal tails kept (1+e rounds to 1 there, the result is e).
 * exp 1 + sum 0.5 + div 0.5 → ≤ 2.5 ULP ---- */
static inline vf op_sigmoid_fwd(vf x, const actfn_params *p)
{
    (void)p;
    vf e = v_exp(v_neg(v_abs(x)));
    return v_div(v_sel(v_ge(x, v_set(0.0f)), v_set(1.0f), e), v_add(v_set(1.0f), e));
}
/* sigmoid' = e/(1+e)², not s(1-s), which cancels for x ≳ 17 */
static inline vf op_sigmoid_der(vf x, const actfn_params *p)
{
    (void)p;
    vf e = v_exp(v_neg(v_abs(x)));
    vf d = v_add(v_set(1.0f), e);
    return v_div(e, v_mul(d, d));
}

/* ---- tanh: SLEEF u10 ---- */
static inline vf op_tanh_fwd(vf x, const actfn_params *p)
{
    (void)p;
    return v_tanh(x);
}
/* tanh' = sech² = 4e/(1+e)² with e = exp(-2|x|), not 1 - t², which is 0
 * for |x| ≳ 9; 2|x| is exact and 4e is exact */
static inline vf op_tanh_der(vf x, const actfn_params *p)
{
    (void)p;
    vf e = v_exp(v_mul(v_set(-2.0f), v_abs(x)));
    vf d = v_add(v_set(1.0f), e);
    return v_div(v_mul(v_set(4.0f), e), v_mul(d, d));
}

/* ---- gelu: x·Φ(x).  The erf form cancels for x ≲ -5, and x/√2 rounded in
 * f32 would be amplified ~x² in e^(−x²/2) (~200 ULP near x = −13); so
 * Φ(−|x|) = 2^k·(1 + t)·(rh + rl) from v_ncdf_tail (x² carried exactly) and
 *   x < 0:  w = x·(rh + rl) as p + (pe + x·rl), p + pe = x·rh exactly, then
 *           2^k·(w + w·t): three roundings, the scaling last so that
 *           subnormal results round once;
 *   x ≥ 0:  x − x·Φ(−x) in one FMA (Φ(−x) ≤ 1/2 needs only absolute accuracy).
 * x is clamped to ±14.9 first (NaN through): below, gelu rounds to −0 (it
 * is under 2^-150 from about −14.4 on); above, x − 14.9·Φ(−14.9) = x, +inf
 * included ---- */
static inline vf op_gelu_fwd(vf x, const actfn_params *p)
{
    (void)p;
    /* |x| < 2^-40: Φ(x) = 1/2 to 2^-41, x/2 at the end (as in v_x_sigmoid) */
    vfm small = v_lt(v_abs(x), v_set(0x1p-40f));
    vf xc = v_sel(small, v_set(0.0f), v_min(v_set(14.9f), v_max(v_set(-14.9f), x)));
    vf k, t, rl;
    vf rh = v_ncdf_tail(v_abs(xc), &k, &t, &rl);
    vfm neg = v_lt(xc, v_set(0.0f));
    vf a = v_sel(neg, xc, v_set(1.0f));
    vf ph = v_mul(a, rh), pe = v_fma(a, rh, v_neg(ph));
    vf w = v_add(ph, v_fma(a, rl, pe));
    vf q = v_scale(v_fma(w, t, w), k);
    vf y = v_sel(neg, q, v_fma(v_neg(xc), q, x));
    return v_sel(small, v_mul(x, v_set(0.5f)), y);
}
/* gelu' = Φ(x) + x·φ(x), both from one E = e^(−x²/2) (x² exact in f64):
 * Φ(−|x|) = E·erfcx(|x|/√2)/2, φ(x) = E/√(2π) */
static inline vd op_gelu_der(vd x, const actfn_params *p)
{
    (void)p;
    vd e = d_exp(d_mul(d_set(-0.5), d_mul(x, x)));
    vd tail = d_mul(d_mul(d_set(0.5), e), d_erfcx(d_mul(d_abs(x), d_set(0.70710678118654752440))));
    vd cdf = d_sel(d_lt(x, d_set(0.0)), tail, d_sub(d_set(1.0), tail));
    vd pdf = d_mul(d_set(0.39894228040143267794), e);
    return d_fix_inf(x, d_fma(x, pdf, cdf), 0.0, 1.0);
}

/* ---- gelu_tanh: (x/2)(1 + tanh u) = x·sigmoid(2u), u = √(2/π)(x + 0.044715x³):
 * 1 + tanh u cancels for u ≪ 0, the sigmoid form does not; the rounding of
 * z = 2u, amplified by ~|z| in e^z, is carried as a low part ---- */
/* x·(c·x² + C1) as hi + lo for c = ch + cl (C3 for z, 3·C3 for x·z'), with x²
 * and both constants split in two and ch·x² + C1h as an exact two-sum, so
 * that lo holds the roundings a caller must not amplify (e^z does, by |z|).
 * Where x² overflows, |hi| = inf and the callers ignore lo.  C1 = 2√(2/π)
 * = 0x1.988454p+0 − 0x1.857936p-25, C3 = 0.044715·C1. */
static inline vf gelu_tanh_cubic(vf x, float ch, float cl, vf *lo)
{
    vf c1 = v_set(0x1.988454p+0f), c3 = v_set(ch);
    vf x2 = v_mul(x, x), x2l = v_fma(x, x, v_neg(x2));
    vf ph = v_mul(c3, x2), pl = v_fma(c3, x2, v_neg(ph));
    vf sh = v_add(ph, c1), bb = v_sub(sh, ph);
    vf sl = v_add(v_sub(ph, v_sub(sh, bb)), v_sub(c1, bb));
    /* sl + pl + ch·x2l + cl·x2 + C1l */
    vf l = v_fma(c3, x2l, v_fma(v_set(cl), x2, v_set(-0x1.857936p-25f)));
    vf wl = v_add(v_add(sl, pl), l);
    vf hi = v_mul(x, sh);
    *lo = v_fma(x, wl, v_fma(x, sh, v_neg(hi)));
    return hi;
}
#define GELU_TANH_C3 0x1.2444f2p-4f, 0x1.49b16ap-29f   /* C3 = hi + lo */
#define GELU_TANH_3C3 0x1.b6676cp-3f, -0x1.175e2p-32f  /* 3·C3 = hi + lo */
static inline vf op_gelu_tanh_fwd(vf x, const actfn_params *p)
{
    (void)p;
    vf zl, zh = gelu_tanh_cubic(x, GELU_TANH_C3, &zl);
    return v_x_sigmoid(x, zh, zl);
}
/* d/dx x·σ(z) = σ(z)·(1 + w·σ(−z)), w = x·z' = x·(C1 + 3·C3·x²)
 * (v_x_sigmoid_der).  n = 1 + w + e^z vanishes at x0 = −0.75246142207101626;
 * with d = x − x0 and z0 = z(x0), E0 = e^z0 = −(1 + x0·z'(x0)):
 *   n = [P(x0 + d) − P(x0)] + E0·expm1(z(x0 + d) − z0),  P = 1 + x·z',
 * both brackets cubics in d (their Taylor expansions at x0, exact) and of
 * the sign of d: used for |d| < 0.19, where |z − z0| < 0.34 ---- */
static inline vf op_gelu_tanh_der(vf x, const actfn_params *p)
{
    (void)p;
    vf zl, zh = gelu_tanh_cubic(x, GELU_TANH_C3, &zl);
    vf wl, wh = gelu_tanh_cubic(x, GELU_TANH_3C3, &wl);
    vf d = v_sub(v_add(x, v_set(0x1.8142a0p-1f)), v_set(0x1.85a06cp-27f));
    vf dp = v_mul(d, v_fma(d, v_fma(d, v_set(0x1.b6676cp-3f), v_set(-0x1.eed2bap-2f)),
                           v_set(0x1.f599cap+0f)));
    vf dz = v_mul(d, v_fma(d, v_fma(d, v_set(0x1.2444f2p-4f), v_set(-0x1.49e1d0p-3f)),
                           v_set(0x1.b78b7ap+0f)));
    vf nw = v_fma(v_set(0x1.2af64ep-2f), v_expm1_small(dz), dp);
    vf y = v_x_sigmoid_der(zh, zl, wh, wl, v_lt(v_abs(d), v_set(0.19f)), nw);
    y = v_sel(v_eq(x, v_set(-INFINITY)), v_set(0.0f), y);
    return v_sel(v_eq(x, v_set(INFINITY)), v_set(1.0f), y);
}

/* ---- silu: x·sigmoid(x); sigmoid(x) is subnormal (few bits) for x < -87
 * while x·sigmoid(x) is still normal down to -103: v_x_sigmoid scales last ---- */
static inline vf op_silu_fwd(vf x, const actfn_params *p)
{
    (void)p;
    return v_x_sigmoid(x, x, v_set(0.0f));
}
/* silu' = σ(x)·(1 + x·σ(−x)), zero near x = −1.28: v_x_sigmoid_az_der; +0 at −inf */
static inline vf op_silu_der(vf x, const actfn_params *p)
{
    (void)p;
    return v_sel(v_eq(x, v_set(-INFINITY)), v_set(0.0f), v_x_sigmoid_az_der(x, v_set(0.0f)));
}

/* ---- mish: x·tanh(softplus(x)) = x·n/(n + 2), n = E(2 + E), E = e^x:
 * neither cancels, unlike ((1+e^x)² - 1)/((1+e^x)² + 1), which is 0 for
 * x ≲ -17 in f32 ---- */
/* The forward in f32, one body for every x, with E = 2^k·(1 + t) for x
 * clamped to [−170, 10] and one division:
 *   2^k·x·(1 + t)(2 + E)/(E(2 + E) + 2),  the scaling last,
 * so that E may be subnormal or 0 (x < −87) while the result is not; x
 * itself for x > 10 (tanh(softplus x) rounds to 1 there) and −0 at −inf
 * (x clamped to −2^80, scaled to 0).  3.6 ULP measured (x ≈ −0.22). */
static inline vf op_mish_fwd(vf x, const actfn_params *p)
{
    (void)p;
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
    vf y = v_scale(v_div(num, v_fma(e, v_add(two, e), two)), kk);
    return v_sel(v_gt(x, v_set(10.0f)), x, y);
}
/* mish' = tanh(sp) + x·σ(x)·sech²(sp) in f32, one body for every x, with
 * E = e^x = 2^k·m (x clamped to [−200, 11]; 1 above 11) and one division:
 *   2^k·m·N/(n + 2)²,  n = E(2 + E),  N = E³ + 4E² + 6E + 4 + 4x(1 + E),
 * the scaling last.  N vanishes at x0 = −1.1924312145154952, the zero of
 * mish'.  With d = x − x0, E0 = e^x0 and E = E0(1 + expm1 d):
 *   N = E0·expm1(d)·(E(E + E0 + 4) + K) + 4d(1 + E),  K = E0² + 4E0 + 6 + 4x0,
 * two terms of the sign of d (K = 2.536): used for |d| < 0.7, where the
 * direct N would lose more than a factor ~1.5.  There the one exp is of d
 * (k in {−1, 0, 1}: expm1 d = 2^k·t + 2^k − 1 with no cancellation) and
 * E = E0(1 + expm1 d), k = 0.  x is clamped below at −2^64 (scaled to 0
 * there); +0 at −inf, NaN through. */
static inline vf op_mish_der(vf x, const actfn_params *p)
{
    (void)p;
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
    y = v_scale(y, v_max(v_set(-252.0f), k));
    y = v_sel(v_gt(x, v_set(11.0f)), one, y);
    return v_sel(v_eq(x, v_set(-INFINITY)), v_set(0.0f), y);
}

/* ---- softplus: log(1 + e^z)/alpha, z = alpha·x (carried as zh + zl), as
 * max(z, 0) + log1p(exp(-|z|)): no overflow for z > 88.7, no cancellation
 * (log(1 + tiny)) for z ≪ 0 ---- */
/* The forward in f32: z = alpha·x = zh + zl (zl exact, from an FMA), and
 * e = e^−|z| = 2^k·m with zl folded in; L = log1p(e) = 2^k·(m − (e·q(e))·m)
 * (v_log1p01_scaled), the scaling last so that a subnormal e keeps its
 * bits (z < −87):
 *   z ≥ 0:  x + L/alpha   (exactly log(1+e^z)/alpha)
 *   z < 0:  L/alpha
 * a tiny alpha is taken as alpha·2^64 and 2^(k+64), so that the quotient
 * cannot overflow before the scaling; the division by alpha is skipped
 * for the default alpha = 1 */
static inline vf op_softplus_fwd(vf x, const actfn_params *p)
{
    const float sh = p->alpha < 0x1p-60f ? 64.0f : 0.0f;
    vf a = v_set(p->alpha);
    vf zl, zh = v_mul_lo(a, x, &zl);
    vf m = v_max(v_set(-200.0f), v_neg(v_abs(zh)));
    vf ml = v_sel(v_lt(zh, v_set(0.0f)), zl, v_neg(zl));
    ml = v_sel(v_gt(m, v_set(-200.0f)), ml, v_set(0.0f));
    vf k;
    vf t = v_exp_reduce(m, &k);
    vf mm = v_add(v_set(1.0f), v_fma(ml, v_add(v_set(1.0f), t), t));
    vf q = v_log1p01_scaled(v_scale(mm, v_max(v_set(-150.0f), k)), mm);
    if (p->alpha != 1.0f) /* the default needs no division */
        q = v_div(q, v_set(p->alpha * (sh == 0.0f ? 1.0f : 0x1p64f)));
    /* below 2^-252 the result is 0 for any q ≤ 2^61; v_scale needs k ≥ -252 */
    vf y = v_scale(q, v_max(v_set(-252.0f), v_add(k, v_set(sh))));
    return v_sel(v_ge(zh, v_set(0.0f)), v_add(x, y), y);
}
/* softplus' = sigmoid(alpha·x), in f32 with the rounding of alpha·x carried
 * into e^−|z| (as in the forward) */
static inline vf op_softplus_der(vf x, const actfn_params *p)
{
    vf a = v_set(p->alpha);
    vf zl, zh = v_mul_lo(a, x, &zl);
    vfm pos = v_ge(zh, v_set(0.0f));
    vf e = v_exp(v_neg(v_abs(zh)));
    e = v_fma(e, v_sel(pos, v_neg(zl), zl), e); /* e^−|zh + zl| */
    return v_div(v_sel(pos, v_set(1.0f), e), v_add(v_set(1.0f), e));
}

/* ---- hard_swish: x·(min(max(x + 3, 0), 6)/6).  Multiplying x by the
 * clamped factor ≤ 1 last cannot overflow (x·(x+3) does for x > 5.7e37);
 * x + 3 is exact near -3 (Sterbenz).  ≤ 1.5 ULP ---- */
static inline vf op_hard_swish_fwd(vf x, const actfn_params *p)
{
    (void)p;
    vf r = v_min(v_max(v_add(x, v_set(3.0f)), v_set(0.0f)), v_set(6.0f));
    vf y = v_mul(x, v_div(r, v_set(6.0f)));
    return v_sel(v_le(x, v_set(-3.0f)), v_set(0.0f), y); /* -inf·0 would be NaN */
}
/* hard_swish' = x/3 + 1/2 on [-3, 3] (−0.5 at −3, 1.5 at 3), 0 below, 1 above */
static inline vf op_hard_swish_der(vf x, const actfn_params *p)
{
    (void)p;
    /* (2x + 3)/6: 2x + 3 is exact near the zero at -1.5 and at ±3, one rounding */
    vf d = v_div(v_add(v_add(x, x), v_set(3.0f)), v_set(6.0f));
    d = v_sel(v_lt(x, v_set(-3.0f)), v_set(0.0f), d);
    return v_sel(v_gt(x, v_set(3.0f)), v_set(1.0f), d);
}

/* ---- identity, step, sign, absolute: exact ---- */
static inline vf op_identity_fwd(vf x, const actfn_params *p)
{
    (void)p;
    return x;
}
static inline vf op_identity_der(vf x, const actfn_params *p)
{
    (void)p;
    return v_nan_through(x, v_set(1.0f));
}
/* step: 1 for x ≥ 0 (including -0) */
static inline vf op_step_fwd(vf x, const actfn_params *p)
{
    (void)p;
    return v_nan_through(x, v_sel(v_ge(x, v_set(0.0f)), v_set(1.0f), v_set(0.0f)));
}
static inline vf op_step_der(vf x, const actfn_params *p)
{
    (void)p;
    return v_nan_through(x, v_set(0.0f));
}
/* sign: ±1, and x itself for ±0 and NaN (sign(-0) = -0) */
static inline vf op_sign_fwd(vf x, const actfn_params *p)
{
    (void)p;
    vf y = v_sel(v_lt(x, v_set(0.0f)), v_set(-1.0f), x);
    return v_sel(v_gt(x, v_set(0.0f)), v_set(1.0f), y);
}
#define op_sign_der op_step_der
static inline vf op_absolute_fwd(vf x, const actfn_params *p)
{
    (void)p;
    return v_abs(x);
}
/* absolute' = ±1, 0 at 0 */
static inline vf op_absolute_der(vf x, const actfn_params *p)
{
    (void)p;
    vf d = v_sel(v_lt(x, v_set(0.0f)), v_set(-1.0f), v_sel(v_gt(x, v_set(0.0f)), v_set(1.0f), x));
    return v_sel(v_eq(x, v_set(0.0f)), v_set(0.0f), d);
}

/* ---- relu6: min(max(0, x), 6); NaN rides the second operands ---- */
static inline vf op_relu6_fwd(vf x, const actfn_params *p)
{
    (void)p;
    return v_min(v_set(6.0f), v_max(v_set(0.0f), x));
}
/* 1 on (0, 6), 0 elsewhere including both kinks */
static inline vf op_relu6_der(vf x, const actfn_params *p)
{
    (void)p;
    vf d = v_sel(v_gt(x, v_set(0.0f)), v_set(1.0f), v_set(0.0f));
    return v_nan_through(x, v_sel(v_lt(x, v_set(6.0f)), d, v_set(0.0f)));
}

/* ---- prelu (one alpha): leaky_relu with another default ---- */
#define op_prelu_fwd op_leaky_relu_fwd
#define op_prelu_der op_leaky_relu_der

/* ---- rrelu, inference form: slope (lower + upper)/2 below 0.  The slope
 * is rounded once (0.5 ULP), the product once ---- */
static inline vf rrelu_slope(const actfn_params *p)
{
    return v_set((float)(((double)p->alpha + (double)p->beta) * 0.5));
}
static inline vf op_rrelu_fwd(vf x, const actfn_params *p)
{
    return v_sel(v_ge(x, v_set(0.0f)), x, v_mul(x, rrelu_slope(p)));
}
/* slope at 0 */
static inline vf op_rrelu_der(vf x, const actfn_params *p)
{
    return v_nan_through(x, v_sel(v_gt(x, v_set(0.0f)), v_set(1.0f), rrelu_slope(p)));
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

/* ---- srelu: params (t_l, a_l, t_r, a_r).  f64 keeps t + a·(x − t) to one
 * rounding for the defaults; a = 0 keeps the limit t at ±inf ---- */
static inline vd srelu_arm(vd x, double t, double a)
{
    vd prod = d_mul(d_set(a), d_sub(x, d_set(t)));
    return d_add(d_set(t), a == 0.0 ? d_set(0.0) : prod);
}
static inline vd op_srelu_fwd(vd x, const actfn_params *p)
{
    vd y = d_sel(d_le(x, d_set(p->alpha)), srelu_arm(x, p->alpha, p->beta), x);
    return d_sel(d_ge(x, d_set(p->gamma)), srelu_arm(x, p->gamma, p->delta), y);
}
/* srelu' = a_l at and below t_l, a_r at and above t_r, 1 between */
static inline vd op_srelu_der(vd x, const actfn_params *p)
{
    vd d = d_sel(d_ge(x, d_set(p->gamma)), d_set(p->delta), d_set(1.0));
    d = d_sel(d_le(x, d_set(p->alpha)), d_set(p->beta), d);
    return d_nan_through(x, d);
}

/* ---- log_sigmoid = min(x, 0) − log1p(exp(−|x|)): both terms ≤ 0, so no
 * cancellation; for x ≫ 0 the result is −e, subnormals kept ---- */
static inline vf op_log_sigmoid_fwd(vf x, const actfn_params *p)
{
    (void)p;
    vf e = v_exp(v_neg(v_abs(x)));
    return v_sub(v_min(x, v_set(0.0f)), v_log1p01(e));
}
/* log_sigmoid' = sigmoid(−x) */
static inline vf op_log_sigmoid_der(vf x, const actfn_params *p)
{
    (void)p;
    vf e = v_exp(v_neg(v_abs(x)));
    return v_div(v_sel(v_ge(x, v_set(0.0f)), e, v_set(1.0f)), v_add(v_set(1.0f), e));
}

/* ---- hard_sigmoid: max(0, min(1, alpha·x + beta)), one FMA rounding ---- */
static inline vf op_hard_sigmoid_fwd(vf x, const actfn_params *p)
{
    vf t = v_fma(v_set(p->alpha), x, v_set(p->beta));
    return v_max(v_set(0.0f), v_min(v_set(1.0f), t));
}
/* alpha strictly inside (0, 1), 0 at both kinks */
static inline vf op_hard_sigmoid_der(vf x, const actfn_params *p)
{
    /* the signs of alpha·x + beta and alpha·x + beta − 1 survive the one
     * FMA rounding; comparing the rounded sum with 1 would not */
    vf lo = v_fma(v_set(p->alpha), x, v_set(p->beta));
    vf hi = v_fma(v_set(p->alpha), x, v_set(p->beta - 1.0f));
    vf d = v_sel(v_gt(lo, v_set(0.0f)), v_set(p->alpha), v_set(0.0f));
    return v_nan_through(x, v_sel(v_lt(hi, v_set(0.0f)), d, v_set(0.0f)));
}

/* ---- hard_tanh: min(max(x, alpha), beta) ---- */
static inline vf op_hard_tanh_fwd(vf x, const actfn_params *p)
{
    return v_min(v_set(p->beta), v_max(v_set(p->alpha), x));
}
static inline vf op_hard_tanh_der(vf x, const actfn_params *p)
{
    vf d = v_sel(v_gt(x, v_set(p->alpha)), v_set(1.0f), v_set(0.0f));
    return v_nan_through(x, v_sel(v_lt(x, v_set(p->beta)), d, v_set(0.0f)));
}

/* ---- lecun_tanh: 1.7159·tanh(2x/3).  f64: its derivative's sech²
 * amplifies the rounding of 2x/3 by ~4x/3 ---- */
static inline vd op_lecun_tanh_fwd(vd x, const actfn_params *p)
{
    (void)p;
    return d_mul(d_set(1.7159), d_tanh(d_mul(x, d_set(2.0 / 3.0))));
}
/* 1.7159·(2/3)·sech²(2x/3), sech² = 4e/(1+e)², e = exp(−4|x|/3) */
static inline vd op_lecun_tanh_der(vd x, const actfn_params *p)
{
    (void)p;
    vd e = d_exp(d_mul(d_abs(x), d_set(-4.0 / 3.0)));
    return d_mul(d_set(1.7159 * 2.0 / 3.0 * 4.0), d_dsigmoid_e(e));
}

/* ---- symmetric_sigmoid: tanh(x/2) ---- */
static inline vf op_symmetric_sigmoid_fwd(vf x, const actfn_params *p)
{
    (void)p;
    return v_tanh_cx(x, 0.5f);
}
/* (1/2)·sech²(x/2) = 2e/(1+e)², e = exp(−|x|) */
static inline vf op_symmetric_sigmoid_der(vf x, const actfn_params *p)
{
    (void)p;
    vf e = v_exp(v_neg(v_abs(x)));
    vf d = v_add(v_set(1.0f), e);
    return v_div(v_add(e, e), v_mul(d, d));
}

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

/* ---- arctan: SLEEF u10 ---- */
static inline vf op_arctan_fwd(vf x, const actfn_params *p)
{
    (void)p;
    return v_atan(x);
}
/* 1/(1 + x²); beyond 2^13 as (1/x)², where x² would overflow first */
static inline vf op_arctan_der(vf x, const actfn_params *p)
{
    (void)p;
    vf r = v_div(v_set(1.0f), x);
    vf big = v_mul(r, r);
    vf small = v_div(v_set(1.0f), v_fma(x, x, v_set(1.0f)));
    return v_sel(v_gt(v_abs(x), v_set(8192.0f)), big, small);
}

/* ---- bent_identity: (√(x²+1) − 1)/2 + x = x + x²/(2(√(x²+1) + 1)): no
 * cancellation in √(x²+1) − 1 near 0, and x + (a term below |x|/2) loses
 * at most a factor 2 for x < 0.  In f32: above |x| = 2^12, where x² + 1
 * rounds to x² (and x² would overflow from 2^64 on), √(x²+1) = |x| +
 * 1/(2|x|) to 2^-36 relative ---- */
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

/* ---- gaussian: e^(−x²) in f32, with x² = h + l exact (FMA) and
 * e^(−h)·(1 − l) = 2^k·(1 + t) (v_exp_reduce, then t − l(1 + t)): the
 * rounding of x², amplified by x² in the exponential, is kept ---- */
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

/* ---- sin, cos: SLEEF u10, full range reduction ---- */
static inline vf op_sin_fwd(vf x, const actfn_params *p)
{
    (void)p;
    return v_trig(x, v_sin);
}
static inline vf op_sin_der(vf x, const actfn_params *p)
{
    (void)p;
    return v_trig(x, v_cos);
}
static inline vf op_cos_fwd(vf x, const actfn_params *p)
{
    (void)p;
    return v_trig(x, v_cos);
}
static inline vf op_cos_der(vf x, const actfn_params *p)
{
    (void)p;
    return v_neg(v_trig(x, v_sin));
}

/* ---- sinc: sin(x)/x, 1 at 0, 0 at ±inf ---- */
static inline vd op_sinc_fwd(vd x, const actfn_params *p)
{
    (void)p;
    vd y = d_sel(d_eq(x, d_set(0.0)), d_set(1.0), d_div(d_trig(x, d_sin), x));
    return d_fix_inf(x, y, 0.0, 0.0);
}
/* (x cos x − sin x)/x²; below 2^-6 the series −x/3 + x³/30 − x⁵/840,
 * since the difference cancels to ~x³/3 there */
static inline vd op_sinc_der(vd x, const actfn_params *p)
{
    (void)p;
    vd x2 = d_mul(x, x);
    vd direct = d_div(d_fma(x, d_trig(x, d_cos), d_neg(d_trig(x, d_sin))), x2);
    vd series = d_mul(x, d_fma(x2, d_fma(x2, d_set(-1.0 / 840.0), d_set(1.0 / 30.0)), d_set(-1.0 / 3.0)));
    vd y = d_sel(d_lt(d_abs(x), d_set(0x1p-6)), series, direct);
    return d_fix_inf(x, y, 0.0, 0.0);
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
/* σ(z)·(1 + z·σ(−z)), z = 1.702x carried as for the forward */
static inline vf op_quick_gelu_der(vf x, const actfn_params *p)
{
    (void)p;
    vf zl, z = quick_gelu_z(x, &zl);
    return v_sel(v_eq(x, v_set(-INFINITY)), v_set(0.0f), v_x_sigmoid_az_der(z, zl));
}

/* ---- swish: x·sigmoid(alpha·x), z = alpha·x with its rounding carried
 * (v_x_sigmoid, v_x_sigmoid_az_der); alpha = 0 is x/2 ---- */
static inline vf op_swish_fwd(vf x, const actfn_params *p)
{
    if (p->alpha == 1.0f) /* the default: silu, z = x exactly */
        return op_silu_fwd(x, p);
    if (p->alpha == 0.0f)
        return v_mul(x, v_set(0.5f));
    vf zl, z = v_mul_lo(v_set(p->alpha), x, &zl);
    return v_x_sigmoid(x, z, zl);
}
/* σ(z)·(1 + z·σ(−z)); at z = ±inf its limits 0 and 1 */
static inline vf op_swish_der(vf x, const actfn_params *p)
{
    if (p->alpha == 1.0f)
        return op_silu_der(x, p);
    if (p->alpha == 0.0f)
        return v_nan_through(x, v_set(0.5f));
    vf zl, z = v_mul_lo(v_set(p->alpha), x, &zl);
    return v_sel(v_eq(z, v_set(-INFINITY)), v_set(0.0f), v_x_sigmoid_az_der(z, zl));
}

/* ---- tanhshrink: x − tanh x.  Below 2^-8 the series x³/3 − 2x⁵/15 (the
 * difference cancels ~17 bits there, too many even in f64) ---- */
static inline vd op_tanhshrink_fwd(vd x, const actfn_params *p)
{
    (void)p;
    vd x2 = d_mul(x, x);
    vd series = d_mul(d_mul(x, x2), d_fma(x2, d_set(-2.0 / 15.0), d_set(1.0 / 3.0)));
    return d_sel(d_lt(d_abs(x), d_set(0x1p-8)), series, d_sub(x, d_tanh(x)));
}
/* 1 − sech² = tanh² */
static inline vd op_tanhshrink_der(vd x, const actfn_params *p)
{
    (void)p;
    vd t = d_tanh(x);
    return d_mul(t, t);
}

/* ---- softshrink, hardshrink: lambda = alpha ≥ 0 ---- */
static inline vf op_softshrink_fwd(vf x, const actfn_params *p)
{
    vf l = v_set(p->alpha);
    vf y = v_sel(v_gt(x, l), v_sub(x, l), v_set(0.0f));
    y = v_sel(v_lt(x, v_neg(l)), v_add(x, l), y);
    return v_nan_through(x, y);
}
static inline vf op_shrink_der(vf x, const actfn_params *p)
{
    return v_nan_through(x, v_sel(v_gt(v_abs(x), v_set(p->alpha)), v_set(1.0f), v_set(0.0f)));
}
#define op_softshrink_der op_shrink_der
static inline vf op_hardshrink_fwd(vf x, const actfn_params *p)
{
    return v_nan_through(x, v_sel(v_gt(v_abs(x), v_set(p->alpha)), x, v_set(0.0f)));
}
#define op_hardshrink_der op_shrink_der

#endif
