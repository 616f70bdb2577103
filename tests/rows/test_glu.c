/*
 * The gated units on one path (argv[1]), every dtype, every kind as the
 * gate (and the parameter choices that take a kernel variant): glu forward
 * and backward (da, db) against a reference of f and f' (long double for
 * f32 and the half formats, MPFR for f64), within 8 ULP (f32: of float;
 * f64: of double; the absolute allowance near a zero of f' scaled by
 * |dy·b|) and 1 ULP of the format for bf16/f16; glu_rows bit for bit
 * against glu on each row's halves, with strides; in place; outputs flush
 * against a guard page; every bad argument returning its error with
 * nothing written.  A path this CPU lacks: its tests are reported skipped,
 * exit 77.
 */
#define _GNU_SOURCE
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

#include "dtype.h"
#include "expect.h"
#include "guard_page.h"
#include "isa_names.h"
#include "ref.h"
#include "ref_mpfr.h"

/* The four calls by dtype, untyped. */
typedef struct {
    actfn_status (*fwd)(actfn_kind, const actfn_params *, const void *, const void *, void *,
                        size_t);
    actfn_status (*bwd)(actfn_kind, const actfn_params *, const void *, const void *, const void *,
                        void *, void *, size_t);
    actfn_status (*rows)(actfn_kind, const actfn_params *, size_t, size_t, const void *, size_t,
                         void *, size_t);
    actfn_status (*rows_bwd)(actfn_kind, const actfn_params *, size_t, size_t, const void *, size_t,
                             const void *, size_t, void *, size_t);
} glu_calls;
#define GLU_FN_(c_, T, TN, ctype, grade)                                                           \
    static actfn_status g_fwd_##T(actfn_kind k, const actfn_params *p, const void *a,              \
                                  const void *b, void *y, size_t n)                                \
    {                                                                                              \
        return actfn_glu_##T(k, p, a, b, y, n);                                                    \
    }                                                                                              \
    static actfn_status g_bwd_##T(actfn_kind k, const actfn_params *p, const void *a,              \
                                  const void *b, const void *dy, void *da, void *db, size_t n)     \
    {                                                                                              \
        return actfn_glu_backward_##T(k, p, a, b, dy, da, db, n);                                  \
    }                                                                                              \
    static actfn_status g_rows_##T(actfn_kind k, const actfn_params *p, size_t r, size_t d,        \
                                   const void *x, size_t ldx, void *y, size_t ldy)                 \
    {                                                                                              \
        return actfn_glu_rows_##T(k, p, r, d, x, ldx, y, ldy);                                     \
    }                                                                                              \
    static actfn_status g_rows_bwd_##T(actfn_kind k, const actfn_params *p, size_t r, size_t d,    \
                                       const void *x, size_t ldx, const void *dy, size_t lddy,     \
                                       void *dx, size_t lddx)                                      \
    {                                                                                              \
        return actfn_glu_rows_backward_##T(k, p, r, d, x, ldx, dy, lddy, dx, lddx);                \
    }
ACTFN_DTYPES(GLU_FN_, ~)
static const glu_calls calls[] = {
#define GLU_ROW_(c_, T, TN, ctype, grade) {g_fwd_##T, g_bwd_##T, g_rows_##T, g_rows_bwd_##T},
    ACTFN_DTYPES(GLU_ROW_, ~)
#undef GLU_ROW_
};

/* The gates: every kind at its defaults, then the variants' parameters. */
typedef struct {
    actfn_kind k;
    int set;
    float alpha, beta, delta;
} gate;
static gate gates[ACTFN_KIND_COUNT + 8];
static int ngates;

typedef struct {
    actfn_isa isa;
    const dtype *t;
    const glu_calls *g;
    int gate; /* -1: the semantics tests */
    char name[96];
} glu_test;

static uint32_t rng = 777u;
static uint32_t next(void) { return rng = rng * 1664525u + 1013904223u; }
static double uni(double lo, double hi) { return lo + (hi - lo) * (double)(next() >> 8) * 0x1p-24; }

