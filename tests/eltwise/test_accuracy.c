/*
 * Accuracy of every registered function against the long-double reference
 * (tests/reference/), per dispatch path, through the public API only.
 *
 *   test_accuracy [--sparse=K] <path> [<path> ...]   path: actfn_isa_name()
 *
 * --sparse=K thins the two bulk sweeps (the dense [−20, 20] grid and the
 * bit-pattern stride, and the dense tails) by K; the specials, subnormals,
 * kinks and zeros of f' stay complete.  For emulated targets, where the
 * long-double reference is itself emulated (binary128 in software on
 * AArch64): the CMake files pass it only under CMAKE_CROSSCOMPILING_EMULATOR.
 *
 * One CMocka group per path (accuracy_<path>), one test per function ×
 * mode (forward, derivative, backward) in it, e.g.
 * gelu_fwd_avx512_within_4ulp, after a group checking the reference
 * against the registry.  A path this CPU does not run has each of its
 * tests reported as skipped by name; when no path given runs, the binary
 * exits 77 (ctest SKIP_RETURN_CODE).  The reference is computed once per
 * function and path (the tests of a group are function-major).  Every
 * measured test prints one line for tests/scripts/gen_accuracy_table.sh:
 *
 *   ACCURACY <name> <path> <fwd|der|bwd> maxulp=<%.2f> worst_x=<%a> ...
 *
 * Bounds (CONTRACT.md "Accuracy"):
 *   fwd       ≤ 4 ULP
 *   der, bwd  ≤ 8 ULP, or ≤ 2^-23 absolute where |x − z| ≤ 2^-6 for a zero
 *             z of f' (ref.h).  backward returns dy·f'(x), so its absolute
 *             allowance there is |dy|·2^-23: the derivative's bound carried
 *             through the multiplication by dy.
 * maxulp is the worst ULP error over all inputs except those within 2^-6 of
 * a zero of f' that meet the absolute allowance: there the ULP error of a
 * result near 0 says nothing, so they are reported apart (near_zero_abs,
 * the worst absolute error in units of f', and their count as excused).
 * Which inputs fail is the same either way.
 *
 * ULP error = |y − ref| / ulp(ref), ulp(ref) the float spacing at |ref|
 * (2^-149 below FLT_MIN).  A reference at or beyond FLT_MAX + ulp/2 rounds
 * to ±inf and y must be that inf; otherwise an infinite y fails, NaN must
 * match NaN exactly, and an infinite reference must be met exactly.
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

#include <cmocka.h>

#include "actfn.h"
#include "float_bits.h"
#include "isa_names.h"
#include "ref.h"

enum mode { MODE_FWD, MODE_DER, MODE_BWD, MODE_COUNT };
static const char *const mode_name[MODE_COUNT] = {"fwd", "der", "bwd"};
static const double mode_bound[MODE_COUNT] = {4.0, 8.0, 8.0};
#define NEAR_ZERO_ABS 0x1p-23L

/* ---- inputs, built once and shared by every function and path ------------------ */

static float *xs, *dys;
static size_t nx, cap;

