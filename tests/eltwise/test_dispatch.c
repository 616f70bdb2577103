/*
 * Dispatch and the small API around it (CONTRACT.md "Dispatch", "API").
 *
 *   test_dispatch api             names, versions, statuses, actfn_set_isa
 *   test_dispatch expect_<isa>    ACTFN_ISA=<isa> in the environment: active is
 *                                 <isa> if supported, else the best path
 *   test_dispatch expect_best     ACTFN_ISA unset, empty or bogus
 *   test_dispatch ctor            the API called from a constructor before main
 *   test_dispatch threads         4 threads at first use (ACTFN_TEST_NO_CTOR=1,
 *                                 so the constructor above does not call first)
 *
 * The same source is linked against libactfn.so and libactfn.a: in the static
 * build the order of this file's constructor and the library's is not fixed.
 */
#define _GNU_SOURCE /* pthread_barrier_t under -std=c11 */
#include <ctype.h>
#include <math.h>
#include <pthread.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <actfn.h>
#include "float_bits.h"

/* Best first: what the library must fall back to. */
static actfn_isa best_isa(void)
{
    static const actfn_isa pref[] = {ACTFN_ISA_AVX512, ACTFN_ISA_AVX2, ACTFN_ISA_NEON,
                                     ACTFN_ISA_SCALAR};
    for (size_t i = 0; i < sizeof pref / sizeof pref[0]; i++)
        if (actfn_isa_supported(pref[i]))
            return pref[i];
    return ACTFN_ISA_SCALAR;
}

static const char *iname(actfn_isa isa)
{
    const char *s = actfn_isa_name(isa);
    return s != NULL ? s : "(none)";
}

/* ---- the constructor: the API before main ------------------------------------ */

enum { CN = 19 };
static const float ctor_x[CN] = {-100.0f, -20.0f, -5.0f, -1.0f, -0.5f, -1e-30f, -0.0f,
                                 0.0f,    1e-30f, 0.25f, 0.5f,  1.0f,  2.0f,    3.0f,
                                 5.0f,    10.0f,  20.0f, 88.0f, 100.0f};
static struct {
    int ran;
    actfn_isa isa;
    actfn_status s_relu, s_sigmoid, s_name;
    actfn_kind from_name;
    float relu[CN], sigmoid[CN];
} early;

__attribute__((constructor)) static void call_before_main(void)
{
    if (getenv("ACTFN_TEST_NO_CTOR") != NULL)
        return;
    early.ran = 1;
    early.s_relu = actfn_forward_f32(ACTFN_RELU, NULL, ctor_x, early.relu, CN);
    early.isa = actfn_active_isa();
    early.s_sigmoid = actfn_forward_f32(ACTFN_SIGMOID, NULL, ctor_x, early.sigmoid, CN);
    early.s_name = actfn_kind_from_name("sigmoid", &early.from_name);
}

/* relu exact; sigmoid within a few ULP of a double evaluation. */
static int check_relu_sigmoid(const float *relu, const float *sigmoid)
{
    int bad = 0;
    for (int i = 0; i < CN; i++) {
        float r = ctor_x[i] > 0.0f ? ctor_x[i] : 0.0f;
        if (bits(relu[i]) != bits(r) && !(r == 0.0f && relu[i] == 0.0f)) {
            print_error("relu(%a) = %a, want %a\n", ctor_x[i], relu[i], r);
            bad++;
        }
        double s = 1.0 / (1.0 + exp(-(double)ctor_x[i]));
        if (!(fabs(sigmoid[i] - s) <= 4.0 * 0x1p-24 * s + 0x1p-149)) {
            print_error("sigmoid(%a) = %a, want %a\n", ctor_x[i], sigmoid[i], s);
            bad++;
        }
    }
    return bad;
}

static void constructor_before_main_gets_ok_and_correct_results(void **state)
{
    (void)state;
    assert_true(early.ran);
    assert_int_equal(early.s_relu, ACTFN_OK);
    assert_int_equal(early.s_sigmoid, ACTFN_OK);
    assert_int_equal(early.s_name, ACTFN_OK);
    assert_int_equal(early.from_name, ACTFN_SIGMOID);
    assert_int_equal(early.isa, actfn_active_isa());
    assert_true(actfn_isa_supported(early.isa));
    assert_int_equal(check_relu_sigmoid(early.relu, early.sigmoid), 0);
}

