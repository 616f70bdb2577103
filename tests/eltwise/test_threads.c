/*
 * Calls from several threads at once (CONTRACT.md: "every call is
 * thread-safe and re-entrant"; dispatch is one atomic pointer to an
 * immutable table).
 *
 *   test_threads <path> [calls]   a path of the library (actfn_isa_name): it is
 *                                 set once, then NTHREADS threads call every
 *                                 kind × {forward, derivative, backward} on
 *                                 random slices, misaligned and in place;
 *                                 every result must be bit for bit the
 *                                 single-threaded result of that path (a
 *                                 NaN as any NaN, see same())
 *   test_threads racing [calls]   the same while one more thread keeps
 *                                 switching actfn_set_isa between the
 *                                 supported paths: a call loads the table
 *                                 once, so its whole output must equal the
 *                                 single-threaded output of one supported
 *                                 path (which one is up to the race)
 *
 * `calls` is the number of calls per thread (default 20000; the valgrind
 * and TSan stages of tests/scripts/run-hardening.sh pass fewer).  Nothing here
 * depends on timing: the race is whatever the scheduler makes of it, and
 * only the results are checked.  The expected results come from each path
 * run single-threaded twice (a path must be deterministic for "equal to
 * the single-threaded result" to mean anything).
 *
 * A path this CPU lacks reports its test as skipped by name and the binary
 * exits 77 (ctest SKIP_RETURN_CODE).
 */
#define _GNU_SOURCE /* pthread_barrier_t under -std=c11 */
#include <math.h>
#include <pthread.h>
#include <sched.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <actfn.h>
#include "api_call.h"
#include "float_bits.h"
#include "isa_names.h"

enum {
    NTHREADS = 4,
    N = 4096,     /* the shared input arrays */
    MAXLEN = 300, /* most calls: n in [0, MAXLEN] */
    PAD = 16,     /* floats of canary on either side of a worker's output */
    DEFAULT_CALLS = 20000,
};

static int is_nan(float f) { return (bits(f) & 0x7fffffffu) > 0x7f800000u; }

/* The length of the common prefix of a and b: equal bit for bit, except
 * that any NaN equals any NaN.  The contract leaves a NaN's sign and
 * payload open, and they do vary with an element's position: the compiler
 * may commute an operation's operands differently in the vector body and
 * in the masked tail, and x86 returns the first operand's NaN. */
static size_t same(const float *a, const float *b, size_t n)
{
    size_t i = 0;
    while (i < n && (bits(a[i]) == bits(b[i]) || (is_nan(a[i]) && is_nan(b[i]))))
        i++;
    return i;
}

#define CANARY 0x7fb1ca11u /* a signalling-NaN pattern no call writes from our inputs */

/* xorshift32, one state per thread */
static uint32_t rnd(uint32_t *s)
{
    uint32_t x = *s;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    return *s = x;
}

/* ---- inputs and the single-threaded results -------------------------------------- */

static float xs[N], dys[N];
/* expect[isa][kind][call][i]: the path's single-threaded output for xs/dys */
static float (*expect[ACTFN_ISA_COUNT])[NCALLS][N];
static actfn_isa paths[ACTFN_ISA_COUNT];
static int npaths;

static void build_inputs(void)
{
    static const uint32_t special[] = {
        0x00000000u, 0x80000000u, 0x3f800000u, 0xbf800000u, 0x40400000u, 0xc0400000u,
        0x40c00000u, 0x3f000000u, 0xbf000000u, 0x00000001u, 0x80000001u, 0x00800000u,
        0x7f7fffffu, 0xff7fffffu, 0x7f800000u, 0xff800000u, 0x7fc00000u, 0xffc00000u,
        0x7fa00001u, 0x42b40000u, 0xc2b40000u, 0xbf400000u,
    };
    uint32_t s = 0x2545f491u;
    for (size_t i = 0; i < N; i++) {
        uint32_t r = rnd(&s);
        if (r % 8 == 0)
            xs[i] = fbits(special[rnd(&s) % (sizeof special / sizeof special[0])]);
        else if (r % 8 == 1)
            xs[i] = fbits(rnd(&s)); /* any bit pattern, NaNs included */
        else
            xs[i] = -12.0f + 24.0f * (float)(rnd(&s) >> 8) * 0x1p-24f;
        dys[i] = r % 16 == 3 ? fbits(rnd(&s)) : -2.0f + 4.0f * (float)(rnd(&s) >> 8) * 0x1p-24f;
    }
}

