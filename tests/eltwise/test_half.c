/*
 * bf16 and f16, exhaustively, per dispatch path, through the public API.
 *
 *   test_half [--sparse=K] <path> [<path> ...]   path: actfn_isa_name()
 *
 * CONTRACT.md "Accuracy": forward and derivative correctly rounded on all
 * 65,536 inputs of each format, every function, every path; backward
 * within 1 ULP of the format.  For each case (every registered function at
 * its defaults, plus the kernel variants and a few other parameters) ×
 * format × call, every bit pattern of the format is an input and the
 * result must equal, bit for bit, the format's round-to-nearest-even of
 * the true value:
 *   - the true value is the long-double reference (tests/reference/:
 *     64-bit significand, within ~1e-18 relative of the exact value) rounded
 *     exactly to the format (round_ld below: scaling by a power of two and
 *     rintl are exact).  That is the correct rounding unless the exact value
 *     lies within the reference's error of a rounding boundary; so every
 *     input whose reference lies within 2^-50 relative of a boundary (a
 *     midpoint, or the overflow threshold) is counted ("near"), and each
 *     such input is checked again in MPFR at 256 bits (ref_mpfr_half.c)
 *     where the function has an MPFR definition there, else it must be an
 *     exact tie of a function the registry marks exact (its long-double
 *     reference is then exact).  MPFR for every input instead would take
 *     minutes per path: this keeps each path's ctest near a minute.
 *   - NaN: any quiet NaN of the format (exponent all ones, top significand
 *     bit set).
 *   - zero: the sign the f32 call gives for the same input.
 * --sparse=K (emulated targets only, from tests/cmake/half.cmake) takes
 * every K-th pattern plus every special (zeros, subnormals, infinities,
 * NaNs, the largest finite values).
 *
 * Each test prints one line for docs/accuracy.md:
 *   HALF <case> <fmt> <fwd|der> <path> cr=<ok>/<n> near=<n> risk=<n>
 *   HALF <case> <fmt> bwd <path> maxulp=<u>
 * risk counts the inputs whose f32 result the library's correct-rounding
 * test sends to the f64 fix-up (the same rule, replayed on the f32 call's
 * result): the fraction of lanes that leave the fast path.
 * Plus: NaN patterns (every NaN of the format → a quiet NaN), the
 * conversions' NaN rule on a payload in the low 16 bits, and guard pages,
 * tails and in place for both formats.
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

#include "actfn.h"
#include "guard_page.h"
#include "isa_names.h"
#include "ref.h"
#include "ref_mpfr_half.h"

#define NPAT 65536u

/* ---- the formats ------------------------------------------------------------------------- */

typedef actfn_status (*fwd_fn)(actfn_kind, const actfn_params *, const uint16_t *, uint16_t *, size_t);
typedef actfn_status (*bwd_fn)(actfn_kind, const actfn_params *, const uint16_t *, const uint16_t *,
                               uint16_t *, size_t);
typedef struct {
    const char *name;
    int mbits, ebits; /* stored significand bits, exponent bits */
    fwd_fn fwd, der;
    bwd_fn bwd;
    uint16_t dys[5]; /* the backward's dy values */
} fmt;
static const fmt fmts[2] = {
    {"bf16", 7, 8, actfn_forward_bf16, actfn_derivative_bf16, actfn_backward_bf16,
     {0x3f80, 0xbf40, 0x4049, 0x3a83, 0x7f00}}, /* 1, -0.75, 3.140625, ~1e-3, 2^127 */
    {"f16", 10, 5, actfn_forward_f16, actfn_derivative_f16, actfn_backward_f16,
     {0x3c00, 0xba00, 0x4248, 0x1401, 0x7800}}, /* 1, -0.75, 3.140625, ~1e-3, 32768 */
};
static int bias(const fmt *f) { return (1 << (f->ebits - 1)) - 1; }
static uint16_t inf_bits(const fmt *f) { return (uint16_t)(((1u << f->ebits) - 1) << f->mbits); }
static int is_nan(const fmt *f, uint16_t h) { return (h & 0x7fffu) > inf_bits(f); }
static int is_qnan(const fmt *f, uint16_t h) { return is_nan(f, h) && (h >> (f->mbits - 1) & 1u); }

