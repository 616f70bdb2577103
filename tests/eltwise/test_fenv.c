/*
 * The caller's floating-point environment (CONTRACT.md): every call on every
 * path leaves MXCSR (x86) or FPCR and FPSR (AArch64) bit for bit as it found
 * them, and computes in round-to-nearest without FTZ/DAZ whatever the caller
 * set.  Every dtype of the registry (src/registry/dtypes.def, through
 * tests/harness/dtype.h), one CMocka group each (fenv_<dtype>_<path>).
 *
 *   test_fenv <path> [dtype]   a path of the library (actfn_isa_name); one
 *                              dtype, or all of them
 *
 * On other targets every test is a named skip.  A path this CPU lacks is a
 * named skip too; both exit 77 (ctest SKIP_RETURN_CODE).
 */
#include <float.h>
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <actfn.h>
#include "api_call.h"
#include "dtype.h"
#include "expect.h"
#include "float_bits.h"
#include "isa_names.h"

/* The control and status word the test sets before a call and reads after:
 * ENV_NAME in messages, ENV_TAG in test names. */
typedef uint64_t fenv_word;
#if defined(__x86_64__) || defined(__i386__)
#define HAVE_FENV 1
#include <xmmintrin.h>
#define ENV_NAME "MXCSR"
#define ENV_TAG "mxcsr"
static fenv_word env_get(void) { return _mm_getcsr(); }
static void env_set(fenv_word w) { _mm_setcsr((unsigned)w); }
#define ENV_DEFAULT 0x1f80u /* nearest, all exceptions masked, flags clear */
#define ENV_FLAGS 0x003fu   /* IE DE ZE OE UE PE (sticky) */
#define ENV_DAZ 0x0040u
#define ENV_RC_DOWN 0x2000u
#define ENV_RC_UP 0x4000u
#define ENV_RC_ZERO 0x6000u
#define ENV_FTZ 0x8000u
#elif defined(__aarch64__)
#define HAVE_FENV 1
#define ENV_NAME "FPSR:FPCR"
#define ENV_TAG "fpcr"
/* FPCR in the low 32 bits, FPSR in the high 32 bits. */
static fenv_word env_get(void)
{
    uint64_t fpcr, fpsr;
    __asm__ __volatile__("mrs %0, fpcr" : "=r"(fpcr));
    __asm__ __volatile__("mrs %0, fpsr" : "=r"(fpsr));
    return fpcr | fpsr << 32;
}
static void env_set(fenv_word w)
{
    __asm__ __volatile__("msr fpcr, %0" ::"r"(w & 0xffffffffu));
    __asm__ __volatile__("msr fpsr, %0" ::"r"(w >> 32));
}
#define ENV_DEFAULT 0u                    /* nearest, no traps, flags clear */
#define ENV_FLAGS ((uint64_t)0x9fu << 32) /* IOC DZC OFC UFC IXC IDC (sticky) */
#define ENV_DAZ 0x01000000u               /* FZ flushes subnormal inputs ... */
#define ENV_FTZ 0x01000000u               /* ... and results alike */
#define ENV_RC_UP 0x00400000u
#define ENV_RC_DOWN 0x00800000u
#define ENV_RC_ZERO 0x00c00000u
#else
#define HAVE_FENV 0
#define ENV_TAG "fenv"
#define ENV_DAZ 0u
#endif

/* ---- caller environments --------------------------------------------------- */

typedef struct {
    const char *name;
    fenv_word csr;
} env_def;

#if HAVE_FENV
/* Rounding modes (FE_DOWNWARD/FE_UPWARD/FE_TOWARDZERO are these RC values),
 * FTZ+DAZ, and sticky flags the caller had raised (which must survive) or
 * not raised (which the library must not raise for it). */
static const env_def envs[] = {
    {"round_downward", ENV_DEFAULT | ENV_RC_DOWN},
    {"round_upward", ENV_DEFAULT | ENV_RC_UP},
    {"round_toward_zero", ENV_DEFAULT | ENV_RC_ZERO},
    {"ftz_daz", ENV_DEFAULT | ENV_FTZ | ENV_DAZ},
    {"ftz_daz_round_upward", ENV_DEFAULT | ENV_FTZ | ENV_DAZ | ENV_RC_UP},
    {"ftz_daz_round_toward_zero_flags_set", ENV_DEFAULT | ENV_FTZ | ENV_DAZ | ENV_RC_ZERO | ENV_FLAGS},
    {"all_flags_set", ENV_DEFAULT | ENV_FLAGS},
    {"default_no_flags_raised", ENV_DEFAULT},
};
#define NENV_DAZ 3 /* the envs above with ENV_DAZ: main() checks the count */
#else
static const env_def envs[] = {{"none", 0}};
#define NENV_DAZ 0
#endif
#define NENV (sizeof envs / sizeof envs[0])