/* Each supported path, single-threaded, twice: the second run must repeat
 * the first bit for bit. */
static int group_setup(void **state)
{
    (void)state;
    build_inputs();
    npaths = 0;
    float *again = malloc(N * sizeof *again);
    if (again == NULL)
        return -1;
    for (int i = 0; i < ACTFN_ISA_COUNT; i++) {
        if (!actfn_isa_supported((actfn_isa)i))
            continue;
        paths[npaths++] = (actfn_isa)i;
        expect[i] = calloc(ACTFN_KIND_COUNT, sizeof *expect[i]);
        if (expect[i] == NULL || actfn_set_isa((actfn_isa)i) != ACTFN_OK)
            return -1;
        for (int k = 0; k < ACTFN_KIND_COUNT; k++)
            for (int c = 0; c < NCALLS; c++) {
                if (call(c, (actfn_kind)k, NULL, xs, dys, expect[i][k][c], N) != ACTFN_OK ||
                    call(c, (actfn_kind)k, NULL, xs, dys, again, N) != ACTFN_OK)
                    return -1;
                if (same(again, expect[i][k][c], N) != N) {
                    fprintf(stderr, "%s %s on %s is not deterministic single-threaded\n",
                            actfn_kind_name((actfn_kind)k), call_name[c],
                            actfn_isa_name((actfn_isa)i));
                    return -1;
                }
            }
    }
    free(again);
    return 0;
}

static int group_teardown(void **state)
{
    (void)state;
    for (int i = 0; i < ACTFN_ISA_COUNT; i++)
        free(expect[i]);
    return 0;
}

/* ---- the workers ------------------------------------------------------------------- */

typedef struct {
    int id;
    int racing;    /* compare against any supported path */
    actfn_isa isa; /* stable: the one path */
    long calls;
    /* results */
    long bad_status, mismatches, outside, bad_isa;
    long matched[ACTFN_ISA_COUNT]; /* calls whose output only that path gives */
    long ambiguous;                /* calls more than one path gives (relu, ...) */
    char first[256];               /* the first violation, for the report */
} worker;

static pthread_barrier_t start;
static atomic_int workers_left;

static void note(worker *w, const char *fmt, ...)
{
    if (w->first[0] != '\0')
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(w->first, sizeof w->first, fmt, ap);
    va_end(ap);
}

