/*
 * The channel calls on [outer][c][inner], every dtype, on one path
 * (argv[1]; --short: smaller sizes, for emulators and valgrind):
 *
 *   prelu_channels  y and dx bit for bit against one rounding of the exact
 *                   product; dalpha within 2^-23·Σ|dy·x| (f64: 2^-52) of a
 *                   long-double sum of the exact terms, plus half an ULP of
 *                   the dtype for its own rounding; up to 2^24 terms in one
 *                   channel, laid out wide (inner) and narrow (outer).
 *   bias            for every kind: y and dx bit for bit the element-wise
 *                   call's (the same path) at t = fl(x + bias[ch]); dbias
 *                   within 2^-20·Σ|dy·f'(t)| + 2^-23·Σ|dy| (f' near its
 *                   zeros; f64: 2^-49, 2^-52) of the long-double reference.
 *
 * Both: every shape class (channel-last inner = 1, inner below and above
 * the 16-lane cut, runs longer than a block, planes larger than a tile),
 * the same bits as the scalar path, in place, flush against guard pages,
 * and every bad argument returning its error with nothing written.  A path
 * this CPU lacks: its tests are reported skipped, exit 77.
 */
#define _GNU_SOURCE
#include <float.h>
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
#include "ref.h"

static int short_run;

/* ---- the entry points by dtype, untyped ---- */
typedef actfn_status (*pfwd_fn)(size_t, size_t, size_t, const void *, const void *, void *);
typedef actfn_status (*pbwd_fn)(size_t, size_t, size_t, const void *, const void *, const void *,
                                void *, void *);
typedef actfn_status (*bfwd_fn)(actfn_kind, const actfn_params *, size_t, size_t, size_t,
                                const void *, const void *, void *);
typedef actfn_status (*bbwd_fn)(actfn_kind, const actfn_params *, size_t, size_t, size_t,
                                const void *, const void *, const void *, void *, void *);
#define CH_FN_(c_, T, TN, ctype, grade)                                                            \
    static actfn_status pf_##T(size_t o, size_t c, size_t i, const void *x, const void *w,         \
                               void *y)                                                            \
    {                                                                                              \
        return actfn_prelu_channels_##T(o, c, i, x, w, y);                                         \
    }                                                                                              \
    static actfn_status pb_##T(size_t o, size_t c, size_t i, const void *x, const void *w,         \
                               const void *dy, void *dx, void *dw)                                 \
    {                                                                                              \
        return actfn_prelu_channels_backward_##T(o, c, i, x, w, dy, dx, dw);                       \
    }                                                                                              \
    static actfn_status bf_##T(actfn_kind k, const actfn_params *p, size_t o, size_t c, size_t i,  \
                               const void *x, const void *w, void *y)                              \
    {                                                                                              \
        return actfn_bias_forward_##T(k, p, o, c, i, x, w, y);                                     \
    }                                                                                              \
    static actfn_status bb_##T(actfn_kind k, const actfn_params *p, size_t o, size_t c, size_t i,  \
                               const void *x, const void *w, const void *dy, void *dx, void *dw)   \
    {                                                                                              \
        return actfn_bias_backward_##T(k, p, o, c, i, x, w, dy, dx, dw);                           \
    }
ACTFN_DTYPES(CH_FN_, ~)
static const struct {
    pfwd_fn pf;
    pbwd_fn pb;
    bfwd_fn bf;
    bbwd_fn bb;
} ch_fns[] = {
#define CH_ROW_(c_, T, TN, ctype, grade) {pf_##T, pb_##T, bf_##T, bb_##T},
    ACTFN_DTYPES(CH_ROW_, ~)
#undef CH_ROW_
};

typedef struct {
    actfn_isa isa;
    const dtype *t;
    int d; /* index into ch_fns */
} ch_test;

static uint32_t rng = 12345u;
static uint32_t next(void) { return rng = rng * 1664525u + 1013904223u; }
static double uniform(double lo, double hi) { return lo + (hi - lo) * (next() >> 8) * 0x1p-24; }

/* Mostly moderate values of both signs, some ±0, and (specials) ±inf, NaN,
 * subnormals. */
static uint64_t pick(const dtype *t, int specials)
{
    uint32_t r = next() % 64;
    if (specials && r < 6) {
        switch (r) {
        case 0:
            return dt_inf(t, 0);
        case 1:
            return dt_inf(t, 1);
        case 2:
            return dt_qnan(t);
        case 3:
            return (next() & dt_man_mask(t)) | 1;
        default:
            return dt_sign(t);
        }
    }
    if (r < 8)
        return 0;
    return dt_from_double(t, uniform(-6.0, 6.0));
}

