/*
 * rrelu_train and its backward, every dtype, on one path (argv[1]; --short:
 * smaller sizes for emulators): a Philox4x32-10 written here, checked
 * against the generator's published known-answer vectors (Random123's
 * kat_vectors), is the reference for y, noise and dx bit for bit, over
 * seeds and offsets that carry into the counter's high word and wrap
 * around 2^64; the same bits for any split of the array into calls, from
 * several threads, and on the scalar path; in place; flush against guard
 * pages; every bad argument returns its error with nothing written.  A
 * path this CPU lacks: its tests are reported skipped, exit 77.
 */
#define _GNU_SOURCE
#include <math.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "dtype.h"
#include "expect.h"
#include "guard_page.h"
#include "isa_names.h"

static int short_run;

/* ---- the generator, from Salmon et al. (SC'11) ---- */
static void philox4x32_10(const uint32_t ctr_in[4], const uint32_t key_in[2], uint32_t out[4])
{
    uint32_t c[4] = {ctr_in[0], ctr_in[1], ctr_in[2], ctr_in[3]}, k0 = key_in[0], k1 = key_in[1];
    for (int r = 0; r < 10; r++) {
        if (r > 0) {
            k0 += 0x9E3779B9u;
            k1 += 0xBB67AE85u;
        }
        uint64_t p0 = (uint64_t)0xD2511F53u * c[0], p1 = (uint64_t)0xCD9E8D57u * c[2];
        uint32_t n0 = (uint32_t)(p1 >> 32) ^ c[1] ^ k0, n2 = (uint32_t)(p0 >> 32) ^ c[3] ^ k1;
        c[1] = (uint32_t)p1;
        c[3] = (uint32_t)p0;
        c[0] = n0;
        c[2] = n2;
    }
    memcpy(out, c, sizeof c);
}

/* The contract's r for element index i (offset + i), as a double of the dtype. */
static double ref_r(const dtype *t, uint64_t seed, uint64_t idx, float lower, float upper)
{
    const uint32_t ctr[4] = {(uint32_t)idx, (uint32_t)(idx >> 32), 0, 0};
    const uint32_t key[2] = {(uint32_t)seed, (uint32_t)(seed >> 32)};
    uint32_t w[4];
    philox4x32_10(ctr, key, w);
    const double u = (double)(w[0] >> 8) * 0x1p-24;
    const double r = (double)lower + u * ((double)upper - (double)lower);
    if (t->grade == 64)
        return r;
    const float f = (float)r;
    return dt_to_double(t, dt_from_double(t, f)); /* halves: the float rounded to the format */
}

/* The entry points by dtype, untyped. */
typedef actfn_status (*fwd_fn)(const actfn_params *, uint64_t, uint64_t, const void *, void *,
                               void *, size_t);
typedef actfn_status (*bwd_fn)(const actfn_params *, uint64_t, uint64_t, const void *, const void *,
                               void *, size_t);
#define RR_FN_(c_, T, TN, ctype, grade)                                                            \
    static actfn_status rf_##T(const actfn_params *p, uint64_t s, uint64_t o, const void *x,       \
                               void *y, void *noise, size_t n)                                     \
    {                                                                                              \
        return actfn_rrelu_train_##T(p, s, o, x, y, noise, n);                                     \
    }                                                                                              \
    static actfn_status rb_##T(const actfn_params *p, uint64_t s, uint64_t o, const void *x,       \
                               const void *dy, void *dx, size_t n)                                 \
    {                                                                                              \
        return actfn_rrelu_train_backward_##T(p, s, o, x, dy, dx, n);                              \
    }
ACTFN_DTYPES(RR_FN_, ~)
static const struct {
    fwd_fn f;
    bwd_fn b;
} rr_fns[] = {
#define RR_ROW_(c_, T, TN, ctype, grade) {rf_##T, rb_##T},
    ACTFN_DTYPES(RR_ROW_, ~)
#undef RR_ROW_
};

typedef struct {
    actfn_isa isa;
    const dtype *t;
    int d;
} rr_test;

static uint32_t rng = 777u;
static uint32_t next(void) { return rng = rng * 1664525u + 1013904223u; }
static uint64_t pick(const dtype *t)
{
    uint32_t r = next() % 32;
    switch (r) {
    case 0:
        return dt_qnan(t);
    case 1:
        return dt_inf(t, 1);
    case 2:
        return dt_inf(t, 0);
    case 3:
        return dt_sign(t); /* -0: not negative */
    case 4:
        return (next() & dt_man_mask(t)) | 1 | dt_sign(t); /* negative subnormal */
    default:
        return dt_from_double(t, ((double)(next() >> 8) * 0x1p-24 - 0.6) * 10.0);
    }
}