static void *work(void *arg)
{
    worker *w = arg;
    uint32_t s = 0x9e3779b9u * (uint32_t)(w->id + 1);
    /* [PAD canary][MAXLEN... up to N + 8 floats][PAD canary] */
    const size_t cap = N + 8;
    float *buf = malloc((cap + 2 * PAD) * sizeof *buf);
    if (buf == NULL) {
        note(w, "out of memory");
        w->bad_status++;
        pthread_barrier_wait(&start);
        atomic_fetch_sub(&workers_left, 1);
        return NULL;
    }
    pthread_barrier_wait(&start);
    for (long it = 0; it < w->calls; it++) {
        actfn_kind k = (actfn_kind)(rnd(&s) % ACTFN_KIND_COUNT);
        int c = (int)(rnd(&s) % NCALLS);
        /* mostly short calls (tails, several vectors); now and then a long one */
        size_t len = rnd(&s) % 64 == 0 ? rnd(&s) % (N + 1) : rnd(&s) % (MAXLEN + 1);
        size_t off = len == N ? 0 : rnd(&s) % (N - len + 1);
        size_t mis = rnd(&s) % 8; /* output misalignment, in floats */
        int inplace = rnd(&s) % 4 == 0;

        for (size_t i = 0; i < cap + 2 * PAD; i++)
            buf[i] = fbits(CANARY);
        float *out = buf + PAD + mis;
        const float *x = xs + off, *dy = dys + off;
        actfn_status st;
        if (inplace) {
            /* y == x (forward, derivative) or dx == dy (backward) */
            memcpy(out, c == BWD ? dy : x, len * sizeof *out);
            st = c == BWD ? call(c, k, NULL, x, out, out, len)
                          : call(c, k, NULL, out, NULL, out, len);
        } else {
            st = call(c, k, NULL, x, dy, out, len);
        }
        if (st != ACTFN_OK) {
            w->bad_status++;
            note(w, "%s %s n=%zu: status %d", actfn_kind_name(k), call_name[c], len, (int)st);
            continue;
        }
        /* nothing outside [out, out + len) was written */
        for (size_t i = 0; i < cap + 2 * PAD; i++) {
            float *p = buf + i;
            if ((p < out || p >= out + len) && bits(*p) != CANARY) {
                w->outside++;
                note(w, "%s %s n=%zu%s: wrote element %td", actfn_kind_name(k), call_name[c], len,
                     inplace ? " in place" : "", p - out);
                break;
            }
        }
        /* which paths give exactly this output */
        int hits = 0;
        actfn_isa hit = ACTFN_ISA_COUNT;
        for (int j = 0; j < npaths; j++) {
            actfn_isa isa = paths[j];
            if (!w->racing && isa != w->isa)
                continue;
            if (same(out, &expect[isa][k][c][off], len) == len) {
                hits++;
                hit = isa;
            }
        }
        if (hits == 0) {
            w->mismatches++;
            /* the first differing element against the path(s) that may have run */
            actfn_isa isa = w->racing ? paths[0] : w->isa;
            size_t i = same(out, &expect[isa][k][c][off], len);
            note(w,
                 "%s %s n=%zu off=%zu%s: output matches no %s single-threaded result "
                 "(vs %s: [%zu] x=%a got 0x%08x want 0x%08x)",
                 actfn_kind_name(k), call_name[c], len, off, inplace ? " in place" : "",
                 w->racing ? "supported path's" : "of the path's", actfn_isa_name(isa), i,
                 (double)xs[off + (i < len ? i : 0)], (unsigned)bits(out[i < len ? i : 0]),
                 (unsigned)bits(expect[isa][k][c][off + (i < len ? i : 0)]));
        } else if (hits == 1) {
            w->matched[hit]++;
        } else {
            w->ambiguous++;
        }
        /* the active path is always a supported one (and, stable, ours) */
        if ((it & 63) == 0) {
            actfn_isa a = actfn_active_isa();
            if (!actfn_isa_supported(a) || (!w->racing && a != w->isa)) {
                w->bad_isa++;
                note(w, "actfn_active_isa() = %d", (int)a);
            }
        }
    }
    free(buf);
    atomic_fetch_sub(&workers_left, 1);
    return NULL;
}

/* Switches the path until the workers are done: every supported path in
 * turn, with unsupported requests (which must fail) in between. */
typedef struct {
    long switches, bad;
} racer;

static void *race(void *arg)
{
    racer *r = arg;
    pthread_barrier_wait(&start);
    for (unsigned i = 0; atomic_load(&workers_left) > 0; i++) {
        if (actfn_set_isa(paths[i % (unsigned)npaths]) != ACTFN_OK)
            r->bad++;
        r->switches++;
        if (i % 16 == 0) {
            for (int u = 0; u <= ACTFN_ISA_COUNT; u++)
                if (u == ACTFN_ISA_COUNT || !actfn_isa_supported((actfn_isa)u))
                    if (actfn_set_isa((actfn_isa)u) != ACTFN_EUNSUPPORTED)
                        r->bad++;
        }
        if (i % 4 == 0)
            sched_yield(); /* let the workers run on a 2-core machine */
    }
    return NULL;
}

static long calls_per_thread = DEFAULT_CALLS;

