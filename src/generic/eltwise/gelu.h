/*
 * GELU family: gelu (x·Φ(x)) and gelu_tanh (through the x·σ(z) core).
 */
#ifndef ACTFN_GENERIC_ELTWISE_GELU_H
#define ACTFN_GENERIC_ELTWISE_GELU_H

#include "generic/eltwise/sigmoid.h"

/* ---- gelu: x·Φ(x) from v_ncdf_tail's parts, not erf (which cancels for x ≲ −5; a rounded
 * x/√2 costs ~200 ULP near −13), the scaling last; with v = |x| (x clamped to ±14.9) and
 * s = −v·Φ(−v), gelu(x) = s for x < 0 and x + s for x ≥ 0.  |x| < 2^-40 reads the tail at
 * 2^-40 (Φ is 1/2 to 2^-41 there; u² not subnormal) and keeps v itself as the factor.
 * −0 gives −0 + (−0).  docs/numerics.md, "gelu" ---- */
static inline vf op_gelu_fwd(vf x, const actfn_params *p)
{
    (void)p;
    vf v = v_min(v_set(14.9f), v_abs(x)); /* NaN kept */
    vf k, t, rl;
    vf rh = v_ncdf_tail(v_max(v_set(0x1p-40f), v), &k, &t, &rl);
    vf w = v_add(rh, rl);
    /* −v·E·R, rounded before the scaling so that a subnormal result rounds once */
    vf s = v_ncdf_scale(v_mul(v_neg(v), v_fma(w, t, w)), k);
    return v_sel(v_lt(x, v_set(0.0f)), s, v_add(x, s));
}
/* gelu' = Φ(x) + x·φ(x) from the same parts: with u = |x|, E = e^(−u²/2) = 2^k·(1 + t) and
 * R = rh + rl = Φ(−u)/E, φ(x) = c·E (c = 1/√(2π)), so gelu' = E·(R − c·u) for x < 0 and
 * 1 − E·(R − c·u) for x ≥ 0.  R − c·u cancels near the zero x0 = −0.75179…: it is taken as
 * (rh − c·u rounded) + (rl − the rounding error of c·u), the first difference exact there
 * (Sterbenz), so the error is R's own absolute error times E; the scaling last (subnormal
 * results for x ≲ −13.3).  docs/numerics.md, "gelu" */
static inline vf op_gelu_der(vf x, const actfn_params *p)
{
    (void)p;
    vf u = v_min(v_set(14.9f), v_abs(x)); /* NaN: 14.9, fixed at the end */
    u = v_sel(v_lt(u, v_set(0x1p-40f)), v_set(0.0f), u); /* gelu' = 1/2 to 2^-39 there */
    vf k, t, rl;
    vf rh = v_ncdf_tail(u, &k, &t, &rl);
    vf ch = v_set(0x1.988454p-2f), cl = v_set(-0x1.857936p-27f); /* c = ch + cl */
    vf ph = v_mul(u, ch), pl = v_fma(u, cl, v_fma(u, ch, v_neg(ph)));
    vf dh = v_sub(rh, ph), dl = v_sub(rl, pl);
    vf w = v_add(dh, dl);
    vf q = v_ncdf_scale(v_fma(w, t, w), k); /* E·(R − c·u) */
    vf y = v_sel(v_lt(x, v_set(0.0f)), q, v_sub(v_set(1.0f), q));
    y = v_sel(v_eq(x, v_set(-INFINITY)), v_set(0.0f), y);
    return v_nan_through(x, y);
}

/* ---- gelu_tanh: (x/2)(1 + tanh u) = x·sigmoid(2u), u = √(2/π)(x + 0.044715x³):
 * 1 + tanh u cancels for u ≪ 0, the sigmoid form does not; the rounding of
 * z = 2u, amplified by ~|z| in e^z, is carried as a low part ---- */