/* y, noise (if set) and dx of n elements from index offset against the reference. */
static void check(const rr_test *m, const actfn_params *p, uint64_t seed, uint64_t offset,
                  const void *x, const void *dy, const void *y, const void *noise, const void *dx,
                  size_t n, const char *what)
{
    const dtype *t = m->t;
    for (size_t i = 0; i < n; i++) {
        const double xv = dt_to_double(t, dt_get(t, x, i));
        const double r = ref_r(t, seed, offset + i, p->alpha, p->beta);
        /* r·x: r (≤ 24 bits, halves ≤ 11) times x (≤ 24) is exact in double but for f64 */
        const uint64_t wy = dt_from_double(t, xv < 0 ? r * xv : xv);
        const uint64_t wn = dt_from_double(t, xv < 0 ? r : 1.0);
        if (y != NULL)
            EXPECT(dt_same(t, dt_get(t, y, i), wy) && (isnan(xv) || dt_get(t, y, i) == wy),
                   "%s seed %llx offset %llx y[%zu] = 0x%llx, want 0x%llx", what,
                   (unsigned long long)seed, (unsigned long long)offset, i,
                   (unsigned long long)dt_get(t, y, i), (unsigned long long)wy);
        if (noise != NULL)
            EXPECT(dt_get(t, noise, i) == wn, "%s noise[%zu] = 0x%llx, want 0x%llx", what, i,
                   (unsigned long long)dt_get(t, noise, i), (unsigned long long)wn);
        if (dx != NULL) {
            const double d = dt_to_double(t, dt_get(t, dy, i));
            const uint64_t wd = dt_from_double(t, isnan(xv) ? xv : xv < 0 ? d * r : d);
            EXPECT(dt_same(t, dt_get(t, dx, i), wd), "%s dx[%zu] = 0x%llx, want 0x%llx", what, i,
                   (unsigned long long)dt_get(t, dx, i), (unsigned long long)wd);
        }
    }
}

/* Random123's kat_vectors for philox4x32 10 (counter, key, result). */
static void t_known_answers(void **state)
{
    const rr_test *m = *state;
    if (actfn_set_isa(m->isa) != ACTFN_OK)
        skip();
    static const uint32_t kat[3][10] = {
        {0, 0, 0, 0, 0, 0, 0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8},
        {0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff, 0x408f276d,
         0x41c83b0e, 0xa20bc7c6, 0x6d5451fd},
        {0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344, 0xa4093822, 0x299f31d0, 0xd16cfe09,
         0x94fdcceb, 0x5001e420, 0x24126ea1},
    };
    for (int v = 0; v < 3; v++) {
        uint32_t out[4];
        philox4x32_10(kat[v], kat[v] + 4, out);
        EXPECT(memcmp(out, kat[v] + 6, sizeof out) == 0, "vector %d: %08x %08x %08x %08x", v,
               out[0], out[1], out[2], out[3]);
    }
    /* the library at counter (0, 0, 0, 0), key (0, 0): word 0 is 0x6627e8d5 */
    const dtype *t = m->t;
    unsigned char x[8], y[8], noise[8];
    dt_set(t, x, 0, dt_from_double(t, -1.0));
    actfn_params p = {0.0f, 1.0f, 0, 0}; /* r = u */
    assert_int_equal(rr_fns[m->d].f(&p, 0, 0, x, y, noise, 1), ACTFN_OK);
    const double u = (double)(0x6627e8d5u >> 8) * 0x1p-24;
    EXPECT(dt_get(t, noise, 0) == dt_from_double(t, (float)u), "noise at (0, 0): %.9g, want %.9g",
           dt_to_double(t, dt_get(t, noise, 0)), u);
    finish();
}

static const struct {
    uint64_t seed, offset;
} keys[] = {
    {0, 0},
    {0x123456789abcdefull, 1000},
    {42, 0xfffffff0ull},                            /* the low word carries inside the call */
    {0xffffffffffffffffull, 0xfffffffffffffff8ull}, /* the counter wraps around 2^64 */
    {7, 0x100000000ull - 3},
};

