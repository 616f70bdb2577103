/*
 * Accuracy of the f64 calls (actfn_forward_f64, actfn_derivative_f64,
 * actfn_backward_f64) of every registered function against the MPFR
 * reference (tests/reference/ref_mpfr.h), per dispatch path, through the
 * public API only.
 *
 *   test_accuracy64 [--dense | --sparse=K] <path> [<path> ...]   path: actfn_isa_name()
 *
 * --dense   ten times the bulk inputs (binades, grids, tails): an on-demand
 *           sweep, about ten times the run time (docs/accuracy.md, "f64").
 * --sparse=K  the bulk inputs K times thinner (at least one input per binade
 *           and sign): for emulated targets, where MPFR itself is emulated;
 *           the CMake files pass it only under CMAKE_CROSSCOMPILING_EMULATOR.
 * Specials, kinks, the zeros of f', the exp thresholds and the edges of the
 * double range stay complete in either mode.
 *
 * One CMocka group per path (accuracy64_<path>), one test per function ×
 * call in it, e.g. gelu_fwd_avx512_within_4ulp.  A path this CPU does not
 * run has each of its tests reported as skipped by name; when no path given
 * runs, the binary exits 77 (ctest SKIP_RETURN_CODE).  The reference of a
 * function is computed when its first test runs and kept for the other
 * paths of the same process (one ctest is one path, so each ctest pays for
 * it once).  Every measured test prints one line:
 *
 *   ACCURACY64 <path> <name> <fwd|der|bwd> <maxulp> <worst x> [key=value ...]
 *
 * Bounds (CONTRACT.md "Accuracy", f64):
 *   fwd       ≤ 4 ULP of double
 *   der, bwd  ≤ 8 ULP, or ≤ 2^-52 absolute within 2^-6 of a zero z of f'
 *             (ref.h's list and window, as for f32); backward is dy·f'(x),
 *             its absolute allowance there |dy|·2^-52.
 * maxulp leaves out the inputs excused by that allowance (counted as
 * excused=, their worst absolute error in units of |dy| as near_zero_abs=).
 * backward runs with three dy: 1, a random one in [−2, 2], and ±DBL_MAX·u,
 * u ∈ [0.5, 1] (dy·f' overflows for |f'| > 1/u): its line is the worst of
 * the three, with that dy.  Where f' is nonzero and below DBL_MIN the
 * derivative's bound is 8·2^-1074 absolute (8 of the subnormal spacing),
 * and backward is allowed that times |dy|: with a huge dy the exact
 * product of a subnormal f' is a normal number, which a body multiplying
 * dy by a rounded f' cannot reach to 8 ULP.  Inputs within that allowance
 * are counted apart (subnormal_der_excused=, their worst ULP error
 * subnormal_der_ulp=), not in maxulp, as the near-zero ones are.
 *
 * ULP error = |y − ref| / ulp(ref), ulp(ref) the double spacing at |ref|
 * (2^-1074 below DBL_MIN), ref the MPFR value rounded once to long double
 * (2^-11 ULP or finer).  Forward and derivative: a reference at or beyond
 * DBL_MAX + ulp/2 rounds to ±inf and y must be that inf; an infinite y for
 * a finite reference fails.  Backward: an overflowed result is scored as
 * ±2^1024 (CONTRACT.md "Backward overflow").  NaN must meet NaN.
 *
 * The test never touches MXCSR/FPCR: the library runs in the caller's
 * default round-to-nearest environment.
 */
#include <float.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "actfn.h"
#include "isa_names.h"
#include "ref.h"
#include "ref_mpfr.h"

enum call { CALL_FWD, CALL_DER, CALL_BWD, CALL_COUNT };
static const char *const call_name[CALL_COUNT] = {"fwd", "der", "bwd"};
static const double call_bound[CALL_COUNT] = {4.0, 8.0, 8.0};
#define NEAR_ZERO_ABS 0x1p-52L
#define SUBNORMAL_DER_ABS 0x1p-1071L /* 8 · 2^-1074 */
#define NDY 3                        /* backward: dy = 1, random, huge */

static double dbits(uint64_t u)
{
    double d;
    memcpy(&d, &u, sizeof d);
    return d;
}

static void *xmalloc(size_t n)
{
    void *p = malloc(n);
    if (!p) {
        fprintf(stderr, "test_accuracy64: out of memory\n");
        exit(1);
    }
    return p;
}

/* ---- inputs, built once and shared by every function and path ------------------ */

static double *xs, *dys[NDY];
static size_t nx, cap;

