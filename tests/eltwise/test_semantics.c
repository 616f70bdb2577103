/*
 * "Semantics every call keeps" (CONTRACT.md), for every kind × call on one
 * dispatch path, or across all paths:
 *
 *   test_semantics <path>   a path of the library (actfn_isa_name)
 *   test_semantics cross    paths against each other
 *
 * Kinds are iterated as 0..ACTFN_KIND_COUNT-1, paths as
 * 0..ACTFN_ISA_COUNT-1; names appear only where a test needs specific
 * parameters.  The functions whose results all paths must give bit for bit
 * are the registry's exact column (src/registry/eltwise.def).  A path this
 * CPU lacks runs every test as a named CMocka skip and exits 77 (ctest
 * SKIP_RETURN_CODE), so it never passes silently.
 */
#define _GNU_SOURCE /* MAP_ANONYMOUS under -std=c11 */
#include <float.h>
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cmocka.h>

#include <actfn.h>
#include "api_call.h"
#include "expect.h"
#include "float_bits.h"
#include "guard_page.h"
#include "isa_names.h"

/* ---- calls ---------------------------------------------------------------- */

static int kind_named(actfn_kind k, const char *const *names)
{
    const char *s = actfn_kind_name(k);
    for (; s != NULL && *names != NULL; names++)
        if (strcmp(s, *names) == 0)
            return 1;
    return 0;
}

/* ---- bits ----------------------------------------------------------------- */

/* A pattern no kernel produces from our inputs: "never written". */
#define SENTINEL 0xa5a5a5a5u

static void fill_sentinel(float *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        p[i] = fbits(SENTINEL);
}
/* Index of the first element that is not the sentinel, or n. */
static size_t written_at(const float *p, size_t n)
{
    size_t i = 0;
    while (i < n && bits(p[i]) == SENTINEL)
        i++;
    return i;
}
/* Index of the first bitwise difference, or n: memory that must not change. */
static size_t differs_at(const float *a, const float *b, size_t n)
{
    size_t i = 0;
    while (i < n && bits(a[i]) == bits(b[i]))
        i++;
    return i;
}
/* Index of the first result that differs, or n: bit for bit, except that any
 * NaN equals any NaN (the contract leaves NaN sign and payload open). */
static size_t result_differs_at(const float *a, const float *b, size_t n)
{
    size_t i = 0;
    while (i < n && (bits(a[i]) == bits(b[i]) || (a[i] != a[i] && b[i] != b[i])))
        i++;
    return i;
}

/* ---- inputs --------------------------------------------------------------- */

static uint32_t rng = 0x12345678u;
static uint32_t rnd(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 17;
    rng ^= rng << 5;
    return rng;
}

/* Kinks, limits, subnormals, huge values and NaNs, mixed with uniform values
 * in [-10, 10]: every branch of every body, in body and tail lanes. */
static const uint32_t special_bits[] = {
    0x00000000u, 0x80000000u, 0x3f800000u, 0xbf800000u, 0x40400000u, 0xc0400000u,
    0x40c00000u, 0xc0c00000u, 0x3f000000u, 0xbf000000u, 0x00000001u, 0x80000001u,
    0x00400000u, 0x807fffffu, 0x00800000u, 0x80800000u, 0x41a00000u, 0xc1a00000u,
    0x42b40000u, 0xc2b40000u, 0x42d00000u, 0xc2d00000u, 0x501502f9u, 0xd01502f9u,
    0x7f7fffffu, 0xff7fffffu, 0x7f800000u, 0xff800000u, 0x7fc00000u, 0xffc00000u,
    0x7fa00001u, 0x3a83126fu, 0xba83126fu, 0x3f3504f3u, 0xbf400000u, 0x40400001u,
};
#define NSPECIAL (sizeof special_bits / sizeof special_bits[0])

static float uniform(float lo, float hi)
{
    return lo + (hi - lo) * (float)(rnd() >> 8) * (1.0f / 16777216.0f);
}

static void fill_inputs(float *x, size_t n)
{
    for (size_t i = 0; i < n; i++)
        x[i] = (rnd() & 3) == 0 ? fbits(special_bits[rnd() % NSPECIAL]) : uniform(-10.0f, 10.0f);
}
static void fill_finite(float *x, size_t n, float lo, float hi)
{
    for (size_t i = 0; i < n; i++)
        x[i] = uniform(lo, hi);
}

/* ---- per-test context: which path and which call ---------------------------- */

typedef struct {
    actfn_isa isa;
    int c;
} ctx;

/* Switch to the test's path or skip the test by name if the CPU lacks it. */
static const ctx *use_path(void **state)
{
    const ctx *t = *state;
    if (!actfn_isa_supported(t->isa))
        skip();
    assert_int_equal(actfn_set_isa(t->isa), ACTFN_OK);
    assert_int_equal(actfn_active_isa(), t->isa);
    violations = 0;
    return t;
}

/* ---- n == 0 ----------------------------------------------------------------- */

