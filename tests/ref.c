/*
 * Long-double references for the core functions (relu … hard_swish), the
 * table over src/registry/eltwise.def and the zeros of f'.  See ref.h for the interface
 * and the accuracy promise; each form below says why it does not cancel.
 *
 * Inputs are floats, so x·alpha and x² are exact in long double (48 bits of
 * the 64), and a long-double rounding of an inner argument (x/√2, the
 * gelu_tanh cubic) is amplified by at most ~x² ≈ 200 in the float range
 * where the result is nonzero: ≤ 1e-17 relative, far below 2^-24.
 */
#include "ref.h"

#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* Exact decimals (or real values to 50 digits), rounded once to long double. */
#define SQRT1_2 0.70710678118654752440084436210484903928483593768847L
#define INV_SQRT_2PI 0.39894228040143267793994605993438186847585863116493L
#define SQRT_2_OVER_PI 0.79788456080286535587989211986876373695171726232987L
#define GELU_TANH_C 0.044715L
#define SELU_LAMBDA 1.0507009873554804934193349852946L
#define SELU_ALPHA 1.6732632423543772848170429916717L
/* λ·α, one rounding instead of two */
#define SELU_LAMBDA_ALPHA 1.7580993408473768599402175208123193420602458089122L

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
 * between expl itself.  Checked against expl by tests/test_ref.c. */
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

/* sigmoid(z) in the symmetric form: e = e^−|z| ≤ 1, no overflow, and the
 * small tail is e/(1+e) rather than 1 − (something close to 1). */
static long double sigm(long double z)
{
    long double e = ref_exp(-fabsl(z));
    return z >= 0 ? 1.0L / (1.0L + e) : e / (1.0L + e);
}

/* sigmoid'(z) = e/(1+e)², e = e^−|z|: no s·(1 − s) cancellation in the tails. */
static long double dsigm(long double z)
{
    long double e = ref_exp(-fabsl(z)), q = 1.0L + e;
    return e / (q * q);
}

/* alpha·x with the limit 0 (not NaN) for alpha = 0 at x = ±inf. */
static long double slope(long double a, long double x)
{
    return (a == 0 && isinf(x)) ? 0.0L : a * x;
}

/* ---- relu family ------------------------------------------------------------------ */

long double ref_relu_fwd(long double x, const actfn_params *p)
{
    (void)p;
    if (isnan(x))
        return x;
    return x > 0 ? x : 0.0L;
}

long double ref_relu_der(long double x, const actfn_params *p)
{
    (void)p;
    if (isnan(x))
        return x;
    return x > 0 ? 1.0L : 0.0L; /* 0 at the kink */
}

long double ref_leaky_relu_fwd(long double x, const actfn_params *p)
{
    if (isnan(x))
        return x;
    return x > 0 ? x : slope(p->alpha, x);
}

long double ref_leaky_relu_der(long double x, const actfn_params *p)
{
    if (isnan(x))
        return x;
    return x > 0 ? 1.0L : (long double)p->alpha; /* alpha at 0 */
}

/* alpha·expm1(x): expm1 does not cancel for −6e-8 < x < 0. */
long double ref_elu_fwd(long double x, const actfn_params *p)
{
    if (isnan(x))
        return x;
    return x > 0 ? x : (long double)p->alpha * expm1l(x);
}

long double ref_elu_der(long double x, const actfn_params *p)
{
    if (isnan(x))
        return x;
    return x > 0 ? 1.0L : (long double)p->alpha * ref_exp(x); /* alpha at 0 */
}

long double ref_selu_fwd(long double x, const actfn_params *p)
{
    (void)p;
    if (isnan(x))
        return x;
    return x > 0 ? SELU_LAMBDA * x : SELU_LAMBDA_ALPHA * expm1l(x);
}

long double ref_selu_der(long double x, const actfn_params *p)
{
    (void)p;
    if (isnan(x))
        return x;
    return x > 0 ? SELU_LAMBDA : SELU_LAMBDA_ALPHA * ref_exp(x); /* λα at 0 */
}

/* ---- sigmoid, tanh ------------------------------------------------------------------ */

long double ref_sigmoid_fwd(long double x, const actfn_params *p)
{
    (void)p;
    if (isnan(x))
        return x;
    return sigm(x);
}

long double ref_sigmoid_der(long double x, const actfn_params *p)
{
    (void)p;
    if (isnan(x))
        return x;
    return dsigm(x);
}

long double ref_tanh_fwd(long double x, const actfn_params *p)
{
    (void)p;
    return tanhl(x);
}

/* sech² x = 4e/(1+e)², e = e^−2|x| (1 − tanh² loses everything for |x| ≳ 9). */
long double ref_tanh_der(long double x, const actfn_params *p)
{
    (void)p;
    if (isnan(x))
        return x;
    long double e = ref_exp(-2.0L * fabsl(x)), q = 1.0L + e;
    return 4.0L * e / (q * q);
}

/* ---- gelu ------------------------------------------------------------------------------ */

