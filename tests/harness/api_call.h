/* The three element-wise calls behind one entry point, for the tests that
 * loop over them: call(c, ...) with c one of FWD, DER, BWD; dy is read only
 * by BWD. */
#ifndef ACTFN_TESTS_API_CALL_H
#define ACTFN_TESTS_API_CALL_H

#include <stddef.h>

#include <actfn.h>

enum { FWD, DER, BWD, NCALLS };
static const char *const call_name[NCALLS] = {"forward", "derivative", "backward"};

static inline actfn_status call(int c, actfn_kind k, const actfn_params *p, const float *x,
                                const float *dy, float *out, size_t n)
{
    switch (c) {
    case FWD:
        return actfn_forward_f32(k, p, x, out, n);
    case DER:
        return actfn_derivative_f32(k, p, x, out, n);
    default:
        return actfn_backward_f32(k, p, x, dy, out, n);
    }
}

/* kind k's name, also for a k outside the table (the bad-input tests) */
static inline const char *kname(actfn_kind k)
{
    const char *s = actfn_kind_name(k);
    return s != NULL ? s : "(unnamed)";
}

#endif
