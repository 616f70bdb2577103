/*
 * maxout and its backward, every dtype, on one path (argv[1]): bit for bit
 * against a reference written here (the first maximal element of each
 * group, the first NaN if the group has one; the backward's dy on that
 * element, +0 on the others), over shapes that take every tail length of
 * the vectors along inner (channel-first) and inner = 1 (channel-last),
 * with ties, ±0, ±inf, NaNs, subnormals; in place; flush against guard
 * pages; and every bad argument returning its error with nothing written.
 * A path this CPU lacks: its tests are reported skipped, exit 77.
 */
#define _GNU_SOURCE
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

typedef actfn_status (*fwd_fn)(size_t, size_t, size_t, size_t, const void *, void *);
typedef actfn_status (*bwd_fn)(size_t, size_t, size_t, size_t, const void *, const void *, void *);
/* The entry points by dtype, untyped. */
#define MX_FN_(c_, T, TN, ctype, grade)                                                            \
    static actfn_status mx_fwd_##T(size_t o, size_t c, size_t k, size_t i, const void *x, void *y) \
    {                                                                                              \
        return actfn_maxout_##T(o, c, k, i, x, y);                                                 \
    }                                                                                              \
    static actfn_status mx_bwd_##T(size_t o, size_t c, size_t k, size_t i, const void *x,          \
                                   const void *dy, void *dx)                                       \
    {                                                                                              \
        return actfn_maxout_backward_##T(o, c, k, i, x, dy, dx);                                   \
    }
ACTFN_DTYPES(MX_FN_, ~)
static const struct {
    fwd_fn fwd;
    bwd_fn bwd;
} mx_fns[] = {
#define MX_ROW_(c_, T, TN, ctype, grade) {mx_fwd_##T, mx_bwd_##T},
    ACTFN_DTYPES(MX_ROW_, ~)
#undef MX_ROW_
};

typedef struct {
    actfn_isa isa;
    const dtype *t;
    fwd_fn fwd;
    bwd_fn bwd;
    char name[96];
} mx_test;

static uint32_t rng = 12345u;
static uint32_t next(void) { return rng = rng * 1664525u + 1013904223u; }

/* A value of the format: mostly from a few numbers (so groups tie), else
 * ±0, ±inf, NaNs (quiet and signalling, either sign), subnormals, random. */
static uint64_t pick(const dtype *t)
{
    static const double pool[] = {1.0, -1.0, 2.5, 0.5, -3.0, 1e-3};
    uint32_t r = next() % 40;
    if (r < 18)
        return dt_from_double(t, pool[r % 6]);
    switch (r) {
    case 18:
        return 0;
    case 19:
        return dt_sign(t);
    case 20:
        return dt_inf(t, 0);
    case 21:
        return dt_inf(t, 1);
    case 22:
        return dt_qnan(t) | (next() & 1 ? dt_sign(t) : 0);
    case 23:
        return dt_exp_mask(t) | 1; /* signalling */
    case 24:
        return (next() & dt_man_mask(t)) | 1;
    default: {
        double v = ((double)(next() >> 8) * 0x1p-24 - 0.5) * 8.0;
        return dt_from_double(t, v);
    }
    }
}

/* The winner of group g at inner position i: its channel q. */
static size_t winner(const dtype *t, const void *x, size_t g, size_t k, size_t inner, size_t i)
{
    size_t best = 0;
    uint64_t b = dt_get(t, x, g * k * inner + i);
    for (size_t q = 1; q < k && !dt_isnan(t, b); q++) {
        uint64_t v = dt_get(t, x, (g * k + q) * inner + i);
        if (dt_isnan(t, v) || dt_to_double(t, v) > dt_to_double(t, b)) {
            best = q;
            b = v;
        }
    }
    return best;
}

/* The result r against the element e it must be: the same bits; a NaN may
 * come back quiet (the widening loads of bf16/f16 quiet it) with its sign. */
static int same_element(const dtype *t, uint64_t r, uint64_t e)
{
    if (dt_isnan(t, e))
        return dt_isnan(t, r) && (r & dt_sign(t)) == (e & dt_sign(t));
    return r == e;
}

/* Checks y (forward) or dx (backward) of one call against the reference. */
static void check(const dtype *t, int bwd, size_t outer, size_t c, size_t k, size_t inner,
                  const void *x, const void *dy, const void *out, const char *what)
{
    for (size_t g = 0; g < outer * c; g++)
        for (size_t i = 0; i < inner; i++) {
            size_t w = winner(t, x, g, k, inner, i);
            if (!bwd) {
                uint64_t e = dt_get(t, x, (g * k + w) * inner + i),
                         r = dt_get(t, out, g * inner + i);
                EXPECT(same_element(t, r, e),
                       "%s %zux%zux%zux%zu fwd g=%zu i=%zu: 0x%llx, want 0x%llx", what, outer, c, k,
                       inner, g, i, (unsigned long long)r, (unsigned long long)e);
                continue;
            }
            for (size_t q = 0; q < k; q++) {
                uint64_t r = dt_get(t, out, (g * k + q) * inner + i);
                uint64_t e = q == w ? dt_get(t, dy, g * inner + i) : 0;
                EXPECT(same_element(t, r, e),
                       "%s %zux%zux%zux%zu bwd g=%zu q=%zu i=%zu: 0x%llx, want 0x%llx", what, outer,
                       c, k, inner, g, q, i, (unsigned long long)r, (unsigned long long)e);
            }
        }
}