/* x·Φ(x) = (x/2)·erfc(−x/√2): the erfc form keeps the x ≪ 0 tail (1 + erf
 * cancels).  −x/√2 carries a 2^-64 rounding, amplified ~x² ≤ 210 in erfc. */
long double ref_gelu_fwd(long double x, const actfn_params *p)
{
    (void)p;
    if (isnan(x))
        return x;
    if (isinf(x))
        return x > 0 ? x : -0.0L; /* x·Φ(x) → 0 from below */
    return 0.5L * x * erfcl(-x * SQRT1_2);
}

/* Φ(x) + x·φ(x); the two terms have opposite signs for x < 0 but only cancel
 * near the zero of gelu' (≈ −0.7518), elsewhere |x·φ| ≥ ~2Φ.  x² is exact. */
long double ref_gelu_der(long double x, const actfn_params *p)
{
    (void)p;
    if (isnan(x))
        return x;
    if (isinf(x))
        return x > 0 ? 1.0L : -0.0L;
    long double phi = INV_SQRT_2PI * ref_exp(-0.5L * (x * x));
    return 0.5L * erfcl(-x * SQRT1_2) + x * phi;
}

/* (x/2)(1 + tanh u) = x·sigmoid(2u), u = √(2/π)(x + 0.044715x³): the sigmoid
 * form has no 1 + tanh cancellation for u ≪ 0. */
static long double gelu_tanh_u(long double x)
{
    return SQRT_2_OVER_PI * (x + GELU_TANH_C * (x * x * x));
}

long double ref_gelu_tanh_fwd(long double x, const actfn_params *p)
{
    (void)p;
    if (isnan(x))
        return x;
    if (isinf(x))
        return x > 0 ? x : -0.0L;
    return x * sigm(2.0L * gelu_tanh_u(x));
}

/* sigmoid(2u) + 2x·u'·sigmoid'(2u), u' = √(2/π)(1 + 3·0.044715x²);
 * sigmoid'(2u) = e/(1+e)² with e = e^−2|u|.  For x < 0 the terms have
 * opposite signs; they cancel only near the zero (≈ −0.7518). */
long double ref_gelu_tanh_der(long double x, const actfn_params *p)
{
    (void)p;
    if (isnan(x))
        return x;
    if (isinf(x))
        return x > 0 ? 1.0L : -0.0L;
    long double u = gelu_tanh_u(x);
    long double du = SQRT_2_OVER_PI * (1.0L + 3.0L * GELU_TANH_C * (x * x));
    return sigm(2.0L * u) + 2.0L * x * du * dsigm(2.0L * u);
}

/* ---- silu -------------------------------------------------------------------------------- */

long double ref_silu_fwd(long double x, const actfn_params *p)
{
    (void)p;
    if (isnan(x))
        return x;
    if (isinf(x))
        return x > 0 ? x : -0.0L; /* x·e^x → 0 from below */
    return x * sigm(x);
}

/* sigmoid(x)·(1 + x·(1 − sigmoid(x))) with e = e^−|x|:
 *   x ≥ 0:  (1 + x·e/(1+e)) / (1+e)        all terms positive
 *   x < 0:  e·((1 + x) + e) / (1+e)²       1 + x is exact for float x;
 * the sum (1 + x) + e cancels only at the zero −1 − W(1/e) ≈ −1.2785. */
long double ref_silu_der(long double x, const actfn_params *p)
{
    (void)p;
    if (isnan(x))
        return x;
    if (isinf(x))
        return x > 0 ? 1.0L : -0.0L;
    long double e = ref_exp(-fabsl(x)), q = 1.0L + e;
    if (x >= 0)
        return (1.0L + x * (e / q)) / q;
    return e * ((1.0L + x) + e) / (q * q);
}

/* ---- mish ------------------------------------------------------------------------------------
 * tanh(softplus(x)) = ((1+w)² − 1)/((1+w)² + 1), w = e^x, rewritten so that
 * nothing cancels:
 *   x ≤ 0:  n/(n + 2),  n = w(w + 2)               (≈ w for x ≪ 0)
 *   x > 0:  (1 + 2e)/(1 + 2e + 2e²),  e = e^−x      (→ 1, no overflow)
 */
long double ref_mish_fwd(long double x, const actfn_params *p)
{
    (void)p;
    if (isnan(x))
        return x;
    if (isinf(x))
        return x > 0 ? x : -0.0L; /* x·e^x → 0 from below */
    if (x <= 0) {
        long double w = ref_exp(x), n = w * (w + 2.0L);
        return x * (n / (n + 2.0L));
    }
    long double e = ref_exp(-x);
    return x * ((1.0L + 2.0L * e) / (1.0L + 2.0L * e + 2.0L * e * e));
}

/* tanh(sp) + x·sech²(sp)·sigmoid(x), sp = softplus(x).  With t = (1+w)²:
 * sech²(sp) = 4t/(t+1)², sigmoid = w/(1+w), so the second term is
 * 4x·w(1+w)/(n+2)² (x ≤ 0), or 4x·e²(1+e)/(1+2e+2e²)² after scaling by e^4
 * (x > 0).  For x ≪ 0 this is w + x·w: no cancellation; the terms only
 * cancel near the zero (≈ −1.1924). */
