/*
 * Vector math in f64 lanes at the grade the f32 calls need (well below an
 * f32 ULP, not f64-accurate): exp, expm1, tanh and erfcx, for the bodies
 * whose lanes column is 64.  Same schemes as lanes32.h; error budgets:
 * docs/numerics.md, "Vector math".
 */
#ifndef ACTFN_GENERIC_MATH_LANES64_H
#define ACTFN_GENERIC_MATH_LANES64_H

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
