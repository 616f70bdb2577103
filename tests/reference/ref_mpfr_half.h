/*
 * MPFR checks of the half-precision test (eltwise/test_half.c): the
 * correctly rounded value, in a format of `prec` significand bits and
 * normal exponents [emin, emax], of f(x) (call 0) or f'(x) (call 1), from
 * the same definitions as ref_functions.c (parameters at their float
 * values, the kink conventions of CONTRACT.md), evaluated at 256 bits.
 * Used on the few inputs whose long-double reference lies within 2^-50 of
 * a rounding boundary.  Returns 1 and the format's bit pattern in *out, or
 * 0 where the function has no MPFR definition here.
 */
#ifndef ACTFN_TESTS_REF_MPFR_HALF_H
#define ACTFN_TESTS_REF_MPFR_HALF_H

#include <stdint.h>

#include "actfn.h"

int ref_mpfr_half(actfn_kind k, int call, const actfn_params *p, long double x, int prec, int emin,
                  int emax, uint16_t *out);

#endif
