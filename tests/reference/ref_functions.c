/*
 * The long-double references of every registered function, by family
 * (piecewise, exponential, sigmoid and tanh, gelu, trigonometric); ref.h
 * declares them from src/registry/eltwise.def and says what they promise,
 * ref.c holds the table, the zeros of f' and the error measure.
 *
 *   long double ref_<name>_fwd(long double x, const actfn_params *p);  f(x)
 *   long double ref_<name>_der(long double x, const actfn_params *p);  f'(x)
 *
 * p is always the resolved, non-NULL parameter block; parameters are used at
 * their float values.  NaN in gives NaN out (fwd and der); ±inf give the
 * mathematical limits; kinks follow CONTRACT.md "Derivatives at kinks".
 *
 * Accuracy: every function is evaluated in a form that does not cancel, so
 * the result is within a few long-double ulps (~1e-18 relative) of the exact
 * value over the whole float range, subnormals included; checked against
 * MPFR at 2048 bits.  Each form below says why it does not cancel.
 *
 * Inputs are floats, so x·alpha and x² are exact in long double (48 bits of
 * the 64), and a long-double rounding of an inner argument (x/√2, the
 * gelu_tanh cubic) is amplified by at most ~x² ≈ 200 in the float range
 * where the result is nonzero: ≤ 1e-17 relative, far below 2^-24.  Where an
 * exponential amplifies the rounding of its argument (1.702x, alpha·x,
 * x/alpha, 2x/3, x², e^x in loglog') the argument is carried as hi + lo.
 * The two places long double alone cannot reach (sinc' next to the roots of
 * tan x = x, loglog' for e^x ≫ 1) use 113-bit arithmetic (__float128 on
 * x86, long double where it is binary128); without either they fall back to
 * long double and lose a few digits there.
 */
#include "ref.h"

#include <float.h>
#include <math.h>
#include <stddef.h>
#include <stdint.h>
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

#if LDBL_MANT_DIG >= 113
typedef long double ref_quad;
#define REF_HAVE_QUAD 1
#elif defined(__SIZEOF_FLOAT128__)
typedef __float128 ref_quad;
#define REF_HAVE_QUAD 1
#else
#define REF_HAVE_QUAD 0
#endif

/* Constants rounded to 64 bits (generated with mpmath at 600 bits). */
/* π/2 = PIO2_1 + PIO2_2 + PIO2_3 (192 bits) */
#define PIO2_1 0xc90fdaa22168c235p-63L
#define PIO2_2 -0xece675d1fc8f8cbbp-129L
#define PIO2_3 -0x5bf6c7ddd660ce3p-189L
/* ln 2 = LN2_1 + LN2_2 + LN2_3 */
#define LN2_1 0x2c5c85fdf473de6bp-62L
#define LN2_2 -0xd871319ff0342543p-130L
#define LN2_3 0x79a193394c5b16c5p-199L
/* u0 = −1 − W(1/e) = −1.27846454276107379510…, the zero of 1 + u + e^u,
 * i.e. of swish'(x) at u = alpha·x; W0 = W(1/e) = e^u0 = −1 − u0. */
#define U0_HI -0x51d25cf210482df9p-62L
#define U0_LO 0xa2d0d94faaebb5bp-124L
#define W0 0x8e92e79082416fc7p-65L
/* 1.702 = QG_HI + QG_LO */
#define QG_HI 0xd9db22d0e5604189p-63L
#define QG_LO 0x374bc6a7ef9db22dp-127L
/* 1.7159 and 1.7159·2/3 */
#define LECUN_A 0xdba29c779a6b50b1p-63L
#define LECUN_A23 0x926c684fbc478b21p-63L

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

/* ---- helpers ------------------------------------------------------------- */

/* a·b − p exactly, p = a·b rounded; Dekker/Veltkamp splitting rather than
 * fmal, which glibc does in software for long double (~300 ns a call, and the
 * reference may be swept over all 2^32 floats).  Exact for binary formats
 * with 53, 64 or 113 bits barring overflow (|a|, |b| < 2^16000 here). */