static void push(double v)
{
    if (nx == cap) {
        cap = cap ? 2 * cap : 1u << 16;
        xs = realloc(xs, cap * sizeof *xs);
        if (!xs) {
            fprintf(stderr, "test_accuracy64: out of memory\n");
            exit(1);
        }
    }
    xs[nx++] = v;
}

/* splitmix64: fixed seeds, so every run sees the same inputs. */
static uint64_t rng_state;
static uint64_t rng(void)
{
    uint64_t z = (rng_state += 0x9e3779b97f4a7c15u);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return z ^ (z >> 31);
}
static double rng_unit(void) /* [0, 1) */ { return (double)(rng() >> 11) * 0x1p-53; }

/* The bulk counts, scaled by --dense / --sparse (at least 1). */
static double bulk = 1.0;
static size_t scaled(size_t n)
{
    double v = (double)n * bulk;
    return v < 1.0 ? 1 : (size_t)v;
}

/* n points on [lo, hi]: uniform step, each jittered within its cell, full
 * 53-bit mantissas. */
static void push_dense(double lo, double hi, size_t n)
{
    for (size_t i = 0; i < n; i++)
        push(lo + (hi - lo) * ((double)i + rng_unit()) / (double)n);
}

/* c and the k doubles on either side of it. */
static void push_around(double c, int k)
{
    double up = c, down = c;
    push(c);
    for (int i = 0; i < k; i++) {
        up = nextafter(up, INFINITY);
        down = nextafter(down, -INFINITY);
        push(up);
        push(down);
    }
}

/* c ± 2^-j·max(|c|, 1), j = j0..60: approaching c from both sides at every
 * scale (a kink or a zero of f'). */
static void push_approach(double c, int j0)
{
    double s = fabs(c) > 1 ? fabs(c) : 1.0;
    for (int j = j0; j <= 60; j++) {
        push(c + ldexp(s, -j));
        push(c - ldexp(s, -j));
    }
}

static void build_inputs(void)
{
    rng_state = 0x5eed0acc64000001u;

    /* every binade of double, both signs, random mantissas (the subnormal
     * "binades" [2^e, 2^(e+1)), e = −1074 … −1023, included) */
    size_t per_binade = scaled(3);
    for (int e = -1074; e <= 1023; e++)
        for (size_t j = 0; j < per_binade; j++)
            for (int s = 0; s < 2; s++) {
                double v;
                if (e >= -1022) {
                    v = ldexp(1.0 + (double)(rng() >> 12) * 0x1p-52, e);
                } else {
                    int b = e + 1074; /* the leading bit of the subnormal */
                    uint64_t low = b ? (rng() & ((UINT64_C(1) << b) - 1)) : 0;
                    v = dbits((UINT64_C(1) << b) | low);
                }
                push(s ? -v : v);
            }

    /* dense where the functions are delicate */
    push_dense(-64.0, 64.0, scaled(24000));
    /* tails: down to where e^x underflows in double (silu, swish, mish,
     * sigmoid, softplus, loglog near −745; quick_gelu's 1.702x near −438),
     * and up to where it overflows (+709.78) */
    push_dense(-750.0, -64.0, scaled(4000));
    push_dense(64.0, 750.0, scaled(1500));
    push_dense(-40.0, -25.0, scaled(1500)); /* gelu, gelu_tanh: underflow near −38.5 */
    push_dense(25.0, 28.0, scaled(500));    /* gaussian: e^−x² underflows at ±27.3 */
    push_dense(-28.0, -25.0, scaled(500));

    /* exp thresholds, in double: ln DBL_MAX, ln DBL_MIN, ln 2^-1074, ln 2^-1075,
     * where expm1 saturates (elu, selu, celu), gelu's and gaussian's underflow */
    static const double thresh[] = {
        709.782712893384,
        -708.3964185322641,
        -744.4400719213812,
        -745.1332191019411,
        -36.7368005696771,
        -37.42994775023705,
        -38.47,
        -38.6,
        27.28,
        -27.28,
        27.297,
        -27.297,
        354.891356446692,
        -354.891356446692,
        20.0,
        -20.0,
    };
    for (size_t i = 0; i < sizeof thresh / sizeof thresh[0]; i++)
        push_around(thresh[i], 32);

    /* kinks of the piecewise functions at their defaults, and hard_sigmoid's
     * where alpha·x + beta crosses 0 and 1 */
    static const double kink[] = {0.0, 0.5, -0.5, 1.0, -1.0, 1.5, -1.5, 3.0, -3.0, 6.0, -6.0};
    for (size_t i = 0; i < sizeof kink / sizeof kink[0]; i++) {
        push_around(kink[i], 64);
        push_approach(kink[i], 1);
    }
    actfn_params hp;
    actfn_params_default(ACTFN_HARD_SIGMOID, &hp);
    push_around((double)(-(long double)hp.beta / hp.alpha), 64);
    push_around((double)((1.0L - hp.beta) / hp.alpha), 64);

    /* zeros of f' (ref.c's list, at the defaults): the doubles around
     * each, an approach from 2^-6 (the window's edge) down, a grid over the
     * window and its two edges */
    for (int k = 0; k < ACTFN_KIND_COUNT; k++) {
        const long double *z;
        int nz = ref_der_zeros((actfn_kind)k, &z);
        for (int i = 0; i < nz; i++) {
            double c = (double)z[i];
            push_around(c, 32);
            push_approach(c, 6);
            push_dense(c - 0x1p-6, c + 0x1p-6, scaled(100));
            push_around((double)(z[i] - REF_ZERO_WINDOW), 8);
            push_around((double)(z[i] + REF_ZERO_WINDOW), 8);
        }
    }

    /* specials and the edges of the double range */
    static const uint64_t special[] = {
        0x0000000000000000u, 0x8000000000000000u, 0x7ff0000000000000u, 0xfff0000000000000u,
        0x7ff8000000000000u, 0xfff8000000000000u, 0x7ff8000000000001u, 0x7ff4000000000000u,
        0x7fffffffffffffffu, 0xffffffffffffffffu, 0x7ff0000000000001u, 0xfff0000000000001u,
    };
    for (size_t i = 0; i < sizeof special / sizeof special[0]; i++)
        push(dbits(special[i]));
    for (int s = 0; s < 2; s++) {
        double sg = s ? -1.0 : 1.0;
        push_around(sg * DBL_MIN, 32);
        push_around(sg * DBL_MAX, 32);
        for (uint64_t m = 1; m <= 64; m++)
            push(sg * dbits(m)); /* DBL_TRUE_MIN and its first multiples */
        push(sg * 0x1p-1000);
        push(sg * 1.0);
        push(sg * 2.0);
    }

    /* dy for backward */
    rng_state = 0xd1ce5eed64u;
    for (int j = 0; j < NDY; j++)
        dys[j] = xmalloc(nx * sizeof *dys[j]);
    for (size_t i = 0; i < nx; i++) {
        dys[0][i] = 1.0;
        dys[1][i] = 4.0 * rng_unit() - 2.0;
        double u = 0.5 + 0.5 * rng_unit();
        dys[2][i] = (rng() & 1 ? -DBL_MAX : DBL_MAX) * u;
    }
}