long double ref_mish_der(long double x, const actfn_params *p)
{
    (void)p;
    if (isnan(x))
        return x;
    if (isinf(x))
        return x > 0 ? 1.0L : -0.0L;
    if (x <= 0) {
        long double w = ref_exp(x), n = w * (w + 2.0L), d = n + 2.0L;
        return n / d + 4.0L * x * (w * (1.0L + w)) / (d * d);
    }
    long double e = ref_exp(-x), d = 1.0L + 2.0L * e + 2.0L * e * e;
    return (1.0L + 2.0L * e) / d + 4.0L * x * (e * e * (1.0L + e)) / (d * d);
}

/* ---- softplus ---------------------------------------------------------------------------------- */

/* (max(αx, 0) + log1p(e^−|αx|))/α: never overflows, and the x ≪ 0 tail is
 * log1p(e^αx)/α ≈ e^αx/α with full relative accuracy.  αx is exact. */
long double ref_softplus_fwd(long double x, const actfn_params *p)
{
    if (isnan(x))
        return x;
    long double a = p->alpha, z = a * x;
    return ((z > 0 ? z : 0.0L) + log1pl(ref_exp(-fabsl(z)))) / a;
}

long double ref_softplus_der(long double x, const actfn_params *p)
{
    if (isnan(x))
        return x;
    return sigm((long double)p->alpha * x);
}

/* ---- hard_swish -------------------------------------------------------------------------------- */

/* x·min(max(x+3, 0), 6)/6: 0 below −3, x above 3 (no x(x+3) overflow). */
long double ref_hard_swish_fwd(long double x, const actfn_params *p)
{
    (void)p;
    if (isnan(x))
        return x;
    if (x <= -3)
        return 0.0L;
    if (x >= 3)
        return x;
    return x * (x + 3.0L) / 6.0L;
}

/* (2x + 3)/6 on the closed [−3, 3] (−0.5 at −3, 1.5 at 3), 0 below, 1 above.
 * 2x + 3 is exact, so even the zero at −1.5 has full relative accuracy. */
long double ref_hard_swish_der(long double x, const actfn_params *p)
{
    (void)p;
    if (isnan(x))
        return x;
    if (x < -3)
        return 0.0L;
    if (x > 3)
        return 1.0L;
    return (2.0L * x + 3.0L) / 6.0L;
}

/* ---- the table, from the registry ------------------------------------------------------------- */

/* Variadic so that new registry columns do not matter here. */
#define ACTFN_ELTWISE(name, KIND, ...) [ACTFN_##KIND] = {ref_##name##_fwd, ref_##name##_der, #name},
const ref_entry ref_table[ACTFN_KIND_COUNT] = {
#include "registry/eltwise.def"
};
#undef ACTFN_ELTWISE

/* ---- zeros of f' ----------------------------------------------------------------------------------
 * Brackets at the default parameters; the roots are found by bisection,
 * not typed in.  For reference: gelu' −0.75179…, gelu_tanh' −0.7518…,
 * silu' −1 − W(1/e) = −1.27846…, mish' −1.1924…, hard_swish' −1.5 exactly.
 * Not listed: zeros where f' is exactly 0 on a whole interval (relu,
 * hard_swish below −3) — there f' is exact and must be 0. */
static const struct ref_zero_bracket ref_core_der_zeros[] = {
    {"gelu", -1.0L, -0.5L},
    {"gelu_tanh", -1.0L, -0.5L},
    {"silu", -1.5L, -1.0L},
    {"mish", -1.5L, -1.0L},
    {"hard_swish", -2.0L, -1.0L},
    {NULL, 0, 0},
};

#ifdef REF_HAVE_CATALOG
/* ref_catalog.c: the same kind of list for the catalog functions. */
extern const struct ref_zero_bracket ref_catalog_der_zeros[];
#endif

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
        for (int k = 0; k < ACTFN_KIND_COUNT; k++) {
            if (strcmp(b->name, ref_table[k].name) != 0)
                continue; /* a catalog function not registered yet */
            actfn_params p;
            if (actfn_params_default((actfn_kind)k, &p) != ACTFN_OK) {
                fprintf(stderr, "ref_init: no default params for %s\n", b->name);
                rc = -1;
                break;
            }
            long double z = bisect(ref_table[k].der, b->lo, b->hi, &p);
            if (isnan(z) || nzeros[k] == REF_MAX_ZEROS) {
                fprintf(stderr, "ref_init: %s' has no sign change in [%.21Lg, %.21Lg]\n",
                        b->name, b->lo, b->hi);
                rc = -1;
                break;
            }
            zeros[k][nzeros[k]++] = z;
        }
    }
    return rc;
}

int ref_init(void)
{
    static int done = 0, status = 0;
    if (done)
        return status;
    done = 1;
    status = add_brackets(ref_core_der_zeros);
#ifdef REF_HAVE_CATALOG
    if (add_brackets(ref_catalog_der_zeros) != 0)
        status = -1;
#endif
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
