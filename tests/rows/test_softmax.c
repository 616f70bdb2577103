/*
 * softmax, log_softmax and their backward, every dtype, on one path
 * (argv[1]; --short under an emulator: the 2^20-element row only for the
 * f32 forward).  Against a reference written here from the definition:
 * long double for f32, bf16 and f16 (x − max exact, e^, Σ and log1p at 64
 * bits), MPFR at 160 bits for f64.  Bounds (contract, "Accuracy"):
 * forward ≤ 4 ULP (f32, f64), ≤ 1 ULP (bf16, f16); backward ≤ 8 ULP (f32,
 * f64), ≤ 1 ULP (bf16, f16), or an absolute error ≤ 2^-23 (f64: 2^-52) ×
 * Σ|terms|.  Also: row lengths around every vector width, rows of 1000 and
 * 2^20, huge ranges, one dominant element, all equal, −inf masks, all −inf,
 * +inf elements, NaN rows; ld > cols; in place; guard pages after the last
 * row; the same bits as the scalar path and for any split of the rows
 * into calls and any ld; every bad argument with nothing written.  The
 * measured maxima are printed.  A path this CPU lacks: skipped, exit 77.
 */
#define _GNU_SOURCE
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <fenv.h>
#include <mpfr.h>

#include "dtype.h"
#include "expect.h"
#include "guard_page.h"
#include "isa_names.h"

typedef actfn_status (*fwd_fn)(size_t, size_t, const void *, size_t, void *, size_t);
typedef actfn_status (*bwd_fn)(size_t, size_t, const void *, size_t, const void *, size_t, void *,
                               size_t);
/* The entry points by dtype, untyped: [0] softmax, [1] log_softmax. */
#define SM_FN_(c_, T, TN, ctype, grade)                                                            \
    static actfn_status sm_fwd_##T(size_t r, size_t c, const void *x, size_t lx, void *y,          \
                                   size_t ly)                                                      \
    {                                                                                              \
        return actfn_softmax_##T(r, c, x, lx, y, ly);                                              \
    }                                                                                              \
    static actfn_status lsm_fwd_##T(size_t r, size_t c, const void *x, size_t lx, void *y,         \
                                    size_t ly)                                                     \
    {                                                                                              \
        return actfn_log_softmax_##T(r, c, x, lx, y, ly);                                          \
    }                                                                                              \
    static actfn_status sm_bwd_##T(size_t r, size_t c, const void *y, size_t ly, const void *dy,   \
                                   size_t ld, void *dx, size_t lx)                                 \
    {                                                                                              \
        return actfn_softmax_backward_##T(r, c, y, ly, dy, ld, dx, lx);                            \
    }                                                                                              \
    static actfn_status lsm_bwd_##T(size_t r, size_t c, const void *y, size_t ly, const void *dy,  \
                                    size_t ld, void *dx, size_t lx)                                \
    {                                                                                              \
        return actfn_log_softmax_backward_##T(r, c, y, ly, dy, ld, dx, lx);                        \
    }
ACTFN_DTYPES(SM_FN_, ~)
static const struct {
    fwd_fn fwd[2];
    bwd_fn bwd[2];
} sm_fns[] = {
#define SM_ROW_(c_, T, TN, ctype, grade) {{sm_fwd_##T, lsm_fwd_##T}, {sm_bwd_##T, lsm_bwd_##T}},
    ACTFN_DTYPES(SM_ROW_, ~)
#undef SM_ROW_
};
static const char *const op_names[2] = {"softmax", "log_softmax"};

typedef struct {
    actfn_isa isa;
    const dtype *t;
    int dti;
} sm_test;

static int short_run;
static uint64_t rng = 88172645463325252u;
static uint64_t next(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}
static double uni(void) { return (double)(next() >> 11) * 0x1p-53; }

/* ---- the reference ---------------------------------------------------- */

/* ULP of the format at the (exact) value r: subnormal spacing below the
 * smallest normal. */
static double ulp_of(const dtype *t, double r)
{
    int e;
    const int emin = 1 - dt_bias(t);
    (void)frexp(fabs(r), &e);
    e -= 1;
    if (e < emin || r == 0)
        e = emin;
    return ldexp(1.0, e - t->man_bits);
}

/* The row's exact results in long double (f32, bf16, f16: x − max is
 * exact in 64 bits where it matters, Σ of up to 2^20 terms keeps ~44
 * bits). */