/* ---- the reference, per function, computed once per process ---------------------- */

static long double *ref_f[ACTFN_KIND_COUNT], *ref_d[ACTFN_KIND_COUNT];
static unsigned char *near0[ACTFN_KIND_COUNT];
static actfn_params params[ACTFN_KIND_COUNT];
static double ref_seconds;

/* 0, or -1 after printing where MPFR did not converge. */
static int compute_ref(actfn_kind k)
{
    if (ref_f[k])
        return 0;
    clock_t t0 = clock();
    long double *f = xmalloc(nx * sizeof *f), *d = xmalloc(nx * sizeof *d);
    unsigned char *z = xmalloc(nx);
    int rc = 0;
    for (size_t i = 0; i < nx; i++) {
        if (refm_eval(k, 0, xs[i], &params[k], &f[i]) != 0 ||
            refm_eval(k, 1, xs[i], &params[k], &d[i]) != 0) {
            print_error("%s: the MPFR reference did not converge at x = %a\n", actfn_kind_name(k),
                        xs[i]);
            rc = -1;
        }
        z[i] = (unsigned char)ref_near_der_zero(k, xs[i]);
    }
    ref_f[k] = f;
    ref_d[k] = d;
    near0[k] = z;
    ref_seconds += (double)(clock() - t0) / CLOCKS_PER_SEC;
    return rc;
}

/* ---- the test ------------------------------------------------------------------------- */

/* The exact result of `call` at input i (dy set j): f, f', or dy·f' (one
 * more rounding to long double). */
static long double want(enum call call, actfn_kind k, size_t i, int j)
{
    return call == CALL_FWD   ? ref_f[k][i]
           : call == CALL_DER ? ref_d[k][i]
                              : (long double)dys[j][i] * ref_d[k][i];
}

typedef struct acc64_test {
    actfn_kind kind;
    actfn_isa isa;
    enum call call;
    char name[96];
} acc64_test;

#define MAX_SAMPLES 8