static const size_t shapes[][4] = {
    {1, 1, 1, 1},  {2, 3, 2, 1},  {1, 1, 300, 1}, {3, 5, 4, 1},  {1, 5, 3, 17},
    {2, 3, 2, 7},  {3, 2, 4, 15}, {2, 2, 3, 16},  {1, 3, 2, 31}, {2, 2, 5, 33},
    {1, 2, 2, 64}, {2, 7, 1, 9},  {1, 1, 7, 100},
};
#define NSHAPES (sizeof shapes / sizeof shapes[0])

/* Every shape, out of place and in place (y = x, dx = x; dx = dy at k = 1). */
static void t_matches_reference(void **state)
{
    const mx_test *m = *state;
    const dtype *t = m->t;
    if (actfn_set_isa(m->isa) != ACTFN_OK)
        skip();
    for (size_t s = 0; s < NSHAPES; s++) {
        const size_t outer = shapes[s][0], c = shapes[s][1], k = shapes[s][2], inner = shapes[s][3];
        const size_t nx = outer * c * k * inner, ny = outer * c * inner, sz = t->size;
        unsigned char *x = malloc(nx * sz), *dy = malloc(ny * sz), *out = malloc(nx * sz);
        unsigned char *io = malloc(nx * sz);
        assert_non_null(x);
        assert_non_null(dy);
        assert_non_null(out);
        assert_non_null(io);
        for (int rep = 0; rep < 4; rep++) {
            for (size_t i = 0; i < nx; i++)
                dt_set(t, x, i, pick(t));
            for (size_t i = 0; i < ny; i++)
                dt_set(t, dy, i, pick(t));
            assert_int_equal(m->fwd(outer, c, k, inner, x, out), ACTFN_OK);
            check(t, 0, outer, c, k, inner, x, dy, out, "out of place");
            memcpy(io, x, nx * sz);
            assert_int_equal(m->fwd(outer, c, k, inner, io, io), ACTFN_OK);
            check(t, 0, outer, c, k, inner, x, dy, io, "y = x");
            assert_int_equal(m->bwd(outer, c, k, inner, x, dy, out), ACTFN_OK);
            check(t, 1, outer, c, k, inner, x, dy, out, "out of place");
            memcpy(io, x, nx * sz);
            assert_int_equal(m->bwd(outer, c, k, inner, io, dy, io), ACTFN_OK);
            check(t, 1, outer, c, k, inner, x, dy, io, "dx = x");
            if (k == 1) {
                memcpy(io, dy, ny * sz);
                assert_int_equal(m->bwd(outer, c, k, inner, x, io, io), ACTFN_OK);
                check(t, 1, outer, c, k, inner, x, dy, io, "dx = dy");
            }
        }
        free(x);
        free(dy);
        free(out);
        free(io);
    }
    finish();
}

/* Inputs and outputs flush against the end of a guarded page (the last
 * vector of every row is a tail), then against its start. */
static void t_guard_pages(void **state)
{
    const mx_test *m = *state;
    const dtype *t = m->t;
    if (actfn_set_isa(m->isa) != ACTFN_OK)
        skip();
    guarded gx, gd, go;
    guarded_init(&gx);
    guarded_init(&gd);
    guarded_init(&go);
    for (size_t s = 0; s < NSHAPES; s++) {
        const size_t outer = shapes[s][0], c = shapes[s][1], k = shapes[s][2], inner = shapes[s][3];
        const size_t nx = outer * c * k * inner, ny = outer * c * inner, sz = t->size;
        if (nx * sz > gx.page)
            continue;
        for (int end = 0; end < 2; end++) {
            unsigned char *x = end ? gx.hi - nx * sz : gx.lo, *dy = end ? gd.hi - ny * sz : gd.lo;
            unsigned char *y = end ? go.hi - ny * sz : go.lo, *dx = end ? go.hi - nx * sz : go.lo;
            for (size_t i = 0; i < nx; i++)
                dt_set(t, x, i, pick(t));
            for (size_t i = 0; i < ny; i++)
                dt_set(t, dy, i, pick(t));
            assert_int_equal(m->fwd(outer, c, k, inner, x, y), ACTFN_OK);
            check(t, 0, outer, c, k, inner, x, dy, y, end ? "page end" : "page start");
            assert_int_equal(m->bwd(outer, c, k, inner, x, dy, dx), ACTFN_OK);
            check(t, 1, outer, c, k, inner, x, dy, dx, end ? "page end" : "page start");
        }
    }
    guarded_free(&gx);
    guarded_free(&gd);
    guarded_free(&go);
    finish();
}