/* A value of the format near v (rounded to it). */
static uint64_t val(const dtype *t, double v) { return dt_from_double(t, v); }
static uint64_t pick_a(const dtype *t)
{
    uint32_t r = next() % 100;
    if (r < 60)
        return val(t, uni(-10, 10));
    if (r < 72)
        return val(t, uni(-1e-3, 1e-3));
    if (r < 84)
        return val(t, (next() & 1 ? -1 : 1) * uni(10, 60));
    static const double sp[] = {0.0, -0.0, INFINITY, -INFINITY, NAN, 1.0, -1.0, 0.5};
    return r < 92 ? val(t, sp[r % 8]) : val(t, uni(-3, 3));
}
static uint64_t pick_b(const dtype *t)
{
    uint32_t r = next() % 100;
    if (r < 94)
        return val(t, uni(-3, 3));
    static const double sp[] = {0.0, -0.0, INFINITY, NAN, 1.0, -2.0};
    return val(t, sp[r % 6]);
}

/* |y − r| in ULPs of the format at r (its subnormal spacing below its
 * smallest normal); 0 when both are NaN or the same infinity. */
static double err_fmt(const dtype *t, uint64_t y, long double r)
{
    double yd = dt_to_double(t, y);
    if (isnan(r) || isnan(yd))
        return isnan(r) && isnan(yd) ? 0 : INFINITY;
    if (isinf(r) || isinf(yd))
        return (long double)yd == r ? 0 : INFINITY;
    int e = r == 0 ? -100000 : ilogbl(r);
    int emin = 1 - dt_bias(t);
    if (e < emin)
        e = emin;
    long double ulp = ldexpl(1.0L, e - t->man_bits);
    return (double)(fabsl((long double)yd - r) / ulp);
}

/* f (der 0) or f' (der 1) of the gate at x, from the reference. */
static long double ref_f(const gate *g, const actfn_params *p, int grade, double x, int der)
{
    if (grade == 64) {
        long double v;
        if (refm_eval(g->k, der, x, p, &v) != 0)
            return NAN;
        return v;
    }
    const ref_entry *e = &ref_table[g->k];
    return der ? e->der((long double)x, p) : e->fwd((long double)x, p);
}

/* The error of one result: ULPs (f32, f64: of the float type; halves: of
 * the format), or 0 inside the absolute allowance near a zero of f'. */
static double score(const dtype *t, uint64_t y, long double r, int near, long double scale)
{
    if (near && isfinite(r)) {
        long double allow = ldexpl(fabsl(scale), t->grade == 64 ? -52 : -23);
        if (fabsl((long double)dt_to_double(t, y) - r) <= allow)
            return 0;
    }
    if (t->size == 4) {
        float f;
        uint32_t u = (uint32_t)y;
        memcpy(&f, &u, 4);
        return ref_ulp_err(f, r);
    }
    if (t->size == 8) {
        double d;
        memcpy(&d, &y, 8);
        return refm_ulp_err(d, r, 1);
    }
    return err_fmt(t, y, r);
}

enum { N = 600 };

static void t_accuracy(void **state)
{
    const glu_test *m = *state;
    const dtype *t = m->t;
    const gate *g = &gates[m->gate];
    if (actfn_set_isa(m->isa) != ACTFN_OK)
        skip();
    actfn_params P;
    assert_int_equal(actfn_params_default(g->k, &P), ACTFN_OK);
    if (g->set) {
        P.alpha = g->alpha;
        P.beta = g->beta;
        P.delta = g->delta;
    }
    unsigned char a[N * 8], b[N * 8], dy[N * 8], y[N * 8], da[N * 8], db[N * 8];
    for (size_t i = 0; i < N; i++) {
        dt_set(t, a, i, pick_a(t));
        dt_set(t, b, i, pick_b(t));
        dt_set(t, dy, i, val(t, uni(-2, 2)));
    }
    assert_int_equal(m->g->fwd(g->k, &P, a, b, y, N), ACTFN_OK);
    assert_int_equal(m->g->bwd(g->k, &P, a, b, dy, da, db, N), ACTFN_OK);
    const double bound = t->size == 2 ? 1.0 : 8.0;
    double worst[3] = {0, 0, 0};
    for (size_t i = 0; i < N; i++) {
        double x = dt_to_double(t, dt_get(t, a, i)), bv = dt_to_double(t, dt_get(t, b, i));
        double d = dt_to_double(t, dt_get(t, dy, i));
        long double f = ref_f(g, &P, t->grade, x, 0), fd = ref_f(g, &P, t->grade, x, 1);
        int near = isfinite(x) && ref_near_der_zero(g->k, x);
        long double want[3] = {f * bv, fd * bv * d, f * d};
        uint64_t got[3] = {dt_get(t, y, i), dt_get(t, da, i), dt_get(t, db, i)};
        static const char *what[3] = {"y", "da", "db"};
        /* an infinite b or dy times an f or f' below the lanes' range (it
         * rounds to 0 there, e^(x − e^x) at x = 8): inf·0, NaN, is what the
         * lanes can give; the reference's range says ±inf */
        const long double tiny = t->grade == 64 ? 0x1p-1075L : 0x1p-150L;
        const int inf_in = isinf(bv) || isinf(d);
        const long double fv[3] = {f, fd, f};
        for (int c = 0; c < 3; c++) {
            if (inf_in && fv[c] != 0 && fabsl(fv[c]) < tiny && dt_isnan(t, got[c]))
                continue;
            double e = score(t, got[c], want[c], c == 1 && near, (long double)bv * d);
            if (!(e <= worst[c]))
                worst[c] = e;
            EXPECT(e <= bound, "%s %s a=%a b=%a dy=%a: %a, want %La (%.2f ULP)",
                   actfn_kind_name(g->k), what[c], x, bv, d, dt_to_double(t, got[c]), want[c], e);
        }
    }
    printf("GLU %s %s %s maxulp y=%.2f da=%.2f db=%.2f\n", m->name, t->name, actfn_isa_name(m->isa),
           worst[0], worst[1], worst[2]);
    finish();
}