/* The exact value of a pattern. */
static long double value(const fmt *f, uint16_t h)
{
    int e = (h & 0x7fff) >> f->mbits;
    long double m = h & ((1u << f->mbits) - 1), v;
    if (e == (1 << f->ebits) - 1)
        v = m != 0 ? NAN : INFINITY;
    else if (e == 0)
        v = ldexpl(m, 1 - bias(f) - f->mbits);
    else
        v = ldexpl(m + ldexpl(1, f->mbits), e - bias(f) - f->mbits);
    return (h & 0x8000) ? -v : v;
}

/* r rounded to the format, to nearest-even, exactly; *near = 1 when r lies
 * within 2^-50·|r| of a rounding boundary (midpoint or overflow threshold). */
static uint16_t round_ld(const fmt *f, long double r, int *near)
{
    *near = 0;
    if (isnan(r))
        return (uint16_t)(inf_bits(f) | 1u << (f->mbits - 1));
    uint16_t s = signbit(r) ? 0x8000 : 0;
    long double a = fabsl(r);
    if (isinf(a))
        return s | inf_bits(f);
    if (a == 0)
        return s;
    int emin = 1 - bias(f), e = ilogbl(a);
    if (e < emin)
        e = emin;
    long double q = ldexpl(a, f->mbits - e); /* the format's ULP at e is 1 */
    long double n = rintl(q);                 /* the test runs in round-to-nearest */
    *near = fabsl(fabsl(q - floorl(q)) - 0.5L) <= ldexpl(q, -50);
    long double b = ldexpl((long double)(e - emin), f->mbits) + n;
    if (b >= inf_bits(f))
        return s | inf_bits(f);
    return s | (uint16_t)b;
}

/* |y − r| in ULPs of the format at |r|; an inf y scores as 2^(emax+1). */
static double ulp_err(const fmt *f, uint16_t y, long double r)
{
    if (isnan(r) || is_nan(f, y))
        return isnan(r) && is_nan(f, y) ? 0 : INFINITY;
    long double v = value(f, y);
    if (isinf(v))
        v = copysignl(ldexpl(1, bias(f) + 1), v);
    if (isinf(r))
        return v == r ? 0 : INFINITY;
    int e = r == 0 ? 0 : ilogbl(r);
    if (r == 0 || e < 1 - bias(f))
        e = 1 - bias(f);
    return (double)(fabsl(v - r) / ldexpl(1, e - f->mbits));
}

/* ---- the cases -------------------------------------------------------------------------- */

typedef struct {
    actfn_kind kind;
    actfn_params p;
    char label[48], tag[48];
    int exact; /* the registry's exact column */
} half_case;
#define NCASES (ACTFN_KIND_COUNT + 21)
static half_case cases[NCASES];
static int ncases;
static const unsigned char exact_col[] = {
#define ACTFN_ELTWISE(name, KIND, fl, dl, ex, ...) ex,
#include "registry/eltwise.def"
#undef ACTFN_ELTWISE
};

/* The inputs: all patterns, or (--sparse=K) every K-th and the specials. */
static uint16_t xs[NPAT];
static size_t nx;

/* The expected results of a case × format, computed once per process. */
typedef struct {
    int done;
    uint16_t fwd[NPAT], der[NPAT];
    double dref[NPAT]; /* f'(x) for the backward */
    unsigned near[2], mpfr_checked[2], mpfr_differs[2], unresolved[2];
} expected;
static expected *exp_tab[NCASES][2];