/* ---- inputs: subnormals (DAZ), results near underflow (FTZ), values whose
 * rounding depends on RC, limits and NaN, per dtype ---- */

enum { N = 1024 + 67 };
typedef uint64_t slot; /* one element of any dtype */
static slot xs[NDTYPES][N], dys[NDTYPES][N];

static void make_inputs(const dtype *T)
{
    const uint64_t S = dt_sign(T), E = dt_exp_mask(T), Q = dt_quiet_bit(T), M = dt_man_mask(T);
    const uint64_t min_normal = (uint64_t)1 << T->man_bits;
    /* e^x overflows past `over` and underflows to subnormal past -`under` */
    const double ln2 = 0x1.62e42fefa39efp-1;
    const double over = dt_bias(T) * ln2, under = (dt_bias(T) + T->man_bits) * ln2;
    const uint64_t special[] = {
        0, S, 1, S | 1, Q, S | M, min_normal, S | min_normal,
        dt_from_double(T, 1.0), dt_from_double(T, -1.0), dt_from_double(T, 3.0),
        dt_from_double(T, -3.0), dt_from_double(T, 6.0), dt_from_double(T, -0.87 * under),
        dt_from_double(T, -0.96 * under), dt_from_double(T, -0.99 * under),
        dt_from_double(T, 1.01 * over), E - 1, S | (E - 1), E, S | E, E | Q,
        dt_from_double(T, 1e10), dt_from_double(T, -1e10),
    };
    const size_t ns = sizeof special / sizeof special[0];
    slot *x = xs[T - dtypes], *dy = dys[T - dtypes];
    uint32_t r = 0x9e3779b9u;
    for (size_t i = 0; i < N; i++) {
        r ^= r << 13;
        r ^= r >> 17;
        r ^= r << 5;
        uint64_t wide = ((uint64_t)r << 32 | (uint32_t)(r * 0x2545f491u)) & dt_all(T);
        if (i < ns)
            dt_set(T, x, i, special[i]);
        else if (i % 4 == 0)
            dt_set(T, x, i, wide & (S | M)); /* subnormal */
        else if (i % 4 == 1)
            dt_set(T, x, i, wide); /* any bit pattern */
        else /* incl. underflowing tails */
            dt_set(T, x, i,
                   dt_from_double(T, -1.05 * under + (1.05 * under + 15.0) * (r >> 8) * 0x1p-24));
        /* dy: subnormal, tiny (products underflow) and ordinary */
        dt_set(T, dy, i,
               i % 3 == 0   ? (wide >> 3) & (S | M)
               : i % 3 == 1 ? dt_from_double(T, ldexp((double)(r % 1000), 28 - dt_bias(T)))
                            : dt_from_double(T, -2.0 + 4.0 * (double)(r >> 9) * 0x1p-23));
    }
}

/* ---- tests ----------------------------------------------------------------- */

typedef struct {
    actfn_isa isa;
    int c;
    const env_def *env;
    const dtype *t;
} ctx;

static const ctx *use_path(void **state)
{
    const ctx *t = *state;
#if !HAVE_FENV
    skip(); /* no environment register this test knows */
#endif
    if (!actfn_isa_supported(t->isa))
        skip();
    assert_int_equal(actfn_set_isa(t->isa), ACTFN_OK);
    assert_int_equal(actfn_active_isa(), t->isa);
    violations = 0;
    return t;
}

#if HAVE_FENV
static void t_env(void **state)
{
    const ctx *t = use_path(state);
    const dtype *T = t->t;
    const slot *xs_ = xs[T - dtypes], *dys_ = dys[T - dtypes];
    static slot ref[N], got[N];
    for (int k = 0; k < ACTFN_KIND_COUNT; k++) {
        /* reference in the default environment */
        env_set(ENV_DEFAULT);
        assert_int_equal(T->call(t->c, (actfn_kind)k, NULL, xs_, dys_, ref, N), ACTFN_OK);
        /* several lengths: the vector body and each tail path */
        static const size_t ns[] = {N, 1, 3, 13, 31};
        for (size_t in = 0; in < sizeof ns / sizeof ns[0]; in++) {
            size_t n = ns[in];
            memset(got, 0, sizeof got);
            /* nothing but the call between setting and reading the environment */
            env_set(t->env->csr);
            actfn_status s = T->call(t->c, (actfn_kind)k, NULL, xs_, dys_, got, n);
            fenv_word after = env_get();
            env_set(ENV_DEFAULT);
            EXPECT(s == ACTFN_OK, "%s n=%zu: status %d", kname(k), n, s);
            EXPECT(after == t->env->csr, "%s n=%zu: " ENV_NAME " %#llx before, %#llx after",
                   kname(k), n, (unsigned long long)t->env->csr, (unsigned long long)after);
            size_t bad = 0;
            for (size_t i = 0; i < n; i++) {
                uint64_t g = dt_get(T, got, i), r = dt_get(T, ref, i);
                if (!dt_same(T, g, r) && bad++ < 3)
                    violation("%s n=%zu x=%a dy=%a: %a (0x%0*llx), default environment gives %a "
                              "(0x%0*llx)",
                              kname(k), n, dt_to_double(T, dt_get(T, xs_, i)),
                              dt_to_double(T, dt_get(T, dys_, i)), dt_to_double(T, g), dt_hex(T),
                              (unsigned long long)g, dt_to_double(T, r), dt_hex(T),
                              (unsigned long long)r);
            }
        }
    }
    finish();
}