typedef struct worst {
    double ulp;
    size_t i;
    int j;    /* dy set (backward) */
    double y; /* the result there */
} worst;

static void run_case(void **state)
{
    const acc64_test *t = *state;
    const actfn_kind k = t->kind;
    const char *path = actfn_isa_name(t->isa), *name = actfn_kind_name(k);
    const actfn_params *p = &params[k];

    if (!actfn_isa_supported(t->isa))
        skip();
    assert_int_equal(actfn_set_isa(t->isa), ACTFN_OK);
    if (compute_ref(k) != 0)
        fail_msg("%s: the MPFR reference did not converge", t->name);

    double *y = xmalloc(nx * sizeof *y);
    const double bound = call_bound[t->call];
    const int ndy = t->call == CALL_BWD ? NDY : 1;
    worst w = {0.0, 0, 0, 0.0};
    long double zero_abs = 0.0L;
    size_t nfail = 0, excused = 0, sub_excused = 0;
    double sub_ulp = 0.0;
    worst sample[MAX_SAMPLES];
    for (int j = 0; j < ndy; j++) {
        actfn_status st;
        switch (t->call) {
        case CALL_FWD:
            st = actfn_forward_f64(k, p, xs, y, nx);
            break;
        case CALL_DER:
            st = actfn_derivative_f64(k, p, xs, y, nx);
            break;
        default:
            st = actfn_backward_f64(k, p, xs, dys[j], y, nx);
            break;
        }
        if (st != ACTFN_OK) {
            free(y);
            fail_msg("%s: status %d (%s)", t->name, (int)st, actfn_strerror(st));
        }
        for (size_t i = 0; i < nx; i++) {
            long double r = want(t->call, k, i, j);
            double e = refm_ulp_err(y[i], r, t->call == CALL_BWD);
            if (t->call != CALL_FWD && near0[k][i] && isfinite(y[i]) && isfinite(r)) {
                long double scale = t->call == CALL_BWD ? fabsl((long double)dys[j][i]) : 1.0L;
                long double a = fabsl((long double)y[i] - r);
                if (a <= NEAR_ZERO_ABS * scale) {
                    excused++;
                    if (a / scale > zero_abs)
                        zero_abs = a / scale;
                    continue;
                }
            }
            /* backward where f' is nonzero and below DBL_MIN: the derivative's own
             * bound there is 8 of the subnormal spacing 2^-1074, and dy times
             * it is the backward's (only a huge dy makes such a product
             * large enough to see it) */
            if (t->call == CALL_BWD && ref_d[k][i] != 0 && fabsl(ref_d[k][i]) < DBL_MIN &&
                isfinite(y[i]) && isfinite(r) &&
                fabsl((long double)y[i] - r) <= SUBNORMAL_DER_ABS * fabsl((long double)dys[j][i])) {
                sub_excused++;
                if (e > sub_ulp)
                    sub_ulp = e;
                continue;
            }
            if (!(e <= w.ulp))
                w = (worst){e, i, j, y[i]};
            if (!(e <= bound)) {
                if (nfail < MAX_SAMPLES)
                    sample[nfail] = (worst){e, i, j, y[i]};
                nfail++;
            }
        }
    }

    /* the parseable line */
    printf("ACCURACY64 %s %s %s %.3f %a", path, name, call_name[t->call], w.ulp, xs[w.i]);
    if (t->call == CALL_BWD)
        printf(" dy=%a", dys[w.j][w.i]);
    if (t->call != CALL_FWD)
        printf(" near_zero_abs=%.3Lg excused=%zu", zero_abs, excused);
    if (t->call == CALL_BWD)
        printf(" subnormal_der_excused=%zu subnormal_der_ulp=%.3g", sub_excused, sub_ulp);
    printf(" fail=%zu n=%zu\n", nfail, nx * (size_t)ndy);

    if (nfail) {
        print_message("  %zu of %zu results outside %g ULP; the first ones:\n", nfail,
                      nx * (size_t)ndy, bound);
        for (size_t s = 0; s < nfail && s < MAX_SAMPLES; s++) {
            size_t i = sample[s].i;
            int j = sample[s].j;
            long double r = want(t->call, k, i, j);
            print_message("    %s %s x = %a (%.17g)", name, call_name[t->call], xs[i], xs[i]);
            if (t->call == CALL_BWD)
                print_message(" dy = %a", dys[j][i]);
            print_message(": got %a want %a (%.21Lg) -> %.3g ULP\n", sample[s].y, (double)r, r,
                          sample[s].ulp);
        }
    }
    fflush(stdout);
    free(y);
    if (nfail) {
        long double r = want(t->call, k, w.i, w.j);
        char dy[48] = "";
        if (t->call == CALL_BWD)
            snprintf(dy, sizeof dy, " dy = %a", dys[w.j][w.i]);
        fail_msg("%s: %s %s max %.3g ULP > %g at x = %a%s: got %a want %a (%.21Lg)", t->name, name,
                 call_name[t->call], w.ulp, bound, xs[w.i], dy, w.y, (double)r, r);
    }
}