static const expected *expect(int c, int fi)
{
    const fmt *f = &fmts[fi];
    expected *E = exp_tab[c][fi];
    if (E && E->done)
        return E;
    E = exp_tab[c][fi] = calloc(1, sizeof *E);
    assert_non_null(E);
    const ref_entry *re = &ref_table[cases[c].kind];
    for (size_t i = 0; i < nx; i++) {
        long double x = value(f, xs[i]);
        for (int call = 0; call < 2; call++) {
            long double r = call == 0 ? re->fwd(x, &cases[c].p) : re->der(x, &cases[c].p);
            int near;
            uint16_t h = round_ld(f, r, &near);
            if (call == 1)
                E->dref[i] = (double)r;
            if (near) {
                E->near[call]++;
                int m = ref_mpfr_half(cases[c].kind, call, &cases[c].p, x, f->mbits + 1,
                                      1 - bias(f), bias(f), &h);
                if (m > 0) {
                    E->mpfr_checked[call]++;
                    uint16_t l = round_ld(f, r, &near);
                    E->mpfr_differs[call] += l != h;
                } else if (!cases[c].exact) {
                    E->unresolved[call]++;
                }
            }
            (call == 0 ? E->fwd : E->der)[i] = h;
        }
    }
    E->done = 1;
    return E;
}

/* The correct-rounding test of generic/loops_eltwise.inc on a result y,
 * replayed: the float's bits below the format's precision within K of
 * 10…0 (f16 below 2^-14: those of |y| + 2^-14), K = 4 forward, 8
 * derivative (the transcendental functions' K; the exact ones use 3 and 2,
 * avx512's paired bf16 loop a wider first test).  1 when the library sends
 * the lane out of line. */
static int at_risk(const fmt *f, float y, int call)
{
    float a = fabsf(y);
    if (isnan(a) || isinf(a))
        return 0;
    const uint32_t k = call ? 8u : 4u;
    const int low = 23 - f->mbits; /* bits below the format's precision: 16, 13 */
    if (f->mbits == 10 && a < 0x1p-14f)
        a += 0x1p-14f;
    uint32_t u;
    memcpy(&u, &a, sizeof u);
    uint32_t r = u & ((1u << low) - 1u), mid = 1u << (low - 1);
    return (r > mid ? r - mid : mid - r) <= k;
}

/* ---- the tests -------------------------------------------------------------------------- */

typedef struct {
    int c, fi, call; /* call: 0 fwd, 1 der, 2 bwd */
    actfn_isa isa;
    char name[96];
} half_test;

static void report_fail(const char *what, const fmt *f, size_t *shown, uint16_t x, uint16_t got,
                        uint16_t want)
{
    if ((*shown)++ < 6)
        print_message("  %s %s x=0x%04x (%Lg): got 0x%04x (%Lg), want 0x%04x (%Lg)\n", what, f->name,
                      x, value(f, x), got, value(f, got), want, value(f, want));
}

static void run_cr(void **state)
{
    const half_test *t = *state;
    const half_case *c = &cases[t->c];
    const fmt *f = &fmts[t->fi];
    if (!actfn_isa_supported(t->isa))
        skip();
    assert_int_equal(actfn_set_isa(t->isa), ACTFN_OK);
    const expected *E = expect(t->c, t->fi);
    const uint16_t *want = t->call ? E->der : E->fwd;

    static uint16_t y[NPAT], yi[NPAT];
    static float x32[NPAT], y32[NPAT];
    assert_int_equal((t->call ? f->der : f->fwd)(c->kind, &c->p, xs, y, nx), ACTFN_OK);
    /* in place, the same patterns (a loop that reads x again after its stores would not) */
    memcpy(yi, xs, nx * sizeof *yi);
    assert_int_equal((t->call ? f->der : f->fwd)(c->kind, &c->p, yi, yi, nx), ACTFN_OK);
    size_t inplace_bad = 0;
    for (size_t i = 0; i < nx; i++)
        if (yi[i] != y[i] && inplace_bad++ < 3)
            print_message("  in place %s x=0x%04x: 0x%04x, not 0x%04x\n", f->name, xs[i], yi[i], y[i]);
    for (size_t i = 0; i < nx; i++)
        x32[i] = (float)value(f, xs[i]);
    assert_int_equal((t->call ? actfn_derivative_f32 : actfn_forward_f32)(c->kind, &c->p, x32, y32, nx),
                     ACTFN_OK);
    size_t ok = 0, shown = 0, risk = 0;
    for (size_t i = 0; i < nx; i++) {
        risk += at_risk(f, y32[i], t->call);
        int good;
        if (is_nan(f, want[i]))
            good = is_qnan(f, y[i]);
        else if ((want[i] & 0x7fff) == 0)
            good = (y[i] & 0x7fff) == 0 && !!(y[i] & 0x8000) == !!signbit(y32[i]);
        else
            good = y[i] == want[i];
        ok += good;
        if (!good)
            report_fail(t->call ? "der" : "fwd", f, &shown, xs[i], y[i], want[i]);
    }
    print_message("HALF %s %s %s %s cr=%zu/%zu near=%u mpfr=%u/%u risk=%zu\n", c->label, f->name,
                  t->call ? "der" : "fwd", actfn_isa_name(t->isa), ok, nx, E->near[t->call],
                  E->mpfr_checked[t->call] - E->mpfr_differs[t->call], E->mpfr_checked[t->call], risk);
    assert_int_equal(E->unresolved[t->call], 0);
    assert_int_equal(ok, nx);
    assert_int_equal(inplace_bad, 0);
}