/* ---- threads at first use ------------------------------------------------------ */

enum { NTHREADS = 4, TN = 259, ITERS = 25 };
static float thread_x[TN], thread_dy[TN];
static pthread_barrier_t barrier;

typedef struct {
    int id;
    actfn_isa isa;
    int bad_status;
    int inconsistent; /* results changed between iterations */
    float (*out)[3][TN]; /* [kind][call][i] */
} worker;

static void *work(void *arg)
{
    worker *w = arg;
    pthread_barrier_wait(&barrier);
    /* half the threads start with a compute call, half with a query: both
     * kinds of first use race */
    if (w->id % 2 == 0) {
        float tmp[TN];
        if (actfn_forward_f32(ACTFN_RELU, NULL, thread_x, tmp, TN) != ACTFN_OK)
            w->bad_status++;
        w->isa = actfn_active_isa();
    } else {
        w->isa = actfn_active_isa();
    }
    float tmp[TN];
    for (int it = 0; it < ITERS; it++) {
        for (int k = 0; k < ACTFN_KIND_COUNT; k++) {
            for (int c = 0; c < 3; c++) {
                float *dst = it == 0 ? w->out[k][c] : tmp;
                actfn_status s =
                    c == 0   ? actfn_forward_f32((actfn_kind)k, NULL, thread_x, dst, TN)
                    : c == 1 ? actfn_derivative_f32((actfn_kind)k, NULL, thread_x, dst, TN)
                             : actfn_backward_f32((actfn_kind)k, NULL, thread_x, thread_dy, dst,
                                                  TN);
                if (s != ACTFN_OK)
                    w->bad_status++;
                if (it > 0 && memcmp(tmp, w->out[k][c], sizeof tmp) != 0)
                    w->inconsistent++;
            }
        }
    }
    return NULL;
}

static void four_threads_at_first_use_get_ok_and_identical_results(void **state)
{
    (void)state;
    for (int i = 0; i < TN; i++) {
        thread_x[i] = -12.0f + 24.0f * (float)i / (float)(TN - 1);
        thread_dy[i] = 0.5f + (float)(i % 7) * 0.25f;
    }
    worker w[NTHREADS];
    pthread_t th[NTHREADS];
    assert_int_equal(pthread_barrier_init(&barrier, NULL, NTHREADS), 0);
    for (int i = 0; i < NTHREADS; i++) {
        w[i] = (worker){.id = i};
        w[i].out = calloc(ACTFN_KIND_COUNT, sizeof *w[i].out);
        assert_non_null(w[i].out);
        assert_int_equal(pthread_create(&th[i], NULL, work, &w[i]), 0);
    }
    for (int i = 0; i < NTHREADS; i++)
        assert_int_equal(pthread_join(th[i], NULL), 0);
    pthread_barrier_destroy(&barrier);

    /* the reference, single-threaded, after the race */
    actfn_isa isa = actfn_active_isa();
    float(*ref)[3][TN] = calloc(ACTFN_KIND_COUNT, sizeof *ref);
    assert_non_null(ref);
    for (int k = 0; k < ACTFN_KIND_COUNT; k++) {
        assert_int_equal(actfn_forward_f32((actfn_kind)k, NULL, thread_x, ref[k][0], TN), ACTFN_OK);
        assert_int_equal(actfn_derivative_f32((actfn_kind)k, NULL, thread_x, ref[k][1], TN),
                         ACTFN_OK);
        assert_int_equal(
            actfn_backward_f32((actfn_kind)k, NULL, thread_x, thread_dy, ref[k][2], TN), ACTFN_OK);
    }
    int bad = 0;
    for (int i = 0; i < NTHREADS; i++) {
        if (w[i].isa != isa || w[i].bad_status || w[i].inconsistent) {
            print_error("thread %d: path %s (main sees %s), %d bad statuses, %d inconsistent\n", i,
                        iname(w[i].isa), iname(isa), w[i].bad_status, w[i].inconsistent);
            bad++;
        }
        for (int k = 0; k < ACTFN_KIND_COUNT; k++)
            for (int c = 0; c < 3; c++)
                if (memcmp(w[i].out[k][c], ref[k][c], sizeof ref[k][c]) != 0) {
                    print_error("thread %d: %s call %d differs from the single-threaded result\n",
                                i, actfn_kind_name((actfn_kind)k), c);
                    bad++;
                }
        free(w[i].out);
    }
    free(ref);
    /* relu and sigmoid against their definitions, too */
    float relu[CN], sig[CN];
    assert_int_equal(actfn_forward_f32(ACTFN_RELU, NULL, ctor_x, relu, CN), ACTFN_OK);
    assert_int_equal(actfn_forward_f32(ACTFN_SIGMOID, NULL, ctor_x, sig, CN), ACTFN_OK);
    bad += check_relu_sigmoid(relu, sig);
    assert_int_equal(bad, 0);
}