static const size_t shapes[][3] = {
    {1, 1, 1},   {3, 5, 1},  {7, 300, 1}, {5, 3, 3},   {4, 40, 7},   {2, 2, 15},
    {3, 2, 16},  {2, 3, 17}, {2, 2, 33},  {1, 2, 600}, {3, 2, 1100}, {300, 3, 1},
    {2, 17, 15}, {9, 1, 31}, {1, 257, 1}, {2, 100, 2}, {1, 1, 1025},
};
#define NSHAPES (sizeof shapes / sizeof shapes[0])

typedef struct {
    unsigned char *x, *w, *dy, *y, *dx, *dw, *io, *ref;
} bufs;
static void bufs_alloc(bufs *b, size_t n, size_t c, size_t sz)
{
    size_t m = (n > c ? n : c) * sz;
    unsigned char **p[] = {&b->x, &b->w, &b->dy, &b->y, &b->dx, &b->dw, &b->io, &b->ref};
    for (size_t i = 0; i < sizeof p / sizeof p[0]; i++) {
        *p[i] = malloc(m);
        assert_non_null(*p[i]);
    }
}
static void bufs_free(bufs *b)
{
    free(b->x);
    free(b->w);
    free(b->dy);
    free(b->y);
    free(b->dx);
    free(b->dw);
    free(b->io);
    free(b->ref);
}

static double val(const dtype *t, const void *a, size_t i)
{
    return dt_to_double(t, dt_get(t, a, i));
}

/* A compensated long-double sum (the reference of 2^24 f64 terms needs
 * more than long double's 64 bits plainly summed). */
typedef struct {
    long double s, c;
} lsum;
static void lsum_add(lsum *a, long double x)
{
    long double t = a->s + x;
    a->c += fabsl(a->s) >= fabsl(x) ? (a->s - t) + x : (x - t) + a->s;
    a->s = t;
}
static long double lsum_get(const lsum *a) { return isfinite(a->s) ? a->s + a->c : a->s; }

/* |got − ref| ≤ bound + half an ULP of the dtype at ref; NaN and inf alike. */
static int sum_ok(const dtype *t, uint64_t got, long double ref, long double bound, double *used)
{
    double g = dt_to_double(t, got);
    if (isnan(ref))
        return isnan(g);
    if (isinf(ref))
        return g == (double)ref;
    if (isnan(g))
        return 0;
    uint64_t r = dt_from_double(t, (double)ref);
    double ulp = fabs(dt_to_double(t, r ^ 1) - dt_to_double(t, r));
    if (dt_isinf(t, r))
        return isinf(g) || fabsl(g - ref) <= bound + ulp;
    long double e = fabsl((long double)g - ref);
    /* the error beyond the dtype's own rounding, as a fraction of the bound */
    long double beyond = e - 0.5L * ulp;
    if (bound > 0 && beyond > 0 && (double)(beyond / bound) > *used)
        *used = (double)(beyond / bound);
    return e <= bound + 0.5L * ulp;
}

/* ---- prelu_channels ----------------------------------------------------------------- */

/* the largest fraction of its bound a dalpha's error used (beyond the dtype's rounding), by dtype
 */
static double prelu_worst[4];

static void prelu_check(const ch_test *m, size_t outer, size_t c, size_t inner, const bufs *b,
                        const void *y, const void *dx, const void *dw, const char *what)
{
    const dtype *t = m->t;
    const size_t n = outer * c * inner;
    const double eps = t->grade == 64 ? 0x1p-52 : 0x1p-23;
    for (size_t e = 0; e < n; e++) {
        const size_t ch = (e / inner) % c;
        const double x = val(t, b->x, e), a = val(t, b->w, ch), d = val(t, b->dy, e);
        /* products of f32, bf16, f16 are exact in double; f64's double product is the rounding */
        uint64_t wy = dt_from_double(t, x > 0 ? x : a * x);
        uint64_t wd = dt_from_double(t, isnan(x) ? x : x > 0 ? d : a * d);
        if (y != NULL)
            EXPECT(dt_same(t, dt_get(t, y, e), wy), "%s %zux%zux%zu y[%zu] = 0x%llx, want 0x%llx",
                   what, outer, c, inner, e, (unsigned long long)dt_get(t, y, e),
                   (unsigned long long)wy);
        if (dx != NULL)
            EXPECT(dt_same(t, dt_get(t, dx, e), wd), "%s %zux%zux%zu dx[%zu] = 0x%llx, want 0x%llx",
                   what, outer, c, inner, e, (unsigned long long)dt_get(t, dx, e),
                   (unsigned long long)wd);
    }
    if (dw == NULL)
        return;
    for (size_t ch = 0; ch < c; ch++) {
        lsum S = {0, 0};
        long double mag = 0;
        for (size_t o = 0; o < outer; o++)
            for (size_t i = 0; i < inner; i++) {
                const size_t e = (o * c + ch) * inner + i;
                const double x = val(t, b->x, e), d = val(t, b->dy, e);
                if (!(x > 0)) {
                    lsum_add(&S, (long double)d * x);
                    mag += fabsl((long double)d * x);
                }
            }
        const long double s = lsum_get(&S);
        EXPECT(sum_ok(t, dt_get(t, dw, ch), s, eps * mag, &prelu_worst[m->d]),
               "%s %zux%zux%zu dalpha[%zu] = %.17g, want %.21Lg (Σ|dy·x| %.3Lg)", what, outer, c,
               inner, ch, val(t, dw, ch), s, mag);
    }
}

