/*
 * The MPFR reference (ref_mpfr.c) checked against what it is built from and
 * against what it replaces:
 *  - its table is the registry, in the registry's order;
 *  - at a few thousand float inputs it agrees with the long-double
 *    reference (ref_functions.c, ~1e-18 relative over the float range) to
 *    2e-17 relative, or 1e-18 absolute within the windows around the zeros
 *    of f' where the long-double reference only promises an absolute error:
 *    the same definitions, parameters and kink values.  (The largest
 *    difference, 1.3e-17, is gelu's tail near x = −14, where the long-double
 *    reference's rounding of x/√2 is amplified by x² in erfc; results below
 *    the float range are not compared: the long-double reference promises
 *    nothing there);
 *  - its agreement check converges to the value a 4096-bit evaluation
 *    gives, at double inputs where the formulas cancel (zeros of f', tan x
 *    = x, tiny x, the tails);
 *  - the double ULP measure (refm_ulp_err), subnormal and overflow cases.
 */
#include <float.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "float_bits.h"
#include "ref.h"
#include "ref_mpfr.h"

static void table_is_the_registry(void **state)
{
    (void)state;
    for (int k = 0; k < ACTFN_KIND_COUNT; k++) {
        assert_non_null(refm_table[k].fwd);
        assert_non_null(refm_table[k].der);
        assert_string_equal(refm_table[k].name, actfn_kind_name((actfn_kind)k));
    }
}

/* Float inputs: a grid of [−30, 30] in steps of 1/32 (zeros of f', kinks
 * and the interesting middle), every 2^21st finite bit pattern of either
 * sign (all binades, subnormals, near FLT_MAX), and ±0, ±inf, NaN. */
static size_t float_inputs(float *xs, size_t cap)
{
    size_t n = 0;
    for (int i = -30 * 32; i <= 30 * 32 && n < cap; i++)
        xs[n++] = (float)i / 32.0f;
    for (uint32_t b = 1; b <= 0x7f7fffffu && n + 2 <= cap; b += 1u << 21) {
        xs[n++] = fbits(b);
        xs[n++] = fbits(b | 0x80000000u);
    }
    static const float sp[] = {0.0f, -0.0f, INFINITY, -INFINITY, NAN, FLT_MAX, -FLT_MAX};
    for (size_t i = 0; i < sizeof sp / sizeof sp[0] && n < cap; i++)
        xs[n++] = sp[i];
    return n;
}

static void agrees_with_long_double(void **state)
{
    (void)state;
    static float xs[8192];
    size_t n = float_inputs(xs, sizeof xs / sizeof xs[0]);
    assert_int_equal(ref_init(), 0);
    int bad = 0;
    size_t skipped = 0;
    long double worst_all = 0;
    for (int k = 0; k < ACTFN_KIND_COUNT; k++) {
        actfn_params p;
        assert_int_equal(actfn_params_default((actfn_kind)k, &p), ACTFN_OK);
        for (int der = 0; der < 2; der++) {
            ref_fn lf = der ? ref_table[k].der : ref_table[k].fwd;
            int nbad = 0;
            long double worst = 0;
            float wx = 0;
            for (size_t i = 0; i < n; i++) {
                long double m, l = lf(xs[i], &p);
                if (refm_eval((actfn_kind)k, der, xs[i], &p, &m) != 0) {
                    print_error("%s %s at %a: MPFR did not converge\n", refm_table[k].name,
                                der ? "der" : "fwd", (double)xs[i]);
                    nbad++;
                    continue;
                }
                int ok;
                long double rel = 0;
                if (isnan(m) || isnan(l))
                    ok = isnan(m) && isnan(l);
                else if (isinf(m) || isinf(l))
                    ok = m == l;
                else if (m == l)
                    ok = 1;
                else if (fabsl(m) < 0x1p-149L) {
                    /* below every float: the long-double reference promises
                     * nothing there (gelu's tail, e.g., carries the rounding of
                     * x/√2 amplified by x²) */
                    skipped++;
                    continue;
                } else {
                    long double d = fabsl(m - l);
                    int window = der && ref_near_der_zero((actfn_kind)k, xs[i]);
                    rel = d / fabsl(m);
                    ok = rel <= 2e-17L || (window && d <= 1e-18L);
                    if (!window && rel > worst) {
                        worst = rel;
                        wx = xs[i];
                    }
                }
                if (!ok) {
                    if (nbad < 3)
                        print_error("%s %s at %a: MPFR %.21Lg, long double %.21Lg (rel %.3Lg)\n",
                                    refm_table[k].name, der ? "der" : "fwd", (double)xs[i], m, l,
                                    rel);
                    nbad++;
                }
            }
            if (nbad)
                print_error("%s %s: %d disagreements, worst relative %.3Lg at %a\n",
                            refm_table[k].name, der ? "der" : "fwd", nbad, worst, (double)wx);
            if (worst > worst_all)
                worst_all = worst;
            bad += nbad;
        }
    }
    print_message("MPFR vs long double: %zu float inputs x %d functions x fwd/der, worst "
                  "relative difference %.3Lg, %d disagreements (%zu results below the float "
                  "range not compared)\n",
                  n, ACTFN_KIND_COUNT, worst_all, bad, skipped);
    assert_int_equal(bad, 0);
}