static void ref_fwd_ld(const double *x, size_t n, int lg, long double *out)
{
    long double M = -INFINITY;
    int nan = 0;
    size_t ninf = 0;
    for (size_t j = 0; j < n; j++) {
        nan |= x[j] != x[j];
        if (x[j] > M)
            M = x[j];
        ninf += x[j] == INFINITY;
    }
    for (size_t j = 0; j < n; j++) {
        if (nan)
            out[j] = NAN;
        else if (M == -INFINITY)
            out[j] = lg ? -INFINITY : 0.0L;
        else if (ninf)
            out[j] = x[j] == INFINITY ? (lg ? -logl((long double)ninf) : 1.0L / ninf)
                                      : (lg ? -INFINITY : 0.0L);
    }
    if (nan || M == -INFINITY || ninf)
        return;
    long double T = 0; /* Σ over the non-maximal elements */
    size_t k = 0;
    for (size_t j = 0; j < n; j++) {
        if (x[j] == M)
            k++;
        else
            T += expl((long double)x[j] - M);
    }
    long double L = log1pl((long double)(k - 1) + T), S = (long double)k + T;
    for (size_t j = 0; j < n; j++)
        out[j] = lg ? ((long double)x[j] - M) - L : expl((long double)x[j] - M) / S;
}

/* The same at 160 bits in MPFR (f64). */
static void ref_fwd_mpfr(const double *x, size_t n, int lg, long double *out)
{
    double M = -INFINITY;
    int nan = 0, ninf = 0;
    for (size_t j = 0; j < n; j++) {
        nan |= x[j] != x[j];
        if (x[j] > M)
            M = x[j];
        ninf |= x[j] == INFINITY;
    }
    if (nan || M == -INFINITY || ninf) {
        ref_fwd_ld(x, n, lg, out);
        return;
    }
    mpfr_t T, d, e, L;
    mpfr_inits2(160, T, d, e, L, (mpfr_ptr)0);
    mpfr_set_ui(T, 0, MPFR_RNDN);
    size_t k = 0;
    for (size_t j = 0; j < n; j++) {
        if (x[j] == M) {
            k++;
            continue;
        }
        mpfr_set_d(d, x[j], MPFR_RNDN);
        mpfr_sub_d(d, d, M, MPFR_RNDN);
        mpfr_exp(e, d, MPFR_RNDN);
        mpfr_add(T, T, e, MPFR_RNDN);
    }
    mpfr_add_ui(L, T, (unsigned long)k - 1, MPFR_RNDN);
    mpfr_log1p(L, L, MPFR_RNDN); /* log S */
    for (size_t j = 0; j < n; j++) {
        mpfr_set_d(d, x[j], MPFR_RNDN);
        mpfr_sub_d(d, d, M, MPFR_RNDN);
        if (lg)
            mpfr_sub(e, d, L, MPFR_RNDN);
        else {
            mpfr_sub(e, d, L, MPFR_RNDN);
            mpfr_exp(e, e, MPFR_RNDN);
        }
        out[j] = mpfr_get_ld(e, MPFR_RNDN);
    }
    mpfr_clears(T, d, e, L, (mpfr_ptr)0);
}

/* Backward reference: the value (long double; f64 via MPFR's sum) and
 * Σ|terms|, the scale of the absolute allowance. */
static void ref_bwd(const dtype *t, const double *y, const double *dy, size_t n, int lg,
                    long double *out, long double *mag)
{
    long double s, sa = 0;
    if (t->size == 8) {
        mpfr_t S, p;
        mpfr_inits2(2200, S, p, (mpfr_ptr)0); /* exact sum of doubles / products */
        mpfr_set_ui(S, 0, MPFR_RNDN);
        for (size_t j = 0; j < n; j++) {
            mpfr_set_d(p, dy[j], MPFR_RNDN);
            if (!lg)
                mpfr_mul_d(p, p, y[j], MPFR_RNDN);
            mpfr_add(S, S, p, MPFR_RNDN);
        }
        s = mpfr_get_ld(S, MPFR_RNDN);
        mpfr_clears(S, p, (mpfr_ptr)0);
    } else {
        s = 0;
        for (size_t j = 0; j < n; j++)
            s += lg ? (long double)dy[j] : (long double)y[j] * dy[j];
    }
    for (size_t j = 0; j < n; j++)
        sa += lg ? fabsl((long double)dy[j]) : fabsl((long double)y[j] * dy[j]);
    for (size_t j = 0; j < n; j++) {
        if (lg) {
            long double ey = expl((long double)y[j]);
            out[j] = (long double)dy[j] - ey * s;
            mag[j] = fabsl((long double)dy[j]) + ey * sa;
        } else {
            out[j] = (long double)y[j] * ((long double)dy[j] - s);
            mag[j] = fabsl((long double)y[j] * dy[j]) + fabsl((long double)y[j]) * sa;
        }
    }
}

