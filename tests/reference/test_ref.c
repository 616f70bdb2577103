/*
 * The reference's own building blocks (ref.c): the fast e^x the
 * references use instead of expl, and the ULP error measure.
 */
#include <float.h>
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "ref.h"
#include "float_bits.h"

/* |a − b| / |b|, 0 when equal (also both inf or both 0). */
static long double rel(long double a, long double b)
{
    if (a == b)
        return 0.0L;
    return fabsl(a - b) / fabsl(b);
}

/* Every 97th float bit pattern below 700 in magnitude (every 1552nd where
 * long double is binary128, done in software: 16 times fewer), both signs,
 * and long doubles between neighbouring floats: within 2^-60 of expl. */
static void exp_matches_expl(void **state)
{
    (void)state;
    long double worst = 0;
    long n = 0;
    const uint32_t step = LDBL_MANT_DIG > 64 ? 97 * 16 : 97;
    for (uint32_t u = 0; u < 0x442f0000u; u += step) /* 0x1.5ep+9 = 700 */
        for (int s = 0; s < 2; s++) {
            long double x = (long double)fbits(u | (uint32_t)s << 31);
            long double xs[2] = {x, x + x * 0x1p-40L};
            for (int j = 0; j < 2; j++) {
                long double e = rel(ref_exp(xs[j]), expl(xs[j]));
                if (e > worst)
                    worst = e;
                n++;
            }
        }
    print_message("ref_exp vs expl: %ld inputs, worst relative difference %.3Lg\n", n, worst);
    assert_true(worst <= 0x1p-60L);
}

/* Edges of the fast range and the saturated ranges. */
static void exp_edges(void **state)
{
    (void)state;
    const long double xs[] = {0.0L,      -0.0L,     700.0L,    -700.0L,   699.999L,
                              -699.999L, 11399.9L,  -11399.9L, 11400.0L,  -11400.0L,
                              -11499.9L, -11500.0L, 1e30L,     -1e30L,    0x1p-70L,
                              -0x1p-70L, 11356.5L,  -11355.0L, -11390.0L, -11450.0L};
    for (size_t i = 0; i < sizeof xs / sizeof xs[0]; i++) {
        long double a = ref_exp(xs[i]), b = expl(xs[i]);
        if (!(rel(a, b) <= 0x1p-60L))
            fail_msg("ref_exp(%La) = %La, expl %La", xs[i], a, b);
    }
    assert_true(isnan(ref_exp(NAN)));
    assert_true(ref_exp(INFINITY) == HUGE_VALL);
    assert_true(ref_exp(-INFINITY) == 0.0L);
}

static void ulp_measure(void **state)
{
    (void)state;
    /* one ULP in a normal binade, either side */
    assert_true(ref_ulp_err(1.0f, 1.0L + 0x1p-23L) == 1.0);
    assert_true(ref_ulp_err(1.0f, 1.0L - 0x1p-24L) == 1.0); /* ulp 2^-24 below 1 */
    /* just below a power of two the spacing is the lower binade's */
    assert_true(ref_ulp_err(2.0f, 2.0L - 0x1p-60L) == 0x1p-37);
    assert_true(ref_ulp_err(4.0f, 2.0L) == 0x1p23);
    /* subnormal and below: 2^-149 */
    assert_true(ref_ulp_err(0.0f, 0x1p-149L) == 1.0);
    assert_true(ref_ulp_err(0x1p-126f, 0x1p-127L) == 0x1p22);
    assert_true(ref_ulp_err(-0.0f, -0x1p-150L) == 0.5);
    /* top binade, overflow and NaN */
    assert_true(ref_ulp_err(FLT_MAX, (long double)FLT_MAX + 0x1p103L) == INFINITY);
    assert_true(ref_ulp_err(INFINITY, (long double)FLT_MAX + 0x1p103L) == 0.0);
    assert_true(ref_ulp_err(FLT_MAX, (long double)FLT_MAX + 0x1p102L) == 0.25); /* ulp 2^104 */
    assert_true(ref_ulp_err(-INFINITY, 1.0L) == INFINITY);
    assert_true(ref_ulp_err(NAN, NAN) == 0.0);
    assert_true(ref_ulp_err(1.0f, NAN) == INFINITY);
    assert_true(ref_ulp_err(NAN, 1.0L) == INFINITY);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(exp_matches_expl),
        cmocka_unit_test(exp_edges),
        cmocka_unit_test(ulp_measure),
    };
    return cmocka_run_group_tests_name("reference", tests, NULL, NULL);
}