#if LDBL_MANT_DIG == 53 || LDBL_MANT_DIG == 64 || LDBL_MANT_DIG == 113
#define REF_SPLIT (1.0L + (long double)(1ULL << ((LDBL_MANT_DIG + 1) / 2)))
static long double prod_err(long double a, long double b, long double p)
{
    long double ca = REF_SPLIT * a, ah = ca - (ca - a), al = a - ah;
    long double cb = REF_SPLIT * b, bh = cb - (cb - b), bl = b - bh;
    return ((ah * bh - p) + ah * bl + al * bh) + al * bl;
}
#else
static long double prod_err(long double a, long double b, long double p)
{
    return fmal(a, b, -p);
}
#endif

/* a·b + c with one rounding where it cancels (p + c is then exact and only
 * s + (t + e) rounds), within 1 ulp elsewhere. */
static long double fma_ld(long double a, long double b, long double c)
{
    long double p = a * b, e = prod_err(a, b, p);
    long double s = p + c, v = s - p, t = (p - (s - v)) + (c - v);
    return s + (t + e);
}

/* The limit of s·x for x = ±inf (s finite): ±inf, or a signed 0 if s == 0. */
static long double slope_mul(long double s, long double x)
{
    if (isinf(x) && s == 0)
        return x < 0 ? -0.0L : 0.0L;
    return s * x;
}

/* sigmoid(hi + lo), |lo| ≲ 2^-63 |hi|, symmetric form: e = e^-|u| <= 1, and
 * e^(−|hi| − |lo|) ≈ e^−|hi|·(1 ∓ lo) (the dropped lo² is < 1e-30 relative). */
static long double sigmoid2(long double hi, long double lo)
{
    if (hi >= 0) {
        long double e = ref_exp(-hi) * (1.0L - lo);
        return 1.0L / (1.0L + e);
    }
    long double e = ref_exp(hi) * (1.0L + lo);
    return e / (1.0L + e);
}

/* x·sigmoid(u), u = hi + lo the rounded alpha·x; finite x. */
static long double swish_core_fwd(long double x, long double hi, long double lo)
{
    return x * sigmoid2(hi, lo);
}

/* d/dx x·sigmoid(alpha·x) = s(u)·(1 + u·(1 − s(u))), u = alpha·x = hi + lo.
 * u >= 0: no cancellation.  u < 0: (1 + u(1−s)) = N/(1+e^u) with
 * N = 1 + u + e^u, which cancels at its zero u0 ≈ −1.2785.  With δ = u − u0
 * and e^u0 = −1 − u0 = W0 exactly, N = δ + W0·expm1(δ): both terms have the
 * sign of δ, so N is accurate to a few ulps everywhere, the zero included. */
static long double swish_core_der(long double hi, long double lo)
{
    if (hi >= 0) {
        long double e = ref_exp(-hi) * (1.0L - lo);
        long double s = 1.0L / (1.0L + e);
        return s * (1.0L + hi * (e / (1.0L + e)));
    }
    long double e = ref_exp(hi) * (1.0L + lo);
    long double d = ((hi - U0_HI) + lo) - U0_LO; /* hi - U0_HI exact near u0 */
    long double n = d + W0 * expm1l(d);
    long double q = 1.0L + e;
    return e * n / (q * q);
}

/* ±inf for a swish-like x·sigmoid(a·x): the limits for a > 0, a < 0, a == 0. */
static long double swish_inf_fwd(long double x, long double a)
{
    if (a == 0)
        return x;                     /* x/2 = ±inf */
    if ((a > 0) == (x > 0))
        return x;                     /* sigmoid → 1 */
    return x < 0 ? -0.0L : 0.0L;      /* x·e^(a·x) → 0 */
}

static long double swish_inf_der(long double x, long double a)
{
    if (a == 0)
        return 0.5L;
    return (a > 0) == (x > 0) ? 1.0L : -0.0L; /* u·e^u → 0 from below */
}

/* sech²(u) with u = hi + lo: 4e/(1+e)², e = e^−2|hi| (no 1 − tanh²), times
 * (1 − 2·tanh(hi)·lo) for the rounding of u (sech² amplifies it by 2|u|). */