/* ---- inputs ----------------------------------------------------------- */

enum {
    K_NORMAL,
    K_WIDE,
    K_DOMINANT,
    K_EQUAL,
    K_MASK,
    K_ALL_NEGINF,
    K_POSINF,
    K_NAN,
    K_TINY,
    K_ZEROS,
    K_SUBNORMAL,
    K_HUGE,
    K_NEG_MAX,
    K_COUNT
};
static const char *const kind_names[K_COUNT] = {
    "normal", "±1e30", "dominant", "all equal", "−inf mask", "all −inf", "+inf",
    "NaN",    "tiny",  "±0",       "subnormal", "±max",      "−max"};

/* A row of n values of the format, of kind k, as doubles (exact) and bits. */
static void make_row(const dtype *t, int k, size_t n, double *v)
{
    const double big = t->exp_bits == 5 ? 6e4 : t->exp_bits == 8 ? 1e30 : 1e300;
    for (size_t j = 0; j < n; j++) {
        double r;
        switch (k) {
        case K_WIDE:
            r = (uni() - 0.5) * 2 * big * pow(2.0, -60 * uni());
            break;
        case K_DOMINANT:
            r = -60 - 30 * uni();
            break;
        case K_EQUAL:
            r = 1.25;
            break;
        case K_TINY:
            r = (uni() - 0.5) * 1e-3;
            break;
        case K_ZEROS: /* ±0 (max of ±0 must not matter), some −inf */
            r = next() % 4 ? (next() & 1 ? -0.0 : 0.0) : -INFINITY;
            break;
        case K_SUBNORMAL: /* the format's subnormals, either sign, and ±0 */
            r = ldexp((double)(next() % 1000) - 500.0, 1 - dt_bias(t) - t->man_bits);
            break;
        case K_HUGE:    /* the format's largest magnitudes: x − max overflows */
        case K_NEG_MAX: /* max at or near −(the largest finite): no room below it */
            r = ldexp(2.0 - ldexp(k == K_NEG_MAX ? 1.0 : (double)(1 + next() % 4), -t->man_bits),
                      dt_bias(t));
            r = k == K_NEG_MAX || next() % 2 ? -r : r;
            if (next() % 4 == 0)
                r = -INFINITY;
            break;
        default:
            r = (uni() - 0.5) * 40;
            break;
        }
        if (k == K_MASK && next() % 3 == 0)
            r = -INFINITY;
        if (k == K_ALL_NEGINF)
            r = -INFINITY;
        v[j] = dt_to_double(t, dt_from_double(t, r));
    }
    if (k == K_DOMINANT)
        v[next() % n] = 25.0;
    if (k == K_POSINF) {
        v[next() % n] = INFINITY;
        v[next() % n] = INFINITY;
    }
    if (k == K_NAN)
        v[next() % n] = NAN;
}

/* ---- checks ----------------------------------------------------------- */

typedef struct {
    double fwd[2], bwd[2]; /* max ULP seen, forward and backward, per op */
} maxima;
static maxima seen[4];

static const double fwd_bound[] = {4, 4, 1, 1}; /* by dtype index: f32, f64, bf16, f16 */
static const double bwd_bound[] = {8, 8, 1, 1};

/* One result r against the exact value ref: its error in ULPs (0 when both
 * are the same special). */
static double err_ulps(const dtype *t, uint64_t r, long double ref)
{
    double v = dt_to_double(t, r);
    if (isnan(ref) || isnan(v))
        return isnan(ref) && isnan(v) ? 0 : INFINITY;
    if (isinf(ref))
        return (double)ref == v ? 0 : INFINITY;
    /* ±inf beyond the format's range scores as the value an unbounded
     * exponent gives, ±2^(emax + 1) */
    if (isinf(v) && dt_from_double(t, (double)ref) == r)
        return 0; /* the correct rounding overflows */
    if (isinf(v))
        v = copysign(ldexp(1.0, dt_bias(t) + 1), v);
    return (double)(fabsl((long double)v - ref) / ulp_of(t, (double)ref));
}

