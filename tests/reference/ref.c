/*
 * The reference's machinery: e^x, the table over src/registry/eltwise.def,
 * the zeros of f' and the float ULP measure.  The functions themselves are
 * in ref_functions.c; ref.h is the interface and the accuracy promise.
 */
#include "ref.h"

#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* ---- helpers ------------------------------------------------------------------ */

/* e^x for the references.  glibc's expl spends most of its ~55 ns saving
 * and restoring the floating-point environment, which made it the largest
 * single cost of the exhaustive sweep.  For |x| < 700: e^x = 2^n·(1 + expm1(r)),
 * n = rint(x/ln2), r = x − n·ln2 with ln2 split so that n·LN2_HI is exact
 * (LN2_HI has 42 significant bits, |n| ≤ 1010 has 10), |r| ≤ ln2/2, and
 * 2^n built as a double.  The error is expm1l's (< 1 ulp of long double) plus
 * two roundings: a few 2^-64 relative, far below the 2^-30 an f32 ULP
 * measure needs.  Above 11400 the result is +inf, below −11500 it is 0 in
 * both x87 extended and binary128 long double (e^-11500 < 2^-16591, below
 * half of binary128's smallest subnormal 2^-16494); NaN stays NaN; in
 * between expl itself.  Checked against expl by test_ref.c. */
#define LN2_HI 0x1.62e42fefa38p-1L
#define LN2_LO 0x1.ef35793c7673007e5ed5e81e6864p-45L /* ln2 − LN2_HI */
#define INV_LN2 1.44269504088896340735992468100189214L
static long double exp_eval(long double x)
{
    if (x != x)
        return x;
    if (x <= -11500.0L)
        return 0.0L;
    if (x >= 11400.0L)
        return HUGE_VALL;
    if (fabsl(x) >= 700.0L)
        return expl(x);
    long double n = rintl(x * INV_LN2);
    long double r = (x - n * LN2_HI) - n * LN2_LO;
    uint64_t v = (uint64_t)((int64_t)n + 1023) << 52;
    double p;
    memcpy(&p, &v, sizeof p);
    return (1.0L + expm1l(r)) * (long double)p;
}

long double ref_exp(long double x)
{
    /* A function's forward and derivative references mostly take e^ of the
     * same argument, one after the other: the last one is kept (per
     * thread).  The exhaustive sweep of silu, gelu_tanh, mish, softplus,
     * tanh, gaussian and loglog: 9% less time, the same results.  e^±0 = 1
     * for the initial state. */
    static _Thread_local long double last_x = 0.0L, last_r = 1.0L;
    if (x == last_x)
        return last_r;
    last_r = exp_eval(x);
    last_x = x;
    return last_r;
}

/* ---- the table, from the registry ------------------------------------------------------------- */

/* Variadic so that new registry columns do not matter here. */
#define ACTFN_ELTWISE(name, KIND, ...) [ACTFN_##KIND] = {ref_##name##_fwd, ref_##name##_der, #name},
const ref_entry ref_table[ACTFN_KIND_COUNT] = {
#include "registry/eltwise.def"
};
#undef ACTFN_ELTWISE

/* ---- zeros of f' ----------------------------------------------------------------------------------
 * For the contract's "≤ 2^-23 absolute near the zeros of f'": brackets
 * [lo, hi] around the finite zeros of ref_<name>_der where f' crosses zero
 * through cancellation, each containing one sign change, at the default
 * parameters (swish: alpha = 1; its zero is u0/alpha in general).  The roots
 * are found by bisection, not typed in; for reference, to 25 digits where
 * given:
 *  - gelu' −0.75179…, gelu_tanh' −0.7518…, silu' −1 − W(1/e) = −1.27846…,
 *    mish' −1.1924…, hard_swish' −1.5 exactly;
 *  - quick_gelu', swish' at u0 = −1 − W(1/e) of u = 1.702x resp. alpha·x;
 *  - sin' = cos at ±(2j+1)π/2 and cos' = −sin at ±jπ, |multiple of π/2| <= 8;
 *  - sinc' at the first 8 positive and negative roots of tan x = x;
 *  - tanhshrink' = tanh² has a double zero at 0: no sign change, listed as
 *    the degenerate bracket [0, 0].
 * Deliberately not listed: zeros where f' is exactly 0 on a whole interval
 * (relu, hard_swish below −3) — there f' is exact and must be 0 — and the
 * simple zeros exactly at 0 of gaussian' (−2x e^−x²), sinc' (−x/3 + …) and
 * cos' (−sin x): there f' ≈ c·x is computed to full relative accuracy
 * without effort, and an absolute 2^-23 window would let a path that
 * flushes tiny x to 0 pass.  Every name must be a registered function.
 */
