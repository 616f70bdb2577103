/*
 * softmax and log_softmax over rows, forward and backward, for every dtype.
 * Every dtype runs in f64 lanes (d_*): an element of f32, bf16 or f16
 * widens exactly, so x − max and y·dy are exact there; f64 carries x − max
 * as hi + lo (two-sum) and y·dy as a two-product.
 *
 * Bit-identical on every path: each row is cut into blocks of 16 elements
 * (the virtual width, whatever the path's VD), element j adds into virtual
 * lane j mod 16 in order of j, and the 16 lanes are reduced by one fixed
 * tree in plain C.  Every operation is an IEEE one (add, mul, fma, div,
 * an integer-valued rint, a scale by 2^k), the exp below is written in
 * those, and the per-row scalars use libm's log1p (the same function on
 * every path).  max is exact and order-free once −0 is made +0.
 *
 * Forward, per row: pass 1 max and whether a NaN is present; pass 2
 * T = Σ e^(x − max) over the non-maximal elements and C = their count of
 * maximal ones (sums compensated, two-sum per add); pass 3 writes
 * softmax = e^(x − max)/(C + T), log_softmax = (x − max) − log1p(C − 1 + T).
 * A NaN row gives NaN; an all −inf row 0 (log: −inf); a row with +inf
 * gives 1/count to its +inf elements, 0 elsewhere (log: −log count, −inf).
 * In place works: pass 3 reads an element before writing it.
 *
 * Backward: softmax dx = y·(dy − Σ y·dy), log_softmax dx = dy − e^y·Σ dy,
 * the sum the same compensated 16-lane one; dx may be y or dy.
 */
#ifndef ACTFN_GENERIC_ROWS_SOFTMAX_H
#define ACTFN_GENERIC_ROWS_SOFTMAX_H

#include <float.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

#define ACTFN_SM_VW 16        /* the virtual width every path follows */
#define ACTFN_SM_NV (16 / VD) /* vectors per virtual block */
_Static_assert(16 % VD == 0, "the virtual width is a multiple of the lanes");

static const double actfn_sm_iota[16] = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15};

/* Lanes of vector q of a block that hold one of its m elements. */
static inline vdm actfn_sm_live(size_t q, size_t m)
{
    return d_lt(d_load_f64(actfn_sm_iota + q * VD), d_set((double)m));
}

/* s + a = *s' + err exactly (Knuth's two-sum, any order of magnitude). */
static inline vd actfn_sm_two_sum(vd s, vd a, vd *err)
{
    vd t = d_add(s, a), bp = d_sub(t, s);
    *err = d_add(d_sub(s, d_sub(t, bp)), d_sub(a, bp));
    return t;
}
static inline double actfn_sm_two_sum1(double s, double a, double *err)
{
    double t = s + a, bp = t - s;
    *err = (s - (t - bp)) + (a - bp);
    return t;
}

/* e^(h + lo) = (1 + p)·2^k for h ≤ 0, p returned; f64-accurate (the f64
 * dtype needs it; d_exp of math/lanes64.h is graded for f32).  h is
 * clamped to [−745.2, 709.8] (below, e^h is under half the smallest
 * subnormal; above, inf); a NaN h is the caller's to restore.
 * k = rint(h/ln 2); r = h − k·ln 2 carried as r + rl (ln 2's high part has
 * 32 bits, fdlibm's split, so k·LN2_HI and the first step are exact);
 * p = e^r − 1 by its Taylor series to r^14 (|r| ≤ 0.35: remainder below
 * 2^-62 relative), or to r^8 when not full (the dtypes of f32 and
 * narrower: remainder below 2^-31, far under their half ULP); then
 * p + t(1 + p), t = rl + lo.  p's error stays under
 * ~0.6 of its ULP; the caller multiplies 1 + p (or R + p·R) and scales by
 * 2^k with one rounding (d_scale). */