/* The MPFR table is the registry: same names. */
static void reference_matches_registry(void **state)
{
    (void)state;
    assert_int_equal(ref_init(), 0);
    for (int k = 0; k < ACTFN_KIND_COUNT; k++) {
        const char *name = actfn_kind_name((actfn_kind)k);
        assert_non_null(name);
        assert_string_equal(name, refm_table[k].name);
    }
}

/* ---- main ----------------------------------------------------------------------------------- */

/* One path's group: every function × call. */
static int run_path(actfn_isa isa)
{
    static acc64_test ts[ACTFN_KIND_COUNT * CALL_COUNT];
    static struct CMUnitTest tests[ACTFN_KIND_COUNT * CALL_COUNT];
    size_t n = 0;
    for (int k = 0; k < ACTFN_KIND_COUNT; k++)
        for (int c = 0; c < CALL_COUNT; c++) {
            acc64_test *t = &ts[n];
            t->kind = (actfn_kind)k;
            t->isa = isa;
            t->call = (enum call)c;
            snprintf(t->name, sizeof t->name, "%s_%s_%s_within_%dulp",
                     actfn_kind_name((actfn_kind)k), call_name[c], actfn_isa_name(isa),
                     (int)call_bound[c]);
            tests[n] = (struct CMUnitTest){t->name, run_case, NULL, NULL, t};
            n++;
        }
    char group[64];
    snprintf(group, sizeof group, "accuracy64_%s", actfn_isa_name(isa));
    printf("%s: %zu inputs\n", group, nx);
    fflush(stdout);
    return cmocka_run_group_tests_name(group, tests, NULL, NULL);
}

int main(int argc, char **argv)
{
    actfn_isa isas[ACTFN_ISA_COUNT];
    int nisa = 0;
    for (int a = 1; a < argc; a++) {
        if (strcmp(argv[a], "--dense") == 0) {
            bulk = 10.0;
            continue;
        }
        if (strncmp(argv[a], "--sparse=", 9) == 0) {
            unsigned long s = strtoul(argv[a] + 9, NULL, 10);
            if (s < 1 || s > 1000) {
                fprintf(stderr, "test_accuracy64: --sparse=K needs K in 1..1000\n");
                return 2;
            }
            bulk = 1.0 / (double)s;
            continue;
        }
        int isa = isa_from_name(argv[a]);
        if (isa < 0) {
            fprintf(stderr, "test_accuracy64: unknown path '%s'\n", argv[a]);
            return 2;
        }
        if (nisa == ACTFN_ISA_COUNT) {
            fprintf(stderr, "test_accuracy64: too many paths\n");
            return 2;
        }
        isas[nisa++] = (actfn_isa)isa;
    }
    if (nisa == 0) {
        fprintf(stderr, "usage: %s [--dense | --sparse=K] ", argv[0]);
        print_isa_names(stderr, "|");
        fprintf(stderr, " ...\n");
        return 2;
    }

    ref_init(); /* a failure is reported by reference_matches_registry */
    for (int k = 0; k < ACTFN_KIND_COUNT; k++)
        if (actfn_params_default((actfn_kind)k, &params[k]) != ACTFN_OK) {
            fprintf(stderr, "test_accuracy64: kind %d has no defaults\n", k);
            return 1;
        }
    build_inputs();

    static const struct CMUnitTest ref_tests[] = {cmocka_unit_test(reference_matches_registry)};
    int failed = cmocka_run_group_tests_name("accuracy64_reference", ref_tests, NULL, NULL);
    int supported = 0;
    for (int i = 0; i < nisa; i++) {
        supported += actfn_isa_supported(isas[i]);
        failed |= run_path(isas[i]);
    }
    printf("test_accuracy64: %zu inputs, MPFR reference %.1f s (CPU)\n", nx, ref_seconds);

    for (int k = 0; k < ACTFN_KIND_COUNT; k++) {
        free(ref_f[k]);
        free(ref_d[k]);
        free(near0[k]);
    }
    for (int j = 0; j < NDY; j++)
        free(dys[j]);
    free(xs);
    if (failed)
        return 1;
    return supported ? 0 : 77; /* 77: every path skipped, by name above */
}