static void check_fwd(const sm_test *m, int lg, size_t n, const double *x, const void *y,
                      const char *what)
{
    const dtype *t = m->t;
    long double *ref = malloc(n * sizeof *ref);
    assert_non_null(ref);
    (t->size == 8 ? ref_fwd_mpfr : ref_fwd_ld)(x, n, lg, ref);
    for (size_t j = 0; j < n; j++) {
        double e = err_ulps(t, dt_get(t, y, j), ref[j]);
        if (e > seen[m->dti].fwd[lg])
            seen[m->dti].fwd[lg] = e;
        EXPECT(e <= fwd_bound[m->dti], "%s %s n=%zu [%zu]: x %.9g got %.17g want %.17Lg (%.3g ULP)",
               op_names[lg], what, n, j, x[j], dt_to_double(t, dt_get(t, y, j)), ref[j], e);
    }
    free(ref);
}

static void check_bwd(const sm_test *m, int lg, size_t n, const double *y, const double *dy,
                      const void *dx, const char *what)
{
    const dtype *t = m->t;
    long double *ref = malloc(n * sizeof *ref), *mag = malloc(n * sizeof *mag);
    assert_non_null(ref);
    assert_non_null(mag);
    ref_bwd(t, y, dy, n, lg, ref, mag);
    const double eps = t->size == 8 ? 0x1p-52 : 0x1p-23;
    for (size_t j = 0; j < n; j++) {
        uint64_t r = dt_get(t, dx, j);
        double e = err_ulps(t, r, ref[j]);
        double ae = (double)fabsl((long double)dt_to_double(t, r) - ref[j]);
        int ok = e <= bwd_bound[m->dti] || ae <= eps * (double)mag[j];
        if (ok && e > seen[m->dti].bwd[lg] &&
            !(ae <= eps * (double)mag[j] && e > bwd_bound[m->dti]))
            seen[m->dti].bwd[lg] = e;
        EXPECT(ok,
               "%s bwd %s n=%zu [%zu]: y %.9g dy %.9g got %.17g want %.17Lg (%.3g ULP, abs %.3g vs "
               "%.3g)",
               op_names[lg], what, n, j, y[j], dy[j], dt_to_double(t, r), ref[j], e, ae,
               eps * (double)mag[j]);
    }
    free(ref);
    free(mag);
}

static void *alloc_elems(const dtype *t, size_t n)
{
    void *p = malloc(n * t->size + 64);
    assert_non_null(p);
    return p;
}
static void to_bits(const dtype *t, const double *v, void *a, size_t n)
{
    for (size_t j = 0; j < n; j++)
        dt_set(t, a, j, dt_from_double(t, v[j]));
}
static void from_bits(const dtype *t, const void *a, double *v, size_t n)
{
    for (size_t j = 0; j < n; j++)
        v[j] = dt_to_double(t, dt_get(t, a, j));
}

static const size_t lengths[] = {1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 32, 33, 100, 1000};
#define NLENGTHS (sizeof lengths / sizeof lengths[0])

/* Forward and backward of one row of every kind and length against the
 * reference, out of place and in place (y = x; dx = dy; dx = y). */
