/*
 * Vector math in f32 lanes at f32 grade: exp, expm1, tanh, log1p on [0, 1]
 * and the normal tail Φ(−u), written once against each path's vec.h (which
 * supplies v_rint, v_pow2i and, natively where it can, v_scale).
 * Exponentials: k = rint(x/ln 2), r = x − k·ln 2 (Cody & Waite), e^x =
 * 2^k·(1 + r + r²·q(r)); coefficients from tools/minimax.py.  Error
 * budgets: docs/numerics.md, "Vector math".
 */
#ifndef ACTFN_GENERIC_MATH_LANES32_H
#define ACTFN_GENERIC_MATH_LANES32_H

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
/* v_scale for a caller whose k is mostly in [-126, 127]: a vector with every lane there takes
 * one multiply by 2^k.  The bits are v_scale's wherever a·2^round(k/2) is normal (its first
 * product is then exact), which the caller must ensure for in-range k, so that a lane's
 * result does not depend on its neighbours. */
static inline vf v_scale_mostly(vf a, vf k)
{
#ifdef ACTFN_HAVE_V_SCALE
    return v_scale(a, k);
#else
    if (v_all(v_ge(k, v_set(-126.0f))) && v_all(v_le(k, v_set(127.0f))))
        return v_mul(a, v_pow2i(k));
    return v_scale(a, k);
#endif
}

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

/* e^(x + xl) = s + s·t for x in [−87, 88] only (the caller checks; NaN not
 * allowed) and |xl| ≤ 2^-10 (read only where `lo`: a low part of x, folded
 * into r): v_exp without its clamps and flush.  k = rint(x/ln 2) by one FMA
 * that adds 1.5·2^23 + 127 (the exact product rounds once), s = 2^k with k
 * in [−126, 127] a normal power of two from that sum's bits. */
static inline vf v_exp_easy_lo(vf x, vf xl, int lo, vf *s)
{
    vf n = v_fma(x, v_set(0x1.715476p+0f), v_set(0x1.8p23f + 127.0f));
    vf k = v_sub(n, v_set(0x1.8p23f + 127.0f));
    vf r = v_fma(k, v_set(-0x1.63p-1f), x);
    if (lo)
        r = v_add(r, xl); /* x − k·LN2_HI is exact; one rounding, 2^-26 of r at most */
    r = v_fma(k, v_set(0x1.bd0106p-13f), r);
    *s = v_pow2_biased(n);
    return v_expm1_small(r);
}
/* e^x for x in [−87, 88]: s + s·t is one rounding (into the subnormals
 * too), the same ≤ 1 ULP as v_exp. */
static inline vf v_exp_easy(vf x)
{
    vf s, t = v_exp_easy_lo(x, x, 0, &s);
    return v_fma(s, t, s);
}

/* e^z for z = −|x| ≤ 0 (NaN through): v_exp_easy where z ≥ −87, per lane (v_exp and v_exp_easy
 * can differ in the last bit: k = rint(z·log2e) of the exact product, or of its rounding), so
 * a lane's bits never depend on its neighbours (tests/eltwise/test_lanes.c); v_exp elsewhere.
 * z above −2^-40 as −2^-40, off the slow denormal-operand path (e rounds to 1 for both). */
static inline vf v_exp_negabs(vf z)
{
    vfm near = v_ge(z, v_set(-87.0f));
    vf e = v_exp_easy(v_min(z, v_set(-0x1p-40f)));
    if (!v_all(near))
        e = v_sel(near, e, v_exp(z));
    return e;
}

