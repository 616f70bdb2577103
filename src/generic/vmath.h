/*
 * Inline exp, expm1, log1p, tanh and the normal tail Φ(−u) for f32 lanes,
 * exp, expm1, tanh and erfcx for f64 lanes, written once against each
 * path's vector ops.  A path's vec.h supplies
 * v_rint (nearest integer) and v_pow2i (2^k, k in [-126, 127]), the same
 * for d_*, and may supply v_scale / d_scale natively.
 *
 * Scheme: k = rint(x/ln 2), r = x − k·ln 2 with ln 2 split in two (Cody &
 * Waite; the high part has few bits, so k·LN2_HI and x − k·LN2_HI are
 * exact), e^r = 1 + r + r²·q(r), e^x = 2^k·e^r.  The polynomial
 * coefficients come from tools/minimax.py, which prints each fit's error.
 *
 * Error budget in f32 ULPs of the result (measured figures are in the
 * README's table, through the functions that use these):
 *   v_exp    q's fit error 6.5e-8 · r² ≤ 0.12 → 8e-9 relative; rounding of
 *            r and of 1 + t; the final scaling rounds once (also into the
 *            subnormals): ≤ 1 ULP.
 *   v_expm1  k = 0: t itself (≤ 0.6 ULP); else 2^k·t + (2^k − 1) with
 *            2^k − 1 exact for |k| ≤ 24, one FMA rounding: ≤ 1.5 ULP.
 *   v_tanh   (1 − e)/(1 + e), e = e^−2|x|, each side one FMA of 2^k and
 *            t (as for v_expm1), then the division: ≤ 2 ULP.
 *   v_log1p01  a in [0, 1]: a − (a·q(a))·a, q's fit error 2.9e-8 (the
 *            a·q term is at most 0.31·a): ≤ 1.2 ULP (1.09 in a simulation
 *            of this f32 evaluation on a dense grid of [0, 1]).
 *   d_exp, d_expm1, d_tanh: the same schemes in f64, with fits
 *            near 2^-50 relative: far below an f32 ULP, so the f64 bodies
 *            keep their margin.
 */
#ifndef ACTFN_GENERIC_VMATH_H
#define ACTFN_GENERIC_VMATH_H

/* ---- f32 ---- */

#ifndef ACTFN_HAVE_V_SCALE
/* a·2^k for integer-valued k in [-252, 252], as two power-of-two factors
 * in the normal range.  The result rounds once (also when subnormal) when
 * a·2^(k/2) is normal, as for the a in [0.5, 2] and k in [-150, 128] of
 * v_exp; otherwise at most twice. */
static inline vf v_scale(vf a, vf k)
{
    vf k1 = v_rint(v_mul(k, v_set(0.5f)));
    return v_mul(v_mul(a, v_pow2i(k1)), v_pow2i(v_sub(k, k1)));
}
#endif

/* e^r − 1 for |r| ≤ ln 2/2 (a little beyond is fine): r + r²·q(r). */
static inline vf v_expm1_small(vf r)
{
    vf q = v_set(0x1.6d10fcp-10f);
    q = v_fma(q, r, v_set(0x1.120b62p-7f));
    q = v_fma(q, r, v_set(0x1.55551ap-5f));
    q = v_fma(q, r, v_set(0x1.5554dep-3f));
    q = v_fma(q, r, v_set(0.5f));
    return v_fma(v_mul(r, r), q, r);
}

/* k and t = e^r − 1 with x = k·ln 2 + r, |r| ≤ ln 2/2 (|x| < 2^15).  |x|
 * below 2^-40 is taken as 0 (t = 0 instead of x: 2^-40 relative in e^x,
 * and every caller uses t next to 1): subnormal x would otherwise make
 * every operation below take a slow denormal-operand path. */
static inline vf v_exp_reduce_raw(vf x, vf *k);
static inline vf v_exp_reduce(vf x, vf *k)
{
    return v_exp_reduce_raw(v_sel(v_lt(v_abs(x), v_set(0x1p-40f)), v_set(0.0f), x), k);
}
/* The same without the flush, for callers that have zeroed tiny x already. */
static inline vf v_exp_reduce_raw(vf x, vf *k)
{
    *k = v_rint(v_mul(x, v_set(0x1.715476p+0f)));
    vf r = v_fma(*k, v_set(-0x1.63p-1f), x);     /* exact */
    r = v_fma(*k, v_set(0x1.bd0106p-13f), r);    /* ln 2 − 0x1.63p-1 = −0x1.bd0106p-13 */
    return v_expm1_small(r);
}

