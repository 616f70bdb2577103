/*
 * MPFR references of every registered function (ref_mpfr.h says what they
 * promise), in the order and with the definitions of ref_functions.c.  The
 * bodies evaluate at the precision of their result r; refm_eval() below
 * runs them at increasing precisions until two agree.
 *
 * Forms: whatever ref_functions.c needed to avoid cancellation or overflow
 * in long double is kept where it matters in MPFR too — the symmetric
 * sigmoid e^−|z| (e^z of a double overflows even MPFR's widened exponent
 * range above ~3e18), max(z, 0) + log1p(e^−|z|) for softplus and
 * log_sigmoid, −expm1(−e^x) for loglog, erfc for gelu, sech for the tanh
 * derivatives.  Cancellations of known size get the precision they eat
 * (x − tanh x and x cos x − sin x near 0: 2·|log2 x| bits); the rest (near
 * the zeros of f', the roots of tan x = x, inner arguments amplified by an
 * exponential) is found and paid for by refm_eval's agreement check.
 */
#include "ref_mpfr.h"

#include <float.h>
#include <math.h>
#include <stddef.h>
#include <string.h>

#if LDBL_MANT_DIG < 64
#error "ref_mpfr.c: the f64 ULP measure keeps references as long double with at least 64 bits"
#endif

#define RND MPFR_RNDN

/* ---- constants, per working precision ---------------------------------------------------- */

/* The exact decimals of the definitions, and real values to 50 digits
 * (ref_functions.c's; 50 digits are 2^-166, below every agreement bound). */
enum {
    K_SELU_LAMBDA,
    K_SELU_LAMBDA_ALPHA,
    K_GELU_TANH_C,
    K_LECUN_A,
    K_QUICK_GELU,
    K_SQRT1_2,      /* computed: 1/√2 */
    K_INV_SQRT_2PI, /* computed: 1/√(2π) */
    K_SQRT_2_PI,    /* computed: √(2/π) */
    K_COUNT
};
static const char *const k_decimal[K_COUNT] = {
    "1.0507009873554804934193349852946",
    "1.7580993408473768599402175208123193420602458089122", /* λ·α */
    "0.044715",
    "1.7159",
    "1.702",
    NULL,
    NULL,
    NULL,
};

/* Constant `id` at precision `prec`, computed once per precision (a few
 * precisions are in use at a time: the first two, and rarely more). */
#define K_SLOTS 8
static struct {
    mpfr_prec_t prec;
    mpfr_t v[K_COUNT];
} k_cache[K_SLOTS];
static int k_next;

static mpfr_srcptr K(int id, mpfr_prec_t prec)
{
    int s;
    for (s = 0; s < K_SLOTS; s++)
        if (k_cache[s].prec == prec)
            return k_cache[s].v[id];
    s = k_next;
    k_next = (k_next + 1) % K_SLOTS;
    if (k_cache[s].prec)
        for (int i = 0; i < K_COUNT; i++)
            mpfr_clear(k_cache[s].v[i]);
    k_cache[s].prec = prec;
    for (int i = 0; i < K_COUNT; i++) {
        mpfr_init2(k_cache[s].v[i], prec);
        if (k_decimal[i])
            mpfr_set_str(k_cache[s].v[i], k_decimal[i], 10, RND);
    }
    mpfr_t t;
    mpfr_init2(t, prec + 32);
    mpfr_sqrt_ui(t, 2, RND);
    mpfr_ui_div(k_cache[s].v[K_SQRT1_2], 1, t, RND);
    mpfr_const_pi(t, RND);
    mpfr_mul_2ui(t, t, 1, RND);
    mpfr_rec_sqrt(k_cache[s].v[K_INV_SQRT_2PI], t, RND);
    mpfr_const_pi(t, RND);
    mpfr_ui_div(t, 2, t, RND);
    mpfr_sqrt(k_cache[s].v[K_SQRT_2_PI], t, RND);
    mpfr_clear(t);
    return k_cache[s].v[id];
}

/* ---- helpers ------------------------------------------------------------------------------ */

#define PREC(r) mpfr_get_prec(r)
/* Temporaries at the working precision of r. */
#define TMP1(r, a)                                                                                 \
    mpfr_t a;                                                                                      \
    mpfr_init2(a, PREC(r))
#define TMP2(r, a, b)                                                                              \
    mpfr_t a, b;                                                                                   \
    mpfr_inits2(PREC(r), a, b, (mpfr_ptr)0)
#define TMP3(r, a, b, c)                                                                           \
    mpfr_t a, b, c;                                                                                \
    mpfr_inits2(PREC(r), a, b, c, (mpfr_ptr)0)
#define TMP4(r, a, b, c, d)                                                                        \
    mpfr_t a, b, c, d;                                                                             \
    mpfr_inits2(PREC(r), a, b, c, d, (mpfr_ptr)0)

static void param(mpfr_ptr r, float v)
{
    mpfr_set_d(r, (double)v, RND); /* exact: r has ≥ 24 bits */
}

/* e = e^−|z| ∈ (0, 1] */
static void exp_neg_abs(mpfr_ptr e, mpfr_srcptr z)
{
    mpfr_abs(e, z, RND);
    mpfr_neg(e, e, RND);
    mpfr_exp(e, e, RND);
}

/* sigmoid(z) = 1/(1 + e^−z) in the symmetric form: e = e^−|z|, z ≥ 0:
 * 1/(1 + e), z < 0: e/(1 + e).  Nothing overflows. */
static void sigm(mpfr_ptr r, mpfr_srcptr z)
{
    TMP2(r, e, q);
    int neg = mpfr_sgn(z) < 0;
    exp_neg_abs(e, z);
    mpfr_add_ui(q, e, 1, RND);
    if (neg)
        mpfr_div(r, e, q, RND);
    else
        mpfr_ui_div(r, 1, q, RND);
    if (mpfr_nan_p(z))
        mpfr_set_nan(r);
    mpfr_clears(e, q, (mpfr_ptr)0);
}

/* sigmoid'(z) = e/(1 + e)², e = e^−|z| */
static void dsigm(mpfr_ptr r, mpfr_srcptr z)
{
    TMP2(r, e, q);
    exp_neg_abs(e, z);
    mpfr_add_ui(q, e, 1, RND);
    mpfr_sqr(q, q, RND);
    mpfr_div(r, e, q, RND);
    mpfr_clears(e, q, (mpfr_ptr)0);
}

/* s·x with the limit of ref_functions.c's slope_mul for s = 0, x = ±inf:
 * a signed 0 (MPFR gives NaN for 0·inf). */
static void slope_mul(mpfr_ptr r, mpfr_srcptr s, mpfr_srcptr x)
{
    if (mpfr_zero_p(s) && mpfr_inf_p(x)) {
        mpfr_set_zero(r, mpfr_sgn(x) < 0 ? -1 : 1);
        return;
    }
    mpfr_mul(r, s, x, RND);
}

/* sech²(z) */
static void sech2(mpfr_ptr r, mpfr_srcptr z)
{
    mpfr_sech(r, z, RND);
    mpfr_sqr(r, r, RND);
}