static void fill(const dtype *t, void *a, size_t n, int specials)
{
    for (size_t i = 0; i < n; i++)
        dt_set(t, a, i, pick(t, specials));
}

/* Every shape: out of place, in place (y = x, dx = x, dx = dy), without
 * dalpha; with specials in x, dy and alpha; the same bits as scalar. */
static void t_prelu_reference(void **state)
{
    const ch_test *m = *state;
    const dtype *t = m->t;
    if (actfn_set_isa(m->isa) != ACTFN_OK)
        skip();
    for (size_t s = 0; s < NSHAPES; s++) {
        const size_t outer = shapes[s][0], c = shapes[s][1], inner = shapes[s][2];
        const size_t n = outer * c * inner, sz = t->size;
        bufs b;
        bufs_alloc(&b, n, c, sz);
        for (int rep = 0; rep < 3; rep++) {
            const int sp = rep == 2;
            fill(t, b.x, n, sp);
            fill(t, b.dy, n, sp);
            fill(t, b.w, c, sp);
            assert_int_equal(ch_fns[m->d].pf(outer, c, inner, b.x, b.w, b.y), ACTFN_OK);
            assert_int_equal(ch_fns[m->d].pb(outer, c, inner, b.x, b.w, b.dy, b.dx, b.dw),
                             ACTFN_OK);
            prelu_check(m, outer, c, inner, &b, b.y, b.dx, b.dw, "out of place");
            /* the scalar path's bits */
            assert_int_equal(actfn_set_isa(ACTFN_ISA_SCALAR), ACTFN_OK);
            assert_int_equal(ch_fns[m->d].pb(outer, c, inner, b.x, b.w, b.dy, b.io, b.ref),
                             ACTFN_OK);
            assert_int_equal(actfn_set_isa(m->isa), ACTFN_OK);
            EXPECT(dt_differs_at(t, b.io, b.dx, n) == n && dt_differs_at(t, b.ref, b.dw, c) == c,
                   "%zux%zux%zu: dx or dalpha differs from the scalar path's", outer, c, inner);
            memcpy(b.io, b.x, n * sz);
            assert_int_equal(ch_fns[m->d].pf(outer, c, inner, b.io, b.w, b.io), ACTFN_OK);
            prelu_check(m, outer, c, inner, &b, b.io, NULL, NULL, "y = x");
            memcpy(b.io, b.x, n * sz);
            assert_int_equal(ch_fns[m->d].pb(outer, c, inner, b.io, b.w, b.dy, b.io, b.dw),
                             ACTFN_OK);
            prelu_check(m, outer, c, inner, &b, NULL, b.io, b.dw, "dx = x");
            memcpy(b.io, b.dy, n * sz);
            assert_int_equal(ch_fns[m->d].pb(outer, c, inner, b.x, b.w, b.io, b.io, NULL),
                             ACTFN_OK);
            prelu_check(m, outer, c, inner, &b, NULL, b.io, NULL, "dx = dy, no dalpha");
        }
        bufs_free(&b);
    }
    finish();
}