static void t_n0_touches_nothing(void **state)
{
    const ctx *t = use_path(state);
    guarded g;
    guarded_init(&g);
    fill_sentinel(g.lo, g.floats);
    /* Pointers into PROT_NONE pages: any access, even a read, faults. */
    float *none_before = g.lo - 64, *none_after = g.hi;
    for (int k = 0; k < ACTFN_KIND_COUNT; k++) {
        actfn_params p;
        assert_int_equal(actfn_params_default((actfn_kind)k, &p), ACTFN_OK);
        actfn_status s;
        s = call(t->c, (actfn_kind)k, NULL, NULL, NULL, NULL, 0);
        EXPECT(s == ACTFN_OK, "%s: NULL pointers, n=0 -> %d", kname(k), s);
        s = call(t->c, (actfn_kind)k, &p, none_before, none_after, none_after + 16, 0);
        EXPECT(s == ACTFN_OK, "%s: inaccessible pointers, n=0 -> %d", kname(k), s);
        s = call(t->c, (actfn_kind)k, NULL, g.lo, g.lo + 100, g.lo + 200, 0);
        EXPECT(s == ACTFN_OK, "%s: valid pointers, n=0 -> %d", kname(k), s);
        /* Empty ranges cannot overlap: y = x + 1 with n = 0 is fine. */
        s = call(t->c, (actfn_kind)k, &p, g.lo + 300, g.lo + 300, g.lo + 301, 0);
        EXPECT(s == ACTFN_OK, "%s: shifted pointers, n=0 -> %d", kname(k), s);
        size_t w = written_at(g.lo, g.floats);
        EXPECT(w == g.floats, "%s: n=0 wrote element %zu", kname(k), w);
        fill_sentinel(g.lo, g.floats);
    }
    guarded_free(&g);
    finish();
}

/* ---- NULL pointers with n > 0 ------------------------------------------------- */

static void t_null_pointer_rejected(void **state)
{
    const ctx *t = use_path(state);
    enum { N = 67 };
    float x[N], dy[N], out[N], x0[N], dy0[N];
    static const size_t ns[] = {1, 5, 17, 67};
    for (int k = 0; k < ACTFN_KIND_COUNT; k++) {
        for (size_t in = 0; in < sizeof ns / sizeof ns[0]; in++) {
            size_t n = ns[in];
            /* bit 0: x NULL, bit 1: output NULL, bit 2: dy NULL (backward only) */
            int combos = t->c == BWD ? 8 : 4;
            for (int m = 1; m < combos; m++) {
                fill_inputs(x, N);
                fill_finite(dy, N, -2.0f, 2.0f);
                memcpy(x0, x, sizeof x);
                memcpy(dy0, dy, sizeof dy);
                fill_sentinel(out, N);
                actfn_status s = call(t->c, (actfn_kind)k, NULL, (m & 1) ? NULL : x,
                                      (m & 4) ? NULL : dy, (m & 2) ? NULL : out, n);
                EXPECT(s == ACTFN_ENULL, "%s n=%zu null-mask=%d: status %d, want ACTFN_ENULL",
                       kname(k), n, m, s);
                EXPECT(written_at(out, N) == N, "%s n=%zu null-mask=%d: output written",
                       kname(k), n, m);
                EXPECT(differs_at(x, x0, N) == N && differs_at(dy, dy0, N) == N,
                       "%s n=%zu null-mask=%d: an input was modified", kname(k), n, m);
            }
        }
    }
    finish();
}

/* ---- unknown kinds ------------------------------------------------------------ */

static void t_unknown_kind_rejected(void **state)
{
    const ctx *t = use_path(state);
    enum { N = 33 };
    float x[N], dy[N], out[N];
    const actfn_kind bad[] = {ACTFN_KIND_COUNT, (actfn_kind)-1, (actfn_kind)1000};
    const actfn_params some = {0.5f, 0.5f, 0.5f, 0.5f};
    fill_inputs(x, N);
    fill_finite(dy, N, -2.0f, 2.0f);
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        for (int withp = 0; withp < 2; withp++) {
            fill_sentinel(out, N);
            actfn_status s = call(t->c, bad[i], withp ? &some : NULL, x, dy, out, N);
            EXPECT(s == ACTFN_EKIND, "kind %d params=%s: status %d, want ACTFN_EKIND", (int)bad[i],
                   withp ? "given" : "NULL", s);
            EXPECT(written_at(out, N) == N, "kind %d: output written", (int)bad[i]);
        }
    }
    finish();
}

/* ---- invalid parameters --------------------------------------------------------- */

typedef struct {
    const char *kind;
    int field; /* 0..3 = alpha..delta */
    uint32_t value;
} bad_param;

#define P_QNAN 0x7fc00000u
#define P_NQNAN 0xffc00000u
#define P_SNAN 0x7f800001u
#define P_PNAN 0x7fc12345u
#define P_PINF 0x7f800000u
#define P_NINF 0xff800000u

static const bad_param bad_params[] = {
    {"leaky_relu", 0, P_QNAN}, {"leaky_relu", 0, P_NQNAN}, {"leaky_relu", 0, P_SNAN},
    {"leaky_relu", 0, P_PNAN}, {"leaky_relu", 0, P_PINF},  {"leaky_relu", 0, P_NINF},
    {"elu", 0, P_QNAN},        {"elu", 0, P_NQNAN},        {"elu", 0, P_SNAN},
    {"elu", 0, P_PNAN},        {"elu", 0, P_PINF},         {"elu", 0, P_NINF},
    {"softplus", 0, P_QNAN},   {"softplus", 0, P_NQNAN},   {"softplus", 0, P_SNAN},
    {"softplus", 0, P_PNAN},   {"softplus", 0, P_PINF},    {"softplus", 0, P_NINF},
    /* softplus divides by alpha: alpha <= 0 is invalid, including -0 and
     * the negative subnormals */
    {"softplus", 0, 0x00000000u}, {"softplus", 0, 0x80000000u},
    {"softplus", 0, 0xbf800000u}, {"softplus", 0, 0x80000001u},
    {"softplus", 0, 0xff7fffffu},
    /* the other parameterised kinds: NaN or inf, celu's alpha = ±0 */
    {"prelu", 0, P_QNAN},      {"swish", 0, P_QNAN},       {"swish", 0, P_PINF},
    {"celu", 0, P_QNAN},       {"celu", 0, 0x00000000u}, {"celu", 0, 0x80000000u},
    {"hard_sigmoid", 0, P_QNAN}, {"hard_sigmoid", 1, P_QNAN},
    {"hard_tanh", 0, P_QNAN},  {"hard_tanh", 1, P_QNAN},
    {"softshrink", 0, P_QNAN}, {"hardshrink", 0, P_QNAN},
    {"rrelu", 0, P_QNAN},      {"rrelu", 1, P_QNAN},
};

