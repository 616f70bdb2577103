#!/usr/bin/python3
"""Derives the polynomial coefficients of src/generic/vmath.h.

Each fit is a least-squares Chebyshev fit (mpmath.chebyfit, close to
minimax) of a smooth remainder function, so that the leading terms of the
series stay exact and the polynomial only carries a small correction.
Prints each coefficient as a C hex literal rounded to the target precision,
with the fit's max absolute error on the interval.

    /usr/bin/python3 tools/minimax.py        (needs python3-mpmath)
"""
import struct

import mpmath as mp

mp.mp.prec = 200
LN2 = mp.log(2)


def fit(name, f, lo, hi, deg, prec):
    coeffs, err = mp.chebyfit(f, [lo, hi], deg + 1, error=True)
    coeffs = coeffs[::-1]  # mpmath: highest degree first
    print(f"/* {name}: degree {deg} on [{mp.nstr(lo, 6)}, {mp.nstr(hi, 6)}], fit error {mp.nstr(err, 3)} */")
    for i, c in enumerate(coeffs):
        if prec == 24:
            v = struct.unpack("f", struct.pack("f", float(c)))[0]  # round to float
            print(f"    c{i} = {v.hex()}f")
        else:
            print(f"    c{i} = {float(c).hex()}")
    print()


def q_exp(r):
    """(e^r - 1 - r) / r^2; e^r = 1 + r + r^2 q(r)."""
    if abs(r) < mp.mpf(2) ** -60:
        return mp.mpf(1) / 2 + r / 6
    return (mp.exp(r) - 1 - r) / r ** 2


# f32 exp / expm1: r in [-ln2/2, ln2/2] after Cody-Waite reduction
fit("f32 q_exp", q_exp, -LN2 / 2, LN2 / 2, 4, 24)
# f64 exp for the f64-lane functions, whose results are rounded to f32:
# a relative error near 2^-50 leaves the f64 bodies their margin
fit("f64 q_exp", q_exp, -LN2 / 2, LN2 / 2, 8, 53)


def q_tanh(t):
    """(tanh x - x) / x^3 as a function of t = x^2."""
    if t < mp.mpf(2) ** -100:
        return -mp.mpf(1) / 3 + 2 * t / 15
    x = mp.sqrt(t)
    return (mp.tanh(x) - x) / x ** 3


# f32 tanh below 0.625: tanh x = x + x^3 q(x^2)
fit("f32 q_tanh(x^2)", q_tanh, 0, mp.mpf(0.625) ** 2, 5, 24)


def q_log(s2):
    """(log((1+s)/(1-s)) - 2s) / s^3 in t = s^2 (atanh series remainder)."""
    if s2 < mp.mpf(2) ** -100:
        return mp.mpf(2) / 3 + 2 * s2 / 5
    s = mp.sqrt(s2)
    return (mp.log((1 + s) / (1 - s)) - 2 * s) / s ** 3


# f32 log1p: f = m - 1, m in [sqrt(1/2), sqrt(2)), s = f/(2+f), |s| <= 0.1716
smax = (mp.sqrt(2) - 1) / (mp.sqrt(2) + 1)
fit("f32 q_log(s^2)", q_log, 0, smax ** 2, 3, 24)
# f64 log1p for the f64-lane functions: same reduction, about 2^-50
fit("f64 q_log(s^2)", q_log, 0, smax ** 2, 5, 53)


def r_erfc(t):
    """erfc(z)·e^(z²) at z = 3/t − 3, as a function of t = 3/(3 + z)."""
    z = 3 / t - 3
    return mp.erfc(z) * mp.exp(z * z)


# f64 erfc for gelu: z in [0, 10.6] (beyond, gelu underflows in f32)
fit("f64 r_erfc(t = 3/(3+z))", r_erfc, mp.mpf(3) / mp.mpf("13.6"), 1, 12, 53)