/* One channel of 2^24 terms (2^18 with --short), wide and narrow. */
static void t_prelu_long_channel(void **state)
{
    const ch_test *m = *state;
    const dtype *t = m->t;
    if (actfn_set_isa(m->isa) != ACTFN_OK)
        skip();
    const size_t n = short_run ? (size_t)1 << 18 : (size_t)1 << 24, sz = t->size;
    unsigned char *x = malloc(n * sz), *dy = malloc(n * sz), *dx = malloc(n * sz);
    assert_non_null(x);
    assert_non_null(dy);
    assert_non_null(dx);
    unsigned char w[16] = {0}, dw[16];
    dt_set(t, w, 0, dt_from_double(t, 0.25));
    lsum S = {0, 0};
    long double mag = 0;
    for (size_t i = 0; i < n; i++) {
        /* terms of one sign mostly, and some that cancel */
        uint64_t xv = dt_from_double(t, -uniform(0.5, 2.0)),
                 dv = dt_from_double(t, uniform(-1.0, 3.0));
        dt_set(t, x, i, xv);
        dt_set(t, dy, i, dv);
        long double p = (long double)dt_to_double(t, dv) * dt_to_double(t, xv);
        lsum_add(&S, p);
        mag += fabsl(p);
    }
    const long double s = lsum_get(&S);
    const double eps = t->grade == 64 ? 0x1p-52 : 0x1p-23;
    const size_t lay[2][3] = {{1, 1, n}, {n, 1, 1}};
    for (int l = 0; l < 2; l++) {
        assert_int_equal(ch_fns[m->d].pb(lay[l][0], lay[l][1], lay[l][2], x, w, dy, dx, dw),
                         ACTFN_OK);
        EXPECT(sum_ok(t, dt_get(t, dw, 0), s, eps * mag, &prelu_worst[m->d]),
               "%s: dalpha = %.17g, want %.21Lg", l ? "narrow" : "wide", val(t, dw, 0), s);
    }
    free(x);
    free(dy);
    free(dx);
    finish();
}

/* ---- bias --------------------------------------------------------------------------- */

static double bias_worst[4]; /* the same for dbias */

/* t = fl(x + b) in the dtype: the dtype's own addition (halves: the f32 sum
 * rounded once, which is correctly rounded for them). */
static uint64_t tsum(const dtype *t, double x, double b)
{
    if (t->grade == 64)
        return dt_from_double(t, x + b);
    return dt_from_double(t, (double)((float)x + (float)b));
}