static void set_field(actfn_params *p, int field, float v)
{
    float *f[4] = {&p->alpha, &p->beta, &p->gamma, &p->delta};
    *f[field] = v;
}

static void t_invalid_params_rejected(void **state)
{
    const ctx *t = use_path(state);
    enum { N = 33 };
    float x[N], dy[N], out[N];
    fill_inputs(x, N);
    fill_finite(dy, N, -2.0f, 2.0f);
    for (size_t i = 0; i < sizeof bad_params / sizeof bad_params[0]; i++) {
        const bad_param *b = &bad_params[i];
        actfn_kind k;
        if (actfn_kind_from_name(b->kind, &k) != ACTFN_OK) {
            EXPECT(0, "kind \"%s\" is not registered", b->kind);
            continue;
        }
        actfn_params p;
        assert_int_equal(actfn_params_default(k, &p), ACTFN_OK);
        set_field(&p, b->field, fbits(b->value));
        fill_sentinel(out, N);
        actfn_status s = call(t->c, k, &p, x, dy, out, N);
        EXPECT(s == ACTFN_EPARAM, "%s param[%d]=0x%08x: status %d, want ACTFN_EPARAM", b->kind,
               b->field, (unsigned)b->value, s);
        EXPECT(written_at(out, N) == N, "%s param[%d]=0x%08x: output written", b->kind, b->field,
               (unsigned)b->value);
    }
    /* hard_tanh with alpha > beta (contract). */
    actfn_kind ht;
    int have_ht = actfn_kind_from_name("hard_tanh", &ht) == ACTFN_OK;
    EXPECT(have_ht, "kind \"hard_tanh\" is not registered");
    if (have_ht) {
        actfn_params p = {1.0f, -1.0f, 0.0f, 0.0f};
        fill_sentinel(out, N);
        actfn_status s = call(t->c, ht, &p, x, dy, out, N);
        EXPECT(s == ACTFN_EPARAM, "hard_tanh alpha > beta: status %d", s);
        EXPECT(written_at(out, N) == N, "hard_tanh alpha > beta: output written");
    }
    finish();
}

/* Parameterless kinds (names from the contract, every one registered). */
static const char *const parameterless[] = {
    "identity", "step", "sign", "absolute", "relu", "relu6", "selu", "sigmoid", "log_sigmoid",
    "tanh", "lecun_tanh", "symmetric_sigmoid", "softsign", "arctan", "bent_identity", "loglog",
    "gaussian", "sin", "cos", "sinc", "gelu", "gelu_tanh", "quick_gelu", "silu", "hard_swish",
    "mish", "tanhshrink", NULL};

static void t_parameterless_kinds_ignore_params(void **state)
{
    const ctx *t = use_path(state);
    enum { N = 67 };
    float x[N], dy[N], ref[N], out[N];
    const actfn_params junk[] = {{NAN, NAN, NAN, NAN},
                                 {-INFINITY, INFINITY, 0.0f, -1.0f},
                                 {0.0f, 0.0f, 0.0f, 0.0f},
                                 {-5.0f, 1e30f, -0.0f, 7.0f}};
    fill_inputs(x, N);
    fill_finite(dy, N, -2.0f, 2.0f);
    for (const char *const *name = parameterless; *name != NULL; name++) {
        actfn_kind k;
        EXPECT(actfn_kind_from_name(*name, &k) == ACTFN_OK, "kind \"%s\" is not registered", *name);
    }
    for (int k = 0; k < ACTFN_KIND_COUNT; k++) {
        if (!kind_named((actfn_kind)k, parameterless))
            continue;
        actfn_params d;
        assert_int_equal(actfn_params_default((actfn_kind)k, &d), ACTFN_OK);
        EXPECT(d.alpha == 0 && d.beta == 0 && d.gamma == 0 && d.delta == 0,
               "%s: parameterless but default params are not all 0", kname(k));
        assert_int_equal(call(t->c, (actfn_kind)k, &d, x, dy, ref, N), ACTFN_OK);
        for (size_t j = 0; j < sizeof junk / sizeof junk[0]; j++) {
            fill_sentinel(out, N);
            actfn_status s = call(t->c, (actfn_kind)k, &junk[j], x, dy, out, N);
            EXPECT(s == ACTFN_OK, "%s junk params #%zu: status %d, want ACTFN_OK", kname(k), j, s);
            size_t i = result_differs_at(out, ref, N);
            EXPECT(s != ACTFN_OK || i == N, "%s junk params #%zu: [%zu] x=%a: %a, defaults give %a",
                   kname(k), j, i, x[i < N ? i : 0], out[i < N ? i : 0], ref[i < N ? i : 0]);
        }
    }
    finish();
}