struct ref_zero_bracket {
    const char *name;
    long double lo, hi;
};

static const struct ref_zero_bracket ref_der_zero_brackets[] = {
    {"gelu", -1.0L, -0.5L},
    {"gelu_tanh", -1.0L, -0.5L},
    {"silu", -1.5L, -1.0L},
    {"mish", -1.5L, -1.0L},
    {"hard_swish", -2.0L, -1.0L},
    {"quick_gelu", -0.7511542555L, -0.7511542554L}, /* -0.7511542554412889512980956 */
    {"swish", -1.278464543L, -1.278464542L},        /* -1.278464542761073795109359 */
    {"tanhshrink", 0.0L, 0.0L},                      /* double zero, no sign change */
    /* sin' = cos */
    {"sin", 1.570796326L, 1.570796327L}, /* π/2  1.570796326794896619231322 */
    {"sin", -1.570796327L, -1.570796326L},
    {"sin", 4.712388980L, 4.712388981L}, /* 3π/2 4.712388980384689857693965 */
    {"sin", -4.712388981L, -4.712388980L},
    {"sin", 7.853981633L, 7.853981634L}, /* 5π/2 7.853981633974483096156608 */
    {"sin", -7.853981634L, -7.853981633L},
    {"sin", 10.99557428L, 10.99557429L}, /* 7π/2 10.99557428756427633461925 */
    {"sin", -10.99557429L, -10.99557428L},
    /* cos' = −sin */
    {"cos", 3.141592653L, 3.141592654L}, /* π  3.141592653589793238462643 */
    {"cos", -3.141592654L, -3.141592653L},
    {"cos", 6.283185307L, 6.283185308L}, /* 2π 6.283185307179586476925287 */
    {"cos", -6.283185308L, -6.283185307L},
    {"cos", 9.424777960L, 9.424777961L}, /* 3π 9.42477796076937971538793 */
    {"cos", -9.424777961L, -9.424777960L},
    {"cos", 12.56637061L, 12.56637062L}, /* 4π 12.56637061435917295385057 */
    {"cos", -12.56637062L, -12.56637061L},
    /* sinc': tan x = x */
    {"sinc", 4.493409457L, 4.493409458L}, /* 4.493409457909064175307881 */
    {"sinc", -4.493409458L, -4.493409457L},
    {"sinc", 7.725251836L, 7.725251837L}, /* 7.725251836937707164195069 */
    {"sinc", -7.725251837L, -7.725251836L},
    {"sinc", 10.90412165L, 10.90412166L}, /* 10.9041216594288998271487 */
    {"sinc", -10.90412166L, -10.90412165L},
    {"sinc", 14.06619391L, 14.06619392L}, /* 14.06619391283147347997897 */
    {"sinc", -14.06619392L, -14.06619391L},
    {"sinc", 17.22075527L, 17.22075528L}, /* 17.22075527193076873957372 */
    {"sinc", -17.22075528L, -17.22075527L},
    {"sinc", 20.37130295L, 20.37130296L}, /* 20.371302959287562845091 */
    {"sinc", -20.37130296L, -20.37130295L},
    {"sinc", 23.51945249L, 23.51945250L}, /* 23.5194524986890065464511 */
    {"sinc", -23.51945250L, -23.51945249L},
    {"sinc", 26.66605425L, 26.66605426L}, /* 26.66605425881267352839414 */
    {"sinc", -26.66605426L, -26.66605425L},
    {NULL, 0, 0},
};

static long double zeros[ACTFN_KIND_COUNT][REF_MAX_ZEROS];
static int nzeros[ACTFN_KIND_COUNT];