static long double sech2_2(long double hi, long double lo)
{
    long double e = ref_exp(-2.0L * fabsl(hi));
    long double q = 1.0L + e;
    long double th = (1.0L - e) / q;
    if (hi < 0)
        th = -th;
    return 4.0L * e / (q * q) * (1.0L - 2.0L * th * lo);
}

#if REF_HAVE_QUAD
/* e^y = m·2^k, returns m ∈ [0.7, 1.42]: y = k·ln2 + r with ln2 in 192 bits
 * (k·LN2_1 exact: |k| < 2^31, LN2_1 has 64 bits), |r| <= 0.35, Taylor to
 * r^24/24! < 2^-116. */
static ref_quad q_exp(ref_quad y, long *k)
{
    long double kf = roundl((long double)y * 1.44269504088896340736L);
    ref_quad r = (((ref_quad)y - (ref_quad)kf * LN2_1) - (ref_quad)kf * LN2_2) -
                 (ref_quad)kf * LN2_3;
    ref_quad sum = 1, term = 1;
    for (int n = 1; n <= 24; n++) {
        term = term * r / n;
        sum += term;
    }
    *k = (long)kf;
    return sum;
}

/* sin t and cos t in 113 bits for |t| <= 1.6: Taylor to t^41/41! < 2^-125. */
static void q_sincos(ref_quad t, ref_quad *s, ref_quad *c)
{
    ref_quad t2 = t * t, st = t, ct = 1, ts = t, tc = 1;
    for (int n = 1; n <= 20; n++) {
        ts = -ts * t2 / ((2 * n) * (2 * n + 1));
        tc = -tc * t2 / ((2 * n - 1) * (2 * n));
        st += ts;
        ct += tc;
    }
    *s = st;
    *c = ct;
}
#endif

/* ==== piecewise ============================================================= */

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

/* ---- identity, step, sign, absolute ---------------------------------------- */

long double ref_identity_fwd(long double x, const actfn_params *p)
{
    (void)p;
    return x;
}

long double ref_identity_der(long double x, const actfn_params *p)
{
    (void)p;
    return isnan(x) ? x : 1.0L;
}

long double ref_step_fwd(long double x, const actfn_params *p)
{
    (void)p;
    if (isnan(x))
        return x;
    return x >= 0 ? 1.0L : 0.0L; /* step(-0) = 1 */
}

long double ref_step_der(long double x, const actfn_params *p)
{
    (void)p;
    return isnan(x) ? x : 0.0L;
}

long double ref_sign_fwd(long double x, const actfn_params *p)
{
    (void)p;
    if (x > 0)
        return 1.0L;
    if (x < 0)
        return -1.0L;
    return x; /* ±0, NaN */
}

long double ref_sign_der(long double x, const actfn_params *p)
{
    (void)p;
    return isnan(x) ? x : 0.0L;
}

long double ref_absolute_fwd(long double x, const actfn_params *p)
{
    (void)p;
    return fabsl(x);
}

long double ref_absolute_der(long double x, const actfn_params *p)
{
    (void)p;
    if (isnan(x))
        return x;
    return x > 0 ? 1.0L : x < 0 ? -1.0L : 0.0L; /* 0 at 0 */
}

/* ---- piecewise linear ------------------------------------------------------ */

long double ref_relu6_fwd(long double x, const actfn_params *p)
{
    (void)p;
    if (isnan(x))
        return x;
    return x < 0 ? 0.0L : x > 6 ? 6.0L : x;
}

long double ref_relu6_der(long double x, const actfn_params *p)
{
    (void)p;
    if (isnan(x))
        return x;
    return (x > 0 && x < 6) ? 1.0L : 0.0L; /* 0 at both kinks */
}

long double ref_prelu_fwd(long double x, const actfn_params *p)
{
    if (isnan(x))
        return x;
    return x > 0 ? x : slope_mul(p->alpha, x);
}

long double ref_prelu_der(long double x, const actfn_params *p)
{
    if (isnan(x))
        return x;
    return x > 0 ? 1.0L : (long double)p->alpha; /* alpha at 0 */
}

/* Inference form: slope (lower + upper)/2, exact in long double. */
static long double rrelu_slope(const actfn_params *p)
{
    return ((long double)p->alpha + (long double)p->beta) * 0.5L;
}