/* The binary exponent of x (|x| ∈ [2^(e−1), 2^e)), for x regular. */
static long xexp(mpfr_srcptr x) { return (long)mpfr_get_exp(x); }

/* ==== piecewise ============================================================= */

void refm_relu_fwd(mpfr_ptr r, mpfr_srcptr x, const actfn_params *p)
{
    (void)p;
    if (mpfr_nan_p(x))
        mpfr_set_nan(r);
    else if (mpfr_sgn(x) > 0)
        mpfr_set(r, x, RND);
    else
        mpfr_set_zero(r, 1);
}

void refm_relu_der(mpfr_ptr r, mpfr_srcptr x, const actfn_params *p)
{
    (void)p;
    if (mpfr_nan_p(x))
        mpfr_set_nan(r);
    else
        mpfr_set_ui(r, mpfr_sgn(x) > 0 ? 1 : 0, RND); /* 0 at the kink */
}

void refm_leaky_relu_fwd(mpfr_ptr r, mpfr_srcptr x, const actfn_params *p)
{
    if (mpfr_nan_p(x)) {
        mpfr_set_nan(r);
    } else if (mpfr_sgn(x) > 0) {
        mpfr_set(r, x, RND);
    } else {
        TMP1(r, a);
        param(a, p->alpha);
        slope_mul(r, a, x);
        mpfr_clear(a);
    }
}

void refm_leaky_relu_der(mpfr_ptr r, mpfr_srcptr x, const actfn_params *p)
{
    if (mpfr_nan_p(x))
        mpfr_set_nan(r);
    else if (mpfr_sgn(x) > 0)
        mpfr_set_ui(r, 1, RND);
    else
        param(r, p->alpha); /* alpha at 0 */
}

/* x·min(max(x+3, 0), 6)/6: 0 below −3, x above 3 */
void refm_hard_swish_fwd(mpfr_ptr r, mpfr_srcptr x, const actfn_params *p)
{
    (void)p;
    if (mpfr_nan_p(x)) {
        mpfr_set_nan(r);
    } else if (mpfr_cmp_si(x, -3) <= 0) {
        mpfr_set_zero(r, 1);
    } else if (mpfr_cmp_si(x, 3) >= 0) {
        mpfr_set(r, x, RND);
    } else {
        TMP1(r, t);
        mpfr_add_ui(t, x, 3, RND);
        mpfr_mul(t, t, x, RND);
        mpfr_div_ui(r, t, 6, RND);
        mpfr_clear(t);
    }
}

/* (2x + 3)/6 on the closed [−3, 3], 0 below, 1 above; 2x + 3 is exact
 * near its zero −1.5. */
void refm_hard_swish_der(mpfr_ptr r, mpfr_srcptr x, const actfn_params *p)
{
    (void)p;
    if (mpfr_nan_p(x)) {
        mpfr_set_nan(r);
    } else if (mpfr_cmp_si(x, -3) < 0) {
        mpfr_set_zero(r, 1);
    } else if (mpfr_cmp_si(x, 3) > 0) {
        mpfr_set_ui(r, 1, RND);
    } else {
        TMP1(r, t);
        mpfr_mul_2ui(t, x, 1, RND);
        mpfr_add_ui(t, t, 3, RND);
        mpfr_div_ui(r, t, 6, RND);
        mpfr_clear(t);
    }
}

void refm_identity_fwd(mpfr_ptr r, mpfr_srcptr x, const actfn_params *p)
{
    (void)p;
    mpfr_set(r, x, RND);
}

void refm_identity_der(mpfr_ptr r, mpfr_srcptr x, const actfn_params *p)
{
    (void)p;
    if (mpfr_nan_p(x))
        mpfr_set_nan(r);
    else
        mpfr_set_ui(r, 1, RND);
}

void refm_step_fwd(mpfr_ptr r, mpfr_srcptr x, const actfn_params *p)
{
    (void)p;
    if (mpfr_nan_p(x))
        mpfr_set_nan(r);
    else
        mpfr_set_ui(r, mpfr_sgn(x) >= 0 ? 1 : 0, RND); /* step(−0) = 1 */
}

void refm_step_der(mpfr_ptr r, mpfr_srcptr x, const actfn_params *p)
{
    (void)p;
    if (mpfr_nan_p(x))
        mpfr_set_nan(r);
    else
        mpfr_set_zero(r, 1);
}

void refm_sign_fwd(mpfr_ptr r, mpfr_srcptr x, const actfn_params *p)
{
    (void)p;
    if (mpfr_nan_p(x) || mpfr_zero_p(x))
        mpfr_set(r, x, RND); /* NaN, ±0 */
    else
        mpfr_set_si(r, mpfr_sgn(x), RND);
}

void refm_sign_der(mpfr_ptr r, mpfr_srcptr x, const actfn_params *p) { refm_step_der(r, x, p); }

void refm_absolute_fwd(mpfr_ptr r, mpfr_srcptr x, const actfn_params *p)
{
    (void)p;
    mpfr_abs(r, x, RND);
}

void refm_absolute_der(mpfr_ptr r, mpfr_srcptr x, const actfn_params *p)
{
    (void)p;
    if (mpfr_nan_p(x))
        mpfr_set_nan(r);
    else
        mpfr_set_si(r, mpfr_sgn(x), RND); /* 0 at 0 */
}

void refm_relu6_fwd(mpfr_ptr r, mpfr_srcptr x, const actfn_params *p)
{
    (void)p;
    if (mpfr_nan_p(x))
        mpfr_set_nan(r);
    else if (mpfr_sgn(x) < 0)
        mpfr_set_zero(r, 1);
    else if (mpfr_cmp_ui(x, 6) > 0)
        mpfr_set_ui(r, 6, RND);
    else
        mpfr_set(r, x, RND);
}

void refm_relu6_der(mpfr_ptr r, mpfr_srcptr x, const actfn_params *p)
{
    (void)p;
    if (mpfr_nan_p(x))
        mpfr_set_nan(r);
    else
        mpfr_set_ui(r, mpfr_sgn(x) > 0 && mpfr_cmp_ui(x, 6) < 0 ? 1 : 0, RND); /* 0 at both kinks */
}

void refm_prelu_fwd(mpfr_ptr r, mpfr_srcptr x, const actfn_params *p)
{
    refm_leaky_relu_fwd(r, x, p); /* the same definition with its own default */
}

void refm_prelu_der(mpfr_ptr r, mpfr_srcptr x, const actfn_params *p)
{
    refm_leaky_relu_der(r, x, p);
}

/* Inference form: slope (lower + upper)/2 (exact) for x < 0. */
static void rrelu_slope(mpfr_ptr s, const actfn_params *p)
{
    TMP1(s, b);
    param(s, p->alpha);
    param(b, p->beta);
    mpfr_add(s, s, b, RND); /* two floats: exact unless their exponents differ by > 100 */
    mpfr_div_2ui(s, s, 1, RND);
    mpfr_clear(b);
}