/* Each bad argument: its status, and the output as it was. */
static void t_bad_arguments(void **state)
{
    const mx_test *m = *state;
    const dtype *t = m->t;
    if (actfn_set_isa(m->isa) != ACTFN_OK)
        skip();
    enum { N = 64 };
    unsigned char x[N * 8], dy[N * 8], out[N * 8], before[N * 8];
    const size_t sz = t->size;
    memset(x, 0, sizeof x); /* whole: the overlap cases copy x's bytes whole */
    memset(dy, 0, sizeof dy);
    for (size_t i = 0; i < N; i++) {
        dt_set(t, x, i, dt_from_double(t, (double)i));
        dt_set(t, dy, i, dt_from_double(t, 1.0));
    }
    memset(out, 0xA5, sizeof out);
    memcpy(before, out, sizeof out);
#define UNTOUCHED(s, want, what)                                                                   \
    do {                                                                                           \
        actfn_status s_ = (s);                                                                     \
        EXPECT(s_ == (want) && memcmp(out, before, sizeof out) == 0,                               \
               "%s: status %d (want %d), output %s", what, s_, want,                               \
               memcmp(out, before, sizeof out) ? "written" : "untouched");                         \
    } while (0)
    UNTOUCHED(m->fwd(2, 2, 0, 2, x, out), ACTFN_EPARAM, "fwd k = 0");
    UNTOUCHED(m->bwd(2, 2, 0, 2, x, dy, out), ACTFN_EPARAM, "bwd k = 0");
    UNTOUCHED(m->fwd(0, 2, 2, 2, x, out), ACTFN_OK, "fwd outer = 0");
    UNTOUCHED(m->fwd(2, 0, 2, 2, NULL, NULL), ACTFN_OK, "fwd c = 0, NULL arrays");
    UNTOUCHED(m->bwd(2, 2, 2, 0, x, dy, out), ACTFN_OK, "bwd inner = 0");
    UNTOUCHED(m->fwd(2, 2, 2, 2, NULL, out), ACTFN_ENULL, "fwd x NULL");
    UNTOUCHED(m->bwd(2, 2, 2, 2, x, NULL, out), ACTFN_ENULL, "bwd dy NULL");
    UNTOUCHED(m->fwd(SIZE_MAX / 4, 3, 2, 1, x, out), ACTFN_ESIZE, "fwd outer·c overflows");
    UNTOUCHED(m->fwd(1, 1, SIZE_MAX / 2, 3, x, out), ACTFN_ESIZE, "fwd k·inner overflows");
    UNTOUCHED(m->bwd(1, (size_t)1 << 40, (size_t)1 << 30, 1, x, dy, out), ACTFN_ESIZE,
              "bwd c·k overflows");
    /* y one element into x; dx one into dy; dx = dy with k > 1 */
    memcpy(out, x, sizeof out);
    memcpy(before, out, sizeof out);
    UNTOUCHED(m->fwd(2, 2, 2, 2, out, out + sz), ACTFN_EOVERLAP, "fwd y = x + 1");
    UNTOUCHED(m->bwd(2, 2, 2, 2, out + sz, dy, out), ACTFN_EOVERLAP, "bwd dx = x - 1");
    UNTOUCHED(m->bwd(2, 2, 2, 2, x, out, out + sz), ACTFN_EOVERLAP, "bwd dx = dy + 1");
    UNTOUCHED(m->bwd(2, 2, 2, 2, x, out, out), ACTFN_EOVERLAP, "bwd dx = dy, k = 2");
#undef UNTOUCHED
    finish();
}

int main(int argc, char **argv)
{
    if (dtypes_init() != 0)
        return 2;
    int isa = argc == 2 ? isa_from_name(argv[1]) : -1;
    if (isa < 0) {
        fprintf(stderr, "usage: %s ", argv[0]);
        print_isa_names(stderr, "|");
        fprintf(stderr, "\n");
        return 2;
    }
    static mx_test ms[NDTYPES];
    static struct CMUnitTest tests[NDTYPES * 3];
    static char names[NDTYPES * 3][96];
    size_t n = 0;
    const char *path = actfn_isa_name((actfn_isa)isa);
    for (int d = 0; d < NDTYPES; d++) {
        ms[d] = (mx_test){(actfn_isa)isa, &dtypes[d], mx_fns[d].fwd, mx_fns[d].bwd, ""};
        static const struct {
            const char *what;
            CMUnitTestFunction fn;
        } kinds[] = {{"matches_reference", t_matches_reference},
                     {"guard_pages", t_guard_pages},
                     {"bad_arguments_nothing_written", t_bad_arguments}};
        for (int i = 0; i < 3; i++) {
            snprintf(names[n], sizeof names[n], "maxout_%s_%s_%s", dtypes[d].name, kinds[i].what,
                     path);
            tests[n] = (struct CMUnitTest){names[n], kinds[i].fn, NULL, NULL, &ms[d]};
            n++;
        }
    }
    char group[64];
    snprintf(group, sizeof group, "maxout_%s", path);
    int failed = _cmocka_run_group_tests(group, tests, n, NULL, NULL);
    if (failed)
        return 1;
    return actfn_isa_supported((actfn_isa)isa) ? 0 : 77;
}