static void t_matches_reference(void **state)
{
    const rr_test *m = *state;
    const dtype *t = m->t;
    if (actfn_set_isa(m->isa) != ACTFN_OK)
        skip();
    static const size_t ns[] = {1, 3, 15, 16, 17, 31, 255, 256, 257, 1000};
    actfn_params ps[3] = {{0.125f, 1.0f / 3.0f, 0, 0}, {-2.0f, 5.5f, 0, 0}, {0.3f, 0.3f, 0, 0}};
    const size_t nmax = 1000, sz = t->size;
    unsigned char *x = malloc(nmax * sz), *dy = malloc(nmax * sz), *y = malloc(nmax * sz),
                  *noise = malloc(nmax * sz), *dx = malloc(nmax * sz), *io = malloc(nmax * sz);
    assert_true(x && dy && y && noise && dx && io);
    for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++)
        for (size_t q = 0; q < sizeof ns / sizeof ns[0]; q++)
            for (int pi = 0; pi < 3; pi++) {
                const size_t n = ns[q];
                const actfn_params *p = &ps[pi];
                for (size_t i = 0; i < n; i++) {
                    dt_set(t, x, i, pick(t));
                    dt_set(t, dy, i, pick(t));
                }
                assert_int_equal(rr_fns[m->d].f(p, keys[k].seed, keys[k].offset, x, y, noise, n),
                                 ACTFN_OK);
                assert_int_equal(rr_fns[m->d].b(p, keys[k].seed, keys[k].offset, x, dy, dx, n),
                                 ACTFN_OK);
                check(m, p, keys[k].seed, keys[k].offset, x, dy, y, noise, dx, n, "out of place");
                memcpy(io, x, n * sz);
                assert_int_equal(rr_fns[m->d].f(p, keys[k].seed, keys[k].offset, io, io, NULL, n),
                                 ACTFN_OK);
                check(m, p, keys[k].seed, keys[k].offset, x, dy, io, NULL, NULL, n, "y = x");
                memcpy(io, dy, n * sz);
                assert_int_equal(rr_fns[m->d].b(p, keys[k].seed, keys[k].offset, x, io, io, n),
                                 ACTFN_OK);
                check(m, p, keys[k].seed, keys[k].offset, x, dy, NULL, NULL, io, n, "dx = dy");
                /* p NULL: the defaults 1/8, 1/3 */
                assert_int_equal(rr_fns[m->d].f(NULL, keys[k].seed, keys[k].offset, x, y, noise, n),
                                 ACTFN_OK);
                check(m, &ps[0], keys[k].seed, keys[k].offset, x, dy, y, noise, NULL, n, "p NULL");
            }
    free(x);
    free(dy);
    free(y);
    free(noise);
    free(dx);
    free(io);
    finish();
}

/* One call over n elements against calls over random pieces (offset), the
 * same split on 4 threads, and the scalar path: the same bits. */
typedef struct {
    const rr_test *m;
    const unsigned char *x;
    unsigned char *y, *noise;
    size_t from, to;
} piece;
static void *run_piece(void *arg)
{
    piece *c = arg;
    const size_t sz = c->m->t->size;
    actfn_params p = {0.1f, 0.7f, 0, 0};
    /* every thread on the path under test: the table is process-wide */
    (void)rr_fns[c->m->d].f(&p, 99, 5 + c->from, c->x + c->from * sz, c->y + c->from * sz,
                            c->noise + c->from * sz, c->to - c->from);
    return NULL;
}