/* e^x; 0 below −104 (under the smallest subnormal), inf above 88.73, NaN
 * through (v_max/v_min keep a NaN second operand). */
static inline vf v_exp(vf x)
{
    x = v_min(v_set(89.0f), v_max(v_set(-104.0f), x));
    vf k;
    vf t = v_exp_reduce(x, &k);
    return v_scale(v_add(v_set(1.0f), t), k);
}

/* e^x − 1; exact x (and its sign) below 2^-25 in magnitude. */
static inline vf v_expm1(vf x)
{
    vf xc = v_min(v_set(89.0f), v_max(v_set(-25.0f), x));
    vf k;
    vf t = v_exp_reduce(xc, &k);
    vf s = v_pow2i(v_min(k, v_set(24.0f)));
    vf y = v_fma(s, t, v_sub(s, v_set(1.0f)));
    y = v_sel(v_gt(k, v_set(24.0f)), v_scale(v_add(v_set(1.0f), t), k), y);
    return v_sel(v_lt(v_abs(x), v_set(0x1p-25f)), x, y);
}

/* tanh(c·x) for c = 1 or 1/2 (symmetric_sigmoid): (1 − e)/(1 + e) with
 * e = e^−2c|x| = 2^k·(1 + t), both as one FMA: 1 − e = −(2^k·t + (2^k − 1))
 * (expm1, which keeps its relative accuracy down to |x| → 0) and
 * 2^k·t + (1 + 2^k); one division, the sign of x; c·x itself where c|x| is
 * below 2^-12 (tanh u = u(1 − u²/3) rounds to u; the body runs on |x|
 * raised to that bound, so subnormal x stay off the slow denormal path),
 * ±1 from c|x| ≈ 9 on (the argument is clamped at −20), NaN through. */
static inline vf v_tanh_cx(vf x, float c)
{
    vf a = v_abs(x);
    vf k;
    vf u = v_mul(v_max(v_set(0x1p-13f / c), a), v_set(-2.0f * c)); /* NaN kept */
    vf t = v_exp_reduce(v_max(v_set(-20.0f), u), &k);
    vf s = v_pow2i(k);
    vf m = v_fma(s, t, v_sub(s, v_set(1.0f)));
    vf y = v_div(v_neg(m), v_fma(s, t, v_add(v_set(1.0f), s))); /* 1 + e: one rounding */
    y = v_sel(v_lt(x, v_set(0.0f)), v_neg(y), y);
    return v_sel(v_lt(a, v_set(0x1p-12f / c)), v_mul(x, v_set(c)), y);
}
static inline vf v_tanh(vf x) { return v_tanh_cx(x, 1.0f); }

/* log(1 + a) for a in [0, 1] or NaN (the softplus family's log1p(e^−|x|)):
 * a − (a·q(a))·a, q(a) = (a − log1p a)/a² of degree 8, no division. */
static inline vf v_log1p01_q(vf a)
{
    vf q = v_set(0x1.24b298p-8f);
    q = v_fma(q, a, v_set(-0x1.9d455ap-6f));
    q = v_fma(q, a, v_set(0x1.11708cp-4f));
    q = v_fma(q, a, v_set(-0x1.d992bcp-4f));
    q = v_fma(q, a, v_set(0x1.448ee2p-3f));
    q = v_fma(q, a, v_set(-0x1.969cb2p-3f));
    q = v_fma(q, a, v_set(0x1.ffb95cp-3f));
    q = v_fma(q, a, v_set(-0x1.55540cp-2f));
    return v_fma(q, a, v_set(0x1.fffffep-2f));
}
static inline vf v_log1p01(vf a) { return v_fma(v_neg(v_mul(a, v_log1p01_q(a))), a, a); }
/* log1p(a)/2^k for a = 2^k·m: m − (a·q(a))·m, the same evaluation with the
 * leading factor unscaled, so that a subnormal (or 0) a loses nothing. */