static void bias_shape(const ch_test *m, actfn_kind k, const actfn_params *p, size_t outer,
                       size_t c, size_t inner, bufs *b, int specials)
{
    const dtype *t = m->t;
    const size_t n = outer * c * inner, sz = t->size;
    fill(t, b->x, n, specials);
    fill(t, b->dy, n, 0); /* dy·f' with dy = ±inf is the element-wise backward's business */
    for (size_t ch = 0; ch < c; ch++)
        dt_set(t, b->w, ch, specials && ch % 7 == 3 ? dt_qnan(t) : pick(t, 0));
    for (size_t e = 0; e < n; e++) /* t into ref */
        dt_set(t, b->ref, e, tsum(t, val(t, b->x, e), val(t, b->w, (e / inner) % c)));
    actfn_params P;
    assert_int_equal(actfn_params_default(k, &P), ACTFN_OK);
    if (p != NULL)
        P = *p;
    /* y, then dx, against the element-wise calls at t */
    assert_int_equal(ch_fns[m->d].bf(k, p, outer, c, inner, b->x, b->w, b->y), ACTFN_OK);
    assert_int_equal(t->call(FWD, k, p, b->ref, NULL, b->io, n), ACTFN_OK);
    size_t at = dt_result_differs_at(t, b->y, b->io, n);
    EXPECT(at == n, "%s %zux%zux%zu y[%zu] = 0x%llx, forward at t: 0x%llx", kname(k), outer, c,
           inner, at, (unsigned long long)(at < n ? dt_get(t, b->y, at) : 0),
           (unsigned long long)(at < n ? dt_get(t, b->io, at) : 0));
    memcpy(b->dx, b->x, n * sz); /* in place */
    assert_int_equal(ch_fns[m->d].bf(k, p, outer, c, inner, b->dx, b->w, b->dx), ACTFN_OK);
    EXPECT(dt_result_differs_at(t, b->dx, b->io, n) == n, "%s %zux%zux%zu y = x differs", kname(k),
           outer, c, inner);
    assert_int_equal(ch_fns[m->d].bb(k, p, outer, c, inner, b->x, b->w, b->dy, b->dx, b->dw),
                     ACTFN_OK);
    assert_int_equal(t->call(BWD, k, p, b->ref, b->dy, b->io, n), ACTFN_OK);
    at = dt_result_differs_at(t, b->dx, b->io, n);
    EXPECT(at == n, "%s %zux%zux%zu dx[%zu] = 0x%llx, backward at t: 0x%llx", kname(k), outer, c,
           inner, at, (unsigned long long)(at < n ? dt_get(t, b->dx, at) : 0),
           (unsigned long long)(at < n ? dt_get(t, b->io, at) : 0));
    /* in place: dx = dy, with dbias; the same dbias */
    unsigned char *dw2 = malloc(c * sz);
    assert_non_null(dw2);
    memcpy(b->io, b->dy, n * sz);
    assert_int_equal(ch_fns[m->d].bb(k, p, outer, c, inner, b->x, b->w, b->io, b->io, dw2),
                     ACTFN_OK);
    EXPECT(dt_result_differs_at(t, b->io, b->dx, n) == n &&
               dt_result_differs_at(t, dw2, b->dw, c) == c,
           "%s %zux%zux%zu dx = dy: dx or dbias differs", kname(k), outer, c, inner);
    /* the scalar path's dbias: the same bits where the terms are (dx; for
     * halves, the f32 derivative at t), the element-wise results being
     * only within the contract of each other on different paths */
    float *tf = malloc(n * sizeof(float)), *d1 = malloc(n * sizeof(float)),
          *d2 = malloc(n * sizeof(float));
    assert_true(tf && d1 && d2);
    for (size_t e = 0; e < n; e++)
        tf[e] = (float)val(t, b->ref, e);
    int same_terms = 1;
    if (t->size == 2)
        assert_int_equal(actfn_derivative_f32(k, p, tf, d1, n), ACTFN_OK);
    assert_int_equal(actfn_set_isa(ACTFN_ISA_SCALAR), ACTFN_OK);
    assert_int_equal(ch_fns[m->d].bb(k, p, outer, c, inner, b->x, b->w, b->dy, b->io, dw2),
                     ACTFN_OK);
    if (t->size == 2) {
        assert_int_equal(actfn_derivative_f32(k, p, tf, d2, n), ACTFN_OK);
        same_terms = memcmp(d1, d2, n * sizeof(float)) == 0;
    } else {
        same_terms = dt_differs_at(t, b->io, b->dx, n) == n;
    }
    assert_int_equal(actfn_set_isa(m->isa), ACTFN_OK);
    EXPECT(!same_terms || dt_differs_at(t, dw2, b->dw, c) == c,
           "%s %zux%zux%zu dbias differs from scalar's (the same terms)", kname(k), outer, c,
           inner);
    free(tf);
    free(d1);
    free(d2);
    free(dw2);
    /* dbias against the reference */
    const double eps = t->grade == 64 ? 0x1p-49 : 0x1p-20,
                 abs_ = t->grade == 64 ? 0x1p-52 : 0x1p-23;
    for (size_t ch = 0; ch < c; ch++) {
        lsum S = {0, 0};
        long double mag = 0, dmag = 0;
        for (size_t o = 0; o < outer; o++)
            for (size_t i = 0; i < inner; i++) {
                const size_t e = (o * c + ch) * inner + i;
                long double d = val(t, b->dy, e), f = ref_table[k].der(val(t, b->ref, e), &P);
                lsum_add(&S, d * f);
                mag += fabsl(d * f);
                dmag += fabsl(d);
            }
        const long double s = lsum_get(&S);
        EXPECT(sum_ok(t, dt_get(t, b->dw, ch), s, eps * mag + abs_ * dmag, &bias_worst[m->d]),
               "%s %zux%zux%zu dbias[%zu] = %.17g, want %.21Lg", kname(k), outer, c, inner, ch,
               val(t, b->dw, ch), s);
    }
}

/* Every kind at its defaults (and swish's variant at alpha = 1), every
 * shape; then specials (NaN, inf in x, dy and the bias). */
static void t_bias_reference(void **state)
{
    const ch_test *m = *state;
    const dtype *t = m->t;
    if (actfn_set_isa(m->isa) != ACTFN_OK)
        skip();
    const size_t ns = short_run ? 9 : NSHAPES;
    for (int k = 0; k < ACTFN_KIND_COUNT; k++)
        for (size_t s = 0; s < ns; s++) {
            const size_t outer = shapes[s][0], c = shapes[s][1], inner = shapes[s][2];
            bufs b;
            bufs_alloc(&b, outer * c * inner, c, t->size);
            bias_shape(m, (actfn_kind)k, NULL, outer, c, inner, &b, s % 3 == 2);
            if (k == ACTFN_SWISH) {
                actfn_params p;
                actfn_params_default(ACTFN_SWISH, &p);
                p.alpha = 1.0f;
                bias_shape(m, (actfn_kind)k, &p, outer, c, inner, &b, 0);
            }
            bufs_free(&b);
        }
    finish();
}

/* ---- both: threads -------------------------------------------------------------------- */

/* Four threads run the backward calls (prelu with dalpha, bias + gelu with
 * dbias) at once on shared inputs, each into its own outputs, several
 * times: every result the same bits as the one-thread call's (no shared
 * state on the call path). */