static void t_any_split_same_bits(void **state)
{
    const rr_test *m = *state;
    const dtype *t = m->t;
    if (actfn_set_isa(m->isa) != ACTFN_OK)
        skip();
    const size_t n = short_run ? 5000 : 300000, sz = t->size;
    unsigned char *x = malloc(n * sz), *y = malloc(n * sz), *noise = malloc(n * sz),
                  *y2 = malloc(n * sz), *n2 = malloc(n * sz);
    assert_true(x && y && noise && y2 && n2);
    for (size_t i = 0; i < n; i++)
        dt_set(t, x, i, pick(t));
    actfn_params p = {0.1f, 0.7f, 0, 0};
    assert_int_equal(rr_fns[m->d].f(&p, 99, 5, x, y, noise, n), ACTFN_OK);
    check(m, &p, 99, 5, x, NULL, y, noise, NULL, short_run ? n : 4096, "one call");
    /* random pieces */
    for (int rep = 0; rep < 3; rep++) {
        memset(y2, 0, n * sz);
        memset(n2, 0, n * sz);
        for (size_t i = 0; i < n;) {
            size_t len = 1 + next() % (rep == 0 ? 7 : rep == 1 ? 300 : 5000);
            if (len > n - i)
                len = n - i;
            assert_int_equal(
                rr_fns[m->d].f(&p, 99, 5 + i, x + i * sz, y2 + i * sz, n2 + i * sz, len), ACTFN_OK);
            i += len;
        }
        EXPECT(dt_differs_at(t, y, y2, n) == n && dt_differs_at(t, noise, n2, n) == n,
               "split %d: y or noise differs at %zu", rep, dt_differs_at(t, y, y2, n));
    }
    /* 4 threads, uneven pieces */
    memset(y2, 0, n * sz);
    memset(n2, 0, n * sz);
    pthread_t th[4];
    piece pc[4];
    const size_t cut[5] = {0, n / 7, n / 2 + 3, n - n / 5, n};
    for (int i = 0; i < 4; i++) {
        pc[i] = (piece){m, x, y2, n2, cut[i], cut[i + 1]};
        assert_int_equal(pthread_create(&th[i], NULL, run_piece, &pc[i]), 0);
    }
    for (int i = 0; i < 4; i++)
        pthread_join(th[i], NULL);
    EXPECT(dt_differs_at(t, y, y2, n) == n && dt_differs_at(t, noise, n2, n) == n,
           "4 threads: y or noise differs");
    /* the scalar path */
    assert_int_equal(actfn_set_isa(ACTFN_ISA_SCALAR), ACTFN_OK);
    assert_int_equal(rr_fns[m->d].f(&p, 99, 5, x, y2, n2, n), ACTFN_OK);
    assert_int_equal(actfn_set_isa(m->isa), ACTFN_OK);
    EXPECT(dt_differs_at(t, y, y2, n) == n && dt_differs_at(t, noise, n2, n) == n,
           "scalar path: y or noise differs");
    free(x);
    free(y);
    free(noise);
    free(y2);
    free(n2);
    finish();
}

static void t_guard_pages(void **state)
{
    const rr_test *m = *state;
    const dtype *t = m->t;
    if (actfn_set_isa(m->isa) != ACTFN_OK)
        skip();
    guarded g[5];
    for (int i = 0; i < 5; i++)
        guarded_init(&g[i]);
    actfn_params p = {0.125f, 0.5f, 0, 0};
    for (size_t n = 1; n <= 70; n++) {
        const size_t sz = t->size;
        for (int end = 0; end < 2; end++) {
            unsigned char *q[5];
            for (int i = 0; i < 5; i++)
                q[i] = end ? g[i].hi - n * sz : g[i].lo;
            for (size_t i = 0; i < n; i++) {
                dt_set(t, q[0], i, pick(t));
                dt_set(t, q[1], i, pick(t));
            }
            assert_int_equal(rr_fns[m->d].f(&p, 3, n, q[0], q[2], q[3], n), ACTFN_OK);
            assert_int_equal(rr_fns[m->d].b(&p, 3, n, q[0], q[1], q[4], n), ACTFN_OK);
            check(m, &p, 3, n, q[0], q[1], q[2], q[3], q[4], n, end ? "page end" : "page start");
        }
    }
    for (int i = 0; i < 5; i++)
        guarded_free(&g[i]);
    finish();
}

