/* MPFR checks of the half-precision test: see ref_mpfr_half.h.  1024 bits:
 * enough to see the smallest correction these inputs carry (bf16 reaches
 * 2^±133, and e.g. bent_identity's 1/(4x) at x ~ 2^127 sits 2^-256 below
 * 1.5x − 0.5). */
#include <mpfr.h>

#include "ref_mpfr_half.h"

#define PREC 1024

/* y = 1/(1 + e^-t) */
static void sigm(mpfr_t y, const mpfr_t t)
{
    mpfr_neg(y, t, MPFR_RNDN);
    mpfr_exp(y, y, MPFR_RNDN);
    mpfr_add_ui(y, y, 1, MPFR_RNDN);
    mpfr_ui_div(y, 1, y, MPFR_RNDN);
}

/* y = x·sigmoid(c·x) */
static void swish(mpfr_t y, const mpfr_t x, const mpfr_t c)
{
    mpfr_t t;
    mpfr_init2(t, PREC);
    mpfr_mul(t, c, x, MPFR_RNDN);
    sigm(t, t);
    mpfr_mul(y, x, t, MPFR_RNDN);
    mpfr_clear(t);
}

/* v rounded to nearest-even in the format (prec bits, normal exponents
 * [emin, emax]), as its bit pattern. */
static uint16_t to_format(const mpfr_t v, int prec, int emin, int emax)
{
    int mbits = prec - 1;
    uint16_t s = mpfr_signbit(v) ? 0x8000 : 0;
    uint16_t inf = (uint16_t)(((unsigned)(2 * emax + 1)) << mbits);
    if (mpfr_nan_p(v))
        return (uint16_t)(inf | 1u << (mbits - 1));
    if (mpfr_inf_p(v))
        return s | inf;
    if (mpfr_zero_p(v))
        return s;
    long e = mpfr_get_exp(v) - 1; /* |v| in [2^e, 2^(e+1)) */
    if (e < emin)
        e = emin;
    mpfr_t q;
    mpfr_init2(q, mpfr_get_prec(v) + 64); /* exact: v scaled by a power of two */
    mpfr_abs(q, v, MPFR_RNDN);
    mpfr_mul_2si(q, q, mbits - e, MPFR_RNDN);
    mpfr_rint(q, q, MPFR_RNDN);
    long n = mpfr_get_si(q, MPFR_RNDN);
    mpfr_clear(q);
    long b = ((e - emin) << mbits) + n;
    if (b >= inf)
        return s | inf;
    return s | (uint16_t)b;
}