void refm_rrelu_fwd(mpfr_ptr r, mpfr_srcptr x, const actfn_params *p)
{
    if (mpfr_nan_p(x)) {
        mpfr_set_nan(r);
    } else if (mpfr_sgn(x) >= 0) {
        mpfr_set(r, x, RND);
    } else {
        TMP1(r, s);
        rrelu_slope(s, p);
        slope_mul(r, s, x);
        mpfr_clear(s);
    }
}

void refm_rrelu_der(mpfr_ptr r, mpfr_srcptr x, const actfn_params *p)
{
    if (mpfr_nan_p(x))
        mpfr_set_nan(r);
    else if (mpfr_sgn(x) > 0)
        mpfr_set_ui(r, 1, RND);
    else
        rrelu_slope(r, p); /* the slope at 0 */
}

/* t_l = alpha, a_l = beta, t_r = gamma, a_r = delta:
 * x ≤ t_l: t_l + a_l(x − t_l); x ≥ t_r: t_r + a_r(x − t_r); else x. */
static void srelu_side(mpfr_ptr r, mpfr_srcptr x, float t, float a)
{
    TMP2(r, tt, aa);
    param(tt, t);
    param(aa, a);
    if (mpfr_inf_p(x)) {
        if (a == 0)
            mpfr_set(r, tt, RND);
        else
            slope_mul(r, aa, x);
    } else {
        mpfr_sub(r, x, tt, RND);
        mpfr_fma(r, aa, r, tt, RND);
    }
    mpfr_clears(tt, aa, (mpfr_ptr)0);
}

void refm_srelu_fwd(mpfr_ptr r, mpfr_srcptr x, const actfn_params *p)
{
    if (mpfr_nan_p(x))
        mpfr_set_nan(r);
    else if (mpfr_cmp_d(x, (double)p->alpha) <= 0)
        srelu_side(r, x, p->alpha, p->beta);
    else if (mpfr_cmp_d(x, (double)p->gamma) >= 0)
        srelu_side(r, x, p->gamma, p->delta);
    else
        mpfr_set(r, x, RND);
}

/* a_l on x ≤ t_l and a_r on x ≥ t_r (the outer one-sided values at the
 * kinks), 1 strictly between. */
void refm_srelu_der(mpfr_ptr r, mpfr_srcptr x, const actfn_params *p)
{
    if (mpfr_nan_p(x))
        mpfr_set_nan(r);
    else if (mpfr_cmp_d(x, (double)p->alpha) <= 0)
        param(r, p->beta);
    else if (mpfr_cmp_d(x, (double)p->gamma) >= 0)
        param(r, p->delta);
    else
        mpfr_set_ui(r, 1, RND);
}

/* t = alpha·x + beta, exactly: a double times a float plus a float spans
 * at most 1023 + 128 − (−1074 − 149 − 23) < 2400 bits, so the comparisons
 * with the kinks 0 and 1 are exact (a 128-bit rounding of t could land on
 * 1 from below).  Returns the sign of t (0: t == 0), and t − 1's in *hi. */
static int hard_sigmoid_arg(mpfr_ptr t, mpfr_srcptr x, const actfn_params *p, int *hi)
{
    mpfr_t a, b, e;
    mpfr_inits2(2600, a, b, e, (mpfr_ptr)0);
    param(a, p->alpha);
    param(b, p->beta);
    if (mpfr_inf_p(x)) {
        if (p->alpha == 0)
            mpfr_set(e, b, RND);
        else
            mpfr_set_inf(e, (mpfr_sgn(a) > 0) == (mpfr_sgn(x) > 0) ? 1 : -1);
    } else {
        mpfr_fma(e, a, x, b, RND);
    }
    int s = mpfr_sgn(e);
    *hi = mpfr_cmp_ui(e, 1);
    mpfr_set(t, e, RND);
    mpfr_clears(a, b, e, (mpfr_ptr)0);
    return s;
}

void refm_hard_sigmoid_fwd(mpfr_ptr r, mpfr_srcptr x, const actfn_params *p)
{
    int hi;
    if (mpfr_nan_p(x)) {
        mpfr_set_nan(r);
        return;
    }
    int s = hard_sigmoid_arg(r, x, p, &hi);
    if (s <= 0)
        mpfr_set_zero(r, 1);
    else if (hi >= 0)
        mpfr_set_ui(r, 1, RND);
}

void refm_hard_sigmoid_der(mpfr_ptr r, mpfr_srcptr x, const actfn_params *p)
{
    int hi;
    if (mpfr_nan_p(x)) {
        mpfr_set_nan(r);
        return;
    }
    int s = hard_sigmoid_arg(r, x, p, &hi);
    if (s > 0 && hi < 0)
        param(r, p->alpha);
    else
        mpfr_set_zero(r, 1); /* 0 at the kinks */
}

void refm_hard_tanh_fwd(mpfr_ptr r, mpfr_srcptr x, const actfn_params *p)
{
    if (mpfr_nan_p(x))
        mpfr_set_nan(r);
    else if (mpfr_cmp_d(x, (double)p->alpha) < 0)
        param(r, p->alpha);
    else if (mpfr_cmp_d(x, (double)p->beta) > 0)
        param(r, p->beta);
    else
        mpfr_set(r, x, RND);
}

void refm_hard_tanh_der(mpfr_ptr r, mpfr_srcptr x, const actfn_params *p)
{
    if (mpfr_nan_p(x))
        mpfr_set_nan(r);
    else
        mpfr_set_ui(r, mpfr_cmp_d(x, (double)p->alpha) > 0 && mpfr_cmp_d(x, (double)p->beta) < 0,
                    RND); /* 0 at the kinks */
}

void refm_softshrink_fwd(mpfr_ptr r, mpfr_srcptr x, const actfn_params *p)
{
    double l = (double)p->alpha;
    if (mpfr_nan_p(x))
        mpfr_set_nan(r);
    else if (mpfr_cmp_d(x, l) > 0)
        mpfr_sub_d(r, x, l, RND);
    else if (mpfr_cmp_d(x, -l) < 0)
        mpfr_add_d(r, x, l, RND);
    else
        mpfr_set_zero(r, 1);
}

void refm_softshrink_der(mpfr_ptr r, mpfr_srcptr x, const actfn_params *p)
{
    if (mpfr_nan_p(x))
        mpfr_set_nan(r);
    else
        mpfr_set_ui(r, fabs(mpfr_get_d(x, RND)) > (double)p->alpha, RND); /* x is a double */
}

void refm_hardshrink_fwd(mpfr_ptr r, mpfr_srcptr x, const actfn_params *p)
{
    if (mpfr_nan_p(x))
        mpfr_set_nan(r);
    else if (fabs(mpfr_get_d(x, RND)) > (double)p->alpha)
        mpfr_set(r, x, RND);
    else
        mpfr_set_zero(r, 1);
}

void refm_hardshrink_der(mpfr_ptr r, mpfr_srcptr x, const actfn_params *p)
{
    if (mpfr_nan_p(x))
        mpfr_set_nan(r);
    else
        mpfr_set_ui(r, fabs(mpfr_get_d(x, RND)) > (double)p->alpha, RND);
}

/* ==== exponential =========================================================== */