static inline vd actfn_sm_expm1k(vd h, vd lo, vd *k, int full)
{
    h = d_min(d_set(709.8), d_max(d_set(-745.2), h));
    *k = d_rint(d_mul(h, d_set(0x1.71547652b82fep+0)));
    vd r1 = d_fma(*k, d_set(-0x1.62e42feep-1), h);
    vd rl, r = actfn_sm_two_sum(r1, d_mul(*k, d_set(-0x1.a39ef35793c76p-33)), &rl);
    vd q = d_set(0x1.a01a01a01a01ap-16);
    if (full) {
        q = d_set(0x1.93974a8c07c9dp-37);
        q = d_fma(q, r, d_set(0x1.6124613a86d09p-33));
        q = d_fma(q, r, d_set(0x1.1eed8eff8d898p-29));
        q = d_fma(q, r, d_set(0x1.ae64567f544e4p-26));
        q = d_fma(q, r, d_set(0x1.27e4fb7789f5cp-22));
        q = d_fma(q, r, d_set(0x1.71de3a556c734p-19));
        q = d_fma(q, r, d_set(0x1.a01a01a01a01ap-16));
    }
    q = d_fma(q, r, d_set(0x1.a01a01a01a01ap-13));
    q = d_fma(q, r, d_set(0x1.6c16c16c16c17p-10));
    q = d_fma(q, r, d_set(0x1.1111111111111p-7));
    q = d_fma(q, r, d_set(0x1.5555555555555p-5));
    q = d_fma(q, r, d_set(0x1.5555555555555p-3));
    q = d_fma(q, r, d_set(0.5));
    vd p = d_fma(d_mul(r, r), q, r);
    /* |lo| ≤ 2^-44 wherever h is not clamped; a huge x − M's lo is noise */
    vd t = d_add(rl, d_min(d_set(0x1p-40), d_max(d_set(-0x1p-40), lo)));
    return d_add(p, d_fma(t, p, t));
}

/* The 16 compensated virtual lanes (s[i], c[i]) to hi + lo by a fixed tree. */
static inline double actfn_sm_tree(vd *s, vd *c, double *lo)
{
    double hs[16], hc[16];
    for (size_t q = 0; q < ACTFN_SM_NV; q++) {
        d_store_f64(hs + q * VD, s[q]);
        d_store_f64(hc + q * VD, c[q]);
    }
    for (int w = 8; w >= 1; w /= 2)
        for (int i = 0; i < w; i++) {
            double e;
            hs[i] = actfn_sm_two_sum1(hs[i], hs[i + w], &e);
            hc[i] = (hc[i] + hc[i + w]) + e;
        }
    double e, hi = actfn_sm_two_sum1(hs[0], hc[0], &e);
    *lo = e;
    return hi;
}

/* Add a (dead lanes already 0) into the lane (s, c): compensated for f64
 * (F64, the kernel's dtype is f64); for f32 and narrower a plain f64 sum
 * (relative error ≤ 2^16·2^-53 over 2^20 elements, 16 lanes). */
#define ACTFN_SM_ACC(s, c, a)                                                                      \
    do {                                                                                           \
        if (F64) {                                                                                 \
            vd e_;                                                                                 \
            (s) = actfn_sm_two_sum((s), (a), &e_);                                                 \
            (c) = d_add((c), e_);                                                                  \
        } else {                                                                                   \
            (s) = d_add((s), (a));                                                                 \
        }                                                                                          \
    } while (0)

/* x − M = hi + lo exactly; a row whose max M is +inf maps +inf to 0 and
 * the rest to −inf (mass shared by the +inf elements). */
static inline vd actfn_sm_delta(vd x, vd M, int inf, vd *lo)
{
    if (inf) {
        *lo = d_set(0.0);
        return d_sel(d_eq(x, d_set(INFINITY)), d_set(0.0), d_set(-INFINITY));
    }
    vd e, h = actfn_sm_two_sum(x, d_neg(M), &e);
    *lo = d_sel(d_eq(e, e), e, d_set(0.0)); /* x = −inf: e is NaN */
    return h;
}

/* The row loops, over the blocks of 16 elements of a row of n. */
#define ACTFN_SM_FOR_VECTORS(n, j, q, m, ...)                                                      \
    for (size_t j0_ = 0; j0_ < (n); j0_ += ACTFN_SM_VW)                                            \
        for (size_t q = 0; q < ACTFN_SM_NV; q++) {                                                 \
            const size_t j = j0_ + q * VD;                                                         \
            if (j >= (n))                                                                          \
                break;                                                                             \
            const size_t m = (n)-j < VD ? (n)-j : VD;                                              \
            __VA_ARGS__                                                                            \
        }
#define ACTFN_SM_LOAD(T, p, m) ((m) == VD ? d_load_##T(p) : d_load_n_##T(p, m))
#define ACTFN_SM_STORE(T, p, v, m)                                                                 \
    do {                                                                                           \
        if ((m) == VD)                                                                             \
            d_store_##T(p, v);                                                                     \
        else                                                                                       \
            d_store_n_##T(p, v, m);                                                                \
    } while (0)