/* x·(c·x² + C1) as hi + lo, c = ch + cl (C3 for z, 3·C3 for x·z'): lo keeps every rounding
 * that e^z would amplify by |z|.  w = c·x² + C1h in one FMA, C1h = C1 to a multiple of 2^-18
 * (C1 = C1h + C1l), so that w − C1h is exact while w < 64 (|x| < 17 with 3·C3, 29 with C3;
 * beyond, |z| > 370 and σ(±z) is 0 or 1 whatever lo holds) and the FMA's rounding error comes
 * back as c·x² − (w − C1h) from a second FMA.  lo is within 2^-20 of |hi|, the callers' reduced
 * argument takes it in one rounding; they ignore it where x² overflows.
 * docs/numerics.md, "gelu_tanh" */
static inline vf gelu_tanh_cubic(vf x, float ch, float cl, vf *lo)
{
    vf c3 = v_set(ch), c1h = v_set(0x1.98844p+0f);
    vf x2 = v_mul(x, x), x2l = v_fma(x, x, v_neg(x2));
    vf w = v_fma(c3, x2, c1h);
    vf ew = v_fma(c3, x2, v_sub(c1h, w)); /* c·x² + C1h − w */
    /* ew + C1l + ch·x2l + cl·x2 */
    vf wl = v_fma(c3, x2l, v_fma(v_set(cl), x2, v_add(ew, v_set(0x1.33d436p-20f))));
    vf hi = v_mul(x, w);
    *lo = v_fma(x, wl, v_fma(x, w, v_neg(hi)));
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
/* σ(z)·(1 + w·σ(−z)), w = x·z' (v_x_sigmoid_der); n = 1 + w + e^z cancels near its zero
 * x0 = −0.75246…, so near it n comes from two cubics in x − x0 of one sign (within 1/16 of
 * x0 in the short form, 0.19 in the careful one).  docs/numerics.md, "gelu_tanh" */
static inline vf gelu_tanh_nwin(vf x, vf zh, vf zl)
{
    (void)zh, (void)zl;
    vf d = v_sub(v_add(x, v_set(0x1.8142a0p-1f)), v_set(0x1.85a06cp-27f));
    vf dp = v_mul(d, v_fma(d, v_fma(d, v_set(0x1.b6676cp-3f), v_set(-0x1.eed2bap-2f)),
                           v_set(0x1.f599cap+0f)));
    vf dz = v_mul(d, v_fma(d, v_fma(d, v_set(0x1.2444f2p-4f), v_set(-0x1.49e1d0p-3f)),
                           v_set(0x1.b78b7ap+0f)));
    return v_fma(v_set(0x1.2af64ep-2f), v_expm1_small(dz), dp);
}
/* the limits 0 at −inf and 1 at +inf */
static inline vf gelu_tanh_der_inf(vf x, vf zh, vf y)
{
    (void)zh;
    y = v_sel(v_eq(x, v_set(-INFINITY)), v_set(0.0f), y);
    return v_sel(v_eq(x, v_set(INFINITY)), v_set(1.0f), y);
}
static inline vf gelu_tanh_dist(vf x, vf zh)
{
    (void)zh;
    return v_abs(v_add(x, v_set(0x1.8142a0p-1f)));
}
/* No window in the short form (as silu's: (1 + wh) + s is exact near x0, n carries s·t's
 * 2^-29, within the contract's 2^-23 absolute inside 2^-6 of x0 and ≥ 0.038 beyond); the
 * careful form keeps |x − x0| < 0.19.  docs/numerics.md, "v_x_sigmoid_az_der" */
static inline vf op_gelu_tanh_der(vf x, const actfn_params *p)
{
    (void)p;
    vf zl, zh = gelu_tanh_cubic(x, GELU_TANH_C3, &zl);
    vf wl, wh = gelu_tanh_cubic(x, GELU_TANH_3C3, &wl);
    return v_x_sigmoid_der(x, zh, zl, wh, wl, gelu_tanh_dist, 0.0f, 0.19f, gelu_tanh_nwin, 1,
                           gelu_tanh_der_inf);
}

#endif