static inline vf v_log1p01_scaled(vf a, vf m) { return v_fma(v_neg(v_mul(a, v_log1p01_q(a))), m, m); }

/* Φ(−u), the normal distribution's upper tail, for u in [0, 15) (clamp
 * first; u = 0 or u ≥ 2^-63, so that u² is not subnormal) or NaN, in parts
 * so that gelu can keep them apart until the end:
 *   Φ(−u) = 2^k·(1 + t)·(rh + rl),
 * e^(−u²/2) = 2^k·(1 + t) with u² = h + l exactly (FMA) and e^(−h/2)·(1 − l/2)
 * = 2^k·(1 + t0)(1 − l/2), so t = t0 − (l/2)(1 + t0); and R(u) = e^(u²/2)·Φ(−u)
 * = erfcx(u/√2)/2 = rh + rl on 16 bins of u picked by the bits of 2u + 2
 * (widths 1/4 on [0, 1), 1/2 on [1, 3), 1 on [3, 7), 2 on [7, 15)): around
 * the bin's centre c, R(c + s) = c0 + s·(c1 + … + s·c6) with c0 = rh + its
 * low part, which goes into rl.  The coefficients and the error of R in
 * f32, 2^-23.9 relative if rounded to one float, come from
 * tools/minimax.py. */
static const _Alignas(64) float NCDF_C[16] = {
    0x1p-3f, 0x1.8p-2f, 0x1.4p-1f, 0x1.cp-1f,
    0x1.4p+0f, 0x1.cp+0f, 0x1.2p+1f, 0x1.6p+1f,
    0x1.cp+1f, 0x1.2p+2f, 0x1.6p+2f, 0x1.ap+2f,
    0x1p+3f, 0x1.4p+3f, 0x1.8p+3f, 0x1.cp+3f,
};
static const _Alignas(64) float NCDF_R0H[16] = {
    0x1.d0af2cp-2f, 0x1.84b706p-2f, 0x1.4b1de2p-2f, 0x1.1e7c2ep-2f,
    0x1.d898dep-3f, 0x1.7b5abep-3f, 0x1.3aaddep-3f, 0x1.0bb968p-3f,
    0x1.b396fap-4f, 0x1.5b5acep-4f, 0x1.201faap-4f, 0x1.eba5fep-5f,
    0x1.926972p-5f, 0x1.43a38ap-5f, 0x1.0e7dcep-5f, 0x1.d087aep-6f,
};
static const _Alignas(64) float NCDF_R0L[16] = {
    -0x1.8301a4p-28f, -0x1.38bbbcp-30f, -0x1.b3404p-27f, -0x1.b25fdp-27f,
    0x1.38de32p-32f, -0x1.a05f8ap-28f, -0x1.cc2dp-32f, 0x1.9bdb28p-28f,
    -0x1.870edp-31f, -0x1.89d408p-29f, -0x1.b4c90ap-29f, 0x1.6c52cap-31f,
    0x1.7a866ep-32f, 0x1.c8dda8p-30f, -0x1.c4d9cep-30f, -0x1.23e682p-31f,
};
static const _Alignas(64) float NCDF_R1[16] = {
    -0x1.5e6e6ep-2f, -0x1.06bfb2p-2f, -0x1.93234ep-3f, -0x1.3baf58p-3f,
    -0x1.c49324p-4f, -0x1.3253b8p-4f, -0x1.b405ccp-5f, -0x1.432b1ap-5f,
    -0x1.b6039p-6f, -0x1.1be2c6p-6f, -0x1.8b1956p-7f, -0x1.21ae92p-7f,
    -0x1.86b84ap-8f, -0x1.fbf2d2p-9f, -0x1.63cfcap-9f, -0x1.06cdbep-9f,
};
static const _Alignas(64) float NCDF_R2[16] = {
    0x1.a4e15ep-3f, 0x1.222f24p-3f, 0x1.9a45b2p-4f, 0x1.28beeep-4f,
    0x1.7b79d2p-5f, 0x1.bd45f6p-6f, 0x1.15aa6cp-6f, 0x1.6c5e3cp-7f,
    0x1.a29f08p-8f, 0x1.bfbafp-9f, 0x1.07e3eap-9f, 0x1.4ea508p-10f,
    0x1.7625dcp-11f, 0x1.8af24p-12f, 0x1.d0fb64p-13f, 0x1.27e806p-13f,
};
static const _Alignas(64) float NCDF_R3[16] = {
    -0x1.b02a84p-4f, -0x1.15c8d2p-4f, -0x1.6e91bp-5f, -0x1.ef9f2p-6f,
    -0x1.1f3176p-6f, -0x1.296132p-7f, -0x1.49b98ap-8f, -0x1.838b3ep-9f,
    -0x1.7e77dap-10f, -0x1.55b722p-11f, -0x1.57fccp-12f, -0x1.7b5de6p-13f,
    -0x1.617b28p-14f, -0x1.304ffap-15f, -0x1.2ddcd8p-16f, -0x1.4b9196p-17f,
};
static const _Alignas(64) float NCDF_R4[16] = {
    0x1.89de44p-5f, 0x1.dc3272p-6f, 0x1.27b7dap-6f, 0x1.78a7dcp-7f,
    0x1.8fefdap-8f, 0x1.721cf6p-9f, 0x1.70c4p-10f, 0x1.87b622p-11f,
    0x1.4facb6p-12f, 0x1.fa34e4p-14f, 0x1.b64094p-15f, 0x1.a6722ep-16f,
    0x1.49bf74p-17f, 0x1.d0e54ep-19f, 0x1.857a72p-20f, 0x1.71c62p-21f,
};
static const _Alignas(64) float NCDF_R5[16] = {
    -0x1.47424ep-6f, -0x1.764a7cp-7f, -0x1.b8007cp-8f, -0x1.09686cp-8f,
    -0x1.0613fep-9f, -0x1.b4f9bep-11f, -0x1.89ff08p-12f, -0x1.7c892p-13f,
    -0x1.212928p-14f, -0x1.718294p-16f, -0x1.13fad8p-17f, -0x1.d21b58p-19f,
    -0x1.36c9c6p-20f, -0x1.65903p-22f, -0x1.f8ff6cp-24f, -0x1.9de564p-25f,
};
static const _Alignas(64) float NCDF_R6[16] = {
    0x1.f39f48p-8f, 0x1.0fa5e6p-8f, 0x1.2fbbf6p-9f, 0x1.5cb03p-10f,
    0x1.3fc1eap-11f, 0x1.e4d414p-13f, 0x1.8ed674p-14f, 0x1.60bc54p-15f,
    0x1.d8bb7ap-17f, 0x1.03337cp-18f, 0x1.510724p-20f, 0x1.f5e4dp-22f,
    0x1.1acb8ap-23f, 0x1.0c7ad6p-25f, 0x1.41c28p-27f, 0x1.c94596p-29f,
};