/* ---- ACTFN_ISA override --------------------------------------------------------- */

static const char *expect_mode; /* "scalar", "avx2", ... or "best" */

static void env_override_selects_expected_path(void **state)
{
    (void)state;
    /* the first thing main does: nothing has called actfn_set_isa */
    actfn_isa active = actfn_active_isa();
    const char *env = getenv("ACTFN_ISA");
    actfn_isa want = best_isa();
    if (strcmp(expect_mode, "best") != 0) {
        /* a registration mistake must not pass as "best" */
        if (env == NULL || strcmp(env, expect_mode) != 0)
            fail_msg("mode expect_%s but ACTFN_ISA=%s", expect_mode, env ? env : "(unset)");
        for (int i = 0; i < ACTFN_ISA_COUNT; i++)
            if (strcmp(iname((actfn_isa)i), expect_mode) == 0 && actfn_isa_supported((actfn_isa)i))
                want = (actfn_isa)i;
    }
    print_message("ACTFN_ISA=%s: active %s, expected %s\n", env ? env : "(unset)", iname(active),
                  iname(want));
    assert_int_equal(active, want);
    /* the constructor, before main, saw the same choice */
    if (early.ran)
        assert_int_equal(early.isa, want);
    /* the override does not stop actfn_set_isa */
    assert_int_equal(actfn_set_isa(ACTFN_ISA_SCALAR), ACTFN_OK);
    assert_int_equal(actfn_active_isa(), ACTFN_ISA_SCALAR);
    assert_int_equal(actfn_set_isa(want), ACTFN_OK);
    assert_int_equal(actfn_active_isa(), want);
}

/* ---- API ---------------------------------------------------------------------------- */

static void isa_name_for_each_value_null_out_of_range(void **state)
{
    (void)state;
    static const char *const want[] = {"scalar", "avx2", "avx512", "neon"};
    assert_int_equal(ACTFN_ISA_COUNT, 4);
    for (int i = 0; i < ACTFN_ISA_COUNT; i++) {
        assert_non_null(actfn_isa_name((actfn_isa)i));
        assert_string_equal(actfn_isa_name((actfn_isa)i), want[i]);
    }
    assert_null(actfn_isa_name(ACTFN_ISA_COUNT));
    assert_null(actfn_isa_name((actfn_isa)-1));
    assert_null(actfn_isa_name((actfn_isa)1000));
}

static void isa_supported_scalar_is_1_out_of_range_is_0(void **state)
{
    (void)state;
    assert_int_equal(actfn_isa_supported(ACTFN_ISA_SCALAR), 1);
    assert_int_equal(actfn_isa_supported(ACTFN_ISA_COUNT), 0);
    assert_int_equal(actfn_isa_supported((actfn_isa)-1), 0);
    for (int i = 0; i < ACTFN_ISA_COUNT; i++) {
        int s = actfn_isa_supported((actfn_isa)i);
        assert_true(s == 0 || s == 1);
        print_message("%-7s supported: %d\n", iname((actfn_isa)i), s);
    }
#if defined(__x86_64__) || defined(__i386__)
    assert_int_equal(actfn_isa_supported(ACTFN_ISA_NEON), 0);
    /* AVX-512 is only used on top of AVX2+FMA (where the avx2 path is built) */
#ifdef ACTFN_TEST_BUILT_AVX2
    if (actfn_isa_supported(ACTFN_ISA_AVX512))
        assert_int_equal(actfn_isa_supported(ACTFN_ISA_AVX2), 1);
#endif
#endif
}