/* glu_rows against glu on the rows' halves, with strides; in place. */
static void t_rows_and_in_place(void **state)
{
    const glu_test *m = *state;
    const dtype *t = m->t;
    if (actfn_set_isa(m->isa) != ACTFN_OK)
        skip();
    const size_t sz = t->size, rows = 5, d = 37, ldx = 2 * d + 3, ldo = d + 5, lddx = 2 * d + 1;
    static const actfn_kind ks[] = {ACTFN_SIGMOID, ACTFN_SILU, ACTFN_GELU, ACTFN_RELU,
                                    ACTFN_GELU_TANH};
    unsigned char *x = calloc(rows * ldx, sz), *dy = calloc(rows * ldo, sz),
                  *y = calloc(rows * ldo, sz);
    unsigned char *dx = calloc(rows * lddx, sz), *r1 = calloc(2 * d, sz), *r2 = calloc(2 * d, sz);
    unsigned char *io = calloc(rows * ldx, sz);
    for (size_t i = 0; i < rows * ldx; i++)
        dt_set(t, x, i, pick_a(t));
    for (size_t i = 0; i < rows * ldo; i++)
        dt_set(t, dy, i, val(t, uni(-2, 2)));
    for (size_t q = 0; q < sizeof ks / sizeof ks[0]; q++) {
        actfn_kind k = ks[q];
        assert_int_equal(m->g->rows(k, NULL, rows, d, x, ldx, y, ldo), ACTFN_OK);
        assert_int_equal(m->g->rows_bwd(k, NULL, rows, d, x, ldx, dy, ldo, dx, lddx), ACTFN_OK);
        for (size_t r = 0; r < rows; r++) {
            const unsigned char *a = x + r * ldx * sz, *b = a + d * sz, *g = dy + r * ldo * sz;
            assert_int_equal(m->g->fwd(k, NULL, a, b, r1, d), ACTFN_OK);
            EXPECT(dt_result_differs_at(t, y + r * ldo * sz, r1, d) == d, "%s rows fwd row %zu",
                   actfn_kind_name(k), r);
            assert_int_equal(m->g->bwd(k, NULL, a, b, g, r1, r2, d), ACTFN_OK);
            EXPECT(dt_result_differs_at(t, dx + r * lddx * sz, r1, d) == d &&
                       dt_result_differs_at(t, dx + (r * lddx + d) * sz, r2, d) == d,
                   "%s rows bwd row %zu", actfn_kind_name(k), r);
            /* in place: y = a, y = b; da = a with db = b; da = dy */
            unsigned char c[2 * 64 * 8];
            for (int w = 0; w < 2; w++) {
                memcpy(c, a, 2 * d * sz);
                assert_int_equal(m->g->fwd(k, NULL, c, c + d * sz, c + w * d * sz, d), ACTFN_OK);
                assert_int_equal(m->g->fwd(k, NULL, a, b, r1, d), ACTFN_OK);
                EXPECT(dt_result_differs_at(t, c + w * d * sz, r1, d) == d, "%s y = %s",
                       actfn_kind_name(k), w ? "b" : "a");
            }
            memcpy(c, a, 2 * d * sz);
            assert_int_equal(m->g->bwd(k, NULL, c, c + d * sz, g, c, c + d * sz, d), ACTFN_OK);
            assert_int_equal(m->g->bwd(k, NULL, a, b, g, r1, r2, d), ACTFN_OK);
            EXPECT(dt_result_differs_at(t, c, r1, d) == d &&
                       dt_result_differs_at(t, c + d * sz, r2, d) == d,
                   "%s da = a, db = b", actfn_kind_name(k));
        }
        /* rows in place: y = x, dx = x (same stride) */
        memcpy(io, x, rows * ldx * sz);
        assert_int_equal(m->g->rows(k, NULL, rows, d, io, ldx, io, ldx), ACTFN_OK);
        for (size_t r = 0; r < rows; r++)
            EXPECT(dt_result_differs_at(t, io + r * ldx * sz, y + r * ldo * sz, d) == d,
                   "%s rows y = x row %zu", actfn_kind_name(k), r);
        memcpy(io, x, rows * ldx * sz);
        assert_int_equal(m->g->rows_bwd(k, NULL, rows, d, io, ldx, dy, ldo, io, ldx), ACTFN_OK);
        for (size_t r = 0; r < rows; r++)
            EXPECT(dt_result_differs_at(t, io + r * ldx * sz, dx + r * lddx * sz, 2 * d) == 2 * d,
                   "%s rows dx = x row %zu", actfn_kind_name(k), r);
    }
    free(x);
    free(dy);
    free(y);
    free(dx);
    free(r1);
    free(r2);
    free(io);
    finish();
}