static void t_within_bound(void **state)
{
    const sm_test *m = *state;
    const dtype *t = m->t;
    if (actfn_set_isa(m->isa) != ACTFN_OK)
        skip();
    const size_t nmax = 1000;
    double *x = malloc(nmax * sizeof *x), *yv = malloc(nmax * sizeof *yv),
           *dy = malloc(nmax * sizeof *dy);
    void *xb = alloc_elems(t, nmax), *yb = alloc_elems(t, nmax), *io = alloc_elems(t, nmax);
    void *db = alloc_elems(t, nmax), *dxb = alloc_elems(t, nmax);
    assert_non_null(x);
    assert_non_null(yv);
    assert_non_null(dy);
    for (size_t li = 0; li < NLENGTHS; li++)
        for (int k = 0; k < K_COUNT; k++)
            for (int lg = 0; lg < 2; lg++) {
                const size_t n = lengths[li], sz = t->size;
                char what[64];
                snprintf(what, sizeof what, "%s", kind_names[k]);
                make_row(t, k, n, x);
                to_bits(t, x, xb, n);
                assert_int_equal(sm_fns[m->dti].fwd[lg](1, n, xb, n, yb, n), ACTFN_OK);
                check_fwd(m, lg, n, x, yb, what);
                memcpy(io, xb, n * sz);
                assert_int_equal(sm_fns[m->dti].fwd[lg](1, n, io, n, io, n), ACTFN_OK);
                EXPECT(dt_result_differs_at(t, io, yb, n) == n, "%s %s n=%zu: in place differs",
                       op_names[lg], what, n);
                if (k == K_NAN || k == K_ALL_NEGINF || k == K_POSINF)
                    continue;
                /* backward from the forward's output */
                from_bits(t, yb, yv, n);
                for (size_t j = 0; j < n; j++)
                    dy[j] = dt_to_double(t, dt_from_double(t, (uni() - 0.5) * 4));
                to_bits(t, dy, db, n);
                assert_int_equal(sm_fns[m->dti].bwd[lg](1, n, yb, n, db, n, dxb, n), ACTFN_OK);
                check_bwd(m, lg, n, yv, dy, dxb, what);
                memcpy(io, db, n * sz);
                assert_int_equal(sm_fns[m->dti].bwd[lg](1, n, yb, n, io, n, io, n), ACTFN_OK);
                EXPECT(dt_result_differs_at(t, io, dxb, n) == n, "%s bwd %s n=%zu: dx = dy differs",
                       op_names[lg], what, n);
                memcpy(io, yb, n * sz);
                assert_int_equal(sm_fns[m->dti].bwd[lg](1, n, io, n, db, n, io, n), ACTFN_OK);
                EXPECT(dt_result_differs_at(t, io, dxb, n) == n, "%s bwd %s n=%zu: dx = y differs",
                       op_names[lg], what, n);
            }
    free(x);
    free(yv);
    free(dy);
    free(xb);
    free(yb);
    free(io);
    free(db);
    free(dxb);
    finish();
}

/* One row of 2^20 elements (f32; f64 2^14 against MPFR; half 2^16): forward
 * and backward within the bound. */
static void t_long_row(void **state)
{
    const sm_test *m = *state;
    const dtype *t = m->t;
    if (actfn_set_isa(m->isa) != ACTFN_OK)
        skip();
    size_t n = t->size == 4 ? (size_t)1 << 20 : t->size == 8 ? (size_t)1 << 14 : (size_t)1 << 16;
    double *x = malloc(n * sizeof *x), *yv = malloc(n * sizeof *yv), *dy = malloc(n * sizeof *dy);
    void *xb = alloc_elems(t, n), *yb = alloc_elems(t, n), *db = alloc_elems(t, n);
    assert_non_null(x);
    assert_non_null(yv);
    assert_non_null(dy);
    for (int lg = 0; lg < 2; lg++) {
        make_row(t, lg ? K_NORMAL : K_TINY, n, x);
        to_bits(t, x, xb, n);
        assert_int_equal(sm_fns[m->dti].fwd[lg](1, n, xb, n, yb, n), ACTFN_OK);
        check_fwd(m, lg, n, x, yb, "long row");
        if (short_run)
            continue;
        from_bits(t, yb, yv, n);
        for (size_t j = 0; j < n; j++)
            dy[j] = dt_to_double(t, dt_from_double(t, (uni() - 0.5) * 4));
        to_bits(t, dy, db, n);
        assert_int_equal(sm_fns[m->dti].bwd[lg](1, n, yb, n, db, n, xb, n), ACTFN_OK);
        check_bwd(m, lg, n, yv, dy, xb, "long row");
    }
    free(x);
    free(yv);
    free(dy);
    free(xb);
    free(yb);
    free(db);
    finish();
}

/* Many rows of mixed kinds and lengths, ld > cols: the same bits as the
 * scalar path, as one call, row by row, and with other strides. */
