#!/usr/bin/python3
"""Derives the polynomial coefficients of src/generic/math/lanes32.h and lanes64.h.

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
def exp_table32_fit():
    """f32 exp with a 32-entry table of 2^(j/32) (avx512, v_exp_tab32): r in
    [-ln2/64, ln2/64] (the interval a little wider), e^r = 1 + r (c1 + c2 r)
    with c1 free (not 1): the minimax of the relative error, here of the f32
    coefficients themselves (a search on the f32 lattice around the
    near-minimax c1 = 1 + h^2/8, c2 = 1/2 + h^2/24, whose error is the h^3/24
    of the r^3 term)."""
    h = LN2 / 64 * (1 + mp.mpf(2) ** -8)
    grid = [-h + 2 * h * i / 600 for i in range(601)]
    ex = [mp.exp(r) for r in grid]

    def err(c1, c2):
        return max(abs((1 + r * (c1 + c2 * r)) / e - 1) for r, e in zip(grid, ex))

    c1, c2 = mp.mpf(f32(1 + h * h / 8)), mp.mpf(f32(mp.mpf(1) / 2 + h * h / 24))
    best = (err(c1, c2), c1, c2)
    for d1 in range(-4, 5):
        for d2 in range(-40, 41):
            a, b = c1 + d1 * mp.mpf(2) ** -23, c2 + d2 * mp.mpf(2) ** -24
            best = min(best, (err(a, b), a, b))
    e, c1, c2 = best
    print(f"/* e^r = 1 + r (c1 + c2 r) on [-ln2/64, ln2/64], f32 coefficients: relative error "
          f"2^{mp.nstr(mp.log(e, 2), 4)} */")
    print(f"    c1 = {hexf(float(c1))}, c2 = {hexf(float(c2))}")
    print()


def exp2_table_ratio(n):
    """2^(j/n) as hi·(1 + rho): hi rounded to float (exp2_table), rho = 2^(j/n)/hi - 1 rounded to
    float (rho[0] = -0, so that a sum with it keeps the sign of a -0); the largest |rho| and the
    worst relative error of hi·(1 + rho)."""
    his = [f32(mp.mpf(2) ** (mp.mpf(j) / n)) for j in range(n)]
    rhos = [f32(mp.mpf(2) ** (mp.mpf(j) / n) / mp.mpf(h) - 1) for j, h in enumerate(his)]
    big = max(abs(mp.mpf(r)) for r in rhos)
    worst = max(abs(mp.mpf(h) * (1 + mp.mpf(r)) / mp.mpf(2) ** (mp.mpf(j) / n) - 1)
                for j, (h, r) in enumerate(zip(his, rhos)))
    print(f"/* 2^(j/{n}) = hi·(1 + rho), j = 0..{n - 1}: |rho| ≤ 2^{mp.nstr(mp.log(big, 2), 4)}, "
          f"worst relative error 2^{mp.nstr(mp.log(worst, 2), 4)} */")
    print("rho: -0.0f, " + ", ".join(hexf(v) for v in rhos[1:]))
    print()


def exp2_table(n):
    """2^(j/n) rounded to float, and its worst relative rounding."""
    vals = [f32(mp.mpf(2) ** (mp.mpf(j) / n)) for j in range(n)]
    worst = max(abs(mp.mpf(v) / mp.mpf(2) ** (mp.mpf(j) / n) - 1) for j, v in enumerate(vals))
    print(f"/* 2^(j/{n}), j = 0..{n - 1}, rounded to f32: worst relative rounding {mp.nstr(worst * 2 ** 24, 3)}·2^-24 */")
    print(", ".join(hexf(v) for v in vals))
    print()


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


def q_log1p(a):
    """(a - log1p(a)) / a^2: log1p(a) = a - a^2 q(a)."""
    if a < mp.mpf(2) ** -60:
        return mp.mpf(1) / 2 - a / 3
    return (a - mp.log1p(a)) / a ** 2


# f32 log1p on [0, 1] (softplus, log_sigmoid: log1p(e^-|z|)), no division
fit("f32 q_log1p(a)", q_log1p, 0, 1, 8, 24)


def r_erfc(t):
    """erfc(z)·e^(z²) at z = 3/t − 3, as a function of t = 3/(3 + z)."""
    z = 3 / t - 3
    return mp.erfc(z) * mp.exp(z * z)


# f64 erfc for gelu: z in [0, 10.6] (beyond, gelu underflows in f32)
fit("f64 r_erfc(t = 3/(3+z))", r_erfc, mp.mpf(3) / mp.mpf("13.6"), 1, 12, 53)


def mills_half(u):
    """R(u) = e^(u²/2)·Φ(−u) = erfcx(u/√2)/2: Φ(−u) = e^(−u²/2)·R(u)."""
    return mp.exp(u * u / 2) * mp.erfc(u / mp.sqrt(2)) / 2


def f32(c):
    return struct.unpack("f", struct.pack("f", float(c)))[0]


def hexf(v):
    """A float as a C hex literal without trailing zeros: 0x1.d898dep-3f."""
    m, e = v.hex().split("p")
    m = m.rstrip("0").rstrip(".") if "." in m else m
    return f"{m}p{e}f"


def ncdf_tables(deg=7, nbins=16, prefix="NCDF"):
    """f32 gelu: Φ(−u) = e^(−u²/2)·R(u), R on 16 bins of u in [0, 15), bin b = (bits(2u + 2) >> 21) & 15
    (the exponent's low two bits and the top two mantissa bits of 2u + 2:
    widths 1/4 on [0, 1), 1/2 on [1, 3), 1 on [3, 7), 2 on [7, 15)); with
    nbins = 8 (the avx2 path, whose one permute reads 8 entries), b = (bits(2u
    + 2) >> 22) & 7, the bins twice as wide.  On each
    bin R(c + s) = c0 + s·(c1 + s·(… c7)), c the bin's centre, c0 carried as
    hi + lo so that R rounds once at the end.  Each fit is made a little wider
    than its bin (2u + 2 rounds).  Prints the C tables and, for the f32
    evaluation with these coefficients (Horner in f32 with FMA), the worst
    relative error of R on a dense grid."""
    per = nbins // 4  # bins per binade of 2u + 2
    bins = []
    for e in range(4):
        for m in range(per):
            lo = mp.mpf(2) ** e * (1 + mp.mpf(m) / per) - 1
            hi = mp.mpf(2) ** e * (1 + mp.mpf(m + 1) / per) - 1
            bins.append((lo, hi))
    cen, c0h, c0l, cs = [], [], [], [[] for _ in range(deg)]
    worst = 0
    for lo, hi in bins:
        c = f32((lo + hi) / 2)
        h = (hi - lo) / 2 * (1 + mp.mpf(2) ** -10)
        co, err = mp.chebyfit(lambda s: mills_half(c + s), [-h, h], deg + 1, error=True)
        co = co[::-1]
        a = f32(co[0])
        cen.append(c)
        c0h.append(a)
        c0l.append(f32(co[0] - a))
        for i in range(deg):
            cs[i].append(f32(co[i + 1]))
        # the f32 evaluation (FMA Horner, one rounding per step) on a grid
        for j in range(801):
            u = f32(lo + (hi - lo) * j / 800)
            sj = f32(mp.mpf(u) - c)
            p = mp.mpf(cs[deg - 1][-1])
            for i in range(deg - 2, -1, -1):
                p = mp.mpf(f32(p * sj + cs[i][-1]))
            r = f32(mp.mpf(f32(sj * p + c0l[-1])) + a)
            worst = max(worst, abs(r / mills_half(mp.mpf(c) + sj) - 1))
    print(f"/* f32 Φ(−u) = e^(−u²/2)·R(u): R on {nbins} bins, degree {deg}; f32 evaluation worst "
          f"relative error {mp.nstr(worst, 3)} = 2^{mp.nstr(mp.log(worst, 2), 3)} */")
    def row(name, vals):
        print(f"static const _Alignas(64) float {name}[{nbins}] = {{")
        for i in range(0, nbins, 4):
            print("    " + ", ".join(hexf(v) for v in vals[i:i + 4]) + ",")
        print("};")
    row(f"{prefix}_C", cen)
    row(f"{prefix}_R0H", c0h)
    row(f"{prefix}_R0L", c0l)
    for i in range(deg):
        row(f"{prefix}_R{i + 1}", cs[i])


ncdf_tables(6)
ncdf_tables(8, 8, "NCDF8")
exp_table32_fit()
exp2_table(32)
# f32 1 - e^x with the same table and its ratio to 2^(j/32) (avx512, v_1m_exp_tab32: elu, tanh):
# e^r = 1 + r + r^2 (c2 + c3 r) on [-ln2/64, ln2/64], the fit a little wider; its error is
# relative to e^r - 1
fit("f32 q_exp, table of 32", q_exp, -LN2 / 64 * (1 + mp.mpf(2) ** -8),
    LN2 / 64 * (1 + mp.mpf(2) ** -8), 1, 24)
exp2_table_ratio(32)
# f32 e^(-u^2/2) with a 16-entry table (avx512, v_ncdf_exp: gelu): r in [-ln2/32, ln2/32] plus
# the low part of -u^2/2 (up to 2^-16), the fit a little wider; e^r - 1 = r (1 + r (c2 + c3 r)),
# 2^-27.7 absolute with these coefficients rounded to f32.  The table is EXP2_TAB32 and
# EXP2_TAB32_RHO at even j.
fit("f32 q_exp, table of 16", q_exp, -LN2 / 32 * (1 + mp.mpf(2) ** -8),
    LN2 / 32 * (1 + mp.mpf(2) ** -8), 1, 24)
# the same with 8 entries (avx2, one vpermps each; v_ncdf_exp under ACTFN_VEC_LUT8): r in
# [-ln2/16, ln2/16] plus the low part, e^r - 1 = r (1 + r (c2 + c3 r + c4 r^2)), 2^-31.5 absolute
# (the fit's 1.7e-7 relative error in q times r^2); EXP2_TAB32 and EXP2_TAB32_RHO at 4j
fit("f32 q_exp, table of 8", q_exp, -LN2 / 16 * (1 + mp.mpf(2) ** -8),
    LN2 / 16 * (1 + mp.mpf(2) ** -8), 2, 24)