/* log1p(a) for 0 ≤ a < 2^30 (a count plus a sum of terms ≤ 1), relative
 * error below 2^-44, for the f32-grade log_softmax (which needs 2^-30) —
 * plain C, the same bits on every path, and cheaper than libm's log1p on
 * a row's path.  u = RN(1 + a); its error d = (a − (u − 1))/u (u − 1 and
 * the difference are exact) adds to log u.  u = 2^k·m, m ∈ [√½, √2):
 * log m = 2·atanh(s), s = (m − 1)/(m + 1), |s| ≤ 0.1716, the series to
 * s^15/15 (the rest below 2^-44 relative); ln 2 = LN2_HI + LN2_LO, fdlibm's
 * split (k·LN2_HI exact). */
static inline double actfn_sm_log1p(double a)
{
    const double u = 1.0 + a, d = (a - (u - 1.0)) / u;
    uint64_t b;
    memcpy(&b, &u, sizeof b);
    int k = (int)(b >> 52) - 1023;
    b = (b & 0x000fffffffffffffu) | 0x3ff0000000000000u;
    double m;
    memcpy(&m, &b, sizeof m);
    if (m > 0x1.6a09e667f3bcdp+0) { /* √2 */
        m *= 0.5;
        k++;
    }
    const double s = (m - 1.0) / (m + 1.0), z = s * s;
    double p = 1.0 / 15;
    p = p * z + 1.0 / 13;
    p = p * z + 1.0 / 11;
    p = p * z + 1.0 / 9;
    p = p * z + 1.0 / 7;
    p = p * z + 1.0 / 5;
    p = p * z + 1.0 / 3;
    const double s2 = 2.0 * s;
    return k * 0x1.62e42feep-1 + (s2 + (s2 * (p * z) + (k * 0x1.a39ef35793c76p-33 + d)));
}

/*
 * The forward of the dtypes of f32 grade (f32, bf16, f16) in f32 lanes:
 * twice the lanes of f64 and the f32 exp of math/lanes32.h (≤ 1 ULP, the
 * same bits on every path).  x − M = h + lo exactly (two-sum in f32),
 * e^(h + lo) = e^h·(1 + lo) (lo ≤ half an ULP of h: the dropped lo²/2 is
 * below 2^-40).  On the sum's pass x is first raised to X ≤ M − 128
 * (e^(X − M) is 0 in f32 either way), so lo is finite and needs no select;
 * a row with M = +inf, or so close to −FLT_MAX that X does not exist,
 * takes the careful form.  The sum has its own fixed order: 16 virtual f32
 * lanes (element j into lane j mod 16), each a Fast2Sum into (sh, sc) with
 * sh starting at 1 (≥ every term, so each add's error is exact in sc); sc
 * goes into 16 f64 lanes every 256 elements, sh − 1 at the end (exact:
 * multiples of 2^-23 below 2^21), and each set of f64 lanes is reduced by
 * one fixed pairwise tree: S = H + Lo within 2^-40 relative for 2^20
 * elements.  softmax = RN(e·R), R = 1/S rounded to float: ≤ 1 + 0.5 + 0.5
 * ULP.  log_softmax = RN(RN(x − M) − RN(L)), L = log1p((H − 1) + Lo): the
 * non-maximal mass keeps its precision however small, and as h ≤ 0 ≤ L
 * each rounding is within half an ULP of y (≤ 1.5 ULP).  The f32 dtype
 * stores e·(1 + lo) in y on the sum's pass and scales it in place on the
 * last (y may be x: x is not read after the sum); bf16 and f16 compute e
 * again.
 */
static const float actfn_sm_iota32[16] = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15};
_Static_assert(16 % VF == 0, "the virtual width is a multiple of the f32 lanes");
static inline vfm actfn_sm_live32(size_t m)
{
    return v_lt(v_load_f32(actfn_sm_iota32), v_set((float)m));
}
/* x − M = h + lo; careful: any x (−inf: lo 0; M = +inf: +inf to 0, the rest
 * to −inf); else x is raised to X first (x = NaN stays NaN either way, for
 * the sum to find). */