static void t_same_bits_everywhere(void **state)
{
    const sm_test *m = *state;
    const dtype *t = m->t;
    if (actfn_set_isa(m->isa) != ACTFN_OK)
        skip();
    const size_t sz = t->size;
    const size_t shapes[][2] = {{7, 1},  {5, 3},  {9, 17},  {4, 16},
                                {3, 31}, {6, 64}, {3, 333}, {2, 1000}};
    for (size_t s = 0; s < sizeof shapes / sizeof shapes[0]; s++) {
        const size_t rows = shapes[s][0], cols = shapes[s][1], ld = cols + 3, ld2 = cols + 7;
        double *v = malloc(cols * sizeof *v);
        unsigned char *x = alloc_elems(t, rows * ld), *d = alloc_elems(t, rows * ld);
        unsigned char *a = alloc_elems(t, rows * ld), *b = alloc_elems(t, rows * ld2);
        unsigned char *c = alloc_elems(t, rows * ld);
        assert_non_null(v);
        for (size_t i = 0; i < rows; i++) {
            make_row(t, (int)(next() % K_COUNT), cols, v);
            to_bits(t, v, x + i * ld * sz, cols);
            /* odd rows: dy near a constant, so dy − Σ y·dy cancels and shows
             * the sum's last bits */
            for (size_t j = 0; j < cols; j++)
                dt_set(t, d + i * ld * sz, j,
                       dt_from_double(t, i % 2
                                             ? 1.0 + (uni() - 0.5) * 0x1p-30 * pow(2.0, -20 * uni())
                                             : (uni() - 0.5) * 4));
        }
        for (int lg = 0; lg < 2; lg++)
            for (int pass = 0; pass < 2; pass++) {
                /* scalar, one call; this path: one call (ld2), row by row (ld) */
                actfn_set_isa(ACTFN_ISA_SCALAR);
                if (pass == 0)
                    assert_int_equal(sm_fns[m->dti].fwd[lg](rows, cols, x, ld, a, ld), ACTFN_OK);
                else
                    assert_int_equal(sm_fns[m->dti].bwd[lg](rows, cols, x, ld, d, ld, a, ld),
                                     ACTFN_OK);
                actfn_set_isa(m->isa);
                if (pass == 0)
                    assert_int_equal(sm_fns[m->dti].fwd[lg](rows, cols, x, ld, b, ld2), ACTFN_OK);
                else
                    assert_int_equal(sm_fns[m->dti].bwd[lg](rows, cols, x, ld, d, ld, b, ld2),
                                     ACTFN_OK);
                /* in place over all rows (y = x; dx = dy), under the caller's
                 * rounding mode upward: the same bits, the mode kept */
                memcpy(c, pass == 0 ? x : d, rows * ld * sz);
                fesetround(FE_UPWARD);
                actfn_status st = pass == 0
                                      ? sm_fns[m->dti].fwd[lg](rows, cols, c, ld, c, ld)
                                      : sm_fns[m->dti].bwd[lg](rows, cols, x, ld, c, ld, c, ld);
                int mode = fegetround();
                fesetround(FE_TONEAREST);
                assert_int_equal(st, ACTFN_OK);
                EXPECT(mode == FE_UPWARD, "%s: the caller's rounding mode changed", op_names[lg]);
                for (size_t i = 0; i < rows; i++) {
                    size_t j = dt_result_differs_at(t, a + i * ld * sz, c + i * ld * sz, cols);
                    EXPECT(j == cols,
                           "%s %s %zux%zu row %zu [%zu]: in place, rounding upward, differs",
                           op_names[lg], pass ? "bwd" : "fwd", rows, cols, i, j);
                }
                for (size_t i = 0; i < rows; i++)
                    if (pass == 0)
                        assert_int_equal(
                            sm_fns[m->dti].fwd[lg](1, cols, x + i * ld * sz, 0, c + i * ld * sz, 0),
                            ACTFN_OK);
                    else
                        assert_int_equal(sm_fns[m->dti].bwd[lg](1, cols, x + i * ld * sz, 0,
                                                                d + i * ld * sz, 0, c + i * ld * sz,
                                                                0),
                                         ACTFN_OK);
                for (size_t i = 0; i < rows; i++) {
                    size_t j = dt_result_differs_at(t, a + i * ld * sz, b + i * ld2 * sz, cols);
                    EXPECT(j == cols, "%s %s %zux%zu row %zu [%zu]: path differs from scalar",
                           op_names[lg], pass ? "bwd" : "fwd", rows, cols, i, j);
                    j = dt_result_differs_at(t, a + i * ld * sz, c + i * ld * sz, cols);
                    EXPECT(j == cols, "%s %s %zux%zu row %zu [%zu]: row by row differs",
                           op_names[lg], pass ? "bwd" : "fwd", rows, cols, i, j);
                }
            }
        free(v);
        free(x);
        free(d);
        free(a);
        free(b);
        free(c);
    }
    finish();
}