long double ref_rrelu_fwd(long double x, const actfn_params *p)
{
    if (isnan(x))
        return x;
    return x >= 0 ? x : slope_mul(rrelu_slope(p), x);
}

long double ref_rrelu_der(long double x, const actfn_params *p)
{
    if (isnan(x))
        return x;
    return x > 0 ? 1.0L : rrelu_slope(p); /* the slope at 0 */
}

/* t_l = alpha, a_l = beta, t_r = gamma, a_r = delta.  a·(x − t) + t via
 * fma_ld (x − t is exact unless |x| ≫ |t|, where a·(x − t) dominates). */
long double ref_srelu_fwd(long double x, const actfn_params *p)
{
    long double tl = p->alpha, al = p->beta, tr = p->gamma, ar = p->delta;
    if (isnan(x))
        return x;
    if (x <= tl)
        return isinf(x) ? (al == 0 ? tl : slope_mul(al, x)) : fma_ld(al, x - tl, tl);
    if (x >= tr)
        return isinf(x) ? (ar == 0 ? tr : slope_mul(ar, x)) : fma_ld(ar, x - tr, tr);
    return x;
}

/* a_l on x <= t_l and a_r on x >= t_r (the outer one-sided values at the
 * kinks), 1 strictly between. */
long double ref_srelu_der(long double x, const actfn_params *p)
{
    if (isnan(x))
        return x;
    if (x <= p->alpha)
        return p->beta;
    if (x >= p->gamma)
        return p->delta;
    return 1.0L;
}

/* alpha·x + beta from the float params in long double (exact for float x:
 * alpha·x has 48 bits). */
static long double hard_sigmoid_arg(long double x, const actfn_params *p)
{
    long double a = p->alpha, b = p->beta;
    if (isinf(x))
        return a == 0 ? b : ((a > 0) == (x > 0) ? HUGE_VALL : -HUGE_VALL);
    return fma_ld(a, x, b);
}

long double ref_hard_sigmoid_fwd(long double x, const actfn_params *p)
{
    if (isnan(x))
        return x;
    long double t = hard_sigmoid_arg(x, p);
    return t <= 0 ? 0.0L : t >= 1 ? 1.0L : t;
}

long double ref_hard_sigmoid_der(long double x, const actfn_params *p)
{
    if (isnan(x))
        return x;
    long double t = hard_sigmoid_arg(x, p);
    return (t > 0 && t < 1) ? (long double)p->alpha : 0.0L; /* 0 at the kinks */
}

long double ref_hard_tanh_fwd(long double x, const actfn_params *p)
{
    if (isnan(x))
        return x;
    if (x < p->alpha)
        return p->alpha;
    if (x > p->beta)
        return p->beta;
    return x;
}

long double ref_hard_tanh_der(long double x, const actfn_params *p)
{
    if (isnan(x))
        return x;
    return (x > p->alpha && x < p->beta) ? 1.0L : 0.0L; /* 0 at the kinks */
}

long double ref_softshrink_fwd(long double x, const actfn_params *p)
{
    long double l = p->alpha;
    if (isnan(x))
        return x;
    return x > l ? x - l : x < -l ? x + l : 0.0L;
}

long double ref_softshrink_der(long double x, const actfn_params *p)
{
    if (isnan(x))
        return x;
    return fabsl(x) > p->alpha ? 1.0L : 0.0L;
}

long double ref_hardshrink_fwd(long double x, const actfn_params *p)
{
    if (isnan(x))
        return x;
    return fabsl(x) > p->alpha ? x : 0.0L;
}

long double ref_hardshrink_der(long double x, const actfn_params *p)
{
    if (isnan(x))
        return x;
    return fabsl(x) > p->alpha ? 1.0L : 0.0L;
}

/* ==== exponential =========================================================== */

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

/* ---- exponential family ------------------------------------------------------ */

/* max(0,x) + min(0, alpha·expm1(x/alpha)); expm1's relative condition is <= 1
 * for x < 0, so the rounding of x/alpha does not matter in f. */
long double ref_celu_fwd(long double x, const actfn_params *p)
{
    long double a = p->alpha;
    if (isnan(x))
        return x;
    return x > 0 ? x : a * expm1l(x / a);
}