typedef struct {
    const ch_test *m;
    size_t outer, c, inner;
    const void *x, *w, *dy;
    unsigned char *dx, *dw, *bdx, *bdw;
    int ok;
} ch_job;
static void *ch_run(void *arg)
{
    ch_job *j = arg;
    const int d = j->m->d;
    for (int r = 0; r < 8 && j->ok; r++)
        j->ok =
            ch_fns[d].pb(j->outer, j->c, j->inner, j->x, j->w, j->dy, j->dx, j->dw) == ACTFN_OK &&
            ch_fns[d].bb(ACTFN_GELU, NULL, j->outer, j->c, j->inner, j->x, j->w, j->dy, j->bdx,
                         j->bdw) == ACTFN_OK;
    return NULL;
}
static void t_threads(void **state)
{
    const ch_test *m = *state;
    const dtype *t = m->t;
    if (actfn_set_isa(m->isa) != ACTFN_OK)
        skip();
    static const size_t sh[][3] = {{3, 37, 129}, {64, 48, 1}, {2, 5, 3000}};
    for (size_t s = 0; s < sizeof sh / sizeof sh[0]; s++) {
        const size_t outer = sh[s][0], c = sh[s][1], inner = sh[s][2], n = outer * c * inner;
        unsigned char *x = malloc(n * t->size), *w = malloc(c * t->size), *dy = malloc(n * t->size),
                      *mem = malloc(5 * 2 * (n + c) * t->size);
        assert_true(x && w && dy && mem);
        fill(t, x, n, 1);
        fill(t, w, c, 0);
        fill(t, dy, n, 0);
        ch_job jobs[5];
        for (int i = 0; i < 5; i++) {
            unsigned char *b = mem + (size_t)i * 2 * (n + c) * t->size;
            jobs[i] = (ch_job){m,
                               outer,
                               c,
                               inner,
                               x,
                               w,
                               dy,
                               b,
                               b + n * t->size,
                               b + (n + c) * t->size,
                               b + (2 * n + c) * t->size,
                               1};
        }
        ch_run(&jobs[0]); /* the one-thread results */
        assert_true(jobs[0].ok);
        pthread_t th[4];
        for (int i = 0; i < 4; i++)
            assert_int_equal(pthread_create(&th[i], NULL, ch_run, &jobs[i + 1]), 0);
        for (int i = 0; i < 4; i++)
            pthread_join(th[i], NULL);
        for (int i = 1; i < 5; i++)
            EXPECT(jobs[i].ok && memcmp(jobs[i].dx, jobs[0].dx, n * t->size) == 0 &&
                       memcmp(jobs[i].dw, jobs[0].dw, c * t->size) == 0 &&
                       memcmp(jobs[i].bdx, jobs[0].bdx, n * t->size) == 0 &&
                       memcmp(jobs[i].bdw, jobs[0].bdw, c * t->size) == 0,
                   "%zux%zux%zu: thread %d's results differ from one thread's", outer, c, inner, i);
        free(x);
        free(w);
        free(dy);
        free(mem);
    }
    finish();
}

/* ---- both: guard pages, bad arguments ------------------------------------------------ */

static void t_guard_pages(void **state)
{
    const ch_test *m = *state;
    const dtype *t = m->t;
    if (actfn_set_isa(m->isa) != ACTFN_OK)
        skip();
    guarded g[6];
    for (int i = 0; i < 6; i++)
        guarded_init(&g[i]);
    for (size_t s = 0; s < NSHAPES; s++) {
        const size_t outer = shapes[s][0], c = shapes[s][1], inner = shapes[s][2];
        const size_t n = outer * c * inner, sz = t->size;
        if (n * sz > g[0].page)
            continue;
        for (int end = 0; end < 2; end++) {
            bufs b;
            unsigned char *p[6];
            for (int i = 0; i < 6; i++)
                p[i] = end ? g[i].hi - (i == 1 || i == 5 ? c : n) * sz : g[i].lo;
            b.x = p[0], b.w = p[1], b.dy = p[2], b.y = p[3], b.dx = p[4], b.dw = p[5];
            fill(t, b.x, n, 0);
            fill(t, b.dy, n, 0);
            fill(t, b.w, c, 0);
            assert_int_equal(ch_fns[m->d].pf(outer, c, inner, b.x, b.w, b.y), ACTFN_OK);
            assert_int_equal(ch_fns[m->d].pb(outer, c, inner, b.x, b.w, b.dy, b.dx, b.dw),
                             ACTFN_OK);
            prelu_check(m, outer, c, inner, &b, b.y, b.dx, b.dw, end ? "page end" : "page start");
            assert_int_equal(ch_fns[m->d].bf(ACTFN_GELU, NULL, outer, c, inner, b.x, b.w, b.y),
                             ACTFN_OK);
            assert_int_equal(
                ch_fns[m->d].bb(ACTFN_GELU, NULL, outer, c, inner, b.x, b.w, b.dy, b.dx, b.dw),
                ACTFN_OK);
        }
    }
    for (int i = 0; i < 6; i++)
        guarded_free(&g[i]);
    finish();
}

