/*
 * A quick look at the f64 calls' error against the long-double reference
 * (tests/reference; 11 bits beyond double, enough to see a few-ULP error;
 * the accuracy test proper uses MPFR):
 *
 *   probe64 [NAME...]     every binade of double (64 random inputs per
 *                         binade and sign) and a grid of [-50, 50] in steps
 *                         of 2^-10, on every path this CPU runs
 *
 * Prints, per function and path, the largest error of forward and
 * derivative in ULPs of double (the derivative near a zero of f' as
 * |error|/2^-52 when that is smaller) and the input where it occurs.
 */
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <actfn.h>
#include "ref.h"

static double ulp_err(double y, long double r)
{
    if (isnan(r) || isnan(y))
        return isnan(r) && isnan(y) ? 0.0 : INFINITY;
    if (isinf(r) || fabsl(r) > DBL_MAX)
        return (isinf(y) && (y > 0) == (r > 0)) ? 0.0 : INFINITY;
    int e;
    frexpl(r, &e);
    long double u = ldexpl(1.0L, e - 53);
    if (u < 0x1p-1074L)
        u = 0x1p-1074L;
    return (double)(fabsl((long double)y - r) / u);
}

#define NMAX 400000
static double xs[NMAX], ys[NMAX];

int main(int argc, char **argv)
{
    if (ref_init() != 0)
        return 1;
    size_t n = 0;
    uint64_t s = 0x2545f4914f6cdd1dull;
    for (int e = -1074; e <= 1023; e++)
        for (int j = 0; j < 64; j++) {
            s ^= s << 13, s ^= s >> 7, s ^= s << 17;
            double m = 1.0 + (double)(s >> 12) * 0x1p-52;
            double x = e < -1022 ? ldexp((double)(s >> 12) * 0x1p-52, -1022) : ldexp(m, e);
            xs[n++] = (j & 1) ? -x : x;
        }
    for (int i = -50 * 1024; i <= 50 * 1024; i++)
        xs[n++] = (double)i / 1024.0;
    for (int k = 0; k < ACTFN_KIND_COUNT; k++) {
        const char *name = actfn_kind_name((actfn_kind)k);
        int want = argc < 2;
        for (int a = 1; a < argc; a++)
            want |= strcmp(argv[a], name) == 0;
        if (!want)
            continue;
        actfn_params p;
        actfn_params_default((actfn_kind)k, &p);
        static long double rf[NMAX], rd[NMAX];
        static unsigned char near0[NMAX];
        for (size_t i = 0; i < n; i++) {
            rf[i] = ref_table[k].fwd(xs[i], &p);
            rd[i] = ref_table[k].der(xs[i], &p);
            near0[i] = (unsigned char)ref_near_der_zero((actfn_kind)k, xs[i]);
        }
        for (int isa = 0; isa < ACTFN_ISA_COUNT; isa++) {
            if (actfn_set_isa((actfn_isa)isa) != ACTFN_OK)
                continue;
            double wf = 0, wd = 0, xf = 0, xd = 0;
            actfn_forward_f64((actfn_kind)k, NULL, xs, ys, n);
            for (size_t i = 0; i < n; i++) {
                double e = ulp_err(ys[i], rf[i]);
                if (!(e <= wf))
                    wf = e, xf = xs[i];
            }
            actfn_derivative_f64((actfn_kind)k, NULL, xs, ys, n);
            for (size_t i = 0; i < n; i++) {
                double e = ulp_err(ys[i], rd[i]);
                if (near0[i] && isfinite(rd[i]))
                    e = fmin(e, (double)(fabsl((long double)ys[i] - rd[i]) / 0x1p-52L));
                if (!(e <= wd))
                    wd = e, xd = xs[i];
            }
            printf("%-18s %-7s fwd %10.3g ULP at %-24a der %10.3g ULP at %a%s\n", name,
                   actfn_isa_name((actfn_isa)isa), wf, xf, wd, xd,
                   wf > 4 || wd > 8 ? "   <-- over" : "");
        }
    }
    return 0;
}