/* e^(x/alpha) for x <= 0 (1 at 0, the left-hand value); x/alpha = hi + lo,
 * lo = (x − hi·alpha)/alpha (the residual is exact), e^lo ≈ 1 + lo. */
long double ref_celu_der(long double x, const actfn_params *p)
{
    long double a = p->alpha;
    if (isnan(x))
        return x;
    if (x > 0)
        return 1.0L;
    if (isinf(x))
        return 0.0L;
    long double hi = x / a, m = hi * a;
    long double lo = ((x - m) - prod_err(hi, a, m)) / a;
    return ref_exp(hi) * (1.0L + lo);
}

/* −log(1 + e^−x) = min(x, 0) − log1p(e^−|x|) */
long double ref_log_sigmoid_fwd(long double x, const actfn_params *p)
{
    (void)p;
    if (isnan(x))
        return x;
    return (x < 0 ? x : 0.0L) - log1pl(ref_exp(-fabsl(x)));
}

/* sigmoid(−x), symmetric form */
long double ref_log_sigmoid_der(long double x, const actfn_params *p)
{
    (void)p;
    if (isnan(x))
        return x;
    return sigmoid2(-x, 0.0L);
}

/* 1 − e^(−e^x) = −expm1(−e^x): expm1's relative condition is <= 1 here. */
long double ref_loglog_fwd(long double x, const actfn_params *p)
{
    (void)p;
    if (isnan(x))
        return x;
    return -expm1l(-ref_exp(x));
}

/* e^(x − e^x) = E·e^−E, E = e^x.  The rounding of E is amplified by E in
 * e^−E: 4e-18 relative at E = 73 (f' = 1e-30, the float range), 4e-17 at
 * E = 745 (the double range), 6e-16 at E = 11000; so for 2 < x < 10 the
 * whole thing is done in 113 bits (~4 µs a call, 0.5% of all floats).  Below
 * x = 2, E < 7.4 and long double is within 5e-19.  0 for x = ±inf. */
long double ref_loglog_der(long double x, const actfn_params *p)
{
    (void)p;
    if (isnan(x))
        return x;
#if REF_HAVE_QUAD
    if (x > 2.0L && x < 10.0L) {
        long k1, k2;
        ref_quad m1 = q_exp(x, &k1);
        ref_quad e = m1 * (ref_quad)ldexpl(1.0L, (int)k1);
        ref_quad m2 = q_exp((ref_quad)x - e, &k2);
        return ldexpl((long double)m2, (int)k2);
    }
#endif
    long double e = ref_exp(x);
    if (isinf(e))
        return 0.0L;
    return e * ref_exp(-e);
}

/* e^(−x²), x² = h + l exactly, e^−l ≈ 1 − l. */
long double ref_gaussian_fwd(long double x, const actfn_params *p)
{
    (void)p;
    if (isnan(x))
        return x;
    if (isinf(x))
        return 0.0L;
    long double h = x * x, l = prod_err(x, x, h);
    return ref_exp(-h) * (1.0L - l);
}

long double ref_gaussian_der(long double x, const actfn_params *p)
{
    (void)p;
    if (isnan(x))
        return x;
    if (isinf(x))
        return copysignl(0.0L, -x);
    long double h = x * x, l = prod_err(x, x, h);
    return -2.0L * x * (ref_exp(-h) * (1.0L - l));
}

/* ==== sigmoid and tanh ====================================================== */

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

/* ---- sigmoid / tanh family ------------------------------------------------ */

long double ref_lecun_tanh_fwd(long double x, const actfn_params *p)
{
    (void)p;
    if (isnan(x))
        return x;
    return LECUN_A * tanhl(2.0L * x / 3.0L); /* tanh's relative condition <= 1 */
}

/* 1.7159·(2/3)·sech²(2x/3), 2x/3 = hi + lo (exact residual of the division) */
long double ref_lecun_tanh_der(long double x, const actfn_params *p)
{
    (void)p;
    if (isnan(x))
        return x;
    if (isinf(x))
        return 0.0L;
    long double hi = 2.0L * x / 3.0L;
    long double m = 3.0L * hi;
    long double lo = ((2.0L * x - m) - prod_err(3.0L, hi, m)) / 3.0L;
    return LECUN_A23 * sech2_2(hi, lo);
}

