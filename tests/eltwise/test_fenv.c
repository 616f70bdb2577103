/*
 * The caller's floating-point environment (CONTRACT.md): every call on every
 * path leaves MXCSR (x86) or FPCR and FPSR (AArch64) bit for bit as it found
 * them, and computes in round-to-nearest without FTZ/DAZ whatever the caller
 * set.
 *
 *   test_fenv <path>   a path of the library (actfn_isa_name)
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

/* Bit for bit, except that any NaN equals any NaN (NaN sign and payload are
 * left open by the contract). */
static int same_result(float a, float b) { return bits(a) == bits(b) || (a != a && b != b); }

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
 * rounding depends on RC, limits and NaN ---- */

enum { N = 1024 + 67 };
static float xs[N], dys[N];

static void make_inputs(void)
{
    static const uint32_t special[] = {
        0x00000000u, 0x80000000u, 0x00000001u, 0x80000001u, 0x00400000u, 0x807fffffu,
        0x00800000u, 0x80800000u, 0x3f800000u, 0xbf800000u, 0x40400000u, 0xc0400000u,
        0x40c00000u, 0xc2b40000u, 0xc2c80000u, 0xc2ce0000u, 0x42b20000u, 0x7f7fffffu,
        0xff7fffffu, 0x7f800000u, 0xff800000u, 0x7fc00000u, 0x501502f9u, 0xd01502f9u};
    const size_t ns = sizeof special / sizeof special[0];
    uint32_t r = 0x9e3779b9u;
    for (size_t i = 0; i < N; i++) {
        r ^= r << 13;
        r ^= r >> 17;
        r ^= r << 5;
        if (i < ns)
            xs[i] = fbits(special[i]);
        else if (i % 4 == 0)
            xs[i] = fbits(r & 0x807fffffu); /* subnormal */
        else if (i % 4 == 1)
            xs[i] = fbits(r); /* any bit pattern */
        else
            xs[i] = -110.0f + 125.0f * (float)(r >> 8) / 16777216.0f; /* incl. underflowing tails */
        /* dy: ordinary, tiny (products underflow) and subnormal */
        dys[i] = i % 3 == 0 ? fbits((r >> 3) & 0x807fffffu)
                 : i % 3 == 1 ? 1e-30f * (float)(r % 1000)
                              : -2.0f + 4.0f * (float)(r >> 9) / 8388608.0f;
    }
}

/* ---- tests ----------------------------------------------------------------- */