static void t_null_params_means_defaults(void **state)
{
    const ctx *t = use_path(state);
    enum { N = 67 };
    float x[N], dy[N], ref[N], out[N];
    fill_inputs(x, N);
    fill_finite(dy, N, -2.0f, 2.0f);
    for (int k = 0; k < ACTFN_KIND_COUNT; k++) {
        actfn_params d;
        assert_int_equal(actfn_params_default((actfn_kind)k, &d), ACTFN_OK);
        fill_sentinel(ref, N);
        fill_sentinel(out, N);
        actfn_status s1 = call(t->c, (actfn_kind)k, &d, x, dy, ref, N);
        actfn_status s2 = call(t->c, (actfn_kind)k, NULL, x, dy, out, N);
        EXPECT(s1 == ACTFN_OK && s2 == ACTFN_OK, "%s: status %d with defaults, %d with NULL",
               kname(k), s1, s2);
        size_t i = result_differs_at(out, ref, N);
        EXPECT(i == N, "%s: [%zu] x=%a: NULL params give %a, defaults %a", kname(k), i,
               x[i < N ? i : 0], out[i < N ? i : 0], ref[i < N ? i : 0]);
    }
    finish();
}

/* ---- overlap -------------------------------------------------------------------- */

/* The whole arena is compared: with overlap, "nothing written" means no
 * element of either range changed. */
static void t_partial_overlap_rejected(void **state)
{
    const ctx *t = use_path(state);
    enum { A = 512, BASE = 160 };
    float arena[A], snap[A], other[A];
    static const size_t ns[] = {4, 17, 67};
    for (int k = 0; k < ACTFN_KIND_COUNT; k++) {
        for (size_t in = 0; in < sizeof ns / sizeof ns[0]; in++) {
            const ptrdiff_t n = (ptrdiff_t)ns[in];
            const ptrdiff_t shifts[] = {1, -1, 3, -3, n - 1, -(n - 1)};
            for (size_t si = 0; si < sizeof shifts / sizeof shifts[0]; si++) {
                const ptrdiff_t d = shifts[si];
                /* cases: 0 output shifted from x; backward also: 1 output
                 * shifted from dy, 2 dx == dy but x shifted, 3 dx == x but dy
                 * shifted */
                int ncases = t->c == BWD ? 4 : 1;
                for (int cs = 0; cs < ncases; cs++) {
                    fill_inputs(arena, A);
                    fill_finite(other, A, -2.0f, 2.0f);
                    float *x = arena + BASE, *dy = other + BASE, *out = x + d;
                    if (cs == 1) {
                        dy = arena + BASE;
                        x = other + BASE;
                        out = dy + d;
                    } else if (cs == 2) {
                        out = dy = arena + BASE;
                        x = out + d;
                    } else if (cs == 3) {
                        out = x = arena + BASE;
                        dy = out + d;
                    }
                    memcpy(snap, arena, sizeof arena);
                    actfn_status s = call(t->c, (actfn_kind)k, NULL, x, dy, out, (size_t)n);
                    EXPECT(s == ACTFN_EOVERLAP,
                           "%s n=%td shift=%td case=%d: status %d, want ACTFN_EOVERLAP", kname(k),
                           n, d, cs, s);
                    size_t i = differs_at(arena, snap, A);
                    EXPECT(i == A, "%s n=%td shift=%td case=%d: arena[%zu] written", kname(k), n,
                           d, cs, i);
                }
            }
        }
    }
    finish();
}

/* y == x (and dx == dy, dx == x, all three equal) give the out-of-place bits;
 * two inputs may overlap each other (only outputs are constrained). */
static void t_exact_alias_matches_out_of_place(void **state)
{
    const ctx *t = use_path(state);
    enum { N = 67 };
    float x[N], dy[N], ref[N], buf[N], buf2[2 * N];
    static const size_t ns[] = {1, 7, 16, 17, 33, 67};
    for (int k = 0; k < ACTFN_KIND_COUNT; k++) {
        for (size_t in = 0; in < sizeof ns / sizeof ns[0]; in++) {
            size_t n = ns[in];
            fill_inputs(x, N);
            fill_finite(dy, N, -2.0f, 2.0f);
            assert_int_equal(call(t->c, (actfn_kind)k, NULL, x, dy, ref, n), ACTFN_OK);
            actfn_status s;
            size_t i;
            /* out == x */
            memcpy(buf, x, sizeof x);
            s = call(t->c, (actfn_kind)k, NULL, buf, dy, buf, n);
            i = result_differs_at(buf, ref, n);
            EXPECT(s == ACTFN_OK && i == n, "%s n=%zu out==x: status %d, [%zu] %a vs %a",
                   kname(k), n, s, i, buf[i < n ? i : 0], ref[i < n ? i : 0]);
            if (t->c != BWD)
                continue;
            /* dx == dy */
            memcpy(buf, dy, sizeof dy);
            s = call(t->c, (actfn_kind)k, NULL, x, buf, buf, n);
            i = result_differs_at(buf, ref, n);
            EXPECT(s == ACTFN_OK && i == n, "%s n=%zu dx==dy: status %d, [%zu] %a vs %a",
                   kname(k), n, s, i, buf[i < n ? i : 0], ref[i < n ? i : 0]);
            /* x == dy == dx */
            float ref3[N];
            assert_int_equal(call(t->c, (actfn_kind)k, NULL, x, x, ref3, n), ACTFN_OK);
            memcpy(buf, x, sizeof x);
            s = call(t->c, (actfn_kind)k, NULL, buf, buf, buf, n);
            i = result_differs_at(buf, ref3, n);
            EXPECT(s == ACTFN_OK && i == n, "%s n=%zu x==dy==dx: status %d, [%zu] %a vs %a",
                   kname(k), n, s, i, buf[i < n ? i : 0], ref3[i < n ? i : 0]);
            /* x and dy overlap partially (inputs only): allowed */
            if (n > 1) {
                fill_inputs(buf2, 2 * N);
                const float *px = buf2, *pdy = buf2 + 1;
                float cx[N], cdy[N], r[N], o[N];
                memcpy(cx, px, n * sizeof(float));
                memcpy(cdy, pdy, n * sizeof(float));
                assert_int_equal(call(t->c, (actfn_kind)k, NULL, cx, cdy, r, n), ACTFN_OK);
                s = call(t->c, (actfn_kind)k, NULL, px, pdy, o, n);
                i = result_differs_at(o, r, n);
                EXPECT(s == ACTFN_OK && i == n,
                       "%s n=%zu x/dy partial overlap: status %d (inputs may overlap), [%zu]",
                       kname(k), n, s, i);
            }
        }
    }
    finish();
}