long double ref_symmetric_sigmoid_fwd(long double x, const actfn_params *p)
{
    (void)p;
    return tanhl(0.5L * x);
}

/* sech²(x/2)/2 = 2e/(1+e)², e = e^−|x| */
long double ref_symmetric_sigmoid_der(long double x, const actfn_params *p)
{
    (void)p;
    if (isnan(x))
        return x;
    long double e = ref_exp(-fabsl(x)), q = 1.0L + e;
    return 2.0L * e / (q * q);
}

long double ref_softsign_fwd(long double x, const actfn_params *p)
{
    (void)p;
    if (isnan(x))
        return x;
    if (isinf(x))
        return copysignl(1.0L, x);
    return x / (1.0L + fabsl(x));
}

long double ref_softsign_der(long double x, const actfn_params *p)
{
    (void)p;
    if (isnan(x))
        return x;
    long double q = 1.0L + fabsl(x);
    return 1.0L / (q * q);
}

long double ref_arctan_fwd(long double x, const actfn_params *p)
{
    (void)p;
    return atanl(x);
}

long double ref_arctan_der(long double x, const actfn_params *p)
{
    (void)p;
    if (isnan(x))
        return x;
    return 1.0L / (1.0L + x * x);
}

/* x − tanh x.  Near 0 the subtraction loses log2(3/x²) bits (all 64 at
 * x ~ 1e-10), so |x| < 0.9 uses the Taylor series x³·Σ d_j x^2j
 * (d_j = −c_(j+2), tanh x = Σ c_n x^(2n−1), exact rationals rounded to 64
 * bits); 44 terms leave a truncation error < 0.33^44 relative at 0.9.
 * Above 0.9 the subtraction loses < 3 bits.  Measured against MPFR: series
 * <= 1.8e-19, subtraction <= 5.3e-19 relative. */
static const long double tanhshrink_series[] = {
    0xaaaaaaaaaaaaaaabp-65L,  /* 1/3 */
    -0x8888888888888889p-66L, /* -2/15 */
    0x6e86e86e86e86e87p-67L,  /* 17/315 */
    -0xb327a4416087cf99p-69L, /* -62/2835 */
    0x91371aaf3611e47bp-70L,  /* 1382/155925 */
    -0xeb69e870abeefdbp-68L,  /* -21844/6081075 */
    0xbed1b2295baf15b5p-73L,  /* 929569/638512875 */
    -0x9aac12401b3a2291p-74L, /* -6404582/10854718875 */
    0xfabebb9a68b3210dp-76L,  /* 443861162/1856156927625 */
    -0xcb3f0c57e57d6451p-77L, /* -18888466084/194896477400625 */
    0xa4bec7751292c99fp-78L,  /* 113927491862/2900518163668125 */
    -0x42c4cb4e6981413bp-78L, /* -58870668456604/3698160658676859375 */
    0xd87b969f71274917p-81L,  /* 8374643517010684/1298054391195577640625 */
    -0x57bcb691d396db1fp-81L, /* -2.6147712e-6 */
    0x8e3befcae0e06817p-83L,  /* 1.0597268e-6 */
    -0x734a67792b9aece1p-84L, /* -4.2949111e-7 */
    0xbae6f32b1ff6c743p-86L,  /* 1.7406619e-7 */
    -0x977f46d9d7f8f919p-87L, /* -7.0546369e-8 */
    0xf59914823a1a5e53p-89L,  /* 2.8591367e-8 */
    -0x63897fe4c9f8ae63p-89L, /* -1.1587644e-8 */
    0x50ae868d26d24045p-90L,  /* 4.6962954e-9 */
    -0x82cbdb0e59849149p-92L, /* -1.9033368e-9 */
    0x35027edd54e0b0a5p-92L,  /* 7.7139336e-10 */
    -0x2af7d452a1e23c85p-93L, /* -3.1263395e-10 */
    0x8b5080e2fef4b0ffp-96L,  /* 1.2670577e-10 */
    -0x70ec8ec178e7e2bfp-97L, /* -5.1351914e-11 */
    0xb710c9d724b6aa21p-99L,  /* 2.0812147e-11 */
    -0x94632aabf5152bfdp-100L, /* -8.4348454e-12 */
    0x78473ccf18caa0d5p-101L, /* 3.4185141e-12 */
    -0xc2fcdfc6b5958da9p-103L, /* -1.3854716e-12 */
    0x27834606bccc79c9p-102L, /* 5.6151048e-13 */
    -0x400e4388e3b2e121p-104L, /* -2.2757163e-13 */
    0x67d7dd2db21a3e27p-106L, /* 9.2231306e-14 */
    -0x542c118a0ca8473bp-107L, /* -3.737994e-14 */
    0x887469b482eaee6bp-109L, /* 1.5149519e-14 */
    -0xdd364b76885e21afp-111L, /* -6.1398689e-15 */
    0xb34ec9b8b90fb4a9p-112L, /* 2.4883951e-15 */
    -0x2455d980b59c329dp-111L, /* -1.0085086e-15 */
    0x75cf2e65644243bp-110L,  /* 4.0873312e-16 */
    -0xbefc39198adfdc3p-112L, /* -1.656533e-16 */
    0x4d67458a2df69fdp-112L,  /* 6.7136752e-17 */
    -0xfaf69dea3b22c827p-119L, /* -2.7209501e-17 */
    0x32db1626cdb880e5p-118L, /* 1.1027595e-17 */
    -0xa4e37f08ca047761p-121L, /* -4.469316e-18 */
};