/* alpha·expm1(x) for x ≤ 0 */
void refm_elu_fwd(mpfr_ptr r, mpfr_srcptr x, const actfn_params *p)
{
    if (mpfr_nan_p(x)) {
        mpfr_set_nan(r);
    } else if (mpfr_sgn(x) > 0) {
        mpfr_set(r, x, RND);
    } else {
        TMP1(r, t);
        mpfr_expm1(t, x, RND);
        mpfr_mul_d(r, t, (double)p->alpha, RND);
        mpfr_clear(t);
    }
}

void refm_elu_der(mpfr_ptr r, mpfr_srcptr x, const actfn_params *p)
{
    if (mpfr_nan_p(x)) {
        mpfr_set_nan(r);
    } else if (mpfr_sgn(x) > 0) {
        mpfr_set_ui(r, 1, RND);
    } else {
        TMP1(r, t);
        mpfr_exp(t, x, RND);
        mpfr_mul_d(r, t, (double)p->alpha, RND); /* alpha at 0 */
        mpfr_clear(t);
    }
}

void refm_selu_fwd(mpfr_ptr r, mpfr_srcptr x, const actfn_params *p)
{
    (void)p;
    mpfr_prec_t w = PREC(r);
    if (mpfr_nan_p(x)) {
        mpfr_set_nan(r);
    } else if (mpfr_sgn(x) > 0) {
        mpfr_mul(r, x, K(K_SELU_LAMBDA, w), RND);
    } else {
        TMP1(r, t);
        mpfr_expm1(t, x, RND);
        mpfr_mul(r, t, K(K_SELU_LAMBDA_ALPHA, w), RND);
        mpfr_clear(t);
    }
}

void refm_selu_der(mpfr_ptr r, mpfr_srcptr x, const actfn_params *p)
{
    (void)p;
    mpfr_prec_t w = PREC(r);
    if (mpfr_nan_p(x)) {
        mpfr_set_nan(r);
    } else if (mpfr_sgn(x) > 0) {
        mpfr_set(r, K(K_SELU_LAMBDA, w), RND);
    } else {
        TMP1(r, t);
        mpfr_exp(t, x, RND);
        mpfr_mul(r, t, K(K_SELU_LAMBDA_ALPHA, w), RND); /* λα at 0 */
        mpfr_clear(t);
    }
}

/* (max(z, 0) + log1p(e^−|z|))/alpha, z = alpha·x (exact at ≥ 77 bits) */
void refm_softplus_fwd(mpfr_ptr r, mpfr_srcptr x, const actfn_params *p)
{
    if (mpfr_nan_p(x)) {
        mpfr_set_nan(r);
        return;
    }
    TMP2(r, z, e);
    mpfr_mul_d(z, x, (double)p->alpha, RND);
    exp_neg_abs(e, z);
    mpfr_log1p(e, e, RND);
    if (mpfr_sgn(z) > 0)
        mpfr_add(e, e, z, RND);
    mpfr_div_d(r, e, (double)p->alpha, RND);
    mpfr_clears(z, e, (mpfr_ptr)0);
}

void refm_softplus_der(mpfr_ptr r, mpfr_srcptr x, const actfn_params *p)
{
    TMP1(r, z);
    mpfr_mul_d(z, x, (double)p->alpha, RND);
    sigm(r, z);
    mpfr_clear(z);
}

/* x > 0: x; else alpha·expm1(x/alpha) */
void refm_celu_fwd(mpfr_ptr r, mpfr_srcptr x, const actfn_params *p)
{
    if (mpfr_nan_p(x)) {
        mpfr_set_nan(r);
    } else if (mpfr_sgn(x) > 0) {
        mpfr_set(r, x, RND);
    } else {
        TMP1(r, t);
        mpfr_div_d(t, x, (double)p->alpha, RND);
        mpfr_expm1(t, t, RND);
        mpfr_mul_d(r, t, (double)p->alpha, RND);
        mpfr_clear(t);
    }
}

/* e^(x/alpha) for x ≤ 0 (1 at 0, the left-hand value) */
void refm_celu_der(mpfr_ptr r, mpfr_srcptr x, const actfn_params *p)
{
    if (mpfr_nan_p(x)) {
        mpfr_set_nan(r);
    } else if (mpfr_sgn(x) > 0) {
        mpfr_set_ui(r, 1, RND);
    } else {
        TMP1(r, t);
        mpfr_div_d(t, x, (double)p->alpha, RND);
        mpfr_exp(r, t, RND);
        mpfr_clear(t);
    }
}

/* −log(1 + e^−x) = min(x, 0) − log1p(e^−|x|) */
void refm_log_sigmoid_fwd(mpfr_ptr r, mpfr_srcptr x, const actfn_params *p)
{
    (void)p;
    if (mpfr_nan_p(x)) {
        mpfr_set_nan(r);
        return;
    }
    TMP1(r, e);
    exp_neg_abs(e, x);
    mpfr_log1p(e, e, RND);
    if (mpfr_sgn(x) < 0)
        mpfr_sub(r, x, e, RND);
    else
        mpfr_neg(r, e, RND);
    mpfr_clear(e);
}

/* sigmoid(−x) */
void refm_log_sigmoid_der(mpfr_ptr r, mpfr_srcptr x, const actfn_params *p)
{
    (void)p;
    TMP1(r, t);
    mpfr_neg(t, x, RND);
    sigm(r, t);
    mpfr_clear(t);
}

/* 1 − e^(−e^x) = −expm1(−e^x); e^x = +inf (MPFR overflow, x ≳ 3e18) gives 1 */
void refm_loglog_fwd(mpfr_ptr r, mpfr_srcptr x, const actfn_params *p)
{
    (void)p;
    TMP1(r, t);
    mpfr_exp(t, x, RND);
    mpfr_neg(t, t, RND);
    mpfr_expm1(t, t, RND);
    mpfr_neg(r, t, RND);
    mpfr_clear(t);
}

/* e^(x − e^x).  The rounding of e^x is amplified by e^x: refm_eval's check
 * raises the precision while the result is above 2^-1120 (e^x < ~780);
 * beyond, the result is below every double and any precision will do. */
void refm_loglog_der(mpfr_ptr r, mpfr_srcptr x, const actfn_params *p)
{
    (void)p;
    if (mpfr_nan_p(x)) {
        mpfr_set_nan(r);
        return;
    }
    if (mpfr_inf_p(x)) {
        mpfr_set_zero(r, 1);
        return;
    }
    TMP1(r, t);
    mpfr_exp(t, x, RND);
    mpfr_sub(t, x, t, RND); /* −inf when e^x overflowed */
    mpfr_exp(r, t, RND);
    mpfr_clear(t);
}

/* e^(−x²), x² exact at ≥ 106 bits */
void refm_gaussian_fwd(mpfr_ptr r, mpfr_srcptr x, const actfn_params *p)
{
    (void)p;
    TMP1(r, t);
    mpfr_sqr(t, x, RND);
    mpfr_neg(t, t, RND);
    mpfr_exp(r, t, RND);
    mpfr_clear(t);
}