static void set_isa_unsupported_is_eunsupported_active_unchanged(void **state)
{
    (void)state;
    const actfn_isa bad[] = {ACTFN_ISA_COUNT, (actfn_isa)-1, (actfn_isa)77};
    for (int start = 0; start < ACTFN_ISA_COUNT; start++) {
        if (!actfn_isa_supported((actfn_isa)start))
            continue;
        assert_int_equal(actfn_set_isa((actfn_isa)start), ACTFN_OK);
        for (int i = 0; i < ACTFN_ISA_COUNT; i++) {
            if (actfn_isa_supported((actfn_isa)i))
                continue;
            assert_int_equal(actfn_set_isa((actfn_isa)i), ACTFN_EUNSUPPORTED);
            assert_int_equal(actfn_active_isa(), start);
        }
        for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
            assert_int_equal(actfn_set_isa(bad[i]), ACTFN_EUNSUPPORTED);
            assert_int_equal(actfn_active_isa(), start);
        }
    }
    assert_int_equal(actfn_set_isa(best_isa()), ACTFN_OK);
}

static void set_isa_then_active_isa_reports_it(void **state)
{
    (void)state;
    for (int i = 0; i < ACTFN_ISA_COUNT; i++) {
        if (!actfn_isa_supported((actfn_isa)i))
            continue;
        assert_int_equal(actfn_set_isa((actfn_isa)i), ACTFN_OK);
        assert_int_equal(actfn_active_isa(), i);
        /* and calls work there */
        float y[CN];
        assert_int_equal(actfn_forward_f32(ACTFN_RELU, NULL, ctor_x, y, CN), ACTFN_OK);
    }
    assert_int_equal(actfn_set_isa(best_isa()), ACTFN_OK);
    assert_int_equal(actfn_active_isa(), best_isa());
}

static void version_is_major_minor_patch(void **state)
{
    (void)state;
    const char *v = actfn_version();
    assert_non_null(v);
    /* digits '.' digits '.' digits, nothing else */
    const char *p = v;
    for (int part = 0; part < 3; part++) {
        if (!isdigit((unsigned char)*p))
            fail_msg("version \"%s\" is not MAJOR.MINOR.PATCH", v);
        while (isdigit((unsigned char)*p))
            p++;
        if (part < 2 && *p++ != '.')
            fail_msg("version \"%s\" is not MAJOR.MINOR.PATCH", v);
    }
    if (*p != '\0')
        fail_msg("version \"%s\" is not MAJOR.MINOR.PATCH", v);
    assert_ptr_equal(actfn_version(), v); /* static string */
}

static void kind_name_round_trips_for_every_kind(void **state)
{
    (void)state;
    assert_true(ACTFN_KIND_COUNT > 0);
    for (int k = 0; k < ACTFN_KIND_COUNT; k++) {
        const char *s = actfn_kind_name((actfn_kind)k);
        if (s == NULL)
            fail_msg("kind %d has no name", k);
        assert_true(s[0] != '\0');
        for (const char *c = s; *c; c++)
            if (!(islower((unsigned char)*c) || isdigit((unsigned char)*c) || *c == '_'))
                fail_msg("kind %d name \"%s\" is not [a-z0-9_]", k, s);
        for (int j = 0; j < k; j++)
            if (strcmp(s, actfn_kind_name((actfn_kind)j)) == 0)
                fail_msg("kinds %d and %d are both \"%s\"", j, k, s);
        actfn_kind back = (actfn_kind)-1;
        assert_int_equal(actfn_kind_from_name(s, &back), ACTFN_OK);
        assert_int_equal(back, k);
        /* a copy, not the library's pointer, must resolve too */
        char copy[64];
        snprintf(copy, sizeof copy, "%s", s);
        assert_int_equal(actfn_kind_from_name(copy, &back), ACTFN_OK);
        assert_int_equal(back, k);
    }
    assert_null(actfn_kind_name(ACTFN_KIND_COUNT));
    assert_null(actfn_kind_name((actfn_kind)-1));
    assert_null(actfn_kind_name((actfn_kind)100000));
}

static void kind_from_name_unknown_is_ekind_out_untouched(void **state)
{
    (void)state;
    static const char *const unknown[] = {"", "no_such_kind", "rel", "relu_", " relu",
                                          "relu ", "relu\n", "gelu2"};
    for (size_t i = 0; i < sizeof unknown / sizeof unknown[0]; i++) {
        actfn_kind k = (actfn_kind)12345;
        assert_int_equal(actfn_kind_from_name(unknown[i], &k), ACTFN_EKIND);
        assert_int_equal(k, 12345);
    }
}