long double ref_tanhshrink_fwd(long double x, const actfn_params *p)
{
    (void)p;
    if (isnan(x))
        return x;
    if (fabsl(x) < 0.9L) {
        const int n = (int)(sizeof tanhshrink_series / sizeof tanhshrink_series[0]);
        long double z = x * x, s = tanhshrink_series[n - 1];
        for (int j = n - 2; j >= 0; j--)
            s = s * z + tanhshrink_series[j];
        return x * z * s;
    }
    return x - tanhl(x);
}

/* 1 − sech² = tanh² (no cancellation) */
long double ref_tanhshrink_der(long double x, const actfn_params *p)
{
    (void)p;
    long double t = tanhl(x);
    return t * t;
}

/* ---- swish family ---------------------------------------------------------- */

/* x·sigmoid(1.702x); 1.702x = hi + lo (1.702 itself split in two). */
static void quick_gelu_arg(long double x, long double *hi, long double *lo)
{
    *hi = QG_HI * x;
    *lo = prod_err(QG_HI, x, *hi) + QG_LO * x;
}

long double ref_quick_gelu_fwd(long double x, const actfn_params *p)
{
    (void)p;
    long double hi, lo;
    if (isnan(x))
        return x;
    if (isinf(x))
        return swish_inf_fwd(x, 1.0L);
    quick_gelu_arg(x, &hi, &lo);
    return swish_core_fwd(x, hi, lo);
}

long double ref_quick_gelu_der(long double x, const actfn_params *p)
{
    (void)p;
    long double hi, lo;
    if (isnan(x))
        return x;
    if (isinf(x))
        return swish_inf_der(x, 1.0L);
    quick_gelu_arg(x, &hi, &lo);
    return swish_core_der(hi, lo);
}

long double ref_swish_fwd(long double x, const actfn_params *p)
{
    long double a = p->alpha;
    if (isnan(x))
        return x;
    if (isinf(x))
        return swish_inf_fwd(x, a);
    long double hi = a * x;
    return swish_core_fwd(x, hi, prod_err(a, x, hi));
}

long double ref_swish_der(long double x, const actfn_params *p)
{
    long double a = p->alpha;
    if (isnan(x))
        return x;
    if (isinf(x))
        return swish_inf_der(x, a);
    long double hi = a * x;
    return swish_core_der(hi, prod_err(a, x, hi));
}

/* ---- bent identity ------------------------------------------------------------ */

/* (sqrt(x²+1) − 1)/2 + x = x + x²/(2(sqrt(x²+1) + 1)): no 1 − 1 near 0, and
 * for x → −inf only one bit is lost (x + |x|/2). */