/* −2x·e^(−x²); ∓0 at ±inf */
void refm_gaussian_der(mpfr_ptr r, mpfr_srcptr x, const actfn_params *p)
{
    (void)p;
    if (mpfr_inf_p(x)) {
        mpfr_set_zero(r, mpfr_sgn(x) > 0 ? -1 : 1);
        return;
    }
    TMP1(r, t);
    refm_gaussian_fwd(t, x, p);
    mpfr_mul(t, t, x, RND);
    mpfr_mul_si(r, t, -2, RND);
    mpfr_clear(t);
}

/* ==== sigmoid and tanh ====================================================== */

void refm_sigmoid_fwd(mpfr_ptr r, mpfr_srcptr x, const actfn_params *p)
{
    (void)p;
    sigm(r, x);
}

void refm_sigmoid_der(mpfr_ptr r, mpfr_srcptr x, const actfn_params *p)
{
    (void)p;
    if (mpfr_nan_p(x))
        mpfr_set_nan(r);
    else
        dsigm(r, x);
}

void refm_tanh_fwd(mpfr_ptr r, mpfr_srcptr x, const actfn_params *p)
{
    (void)p;
    mpfr_tanh(r, x, RND);
}

void refm_tanh_der(mpfr_ptr r, mpfr_srcptr x, const actfn_params *p)
{
    (void)p;
    sech2(r, x); /* NaN → NaN, ±inf → 0 */
}

/* ---- swish family: x·sigmoid(u), u = s·x ---------------------------------------------- */

/* The limits at x = ±inf for slope s > 0, s < 0, s = 0 (ref_functions.c's
 * swish_inf_fwd / swish_inf_der). */
static void swish_inf_fwd(mpfr_ptr r, mpfr_srcptr x, int s)
{
    if (s == 0 || (s > 0) == (mpfr_sgn(x) > 0))
        mpfr_set(r, x, RND); /* x/2 or x·1 = ±inf */
    else
        mpfr_set_zero(r, mpfr_sgn(x) < 0 ? -1 : 1); /* x·e^(s·x) → 0 */
}

static void swish_inf_der(mpfr_ptr r, mpfr_srcptr x, int s)
{
    if (s == 0)
        mpfr_set_d(r, 0.5, RND);
    else if ((s > 0) == (mpfr_sgn(x) > 0))
        mpfr_set_ui(r, 1, RND);
    else
        mpfr_set_zero(r, -1); /* u·e^u → 0 from below */
}

/* x·sigmoid(u) */
static void swish_core_fwd(mpfr_ptr r, mpfr_srcptr x, mpfr_srcptr u)
{
    TMP1(r, s);
    sigm(s, u);
    mpfr_mul(r, s, x, RND);
    mpfr_clear(s);
}

/* d/dx of x·sigmoid(c·x) = s(u)·(1 + u·(1 − s(u))), u = c·x, e = e^−|u|:
 *   u ≥ 0:  (1 + u·e/(1+e)) / (1+e)       all terms positive
 *   u < 0:  e·((1 + u) + e) / (1+e)²      cancels only at the zero u0 ≈ −1.2785
 *                                          (refm_eval's check pays for it) */
static void swish_core_der(mpfr_ptr r, mpfr_srcptr u)
{
    TMP3(r, e, q, t);
    exp_neg_abs(e, u);
    mpfr_add_ui(q, e, 1, RND);
    if (mpfr_sgn(u) >= 0) {
        mpfr_div(t, e, q, RND);
        mpfr_mul(t, t, u, RND);
        mpfr_add_ui(t, t, 1, RND);
        mpfr_div(r, t, q, RND);
    } else {
        mpfr_add_ui(t, u, 1, RND);
        mpfr_add(t, t, e, RND);
        mpfr_mul(t, t, e, RND);
        mpfr_sqr(q, q, RND);
        mpfr_div(r, t, q, RND);
    }
    mpfr_clears(e, q, t, (mpfr_ptr)0);
}

void refm_silu_fwd(mpfr_ptr r, mpfr_srcptr x, const actfn_params *p)
{
    (void)p;
    if (mpfr_inf_p(x))
        swish_inf_fwd(r, x, 1);
    else
        swish_core_fwd(r, x, x); /* NaN → NaN */
}

void refm_silu_der(mpfr_ptr r, mpfr_srcptr x, const actfn_params *p)
{
    (void)p;
    if (mpfr_nan_p(x))
        mpfr_set_nan(r);
    else if (mpfr_inf_p(x))
        swish_inf_der(r, x, 1);
    else
        swish_core_der(r, x);
}

/* x·sigmoid(1.702x) */
void refm_quick_gelu_fwd(mpfr_ptr r, mpfr_srcptr x, const actfn_params *p)
{
    (void)p;
    if (mpfr_inf_p(x)) {
        swish_inf_fwd(r, x, 1);
        return;
    }
    TMP1(r, u);
    mpfr_mul(u, x, K(K_QUICK_GELU, PREC(r)), RND);
    swish_core_fwd(r, x, u);
    mpfr_clear(u);
}

void refm_quick_gelu_der(mpfr_ptr r, mpfr_srcptr x, const actfn_params *p)
{
    (void)p;
    if (mpfr_nan_p(x)) {
        mpfr_set_nan(r);
        return;
    }
    if (mpfr_inf_p(x)) {
        swish_inf_der(r, x, 1);
        return;
    }
    TMP1(r, u);
    mpfr_mul(u, x, K(K_QUICK_GELU, PREC(r)), RND);
    swish_core_der(r, u);
    mpfr_clear(u);
}

/* x·sigmoid(alpha·x), alpha·x exact */
void refm_swish_fwd(mpfr_ptr r, mpfr_srcptr x, const actfn_params *p)
{
    double a = (double)p->alpha;
    if (mpfr_inf_p(x)) {
        swish_inf_fwd(r, x, (a > 0) - (a < 0));
        return;
    }
    TMP1(r, u);
    mpfr_mul_d(u, x, a, RND);
    swish_core_fwd(r, x, u);
    mpfr_clear(u);
}

void refm_swish_der(mpfr_ptr r, mpfr_srcptr x, const actfn_params *p)
{
    double a = (double)p->alpha;
    if (mpfr_nan_p(x)) {
        mpfr_set_nan(r);
        return;
    }
    if (mpfr_inf_p(x)) {
        swish_inf_der(r, x, (a > 0) - (a < 0));
        return;
    }
    TMP1(r, u);
    mpfr_mul_d(u, x, a, RND);
    swish_core_der(r, u);
    mpfr_clear(u);
}

/* ---- mish ----------------------------------------------------------------------------------
 * tanh(softplus(x)) with w = e^x (x ≤ 0) or e = e^−x (x > 0), as
 * ref_functions.c: x ≤ 0: n/(n + 2), n = w(w + 2); x > 0:
 * (1 + 2e)/(1 + 2e + 2e²).  No overflow, no cancellation. */