static void kind_from_name_null_is_enull(void **state)
{
    (void)state;
    actfn_kind k = (actfn_kind)12345;
    assert_int_equal(actfn_kind_from_name(NULL, &k), ACTFN_ENULL);
    assert_int_equal(k, 12345);
    assert_int_equal(actfn_kind_from_name("relu", NULL), ACTFN_ENULL);
    assert_int_equal(actfn_kind_from_name(NULL, NULL), ACTFN_ENULL);
}

static void strerror_non_null_for_every_status_and_out_of_range(void **state)
{
    (void)state;
    for (int s = 0; s < ACTFN_STATUS_COUNT; s++) {
        const char *m = actfn_strerror((actfn_status)s);
        assert_non_null(m);
        assert_true(m[0] != '\0');
        for (int j = 0; j < s; j++)
            if (strcmp(m, actfn_strerror((actfn_status)j)) == 0)
                fail_msg("statuses %d and %d share the message \"%s\"", j, s, m);
    }
    assert_non_null(actfn_strerror(ACTFN_STATUS_COUNT));
    assert_non_null(actfn_strerror((actfn_status)-1));
    assert_non_null(actfn_strerror((actfn_status)1000));
}

static void params_default_every_kind_ekind_enull(void **state)
{
    (void)state;
    for (int k = 0; k < ACTFN_KIND_COUNT; k++) {
        actfn_params p;
        assert_int_equal(actfn_params_default((actfn_kind)k, &p), ACTFN_OK);
        assert_true(isfinite(p.alpha) && isfinite(p.beta) && isfinite(p.gamma) &&
                    isfinite(p.delta));
        assert_int_equal(actfn_params_default((actfn_kind)k, NULL), ACTFN_ENULL);
    }
    actfn_params p = {1, 2, 3, 4};
    assert_int_equal(actfn_params_default(ACTFN_KIND_COUNT, &p), ACTFN_EKIND);
    assert_int_equal(actfn_params_default((actfn_kind)-1, &p), ACTFN_EKIND);
    assert_true(p.alpha == 1 && p.beta == 2 && p.gamma == 3 && p.delta == 4);
}

/* ---- main ------------------------------------------------------------------------ */

int main(int argc, char **argv)
{
    const char *mode = argc > 1 ? argv[1] : "";
    if (strcmp(mode, "api") == 0) {
        const struct CMUnitTest tests[] = {
            cmocka_unit_test(isa_name_for_each_value_null_out_of_range),
            cmocka_unit_test(isa_supported_scalar_is_1_out_of_range_is_0),
            cmocka_unit_test(set_isa_unsupported_is_eunsupported_active_unchanged),
            cmocka_unit_test(set_isa_then_active_isa_reports_it),
            cmocka_unit_test(version_is_major_minor_patch),
            cmocka_unit_test(kind_name_round_trips_for_every_kind),
            cmocka_unit_test(kind_from_name_unknown_is_ekind_out_untouched),
            cmocka_unit_test(kind_from_name_null_is_enull),
            cmocka_unit_test(strerror_non_null_for_every_status_and_out_of_range),
            cmocka_unit_test(params_default_every_kind_ekind_enull),
        };
        return cmocka_run_group_tests_name("dispatch_api", tests, NULL, NULL) ? 1 : 0;
    }
    if (strncmp(mode, "expect_", 7) == 0) {
        expect_mode = mode + 7;
        const struct CMUnitTest tests[] = {
            cmocka_unit_test(env_override_selects_expected_path),
        };
        return cmocka_run_group_tests_name("dispatch_env", tests, NULL, NULL) ? 1 : 0;
    }
    if (strcmp(mode, "ctor") == 0) {
        const struct CMUnitTest tests[] = {
            cmocka_unit_test(constructor_before_main_gets_ok_and_correct_results),
        };
        return cmocka_run_group_tests_name("dispatch_ctor", tests, NULL, NULL) ? 1 : 0;
    }
    if (strcmp(mode, "threads") == 0) {
        if (early.ran) {
            fprintf(stderr, "threads mode needs ACTFN_TEST_NO_CTOR=1 (first use in threads)\n");
            return 2;
        }
        const struct CMUnitTest tests[] = {
            cmocka_unit_test(four_threads_at_first_use_get_ok_and_identical_results),
        };
        return cmocka_run_group_tests_name("dispatch_threads", tests, NULL, NULL) ? 1 : 0;
    }
    fprintf(stderr, "usage: %s api|expect_<isa>|expect_best|ctor|threads\n", argv[0]);
    return 2;
}