static void run_bwd(void **state)
{
    const half_test *t = *state;
    const half_case *c = &cases[t->c];
    const fmt *f = &fmts[t->fi];
    if (!actfn_isa_supported(t->isa))
        skip();
    assert_int_equal(actfn_set_isa(t->isa), ACTFN_OK);
    const expected *E = expect(t->c, t->fi);
    static uint16_t dy[NPAT], dx[NPAT];
    double worst = 0;
    size_t shown = 0;
    for (int d = 0; d < 5; d++) {
        for (size_t i = 0; i < nx; i++)
            dy[i] = f->dys[d];
        assert_int_equal(f->bwd(c->kind, &c->p, xs, dy, dx, nx), ACTFN_OK);
        long double dyv = value(f, f->dys[d]);
        for (size_t i = 0; i < nx; i++) {
            long double r = dyv * (long double)E->dref[i];
            double u = ulp_err(f, dx[i], r);
            if (isnan(r) && isnan(E->dref[i]))
                u = is_qnan(f, dx[i]) ? 0 : INFINITY;
            if (u > worst)
                worst = u;
            if (u > 1.0) {
                int n;
                report_fail("bwd", f, &shown, xs[i], dx[i], round_ld(f, r, &n));
            }
        }
    }
    print_message("HALF %s %s bwd %s maxulp=%.3f\n", c->label, f->name, actfn_isa_name(t->isa), worst);
    assert_true(worst <= 1.0);
}

/* Every NaN pattern in gives a quiet NaN out, every call and kind; the
 * scalar conversions keep a NaN whose payload is only in the low 16 bits. */
static void run_nan(void **state)
{
    const half_test *t = *state;
    const fmt *f = &fmts[t->fi];
    if (!actfn_isa_supported(t->isa))
        skip();
    assert_int_equal(actfn_set_isa(t->isa), ACTFN_OK);
    static uint16_t nx_[NPAT], y[NPAT], dy[NPAT];
    size_t n = 0;
    for (uint32_t h = 0; h < NPAT; h++)
        if (is_nan(f, (uint16_t)h))
            nx_[n++] = (uint16_t)h;
    for (size_t i = 0; i < n; i++)
        dy[i] = f->dys[0];
    for (int k = 0; k < ACTFN_KIND_COUNT; k++)
        for (int call = 0; call < 3; call++) {
            actfn_status s = call == 0   ? f->fwd((actfn_kind)k, NULL, nx_, y, n)
                             : call == 1 ? f->der((actfn_kind)k, NULL, nx_, y, n)
                                         : f->bwd((actfn_kind)k, NULL, nx_, dy, y, n);
            assert_int_equal(s, ACTFN_OK);
            for (size_t i = 0; i < n; i++)
                if (!is_qnan(f, y[i]))
                    fail_msg("%s %s call %d: x=0x%04x gives 0x%04x", actfn_kind_name((actfn_kind)k),
                             f->name, call, nx_[i], y[i]);
        }
    /* dy NaN with a finite f'(x): x = +0, identity */
    static uint16_t zeros[NPAT];
    assert_int_equal(f->bwd(ACTFN_IDENTITY, NULL, zeros, nx_, y, n), ACTFN_OK);
    for (size_t i = 0; i < n; i++)
        assert_true(is_qnan(f, y[i]));
}