/* The zero of g in [lo, hi]; NaN if g(lo), g(hi) have the same sign. */
static long double bisect(ref_fn g, long double lo, long double hi, const actfn_params *p)
{
    if (lo == hi)
        return lo;
    long double glo = g(lo, p), ghi = g(hi, p);
    if (glo == 0)
        return lo;
    if (ghi == 0)
        return hi;
    if ((glo < 0) == (ghi < 0))
        return NAN;
    for (;;) {
        long double m = lo + (hi - lo) * 0.5L;
        if (m <= lo || m >= hi)
            break; /* adjacent long doubles */
        long double gm = g(m, p);
        if (gm == 0)
            return m;
        if ((gm < 0) == (glo < 0))
            lo = m, glo = gm;
        else
            hi = m;
    }
    return fabsl(glo) <= fabsl(g(hi, p)) ? lo : hi;
}

static int add_brackets(const struct ref_zero_bracket *b)
{
    int rc = 0;
    for (; b->name; b++) {
        int k = 0;
        while (k < ACTFN_KIND_COUNT && strcmp(b->name, ref_table[k].name) != 0)
            k++;
        if (k == ACTFN_KIND_COUNT) {
            fprintf(stderr, "ref_init: zero bracket for %s, which is not registered\n", b->name);
            rc = -1;
            continue;
        }
        actfn_params p;
        if (actfn_params_default((actfn_kind)k, &p) != ACTFN_OK) {
            fprintf(stderr, "ref_init: no default params for %s\n", b->name);
            rc = -1;
            continue;
        }
        long double z = bisect(ref_table[k].der, b->lo, b->hi, &p);
        if (isnan(z) || nzeros[k] == REF_MAX_ZEROS) {
            fprintf(stderr, "ref_init: %s' has no sign change in [%.21Lg, %.21Lg]\n", b->name,
                    b->lo, b->hi);
            rc = -1;
            continue;
        }
        zeros[k][nzeros[k]++] = z;
    }
    return rc;
}

int ref_init(void)
{
    static int done = 0, status = 0;
    if (done)
        return status;
    done = 1;
    status = add_brackets(ref_der_zero_brackets);
    return status;
}

int ref_der_zeros(actfn_kind k, const long double **z)
{
    if ((int)k < 0 || k >= ACTFN_KIND_COUNT) {
        *z = NULL;
        return 0;
    }
    *z = zeros[k];
    return nzeros[k];
}

int ref_near_der_zero(actfn_kind k, long double x)
{
    const long double *z;
    int n = ref_der_zeros(k, &z);
    for (int i = 0; i < n; i++)
        if (fabsl(x - z[i]) <= REF_ZERO_WINDOW)
            return 1;
    return 0;
}

/* ---- error measure --------------------------------------------------------- */

/* 1/ulp(r) in float for a = |r| < 2^128: 2^(23 − e) for 2^e ≤ a < 2^(e+1),
 * 2^149 below FLT_MIN (where ulp = 2^-149).  The exponent is read from
 * (double)a; that rounding can only carry a up into the next binade when
 * the double is exactly a power of two above a, which is checked.  (ilogbl
 * and ldexpl cost ~45 ns a call: most of an exhaustive sweep's time for the
 * cheap functions.)  A power of two, so |y − r|·inv_ulp is exact. */
static long double inv_ulp(long double a)
{
    if (a < 0x1p-126L)
        return 0x1p149L;
    double d = (double)a;
    uint64_t u;
    memcpy(&u, &d, sizeof u);
    int e = (int)(u >> 52) - 1023;
    if ((u & 0xfffffffffffffu) == 0 && (long double)d > a)
        e--;
    uint64_t v = (uint64_t)(23 - e + 1023) << 52;
    memcpy(&d, &v, sizeof d);
    return (long double)d;
}

double ref_ulp_err(float y, long double r)
{
    long double a = fabsl(r);
    if (a < (long double)FLT_MAX + 0x1p103L && isfinite(y)) /* the common case */
        return (double)(fabsl((long double)y - r) * inv_ulp(a));
    if (isnan(r))
        return isnan(y) ? 0.0 : INFINITY;
    if (isnan(y))
        return INFINITY;
    if (a >= (long double)FLT_MAX + 0x1p103L) /* rounds to ±inf */
        return (isinf(y) && (y < 0) == (r < 0)) ? 0.0 : INFINITY;
    return INFINITY; /* y = ±inf, r finite below the overflow threshold */
}