static void t_bad_arguments(void **state)
{
    const rr_test *m = *state;
    const dtype *t = m->t;
    if (actfn_set_isa(m->isa) != ACTFN_OK)
        skip();
    enum { N = 64 };
    unsigned char x[N * 8], dy[N * 8], out[N * 8], before[N * 8];
    const size_t sz = t->size;
    for (size_t i = 0; i < N; i++) {
        dt_set(t, x, i, dt_from_double(t, -(double)i));
        dt_set(t, dy, i, dt_from_double(t, 1.0));
    }
    memset(out, 0xA5, sizeof out);
    memcpy(before, out, sizeof out);
    const fwd_fn f = rr_fns[m->d].f;
    const bwd_fn b = rr_fns[m->d].b;
    const actfn_params swapped = {0.5f, 0.25f, 0, 0}, nan_lo = {NAN, 0.25f, 0, 0},
                       nan_hi = {0.1f, NAN, 0, 0}, inf_hi = {0.1f, INFINITY, 0, 0};
#define UNTOUCHED(s, want, what)                                                                   \
    do {                                                                                           \
        actfn_status s_ = (s);                                                                     \
        EXPECT(s_ == (want) && memcmp(out, before, sizeof out) == 0,                               \
               "%s: status %d (want %d), output %s", what, s_, want,                               \
               memcmp(out, before, sizeof out) ? "written" : "untouched");                         \
    } while (0)
    UNTOUCHED(f(NULL, 1, 0, x, out, NULL, 0), ACTFN_OK, "n = 0");
    UNTOUCHED(f(NULL, 1, 0, NULL, NULL, NULL, 0), ACTFN_OK, "n = 0, NULL arrays");
    UNTOUCHED(f(NULL, 1, 0, NULL, out, NULL, 4), ACTFN_ENULL, "x NULL");
    UNTOUCHED(b(NULL, 1, 0, x, NULL, out, 4), ACTFN_ENULL, "dy NULL");
    UNTOUCHED(f(&swapped, 1, 0, x, out, NULL, 4), ACTFN_EPARAM, "lower > upper");
    UNTOUCHED(f(&nan_lo, 1, 0, x, out, NULL, 4), ACTFN_EPARAM, "lower NaN");
    UNTOUCHED(b(&nan_hi, 1, 0, x, dy, out, 4), ACTFN_EPARAM, "upper NaN");
    UNTOUCHED(f(&inf_hi, 1, 0, x, out, NULL, 4), ACTFN_EPARAM, "upper inf");
    UNTOUCHED(f(NULL, 1, 0, x, out, NULL, SIZE_MAX / 2), ACTFN_ESIZE, "n too large");
    memcpy(out, x, sizeof out);
    memcpy(before, out, sizeof out);
    UNTOUCHED(f(NULL, 1, 0, out, out + sz, NULL, 8), ACTFN_EOVERLAP, "y = x + 1");
    UNTOUCHED(f(NULL, 1, 0, out, dy, out + 4 * sz, 8), ACTFN_EOVERLAP, "noise in x");
    UNTOUCHED(f(NULL, 1, 0, x, out, out, 8), ACTFN_EOVERLAP, "noise = y");
    UNTOUCHED(b(NULL, 1, 0, x, out + sz, out, 8), ACTFN_EOVERLAP, "dx = dy - 1");
#undef UNTOUCHED
    finish();
}

int main(int argc, char **argv)
{
    if (dtypes_init() != 0)
        return 2;
    if (argc == 3 && strcmp(argv[1], "--short") == 0) {
        short_run = 1;
        argv++;
        argc--;
    }
    int isa = argc == 2 ? isa_from_name(argv[1]) : -1;
    if (isa < 0) {
        fprintf(stderr, "usage: %s [--short] ", argv[0]);
        print_isa_names(stderr, "|");
        fprintf(stderr, "\n");
        return 2;
    }
    static rr_test ms[NDTYPES];
    static struct CMUnitTest tests[NDTYPES * 5];
    static char names[NDTYPES * 5][96];
    size_t n = 0;
    const char *path = actfn_isa_name((actfn_isa)isa);
    static const struct {
        const char *what;
        CMUnitTestFunction fn;
    } kinds[] = {{"known_answer_vectors", t_known_answers},
                 {"matches_reference", t_matches_reference},
                 {"any_split_threads_paths_same_bits", t_any_split_same_bits},
                 {"guard_pages", t_guard_pages},
                 {"bad_arguments_nothing_written", t_bad_arguments}};
    for (int d = 0; d < NDTYPES; d++) {
        ms[d] = (rr_test){(actfn_isa)isa, &dtypes[d], d};
        for (int i = 0; i < 5; i++) {
            snprintf(names[n], sizeof names[n], "rrelu_train_%s_%s_%s", dtypes[d].name,
                     kinds[i].what, path);
            tests[n] = (struct CMUnitTest){names[n], kinds[i].fn, NULL, NULL, &ms[d]};
            n++;
        }
    }
    char group[64];
    snprintf(group, sizeof group, "rrelu_train_%s", path);
    int failed = _cmocka_run_group_tests(group, tests, n, NULL, NULL);
    if (failed)
        return 1;
    return actfn_isa_supported((actfn_isa)isa) ? 0 : 77;
}