/* ---- long arrays ------------------------------------------------------------ */

/* Arrays long enough for the kernels' streaming stores (8 MiB of output and
 * more), starting on a 64-byte boundary and one float past it (a masked
 * head first), out of place and in place: bit for bit what the same call
 * gives in pieces of 1000, which never stream. */
static void t_long_arrays_equal_pieces(void **state)
{
    const ctx *t = use_path(state);
    const size_t n = ((size_t)1 << 21) + 37, piece = 1000;
    const size_t bytes = (n + 16) * sizeof(float) / 64 * 64 + 64; /* a multiple of 64 */
    float *bx = aligned_alloc(64, bytes);
    float *bdy = aligned_alloc(64, bytes);
    float *bout = aligned_alloc(64, bytes);
    float *ref = malloc(n * sizeof(float));
    assert_non_null(bx);
    assert_non_null(bdy);
    assert_non_null(bout);
    assert_non_null(ref);
    static const actfn_kind kinds[] = {ACTFN_RELU, ACTFN_SIGMOID, ACTFN_SILU, ACTFN_GELU};
    for (size_t ik = 0; ik < sizeof kinds / sizeof kinds[0]; ik++) {
        actfn_kind k = kinds[ik];
        for (int off = 0; off < 2; off++) {
            float *x = bx + off, *dy = bdy + off, *out = bout + off;
            fill_inputs(x, n);
            fill_finite(dy, n, -2.0f, 2.0f);
            for (size_t i = 0; i < n; i += piece)
                assert_int_equal(call(t->c, k, NULL, x + i, dy + i, ref + i,
                                      n - i < piece ? n - i : piece),
                                 ACTFN_OK);
            actfn_status s = call(t->c, k, NULL, x, dy, out, n);
            size_t i = result_differs_at(out, ref, n);
            EXPECT(s == ACTFN_OK && i == n, "%s n=%zu off=%d: status %d, [%zu] %a vs %a", kname(k),
                   n, off, s, i, out[i < n ? i : 0], ref[i < n ? i : 0]);
            memcpy(out, x, n * sizeof(float));
            s = call(t->c, k, NULL, out, dy, out, n);
            i = result_differs_at(out, ref, n);
            EXPECT(s == ACTFN_OK && i == n, "%s n=%zu off=%d in place: status %d, [%zu]",
                   kname(k), n, off, s, i);
        }
    }
    free(bx);
    free(bdy);
    free(bout);
    free(ref);
    finish();
}

/* ---- tails against guard pages --------------------------------------------------- */

enum { TAIL_MAX = 67 };

/* Reference: the same call one element at a time on the same path. */
static void one_by_one(int c, actfn_kind k, const float *x, const float *dy, float *out, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        float xi = x[i], dyi = dy[i], r = fbits(SENTINEL);
        assert_int_equal(call(c, k, NULL, &xi, &dyi, &r, 1), ACTFN_OK);
        out[i] = r;
    }
}

/* Places x, dy and out in three guarded pages (flush against the PROT_NONE
 * page after them, or `off` floats after the one before them), runs the call,
 * checks the result against one_by_one and that nothing else in any page
 * changed; then the same in place. */
