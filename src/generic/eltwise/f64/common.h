/*
 * Helpers of the f64 bodies (op64_<kind>_fwd/_der over vd, the f64 dtype):
 * ≤ 4 ULP of double forward and ≤ 8 (or 2^-52 absolute near the zeros of
 * f') derivative, on top of SLEEF's f64 functions (vec.h's d64_*, ≤ 1 ULP).
 * Where a tail amplifies the rounding of an inner argument, the argument
 * is carried as hi + lo (FMA) and the lo part folded in to first order.
 */
#ifndef ACTFN_GENERIC_ELTWISE_F64_COMMON_H
#define ACTFN_GENERIC_ELTWISE_F64_COMMON_H

#include "generic/eltwise/common.h"

/* a·x = hi + *lo exactly (FMA); *lo = 0 where hi is not finite */
static inline vd d_mul_lo(vd a, vd x, vd *lo)
{
    vd hi = d_mul(a, x);
    *lo = d_sel(d_lt(d_abs(hi), d_set(INFINITY)), d_fma(a, x, d_neg(hi)), d_set(0.0));
    return hi;
}

/* c·x with c = ch + cl (a constant not representable in double) as hi + *lo;
 * *lo = 0 where hi is not finite */
static inline vd d_mulc_lo(double ch, double cl, vd x, vd *lo)
{
    vd hi = d_mul_lo(d_set(ch), x, lo);
    *lo = d_sel(d_lt(d_abs(hi), d_set(INFINITY)), d_fma(d_set(cl), x, *lo), d_set(0.0));
    return hi;
}

/* e^(h + l) for |l| ≪ 1 ulp-scale of h: e^h·(1 + l) */
static inline vd d64_exp_lo(vd h, vd l)
{
    vd e = d64_exp(h);
    return d_fma(e, l, e);
}

/* ---- e^x to ~2^-64 relative, as 2^k·(mh + ml) (f64: exp family) ----
 * For the places where e^x is amplified (loglog' by e^x, the tails where
 * e^x is subnormal but the result is not).  x + xl = k4·ln2/4 + r, ln2/4
 * in three parts (38 + 53 + 53 bits: k4·C1 exact for |k4| < 2^15), r as
 * rh + rl by two-sums; e^r = 1 + rh + rh²/2 + rh³·Q(rh) + rl·e^rh with the
 * first three terms summed in double-double, |rh| ≤ ln2/8; times 2^(j/4)
 * (j = k4 mod 4, hi + lo).  Q: chebyfit of (e^r − 1 − r − r²/2)/r³ on
 * [−ln2/8, ln2/8], degree 7, 2^-58 relative (mpmath, as tools/minimax.py;
 * docs/numerics.md "f64: exp family").  Error ≤ 2^-63.5 relative for
 * |x| ≤ 1500 and |xl| ≤ 2^-42; mh in [0.91, 1.84], k integer-valued.
 * Constants from mpmath at 300 bits. */
static inline vd d64_two_sum(vd a, vd b, vd *e)
{
    vd s = d_add(a, b);
    vd bb = d_sub(s, a);
    *e = d_add(d_sub(a, d_sub(s, bb)), d_sub(b, bb));
    return s;
}
static inline vd d64_exp_hl(vd x, vd xl, vd *ml, vd *k)
{
    vd k4 = d_rint(d_mul(x, d_set(0x1.71547652b82fep+2)));
    vd r0 = d_fma(k4, d_set(-0x1.62e42fefa0000p-3), x); /* exact */
    vd ph = d_mul(k4, d_set(0x1.cf79abc9e3b3ap-42));
    vd pl = d_fma(k4, d_set(0x1.cf79abc9e3b3ap-42), d_neg(ph));
    vd e1, rh = d64_two_sum(r0, d_neg(ph), &e1);
    vd rl = d_add(d_sub(e1, pl), d_fma(k4, d_set(0x1.ff0342542fc33p-96), xl));
    vd h = d_mul(rh, rh);
    vd hl = d_fma(rh, rh, d_neg(h));
    vd q = d_set(0x1.27ed994861326p-22);
    q = d_fma(q, rh, d_set(0x1.71eb2716b10ccp-19));
    q = d_fma(q, rh, d_set(0x1.a01a0176b3e45p-16));
    q = d_fma(q, rh, d_set(0x1.a01a016200a35p-13));
    q = d_fma(q, rh, d_set(0x1.6c16c16c17011p-10));
    q = d_fma(q, rh, d_set(0x1.1111111111709p-7));
    q = d_fma(q, rh, d_set(0x1.5555555555555p-5));
    q = d_fma(q, rh, d_set(0x1.5555555555555p-3));
    vd t = d_mul(d_mul(h, rh), q);
    vd h2 = d_mul(h, d_set(0.5));
    vd s = d_add(d_set(1.0), rh);
    vd sl = d_add(d_sub(d_set(1.0), s), rh);
    vd u = d_add(s, h2);
    vd ul = d_add(d_sub(s, u), h2);
    vd lo = d_add(d_add(sl, ul), d_fma(hl, d_set(0.5), t));
    lo = d_fma(rl, d_add(s, h2), lo);
    vd m = d_add(u, lo);
    vd mlo = d_add(d_sub(u, m), lo);
    /* 2^(j/4), j = k4 − 4k */
    vd kk = d_rint(d_fma(k4, d_set(0.25), d_set(-0.375)));
    vd j = d_fma(kk, d_set(-4.0), k4);
    vd ch = d_sel(d_eq(j, d_set(1.0)), d_set(0x1.306fe0a31b715p+0), d_set(1.0));
    vd cl = d_sel(d_eq(j, d_set(1.0)), d_set(0x1.6f46ad23182e4p-55), d_set(0.0));
    ch = d_sel(d_eq(j, d_set(2.0)), d_set(0x1.6a09e667f3bcdp+0), ch);
    cl = d_sel(d_eq(j, d_set(2.0)), d_set(-0x1.bdd3413b26456p-54), cl);
    ch = d_sel(d_eq(j, d_set(3.0)), d_set(0x1.ae89f995ad3adp+0), ch);
    cl = d_sel(d_eq(j, d_set(3.0)), d_set(0x1.7a1cd345dcc81p-54), cl);
    vd p = d_mul(m, ch);
    vd pe = d_fma(m, ch, d_neg(p));
    pe = d_add(pe, d_fma(m, cl, d_mul(mlo, ch)));
    vd mh = d_add(p, pe);
    *ml = d_add(d_sub(p, mh), pe);
    *k = kk;
    return mh;
}

/* a·2^k, one rounding, for integer-valued k in [−1200, 1200] and a with
 * a·2^(k/2) normal (2^-400 ≤ |a| ≤ 2^400, or 0): wider than d_scale's
 * fallback ([0.5, 2], k ≥ −1075), for results scaled last */
static inline vd d64_scale_wide(vd a, vd k)
{
#ifdef ACTFN_HAVE_D_SCALE
    return d_scale(a, k);
#else
    vd k1 = d_rint(d_mul(k, d_set(0.5)));
    return d_mul(d_mul(a, d_pow2i(k1)), d_pow2i(d_sub(k, k1)));
#endif
}

#endif