int ref_mpfr_half(actfn_kind k, int call, const actfn_params *p, long double x, int prec, int emin,
                  int emax, uint16_t *out)
{
    mpfr_t X, y, t;
    int ok = 1;
    mpfr_inits2(PREC, X, y, t, (mpfr_ptr)0);
    mpfr_set_ld(X, x, MPFR_RNDN); /* exact */
    switch (k * 2 + call) {
    case ACTFN_GELU * 2: /* (x/2)·erfc(−x/√2) */
        mpfr_sqrt_ui(t, 2, MPFR_RNDN);
        mpfr_div(t, X, t, MPFR_RNDN);
        mpfr_neg(t, t, MPFR_RNDN);
        mpfr_erfc(t, t, MPFR_RNDN);
        mpfr_mul(y, X, t, MPFR_RNDN);
        mpfr_div_2ui(y, y, 1, MPFR_RNDN);
        break;
    case ACTFN_GELU_TANH * 2: { /* x·sigmoid(2u), u = √(2/π)(x + 0.044715x³) */
        mpfr_t u;
        mpfr_init2(u, PREC);
        mpfr_set_str(t, "0.044715", 10, MPFR_RNDN);
        mpfr_pow_ui(u, X, 3, MPFR_RNDN);
        mpfr_mul(u, u, t, MPFR_RNDN);
        mpfr_add(u, u, X, MPFR_RNDN);
        mpfr_const_pi(t, MPFR_RNDN);
        mpfr_ui_div(t, 2, t, MPFR_RNDN);
        mpfr_sqrt(t, t, MPFR_RNDN);
        mpfr_mul(u, u, t, MPFR_RNDN);
        mpfr_mul_2ui(u, u, 1, MPFR_RNDN);
        sigm(t, u);
        mpfr_mul(y, X, t, MPFR_RNDN);
        mpfr_clear(u);
        break;
    }
    case ACTFN_SILU * 2:
        mpfr_set_ui(t, 1, MPFR_RNDN);
        swish(y, X, t);
        break;
    case ACTFN_SWISH * 2:
        mpfr_set_flt(t, p->alpha, MPFR_RNDN);
        swish(y, X, t);
        break;
    case ACTFN_QUICK_GELU * 2:
        mpfr_set_str(t, "1.702", 10, MPFR_RNDN);
        swish(y, X, t);
        break;
    case ACTFN_SYMMETRIC_SIGMOID * 2: /* tanh(x/2) */
        mpfr_div_2ui(t, X, 1, MPFR_RNDN);
        mpfr_tanh(y, t, MPFR_RNDN);
        break;
    case ACTFN_TANHSHRINK * 2: { /* x − tanh x = ±(|x| − 1 + 2/(1 + e^(2|x|))), summed exactly */
        mpfr_t a;
        mpfr_abs(t, X, MPFR_RNDN);
        mpfr_mul_2ui(t, t, 1, MPFR_RNDN);
        mpfr_exp(t, t, MPFR_RNDN);
        mpfr_add_ui(t, t, 1, MPFR_RNDN);
        mpfr_ui_div(t, 2, t, MPFR_RNDN); /* 1 − tanh|x| */
        mpfr_init2(a, PREC);
        mpfr_abs(a, X, MPFR_RNDN);
        mpfr_sub_ui(a, a, 1, MPFR_RNDN); /* exact */
        long span = mpfr_zero_p(a) || mpfr_zero_p(t) ? 0 : mpfr_get_exp(a) - mpfr_get_exp(t);
        mpfr_set_prec(y, span > 0 ? span + PREC : PREC);
        mpfr_add(y, a, t, MPFR_RNDN);
        if (mpfr_signbit(X))
            mpfr_neg(y, y, MPFR_RNDN);
        mpfr_clear(a);
        break;
    }
    case ACTFN_HARD_SWISH * 2: /* x·min(max(x + 3, 0), 6)/6 */
        if (mpfr_cmp_si(X, -3) <= 0)
            mpfr_set_zero(y, 1);
        else if (mpfr_cmp_si(X, 3) >= 0)
            mpfr_set(y, X, MPFR_RNDN);
        else {
            mpfr_add_ui(t, X, 3, MPFR_RNDN);
            mpfr_mul(y, X, t, MPFR_RNDN);
            mpfr_div_ui(y, y, 6, MPFR_RNDN);
        }
        break;
    case ACTFN_HARD_SIGMOID * 2: /* min(max(alpha·x + beta, 0), 1), alpha·x + beta exact here:
                                  * beta below long double's reach of alpha·x (0.5, 3.9e-39) */
        mpfr_set_flt(t, p->alpha, MPFR_RNDN);
        mpfr_mul(y, X, t, MPFR_RNDN);
        mpfr_set_flt(t, p->beta, MPFR_RNDN);
        mpfr_add(y, y, t, MPFR_RNDN);
        if (mpfr_sgn(y) <= 0)
            mpfr_set_zero(y, 1);
        else if (mpfr_cmp_ui(y, 1) >= 0)
            mpfr_set_ui(y, 1, MPFR_RNDN);
        break;
    case ACTFN_HARD_SWISH * 2 + 1: /* 0, x/3 + 1/2 on [−3, 3], 1 */
        if (mpfr_cmp_si(X, -3) < 0)
            mpfr_set_zero(y, 1);
        else if (mpfr_cmp_si(X, 3) > 0)
            mpfr_set_ui(y, 1, MPFR_RNDN);
        else {
            mpfr_div_ui(y, X, 3, MPFR_RNDN);
            mpfr_add_d(y, y, 0.5, MPFR_RNDN);
        }
        break;
    case ACTFN_TANHSHRINK * 2 + 1: /* tanh² x */
        mpfr_tanh(t, X, MPFR_RNDN);
        mpfr_sqr(y, t, MPFR_RNDN);
        break;
    case ACTFN_SOFTSIGN * 2 + 1: /* 1/(1+|x|)² */
        mpfr_abs(t, X, MPFR_RNDN);
        mpfr_add_ui(t, t, 1, MPFR_RNDN);
        mpfr_sqr(t, t, MPFR_RNDN);
        mpfr_ui_div(y, 1, t, MPFR_RNDN);
        break;
    case ACTFN_ARCTAN * 2 + 1: /* 1/(1+x²) */
        mpfr_sqr(t, X, MPFR_RNDN);
        mpfr_add_ui(t, t, 1, MPFR_RNDN);
        mpfr_ui_div(y, 1, t, MPFR_RNDN);
        break;
    case ACTFN_BENT_IDENTITY * 2: /* (sqrt(x²+1) − 1)/2 + x */
        mpfr_sqr(t, X, MPFR_RNDN);
        mpfr_add_ui(t, t, 1, MPFR_RNDN);
        mpfr_sqrt(t, t, MPFR_RNDN);
        mpfr_sub_ui(t, t, 1, MPFR_RNDN);
        mpfr_div_2ui(t, t, 1, MPFR_RNDN);
        mpfr_add(y, t, X, MPFR_RNDN);
        break;
    default:
        ok = 0;
        break;
    }
    if (ok)
        *out = to_format(y, prec, emin, emax);
    mpfr_clears(X, y, t, (mpfr_ptr)0);
    return ok;
}