#ifdef ACTFN_HAVE_EXP_TAB32
/* 2^(j/32), j = 0…31, rounded to f32 (≤ 0.93·2^-24 relative; tools/minimax.py) */
static const _Alignas(64) float EXP2_TAB32[32] = {
    0x1p+0f,        0x1.059b0ep+0f, 0x1.0b5586p+0f, 0x1.11301ep+0f, 0x1.172b84p+0f, 0x1.1d4874p+0f,
    0x1.2387a6p+0f, 0x1.29e9e0p+0f, 0x1.306fe0p+0f, 0x1.371a74p+0f, 0x1.3dea64p+0f, 0x1.44e086p+0f,
    0x1.4bfdaep+0f, 0x1.5342b6p+0f, 0x1.5ab07ep+0f, 0x1.6247ecp+0f, 0x1.6a09e6p+0f, 0x1.71f75ep+0f,
    0x1.7a1148p+0f, 0x1.82589ap+0f, 0x1.8ace54p+0f, 0x1.93737cp+0f, 0x1.9c4918p+0f, 0x1.a5503cp+0f,
    0x1.ae89fap+0f, 0x1.b7f770p+0f, 0x1.c199bep+0f, 0x1.cb720ep+0f, 0x1.d5818ep+0f, 0x1.dfc974p+0f,
    0x1.ea4afap+0f, 0x1.f50766p+0f,
};
/* n = 1.5·2^18 + N/32, N = rint(32·x/ln 2) (its low five bits: N mod 32), and k = N/32 */
static inline vf v_tab32_round(vf x, vf *k)
{
    vf n = v_fma(x, v_set(0x1.715476p+0f), v_set(0x1.8p18f));
    *k = v_sub(n, v_set(0x1.8p18f));
    return n;
}
/* e^x for x in [−104, 0] (NaN through), 2^⌊N/32⌋·T·(1 + r·p(r)): N = rint(32·x/ln 2) by one
 * FMA whose sum keeps N/32 = k exactly (|N| ≤ 4,801), T = 2^(N mod 32/32) from the table,
 * r = (x − k·L) − k·(ln 2 − L), L = ln 2 rounded to f32, each step one FMA, |r| ≤ ln 2/64;
 * p = c1 + c2·r, 1 + r·p within 2^-24.15 of e^r relative (the minimax of degree 2,
 * tools/minimax.py).  p takes r1 = x − k·L, the first step, so that it need not wait for the
 * second: |r1 − r| ≤ 150·2^-29 changes r·p by 2^-29 of it at most.  T + r·(T·p) rounds
 * once (T·p, not T·r: a subnormal x would make T·r subnormal, a slow operation) and the
 * scaling is exact down to 2^-126 (below, one more rounding, into the subnormals).  For a path
 * whose two-register table read and scaling are one instruction each (vec.h).
 * docs/numerics.md, "The table exponential" */
static inline vf v_exp_tab32(vf x)
{
    vf k, n = v_tab32_round(x, &k);
    vf r1 = v_fma(k, v_set(-0x1.62e430p-1f), x);
    vf r = v_fma(k, v_set(0x1.05c610p-29f), r1);
    vf tj = v_tab32_low(n, EXP2_TAB32);
    vf p = v_fma(v_set(0x1.00005cp-1f), r1, v_set(0x1.0000f8p+0f));
    return v_scale_floor(v_fma(r, v_mul(tj, p), tj), k);
}
/* 2^(j/32)/EXP2_TAB32[j] − 1 rounded to f32: the table's relative rounding ρ, |ρ| ≤ 2^-24.1
 * (2^-26.7 at j = 31, 2^-27.5 at j = 30); ρ[0] = −0 keeps the sign of a −0 through a sum
 * (tools/minimax.py) */