/* The last row flush against a guarded page end (ld > cols), inputs and
 * outputs; then a single row flush against a page start. */
static void t_guard_pages(void **state)
{
    const sm_test *m = *state;
    const dtype *t = m->t;
    if (actfn_set_isa(m->isa) != ACTFN_OK)
        skip();
    guarded gx, gd, go;
    guarded_init(&gx);
    guarded_init(&gd);
    guarded_init(&go);
    const size_t sz = t->size;
    for (size_t li = 0; li < NLENGTHS; li++) {
        const size_t cols = lengths[li], ld = cols + 5, rows = 3;
        const size_t span = ((rows - 1) * ld + cols) * sz;
        if (span > gx.page)
            continue;
        for (int end = 0; end < 2; end++) {
            unsigned char *x = end ? gx.hi - span : gx.lo, *d = end ? gd.hi - span : gd.lo;
            unsigned char *o = end ? go.hi - span : go.lo;
            double *v = malloc(cols * sizeof *v), *yv = malloc(cols * sizeof *yv),
                   *dv = malloc(cols * sizeof *dv);
            assert_non_null(v);
            assert_non_null(yv);
            assert_non_null(dv);
            for (int lg = 0; lg < 2; lg++) {
                for (size_t i = 0; i < rows; i++) {
                    make_row(t, K_NORMAL, cols, v);
                    to_bits(t, v, x + i * ld * sz, cols);
                }
                assert_int_equal(sm_fns[m->dti].fwd[lg](rows, cols, x, ld, o, ld), ACTFN_OK);
                from_bits(t, x + 2 * ld * sz, v, cols);
                check_fwd(m, lg, cols, v, o + 2 * ld * sz, end ? "page end" : "page start");
                memcpy(x, o, span);
                for (size_t i = 0; i < rows; i++)
                    for (size_t j = 0; j < cols; j++)
                        dt_set(t, d + i * ld * sz, j, dt_from_double(t, (uni() - 0.5) * 4));
                assert_int_equal(sm_fns[m->dti].bwd[lg](rows, cols, x, ld, d, ld, o, ld), ACTFN_OK);
                from_bits(t, x + 2 * ld * sz, yv, cols);
                from_bits(t, d + 2 * ld * sz, dv, cols);
                check_bwd(m, lg, cols, yv, dv, o + 2 * ld * sz, end ? "page end" : "page start");
            }
            free(v);
            free(yv);
            free(dv);
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
    const sm_test *m = *state;
    const dtype *t = m->t;
    if (actfn_set_isa(m->isa) != ACTFN_OK)
        skip();
    enum { N = 64 };
    unsigned char x[N * 8], dy[N * 8], out[N * 8], before[N * 8];
    const size_t sz = t->size;
    for (size_t i = 0; i < N; i++) {
        dt_set(t, x, i, dt_from_double(t, (double)i / 8));
        dt_set(t, dy, i, dt_from_double(t, 1.0));
    }
    for (int lg = 0; lg < 2; lg++) {
        fwd_fn f = sm_fns[m->dti].fwd[lg];
        bwd_fn b = sm_fns[m->dti].bwd[lg];
        memset(out, 0xA5, sizeof out);
        memcpy(before, out, sizeof out);
#define UNTOUCHED(s, want, what)                                                                   \
    do {                                                                                           \
        actfn_status s_ = (s);                                                                     \
        EXPECT(s_ == (want) && memcmp(out, before, sizeof out) == 0,                               \
               "%s %s: status %d (want %d), output %s", op_names[lg], what, s_, want,              \
               memcmp(out, before, sizeof out) ? "written" : "untouched");                         \
    } while (0)
        UNTOUCHED(f(0, 4, x, 4, out, 4), ACTFN_OK, "rows = 0");
        UNTOUCHED(f(4, 0, NULL, 0, NULL, 0), ACTFN_OK, "cols = 0, NULL arrays");
        UNTOUCHED(b(0, 4, NULL, 4, NULL, 4, NULL, 4), ACTFN_OK, "bwd rows = 0, NULL arrays");
        UNTOUCHED(f(2, 4, NULL, 4, out, 4), ACTFN_ENULL, "x NULL");
        UNTOUCHED(b(2, 4, x, 4, NULL, 4, out, 4), ACTFN_ENULL, "dy NULL");
        UNTOUCHED(b(2, 4, NULL, 4, dy, 4, out, 4), ACTFN_ENULL, "y NULL");
        UNTOUCHED(f(2, 4, x, 3, out, 4), ACTFN_EPARAM, "ldx < cols");
        UNTOUCHED(f(2, 4, x, 4, out, 3), ACTFN_EPARAM, "ldy < cols");
        UNTOUCHED(b(2, 4, x, 4, dy, 3, out, 4), ACTFN_EPARAM, "lddy < cols");
        UNTOUCHED(b(2, 4, x, 4, dy, 4, out, 2), ACTFN_EPARAM, "lddx < cols");
        UNTOUCHED(f(3, 4, x, SIZE_MAX / 4, out, 4), ACTFN_ESIZE, "(rows − 1)·ldx overflows");
        UNTOUCHED(f(1, SIZE_MAX / 2, x, 0, out, 0), ACTFN_ESIZE, "cols·size overflows");
        UNTOUCHED(b(2, 4, x, 4, dy, SIZE_MAX / 2, out, 4), ACTFN_ESIZE, "lddy overflows");
        /* overlaps: y one element into x; same start, other ld; dx into dy or y */
        memcpy(out, x, sizeof out);
        memcpy(before, out, sizeof out);
        UNTOUCHED(f(2, 4, out, 4, out + sz, 4), ACTFN_EOVERLAP, "y = x + 1");
        UNTOUCHED(f(2, 4, out, 4, out, 5), ACTFN_EOVERLAP, "y = x, ldy ≠ ldx");
        UNTOUCHED(f(2, 4, out + 7 * sz, 8, out, 4), ACTFN_EOVERLAP, "y's span reaches into x's");
        UNTOUCHED(b(2, 4, x, 4, out + sz, 4, out, 4), ACTFN_EOVERLAP, "dx = dy − 1");
        UNTOUCHED(b(2, 4, out, 4, dy, 4, out + 2 * sz, 4), ACTFN_EOVERLAP, "dx = y + 2");
        UNTOUCHED(b(2, 4, out, 4, dy, 4, out, 6), ACTFN_EOVERLAP, "dx = y, lddx ≠ ldy");
#undef UNTOUCHED
    }
    finish();
}

static void t_report(void **state)
{
    const sm_test *m = *state;
    if (!actfn_isa_supported(m->isa))
        skip();
    const maxima *s = &seen[m->dti];
    print_message("%s %s: max ULP softmax %.3g, log_softmax %.3g; backward %.3g, %.3g\n",
                  m->t->name, actfn_isa_name(m->isa), s->fwd[0], s->fwd[1], s->bwd[0], s->bwd[1]);
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
    enum { NK = 6 };
    static sm_test ms[NDTYPES];
    static struct CMUnitTest tests[NDTYPES * NK];
    static char names[NDTYPES * NK][96];
    size_t n = 0;
    const char *path = actfn_isa_name((actfn_isa)isa);
    for (int d = 0; d < NDTYPES; d++) {
        ms[d] = (sm_test){(actfn_isa)isa, &dtypes[d], d};
        static const struct {
            const char *what;
            CMUnitTestFunction fn;
        } kinds[NK] = {{"within_bound", t_within_bound},
                       {"long_row_within_bound", t_long_row},
                       {"same_bits_as_scalar_any_split_any_ld", t_same_bits_everywhere},
                       {"guard_pages", t_guard_pages},
                       {"bad_arguments_nothing_written", t_bad_arguments},
                       {"report", t_report}};
        for (int i = 0; i < NK; i++) {
            snprintf(names[n], sizeof names[n], "softmax_%s_%s_%s", dtypes[d].name, kinds[i].what,
                     path);
            tests[n] = (struct CMUnitTest){names[n], kinds[i].fn, NULL, NULL, &ms[d]};
            n++;
        }
    }
    char group[64];
    snprintf(group, sizeof group, "softmax_%s", path);
    int failed = _cmocka_run_group_tests(group, tests, n, NULL, NULL);
    if (failed)
        return 1;
    return actfn_isa_supported((actfn_isa)isa) ? 0 : 77;
}
