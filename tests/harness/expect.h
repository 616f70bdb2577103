/* Reporting for the CMocka tests that check many inputs: EXPECT(cond, fmt,
 * ...) records a violation (the first 25 are printed), finish() at the end
 * of a test fails it once with the count and starts the next test clean.
 * Include after <cmocka.h>. */
#ifndef ACTFN_TESTS_EXPECT_H
#define ACTFN_TESTS_EXPECT_H

#include <stdarg.h>

static int violations;

static void violation(const char *fmt, ...)
{
    if (violations++ < 25) {
        va_list ap;
        va_start(ap, fmt);
        vprint_error(fmt, ap);
        va_end(ap);
        print_error("\n");
    }
}

#define EXPECT(cond, ...)                                                                          \
    do {                                                                                           \
        if (!(cond))                                                                               \
            violation(__VA_ARGS__);                                                                \
    } while (0)

static void finish(void)
{
    int n = violations;
    violations = 0;
    if (n != 0)
        fail_msg("%d violation(s)", n);
}

#endif