static void run(int racing, actfn_isa isa)
{
    static float xs0[N], dys0[N];
    memcpy(xs0, xs, sizeof xs);
    memcpy(dys0, dys, sizeof dys);
    worker w[NTHREADS];
    pthread_t th[NTHREADS + 1];
    racer r = {0, 0};
    int nth = NTHREADS + (racing ? 1 : 0);
    assert_int_equal(pthread_barrier_init(&start, NULL, (unsigned)nth), 0);
    atomic_store(&workers_left, NTHREADS);
    for (int i = 0; i < NTHREADS; i++) {
        memset(&w[i], 0, sizeof w[i]);
        w[i].id = i;
        w[i].racing = racing;
        w[i].isa = isa;
        w[i].calls = calls_per_thread;
        assert_int_equal(pthread_create(&th[i], NULL, work, &w[i]), 0);
    }
    if (racing)
        assert_int_equal(pthread_create(&th[NTHREADS], NULL, race, &r), 0);
    for (int i = 0; i < nth; i++)
        assert_int_equal(pthread_join(th[i], NULL), 0);
    pthread_barrier_destroy(&start);

    long bad = 0, matched[ACTFN_ISA_COUNT] = {0}, ambiguous = 0;
    for (int i = 0; i < NTHREADS; i++) {
        long b = w[i].bad_status + w[i].mismatches + w[i].outside + w[i].bad_isa;
        if (b) {
            print_error("thread %d: %ld bad status, %ld mismatches, %ld outside writes, "
                        "%ld bad active path; first: %s\n",
                        i, w[i].bad_status, w[i].mismatches, w[i].outside, w[i].bad_isa,
                        w[i].first);
            bad += b;
        }
        for (int j = 0; j < ACTFN_ISA_COUNT; j++)
            matched[j] += w[i].matched[j];
        ambiguous += w[i].ambiguous;
    }
    /* what the race did: informative only, never asserted */
    print_message("  %d threads x %ld calls", NTHREADS, calls_per_thread);
    if (racing) {
        print_message(", %ld switches; calls only one path gives:", r.switches);
        for (int j = 0; j < npaths; j++)
            print_message(" %s %ld", actfn_isa_name(paths[j]), matched[paths[j]]);
        print_message("; more than one (equal there): %ld\n", ambiguous);
    } else {
        print_message(" on %s, %ld as single-threaded\n", actfn_isa_name(isa), matched[isa]);
    }
    if (r.bad) {
        print_error("actfn_set_isa: %ld unexpected statuses\n", r.bad);
        bad += r.bad;
    }
    /* the shared inputs, passed as const to every call, are unchanged */
    if (memcmp(xs0, xs, sizeof xs) != 0 || memcmp(dys0, dys, sizeof dys) != 0) {
        print_error("the shared input arrays changed\n");
        bad++;
    }
    assert_int_equal(bad, 0);
}

typedef struct {
    actfn_isa isa;
} path_ctx;

static void threads_on_one_path_equal_single_threaded(void **state)
{
    const path_ctx *t = *state;
    if (!actfn_isa_supported(t->isa))
        skip();
    assert_int_equal(actfn_set_isa(t->isa), ACTFN_OK);
    run(0, t->isa);
    assert_int_equal(actfn_active_isa(), t->isa);
}

static void threads_while_set_isa_races_each_call_equals_one_path(void **state)
{
    (void)state;
    if (npaths < 2)
        skip(); /* nothing to switch between */
    run(1, ACTFN_ISA_COUNT);
    assert_true(actfn_isa_supported(actfn_active_isa()));
}

int main(int argc, char **argv)
{
    if (argc < 2 || argc > 3 || (strcmp(argv[1], "racing") != 0 && isa_from_name(argv[1]) < 0)) {
        fprintf(stderr, "usage: %s ", argv[0]);
        print_isa_names(stderr, "|");
        fprintf(stderr, "|racing [calls-per-thread]\n");
        return 2;
    }
    if (argc == 3) {
        calls_per_thread = strtol(argv[2], NULL, 10);
        if (calls_per_thread <= 0) {
            fprintf(stderr, "calls-per-thread must be positive\n");
            return 2;
        }
    }
    static char name[128];
    static path_ctx pc;
    static struct CMUnitTest tests[1];
    int skipped;
    if (strcmp(argv[1], "racing") == 0) {
        snprintf(name, sizeof name, "%d_threads_while_set_isa_races_each_call_equals_one_path",
                 NTHREADS);
        tests[0] = (struct CMUnitTest){name, threads_while_set_isa_races_each_call_equals_one_path,
                                       NULL, NULL, NULL};
        int n = 0;
        for (int i = 0; i < ACTFN_ISA_COUNT; i++)
            n += actfn_isa_supported((actfn_isa)i);
        skipped = n < 2;
    } else {
        pc.isa = (actfn_isa)isa_from_name(argv[1]);
        snprintf(name, sizeof name, "%d_threads_on_%s_equal_single_threaded_bit_for_bit", NTHREADS,
                 argv[1]);
        tests[0] =
            (struct CMUnitTest){name, threads_on_one_path_equal_single_threaded, NULL, NULL, &pc};
        skipped = !actfn_isa_supported(pc.isa);
    }
    char group[64];
    snprintf(group, sizeof group, "threads_%s", argv[1]);
    if (cmocka_run_group_tests_name(group, tests, group_setup, group_teardown))
        return 1;
    return skipped ? 77 : 0;
}