/* Double inputs where something cancels, and a few anywhere: refm_eval's
 * value against one evaluation at 4096 bits. */
static void converges_to_4096_bits(void **state)
{
    (void)state;
    static const double xs[] = {
        -0.7517916243119518,
        -0.75179162431195,
        -1.2784645427610738,
        -1.2784645427610737,
        -1.1924,
        -1.1923662,
        -0.7511542554412890,
        4.4934094579090641,
        4.493409457909064,
        -7.725251836937707,
        0x1p-30,
        -0x1p-60,
        0x1.8p-500,
        0x1p-1074,
        -0x1.fffffffffffffp-1023,
        1e-5,
        2.5,
        6.5,
        7.0,
        40.0,
        700.0,
        -700.0,
        -745.0,
        -38.5,
        27.2,
        1e10,
        -1e10,
        1e300,
        -1e300,
        0x1.921fb54442d18p+0,
        0x1.921fb54442d18p+1,
        3.0,
        -3.0,
        0x1.fffffffffffffp+1023,
        -20.5,
        -437.0,
    };
    mpfr_t r, h, x;
    mpfr_inits2(256, r, (mpfr_ptr)0);
    mpfr_init2(h, 4096);
    mpfr_init2(x, 53);
    int bad = 0;
    for (int k = 0; k < ACTFN_KIND_COUNT; k++) {
        actfn_params p;
        actfn_params_default((actfn_kind)k, &p);
        for (int der = 0; der < 2; der++)
            for (size_t i = 0; i < sizeof xs / sizeof xs[0]; i++) {
                if (refm_eval_mpfr((actfn_kind)k, der, xs[i], &p, r) == 0) {
                    print_error("%s %s at %a: no convergence\n", refm_table[k].name,
                                der ? "der" : "fwd", xs[i]);
                    bad++;
                    continue;
                }
                mpfr_set_d(x, xs[i], MPFR_RNDN);
                (der ? refm_table[k].der : refm_table[k].fwd)(h, x, &p);
                mpfr_t d;
                mpfr_init2(d, 64);
                mpfr_sub(d, r, h, MPFR_RNDN);
                int ok = mpfr_nan_p(r) ? mpfr_nan_p(h) : mpfr_equal_p(r, h);
                if (!ok && mpfr_number_p(d)) {
                    /* 2^-110 relative, or far below every double */
                    ok = mpfr_zero_p(d) || mpfr_get_exp(d) <= mpfr_get_exp(h) - 110 ||
                         mpfr_get_exp(d) < -1110;
                }
                if (!ok) {
                    print_error("%s %s at %a: %.21Lg vs 4096 bits %.21Lg\n", refm_table[k].name,
                                der ? "der" : "fwd", xs[i], mpfr_get_ld(r, MPFR_RNDN),
                                mpfr_get_ld(h, MPFR_RNDN));
                    bad++;
                }
                mpfr_clear(d);
            }
    }
    mpfr_clears(r, h, x, (mpfr_ptr)0);
    assert_int_equal(bad, 0);
}