/* Every length 1..70 with the arrays flush against the end of a page. */
static void t_guard_pages(void **state)
{
    const glu_test *m = *state;
    const dtype *t = m->t;
    if (actfn_set_isa(m->isa) != ACTFN_OK)
        skip();
    guarded ga, gb, gd, gy, gz;
    guarded_init(&ga);
    guarded_init(&gb);
    guarded_init(&gd);
    guarded_init(&gy);
    guarded_init(&gz);
    const size_t sz = t->size;
    for (size_t n = 1; n <= 70; n++) {
        unsigned char *a = ga.hi - n * sz, *b = gb.hi - n * sz, *dy = gd.hi - n * sz;
        unsigned char *y = gy.hi - n * sz, *z = gz.hi - n * sz;
        for (size_t i = 0; i < n; i++) {
            dt_set(t, a, i, pick_a(t));
            dt_set(t, b, i, pick_b(t));
            dt_set(t, dy, i, val(t, uni(-2, 2)));
        }
        assert_int_equal(m->g->fwd(ACTFN_GELU, NULL, a, b, y, n), ACTFN_OK);
        assert_int_equal(m->g->bwd(ACTFN_SILU, NULL, a, b, dy, y, z, n), ACTFN_OK);
        assert_int_equal(m->g->rows(ACTFN_SIGMOID, NULL, 1, n / 2 + 1, gy.hi - (n / 2 + 1) * 2 * sz,
                                    (n / 2 + 1) * 2, z, n / 2 + 1),
                         ACTFN_OK);
    }
    guarded_free(&ga);
    guarded_free(&gb);
    guarded_free(&gd);
    guarded_free(&gy);
    guarded_free(&gz);
}