long double ref_bent_identity_fwd(long double x, const actfn_params *p)
{
    (void)p;
    if (isnan(x) || isinf(x))
        return x;
    long double q = x * x;
    return x + q / (2.0L * (sqrtl(q + 1.0L) + 1.0L));
}

/* 1 + x/(2 sqrt(x²+1)) ∈ (1/2, 3/2) */
long double ref_bent_identity_der(long double x, const actfn_params *p)
{
    (void)p;
    if (isnan(x))
        return x;
    if (isinf(x))
        return x > 0 ? 1.5L : 0.5L;
    return 1.0L + x / (2.0L * sqrtl(x * x + 1.0L));
}

/* ==== gelu ================================================================== */

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

/* ==== trigonometric ========================================================= */

/* ---- trigonometric -------------------------------------------------------------- */

/* glibc's sinl/cosl reduce with the full 2/π table: accurate at 3e38 too. */
long double ref_sin_fwd(long double x, const actfn_params *p)
{
    (void)p;
    return sinl(x);
}

long double ref_sin_der(long double x, const actfn_params *p)
{
    (void)p;
    return cosl(x);
}

long double ref_cos_fwd(long double x, const actfn_params *p)
{
    (void)p;
    return cosl(x);
}

long double ref_cos_der(long double x, const actfn_params *p)
{
    (void)p;
    return -sinl(x);
}

long double ref_sinc_fwd(long double x, const actfn_params *p)
{
    (void)p;
    if (isnan(x))
        return x;
    if (isinf(x))
        return 0.0L;
    if (x == 0)
        return 1.0L;
    return sinl(x) / x;
}

/* sinc'(x) = (x cos x − sin x)/x², odd.  Two traps:
 *  - near 0 the numerator cancels to −x³/3: |x| < 1 uses the series
 *    Σ_(k≥1) (−1)^k 2k x^(2k−1)/(2k+1)! (term ratio −x²/((2k−2)(2k+1)));
 *  - at each root r of tan x = x the two terms cancel (|x cos x| ≈ |sin x| ≈ 1
 *    there, so the absolute error is ~1e-19 while f' ≈ (x − r)/r).  When the
 *    cancellation exceeds 4 bits and |x| < 2^30, write x = (k+½)π + t with
 *    π/2 in 192 bits, so x cos x − sin x = −(−1)^k (x sin t + cos t), and
 *    evaluate that in 113 bits (sin t, cos t by Taylor, |t| <= π/2).  Beyond
 *    2^30 a float lands within 1e-6 of a root with probability ~1e-15. */
long double ref_sinc_der(long double x, const actfn_params *p)
{
    (void)p;
    if (isnan(x))
        return x;
    if (isinf(x))
        return 0.0L;
    long double a = fabsl(x), g;
    if (a < 1.0L) {
        long double z = a * a, term = -a / 3.0L, t[24];
        int n = 0;
        t[n++] = term;
        for (int k = 2; k <= 24; k++) {
            term *= -z / ((long double)(2 * k - 2) * (long double)(2 * k + 1));
            t[n++] = term;
        }
        g = 0;
        while (n > 0)
            g += t[--n]; /* smallest first */
        return x < 0 ? -g : g;
    }
    long double c = cosl(a), s = sinl(a);
    g = a * c - s;
#if REF_HAVE_QUAD
    if (fabsl(g) < (fabsl(a * c) + fabsl(s)) * 0.0625L && a < 0x1p30L) {
        long double kf = floorl(a / 3.14159265358979323846264L);
        long double n2 = 2.0L * kf + 1.0L;
        ref_quad t = (((ref_quad)a - (ref_quad)n2 * PIO2_1) - (ref_quad)n2 * PIO2_2) -
                     (ref_quad)n2 * PIO2_3;
        ref_quad st, ct;
        q_sincos(t, &st, &ct);
        ref_quad gq = (ref_quad)a * st + ct;
        g = (long double)gq;
        if (fmodl(kf, 2.0L) == 0)
            g = -g;
    }
#endif
    g = g / (a * a);
    return x < 0 ? -g : g;
}