/* Guard pages, tails and in place: x flush against either end of a
 * guarded page, n = 1..40 from many offsets into the patterns; results
 * equal to one call over all patterns. */
static void run_mem(void **state)
{
    const half_test *t = *state;
    const fmt *f = &fmts[t->fi];
    if (!actfn_isa_supported(t->isa))
        skip();
    assert_int_equal(actfn_set_isa(t->isa), ACTFN_OK);
    static uint16_t full[3][NPAT], in[NPAT], dy[NPAT];
    const actfn_kind ks[] = {ACTFN_GELU, ACTFN_SILU, ACTFN_LEAKY_RELU, ACTFN_CELU};
    guarded g;
    guarded_init(&g);
    uint16_t *lo = (uint16_t *)(void *)g.lo, *hi = (uint16_t *)(void *)g.hi;
    for (uint32_t i = 0; i < NPAT; i++)
        dy[i] = f->dys[2];
    for (size_t kk = 0; kk < sizeof ks / sizeof ks[0]; kk++) {
        actfn_kind k = ks[kk];
        assert_int_equal(f->fwd(k, NULL, xs, full[0], nx), ACTFN_OK);
        assert_int_equal(f->der(k, NULL, xs, full[1], nx), ACTFN_OK);
        assert_int_equal(f->bwd(k, NULL, xs, dy, full[2], nx), ACTFN_OK);
        /* in place over everything */
        for (int call = 0; call < 3; call++) {
            memcpy(in, xs, nx * sizeof *in);
            if (call == 0)
                f->fwd(k, NULL, in, in, nx);
            else if (call == 1)
                f->der(k, NULL, in, in, nx);
            else
                f->bwd(k, NULL, in, dy, in, nx);
            assert_memory_equal(in, full[call], nx * sizeof *in);
        }
        for (size_t off = 0; off + 40 < nx; off += 997) {
            for (size_t n = 1; n <= 40; n++) {
                for (int end = 0; end < 2; end++) {
                    uint16_t *x = end ? hi - n : lo;
                    uint16_t *ydst = end ? lo : hi - n;
                    for (int call = 0; call < 3; call++) {
                        memcpy(x, xs + off, n * sizeof *x);
                        memset(ydst, 0xa5, n * sizeof *ydst);
                        if (call == 0)
                            f->fwd(k, NULL, x, ydst, n);
                        else if (call == 1)
                            f->der(k, NULL, x, ydst, n);
                        else
                            f->bwd(k, NULL, x, dy, ydst, n);
                        assert_memory_equal(ydst, full[call] + off, n * sizeof *ydst);
                        /* in place, flush against the guard */
                        if (call == 0)
                            f->fwd(k, NULL, x, x, n);
                        else if (call == 1)
                            f->der(k, NULL, x, x, n);
                        else
                            f->bwd(k, NULL, x, dy, x, n);
                        assert_memory_equal(x, full[call] + off, n * sizeof *x);
                    }
                }
            }
        }
    }
    guarded_free(&g);
}

/* ---- main --------------------------------------------------------------------------------- */

static void add_case(actfn_kind k, float alpha, int set_alpha)
{
    half_case *c = &cases[ncases++];
    c->kind = k;
    actfn_params_default(k, &c->p);
    c->exact = exact_col[k];
    const char *name = actfn_kind_name(k);
    if (set_alpha) {
        c->p.alpha = alpha;
        snprintf(c->label, sizeof c->label, "%s@alpha=%g", name, (double)alpha);
        snprintf(c->tag, sizeof c->tag, "%s_alpha_%g", name, (double)alpha);
        for (char *s = c->tag; *s; s++)
            if (*s == '.')
                *s = 'p';
    } else {
        snprintf(c->label, sizeof c->label, "%s", name);
        snprintf(c->tag, sizeof c->tag, "%s", name);
    }
}