static void ulp_measure(void **state)
{
    (void)state;
    /* one ULP in a normal binade, either side of a power of two */
    assert_true(refm_ulp_err(1.0, 1.0L + 0x1p-52L, 0) == 1.0);
    assert_true(refm_ulp_err(1.0, 1.0L - 0x1p-53L, 0) == 1.0); /* spacing 2^-53 below 1 */
    assert_true(refm_ulp_err(2.0, 2.0L - 0x1p-60L, 0) == 0x1p-8);
    assert_true(refm_ulp_err(1.0, 1.0L + 0x1p-56L, 0) == 0.0625);
    /* subnormal: 2^-1074 */
    assert_true(refm_ulp_err(0.0, 0x1p-1074L, 0) == 1.0);
    assert_true(refm_ulp_err(-0.0, -0x1p-1075L, 0) == 0.5);
    assert_true(refm_ulp_err(0x1p-1074, 0x1p-1076L, 0) == 0.75);
    assert_true(refm_ulp_err(0x1p-1022, 0x1p-1023L, 0) == 0x1p51);
    assert_true(refm_ulp_err(DBL_MIN, (long double)DBL_MIN - 0x1p-1076L, 0) == 0.25);
    /* top binade and overflow: DBL_MAX + 2^970 rounds to inf */
    const long double thr = 0x1p1024L - 0x1p970L;
    assert_true(refm_ulp_err(DBL_MAX, (long double)DBL_MAX + 0x1p969L, 0) == 0.25);
    assert_true(refm_ulp_err(DBL_MAX, thr, 0) == INFINITY);
    assert_true(refm_ulp_err(INFINITY, thr, 0) == 0.0);
    assert_true(refm_ulp_err(INFINITY, thr, 1) == 0.0);
    assert_true(refm_ulp_err(-INFINITY, -thr, 0) == 0.0);
    assert_true(refm_ulp_err(INFINITY, -thr, 0) == INFINITY);
    assert_true(refm_ulp_err(INFINITY, (long double)DBL_MAX, 0) == INFINITY);
    /* scored overflow: ±inf counts as ±2^1024, beyond it the spacing is 2^971 */
    assert_true(refm_ulp_err(INFINITY, (long double)DBL_MAX, 1) == 1.0);
    assert_true(refm_ulp_err(-INFINITY, -(long double)DBL_MAX + 0x1p971L, 1) == 2.0);
    assert_true(refm_ulp_err(DBL_MAX, thr, 1) == 0.5);
    assert_true(refm_ulp_err(DBL_MAX, 0x1p1024L + 0x1p972L, 1) == 1.5);
    /* exact infinite limits, NaN */
    assert_true(refm_ulp_err(INFINITY, HUGE_VALL, 0) == 0.0);
    assert_true(refm_ulp_err(DBL_MAX, HUGE_VALL, 1) == INFINITY);
    assert_true(refm_ulp_err(NAN, NAN, 0) == 0.0);
    assert_true(refm_ulp_err(1.0, NAN, 0) == INFINITY);
    assert_true(refm_ulp_err(NAN, 1.0L, 1) == INFINITY);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(table_is_the_registry),
        cmocka_unit_test(ulp_measure),
        cmocka_unit_test(converges_to_4096_bits),
        cmocka_unit_test(agrees_with_long_double),
    };
    return cmocka_run_group_tests_name("reference_mpfr", tests, NULL, NULL);
}