static void push(float v)
{
    if (nx == cap) {
        cap = cap ? 2 * cap : 1u << 20;
        xs = realloc(xs, cap * sizeof *xs);
        if (!xs) {
            fprintf(stderr, "test_accuracy: out of memory\n");
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
static double rng_unit(void) /* [0, 1) */
{
    return (double)(rng() >> 11) * 0x1p-53;
}

/* n points on [lo, hi]: uniform step, each jittered within its cell. */
static void push_dense(double lo, double hi, size_t n)
{
    for (size_t i = 0; i < n; i++)
        push((float)(lo + (hi - lo) * ((double)i + rng_unit()) / (double)n));
}

/* c and the `k` floats on either side of it. */
static void push_around(float c, int k)
{
    float up = c, down = c;
    push(c);
    for (int i = 0; i < k; i++) {
        up = nextafterf(up, INFINITY);
        down = nextafterf(down, -INFINITY);
        push(up);
        push(down);
    }
}

static void build_inputs(unsigned sparse)
{
    rng_state = 0x5eed0acc0000001u;

    /* dense core range */
    push_dense(-20.0, 20.0, (1u << 19) / sparse);

    /* every 4001st finite bit pattern, both signs: all exponents, huge
     * values near FLT_MAX, subnormals */
    for (uint32_t b = 0; b <= 0x7f7fffffu; b += 4001u * sparse) {
        push(fbits(b));
        push(fbits(b | 0x80000000u));
    }
    for (uint32_t b = 0x7f7fffffu - 256; b <= 0x7f7fffffu; b++) {
        push(fbits(b));
        push(fbits(b | 0x80000000u));
    }

    /* the smallest subnormals, the largest ones and both sides of FLT_MIN */
    for (uint32_t b = 1; b <= 2048; b++) {
        push(fbits(b));
        push(fbits(b | 0x80000000u));
    }
    for (uint32_t b = 0x00800000u - 1024; b <= 0x00800000u + 1024; b++) {
        push(fbits(b));
        push(fbits(b | 0x80000000u));
    }

    /* ±0, ±inf, NaN payloads (quiet, negative, signalling) */
    static const uint32_t special[] = {
        0x00000000u, 0x80000000u, 0x7f800000u, 0xff800000u, 0x7fc00000u, 0xffc00000u,
        0x7fc00001u, 0x7fd55555u, 0x7fffffffu, 0xffffffffu, 0xffe00000u, 0x7f800001u,
        0x7fa00000u, 0xff800001u,
    };
    for (size_t i = 0; i < sizeof special / sizeof special[0]; i++)
        push(fbits(special[i]));

    /* inputs the exhaustive sweep (exhaustive.c) once found out of
     * bounds, and their neighbours: selu at 0x1.e74b3p+127, where λx with
     * λ rounded up overflowed though λx rounds to FLT_MAX */
    static const uint32_t found[] = {0x7f73a598u};
    for (size_t i = 0; i < sizeof found / sizeof found[0]; i++)
        for (uint32_t d = 0; d <= 64; d++) {
            push(fbits(found[i] - 32 + d));
            push(fbits((found[i] - 32 + d) ^ 0x80000000u));
        }

    /* tails: exp over/underflow in float, subnormal results (sigmoid,
     * silu, mish, softplus near −87 … −104) */
    push_dense(-110.0, -80.0, 30000 / sparse);
    push_dense(80.0, 110.0, 30000 / sparse);

    /* kinks of the registry's piecewise functions */
    static const float kink[] = {0.0f, 3.0f, -3.0f, 6.0f, -6.0f, 1.5f, -1.5f,
                                 1.0f, -1.0f, 0.5f, -0.5f};
    for (size_t i = 0; i < sizeof kink / sizeof kink[0]; i++)
        push_around(kink[i], 2048);

    /* zeros of f' and the edges of their windows */
    for (int k = 0; k < ACTFN_KIND_COUNT; k++) {
        const long double *z;
        int nz = ref_der_zeros((actfn_kind)k, &z);
        for (int i = 0; i < nz; i++) {
            push_around((float)z[i], 1024);
            push_around((float)(z[i] - REF_ZERO_WINDOW), 256);
            push_around((float)(z[i] + REF_ZERO_WINDOW), 256);
        }
    }

    /* dy for backward: uniform in [−2, 2], one per input */
    dys = malloc(nx * sizeof *dys);
    if (!dys) {
        fprintf(stderr, "test_accuracy: out of memory\n");
        exit(1);
    }
    rng_state = 0xd1ce5eedu;
    for (size_t i = 0; i < nx; i++)
        dys[i] = (float)(4.0 * rng_unit() - 2.0);
}

/* ---- cases: (function, parameter set); tests are case × path × mode ------------ */

typedef struct acc_case {
    actfn_kind kind;
    actfn_params p;
    char label[48]; /* "gelu", "elu@alpha=2.5" */
    char tag[48];   /* the same for test names: "gelu", "elu_alpha_2.5" */
    int zeros;      /* 1: ref.h's zeros of f' apply (default parameters) */
} acc_case;

/* Parameterised functions with one non-default parameter set, forward,
 * derivative and backward.  The near-zero allowance of ref.h's zeros of f'
 * is for the default parameters, so a variant gets none: its derivative
 * must meet the ULP bound everywhere, its own zeros included.  Every name
 * must be registered. */
static const struct {
    const char *name;
    float alpha;
} variants[] = {
    {"leaky_relu", 0.3f},
    {"elu", 2.5f},
    {"softplus", 0.5f},
    {"softplus", 3.0f},
    {"softplus", 1e-30f}, /* below 2^-60: the scaled quotient */
    {"softplus", 1e25f},
    {"celu", 0.3f},
    {"swish", 0.7f},
    {"swish", -1.5f},
    {"swish", 0.0f},
    {"swish", 1e30f},  /* z = αx large where x is tiny */
    {"swish", 1e-30f}, /* z = αx tiny where x is not */
};
#define NVARIANTS (sizeof variants / sizeof variants[0])
/* every registered kind at its defaults, then the variants */
#define NCASES (ACTFN_KIND_COUNT + NVARIANTS)

typedef struct acc_test {
    int c; /* index into cases */
    actfn_isa isa;
    enum mode mode;
    char name[128];
} acc_test;

static acc_case cases[NCASES];
static int ncases;

/* The reference of one case at every input, kept while its tests run (they
 * are ordered case-major, so each is computed once per process). */
static int cached = -1;
static long double *ref_f, *ref_d;

static void compute_ref(int c)
{
    if (cached == c)
        return;
    const ref_entry *e = &ref_table[cases[c].kind];
    const actfn_params *p = &cases[c].p;
    if (!ref_f) {
        ref_f = malloc(nx * sizeof *ref_f);
        ref_d = malloc(nx * sizeof *ref_d);
        if (!ref_f || !ref_d) {
            fprintf(stderr, "test_accuracy: out of memory\n");
            exit(1);
        }
    }
    for (size_t i = 0; i < nx; i++) {
        ref_f[i] = e->fwd(xs[i], p);
        ref_d[i] = e->der(xs[i], p);
    }
    cached = c;
}

/* ---- the test ------------------------------------------------------------------------- */

#define MAX_SAMPLES 8

static void run_case(void **state)
{
    const acc_test *t = *state;
    const acc_case *c = &cases[t->c];
    const char *path = actfn_isa_name(t->isa);

    if (!actfn_isa_supported(t->isa))
        skip();
    assert_int_equal(actfn_set_isa(t->isa), ACTFN_OK);
    compute_ref(t->c);

    float *y = malloc(nx * sizeof *y);
    assert_non_null(y);
    actfn_status st;
    switch (t->mode) {
    case MODE_FWD:
        st = actfn_forward_f32(c->kind, &c->p, xs, y, nx);
        break;
    case MODE_DER:
        st = actfn_derivative_f32(c->kind, &c->p, xs, y, nx);
        break;
    default:
        st = actfn_backward_f32(c->kind, &c->p, xs, dys, y, nx);
        break;
    }
    if (st != ACTFN_OK) {
        free(y);
        fail_msg("%s: status %d (%s)", t->name, (int)st, actfn_strerror(st));
    }

    const double bound = mode_bound[t->mode];
    double maxulp = 0.0;
    long double zero_abs = 0.0L;
    size_t worst = 0, nfail = 0, excused = 0, sample[MAX_SAMPLES];
    for (size_t i = 0; i < nx; i++) {
        long double r = t->mode == MODE_FWD   ? ref_f[i]
                        : t->mode == MODE_DER ? ref_d[i]
                                              : (long double)dys[i] * ref_d[i];
        double e = ref_ulp_err(y[i], r);
        if (t->mode != MODE_FWD && c->zeros && isfinite(y[i]) && isfinite(r) &&
            ref_near_der_zero(c->kind, xs[i])) {
            long double scale = t->mode == MODE_BWD ? fabsl((long double)dys[i]) : 1.0L;
            long double a = fabsl((long double)y[i] - r);
            if (a <= NEAR_ZERO_ABS * scale) {
                excused++;
                if (a / scale > zero_abs)
                    zero_abs = a / scale;
                continue;
            }
        }
        if (e > maxulp) {
            maxulp = e;
            worst = i;
        }
        if (!(e <= bound)) {
            if (nfail < MAX_SAMPLES)
                sample[nfail] = i;
            nfail++;
        }
    }

    printf("ACCURACY %s %s %s maxulp=%.2f worst_x=%a", c->label, path, mode_name[t->mode],
           maxulp, (double)xs[worst]);
    if (t->mode != MODE_FWD)
        printf(" near_zero_abs=%.3Lg excused=%zu", zero_abs, excused);
    printf(" fail=%zu n=%zu\n", nfail, nx);

    if (nfail) {
        long double r = t->mode == MODE_FWD   ? ref_f[worst]
                        : t->mode == MODE_DER ? ref_d[worst]
                                              : (long double)dys[worst] * ref_d[worst];
        print_message("  worst: x = %a (%.9g)%s got %a (%.9g) expected %.12Lg (%a) -> %.3g ULP\n",
                      (double)xs[worst], (double)xs[worst], t->mode == MODE_BWD ? "" : ":",
                      (double)y[worst], (double)y[worst], r, (double)(float)r, maxulp);
        if (t->mode == MODE_BWD)
            print_message("         (dy = %a)\n", (double)dys[worst]);
        print_message("  %zu of %zu inputs outside the bound; the first ones:\n", nfail, nx);
        for (size_t j = 0; j < nfail && j < MAX_SAMPLES; j++) {
            size_t i = sample[j];
            long double ri = t->mode == MODE_FWD   ? ref_f[i]
                             : t->mode == MODE_DER ? ref_d[i]
                                                   : (long double)dys[i] * ref_d[i];
            print_message("    x = %a (%.9g) [bits %08x] got %a expected %.12Lg -> %.3g ULP\n",
                          (double)xs[i], (double)xs[i], (unsigned)bits(xs[i]), (double)y[i],
                          ri, ref_ulp_err(y[i], ri));
        }
    }
    fflush(stdout);
    free(y);
    if (nfail)
        fail_msg("%s: max %.3g ULP > %g at x = %a", t->name, maxulp, bound, (double)xs[worst]);
}

/* The reference table is the registry: same names, zeros bracketed. */
static void reference_matches_registry(void **state)
{
    (void)state;
    assert_int_equal(ref_init(), 0);
    for (int k = 0; k < ACTFN_KIND_COUNT; k++) {
        const char *name = actfn_kind_name((actfn_kind)k);
        assert_non_null(name);
        assert_string_equal(name, ref_table[k].name);
    }
}

/* ---- main ----------------------------------------------------------------------------------- */

static void add_case(actfn_kind k, const actfn_params *p, const char *label, const char *tag,
                     int zeros)
{
    acc_case *c = &cases[ncases++];
    c->zeros = zeros;
    c->kind = k;
    c->p = *p;
    snprintf(c->label, sizeof c->label, "%s", label);
    snprintf(c->tag, sizeof c->tag, "%s", tag);
}

/* One group for every path given: case-major (case, then path, then mode), so
 * that each case's reference is computed once and shared by the paths, the
 * costly part under an emulator (AArch64's binary128 long double). */
static int run_paths(const actfn_isa *isas, int nisa)
{
    static acc_test ts[NCASES * ACTFN_ISA_COUNT * MODE_COUNT];
    static struct CMUnitTest tests[NCASES * ACTFN_ISA_COUNT * MODE_COUNT];
    size_t n = 0;
    for (int c = 0; c < ncases; c++)
        for (int i = 0; i < nisa; i++)
            for (int m = 0; m < MODE_COUNT; m++) {
                acc_test *t = &ts[n];
                t->c = c;
                t->isa = isas[i];
                t->mode = (enum mode)m;
                snprintf(t->name, sizeof t->name, "%s_%s_%s_within_%dulp", cases[c].tag,
                         mode_name[m], actfn_isa_name(isas[i]), (int)mode_bound[m]);
                tests[n] = (struct CMUnitTest){t->name, run_case, NULL, NULL, t};
                n++;
            }
    size_t want = (size_t)NCASES * (size_t)nisa * MODE_COUNT;
    if (n != want) {
        fprintf(stderr, "test_accuracy: %zu tests for %zu entries\n", n, want);
        return 1;
    }
    char group[160] = "accuracy";
    for (int i = 0; i < nisa; i++) {
        size_t len = strlen(group);
        snprintf(group + len, sizeof group - len, "_%s", actfn_isa_name(isas[i]));
    }
    printf("%s: %zu inputs\n", group, nx);
    fflush(stdout);
    return _cmocka_run_group_tests(group, tests, n, NULL, NULL);
}

int main(int argc, char **argv)
{
    actfn_isa isas[ACTFN_ISA_COUNT];
    int nisa = 0;
    unsigned sparse = 1;
    for (int a = 1; a < argc; a++) {
        if (strncmp(argv[a], "--sparse=", 9) == 0) {
            sparse = (unsigned)strtoul(argv[a] + 9, NULL, 10);
            if (sparse < 1 || sparse > 1000) {
                fprintf(stderr, "test_accuracy: --sparse=K needs K in 1..1000\n");
                return 2;
            }
            continue;
        }
        int isa = isa_from_name(argv[a]);
        if (isa < 0) {
            fprintf(stderr, "test_accuracy: unknown path '%s'\n", argv[a]);
            return 2;
        }
        if (nisa == ACTFN_ISA_COUNT) {
            fprintf(stderr, "test_accuracy: too many paths\n");
            return 2;
        }
        isas[nisa++] = (actfn_isa)isa;
    }
    if (nisa == 0) {
        fprintf(stderr, "usage: %s [--sparse=K] ", argv[0]);
        print_isa_names(stderr, "|");
        fprintf(stderr, " ...\n");
        return 2;
    }

    ref_init(); /* a failure is reported by reference_matches_registry */
    build_inputs(sparse);

    for (int k = 0; k < ACTFN_KIND_COUNT; k++) {
        actfn_params p;
        const char *name = actfn_kind_name((actfn_kind)k);
        if (!name || actfn_params_default((actfn_kind)k, &p) != ACTFN_OK) {
            fprintf(stderr, "test_accuracy: kind %d has no name or defaults\n", k);
            return 1;
        }
        add_case((actfn_kind)k, &p, name, name, 1);
    }
    for (size_t v = 0; v < NVARIANTS; v++) {
        actfn_kind k;
        actfn_params p;
        if (actfn_kind_from_name(variants[v].name, &k) != ACTFN_OK) {
            fprintf(stderr, "test_accuracy: variant of \"%s\", which is not registered\n",
                    variants[v].name);
            return 1;
        }
        actfn_params_default(k, &p);
        p.alpha = variants[v].alpha;
        char label[48], tag[48];
        snprintf(label, sizeof label, "%s@alpha=%g", variants[v].name, (double)p.alpha);
        snprintf(tag, sizeof tag, "%s_alpha_%g", variants[v].name, (double)p.alpha);
        add_case(k, &p, label, tag, 0);
    }

    static const struct CMUnitTest ref_tests[] = {cmocka_unit_test(reference_matches_registry)};
    int failed = cmocka_run_group_tests_name("accuracy_reference", ref_tests, NULL, NULL);
    int supported = 0;
    for (int i = 0; i < nisa; i++)
        supported += actfn_isa_supported(isas[i]);
    failed |= run_paths(isas, nisa);

    free(ref_f);
    free(ref_d);
    free(xs);
    free(dys);
    if (failed)
        return 1;
    return supported ? 0 : 77; /* 77: every path skipped, by name above */
}