void refm_mish_fwd(mpfr_ptr r, mpfr_srcptr x, const actfn_params *p)
{
    (void)p;
    if (mpfr_nan_p(x)) {
        mpfr_set_nan(r);
        return;
    }
    if (mpfr_inf_p(x)) {
        swish_inf_fwd(r, x, 1);
        return;
    }
    TMP3(r, w, n, d);
    if (mpfr_sgn(x) <= 0) {
        mpfr_exp(w, x, RND);
        mpfr_add_ui(n, w, 2, RND);
        mpfr_mul(n, n, w, RND);
        mpfr_add_ui(d, n, 2, RND);
    } else {
        mpfr_neg(w, x, RND);
        mpfr_exp(w, w, RND);
        mpfr_mul_2ui(n, w, 1, RND);
        mpfr_add_ui(n, n, 1, RND); /* 1 + 2e */
        mpfr_sqr(d, w, RND);
        mpfr_mul_2ui(d, d, 1, RND);
        mpfr_add(d, d, n, RND); /* 1 + 2e + 2e² */
    }
    mpfr_div(n, n, d, RND);
    mpfr_mul(r, n, x, RND);
    mpfr_clears(w, n, d, (mpfr_ptr)0);
}

/* tanh(sp) + x·sech²(sp)·sigmoid(x): x ≤ 0: n/d + 4x·w(1+w)/d², d = n + 2;
 * x > 0: (1+2e)/d + 4x·e²(1+e)/d², d = 1 + 2e + 2e².  Cancels only near
 * the zero ≈ −1.1924. */
void refm_mish_der(mpfr_ptr r, mpfr_srcptr x, const actfn_params *p)
{
    (void)p;
    if (mpfr_nan_p(x)) {
        mpfr_set_nan(r);
        return;
    }
    if (mpfr_inf_p(x)) {
        swish_inf_der(r, x, 1);
        return;
    }
    TMP4(r, w, n, d, t);
    if (mpfr_sgn(x) <= 0) {
        mpfr_exp(w, x, RND);
        mpfr_add_ui(n, w, 2, RND);
        mpfr_mul(n, n, w, RND);
        mpfr_add_ui(d, n, 2, RND);
        mpfr_add_ui(t, w, 1, RND);
        mpfr_mul(t, t, w, RND); /* w(1 + w) */
    } else {
        mpfr_neg(w, x, RND);
        mpfr_exp(w, w, RND);
        mpfr_mul_2ui(n, w, 1, RND);
        mpfr_add_ui(n, n, 1, RND);
        mpfr_sqr(d, w, RND);
        mpfr_mul_2ui(d, d, 1, RND);
        mpfr_add(d, d, n, RND);
        mpfr_add_ui(t, w, 1, RND);
        mpfr_mul(t, t, w, RND);
        mpfr_mul(t, t, w, RND); /* e²(1 + e) */
    }
    mpfr_mul(t, t, x, RND);
    mpfr_mul_2ui(t, t, 2, RND);
    mpfr_div(t, t, d, RND);
    mpfr_div(t, t, d, RND);
    mpfr_div(n, n, d, RND);
    mpfr_add(r, n, t, RND);
    mpfr_clears(w, n, d, t, (mpfr_ptr)0);
}

/* 1.7159·tanh(2x/3) */
void refm_lecun_tanh_fwd(mpfr_ptr r, mpfr_srcptr x, const actfn_params *p)
{
    (void)p;
    TMP1(r, t);
    mpfr_mul_2ui(t, x, 1, RND);
    mpfr_div_ui(t, t, 3, RND);
    mpfr_tanh(t, t, RND);
    mpfr_mul(r, t, K(K_LECUN_A, PREC(r)), RND);
    mpfr_clear(t);
}

/* 1.7159·(2/3)·sech²(2x/3) */
void refm_lecun_tanh_der(mpfr_ptr r, mpfr_srcptr x, const actfn_params *p)
{
    (void)p;
    TMP1(r, t);
    mpfr_mul_2ui(t, x, 1, RND);
    mpfr_div_ui(t, t, 3, RND);
    sech2(t, t);
    mpfr_mul(t, t, K(K_LECUN_A, PREC(r)), RND);
    mpfr_mul_2ui(t, t, 1, RND);
    mpfr_div_ui(r, t, 3, RND);
    mpfr_clear(t);
}

/* tanh(x/2) */
void refm_symmetric_sigmoid_fwd(mpfr_ptr r, mpfr_srcptr x, const actfn_params *p)
{
    (void)p;
    TMP1(r, t);
    mpfr_div_2ui(t, x, 1, RND);
    mpfr_tanh(r, t, RND);
    mpfr_clear(t);
}

/* sech²(x/2)/2 */
void refm_symmetric_sigmoid_der(mpfr_ptr r, mpfr_srcptr x, const actfn_params *p)
{
    (void)p;
    TMP1(r, t);
    mpfr_div_2ui(t, x, 1, RND);
    sech2(t, t);
    mpfr_div_2ui(r, t, 1, RND);
    mpfr_clear(t);
}

/* x/(1 + |x|); ±1 at ±inf */
void refm_softsign_fwd(mpfr_ptr r, mpfr_srcptr x, const actfn_params *p)
{
    (void)p;
    if (mpfr_inf_p(x)) {
        mpfr_set_si(r, mpfr_sgn(x), RND);
        return;
    }
    TMP1(r, q);
    mpfr_abs(q, x, RND);
    mpfr_add_ui(q, q, 1, RND);
    mpfr_div(r, x, q, RND);
    mpfr_clear(q);
}

/* 1/(1 + |x|)² */
void refm_softsign_der(mpfr_ptr r, mpfr_srcptr x, const actfn_params *p)
{
    (void)p;
    TMP1(r, q);
    mpfr_abs(q, x, RND);
    mpfr_add_ui(q, q, 1, RND);
    mpfr_sqr(q, q, RND);
    mpfr_ui_div(r, 1, q, RND);
    mpfr_clear(q);
}

void refm_arctan_fwd(mpfr_ptr r, mpfr_srcptr x, const actfn_params *p)
{
    (void)p;
    mpfr_atan(r, x, RND);
}

/* 1/(1 + x²) */
void refm_arctan_der(mpfr_ptr r, mpfr_srcptr x, const actfn_params *p)
{
    (void)p;
    TMP1(r, q);
    mpfr_sqr(q, x, RND);
    mpfr_add_ui(q, q, 1, RND);
    mpfr_ui_div(r, 1, q, RND);
    mpfr_clear(q);
}

/* x − tanh x.  Near 0 the difference is x³/3: the subtraction cancels
 * 2·|log2 x| + 2 bits, which are added to the working precision; below
 * 2^-400 the result is x³/3 to 2^-800 relative (and far below every
 * double anyway). */
void refm_tanhshrink_fwd(mpfr_ptr r, mpfr_srcptr x, const actfn_params *p)
{
    (void)p;
    if (!mpfr_regular_p(x)) {
        mpfr_set(r, x, RND); /* NaN, ±0, ±inf (inf − 1) */
        return;
    }
    long e = xexp(x);
    if (e < -400) {
        TMP1(r, t);
        mpfr_pow_ui(t, x, 3, RND);
        mpfr_div_ui(r, t, 3, RND);
        mpfr_clear(t);
        return;
    }
    mpfr_t t;
    mpfr_init2(t, PREC(r) + (e < 0 ? 2 * -e : 0) + 8);
    mpfr_tanh(t, x, RND);
    mpfr_sub(r, x, t, RND);
    mpfr_clear(t);
}

