/*
 * The tie hooks' arithmetic (scalar, out of line: only the correct-rounding
 * fix-up of generic/loops_eltwise.inc calls them, on the rare lanes whose
 * f64 value lies on a midpoint of bf16/f16).  A hook
 *     int op64_<body>_<call>_tie(double x, double m, const actfn_params *p)
 * listed in src/registry/ties.def returns the sign of f(x) − m for a
 * midpoint m of the format, or 0 when it cannot tell.  It writes
 * f(x) − m = a_0 + … + a_{n−1} + r, the a_i exact doubles (x and the
 * asymptote's coefficients are exact in double for every bf16/f16 x) and r
 * a remainder known to within ±rerr, and asks actfn_tie_sign: the exact
 * part is summed without error (an expansion), so only r's error can make
 * the answer wrong, and the answer is 0 when it could.
 */
#ifndef ACTFN_GENERIC_ELTWISE_F64_TIE_H
#define ACTFN_GENERIC_ELTWISE_F64_TIE_H

#include <math.h>

/* a + b = *s + *e exactly (Knuth's TwoSum; round to nearest) */
static inline void actfn_two_sum(double a, double b, double *s, double *e)
{
    double x = a + b, bb = x - a;
    *s = x;
    *e = (a - (x - bb)) + (b - bb);
}

/*
 * The sign of a[0] + … + a[n−1] + r', the a[i] exact, |r' − r| ≤ rerr, and
 * r' of r's sign (r ≠ 0: a remainder whose sign is known analytically even
 * where it underflows; the caller passes r = ±DBL_TRUE_MIN then).  0 when
 * the sum is within 2·rerr of 0.  n ≤ 6.
 */
static inline int actfn_tie_sign(const double *a, int n, double r, double rerr)
{
    double h[8];
    int m = 0;
    /* Shewchuk's Grow-Expansion with zero elimination: h[0..m) is a
     * nonoverlapping expansion of the terms so far, increasing magnitude */
    for (int i = 0; i <= n; i++) {
        double q = i < n ? a[i] : r, s, e;
        int k = 0;
        if (i == n && m == 0) /* the exact part is 0: r' alone, of r's sign */
            return (r > 0) - (r < 0);
        for (int j = 0; j < m; j++) {
            actfn_two_sum(q, h[j], &s, &e);
            if (e != 0)
                h[k++] = e;
            q = s;
        }
        if (q != 0)
            h[k++] = q;
        m = k;
    }
    /* the sum is h[m−1] (1 ± 2^-52), and r's error is at most rerr */
    if (m == 0 || !(fabs(h[m - 1]) > 2 * rerr))
        return 0;
    return h[m - 1] > 0 ? 1 : -1;
}

#endif