static const _Alignas(64) float EXP2_TAB32_RHO[32] = {
    -0.0f, -0x1.947414p-25f, 0x1.8d96d4p-25f, -0x1.dda2fcp-25f, -0x1.9c0c22p-27f,
    -0x1.a2fbb2p-25f, 0x1.964904p-25f, -0x1.2b0dbcp-25f, 0x1.125002p-25f, -0x1.cde8cep-26f,
    0x1.370be4p-25f, 0x1.336de2p-30f, -0x1.0a355p-25f, -0x1.c541b4p-26f, -0x1.00d8acp-27f,
    -0x1.6cb284p-25f, 0x1.26055cp-26f, 0x1.8b2bb8p-26f, -0x1.05cb44p-25f, -0x1.1c2142p-26f,
    0x1.67a1cap-28f, -0x1.348e56p-25f, 0x1.a3b5e4p-28f, -0x1.0b7ec8p-25f, -0x1.f9c304p-27f,
    -0x1.e4c886p-26f, -0x1.6961b4p-28f, -0x1.b5151ep-28f, -0x1.a5217cp-28f, -0x1.ab7132p-26f,
    0x1.61428ep-28f, -0x1.2ad5f8p-27f,
};
/* 1 − e^x for x in [−20, 0] (any finite x > 0 gives a finite value, to be discarded; ±0 and
 * NaN through, as +0 and NaN): with T = hi·(1 + ρ) and m = ⌊N/32⌋ as in v_exp_tab32, s =
 * 2^m·hi (exact) and t = r·(1 + r·q(r)) within 2^-25 of e^r − 1 relative (tools/minimax.py),
 * e^x = s·(1 + ρ)·(1 + t) = s·(1 + t') with t' = t + ρ (the dropped ρ·t is below 2^-24.1·t,
 * 2^-26.7·t where 1 − e^x is least, N = −1), so 1 − e^x = (1 − s) − s·t' in one FMA: 1 − s
 * is exact for s ≥ 1/2 (Sterbenz) and at least 1/2 below, and ρ carries the table's
 * rounding, so the error shrinks with 1 − e^x near 0 (hi alone would leave 2^-25 absolute).
 * r = x − k·ln 2 with ln 2 rounded to f32 in one FMA: the error k·2^-28.9 is at most 2^-28.4
 * relative to 1 − e^x (|k| ≲ 1.44|x|, and x·e^x/(e^x − 1) ≤ 1). t as r·(…) + ρ, so that a −0
 * gives −0 and (1 − s) − s·t' = +0 − (−0) = +0.  Eleven operations, one scaling.
 * docs/numerics.md, "The table exponential" */
static inline vf v_1m_exp_tab32(vf x)
{
    vf k, n = v_tab32_round(x, &k);
    vf r = v_fma(k, v_set(-0x1.62e430p-1f), x);
    vf th = v_tab32_low(n, EXP2_TAB32), rho = v_tab32_low(n, EXP2_TAB32_RHO);
    vf q = v_fma(v_set(0x1.555598p-3f), r, v_set(0x1.000052p-1f));
    vf t = v_fma(r, v_fma(r, q, v_set(1.0f)), rho);
    vf s = v_scale_floor(th, k);
    return v_fnma(s, t, v_sub(v_set(1.0f), s));
}
/* c·(e^x − 1) for x ≤ 0 (elu, selu below 0; x > 0 gives a finite value, to be discarded):
 * −c·(1 − e^x') on x' = x's sign·min(|x|, 18) (e^x − 1 rounds to −1 below −17.4), so that
 * x = −0 gives −c·(+0) = c·(−0) for c > 0 */
static inline vf v_mul_expm1_tab32(vf c, vf x)
{
    return v_mul(v_neg(c), v_1m_exp_tab32(v_signed_absmin(x, v_set(18.0f))));
}
#endif

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

/* e^x − 1 for x ≤ 0 (elu, selu; a lane with x > 0 is taken as 0, for the
 * caller to discard; NaN through): v_expm1 without what only x > 0 needs
 * (the k > 24 branch), the same bits where x ≤ 0.  |x| < 2^-25 gives x, and
 * goes through the reduction as 0 (off the slow denormal path). */