static void t_bad_arguments(void **state)
{
    const ch_test *m = *state;
    const dtype *t = m->t;
    if (actfn_set_isa(m->isa) != ACTFN_OK)
        skip();
    enum { N = 64 };
    unsigned char x[N * 8], w[N * 8], dy[N * 8], out[N * 8], dw[N * 8], before[N * 8], wb[N * 8];
    const size_t sz = t->size;
    memset(x, 0, sizeof x);
    memset(dy, 0, sizeof dy);
    memset(w, 0, sizeof w);
    for (size_t i = 0; i < N; i++) {
        dt_set(t, x, i, dt_from_double(t, (double)i - 20));
        dt_set(t, dy, i, dt_from_double(t, 1.0));
        dt_set(t, w, i, dt_from_double(t, 0.5));
    }
    memset(out, 0xA5, sizeof out);
    memcpy(before, out, sizeof out);
    memset(dw, 0x5A, sizeof dw);
    memcpy(wb, dw, sizeof dw);
    const pfwd_fn pf = ch_fns[m->d].pf;
    const pbwd_fn pb = ch_fns[m->d].pb;
    const bfwd_fn bf = ch_fns[m->d].bf;
    const bbwd_fn bb = ch_fns[m->d].bb;
    actfn_params bad = {NAN, 0, 0, 0};
#define UNTOUCHED(s, want, what)                                                                   \
    do {                                                                                           \
        actfn_status s_ = (s);                                                                     \
        int same_ = memcmp(out, before, sizeof out) == 0 && memcmp(dw, wb, sizeof dw) == 0;        \
        EXPECT(s_ == (want) && same_, "%s: status %d (want %d), output %s", what, s_, want,        \
               same_ ? "untouched" : "written");                                                   \
    } while (0)
    UNTOUCHED(pf(0, 2, 2, x, w, out), ACTFN_OK, "prelu outer = 0");
    UNTOUCHED(pf(2, 0, 2, NULL, NULL, NULL), ACTFN_OK, "prelu c = 0, NULL arrays");
    UNTOUCHED(pb(2, 2, 0, x, w, dy, out, dw), ACTFN_OK, "prelu bwd inner = 0");
    UNTOUCHED(bf(ACTFN_GELU, NULL, 2, 2, 0, NULL, NULL, NULL), ACTFN_OK, "bias inner = 0, NULL");
    UNTOUCHED(bb(ACTFN_GELU, NULL, 0, 2, 2, x, w, dy, out, dw), ACTFN_OK, "bias bwd outer = 0");
    UNTOUCHED(pf(2, 2, 2, NULL, w, out), ACTFN_ENULL, "prelu x NULL");
    UNTOUCHED(pf(2, 2, 2, x, NULL, out), ACTFN_ENULL, "prelu alpha NULL");
    UNTOUCHED(pb(2, 2, 2, x, w, NULL, out, dw), ACTFN_ENULL, "prelu bwd dy NULL");
    UNTOUCHED(pb(2, 2, 2, x, w, dy, NULL, dw), ACTFN_ENULL, "prelu bwd dx NULL");
    UNTOUCHED(bf(ACTFN_GELU, NULL, 2, 2, 2, x, NULL, out), ACTFN_ENULL, "bias NULL");
    UNTOUCHED(bb(ACTFN_GELU, NULL, 2, 2, 2, x, w, NULL, out, dw), ACTFN_ENULL, "bias bwd dy NULL");
    UNTOUCHED(pf(SIZE_MAX / 4, 3, 2, x, w, out), ACTFN_ESIZE, "prelu outer·c overflows");
    UNTOUCHED(pb(1, (size_t)1 << 40, (size_t)1 << 30, x, w, dy, out, dw), ACTFN_ESIZE,
              "prelu bwd c·inner overflows");
    UNTOUCHED(pf(1, SIZE_MAX / 2, 1, x, w, out), ACTFN_ESIZE, "prelu bytes overflow");
    UNTOUCHED(bf(ACTFN_GELU, NULL, SIZE_MAX / 2, 2, 1, x, w, out), ACTFN_ESIZE, "bias overflows");
    UNTOUCHED(bf((actfn_kind)ACTFN_KIND_COUNT, NULL, 2, 2, 2, x, w, out), ACTFN_EKIND,
              "bias unknown kind");
    UNTOUCHED(bb((actfn_kind)-1, NULL, 2, 2, 2, x, w, dy, out, dw), ACTFN_EKIND,
              "bias bwd unknown kind");
    UNTOUCHED(bf(ACTFN_ELU, &bad, 2, 2, 2, x, w, out), ACTFN_EPARAM, "bias elu alpha NaN");
    UNTOUCHED(bb(ACTFN_SOFTPLUS, &bad, 2, 2, 2, x, w, dy, out, dw), ACTFN_EPARAM,
              "bias bwd softplus alpha NaN");
    /* overlaps: y one element into x; y over alpha; dx into dy; dalpha into x, dy, dx, alpha */
    memcpy(out, x, sizeof out);
    memcpy(before, out, sizeof out);
    UNTOUCHED(pf(2, 2, 2, out, w, out + sz), ACTFN_EOVERLAP, "prelu y = x + 1");
    UNTOUCHED(bf(ACTFN_GELU, NULL, 2, 2, 2, out + sz, w, out), ACTFN_EOVERLAP, "bias y = x - 1");
    UNTOUCHED(pb(2, 2, 2, x, w, out, out + sz, NULL), ACTFN_EOVERLAP, "prelu dx = dy + 1");
    UNTOUCHED(bb(ACTFN_GELU, NULL, 2, 2, 2, x, w, out + sz, out, NULL), ACTFN_EOVERLAP,
              "bias dx = dy - 1");
    UNTOUCHED(pf(2, 2, 2, x, out, out), ACTFN_EOVERLAP, "prelu y = alpha");
    UNTOUCHED(bf(ACTFN_GELU, NULL, 2, 2, 2, x, out + sz, out), ACTFN_EOVERLAP, "bias y over bias");
    memcpy(dw, x, sizeof dw);
    memcpy(wb, dw, sizeof dw);
    UNTOUCHED(pb(2, 2, 2, dw, w, dy, out, dw + sz), ACTFN_EOVERLAP, "prelu dalpha in x");
    UNTOUCHED(pb(2, 2, 2, x, dw, dy, out, dw), ACTFN_EOVERLAP, "prelu dalpha = alpha");
    UNTOUCHED(bb(ACTFN_GELU, NULL, 2, 2, 2, x, w, dw, out, dw), ACTFN_EOVERLAP, "bias dbias = dy");
    UNTOUCHED(bb(ACTFN_GELU, NULL, 2, 2, 2, x, w, dy, out, out + 2 * sz), ACTFN_EOVERLAP,
              "bias dbias in dx");
#undef UNTOUCHED
    finish();
}