/* 1 − sech² = tanh² */
void refm_tanhshrink_der(mpfr_ptr r, mpfr_srcptr x, const actfn_params *p)
{
    (void)p;
    mpfr_tanh(r, x, RND);
    mpfr_sqr(r, r, RND);
}

/* x + x²/(2(sqrt(x² + 1) + 1)): (sqrt(x² + 1) − 1)/2 without the 1 − 1 */
void refm_bent_identity_fwd(mpfr_ptr r, mpfr_srcptr x, const actfn_params *p)
{
    (void)p;
    if (!mpfr_number_p(x)) {
        mpfr_set(r, x, RND); /* NaN, ±inf */
        return;
    }
    TMP2(r, q, s);
    mpfr_sqr(q, x, RND);
    mpfr_add_ui(s, q, 1, RND);
    mpfr_sqrt(s, s, RND);
    mpfr_add_ui(s, s, 1, RND);
    mpfr_mul_2ui(s, s, 1, RND);
    mpfr_div(q, q, s, RND);
    mpfr_add(r, q, x, RND);
    mpfr_clears(q, s, (mpfr_ptr)0);
}

/* 1 + x/(2 sqrt(x² + 1)); 3/2 and 1/2 at ±inf */
void refm_bent_identity_der(mpfr_ptr r, mpfr_srcptr x, const actfn_params *p)
{
    (void)p;
    if (mpfr_nan_p(x)) {
        mpfr_set_nan(r);
        return;
    }
    if (mpfr_inf_p(x)) {
        mpfr_set_d(r, mpfr_sgn(x) > 0 ? 1.5 : 0.5, RND);
        return;
    }
    TMP1(r, q);
    mpfr_sqr(q, x, RND);
    mpfr_add_ui(q, q, 1, RND);
    mpfr_sqrt(q, q, RND);
    mpfr_mul_2ui(q, q, 1, RND);
    mpfr_div(q, x, q, RND);
    mpfr_add_ui(r, q, 1, RND);
    mpfr_clear(q);
}

/* ==== gelu ================================================================== */

/* x·Φ(x) = (x/2)·erfc(−x/√2): erfc keeps the x ≪ 0 tail */
void refm_gelu_fwd(mpfr_ptr r, mpfr_srcptr x, const actfn_params *p)
{
    (void)p;
    if (mpfr_inf_p(x)) {
        swish_inf_fwd(r, x, 1); /* x·Φ(x) → 0 from below, or x */
        return;
    }
    TMP1(r, t);
    mpfr_mul(t, x, K(K_SQRT1_2, PREC(r)), RND);
    mpfr_neg(t, t, RND);
    mpfr_erfc(t, t, RND);
    mpfr_mul(t, t, x, RND);
    mpfr_div_2ui(r, t, 1, RND);
    mpfr_clear(t);
}

/* Φ(x) + x·φ(x), φ(x) = e^(−x²/2)/√(2π); cancels only near the zero
 * ≈ −0.7518 (refm_eval's check pays for it). */
void refm_gelu_der(mpfr_ptr r, mpfr_srcptr x, const actfn_params *p)
{
    (void)p;
    if (mpfr_nan_p(x)) {
        mpfr_set_nan(r);
        return;
    }
    if (mpfr_inf_p(x)) {
        swish_inf_der(r, x, 1);
        return;
    }
    mpfr_prec_t w = PREC(r);
    TMP2(r, a, b);
    mpfr_mul(a, x, K(K_SQRT1_2, w), RND);
    mpfr_neg(a, a, RND);
    mpfr_erfc(a, a, RND);
    mpfr_div_2ui(a, a, 1, RND); /* Φ(x) */
    mpfr_sqr(b, x, RND);
    mpfr_div_2ui(b, b, 1, RND);
    mpfr_neg(b, b, RND);
    mpfr_exp(b, b, RND);
    mpfr_mul(b, b, K(K_INV_SQRT_2PI, w), RND);
    mpfr_mul(b, b, x, RND); /* x·φ(x) */
    mpfr_add(r, a, b, RND);
    mpfr_clears(a, b, (mpfr_ptr)0);
}

/* 2u, u = √(2/π)(x + 0.044715x³) */
static void gelu_tanh_2u(mpfr_ptr u, mpfr_srcptr x)
{
    mpfr_prec_t w = PREC(u);
    TMP1(u, t);
    mpfr_pow_ui(t, x, 3, RND);
    mpfr_mul(t, t, K(K_GELU_TANH_C, w), RND);
    mpfr_add(t, t, x, RND);
    mpfr_mul(t, t, K(K_SQRT_2_PI, w), RND);
    mpfr_mul_2ui(u, t, 1, RND);
    mpfr_clear(t);
}

/* (x/2)(1 + tanh u) = x·sigmoid(2u): no 1 + tanh cancellation for u ≪ 0 */
void refm_gelu_tanh_fwd(mpfr_ptr r, mpfr_srcptr x, const actfn_params *p)
{
    (void)p;
    if (mpfr_inf_p(x)) {
        swish_inf_fwd(r, x, 1);
        return;
    }
    TMP1(r, u);
    gelu_tanh_2u(u, x);
    swish_core_fwd(r, x, u);
    mpfr_clear(u);
}

/* sigmoid(2u) + 2x·u'·sigmoid'(2u), u' = √(2/π)(1 + 3·0.044715x²) */
void refm_gelu_tanh_der(mpfr_ptr r, mpfr_srcptr x, const actfn_params *p)
{
    (void)p;
    if (mpfr_nan_p(x)) {
        mpfr_set_nan(r);
        return;
    }
    if (mpfr_inf_p(x)) {
        swish_inf_der(r, x, 1);
        return;
    }
    mpfr_prec_t w = PREC(r);
    TMP3(r, u, s, d);
    gelu_tanh_2u(u, x);
    sigm(s, u);
    dsigm(d, u);
    mpfr_sqr(u, x, RND);
    mpfr_mul(u, u, K(K_GELU_TANH_C, w), RND);
    mpfr_mul_ui(u, u, 3, RND);
    mpfr_add_ui(u, u, 1, RND);
    mpfr_mul(u, u, K(K_SQRT_2_PI, w), RND); /* u' */
    mpfr_mul(u, u, x, RND);
    mpfr_mul_2ui(u, u, 1, RND);
    mpfr_mul(u, u, d, RND);
    mpfr_add(r, s, u, RND);
    mpfr_clears(u, s, d, (mpfr_ptr)0);
}

/* ==== trigonometric ========================================================= */

/* MPFR reduces exactly at any magnitude */
void refm_sin_fwd(mpfr_ptr r, mpfr_srcptr x, const actfn_params *p)
{
    (void)p;
    mpfr_sin(r, x, RND);
}

void refm_sin_der(mpfr_ptr r, mpfr_srcptr x, const actfn_params *p)
{
    (void)p;
    mpfr_cos(r, x, RND);
}

