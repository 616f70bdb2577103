/*
 * Calls from several threads at once (CONTRACT.md: "every call is
 * thread-safe and re-entrant"; dispatch is one atomic pointer to an
 * immutable table).
 *
 *   test_threads <path> [calls] [dtype]
 *                                 a path of the library (actfn_isa_name): it is
 *                                 set once, then NTHREADS threads call every
 *                                 dtype × kind × {forward, derivative,
 *                                 backward} on random slices, misaligned and
 *                                 in place; every result must be bit for bit
 *                                 the single-threaded result of that path (a
 *                                 NaN as any NaN, see same())
 *   test_threads racing [calls] [dtype]
 *                                 the same while one more thread keeps
 *                                 switching actfn_set_isa between the
 *                                 supported paths: a call loads the table
 *                                 once, so its whole output must equal the
 *                                 single-threaded output of one supported
 *                                 path (which one is up to the race)
 *
 * `calls` is the number of calls per thread (default 20000; the valgrind
 * and TSan stages of tests/scripts/run-hardening.sh pass fewer).  The
 * dtypes are the registry's (src/registry/dtypes.def, through
 * tests/harness/dtype.h): with a dtype named, only its calls; without, each
 * call picks one at random.  Nothing here
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
#include "dtype.h"
#include "isa_names.h"

enum {
    NTHREADS = 4,
    N = 4096,     /* the shared input arrays */
    MAXLEN = 300, /* most calls: n in [0, MAXLEN] */
    PAD = 16,     /* elements of canary on either side of a worker's output */
    DEFAULT_CALLS = 20000,
};

typedef uint64_t slot; /* one element of any dtype */

/* The length of the common prefix of a and b: equal bit for bit, except
 * that any NaN equals any NaN.  The contract leaves a NaN's sign and
 * payload open, and they do vary with an element's position: the compiler
 * may commute an operation's operands differently in the vector body and
 * in the masked tail, and x86 returns the first operand's NaN. */
static size_t same(const dtype *T, const void *a, const void *b, size_t n)
{
    return dt_result_differs_at(T, a, b, n);
}

/* A signalling-NaN pattern of the dtype no call writes from our inputs
 * (0x7fb1ca11 as f32). */
static uint64_t canary(const dtype *T)
{
    return dt_exp_mask(T) | ((0x31ca11u | 1u) & (dt_quiet_bit(T) - 1));
}

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

static slot xs[NDTYPES][N], dys[NDTYPES][N];
/* expect[isa][dtype]: the path's single-threaded outputs for xs/dys, kind
 * × call × N elements (expected()) */
static unsigned char *expect[ACTFN_ISA_COUNT][NDTYPES];
static actfn_isa paths[ACTFN_ISA_COUNT];
static int npaths;
/* the dtypes the workers call: one, or all */
static const dtype *only;

static unsigned char *expected(actfn_isa isa, const dtype *T, actfn_kind k, int c, size_t off)
{
    return expect[isa][T - dtypes] + (((size_t)k * NCALLS + (size_t)c) * N + off) * T->size;
}

/* A value in [lo, hi) with 53 random bits, in the dtype. */
static uint64_t uniform(const dtype *T, uint32_t *s, double lo, double hi)
{
    uint64_t u = (uint64_t)rnd(s) << 21 ^ (rnd(s) >> 11);
    return dt_from_double(T, lo + (hi - lo) * (double)(u & (((uint64_t)1 << 53) - 1)) * 0x1p-53);
}

static void build_inputs(const dtype *T)
{
    const uint64_t S = dt_sign(T), E = dt_exp_mask(T), Q = dt_quiet_bit(T);
    const uint64_t special[] = {
        0, S, dt_from_double(T, 1.0), dt_from_double(T, -1.0), dt_from_double(T, 3.0),
        dt_from_double(T, -3.0), dt_from_double(T, 6.0), dt_from_double(T, 0.5),
        dt_from_double(T, -0.5), 1, S | 1, (uint64_t)1 << T->man_bits, E - 1, S | (E - 1), E,
        S | E, E | Q, S | E | Q, E | (Q >> 1) | 1, dt_from_double(T, 90.0),
        dt_from_double(T, -90.0), dt_from_double(T, -0.75),
        dt_from_double(T, dt_bias(T) * 0x1.62e42fefa39efp-1), /* e^x overflows past it */
    };
    uint32_t s = 0x2545f491u;
    slot *x = xs[T - dtypes], *dy = dys[T - dtypes];
    for (size_t i = 0; i < N; i++) {
        uint32_t r = rnd(&s);
        uint64_t any = ((uint64_t)rnd(&s) << 32 | rnd(&s)) & dt_all(T);
        if (r % 8 == 0)
            dt_set(T, x, i, special[rnd(&s) % (sizeof special / sizeof special[0])]);
        else if (r % 8 == 1)
            dt_set(T, x, i, any); /* any bit pattern, NaNs included */
        else
            dt_set(T, x, i, uniform(T, &s, -12.0, 12.0));
        dt_set(T, dy, i, r % 16 == 3 ? any >> 1 | (any & 1 ? S : 0) : uniform(T, &s, -2.0, 2.0));
    }
}