static void tail_run(const ctx *t, int guard_before)
{
    guarded gx, gdy, gout;
    guarded_init(&gx);
    guarded_init(&gdy);
    guarded_init(&gout);
    float *snap_x = malloc(gx.page), *snap_dy = malloc(gx.page);
    assert_non_null(snap_x);
    assert_non_null(snap_dy);
    const int offs = guard_before ? 4 : 1;
    for (int k = 0; k < ACTFN_KIND_COUNT; k++) {
        for (size_t n = 0; n <= TAIL_MAX; n++) {
            for (int off = 0; off < offs; off++) {
                float vx[TAIL_MAX], vdy[TAIL_MAX], ref[TAIL_MAX];
                fill_inputs(vx, n);
                fill_finite(vdy, n, -2.0f, 2.0f);
                one_by_one(t->c, (actfn_kind)k, vx, vdy, ref, n);
                /* guard after: the last element ends at the PROT_NONE page
                 * (start alignment then varies with n); guard before: element
                 * 0 is `off` floats after the PROT_NONE page */
                float *x = guard_before ? gx.lo + off : gx.hi - n;
                float *dy = guard_before ? gdy.lo + off : gdy.hi - n;
                float *out = guard_before ? gout.lo + off : gout.hi - n;
                fill_sentinel(gx.lo, gx.floats);
                fill_sentinel(gdy.lo, gdy.floats);
                fill_sentinel(gout.lo, gout.floats);
                memcpy(x, vx, n * sizeof(float));
                memcpy(dy, vdy, n * sizeof(float));
                memcpy(snap_x, gx.lo, gx.page);
                memcpy(snap_dy, gdy.lo, gdy.page);
                actfn_status s = call(t->c, (actfn_kind)k, NULL, x, dy, out, n);
                EXPECT(s == ACTFN_OK, "%s n=%zu off=%d: status %d", kname(k), n, off, s);
                size_t i = result_differs_at(out, ref, n);
                EXPECT(i == n, "%s n=%zu off=%d: [%zu] x=%a: %a, one by one %a", kname(k), n, off,
                       i, x[i < n ? i : 0], out[i < n ? i : 0], ref[i < n ? i : 0]);
                size_t before = written_at(gout.lo, (size_t)(out - gout.lo));
                size_t after = written_at(out + n, (size_t)(gout.hi - (out + n)));
                EXPECT(before == (size_t)(out - gout.lo) && after == (size_t)(gout.hi - (out + n)),
                       "%s n=%zu off=%d: wrote outside [0, n)", kname(k), n, off);
                EXPECT(differs_at(gx.lo, snap_x, gx.floats) == gx.floats &&
                           differs_at(gdy.lo, snap_dy, gdy.floats) == gdy.floats,
                       "%s n=%zu off=%d: an input page changed", kname(k), n, off);
                /* in place, same placement: out == x (forward/derivative),
                 * dx == dy (backward) */
                memcpy(out, t->c == BWD ? vdy : vx, n * sizeof(float));
                s = call(t->c, (actfn_kind)k, NULL, t->c == BWD ? x : out, out, out, n);
                i = result_differs_at(out, ref, n);
                EXPECT(s == ACTFN_OK && i == n, "%s n=%zu off=%d in place: status %d, [%zu]",
                       kname(k), n, off, s, i);
            }
        }
    }
    free(snap_x);
    free(snap_dy);
    guarded_free(&gx);
    guarded_free(&gdy);
    guarded_free(&gout);
}

static void t_tail_guard_page_after(void **state)
{
    tail_run(use_path(state), 0);
    finish();
}
static void t_tail_guard_page_before(void **state)
{
    tail_run(use_path(state), 1);
    finish();
}

/* ---- NaN in, NaN out -------------------------------------------------------------- */

static const uint32_t nan_payloads[] = {0x7fc00000u, 0xffc00000u, 0x7fc12345u, 0xffd55555u,
                                        0x7f800001u, 0x7fbfffffu, 0xff800001u, 0x7fffffffu};
#define NNAN (sizeof nan_payloads / sizeof nan_payloads[0])

static void t_nan_in_nan_out(void **state)
{
    const ctx *t = use_path(state);
    enum { N = 67 };
    float x[N], dy[N], out[N];
    for (int k = 0; k < ACTFN_KIND_COUNT; k++) {
        /* NaN x at spread positions (body and tail lanes); dy includes 0 and
         * huge values, which must not hide the NaN */
        for (int rep = 0; rep < 4; rep++) {
            fill_inputs(x, N);
            for (size_t i = 0; i < N; i++)
                dy[i] = (i % 5 == 0) ? 0.0f : (i % 7 == 0) ? 1e30f : uniform(-2.0f, 2.0f);
            for (size_t i = (size_t)rep; i < N; i += 3)
                x[i] = fbits(nan_payloads[(i + (size_t)rep) % NNAN]);
            assert_int_equal(call(t->c, (actfn_kind)k, NULL, x, dy, out, N), ACTFN_OK);
            for (size_t i = 0; i < N; i++)
                if (isnan(x[i]))
                    EXPECT(isnan(out[i]), "%s x=0x%08x dy=%a: got %a, want NaN", kname(k),
                           (unsigned)bits(x[i]), dy[i], out[i]);
        }
        if (t->c != BWD)
            continue;
        /* backward: NaN dy with finite x */
        fill_finite(x, N, -10.0f, 10.0f);
        x[0] = 0.0f;
        x[1] = -0.0f;
        x[2] = 1e30f;
        x[3] = -1e30f;
        for (size_t i = 0; i < N; i++)
            dy[i] = fbits(nan_payloads[i % NNAN]);
        assert_int_equal(call(t->c, (actfn_kind)k, NULL, x, dy, out, N), ACTFN_OK);
        for (size_t i = 0; i < N; i++)
            EXPECT(isnan(out[i]), "%s backward x=%a dy=0x%08x: got %a, want NaN", kname(k), x[i],
                   (unsigned)bits(dy[i]), out[i]);
    }
    finish();
}

/* ---- n too large for the address space ------------------------------------------- */