/* a function of two bounds at alpha and beta */
static void add_case_ab(actfn_kind k, float alpha, float beta)
{
    half_case *c = &cases[ncases++];
    c->kind = k;
    actfn_params_default(k, &c->p);
    c->exact = exact_col[k];
    c->p.alpha = alpha;
    c->p.beta = beta;
    const char *name = actfn_kind_name(k);
    snprintf(c->label, sizeof c->label, "%s@alpha=%g,beta=%g", name, (double)alpha, (double)beta);
    snprintf(c->tag, sizeof c->tag, "%s_alpha_%g_beta_%g", name, (double)alpha, (double)beta);
    for (char *s = c->tag; *s; s++)
        if (*s == '.' || *s == '-')
            *s = *s == '.' ? 'p' : 'm';
}

static int run_path(actfn_isa isa)
{
    enum { PER_CASE = 2 * 3 };
    static half_test ts[NCASES * PER_CASE + 4];
    static struct CMUnitTest tests[NCASES * PER_CASE + 4];
    size_t n = 0;
    const char *path = actfn_isa_name(isa);
    for (int c = 0; c < ncases; c++)
        for (int fi = 0; fi < 2; fi++)
            for (int call = 0; call < 3; call++) {
                half_test *t = &ts[n];
                *t = (half_test){.c = c, .fi = fi, .call = call, .isa = isa};
                if (call < 2)
                    snprintf(t->name, sizeof t->name, "%s_%s_%s_%s_correctly_rounded", cases[c].tag,
                             call ? "der" : "fwd", fmts[fi].name, path);
                else
                    snprintf(t->name, sizeof t->name, "%s_bwd_%s_%s_within_1ulp", cases[c].tag,
                             fmts[fi].name, path);
                tests[n] = (struct CMUnitTest){t->name, call < 2 ? run_cr : run_bwd, NULL, NULL, t};
                n++;
            }
    for (int fi = 0; fi < 2; fi++) {
        half_test *t = &ts[n];
        *t = (half_test){.fi = fi, .isa = isa};
        snprintf(t->name, sizeof t->name, "nan_patterns_%s_%s_quiet_nan", fmts[fi].name, path);
        tests[n++] = (struct CMUnitTest){t->name, run_nan, NULL, NULL, t};
        t = &ts[n];
        *t = (half_test){.fi = fi, .isa = isa};
        snprintf(t->name, sizeof t->name, "guard_tail_inplace_%s_%s", fmts[fi].name, path);
        tests[n++] = (struct CMUnitTest){t->name, run_mem, NULL, NULL, t};
    }
    char group[64];
    snprintf(group, sizeof group, "half_%s", path);
    printf("%s: %zu inputs per format\n", group, nx);
    fflush(stdout);
    return _cmocka_run_group_tests(group, tests, n, NULL, NULL);
}