static int report(void **state)
{
    (void)state;
    return 0;
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
    static ch_test ms[NDTYPES];
    static struct CMUnitTest tests[NDTYPES * 6];
    static char names[NDTYPES * 6][96];
    size_t n = 0;
    const char *path = actfn_isa_name((actfn_isa)isa);
    static const struct {
        const char *what;
        CMUnitTestFunction fn;
    } kinds[] = {{"prelu_channels_%s_matches_reference_%s", t_prelu_reference},
                 {"prelu_channels_%s_2e24_terms_%s", t_prelu_long_channel},
                 {"bias_%s_every_kind_matches_eltwise_%s", t_bias_reference},
                 {"channels_%s_guard_pages_%s", t_guard_pages},
                 {"channels_%s_bad_arguments_nothing_written_%s", t_bad_arguments},
                 {"channels_%s_threads_same_bits_%s", t_threads}};
    for (int d = 0; d < NDTYPES; d++) {
        ms[d] = (ch_test){(actfn_isa)isa, &dtypes[d], d};
        for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
            snprintf(names[n], sizeof names[n], kinds[i].what, dtypes[d].name, path);
            tests[n] = (struct CMUnitTest){names[n], kinds[i].fn, NULL, NULL, &ms[d]};
            n++;
        }
    }
    char group[64];
    snprintf(group, sizeof group, "channels_%s", path);
    int failed = _cmocka_run_group_tests(group, tests, n, NULL, report);
    if (actfn_isa_supported((actfn_isa)isa))
        for (int d = 0; d < NDTYPES; d++)
            printf("measured on %s, %s: the largest error beyond the dtype's rounding, as a "
                   "fraction of the bound: dalpha %.3g, dbias %.3g\n",
                   path, dtypes[d].name, prelu_worst[d], bias_worst[d]);
    if (failed)
        return 1;
    return actfn_isa_supported((actfn_isa)isa) ? 0 : 77;
}