static void t_huge_n_rejected(void **state)
{
    const ctx *t = use_path(state);
    enum { N = 16 };
    float x[N], dy[N], out[N];
    const size_t huge[] = {SIZE_MAX, SIZE_MAX / sizeof(float) + 1, SIZE_MAX / 2};
    fill_inputs(x, N);
    fill_finite(dy, N, -2.0f, 2.0f);
    for (int k = 0; k < ACTFN_KIND_COUNT; k++) {
        for (size_t i = 0; i < sizeof huge / sizeof huge[0]; i++) {
            fill_sentinel(out, N);
            actfn_status s = call(t->c, (actfn_kind)k, NULL, x, dy, out, huge[i]);
            EXPECT(s == ACTFN_ESIZE, "%s n=%zu: status %d, want ACTFN_ESIZE", kname(k), huge[i],
                   s);
            EXPECT(written_at(out, N) == N, "%s n=%zu: output written", kname(k), huge[i]);
        }
    }
    finish();
}

/* ---- across paths ------------------------------------------------------------------ */

/* The registry's exact column: functions whose every result is one
 * correctly rounded operation (or none) of the input and the parameters, so
 * every path gives the same bits, forward, derivative and backward (NaN only
 * as NaN: payloads may legitimately differ between ISAs). */
static const unsigned char kind_exact[ACTFN_KIND_COUNT] = {
#define ACTFN_ELTWISE(name, KIND, fwd, der, exact, ...) [ACTFN_##KIND] = (exact),
#include "registry/eltwise.def"
#undef ACTFN_ELTWISE
};

static int64_t ordered(float f)
{
    int32_t i;
    memcpy(&i, &f, sizeof i);
    return i < 0 ? (int64_t)INT32_MIN - i : i;
}

/* Within max_ulp, or abs_tol absolutely (near zeros of f'). */
static int close_enough(float a, float b, int64_t max_ulp, double abs_tol)
{
    if (isnan(a) || isnan(b))
        return isnan(a) && isnan(b);
    if (isinf(a) || isinf(b))
        return a == b;
    int64_t d = ordered(a) - ordered(b);
    return (d < 0 ? -d : d) <= max_ulp || fabs((double)a - (double)b) <= abs_tol;
}

/* Dense: ±0, subnormals, ±inf, NaN, huge values, every 65537th bit pattern,
 * and a fine linear sweep of [-10, 10]. */
static size_t dense_inputs(float **out)
{
    size_t cap = NSPECIAL + 65536 + 20001 + 64, n = 0;
    float *x = malloc(cap * sizeof *x);
    assert_non_null(x);
    for (size_t i = 0; i < NSPECIAL; i++)
        x[n++] = fbits(special_bits[i]);
    for (uint64_t u = 0; u <= 0xffffffffu; u += 65537)
        x[n++] = fbits((uint32_t)u);
    for (int i = -10000; i <= 10000; i++)
        x[n++] = (float)i / 1000.0f;
    *out = x;
    return n;
}

typedef struct {
    int c;
    int exact;
} cross_ctx;

static void t_cross_path(void **state)
{
    const cross_ctx *t = *state;
    actfn_isa paths[ACTFN_ISA_COUNT];
    int np = 0;
    for (int i = 0; i < ACTFN_ISA_COUNT; i++)
        if (actfn_isa_supported((actfn_isa)i))
            paths[np++] = (actfn_isa)i;
    if (np < 2)
        skip(); /* nothing to compare against */
    violations = 0;
    float *x;
    size_t n = dense_inputs(&x);
    float *dy = malloc(n * sizeof *dy), *ref = malloc(n * sizeof *ref),
          *got = malloc(n * sizeof *got);
    assert_non_null(dy);
    assert_non_null(ref);
    assert_non_null(got);
    for (size_t i = 0; i < n; i++)
        dy[i] = (i % 11 == 0) ? fbits(rnd()) : uniform(-2.0f, 2.0f); /* some of every size */
    /* leaky_relu also with these slopes, and every exact kind with
     * parameters also with its defaults scaled by 1.75 (valid for each) */
    const actfn_params leaky[] = {{0.2f, 0, 0, 0}, {3.5f, 0, 0, 0}, {-0.75f, 0, 0, 0}};
    enum { NLEAKY = sizeof leaky / sizeof leaky[0] };
    int compared = 0, nexact = 0;
    for (int k = 0; k < ACTFN_KIND_COUNT; k++) {
        int exact = kind_exact[k];
        nexact += exact;
        if (exact != t->exact)
            continue;
        int is_leaky = strcmp(kname(k), "leaky_relu") == 0;
        actfn_params scaled;
        assert_int_equal(actfn_params_default((actfn_kind)k, &scaled), ACTFN_OK);
        int has_params = scaled.alpha != 0 || scaled.beta != 0 || scaled.gamma != 0 ||
                         scaled.delta != 0;
        scaled.alpha *= 1.75f, scaled.beta *= 1.75f, scaled.gamma *= 1.75f, scaled.delta *= 1.75f;
        int nvariants = exact && has_params ? 1 : 0;
        if (is_leaky)
            nvariants += NLEAKY;
        for (int pv = -1; pv < nvariants; pv++) {
            const actfn_params *p = pv < 0 ? NULL : is_leaky && pv < NLEAKY ? &leaky[pv] : &scaled;
            assert_int_equal(actfn_set_isa(paths[0]), ACTFN_OK);
            assert_int_equal(call(t->c, (actfn_kind)k, p, x, dy, ref, n), ACTFN_OK);
            for (int j = 1; j < np; j++) {
                assert_int_equal(actfn_set_isa(paths[j]), ACTFN_OK);
                assert_int_equal(call(t->c, (actfn_kind)k, p, x, dy, got, n), ACTFN_OK);
                compared++;
                for (size_t i = 0; i < n; i++) {
                    int ok;
                    if (exact)
                        ok = isnan(ref[i]) ? isnan(got[i]) : bits(ref[i]) == bits(got[i]);
                    else if (t->c == FWD)
                        ok = close_enough(ref[i], got[i], 4, 0.0);
                    else /* each path ≤ 8 ULP or 2^-23 absolute (scaled by dy) */
                        ok = close_enough(ref[i], got[i], 16,
                                          ldexp(1.0, -22) * (t->c == BWD ? fabs(dy[i]) : 1.0));
                    EXPECT(ok, "%s%s x=%a dy=%a: %s %a (0x%08x), %s %a (0x%08x)", kname(k),
                           p ? " (params)" : "", x[i], dy[i], actfn_isa_name(paths[0]), ref[i],
                           (unsigned)bits(ref[i]), actfn_isa_name(paths[j]), got[i],
                           (unsigned)bits(got[i]));
                }
            }
        }
    }
    free(x);
    free(dy);
    free(ref);
    free(got);
    print_message("  %d of %d kinds (%s), %d comparisons on %d paths\n",
                  t->exact ? nexact : ACTFN_KIND_COUNT - nexact, ACTFN_KIND_COUNT,
                  t->exact ? "exact: bit for bit" : "within a few ULP", compared, np);
    if (t->exact && nexact == 0)
        fail_msg("the registry marks no function exact");
    if (compared == 0)
        fail_msg("nothing compared");
    finish();
}