static inline vf v_ncdf_tail(vf u, vf *k, vf *t, vf *rl)
{
    vf h = v_mul(u, u), l = v_fma(u, u, v_neg(h));
    vf t0 = v_exp_reduce_raw(v_mul(h, v_set(-0.5f)), k); /* h is 0 or normal */
    *t = v_fma(v_mul(l, v_set(-0.5f)), v_add(v_set(1.0f), t0), t0);
    vlut i = v_lut_index(v_fma(u, v_set(2.0f), v_set(2.0f)));
    vf s = v_sub(u, v_lut16(i, NCDF_C));
    vf r = v_lut16(i, NCDF_R6);
    r = v_fma(r, s, v_lut16(i, NCDF_R5));
    r = v_fma(r, s, v_lut16(i, NCDF_R4));
    r = v_fma(r, s, v_lut16(i, NCDF_R3));
    r = v_fma(r, s, v_lut16(i, NCDF_R2));
    r = v_fma(r, s, v_lut16(i, NCDF_R1));
    *rl = v_fma(r, s, v_lut16(i, NCDF_R0L));
    return v_lut16(i, NCDF_R0H);
}

/* ---- f64 ---- */

#ifndef ACTFN_HAVE_D_SCALE
/* a·2^k for a in [0.5, 2], integer-valued k in [-1075, 1024]; one rounding. */
static inline vd d_scale(vd a, vd k)
{
    vd k1 = d_rint(d_mul(k, d_set(0.5)));
    return d_mul(d_mul(a, d_pow2i(k1)), d_pow2i(d_sub(k, k1)));
}
#endif