int main(int argc, char **argv)
{
    actfn_isa isas[ACTFN_ISA_COUNT];
    int nisa = 0;
    unsigned sparse = 1;
    for (int a = 1; a < argc; a++) {
        if (strncmp(argv[a], "--sparse=", 9) == 0) {
            sparse = (unsigned)strtoul(argv[a] + 9, NULL, 10);
            if (sparse < 1 || sparse > 1000) {
                fprintf(stderr, "test_half: --sparse=K needs K in 1..1000\n");
                return 2;
            }
            continue;
        }
        int isa = isa_from_name(argv[a]);
        if (isa < 0 || nisa == ACTFN_ISA_COUNT) {
            fprintf(stderr, "test_half: unknown path \"%s\"\n", argv[a]);
            return 2;
        }
        isas[nisa++] = (actfn_isa)isa;
    }
    if (nisa == 0) {
        fprintf(stderr, "usage: %s [--sparse=K] ", argv[0]);
        print_isa_names(stderr, "|");
        fprintf(stderr, " ...\n");
        return 2;
    }
    /* Every K-th pattern, and the specials of both formats: zeros,
     * subnormals and the smallest normals, the largest finite values,
     * infinities and NaNs (their exponent field at either end). */
    for (uint32_t h = 0; h < NPAT; h++) {
        uint32_t a = h & 0x7fff;
        int special = a < 0x0500 || (a >= 0x7b00 && a <= 0x7cff) || a >= 0x7f00;
        if (sparse == 1 || h % sparse == 0 || special)
            xs[nx++] = (uint16_t)h;
    }
    if (ref_init() != 0)
        return 1;
    for (int k = 0; k < ACTFN_KIND_COUNT; k++)
        add_case((actfn_kind)k, 0, 0);
    add_case(ACTFN_SWISH, 0.5f, 1);   /* swish's own body */
    add_case(ACTFN_SWISH, 0.0f, 1);   /* the swish_half variant */
    add_case(ACTFN_SOFTPLUS, 2.0f, 1); /* softplus's own body (default 1: softplus_a1) */
    add_case(ACTFN_LEAKY_RELU, 0.3f, 1);
    /* the one-rounding bodies rounded to odd (avx512): slopes whose products are exact ties
     * (x·3/4 has up to 11 significant bits of bf16's 8, 13 of f16's 11), or bf16 subnormals; an
     * affine map with exact ties, and Keras's hard_sigmoid (0.2, 0.5) */
    add_case(ACTFN_LEAKY_RELU, 0.75f, 1);
    add_case(ACTFN_LEAKY_RELU, 1e-30f, 1);
    add_case_ab(ACTFN_HARD_SIGMOID, 0.75f, 0.375f);
    add_case_ab(ACTFN_HARD_SIGMOID, 0.2f, 0.5f);
    /* alpha·x on a midpoint, beta below double's reach of it: f16 x = 17·2^-24 gives 9·2^-24
     * (the f64 second look's tie hook; avx512 rounds to odd) */
    add_case_ab(ACTFN_HARD_SIGMOID, 0.5f, 3.9e-39f);
    /* rrelu's slope (lower + upper)/2 as two floats hi + lo (avx512): 0.2 needs lo's few bits;
     * 1.5 + 2^-30 puts x·hi on a bf16 midpoint where x·lo underflows (x = −3·2^-133: the
     * lanes below rrelu's tiny bound, taken again in f64); an lo of many bits, the test */
    add_case_ab(ACTFN_RRELU, 0.1f, 0.3f);
    add_case_ab(ACTFN_RRELU, 0x1p-29f, 3.0f);
    add_case_ab(ACTFN_RRELU, 1.2345678e-6f, 1.0f);
    /* x − λ inexact: 2^-11 − 2^-30 puts it just above f16 midpoints (the default 0.5 is exact) */
    add_case(ACTFN_SOFTSHRINK, 0x1.ffffcp-12f, 1);
    /* the tie hooks (src/registry/ties.def) of two unparameterised
     * functions: a parameter the function ignores changes nothing */
    add_case(ACTFN_BENT_IDENTITY, 2.5f, 1);
    add_case(ACTFN_TANHSHRINK, 2.5f, 1);
    /* bounds between two values of either format: the 16-bit loops compare x with the
     * format's neighbours of a bound and write the bound's rounding (piecewise.h) */
    add_case(ACTFN_HARDSHRINK, 0.3f, 1);
    add_case_ab(ACTFN_HARD_TANH, -0.3f, 0.7f);
    add_case_ab(ACTFN_HARD_TANH, -1e-7f, 70000.0f); /* f16: a subnormal's and inf's neighbours */
    /* hard_tanh's two forms on the 16-bit patterns: by x's sign where the bounds lie either side
     * of zero (the cases above), the order key where both lie on one side, or a zero bound
     * (+0 below, its −0 kept; −1e-9 rounds to f16's −0 and its derivative's bound is −0's
     * neighbour) */
    add_case_ab(ACTFN_HARD_TANH, 0.0f, 6.0f);
    add_case_ab(ACTFN_HARD_TANH, -2.5f, -0.3f);
    add_case_ab(ACTFN_HARD_TANH, -1e-9f, 0.5f);

    int failed = 0, supported = 0;
    for (int i = 0; i < nisa; i++) {
        supported += actfn_isa_supported(isas[i]);
        failed |= run_path(isas[i]);
    }
    for (int c = 0; c < ncases; c++)
        for (int fi = 0; fi < 2; fi++)
            free(exp_tab[c][fi]);
    if (failed)
        return 1;
    return supported ? 0 : 77;
}