static inline vf v_expm1_neg(vf x)
{
    /* the common case, every lane with 2^-60 ≤ |x| ≤ 87: 2^k·t + (2^k − 1) as below (−1 once
     * k < −25), a lane with x > 0 any finite value; r² is not subnormal */
    vf a = v_abs(x);
    if (v_all(v_ge(a, v_set(0x1p-60f))) && v_all(v_le(a, v_set(87.0f)))) {
        vf s, t = v_exp_easy_lo(x, x, 0, &s);
        return v_fma(s, t, v_sub(s, v_set(1.0f)));
    }
    vfm tiny = v_lt(v_abs(x), v_set(0x1p-25f));
    vf xc = v_min(v_set(0.0f), v_max(v_set(-25.0f), x));
    vf k, t = v_exp_reduce_raw(v_sel(tiny, v_set(0.0f), xc), &k);
    vf s = v_pow2i(k);
    return v_sel(tiny, x, v_fma(s, t, v_sub(s, v_set(1.0f))));
}

/* tanh(c·x), c = 1 or 1/2: (1 − e)/(1 + e), e = e^−2c|x|, the numerator as expm1 (no
 * cancellation near 0); c·x below c|x| = 2^-12.  docs/numerics.md, "v_tanh_cx" */
static inline vf v_tanh_cx(vf x, float c)
{
    vf a = v_abs(x);
    vf u = v_mul(v_max(v_set(0x1p-13f / c), a), v_set(-2.0f * c)); /* NaN kept */
    /* u in [−20, −2^-12] (NaN: t is NaN whatever s is): e = s·(1 + t) by the rounding FMA,
     * s = 2^k from its sum's bits (k ≥ −29, normal) */
    vf s, t = v_exp_easy_lo(v_max(v_set(-20.0f), u), u, 0, &s);
    /* 1 − e = −(2^k·t + (2^k − 1)), the same rounding negated (rounding to nearest is odd) */
    vf m = v_fnma(s, t, v_sub(v_set(1.0f), s));
    vf y = v_div(m, v_fma(s, t, v_add(v_set(1.0f), s))); /* 1 + e: one rounding */
    y = v_xorsign(y, x); /* y ≥ 0 (or NaN) */
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

#if defined(ACTFN_HAVE_EXP_TAB32) || defined(ACTFN_VEC_LUT8)
/* The table exponentials' reduction of −u²/2 (v_ncdf_exp below, a table of 2^j entries):
 * with m = −u/2, −u²/2 = hm + lm (hm = m·u rounded, lm its error); *n = hm/ln 2 + c rounded by
 * one FMA, c = 1.5·2^(23 − j), so that k = *n − c = N/2^j exactly and N mod 2^j lies in *n's
 * low bits; the result r = (hm − k·L) + (lm + k·(L − ln 2)), L = ln 2 rounded to f32. */
static inline vf v_ncdf_reduce(vf u, float c, vf *n, vf *k)
{
    vf m = v_mul(u, v_set(-0.5f));
    vf hm = v_mul(m, u), lm = v_fma(m, u, v_neg(hm)); /* hm is 0 or normal */
    *n = v_fma(hm, v_set(0x1.715476p+0f), v_set(c));
    *k = v_sub(*n, v_set(c));
    vf r1 = v_fma(*k, v_set(-0x1.62e430p-1f), hm);
    return v_add(r1, v_fma(*k, v_set(0x1.05c610p-29f), lm));
}
#endif

#ifdef ACTFN_HAVE_EXP_TAB32
/* 2^(j/16) rounded to f32 and its relative rounding: EXP2_TAB32 and EXP2_TAB32_RHO at 2j */
static const _Alignas(64) float EXP2_TAB16[16] = {
    0x1p+0f,        0x1.0b5586p+0f, 0x1.172b84p+0f, 0x1.2387a6p+0f, 0x1.306fe0p+0f, 0x1.3dea64p+0f,
    0x1.4bfdaep+0f, 0x1.5ab07ep+0f, 0x1.6a09e6p+0f, 0x1.7a1148p+0f, 0x1.8ace54p+0f, 0x1.9c4918p+0f,
    0x1.ae89fap+0f, 0x1.c199bep+0f, 0x1.d5818ep+0f, 0x1.ea4afap+0f,
};
static const _Alignas(64) float EXP2_TAB16_RHO[16] = {
    -0.0f,           0x1.8d96d4p-25f, -0x1.9c0c22p-27f, 0x1.964904p-25f,  0x1.125002p-25f,
    0x1.370be4p-25f, -0x1.0a355p-25f, -0x1.00d8acp-27f, 0x1.26055cp-26f,  -0x1.05cb44p-25f,
    0x1.67a1cap-28f, 0x1.a3b5e4p-28f, -0x1.f9c304p-27f, -0x1.6961b4p-28f, -0x1.a5217cp-28f,
    0x1.61428ep-28f,
};
/* e^(−u²/2) = 2^⌊k⌋·(1 + t) (v_ncdf_scale scales by 2^⌊k⌋), u² = h + l carried exactly: with
 * m = −u/2, −u²/2 = hm + lm, hm = m·u rounded and lm its error (exact halves of h and l).
 * A table exponential of 16 entries (one permute each, the table an operand in memory):
 * N = rint(16·hm/ln 2) by one FMA whose sum keeps k = N/16 exactly, T = 2^(N mod 16/16)
 * = hi·(1 + ρ), r = (hm − k·L) + (lm + k·(L − ln 2)) (L = ln 2 rounded to f32), |r| ≤ ln 2/32
 * + 2^-16; t' = r·(1 + r·q(r)) + ρ, q of degree 1 (2^-27.7 absolute from e^r − 1; tools/
 * minimax.py), and 1 + t = hi·(1 + t'): t = (hi − 1) + hi·t' in one FMA (hi − 1 exact).  t is
 * within 2^-25 + 2^-27.7 of its value (its last rounding, the fit), in 10 multiply-add
 * operations where v_exp_reduce_raw's form takes 14.  docs/numerics.md, "v_ncdf_tail" */
static inline vf v_ncdf_exp(vf u, vf *k)
{
    vf n, r = v_ncdf_reduce(u, 0x1.8p19f, &n, k);
    vf hi = v_tab16_low(n, EXP2_TAB16), rho = v_tab16_low(n, EXP2_TAB16_RHO);
    vf q = v_fma(v_set(0x1.55565ep-3f), r, v_set(0x1.00014ap-1f));
    vf tr = v_fma(r, v_fma(r, q, v_set(1.0f)), rho);
    return v_fma(hi, tr, v_sub(hi, v_set(1.0f)));
}
static inline vf v_ncdf_scale(vf a, vf k) { return v_scale_floor(a, k); }
#elif defined(ACTFN_VEC_LUT8)
/* 2^(j/8) rounded to f32 and its relative rounding (EXP2_TAB32, EXP2_TAB32_RHO at 4j) */
static const _Alignas(32) float EXP2_TAB8[8] = {
    0x1p+0f,        0x1.172b84p+0f, 0x1.306fe0p+0f, 0x1.4bfdaep+0f,
    0x1.6a09e6p+0f, 0x1.8ace54p+0f, 0x1.ae89fap+0f, 0x1.d5818ep+0f,
};
static const _Alignas(32) float EXP2_TAB8_RHO[8] = {
    -0.0f,           -0x1.9c0c22p-27f, 0x1.125002p-25f, -0x1.0a355p-25f,
    0x1.26055cp-26f, 0x1.67a1cap-28f,  -0x1.f9c304p-27f, -0x1.a5217cp-28f,
};
/* The table form above for a path whose one permute reads 8 entries (avx2): N = rint(8·hm/ln 2)
 * (1.5·2^20 added: the sum n keeps N/8 exactly, N mod 8 in its low bits), T = 2^(N mod 8/8) =
 * hi·(1 + ρ), |r| ≤ ln 2/16 + 2^-16, q of degree 2 (2^-31.5 absolute from e^r − 1; tools/
 * minimax.py).  *k is n itself, which v_ncdf_scale reads: 2^⌊N/8⌋ from n's bits by integer
 * operations, the two-factor scaling only for a vector with a lane below 2^-126.
 * docs/numerics.md, "v_ncdf_tail" */
static inline vf v_ncdf_exp(vf u, vf *k)
{
    vf n, kf, r = v_ncdf_reduce(u, 0x1.8p20f, &n, &kf);
    vf hi = v_tab8_low(n, EXP2_TAB8), rho = v_tab8_low(n, EXP2_TAB8_RHO);
    vf q = v_fma(v_fma(v_set(0x1.555978p-5f), r, v_set(0x1.555b88p-3f)), r, v_set(0.5f));
    vf tr = v_fma(r, v_fma(r, q, v_set(1.0f)), rho);
    *k = n;
    return v_fma(hi, tr, v_sub(hi, v_set(1.0f)));
}
static inline vf v_ncdf_scale(vf a, vf n)
{
    vfm normal;
    vf s = v_pow2_floor8(n, &normal);
    if (v_all(normal))
        return v_mul(a, s);
    return v_scale(a, v_floor8(n));
}
#else
/* e^(−u²/2) = 2^k·(1 + t), u² = h + l carried exactly: e^(−h/2)·(1 − l/2) */
static inline vf v_ncdf_exp(vf u, vf *k)
{
    vf h = v_mul(u, u), l = v_fma(u, u, v_neg(h));
    vf t0 = v_exp_reduce_raw(v_mul(h, v_set(-0.5f)), k); /* h is 0 or normal */
    return v_fma(v_mul(l, v_set(-0.5f)), v_add(v_set(1.0f), t0), t0);
}
static inline vf v_ncdf_scale(vf a, vf k) { return v_scale_mostly(a, k); }
#endif

/* Φ(−u) = 2^k·(1 + t)·(rh + rl), the normal upper tail, for u in [0, 15) (clamp first; u = 0
 * or u ≥ 2^-63, so that u² is not subnormal) or NaN: u² carried exactly, rh + rl from 16 bins
 * of degree-6 fits, or 8 of degree 8 (the tables below).  docs/numerics.md, "v_ncdf_tail" */
#ifdef ACTFN_VEC_LUT8
/* A path whose one permute reads 8 entries (avx2: a 16-entry read is two permutes and a
 * blend) takes R from 8 bins twice as wide, bin (bits(2u + 2) >> 22) & 7, with fits of
 * degree 8: 11 permutes instead of 30 operations; the f32 evaluation's worst relative error
 * 2^-23.8 (16 bins of degree 6: 2^-23.9; tools/minimax.py) */
static const _Alignas(64) float NCDF8_C[8] = {
    0x1p-2f, 0x1.8p-1f, 0x1.8p+0f, 0x1.4p+1f,
    0x1p+2f, 0x1.8p+2f, 0x1.2p+3f, 0x1.ap+3f,
};
static const _Alignas(64) float NCDF8_R0H[8] = {
    0x1.a7f808p-2f, 0x1.337024p-2f, 0x1.a57056p-3f, 0x1.217252p-3f,
    0x1.82b4bcp-4f, 0x1.095608p-4f, 0x1.66ccb8p-5f, 0x1.f3ddc2p-6f,
};
static const _Alignas(64) float NCDF8_R0L[8] = {
    0x1.69e57p-30f, -0x1.086b3cp-27f, -0x1.a5db52p-29f, 0x1.8b805cp-30f,
    -0x1.cdac8cp-30f, 0x1.8f62bep-29f, -0x1.18fceap-31f, 0x1.7a2c42p-32f,
};
static const _Alignas(64) float NCDF8_R1[8] = {
    -0x1.2e8652p-2f, -0x1.63e072p-3f, -0x1.71c04cp-4f, -0x1.75ab64p-5f,
    -0x1.5cf97ap-6f, -0x1.5068c2p-7f, -0x1.37812p-8f, -0x1.3012a8p-9f,
};
static const _Alignas(64) float NCDF8_R2[8] = {
    0x1.5c5674p-3f, 0x1.5bf7f2p-4f, 0x1.204038p-5f, 0x1.bf399ep-7f,
    0x1.2dda02p-8f, 0x1.a0eee4p-10f, 0x1.0b6e06p-11f, 0x1.6fdc4p-13f,
};
static const _Alignas(64) float NCDF8_R3[8] = {
    -0x1.594f6p-4f, -0x1.2c84ap-5f, -0x1.9980cap-7f, -0x1.f6278ap-9f,
    -0x1.f6a7b8p-11f, -0x1.f9cd22p-13f, -0x1.c63ep-15f, -0x1.ba91ep-17f,
};
static const _Alignas(64) float NCDF8_R4[8] = {
    0x1.312c8cp-5f, 0x1.d68c7p-7f, 0x1.0d6066p-8f, 0x1.0ac21ap-10f,
    0x1.943e2ep-13f, 0x1.2cabb6p-15f, 0x1.7db864p-18f, 0x1.08c694p-20f,
};
static const _Alignas(64) float NCDF8_R5[8] = {
    -0x1.eb6aeep-7f, -0x1.53a4bap-8f, -0x1.4bc19p-10f, -0x1.0dd996p-12f,
    -0x1.3a4a86p-15f, -0x1.5e73f6p-18f, -0x1.3c843ap-21f, -0x1.3adb3ep-24f,
};
static const _Alignas(64) float NCDF8_R6[8] = {
    0x1.6deaf4p-8f, 0x1.c98b06p-10f, 0x1.82318cp-12f, 0x1.05674p-14f,
    0x1.db91ap-18f, 0x1.91662cp-21f, 0x1.04b502p-24f, 0x1.74bfa4p-28f,
};
static const _Alignas(64) float NCDF8_R7[8] = {
    -0x1.0262bep-9f, -0x1.25ae3p-11f, -0x1.bc12b2p-14f, -0x1.f4810ap-17f,
    -0x1.78914p-20f, -0x1.d7d864p-24f, -0x1.d3d98ep-28f, -0x1.cd2898p-32f,
};
static const _Alignas(64) float NCDF8_R8[8] = {
    0x1.527adp-11f, 0x1.60a5a6p-13f, 0x1.d4353p-16f, 0x1.c0b06ep-19f,
    0x1.0d43b6p-22f, 0x1.04da94p-26f, 0x1.796674p-31f, 0x1.0e07e6p-35f,
};

static inline vf v_ncdf_tail(vf u, vf *k, vf *t, vf *rl)
{
    *t = v_ncdf_exp(u, k);
    vlut8 i = v_lut8_index(v_fma(u, v_set(2.0f), v_set(2.0f)));
    vf s = v_sub(u, v_lut8(i, NCDF8_C));
    vf r = v_lut8(i, NCDF8_R8);
    r = v_fma(r, s, v_lut8(i, NCDF8_R7));
    r = v_fma(r, s, v_lut8(i, NCDF8_R6));
    r = v_fma(r, s, v_lut8(i, NCDF8_R5));
    r = v_fma(r, s, v_lut8(i, NCDF8_R4));
    r = v_fma(r, s, v_lut8(i, NCDF8_R3));
    r = v_fma(r, s, v_lut8(i, NCDF8_R2));
    r = v_fma(r, s, v_lut8(i, NCDF8_R1));
    *rl = v_fma(r, s, v_lut8(i, NCDF8_R0L));
    return v_lut8(i, NCDF8_R0H);
}
#else
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
    *t = v_ncdf_exp(u, k);
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

#endif

#endif