/* k and t = e^r − 1 with x = k·ln 2 + r; the high part of ln 2 has 32
 * bits (the split of fdlibm's e_exp.c), so k·LN2_HI is exact. */
static inline vd d_exp_reduce(vd x, vd *k)
{
    *k = d_rint(d_mul(x, d_set(0x1.71547652b82fep+0)));
    vd r = d_fma(*k, d_set(-0x1.62e42feep-1), x);
    r = d_fma(*k, d_set(-0x1.a39ef35793c76p-33), r);
    vd q = d_set(0x1.28803926c8ea8p-22);
    q = d_fma(q, r, d_set(0x1.72c720b2e07bfp-19));
    q = d_fma(q, r, d_set(0x1.a019c9ab213aap-16));
    q = d_fma(q, r, d_set(0x1.a019adabfb6abp-13));
    q = d_fma(q, r, d_set(0x1.6c16c1738ecf7p-10));
    q = d_fma(q, r, d_set(0x1.1111111c45d5bp-7));
    q = d_fma(q, r, d_set(0x1.5555555554cb8p-5));
    q = d_fma(q, r, d_set(0x1.5555555553b7dp-3));
    q = d_fma(q, r, d_set(0.5));
    return d_fma(d_mul(r, r), q, r);
}

/* e^x in f64; 0 below −745.2, inf above 709.8, NaN through. */
static inline vd d_exp(vd x)
{
    x = d_min(d_set(709.8), d_max(d_set(-745.2), x));
    vd k;
    vd t = d_exp_reduce(x, &k);
    return d_scale(d_add(d_set(1.0), t), k);
}

/* e^x − 1 in f64; x itself below 2^-54 in magnitude. */
static inline vd d_expm1(vd x)
{
    vd xc = d_min(d_set(709.8), d_max(d_set(-40.0), x));
    vd k;
    vd t = d_exp_reduce(xc, &k);
    vd s = d_pow2i(d_min(k, d_set(53.0)));
    vd y = d_fma(s, t, d_sub(s, d_set(1.0))); /* 2^k − 1 exact for |k| ≤ 53 */
    y = d_sel(d_gt(k, d_set(53.0)), d_scale(d_add(d_set(1.0), t), k), y);
    return d_sel(d_lt(d_abs(x), d_set(0x1p-54)), x, y);
}

/* tanh x = −expm1(−2x)/(2 + expm1(−2x)): no cancellation on either side,
 * and the sign of ±0 kept; |x| > 20 rounds to ±1 in f64. */
static inline vd d_tanh(vd x)
{
    vd m = d_expm1(d_mul(d_set(-2.0), d_min(d_set(20.0), d_max(d_set(-20.0), x))));
    return d_div(d_neg(m), d_add(d_set(2.0), m));
}

/* erfcx a = e^(a²)·erfc a for a ≥ 0, in f64 for the f64 bodies: a
 * polynomial in t = 3/(3 + a) (tools/minimax.py), about 2^-33 relative
 * for a ≤ 10.6 (beyond, everything built on it is below the f32 range). */
static inline vd d_erfcx(vd a)
{
    vd t = d_div(d_set(3.0), d_add(d_set(3.0), a));
    vd r = d_set(-0x1.ae9f946303605p-6);
    r = d_fma(r, t, d_set(0x1.68574ea2d5119p-3));
    r = d_fma(r, t, d_set(-0x1.dfa2276481da9p-2));
    r = d_fma(r, t, d_set(0x1.3f47b07f04779p-1));
    r = d_fma(r, t, d_set(-0x1.02d4bab1a8ae1p-1));
    r = d_fma(r, t, d_set(0x1.77590a54641a3p-2));
    r = d_fma(r, t, d_set(-0x1.04fc968b1d5e1p-5));
    r = d_fma(r, t, d_set(0x1.4933e14fe7f53p-3));
    r = d_fma(r, t, d_set(0x1.3545efdef1413p-3));
    r = d_fma(r, t, d_set(0x1.6cb4284913ce3p-3));
    r = d_fma(r, t, d_set(0x1.813043935f0b2p-3));
    r = d_fma(r, t, d_set(0x1.8123b85f5904bp-3));
    return d_fma(r, t, d_set(0x1.b85f57c27149cp-22));
}

#endif