static inline __attribute__((always_inline)) vf actfn_sm_delta32(vf x, vf negM, vf X, int careful,
                                                                 int inf, vf *lo)
{
    if (inf) {
        *lo = v_set(0.0f);
        return v_sel(v_eq(x, v_set(INFINITY)), v_set(0.0f), v_sel(v_eq(x, x), v_set(-INFINITY), x));
    }
    if (!careful)
        x = v_max(X, x);
    vf s = v_add(x, negM), bp = v_sub(s, x);
    vf e = v_add(v_sub(x, v_sub(s, bp)), v_sub(negM, bp));
    *lo = careful ? v_sel(v_eq(e, e), e, v_set(0.0f)) : e; /* x = −inf: e is NaN */
    return s;
}
static inline vf actfn_sm_exp32(vf h, vf lo)
{
    /* v_exp for h ≤ 0 (not NaN) without its upper clamp and tiny-x flush:
     * where |h| < 2^-40 the flush gives 1 and so does RN(1 + t) */
    vf k, t = v_exp_reduce_raw(v_max(v_set(-104.0f), h), &k);
    vf e = v_scale(v_add(v_set(1.0f), t), k);
    return v_fma(e, lo, e);
}
#define ACTFN_SM_LOAD32(T, p, m) ((m) == VF ? v_load_##T(p) : v_load_n_##T(p, m))
#define ACTFN_SM_STORE32(T, p, v, m)                                                               \
    do {                                                                                           \
        if ((m) == VF)                                                                             \
            v_store_##T(p, v);                                                                     \
        else                                                                                       \
            v_store_n_##T(p, v, m);                                                                \
    } while (0)
#define ACTFN_SM_FOR32(n, j, m, ...)                                                               \
    for (size_t j = 0; j < (n); j += VF) {                                                         \
        const size_t m = (n)-j < VF ? (n)-j : VF;                                                  \
        __VA_ARGS__                                                                                \
    }