typedef struct {
    actfn_isa isa;
    int c;
    const env_def *env;
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
    static float ref[N], got[N];
    for (int k = 0; k < ACTFN_KIND_COUNT; k++) {
        /* reference in the default environment */
        env_set(ENV_DEFAULT);
        assert_int_equal(call(t->c, (actfn_kind)k, NULL, xs, dys, ref, N), ACTFN_OK);
        /* several lengths: the vector body and each tail path */
        static const size_t ns[] = {N, 1, 3, 13, 31};
        for (size_t in = 0; in < sizeof ns / sizeof ns[0]; in++) {
            size_t n = ns[in];
            memset(got, 0, sizeof got);
            /* nothing but the call between setting and reading the environment */
            env_set(t->env->csr);
            actfn_status s = call(t->c, (actfn_kind)k, NULL, xs, dys, got, n);
            fenv_word after = env_get();
            env_set(ENV_DEFAULT);
            EXPECT(s == ACTFN_OK, "%s n=%zu: status %d", kname(k), n, s);
            EXPECT(after == t->env->csr, "%s n=%zu: " ENV_NAME " %#llx before, %#llx after",
                   kname(k), n, (unsigned long long)t->env->csr, (unsigned long long)after);
            size_t bad = 0;
            for (size_t i = 0; i < n; i++)
                if (!same_result(got[i], ref[i]) && bad++ < 3)
                    violation("%s n=%zu x=%a dy=%a: %a (0x%08x), default environment gives %a "
                              "(0x%08x)",
                              kname(k), n, xs[i], dys[i], got[i], (unsigned)bits(got[i]), ref[i],
                              (unsigned)bits(ref[i]));
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
    float out[64];
    const fenv_word csr = t->env->csr;
    for (int k = 0; k < ACTFN_KIND_COUNT; k++) {
        static const uint32_t odd[] = {0x7fc00000u, 0x7f800001u, 0x00000001u, 0x80000001u,
                                       0x00400000u, 0x7f800000u};
        for (size_t j = 0; j < sizeof odd / sizeof odd[0]; j++) {
            actfn_params p;
            assert_int_equal(actfn_params_default((actfn_kind)k, &p), ACTFN_OK);
            p.alpha = p.beta = p.gamma = p.delta = fbits(odd[j]);
            env_set(csr);
            actfn_status s = call(t->c, (actfn_kind)k, &p, xs, dys, out, 64);
            fenv_word after = env_get();
            env_set(ENV_DEFAULT);
            EXPECT(after == csr, "%s params=0x%08x (status %d): " ENV_NAME " %#llx before, %#llx after",
                   kname(k), (unsigned)odd[j], s, (unsigned long long)csr, (unsigned long long)after);
        }
        float ov[65];
        memcpy(ov, xs, sizeof ov);
        env_set(csr);
        actfn_status s1 = call(t->c, (actfn_kind)k, NULL, NULL, dys, out, 64);
        actfn_status s2 = call(t->c, ACTFN_KIND_COUNT, NULL, xs, dys, out, 64);
        actfn_status s3 = call(t->c, (actfn_kind)k, NULL, ov, ov, ov + 1, 64);
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
    static float ref[N], got[N];
    static const uint32_t subnormal_alpha[] = {0x00000001u, 0x00400000u, 0x007fffffu};
    for (int k = 0; k < ACTFN_KIND_COUNT; k++) {
        for (size_t j = 0; j < sizeof subnormal_alpha / sizeof subnormal_alpha[0]; j++) {
            actfn_params p;
            assert_int_equal(actfn_params_default((actfn_kind)k, &p), ACTFN_OK);
            if (p.alpha == 0.0f)
                continue; /* only kinds whose alpha is a real parameter */
            p.alpha = fbits(subnormal_alpha[j]);
            env_set(ENV_DEFAULT);
            actfn_status s0 = call(t->c, (actfn_kind)k, &p, xs, dys, ref, N);
            env_set(t->env->csr);
            actfn_status s1 = call(t->c, (actfn_kind)k, &p, xs, dys, got, N);
            env_set(ENV_DEFAULT);
            EXPECT(s0 == s1, "%s alpha=%a: status %d in the default environment, %d under " ENV_NAME
                   " %#llx", kname(k), p.alpha, s0, s1, (unsigned long long)t->env->csr);
            if (s0 == ACTFN_OK && s1 == ACTFN_OK) {
                size_t i = 0;
                while (i < N && same_result(got[i], ref[i]))
                    i++;
                EXPECT(i == N, "%s alpha=%a: x=%a gives %a, %a in the default environment",
                       kname(k), p.alpha, xs[i < N ? i : 0], got[i < N ? i : 0],
                       ref[i < N ? i : 0]);
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

int main(int argc, char **argv)
{
    int isa = argc == 2 ? isa_from_name(argv[1]) : -1;
    if (isa < 0) {
        fprintf(stderr, "usage: %s ", argv[0]);
        print_isa_names(stderr, "|");
        fprintf(stderr, "\n");
        return 2;
    }
    make_inputs();

    /* every environment × call twice (t_env, then errors and odd
     * parameters), then the DAZ/FTZ environments × call: the ones that can
     * change a parameter */
    enum { NT = 2 * NENV * NCALLS + NENV_DAZ * NCALLS };
    static char names[NT][128];
    static struct CMUnitTest tests[NT];
    static ctx cx[NT];
    size_t nt = 0;
    for (size_t e = 0; e < NENV; e++)
        for (int c = 0; c < NCALLS; c++) {
            cx[nt] = (ctx){(actfn_isa)isa, c, &envs[e]};
            snprintf(names[nt], sizeof names[nt], "%s_" ENV_TAG "_unchanged_and_results_as_nearest_%s_%s",
                     call_name[c], envs[e].name, argv[1]);
            tests[nt] = (struct CMUnitTest){names[nt], t_env, NULL, NULL, &cx[nt]};
            nt++;
        }
    for (size_t e = 0; e < NENV; e++)
        for (int c = 0; c < NCALLS; c++) {
            cx[nt] = (ctx){(actfn_isa)isa, c, &envs[e]};
            snprintf(names[nt], sizeof names[nt], "%s_" ENV_TAG "_unchanged_on_errors_and_odd_params_%s_%s",
                     call_name[c], envs[e].name, argv[1]);
            tests[nt] = (struct CMUnitTest){names[nt], t_env_on_errors_and_odd_params, NULL, NULL,
                                            &cx[nt]};
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
            cx[nt] = (ctx){(actfn_isa)isa, c, &envs[e]};
            snprintf(names[nt], sizeof names[nt], "%s_subnormal_params_independent_of_caller_%s_%s",
                     call_name[c], envs[e].name, argv[1]);
            tests[nt] = (struct CMUnitTest){names[nt], t_params_independent_of_caller_env, NULL,
                                            NULL, &cx[nt]};
            nt++;
        }
    }
    if (nt != NT) {
        fprintf(stderr, "test_fenv: fewer DAZ environments than NENV_DAZ\n");
        return 2;
    }
    char group[64];
    snprintf(group, sizeof group, "fenv_%s", argv[1]);
    if (cmocka_run_group_tests_name(group, tests, NULL, NULL))
        return 1;
    return HAVE_FENV && actfn_isa_supported((actfn_isa)isa) ? 0 : 77;
}