/* Error returns (checked before any kernel runs) must not touch it either;
 * nor may the parameter check itself, with NaN, signalling NaN or subnormal
 * parameters. */
static void t_env_on_errors_and_odd_params(void **state)
{
    const ctx *t = use_path(state);
    const dtype *T = t->t;
    const slot *xs_ = xs[T - dtypes], *dys_ = dys[T - dtypes];
    slot out[64];
    const fenv_word csr = t->env->csr;
    for (int k = 0; k < ACTFN_KIND_COUNT; k++) {
        static const uint32_t odd[] = {0x7fc00000u, 0x7f800001u, 0x00000001u, 0x80000001u,
                                       0x00400000u, 0x7f800000u};
        for (size_t j = 0; j < sizeof odd / sizeof odd[0]; j++) {
            actfn_params p;
            assert_int_equal(actfn_params_default((actfn_kind)k, &p), ACTFN_OK);
            p.alpha = p.beta = p.gamma = p.delta = fbits(odd[j]);
            env_set(csr);
            actfn_status s = T->call(t->c, (actfn_kind)k, &p, xs_, dys_, out, 64);
            fenv_word after = env_get();
            env_set(ENV_DEFAULT);
            EXPECT(after == csr, "%s params=0x%08x (status %d): " ENV_NAME " %#llx before, %#llx after",
                   kname(k), (unsigned)odd[j], s, (unsigned long long)csr, (unsigned long long)after);
        }
        slot ov[65];
        memcpy(ov, xs_, sizeof ov);
        env_set(csr);
        actfn_status s1 = T->call(t->c, (actfn_kind)k, NULL, NULL, dys_, out, 64);
        actfn_status s2 = T->call(t->c, ACTFN_KIND_COUNT, NULL, xs_, dys_, out, 64);
        actfn_status s3 = T->call(t->c, (actfn_kind)k, NULL, ov, ov, dt_at(T, ov, 1), 64);
        fenv_word after = env_get();
        env_set(ENV_DEFAULT);
        EXPECT(s1 != ACTFN_OK && s2 != ACTFN_OK && s3 != ACTFN_OK, "%s: error calls succeeded",
               kname(k));
        EXPECT(after == csr, "%s error returns: " ENV_NAME " %#llx before, %#llx after", kname(k),
               (unsigned long long)csr, (unsigned long long)after);
    }
    finish();
}

/* The status and results of a call must not depend on the caller's DAZ/FTZ
 * either: a subnormal parameter is a valid, nonzero parameter in the
 * library's own environment. */
static void t_params_independent_of_caller_env(void **state)
{
    const ctx *t = use_path(state);
    const dtype *T = t->t;
    const slot *xs_ = xs[T - dtypes], *dys_ = dys[T - dtypes];
    static slot ref[N], got[N];
    static const uint32_t subnormal_alpha[] = {0x00000001u, 0x00400000u, 0x007fffffu};
    for (int k = 0; k < ACTFN_KIND_COUNT; k++) {
        for (size_t j = 0; j < sizeof subnormal_alpha / sizeof subnormal_alpha[0]; j++) {
            actfn_params p;
            assert_int_equal(actfn_params_default((actfn_kind)k, &p), ACTFN_OK);
            if (p.alpha == 0.0f)
                continue; /* only kinds whose alpha is a real parameter */
            p.alpha = fbits(subnormal_alpha[j]);
            env_set(ENV_DEFAULT);
            actfn_status s0 = T->call(t->c, (actfn_kind)k, &p, xs_, dys_, ref, N);
            env_set(t->env->csr);
            actfn_status s1 = T->call(t->c, (actfn_kind)k, &p, xs_, dys_, got, N);
            env_set(ENV_DEFAULT);
            EXPECT(s0 == s1, "%s alpha=%a: status %d in the default environment, %d under " ENV_NAME
                   " %#llx", kname(k), p.alpha, s0, s1, (unsigned long long)t->env->csr);
            if (s0 == ACTFN_OK && s1 == ACTFN_OK) {
                size_t i = dt_result_differs_at(T, got, ref, N), e = i < N ? i : 0;
                EXPECT(i == N, "%s alpha=%a: x=%a gives %a, %a in the default environment",
                       kname(k), p.alpha, dt_to_double(T, dt_get(T, xs_, e)),
                       dt_to_double(T, dt_get(T, got, e)), dt_to_double(T, dt_get(T, ref, e)));
            }
        }
    }
    finish();
}
#else
static void t_env(void **state) { (void)use_path(state); }
static void t_env_on_errors_and_odd_params(void **state) { (void)use_path(state); }
static void t_params_independent_of_caller_env(void **state) { (void)use_path(state); }
#endif