/* Each supported path, single-threaded, twice: the second run must repeat
 * the first bit for bit. */
static int group_setup(void **state)
{
    (void)state;
    npaths = 0;
    unsigned char *again = malloc(N * sizeof(slot));
    if (again == NULL)
        return -1;
    for (int d = 0; d < NDTYPES; d++)
        build_inputs(&dtypes[d]);
    for (int i = 0; i < ACTFN_ISA_COUNT; i++) {
        if (!actfn_isa_supported((actfn_isa)i))
            continue;
        paths[npaths++] = (actfn_isa)i;
        if (actfn_set_isa((actfn_isa)i) != ACTFN_OK)
            return -1;
        for (int d = 0; d < NDTYPES; d++) {
            const dtype *T = &dtypes[d];
            if (only != NULL && only != T)
                continue;
            expect[i][d] = malloc((size_t)ACTFN_KIND_COUNT * NCALLS * N * T->size);
            if (expect[i][d] == NULL)
                return -1;
            for (int k = 0; k < ACTFN_KIND_COUNT; k++)
                for (int c = 0; c < NCALLS; c++) {
                    unsigned char *e = expected((actfn_isa)i, T, (actfn_kind)k, c, 0);
                    if (T->call(c, (actfn_kind)k, NULL, xs[d], dys[d], e, N) != ACTFN_OK ||
                        T->call(c, (actfn_kind)k, NULL, xs[d], dys[d], again, N) != ACTFN_OK)
                        return -1;
                    if (same(T, again, e, N) != N) {
                        fprintf(stderr, "%s %s %s on %s is not deterministic single-threaded\n",
                                T->name, actfn_kind_name((actfn_kind)k), call_name[c],
                                actfn_isa_name((actfn_isa)i));
                        return -1;
                    }
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
        for (int d = 0; d < NDTYPES; d++)
            free(expect[i][d]);
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
    /* [PAD canary][MAXLEN... up to N + 8 elements][PAD canary] */
    const size_t cap = N + 8;
    slot *buf = malloc((cap + 2 * PAD) * sizeof *buf);
    if (buf == NULL) {
        note(w, "out of memory");
        w->bad_status++;
        pthread_barrier_wait(&start);
        atomic_fetch_sub(&workers_left, 1);
        return NULL;
    }
    pthread_barrier_wait(&start);
    for (long it = 0; it < w->calls; it++) {
        const dtype *T = only != NULL ? only : &dtypes[rnd(&s) % NDTYPES];
        const size_t d = (size_t)(T - dtypes);
        const uint64_t can = canary(T);
        actfn_kind k = (actfn_kind)(rnd(&s) % ACTFN_KIND_COUNT);
        int c = (int)(rnd(&s) % NCALLS);
        /* mostly short calls (tails, several vectors); now and then a long one */
        size_t len = rnd(&s) % 64 == 0 ? rnd(&s) % (N + 1) : rnd(&s) % (MAXLEN + 1);
        size_t off = len == N ? 0 : rnd(&s) % (N - len + 1);
        size_t mis = rnd(&s) % 8; /* output misalignment, in elements */
        int inplace = rnd(&s) % 4 == 0;

        for (size_t i = 0; i < cap + 2 * PAD; i++)
            dt_set(T, buf, i, can);
        unsigned char *out = dt_at(T, buf, PAD + mis);
        const unsigned char *x = dt_at(T, xs[d], off), *dy = dt_at(T, dys[d], off);
        actfn_status st;
        if (inplace) {
            /* y == x (forward, derivative) or dx == dy (backward) */
            memcpy(out, c == BWD ? dy : x, len * T->size);
            st = c == BWD ? T->call(c, k, NULL, x, out, out, len)
                          : T->call(c, k, NULL, out, NULL, out, len);
        } else {
            st = T->call(c, k, NULL, x, dy, out, len);
        }
        if (st != ACTFN_OK) {
            w->bad_status++;
            note(w, "%s %s %s n=%zu: status %d", T->name, actfn_kind_name(k), call_name[c], len,
                 (int)st);
            continue;
        }
        /* nothing outside [out, out + len) was written */
        for (size_t i = 0; i < cap + 2 * PAD; i++) {
            ptrdiff_t at = (ptrdiff_t)i - (ptrdiff_t)(PAD + mis);
            if ((at < 0 || at >= (ptrdiff_t)len) && dt_get(T, buf, i) != can) {
                w->outside++;
                note(w, "%s %s %s n=%zu%s: wrote element %td", T->name, actfn_kind_name(k),
                     call_name[c], len, inplace ? " in place" : "", at);
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
            if (same(T, out, expected(isa, T, k, c, off), len) == len) {
                hits++;
                hit = isa;
            }
        }
        if (hits == 0) {
            w->mismatches++;
            /* the first differing element against the path(s) that may have run */
            actfn_isa isa = w->racing ? paths[0] : w->isa;
            size_t i = same(T, out, expected(isa, T, k, c, off), len), e = i < len ? i : 0;
            note(w,
                 "%s %s %s n=%zu off=%zu%s: output matches no %s single-threaded result "
                 "(vs %s: [%zu] x=%a got 0x%0*llx want 0x%0*llx)",
                 T->name, actfn_kind_name(k), call_name[c], len, off, inplace ? " in place" : "",
                 w->racing ? "supported path's" : "of the path's", actfn_isa_name(isa), i,
                 dt_to_double(T, dt_get(T, xs[d], off + e)), dt_hex(T),
                 (unsigned long long)dt_get(T, out, e), dt_hex(T),
                 (unsigned long long)dt_get(T, expected(isa, T, k, c, off), e));
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
    static slot xs0[NDTYPES][N], dys0[NDTYPES][N];
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
    if (dtypes_init() != 0)
        return 2;
    int ok = argc >= 2 && argc <= 4 &&
             (strcmp(argv[1], "racing") == 0 || isa_from_name(argv[1]) >= 0);
    /* then, in either order: calls per thread, a dtype */
    for (int a = 2; ok && a < argc; a++) {
        if (dtype_named(argv[a]) != NULL && only == NULL) {
            only = dtype_named(argv[a]);
        } else {
            char *end;
            calls_per_thread = strtol(argv[a], &end, 10);
            ok = *end == '\0' && calls_per_thread > 0;
        }
    }
    if (!ok) {
        fprintf(stderr, "usage: %s ", argv[0]);
        print_isa_names(stderr, "|");
        fprintf(stderr, "|racing [calls-per-thread] [");
        print_dtype_names(stderr, "|");
        fprintf(stderr, "]\n");
        return 2;
    }
    const char *dt = only != NULL ? only->name : "every_dtype";
    static char name[128];
    static path_ctx pc;
    static struct CMUnitTest tests[1];
    int skipped;
    if (strcmp(argv[1], "racing") == 0) {
        snprintf(name, sizeof name, "%d_threads_%s_while_set_isa_races_each_call_equals_one_path",
                 NTHREADS, dt);
        tests[0] = (struct CMUnitTest){name, threads_while_set_isa_races_each_call_equals_one_path,
                                       NULL, NULL, NULL};
        int n = 0;
        for (int i = 0; i < ACTFN_ISA_COUNT; i++)
            n += actfn_isa_supported((actfn_isa)i);
        skipped = n < 2;
    } else {
        pc.isa = (actfn_isa)isa_from_name(argv[1]);
        snprintf(name, sizeof name, "%d_threads_%s_on_%s_equal_single_threaded_bit_for_bit",
                 NTHREADS, dt, argv[1]);
        tests[0] =
            (struct CMUnitTest){name, threads_on_one_path_equal_single_threaded, NULL, NULL, &pc};
        skipped = !actfn_isa_supported(pc.isa);
    }
    char group[64];
    if (only != NULL)
        snprintf(group, sizeof group, "threads_%s_%s", only->name, argv[1]);
    else
        snprintf(group, sizeof group, "threads_%s", argv[1]);
    if (cmocka_run_group_tests_name(group, tests, group_setup, group_teardown))
        return 1;
    return skipped ? 77 : 0;
}