/* Each bad argument: its status, and the outputs as they were. */
static void t_bad_arguments(void **state)
{
    const glu_test *m = *state;
    const dtype *t = m->t;
    if (actfn_set_isa(m->isa) != ACTFN_OK)
        skip();
    enum { M = 64 };
    const size_t sz = t->size;
    unsigned char a[M * 8], b[M * 8], dy[M * 8], out[2 * M * 8], before[2 * M * 8];
    for (size_t i = 0; i < M; i++) {
        dt_set(t, a, i, val(t, (double)i - 30));
        dt_set(t, b, i, val(t, 1.5));
        dt_set(t, dy, i, val(t, 1.0));
    }
    memset(out, 0xA5, sizeof out);
    memcpy(before, out, sizeof out);
    actfn_params bad;
    actfn_params_default(ACTFN_HARD_TANH, &bad);
    bad.alpha = 2.0f; /* alpha > beta */
#define UNTOUCHED(s, want, what)                                                                   \
    do {                                                                                           \
        actfn_status s_ = (s);                                                                     \
        EXPECT(s_ == (want) && memcmp(out, before, sizeof out) == 0,                               \
               "%s: status %d (want %d), output %s", what, s_, want,                               \
               memcmp(out, before, sizeof out) ? "written" : "untouched");                         \
    } while (0)
    const glu_calls *g = m->g;
    UNTOUCHED(g->fwd(ACTFN_KIND_COUNT, NULL, a, b, out, 8), ACTFN_EKIND, "fwd unknown kind");
    UNTOUCHED(g->bwd((actfn_kind)-1, NULL, a, b, dy, out, out + M * sz, 8), ACTFN_EKIND,
              "bwd unknown kind");
    UNTOUCHED(g->fwd(ACTFN_HARD_TANH, &bad, a, b, out, 8), ACTFN_EPARAM, "fwd invalid params");
    UNTOUCHED(g->rows(ACTFN_HARD_TANH, &bad, 2, 4, a, 8, out, 4), ACTFN_EPARAM,
              "rows invalid params");
    UNTOUCHED(g->fwd(ACTFN_SIGMOID, NULL, a, b, out, 0), ACTFN_OK, "fwd n = 0");
    UNTOUCHED(g->fwd(ACTFN_SIGMOID, NULL, NULL, NULL, NULL, 0), ACTFN_OK, "fwd n = 0, NULL");
    UNTOUCHED(g->rows(ACTFN_SIGMOID, NULL, 0, 4, NULL, 8, NULL, 4), ACTFN_OK, "rows = 0");
    UNTOUCHED(g->rows_bwd(ACTFN_SIGMOID, NULL, 3, 0, a, 8, dy, 4, out, 8), ACTFN_OK, "d = 0");
    UNTOUCHED(g->fwd(ACTFN_SIGMOID, NULL, a, NULL, out, 8), ACTFN_ENULL, "fwd b NULL");
    UNTOUCHED(g->bwd(ACTFN_SIGMOID, NULL, a, b, dy, out, NULL, 8), ACTFN_ENULL, "bwd db NULL");
    UNTOUCHED(g->rows_bwd(ACTFN_SIGMOID, NULL, 2, 4, a, 8, NULL, 4, out, 8), ACTFN_ENULL,
              "rows bwd dy NULL");
    UNTOUCHED(g->fwd(ACTFN_SIGMOID, NULL, a, b, out, SIZE_MAX / 2), ACTFN_ESIZE, "fwd n too large");
    UNTOUCHED(g->rows(ACTFN_SIGMOID, NULL, SIZE_MAX / 8, 4, a, 8, out, 4), ACTFN_ESIZE,
              "rows·ldx overflows");
    UNTOUCHED(g->rows(ACTFN_SIGMOID, NULL, 2, 4, a, 7, out, 4), ACTFN_EPARAM, "ldx < 2d");
    UNTOUCHED(g->rows(ACTFN_SIGMOID, NULL, 2, 4, a, 8, out, 3), ACTFN_EPARAM, "ldy < d");
    UNTOUCHED(g->rows_bwd(ACTFN_SIGMOID, NULL, 2, 4, a, 8, dy, 3, out, 8), ACTFN_EPARAM,
              "lddy < d");
    UNTOUCHED(g->rows_bwd(ACTFN_SIGMOID, NULL, 2, 4, a, 8, dy, 4, out, 7), ACTFN_EPARAM,
              "lddx < 2d");
    /* overlaps, with the inputs inside out */
    memcpy(out, a, M * sz);
    memcpy(out + M * sz, b, M * sz);
    memcpy(before, out, sizeof out);
    UNTOUCHED(g->fwd(ACTFN_SIGMOID, NULL, out, b, out + sz, 8), ACTFN_EOVERLAP, "fwd y = a + 1");
    UNTOUCHED(g->bwd(ACTFN_SIGMOID, NULL, a, b, out + sz, out, out + 16 * sz, 8), ACTFN_EOVERLAP,
              "bwd da = dy - 1");
    UNTOUCHED(g->bwd(ACTFN_SIGMOID, NULL, a, b, dy, out, out + 4 * sz, 8), ACTFN_EOVERLAP,
              "bwd da, db overlap");
    UNTOUCHED(g->bwd(ACTFN_SIGMOID, NULL, a, b, dy, out, out, 8), ACTFN_EOVERLAP, "bwd da = db");
    UNTOUCHED(g->rows(ACTFN_SIGMOID, NULL, 2, 4, out, 8, out, 4), ACTFN_EOVERLAP,
              "rows y = x, ldy != ldx");
    UNTOUCHED(g->rows(ACTFN_SIGMOID, NULL, 2, 4, out, 8, out + sz, 8), ACTFN_EOVERLAP,
              "rows y = x + 1");
    UNTOUCHED(g->rows_bwd(ACTFN_SIGMOID, NULL, 2, 4, a, 8, out + 3 * sz, 4, out, 8), ACTFN_EOVERLAP,
              "rows dx overlaps dy");
#undef UNTOUCHED
    finish();
}