/* One dtype's group: every environment × call twice (t_env, then errors
 * and odd parameters), then the DAZ/FTZ environments × call: the ones that
 * can change a parameter. */
enum { NT = 2 * NENV * NCALLS + NENV_DAZ * NCALLS };

static int run_dtype(int isa, const char *path, const dtype *T)
{
    static char names[NDTYPES][NT][128];
    static struct CMUnitTest tests[NDTYPES][NT];
    static ctx cx[NDTYPES][NT];
    const int d = (int)(T - dtypes);
    size_t nt = 0;
    for (size_t e = 0; e < NENV; e++)
        for (int c = 0; c < NCALLS; c++) {
            cx[d][nt] = (ctx){(actfn_isa)isa, c, &envs[e], T};
            snprintf(names[d][nt], sizeof names[d][nt],
                     "%s_%s_" ENV_TAG "_unchanged_and_results_as_nearest_%s_%s", call_name[c],
                     T->name, envs[e].name, path);
            tests[d][nt] = (struct CMUnitTest){names[d][nt], t_env, NULL, NULL, &cx[d][nt]};
            nt++;
        }
    for (size_t e = 0; e < NENV; e++)
        for (int c = 0; c < NCALLS; c++) {
            cx[d][nt] = (ctx){(actfn_isa)isa, c, &envs[e], T};
            snprintf(names[d][nt], sizeof names[d][nt],
                     "%s_%s_" ENV_TAG "_unchanged_on_errors_and_odd_params_%s_%s", call_name[c],
                     T->name, envs[e].name, path);
            tests[d][nt] = (struct CMUnitTest){names[d][nt], t_env_on_errors_and_odd_params, NULL,
                                               NULL, &cx[d][nt]};
            nt++;
        }
    for (size_t e = 0; e < NENV; e++) {
        if (!(envs[e].csr & ENV_DAZ))
            continue;
        for (int c = 0; c < NCALLS; c++) {
            if (nt == NT) {
                fprintf(stderr, "test_fenv: more DAZ environments than NENV_DAZ\n");
                return 2;
            }
            cx[d][nt] = (ctx){(actfn_isa)isa, c, &envs[e], T};
            snprintf(names[d][nt], sizeof names[d][nt],
                     "%s_%s_subnormal_params_independent_of_caller_%s_%s", call_name[c], T->name,
                     envs[e].name, path);
            tests[d][nt] = (struct CMUnitTest){names[d][nt], t_params_independent_of_caller_env,
                                               NULL, NULL, &cx[d][nt]};
            nt++;
        }
    }
    if (nt != NT) {
        fprintf(stderr, "test_fenv: fewer DAZ environments than NENV_DAZ\n");
        return 2;
    }
    make_inputs(T);
    char group[64];
    snprintf(group, sizeof group, "fenv_%s_%s", T->name, path);
    return cmocka_run_group_tests_name(group, tests[d], NULL, NULL) ? 1 : 0;
}

int main(int argc, char **argv)
{
    if (dtypes_init() != 0)
        return 2;
    int isa = argc >= 2 && argc <= 3 ? isa_from_name(argv[1]) : -1;
    const dtype *only = argc == 3 ? dtype_named(argv[2]) : NULL;
    if (isa < 0 || (argc == 3 && only == NULL)) {
        fprintf(stderr, "usage: %s ", argv[0]);
        print_isa_names(stderr, "|");
        fprintf(stderr, " [");
        print_dtype_names(stderr, "|");
        fprintf(stderr, "]\n");
        return 2;
    }
    int rc = 0;
    for (int d = 0; d < NDTYPES; d++)
        if (only == NULL || only == &dtypes[d]) {
            int r = run_dtype(isa, argv[1], &dtypes[d]);
            rc = r > rc ? r : rc;
        }
    if (rc)
        return rc;
    return HAVE_FENV && actfn_isa_supported((actfn_isa)isa) ? 0 : 77;
}