/* ---- main ------------------------------------------------------------------------ */

typedef struct {
    const char *name;
    CMUnitTestFunction fn;
} test_def;

static const test_def per_path[] = {
    {"n0_touches_nothing", t_n0_touches_nothing},
    {"null_pointer_with_n_gt_0_is_enull_untouched", t_null_pointer_rejected},
    {"unknown_kind_is_ekind_untouched", t_unknown_kind_rejected},
    {"invalid_params_is_eparam_untouched", t_invalid_params_rejected},
    {"parameterless_kinds_ignore_params", t_parameterless_kinds_ignore_params},
    {"null_params_equal_defaults_bit_for_bit", t_null_params_means_defaults},
    {"partial_overlap_is_eoverlap_untouched", t_partial_overlap_rejected},
    {"exact_alias_equals_out_of_place", t_exact_alias_matches_out_of_place},
    {"tail_n_0_to_67_guard_page_after", t_tail_guard_page_after},
    {"tail_n_0_to_67_misaligned_guard_page_before", t_tail_guard_page_before},
    {"nan_in_nan_out", t_nan_in_nan_out},
    {"huge_n_is_esize_untouched", t_huge_n_rejected},
    {"long_arrays_streamed_equal_pieces", t_long_arrays_equal_pieces},
};
#define NPER (sizeof per_path / sizeof per_path[0])

/* The cross-path group: each call × {exact kinds bit for bit, the others
 * within a few ULP}. */
static int run_cross(void)
{
    static cross_ctx cc[NCALLS * 2];
    static char names[NCALLS * 2][128];
    static struct CMUnitTest tests[NCALLS * 2];
    size_t nt = 0;
    for (int c = 0; c < NCALLS; c++)
        for (int e = 1; e >= 0; e--) {
            cc[nt] = (cross_ctx){c, e};
            snprintf(names[nt], sizeof names[nt], "%s_%s_across_paths", call_name[c],
                     e ? "exact_kinds_bit_identical" : "other_kinds_within_few_ulp");
            tests[nt] = (struct CMUnitTest){names[nt], t_cross_path, NULL, NULL, &cc[nt]};
            nt++;
        }
    return cmocka_run_group_tests_name("semantics_cross_path", tests, NULL, NULL) ? 1 : 0;
}

/* One path's group: every per-path test × call. */
static int run_path(actfn_isa isa)
{
    static ctx cx[NCALLS];
    static char names[NPER * NCALLS][128];
    static struct CMUnitTest tests[NPER * NCALLS];
    const char *path = actfn_isa_name(isa);
    for (int c = 0; c < NCALLS; c++)
        cx[c] = (ctx){isa, c};
    size_t nt = 0;
    for (size_t d = 0; d < NPER; d++)
        for (int c = 0; c < NCALLS; c++) {
            snprintf(names[nt], sizeof names[nt], "%s_%s_%s", call_name[c], per_path[d].name, path);
            tests[nt] = (struct CMUnitTest){names[nt], per_path[d].fn, NULL, NULL, &cx[c]};
            nt++;
        }
    char group[64];
    snprintf(group, sizeof group, "semantics_%s", path);
    if (cmocka_run_group_tests_name(group, tests, NULL, NULL))
        return 1;
    return actfn_isa_supported(isa) ? 0 : 77; /* 77: skipped, by name above */
}

int main(int argc, char **argv)
{
    if (argc == 2 && strcmp(argv[1], "cross") == 0)
        return run_cross();
    int isa = argc == 2 ? isa_from_name(argv[1]) : -1;
    if (isa < 0) {
        fprintf(stderr, "usage: %s ", argv[0]);
        print_isa_names(stderr, "|");
        fprintf(stderr, "|cross\n");
        return 2;
    }
    return run_path((actfn_isa)isa);
}