#define ACTFN_SM_ROW32(T, ctype)                                                                   \
    /* The sum's pass over the 16 virtual lanes (element j into lane j mod 16): each               \
     * lane a Fast2Sum into (sh ≥ 1, sc), sc flushed into the f64 lanes lo every 256             \
     * elements; returns sh − 1 per lane into hi (f64, exact). */                                \
    static inline __attribute__((always_inline)) void T##_sm_sum32(                                \
        const ctype *x, ctype *y, size_t n, vf negM, vf X, int careful, int inf, int keep, vd *hi, \
        vd *lo)                                                                                    \
    {                                                                                              \
        _Alignas(64) float buf[16];                                                                \
        vf sh[16 / VF], sc[16 / VF];                                                               \
        _Pragma("GCC unroll 16") for (size_t u = 0; u < 16 / VF; u++)                              \
        {                                                                                          \
            sh[u] = v_set(1.0f); /* ≥ every term: each add is a Fast2Sum */                      \
            sc[u] = v_set(0.0f);                                                                   \
        }                                                                                          \
        for (size_t b = 0; b < n; b += 16) {                                                       \
            _Pragma("GCC unroll 16") for (size_t u = 0; u < 16 / VF; u++)                          \
            {                                                                                      \
                const size_t j = b + u * VF;                                                       \
                if (j >= n)                                                                        \
                    break;                                                                         \
                const size_t m = n - j < VF ? n - j : VF;                                          \
                vf l,                                                                              \
                    h = actfn_sm_delta32(ACTFN_SM_LOAD32(T, x + j, m), negM, X, careful, inf, &l); \
                vf e = actfn_sm_exp32(h, l);                                                       \
                if (keep)                                                                          \
                    ACTFN_SM_STORE32(f32, (float *)(void *)y + j, e, m);                           \
                if (m < VF) /* a tail: its dead lanes add nothing */                               \
                    e = v_sel(actfn_sm_live32(m), e, v_set(0.0f));                                 \
                vf t = v_add(sh[u], e);                                                            \
                sc[u] = v_add(sc[u], v_sub(e, v_sub(t, sh[u])));                                   \
                sh[u] = t;                                                                         \
            }                                                                                      \
            if ((b / 16) % 16 == 15 || b + 16 >= n) {                                              \
                _Pragma("GCC unroll 16") for (size_t u = 0; u < 16 / VF; u++)                      \
                {                                                                                  \
                    v_store_f32(buf + u * VF, sc[u]);                                              \
                    sc[u] = v_set(0.0f);                                                           \
                }                                                                                  \
                _Pragma("GCC unroll 16") for (size_t q = 0; q < 16 / VD; q++) lo[q] =              \
                    d_add(lo[q], d_load_f32(buf + q * VD));                                        \
            }                                                                                      \
        }                                                                                          \
        _Pragma("GCC unroll 16") for (size_t u = 0; u < 16 / VF; u++)                              \
            v_store_f32(buf + u * VF, sh[u]);                                                      \
        _Pragma("GCC unroll 16") for (size_t q = 0; q < 16 / VD; q++) hi[q] =                      \
            d_sub(d_load_f32(buf + q * VD), d_set(1.0));                                           \
    }                                                                                              \
    /* 16 virtual f64 lanes to one sum by a fixed pairwise tree, lane i + w onto lane i            \
     * for w = 8, 4, 2, 1: whole vectors while w ≥ VD, then d_hsum_halves within one */          \
    static inline double T##_sm_tree32(vd *s)                                                      \
    {                                                                                              \
        for (size_t w = 16 / VD / 2; w >= 1; w /= 2)                                               \
            for (size_t q = 0; q < w; q++)                                                         \
                s[q] = d_add(s[q], s[q + w]);                                                      \
        return d_hsum_halves(s[0]);                                                                \
    }                                                                                              \
    static void T##_sm_row32(const ctype *x, ctype *y, size_t n, int lg)                           \
    {                                                                                              \
        /* max; a NaN may or may not survive v_max, the sum below finds it */                      \
        vf mx = v_set(-INFINITY), mx1 = mx, mx2 = mx, mx3 = mx;                                    \
        size_t j4 = 0;                                                                             \
        for (; j4 + 4 * VF <= n; j4 += 4 * VF) {                                                   \
            mx = v_max(mx, v_load_##T(x + j4));                                                    \
            mx1 = v_max(mx1, v_load_##T(x + j4 + VF));                                             \
            mx2 = v_max(mx2, v_load_##T(x + j4 + 2 * VF));                                         \
            mx3 = v_max(mx3, v_load_##T(x + j4 + 3 * VF));                                         \
        }                                                                                          \
        for (; j4 < n; j4 += VF) {                                                                 \
            const size_t m = n - j4 < VF ? n - j4 : VF;                                            \
            vf v = ACTFN_SM_LOAD32(T, x + j4, m);                                                  \
            mx = v_max(mx, m == VF ? v : v_sel(actfn_sm_live32(m), v, v_set(-INFINITY)));          \
        }                                                                                          \
        mx = v_max(v_max(mx, mx1), v_max(mx2, mx3));                                               \
        int anynan = v_any(v_isnan(mx));                                                           \
        const float M = anynan ? NAN : v_hmax(mx) + 0.0f; /* −0 → +0 */                        \
        if (M == -INFINITY && !anynan)                    /* all −inf, or a NaN v_max dropped */ \
            ACTFN_SM_FOR32(n, j, m, {                                                              \
                vf v = ACTFN_SM_LOAD32(T, x + j, m);                                               \
                anynan |= v_any(v_isnan(v)); /* a tail's dead lanes load 0 */                      \
            })                                                                                     \
        if (anynan || M == -INFINITY) {                                                            \
            vf f = v_set(anynan ? NAN : lg ? -INFINITY : 0.0f);                                    \
            ACTFN_SM_FOR32(n, j, m, { ACTFN_SM_STORE32(T, y + j, f, m); })                         \
            return;                                                                                \
        }                                                                                          \
        /* X ≤ M − 128, so RN(X − M) ≤ −128; the margin |M − 128|·2^-22 covers the    \
         * rounding to float (no libm call on the row's path) */                                   \
        const double Xd = (double)M - 128.0;                                                       \
        const float Xf = (float)(Xd - fabs(Xd) * 0x1p-22);                                         \
        const int inf = M == INFINITY, careful = !inf && !(Xf >= -FLT_MAX);                        \
        const int keep = sizeof(ctype) == 4 && !lg;                                                \
        const vf negM = v_set(-M), X = v_set(Xf);                                                  \
        vd hi[16 / VD], lo[16 / VD];                                                               \
        _Pragma("GCC unroll 16") for (size_t q = 0; q < 16 / VD; q++) lo[q] = d_set(0.0);          \
        if (inf)                                                                                   \
            T##_sm_sum32(x, y, n, negM, X, 1, 1, keep, hi, lo);                                    \
        else if (careful)                                                                          \
            T##_sm_sum32(x, y, n, negM, X, 1, 0, keep, hi, lo);                                    \
        else if (keep)                                                                             \
            T##_sm_sum32(x, y, n, negM, X, 0, 0, 1, hi, lo);                                       \
        else                                                                                       \
            T##_sm_sum32(x, y, n, negM, X, 0, 0, 0, hi, lo);                                       \
        /* S = H + Lo: H = Σ (sh − 1) is exact (multiples of 2^-23 below 2^21), Lo              \
         * the small parts; log_softmax takes S − 1 = (H − 1) + Lo, exact but for              \
         * one rounding, so log1p keeps the non-maximal mass T however small */                    \
        const double H = T##_sm_tree32(hi), Lo = T##_sm_tree32(lo);                                \
        if (H != H || Lo != Lo) { /* a NaN in the row (x − M, then e, is NaN) */                 \
            ACTFN_SM_FOR32(n, j, m, { ACTFN_SM_STORE32(T, y + j, v_set(NAN), m); })                \
            return;                                                                                \
        }                                                                                          \
        if (lg) {                                                                                  \
            /* y = RN(RN(x − M) − RN(L)): h ≤ 0 ≤ L, so |y| ≥ |h|, L and each of the     \
             * three roundings is within half an ULP of y: ≤ 1.5 ULP, no x − M carried */      \
            const vf Lv = v_set((float)actfn_sm_log1p((H - 1.0) + Lo));                            \
            if (inf)                                                                               \
                ACTFN_SM_FOR32(n, j, m, {                                                          \
                    vf l, h = actfn_sm_delta32(ACTFN_SM_LOAD32(T, x + j, m), negM, X, 1, 1, &l);   \
                    ACTFN_SM_STORE32(T, y + j, v_sub(h, Lv), m);                                   \
                })                                                                                 \
            else                                                                                   \
                ACTFN_SM_FOR32(n, j, m, {                                                          \
                    vf v = ACTFN_SM_LOAD32(T, x + j, m);                                           \
                    ACTFN_SM_STORE32(T, y + j, v_sub(v_add(v, negM), Lv), m);                      \
                })                                                                                 \
            return;                                                                                \
        }                                                                                          \
        const vf Rv = v_set((float)(1.0 / (H + Lo)));                                              \
        if (keep) {                                                                                \
            float *yf = (float *)(void *)y;                                                        \
            ACTFN_SM_FOR32(n, j, m, {                                                              \
                ACTFN_SM_STORE32(f32, yf + j, v_mul(ACTFN_SM_LOAD32(f32, yf + j, m), Rv), m);      \
            })                                                                                     \
            return;                                                                                \
        }                                                                                          \
        ACTFN_SM_FOR32(n, j, m, {                                                                  \
            vf l, h = actfn_sm_delta32(ACTFN_SM_LOAD32(T, x + j, m), negM, X, 1, inf, &l);         \
            ACTFN_SM_STORE32(T, y + j, v_mul(actfn_sm_exp32(h, l), Rv), m);                        \
        })                                                                                         \
    }
/* The forward row of each storage type: f32 lanes below f64. */
#define ACTFN_SM_ROW_float(T) T##_sm_row32
#define ACTFN_SM_ROW_uint16_t(T) T##_sm_row32
#define ACTFN_SM_ROW_double(T) T##_sm_row

/* fwd_sm, fwd_lsm, bwd_sm, bwd_lsm: the kernels of dtype T (ctype). */
#define ACTFN_SOFTMAX_KERNELS(fwd_sm, bwd_sm, fwd_lsm, bwd_lsm, T, ctype)                          \
    __attribute__((unused)) /* below f64: T##_sm_row32 */                                          \
    static void T##_sm_row(const ctype *x, ctype *y, size_t n, int lg)                             \
    {                                                                                              \
        const int F64 = sizeof(ctype) == 8;                                                        \
        vd mx = d_set(-INFINITY), nan = d_set(0.0);                                                \
        ACTFN_SM_FOR_VECTORS(n, j, q, m, {                                                         \
            vd v = ACTFN_SM_LOAD(T, x + j, m);                                                     \
            vdm live = actfn_sm_live(0, m);                                                        \
            mx = d_max(mx, d_sel(live, v, d_set(-INFINITY)));                                      \
            nan = d_max(nan, d_sel(live, d_sel(d_eq(v, v), d_set(0.0), d_set(1.0)), d_set(0.0)));  \
        })                                                                                         \
        double hm[VD], hn[VD], M = -INFINITY;                                                      \
        int anynan = 0;                                                                            \
        d_store_f64(hm, mx);                                                                       \
        d_store_f64(hn, nan);                                                                      \
        for (int i = 0; i < VD; i++) {                                                             \
            M = hm[i] > M ? hm[i] : M;                                                             \
            anynan |= hn[i] != 0.0;                                                                \
        }                                                                                          \
        M = M + 0.0; /* −0 → +0: max(±0) may be either, x − M must not */                   \
        if (anynan || M == -INFINITY) {                                                            \
            vd f = d_set(anynan ? NAN : lg ? -INFINITY : 0.0);                                     \
            ACTFN_SM_FOR_VECTORS(n, j, q, m, { ACTFN_SM_STORE(T, y + j, f, m); })                  \
            return;                                                                                \
        }                                                                                          \
        const int inf = M == INFINITY;                                                             \
        const vd Mv = d_set(M);                                                                    \
        vd s[ACTFN_SM_NV], c[ACTFN_SM_NV], ks[ACTFN_SM_NV];                                        \
        for (size_t q = 0; q < ACTFN_SM_NV; q++)                                                   \
            s[q] = c[q] = ks[q] = d_set(0.0);                                                      \
        ACTFN_SM_FOR_VECTORS(n, j, q, m, {                                                         \
            vd lo, h = actfn_sm_delta(ACTFN_SM_LOAD(T, x + j, m), Mv, inf, &lo);                   \
            vd kk, pp = actfn_sm_expm1k(h, lo, &kk, F64);                                          \
            vd e = d_scale(d_add(d_set(1.0), pp), kk); /* e^(h + lo) */                            \
            vdm top = d_eq(d_add(h, lo), d_set(0.0)), live = actfn_sm_live(0, m);                  \
            ks[q] = d_add(ks[q], d_sel(live, d_sel(top, d_set(1.0), d_set(0.0)), d_set(0.0)));     \
            ACTFN_SM_ACC(s[q], c[q], d_sel(live, d_sel(top, d_set(0.0), e), d_set(0.0)));          \
        })                                                                                         \
        double tlo, thi = actfn_sm_tree(s, c, &tlo);                                               \
        double zk[16], k = 0.0;                                                                    \
        for (size_t q = 0; q < ACTFN_SM_NV; q++)                                                   \
            d_store_f64(zk + q * VD, ks[q]);                                                       \
        for (int i = 0; i < 16; i++)                                                               \
            k += zk[i]; /* a count: exact */                                                       \
        if (lg) {                                                                                  \
            /* log S = log1p((k − 1) + T), T = thi + tlo */                                      \
            double e1, e2, a = actfn_sm_two_sum1(k - 1.0, thi, &e1);                               \
            double b = actfn_sm_two_sum1(a, e1 + tlo, &e2);                                        \
            double L = log1p(b) + e2 / (1.0 + b);                                                  \
            const vd Lv = d_set(L);                                                                \
            ACTFN_SM_FOR_VECTORS(n, j, q, m, {                                                     \
                vd lo, h = actfn_sm_delta(ACTFN_SM_LOAD(T, x + j, m), Mv, inf, &lo);               \
                ACTFN_SM_STORE(T, y + j, d_add(d_sub(h, Lv), lo), m);                              \
            })                                                                                     \
        } else {                                                                                   \
            /* 1/S, S = k + T = shi + slo */                                                       \
            double e1, e2, a = actfn_sm_two_sum1(k, thi, &e1);                                     \
            double shi = actfn_sm_two_sum1(a, e1 + tlo, &e2);                                      \
            double r = 1.0 / shi;                                                                  \
            double rn = fma(-(r * e2), r, r);                                                      \
            double re = fma(-shi, r, 1.0);                                                         \
            r = fma(rn, re, rn); /* one Newton step: 1/(shi + slo) to ~2^-104 */                   \
            const vd Rv = d_set(r);                                                                \
            ACTFN_SM_FOR_VECTORS(n, j, q, m, {                                                     \
                vd lo, h = actfn_sm_delta(ACTFN_SM_LOAD(T, x + j, m), Mv, inf, &lo);               \
                vd kk, pp = actfn_sm_expm1k(h, lo, &kk, F64);                                      \
                ACTFN_SM_STORE(T, y + j, d_scale(d_fma(pp, Rv, Rv), kk), m); /* R·e^(h + lo) */   \
            })                                                                                     \
        }                                                                                          \
    }                                                                                              \
    static void T##_sm_bwd_row(const ctype *y, const ctype *dy, ctype *dx, size_t n, int lg)       \
    {                                                                                              \
        const int F64 = sizeof(ctype) == 8;                                                        \
        vd s[ACTFN_SM_NV], c[ACTFN_SM_NV];                                                         \
        for (size_t q = 0; q < ACTFN_SM_NV; q++)                                                   \
            s[q] = c[q] = d_set(0.0);                                                              \
        ACTFN_SM_FOR_VECTORS(n, j, q, m, {                                                         \
            vdm live = actfn_sm_live(0, m);                                                        \
            vd g = d_sel(live, ACTFN_SM_LOAD(T, dy + j, m), d_set(0.0));                           \
            if (lg) {                                                                              \
                ACTFN_SM_ACC(s[q], c[q], g);                                                       \
            } else {                                                                               \
                vd v = d_sel(live, ACTFN_SM_LOAD(T, y + j, m), d_set(0.0));                        \
                vd p = d_mul(v, g); /* exact below f64 */                                          \
                ACTFN_SM_ACC(s[q], c[q], p);                                                       \
                if (F64) { /* y·dy = p + pe */                                                    \
                    vd pe = d_fma(v, g, d_neg(p));                                                 \
                    c[q] = d_add(c[q], d_sel(d_eq(pe, pe), pe, d_set(0.0)));                       \
                }                                                                                  \
            }                                                                                      \
        })                                                                                         \
        double slo, shi = actfn_sm_tree(s, c, &slo);                                               \
        if (shi != shi || shi == INFINITY || shi == -INFINITY)                                     \
            slo = 0.0;                                                                             \
        const vd Sh = d_set(shi), Sl = d_set(slo);                                                 \
        ACTFN_SM_FOR_VECTORS(n, j, q, m, {                                                         \
            vd v = ACTFN_SM_LOAD(T, y + j, m), g = ACTFN_SM_LOAD(T, dy + j, m);                    \
            vd r;                                                                                  \
            if (lg) {                                                                              \
                vd kk, pp = actfn_sm_expm1k(v, d_set(0.0), &kk, F64);                              \
                vd ey = d_scale(d_add(d_set(1.0), pp), kk);                                        \
                ey = d_sel(d_eq(v, v), ey, v); /* NaN through, whatever the clamp did */           \
                r = d_fma(d_neg(ey), Sh, d_fma(d_neg(ey), Sl, g));                                 \
            } else {                                                                               \
                r = d_mul(v, d_sub(d_sub(g, Sh), Sl));                                             \
            }                                                                                      \
            ACTFN_SM_STORE(T, dx + j, r, m);                                                       \
        })                                                                                         \
    }                                                                                              \
    static void fwd_sm(const actfn_rows_args *a)                                                   \
    {                                                                                              \
        v_fenv env = v_fenv_enter();                                                               \
        for (size_t i = 0; i < a->rows; i++)                                                       \
            ACTFN_CAT(ACTFN_SM_ROW_, ctype)                                                        \
        (T)((const ctype *)a->x + i * a->ldx, (ctype *)a->y + i * a->ldy, a->cols, 0);             \
        v_fenv_leave(env);                                                                         \
    }                                                                                              \
    static void fwd_lsm(const actfn_rows_args *a)                                                  \
    {                                                                                              \
        v_fenv env = v_fenv_enter();                                                               \
        for (size_t i = 0; i < a->rows; i++)                                                       \
            ACTFN_CAT(ACTFN_SM_ROW_, ctype)                                                        \
        (T)((const ctype *)a->x + i * a->ldx, (ctype *)a->y + i * a->ldy, a->cols, 1);             \
        v_fenv_leave(env);                                                                         \
    }                                                                                              \
    static void bwd_sm(const actfn_rows_args *a)                                                   \
    {                                                                                              \
        v_fenv env = v_fenv_enter();                                                               \
        for (size_t i = 0; i < a->rows; i++)                                                       \
            T##_sm_bwd_row((const ctype *)a->y + i * a->ldy, (const ctype *)a->dy + i * a->lddy,   \
                           (ctype *)a->dx + i * a->lddx, a->cols, 0);                              \
        v_fenv_leave(env);                                                                         \
    }                                                                                              \
    static void bwd_lsm(const actfn_rows_args *a)                                                  \
    {                                                                                              \
        v_fenv env = v_fenv_enter();                                                               \
        for (size_t i = 0; i < a->rows; i++)                                                       \
            T##_sm_bwd_row((const ctype *)a->y + i * a->ldy, (const ctype *)a->dy + i * a->lddy,   \
                           (ctype *)a->dx + i * a->lddx, a->cols, 1);                              \
        v_fenv_leave(env);                                                                         \
    }

#endif