void refm_cos_fwd(mpfr_ptr r, mpfr_srcptr x, const actfn_params *p)
{
    (void)p;
    mpfr_cos(r, x, RND);
}

void refm_cos_der(mpfr_ptr r, mpfr_srcptr x, const actfn_params *p)
{
    (void)p;
    mpfr_sin(r, x, RND);
    mpfr_neg(r, r, RND);
}

/* sin(x)/x, 1 at 0, 0 at ±inf */
void refm_sinc_fwd(mpfr_ptr r, mpfr_srcptr x, const actfn_params *p)
{
    (void)p;
    if (mpfr_nan_p(x)) {
        mpfr_set_nan(r);
    } else if (mpfr_inf_p(x)) {
        mpfr_set_zero(r, 1);
    } else if (mpfr_zero_p(x)) {
        mpfr_set_ui(r, 1, RND);
    } else {
        TMP1(r, t);
        mpfr_sin(t, x, RND);
        mpfr_div(r, t, x, RND);
        mpfr_clear(t);
    }
}

/* (x cos x − sin x)/x².  Near 0 the numerator is −x³/3: 2·|log2 x| + 2
 * bits cancel and are added to the working precision (below 2^-400: −x/3
 * to 2^-800 relative).  At the roots of tan x = x the cancellation is
 * paid for by refm_eval's check. */
void refm_sinc_der(mpfr_ptr r, mpfr_srcptr x, const actfn_params *p)
{
    (void)p;
    if (mpfr_nan_p(x)) {
        mpfr_set_nan(r);
        return;
    }
    if (!mpfr_regular_p(x)) {
        mpfr_set_zero(r, 1); /* 0 at ±0 (−x/3) and at ±inf */
        return;
    }
    long e = xexp(x);
    if (e < -400) {
        mpfr_div_si(r, x, -3, RND);
        return;
    }
    mpfr_t c, s;
    mpfr_inits2(PREC(r) + (e < 0 ? 2 * -e : 0) + 8, c, s, (mpfr_ptr)0);
    mpfr_sin_cos(s, c, x, RND);
    mpfr_mul(c, c, x, RND);
    mpfr_sub(c, c, s, RND);
    mpfr_div(c, c, x, RND);
    mpfr_div(r, c, x, RND);
    mpfr_clears(c, s, (mpfr_ptr)0);
}

/* ==== the table and the evaluation ============================================ */

#define ACTFN_ELTWISE(name, KIND, ...)                                                             \
    [ACTFN_##KIND] = {refm_##name##_fwd, refm_##name##_der, #name},
const refm_entry refm_table[ACTFN_KIND_COUNT] = {
#include "registry/eltwise.def"
};
#undef ACTFN_ELTWISE

void refm_init(void)
{
    mpfr_set_emin(mpfr_get_emin_min());
    mpfr_set_emax(mpfr_get_emax_max());
}

/* b agrees with a (the lower precision's value) to 2^-112 relative or
 * 2^-1120 absolute. */
static int agree(mpfr_srcptr a, mpfr_srcptr b)
{
    if (mpfr_nan_p(a) || mpfr_nan_p(b))
        return mpfr_nan_p(a) && mpfr_nan_p(b);
    if (mpfr_equal_p(a, b))
        return 1; /* equal, equal infinities, or zeros of either sign */
    if (mpfr_inf_p(a) || mpfr_inf_p(b))
        return 0;
    mpfr_t d, m;
    mpfr_inits2(64, d, m, (mpfr_ptr)0);
    mpfr_sub(d, a, b, MPFR_RNDA);
    mpfr_abs(d, d, RND);
    mpfr_abs(m, b, MPFR_RNDZ);
    mpfr_div_2ui(m, m, REFM_AGREE_REL_EXP, MPFR_RNDZ);
    int ok = mpfr_cmp(d, m) <= 0;
    mpfr_set_ui_2exp(m, 1, -REFM_AGREE_ABS_EXP, RND);
    ok |= mpfr_cmp(d, m) <= 0;
    mpfr_clears(d, m, (mpfr_ptr)0);
    return ok;
}

long refm_eval_mpfr(actfn_kind k, int der, double x, const actfn_params *p, mpfr_ptr out)
{
    static int inited;
    if (!inited) {
        refm_init();
        inited = 1;
    }
    if ((int)k < 0 || k >= ACTFN_KIND_COUNT) {
        mpfr_set_nan(out);
        return 0;
    }
    refm_fn f = der ? refm_table[k].der : refm_table[k].fwd;
    mpfr_t xm, a, b;
    mpfr_init2(xm, 53);
    mpfr_set_d(xm, x, RND); /* exact; NaN and ±inf too */
    mpfr_init2(a, REFM_PREC_FIRST);
    f(a, xm, p);
    long prec = REFM_PREC_SECOND, done = 0;
    for (;;) {
        mpfr_init2(b, prec);
        f(b, xm, p);
        if (agree(a, b)) {
            mpfr_set(out, b, RND);
            done = prec;
            break;
        }
        mpfr_swap(a, b);
        mpfr_clear(b);
        prec *= 2;
        if (prec > REFM_PREC_MAX) {
            mpfr_set_nan(out);
            mpfr_clears(xm, a, (mpfr_ptr)0);
            return 0;
        }
    }
    mpfr_clears(xm, a, b, (mpfr_ptr)0);
    return done;
}

int refm_eval(actfn_kind k, int der, double x, const actfn_params *p, long double *out)
{
    mpfr_t r;
    mpfr_init2(r, LDBL_MANT_DIG + 8);
    long ok = refm_eval_mpfr(k, der, x, p, r);
    *out =
        mpfr_get_ld(r, RND); /* one rounding (r has 8 bits more: ties are not an issue at 2^-64) */
    mpfr_clear(r);
    return ok ? 0 : -1;
}

/* ---- error measure ------------------------------------------------------------------------ */

double refm_ulp_err(double y, long double r, int overflow_scored)
{
    /* DBL_MAX + ulp/2 = 2^1024 − 2^970: at or above it r rounds to inf */
    const long double thresh = 0x1p1024L - 0x1p970L;
    if (isnan(r))
        return isnan(y) ? 0.0 : INFINITY;
    if (isnan(y))
        return INFINITY;
    if (isinf(r))
        return (long double)y == r ? 0.0 : INFINITY;
    long double a = fabsl(r), yy = y;
    if (a >= thresh && isinf(y) && (y < 0) == (r < 0))
        return 0.0;
    if (!overflow_scored && (a >= thresh || isinf(y)))
        return INFINITY;
    if (isinf(y))
        yy = y < 0 ? -0x1p1024L : 0x1p1024L;
    /* spacing at |r|: 2^(e − 52) for 2^e ≤ a < 2^(e+1), 2^-1074 below DBL_MIN;
     * unbounded above (2^971 from 2^1023 up, 2^972 from 2^1024) */
    int e = a == 0 ? -1022 : ilogbl(a);
    if (e < -1022)
        e = -1022;
    long double d = fabsl(yy - r);
    return (double)ldexpl(d, 52 - e);
}