int main(int argc, char **argv)
{
    if (dtypes_init() != 0 || ref_init() != 0)
        return 2;
    refm_init();
    int isa = argc == 2 ? isa_from_name(argv[1]) : -1;
    if (isa < 0) {
        fprintf(stderr, "usage: %s ", argv[0]);
        print_isa_names(stderr, "|");
        fprintf(stderr, "\n");
        return 2;
    }
    for (int k = 0; k < ACTFN_KIND_COUNT; k++)
        gates[ngates++] = (gate){(actfn_kind)k, 0, 0, 0, 0};
    /* the parameters that take a kernel variant (src/registry/variants.def) */
    gates[ngates++] = (gate){ACTFN_SWISH, 1, 0.0f, 0, 0};
    gates[ngates++] = (gate){ACTFN_SWISH, 1, 0.5f, 0, 0};
    gates[ngates++] = (gate){ACTFN_SOFTPLUS, 1, 2.0f, 0, 0};
    gates[ngates++] = (gate){ACTFN_SRELU, 1, -1.0f, 0.0f, 0.0f};
    enum { PER = 3 };
    static glu_test ts[NDTYPES * (ACTFN_KIND_COUNT + 8 + PER)];
    static struct CMUnitTest tests[NDTYPES * (ACTFN_KIND_COUNT + 8 + PER)];
    static char names[NDTYPES * (ACTFN_KIND_COUNT + 8 + PER)][128];
    size_t n = 0;
    const char *path = actfn_isa_name((actfn_isa)isa);
    for (int d = 0; d < NDTYPES; d++) {
        for (int q = 0; q < ngates; q++) {
            glu_test *m = &ts[n];
            *m = (glu_test){(actfn_isa)isa, &dtypes[d], &calls[d], q, ""};
            if (gates[q].set)
                snprintf(m->name, sizeof m->name, "%s@%g,%g,%g", actfn_kind_name(gates[q].k),
                         gates[q].alpha, gates[q].beta, gates[q].delta);
            else
                snprintf(m->name, sizeof m->name, "%s", actfn_kind_name(gates[q].k));
            snprintf(names[n], sizeof names[n], "glu_%s_%s_%s", m->name, dtypes[d].name, path);
            tests[n] = (struct CMUnitTest){names[n], t_accuracy, NULL, NULL, m};
            n++;
        }
        static const struct {
            const char *what;
            CMUnitTestFunction fn;
        } sem[PER] = {{"rows_equal_glu_in_place", t_rows_and_in_place},
                      {"guard_pages", t_guard_pages},
                      {"bad_arguments_nothing_written", t_bad_arguments}};
        for (int i = 0; i < PER; i++) {
            ts[n] = (glu_test){(actfn_isa)isa, &dtypes[d], &calls[d], -1, ""};
            snprintf(names[n], sizeof names[n], "glu_%s_%s_%s", dtypes[d].name, sem[i].what, path);
            tests[n] = (struct CMUnitTest){names[n], sem[i].fn, NULL, NULL, &ts[n]};
            n++;
        }
    }
    char group[64];
    snprintf(group, sizeof group, "glu_%s", path);
    int failed = _cmocka_run_group_tests(group, tests, n, NULL, NULL);
    if (failed)
        return 1;
    return actfn_isa_supported((actfn_isa)isa) ? 0 : 77;
}
