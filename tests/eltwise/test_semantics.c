/*
 * "Semantics every call keeps" (CONTRACT.md), for every dtype × kind × call
 * on one dispatch path, or across all paths:
 *
 *   test_semantics <path> [dtype]   a path of the library (actfn_isa_name)
 *   test_semantics cross [dtype]    paths against each other
 *
 * Without a dtype, every dtype of the registry (src/registry/dtypes.def)
 * in turn, one CMocka group each (semantics_<dtype>_<path>); tests are
 * named <call>_<dtype>_<test>_<path>.  Dtypes come from the registry
 * through tests/harness/dtype.h, so a new line there is tested here
 * without an edit (dtype.h needs its binary format).  Kinds are iterated
 * as 0..ACTFN_KIND_COUNT-1, paths as 0..ACTFN_ISA_COUNT-1; names appear
 * only where a test needs specific parameters.  The functions whose
 * results all paths must give bit for bit, in every dtype, are the
 * registry's exact column (src/registry/eltwise.def).  A path this CPU
 * lacks runs every test as a named CMocka skip and exits 77 (ctest
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
#include "dtype.h"
#include "expect.h"
#include "guard_page.h"
#include "isa_names.h"
#include "ref.h"

/* ---- calls ---------------------------------------------------------------- */

static int kind_named(actfn_kind k, const char *const *names)
{
    const char *s = actfn_kind_name(k);
    for (; s != NULL && *names != NULL; names++)
        if (strcmp(s, *names) == 0)
            return 1;
    return 0;
}

/* Every array below holds up to its count of elements of any dtype: a
 * uint64_t per element, whatever the element size. */
typedef uint64_t slot;

/* A value for messages: "%a (0x%0*llx)". */
#define VAL(t, u) dt_to_double(t, u), dt_hex(t), (unsigned long long)(u)
#define ELT(t, a, i) VAL(t, dt_get(t, a, i))

/* ---- bits ----------------------------------------------------------------- */

/* A byte pattern no kernel produces from our inputs: "never written"
 * (0xa5a5a5a5 as f32, 0xa5a5a5a5a5a5a5a5 as f64, ...). */
#define SENTINEL_BYTE 0xa5

static void fill_sentinel(const dtype *t, void *p, size_t n) { memset(p, SENTINEL_BYTE, n * t->size); }
/* Index of the first element that is not the sentinel, or n. */
static size_t written_at(const dtype *t, const void *p, size_t n)
{
    const unsigned char *b = p;
    for (size_t i = 0; i < n * t->size; i++)
        if (b[i] != SENTINEL_BYTE)
            return i / t->size;
    return n;
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
/* [0, 1) with 53 random bits: every bit of an f64 mantissa varies. */
static double unit(void)
{
    uint64_t u = (uint64_t)rnd() << 21 ^ (uint64_t)(rnd() >> 11);
    return (double)(u & (((uint64_t)1 << 53) - 1)) * 0x1p-53;
}
static uint64_t uniform(const dtype *t, double lo, double hi)
{
    return dt_from_double(t, lo + (hi - lo) * unit());
}

/* Kinks, limits, subnormals, huge values and NaNs of each dtype: every
 * branch of every body, in body and tail lanes.  Values, then the edges of
 * the format (the exp over- and underflow thresholds, the smallest and
 * largest numbers, NaNs). */
enum { MAXSPECIAL = 64 };
static uint64_t special_bits[NDTYPES][MAXSPECIAL];
static size_t nspecial[NDTYPES];

static void make_specials(const dtype *t)
{
    static const double values[] = {0.0,  -0.0,  1.0,  -1.0,  3.0,    -3.0,  6.0,   -6.0,
                                    0.5,  -0.5,  20.0, -20.0, 90.0,   -90.0, 104.0, -104.0,
                                    1e10, -1e10, 1e-3, -1e-3, 0x1.6a09e667f3bcdp-1, -0.75};
    uint64_t *s = special_bits[t - dtypes];
    size_t n = 0;
    for (size_t i = 0; i < sizeof values / sizeof values[0]; i++)
        s[n++] = dt_from_double(t, values[i]);
    const double over = dt_bias(t) * M_LN2, under = (dt_bias(t) + t->man_bits) * M_LN2;
    const double edges[] = {over, -over, 1.01 * over, -1.01 * over, under, -under};
    for (size_t i = 0; i < sizeof edges / sizeof edges[0]; i++)
        s[n++] = dt_from_double(t, edges[i]);
    const uint64_t S = dt_sign(t), E = dt_exp_mask(t), Q = dt_quiet_bit(t), M = dt_man_mask(t);
    const uint64_t min_normal = (uint64_t)1 << t->man_bits, max = E - 1;
    const uint64_t pats[] = {1,     S | 1, Q,     S | M,     min_normal,          S | min_normal,
                             max,   S | max, E,   S | E,     E | Q,               S | E | Q,
                             E | (Q >> 1) | 1, dt_from_double(t, 3.0) + 1};
    for (size_t i = 0; i < sizeof pats / sizeof pats[0]; i++)
        s[n++] = pats[i];
    assert_true(n <= MAXSPECIAL);
    nspecial[t - dtypes] = n;
}

static uint64_t special(const dtype *t) { return special_bits[t - dtypes][rnd() % nspecial[t - dtypes]]; }

/* A quarter specials, the rest uniform in [-10, 10]. */
static void fill_inputs(const dtype *t, void *x, size_t n)
{
    for (size_t i = 0; i < n; i++)
        dt_set(t, x, i, (rnd() & 3) == 0 ? special(t) : uniform(t, -10.0, 10.0));
}
static void fill_finite(const dtype *t, void *x, size_t n, double lo, double hi)
{
    for (size_t i = 0; i < n; i++)
        dt_set(t, x, i, uniform(t, lo, hi));
}

/* ---- per-test context: which path, which call and which dtype ---------------- */

typedef struct {
    actfn_isa isa;
    int c;
    const dtype *t;
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

/* ---- the descriptors ------------------------------------------------------- */

/* Each descriptor against the registry line it came from: the element size
 * is the ctype's, float and double convert as the compiler does, and values
 * survive the round trip through double. */
static void t_descriptor_matches_registry(void **state)
{
    const ctx *t = use_path(state);
    const dtype *T = t->t;
    const double probe[] = {0.0, -0.0, 1.0, -1.5, 0.1, 1e-40, -3e-310, 1e39, 6.0e4, 7.0e4,
                            0x1.fffffffffffffp-1, 1e-8, 65504.0, M_PI, INFINITY, -INFINITY};
#define CHECK_CTYPE_(c_, N_, TN_, ctype_, grade_)                                                  \
    if (strcmp(T->name, #N_) == 0) {                                                              \
        EXPECT(T->size == sizeof(ctype_), "%s: size %zu, registry ctype %zu", T->name, T->size,  \
               sizeof(ctype_));                                                                   \
        EXPECT(T->grade == (grade_), "%s: grade %d, registry %d", T->name, T->grade, (grade_)); \
    }
    ACTFN_DTYPES(CHECK_CTYPE_, ~)
#undef CHECK_CTYPE_
    for (size_t i = 0; i < sizeof probe / sizeof probe[0]; i++) {
        uint64_t u = dt_from_double(T, probe[i]), want = u;
        if (T->size == sizeof(float) && T->man_bits == FLT_MANT_DIG - 1) {
            float f = (float)probe[i];
            uint32_t w;
            memcpy(&w, &f, sizeof w);
            want = w;
        } else if (T->size == sizeof(double) && T->man_bits == DBL_MANT_DIG - 1) {
            memcpy(&want, &probe[i], sizeof want);
        }
        EXPECT(u == want, "%s: %a converts to 0x%0*llx, the compiler gives 0x%0*llx", T->name,
               probe[i], dt_hex(T), (unsigned long long)u, dt_hex(T), (unsigned long long)want);
        EXPECT(dt_from_double(T, dt_to_double(T, u)) == u, "%s: 0x%0*llx does not round-trip",
               T->name, dt_hex(T), (unsigned long long)u);
    }
    EXPECT(dt_isnan(T, dt_qnan(T)) && !dt_isnan(T, dt_inf(T, 1)) && dt_isinf(T, dt_inf(T, 1)),
           "%s: NaN/inf patterns", T->name);
    finish();
}

/* ---- n == 0 ----------------------------------------------------------------- */

static void t_n0_touches_nothing(void **state)
{
    const ctx *t = use_path(state);
    const dtype *T = t->t;
    const size_t sz = T->size;
    guarded g;
    guarded_init(&g);
    const size_t elems = g.page / sz;
    fill_sentinel(T, g.lo, elems);
    /* Pointers into PROT_NONE pages: any access, even a read, faults. */
    unsigned char *none_before = g.lo - 64 * sz, *none_after = g.hi;
    for (int k = 0; k < ACTFN_KIND_COUNT; k++) {
        actfn_params p;
        assert_int_equal(actfn_params_default((actfn_kind)k, &p), ACTFN_OK);
        actfn_status s;
        s = T->call(t->c, (actfn_kind)k, NULL, NULL, NULL, NULL, 0);
        EXPECT(s == ACTFN_OK, "%s: NULL pointers, n=0 -> %d", kname(k), s);
        s = T->call(t->c, (actfn_kind)k, &p, none_before, none_after, none_after + 16 * sz, 0);
        EXPECT(s == ACTFN_OK, "%s: inaccessible pointers, n=0 -> %d", kname(k), s);
        s = T->call(t->c, (actfn_kind)k, NULL, g.lo, g.lo + 100 * sz, g.lo + 200 * sz, 0);
        EXPECT(s == ACTFN_OK, "%s: valid pointers, n=0 -> %d", kname(k), s);
        /* Empty ranges cannot overlap: y = x + 1 with n = 0 is fine. */
        s = T->call(t->c, (actfn_kind)k, &p, g.lo + 300 * sz, g.lo + 300 * sz, g.lo + 301 * sz, 0);
        EXPECT(s == ACTFN_OK, "%s: shifted pointers, n=0 -> %d", kname(k), s);
        size_t w = written_at(T, g.lo, elems);
        EXPECT(w == elems, "%s: n=0 wrote element %zu", kname(k), w);
        fill_sentinel(T, g.lo, elems);
    }
    guarded_free(&g);
    finish();
}

/* ---- NULL pointers with n > 0 ------------------------------------------------- */

static void t_null_pointer_rejected(void **state)
{
    const ctx *t = use_path(state);
    const dtype *T = t->t;
    enum { N = 67 };
    slot x[N], dy[N], out[N], x0[N], dy0[N];
    static const size_t ns[] = {1, 5, 17, 67};
    /* the inputs are compared whole (memcmp), also the bytes of a slot
     * wider than the dtype: define them */
    memset(x, 0, sizeof x);
    memset(dy, 0, sizeof dy);
    for (int k = 0; k < ACTFN_KIND_COUNT; k++) {
        for (size_t in = 0; in < sizeof ns / sizeof ns[0]; in++) {
            size_t n = ns[in];
            /* bit 0: x NULL, bit 1: output NULL, bit 2: dy NULL (backward only) */
            int combos = t->c == BWD ? 8 : 4;
            for (int m = 1; m < combos; m++) {
                fill_inputs(T, x, N);
                fill_finite(T, dy, N, -2.0, 2.0);
                memcpy(x0, x, sizeof x);
                memcpy(dy0, dy, sizeof dy);
                fill_sentinel(T, out, N);
                actfn_status s = T->call(t->c, (actfn_kind)k, NULL, (m & 1) ? NULL : x,
                                         (m & 4) ? NULL : dy, (m & 2) ? NULL : out, n);
                EXPECT(s == ACTFN_ENULL, "%s n=%zu null-mask=%d: status %d, want ACTFN_ENULL",
                       kname(k), n, m, s);
                EXPECT(written_at(T, out, N) == N, "%s n=%zu null-mask=%d: output written",
                       kname(k), n, m);
                EXPECT(memcmp(x, x0, sizeof x) == 0 && memcmp(dy, dy0, sizeof dy) == 0,
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
    const dtype *T = t->t;
    enum { N = 33 };
    slot x[N], dy[N], out[N];
    const actfn_kind bad[] = {ACTFN_KIND_COUNT, (actfn_kind)-1, (actfn_kind)1000};
    const actfn_params some = {0.5f, 0.5f, 0.5f, 0.5f};
    fill_inputs(T, x, N);
    fill_finite(T, dy, N, -2.0, 2.0);
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        for (int withp = 0; withp < 2; withp++) {
            fill_sentinel(T, out, N);
            actfn_status s = T->call(t->c, bad[i], withp ? &some : NULL, x, dy, out, N);
            EXPECT(s == ACTFN_EKIND, "kind %d params=%s: status %d, want ACTFN_EKIND", (int)bad[i],
                   withp ? "given" : "NULL", s);
            EXPECT(written_at(T, out, N) == N, "kind %d: output written", (int)bad[i]);
        }
    }
    finish();
}

/* ---- invalid parameters --------------------------------------------------------- */

/* Parameters are float in every dtype: the bad values are float patterns. */
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

static float fbits(uint32_t u)
{
    float f;
    memcpy(&f, &u, sizeof f);
    return f;
}

static void set_field(actfn_params *p, int field, float v)
{
    float *f[4] = {&p->alpha, &p->beta, &p->gamma, &p->delta};
    *f[field] = v;
}

static void t_invalid_params_rejected(void **state)
{
    const ctx *t = use_path(state);
    const dtype *T = t->t;
    enum { N = 33 };
    slot x[N], dy[N], out[N];
    fill_inputs(T, x, N);
    fill_finite(T, dy, N, -2.0, 2.0);
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
        fill_sentinel(T, out, N);
        actfn_status s = T->call(t->c, k, &p, x, dy, out, N);
        EXPECT(s == ACTFN_EPARAM, "%s param[%d]=0x%08x: status %d, want ACTFN_EPARAM", b->kind,
               b->field, (unsigned)b->value, s);
        EXPECT(written_at(T, out, N) == N, "%s param[%d]=0x%08x: output written", b->kind,
               b->field, (unsigned)b->value);
    }
    /* hard_tanh with alpha > beta (contract). */
    actfn_kind ht;
    int have_ht = actfn_kind_from_name("hard_tanh", &ht) == ACTFN_OK;
    EXPECT(have_ht, "kind \"hard_tanh\" is not registered");
    if (have_ht) {
        actfn_params p = {1.0f, -1.0f, 0.0f, 0.0f};
        fill_sentinel(T, out, N);
        actfn_status s = T->call(t->c, ht, &p, x, dy, out, N);
        EXPECT(s == ACTFN_EPARAM, "hard_tanh alpha > beta: status %d", s);
        EXPECT(written_at(T, out, N) == N, "hard_tanh alpha > beta: output written");
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
    const dtype *T = t->t;
    enum { N = 67 };
    slot x[N], dy[N], ref[N], out[N];
    const actfn_params junk[] = {{NAN, NAN, NAN, NAN},
                                 {-INFINITY, INFINITY, 0.0f, -1.0f},
                                 {0.0f, 0.0f, 0.0f, 0.0f},
                                 {-5.0f, 1e30f, -0.0f, 7.0f}};
    fill_inputs(T, x, N);
    fill_finite(T, dy, N, -2.0, 2.0);
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
        assert_int_equal(T->call(t->c, (actfn_kind)k, &d, x, dy, ref, N), ACTFN_OK);
        for (size_t j = 0; j < sizeof junk / sizeof junk[0]; j++) {
            fill_sentinel(T, out, N);
            actfn_status s = T->call(t->c, (actfn_kind)k, &junk[j], x, dy, out, N);
            EXPECT(s == ACTFN_OK, "%s junk params #%zu: status %d, want ACTFN_OK", kname(k), j, s);
            size_t i = dt_result_differs_at(T, out, ref, N);
            size_t e = i < N ? i : 0;
            EXPECT(s != ACTFN_OK || i == N,
                   "%s junk params #%zu: [%zu] x=%a (0x%0*llx): %a (0x%0*llx), defaults give %a "
                   "(0x%0*llx)",
                   kname(k), j, i, ELT(T, x, e), ELT(T, out, e), ELT(T, ref, e));
        }
    }
    finish();
}

static void t_null_params_means_defaults(void **state)
{
    const ctx *t = use_path(state);
    const dtype *T = t->t;
    enum { N = 67 };
    slot x[N], dy[N], ref[N], out[N];
    fill_inputs(T, x, N);
    fill_finite(T, dy, N, -2.0, 2.0);
    for (int k = 0; k < ACTFN_KIND_COUNT; k++) {
        actfn_params d;
        assert_int_equal(actfn_params_default((actfn_kind)k, &d), ACTFN_OK);
        fill_sentinel(T, ref, N);
        fill_sentinel(T, out, N);
        actfn_status s1 = T->call(t->c, (actfn_kind)k, &d, x, dy, ref, N);
        actfn_status s2 = T->call(t->c, (actfn_kind)k, NULL, x, dy, out, N);
        EXPECT(s1 == ACTFN_OK && s2 == ACTFN_OK, "%s: status %d with defaults, %d with NULL",
               kname(k), s1, s2);
        size_t i = dt_result_differs_at(T, out, ref, N);
        size_t e = i < N ? i : 0;
        EXPECT(i == N, "%s: [%zu] x=%a (0x%0*llx): NULL params give %a (0x%0*llx), defaults %a "
                       "(0x%0*llx)",
               kname(k), i, ELT(T, x, e), ELT(T, out, e), ELT(T, ref, e));
    }
    finish();
}

/* ---- overlap -------------------------------------------------------------------- */

/* The whole arena is compared: with overlap, "nothing written" means no
 * element of either range changed. */
static void t_partial_overlap_rejected(void **state)
{
    const ctx *t = use_path(state);
    const dtype *T = t->t;
    enum { A = 512, BASE = 160 };
    slot arena[A], snap[A], other[A];
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
                    fill_inputs(T, arena, A);
                    fill_finite(T, other, A, -2.0, 2.0);
                    unsigned char *x = dt_at(T, arena, BASE), *dy = dt_at(T, other, BASE),
                                  *out = x + d * (ptrdiff_t)T->size;
                    if (cs == 1) {
                        dy = dt_at(T, arena, BASE);
                        x = dt_at(T, other, BASE);
                        out = dy + d * (ptrdiff_t)T->size;
                    } else if (cs == 2) {
                        out = dy = dt_at(T, arena, BASE);
                        x = out + d * (ptrdiff_t)T->size;
                    } else if (cs == 3) {
                        out = x = dt_at(T, arena, BASE);
                        dy = out + d * (ptrdiff_t)T->size;
                    }
                    memcpy(snap, arena, sizeof arena);
                    actfn_status s = T->call(t->c, (actfn_kind)k, NULL, x, dy, out, (size_t)n);
                    EXPECT(s == ACTFN_EOVERLAP,
                           "%s n=%td shift=%td case=%d: status %d, want ACTFN_EOVERLAP", kname(k),
                           n, d, cs, s);
                    size_t i = dt_differs_at(T, arena, snap, A);
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
    const dtype *T = t->t;
    const size_t sz = T->size;
    enum { N = 67 };
    slot x[N], dy[N], ref[N], buf[N], buf2[2 * N];
    static const size_t ns[] = {1, 7, 16, 17, 33, 67};
    for (int k = 0; k < ACTFN_KIND_COUNT; k++) {
        for (size_t in = 0; in < sizeof ns / sizeof ns[0]; in++) {
            size_t n = ns[in];
            fill_inputs(T, x, N);
            fill_finite(T, dy, N, -2.0, 2.0);
            assert_int_equal(T->call(t->c, (actfn_kind)k, NULL, x, dy, ref, n), ACTFN_OK);
            actfn_status s;
            size_t i, e;
            /* out == x */
            memcpy(buf, x, sizeof x);
            s = T->call(t->c, (actfn_kind)k, NULL, buf, dy, buf, n);
            i = dt_result_differs_at(T, buf, ref, n);
            e = i < n ? i : 0;
            EXPECT(s == ACTFN_OK && i == n, "%s n=%zu out==x: status %d, [%zu] %a (0x%0*llx) vs %a "
                                            "(0x%0*llx)",
                   kname(k), n, s, i, ELT(T, buf, e), ELT(T, ref, e));
            if (t->c != BWD)
                continue;
            /* dx == dy */
            memcpy(buf, dy, sizeof dy);
            s = T->call(t->c, (actfn_kind)k, NULL, x, buf, buf, n);
            i = dt_result_differs_at(T, buf, ref, n);
            e = i < n ? i : 0;
            EXPECT(s == ACTFN_OK && i == n, "%s n=%zu dx==dy: status %d, [%zu] %a (0x%0*llx) vs %a "
                                            "(0x%0*llx)",
                   kname(k), n, s, i, ELT(T, buf, e), ELT(T, ref, e));
            /* x == dy == dx */
            slot ref3[N];
            assert_int_equal(T->call(t->c, (actfn_kind)k, NULL, x, x, ref3, n), ACTFN_OK);
            memcpy(buf, x, sizeof x);
            s = T->call(t->c, (actfn_kind)k, NULL, buf, buf, buf, n);
            i = dt_result_differs_at(T, buf, ref3, n);
            e = i < n ? i : 0;
            EXPECT(s == ACTFN_OK && i == n,
                   "%s n=%zu x==dy==dx: status %d, [%zu] %a (0x%0*llx) vs %a (0x%0*llx)", kname(k),
                   n, s, i, ELT(T, buf, e), ELT(T, ref3, e));
            /* x and dy overlap partially (inputs only): allowed */
            if (n > 1) {
                fill_inputs(T, buf2, 2 * N);
                const unsigned char *px = dt_at(T, buf2, 0), *pdy = dt_at(T, buf2, 1);
                slot cx[N], cdy[N], r[N], o[N];
                memcpy(cx, px, n * sz);
                memcpy(cdy, pdy, n * sz);
                assert_int_equal(T->call(t->c, (actfn_kind)k, NULL, cx, cdy, r, n), ACTFN_OK);
                s = T->call(t->c, (actfn_kind)k, NULL, px, pdy, o, n);
                i = dt_result_differs_at(T, o, r, n);
                EXPECT(s == ACTFN_OK && i == n,
                       "%s n=%zu x/dy partial overlap: status %d (inputs may overlap), [%zu]",
                       kname(k), n, s, i);
            }
        }
    }
    finish();
}

/* ---- long arrays ------------------------------------------------------------ */

/* Whether a path writes long outputs with streaming stores (the x86 paths; scalar and neon
 * never do: ACTFN_HAVE_NT in their vec.h). */
static int path_streams(actfn_isa isa)
{
    return isa == ACTFN_ISA_AVX2 || isa == ACTFN_ISA_AVX512;
}

/* Arrays long enough for the kernels' streaming stores (2^21 elements of
 * output and more: 8 MiB of f32, 16 MiB of f64), starting on a 64-byte
 * boundary and one element past it (a masked head first), out of place and
 * in place: bit for bit what the same call gives in pieces of 1000, which
 * never stream.  A path without streaming stores runs the same comparison on
 * 2^16 + 37 elements (66 pieces): its loop is the one short arrays take, and
 * under an emulator the 2^21 took over two minutes of the f64 scalar run. */
static void t_long_arrays_equal_pieces(void **state)
{
    const ctx *t = use_path(state);
    const dtype *T = t->t;
    const size_t sz = T->size;
    const size_t n = ((size_t)1 << (path_streams(t->isa) ? 21 : 16)) + 37, piece = 1000;
    const size_t bytes = (n + 16) * sz / 64 * 64 + 64; /* a multiple of 64 */
    unsigned char *bx = aligned_alloc(64, bytes);
    unsigned char *bdy = aligned_alloc(64, bytes);
    unsigned char *bout = aligned_alloc(64, bytes);
    unsigned char *ref = malloc(n * sz);
    assert_non_null(bx);
    assert_non_null(bdy);
    assert_non_null(bout);
    assert_non_null(ref);
    static const actfn_kind kinds[] = {ACTFN_RELU, ACTFN_SIGMOID, ACTFN_SILU, ACTFN_GELU};
    for (size_t ik = 0; ik < sizeof kinds / sizeof kinds[0]; ik++) {
        actfn_kind k = kinds[ik];
        for (int off = 0; off < 2; off++) {
            unsigned char *x = bx + off * sz, *dy = bdy + off * sz, *out = bout + off * sz;
            fill_inputs(T, x, n);
            fill_finite(T, dy, n, -2.0, 2.0);
            for (size_t i = 0; i < n; i += piece)
                assert_int_equal(T->call(t->c, k, NULL, x + i * sz, dy + i * sz, ref + i * sz,
                                         n - i < piece ? n - i : piece),
                                 ACTFN_OK);
            actfn_status s = T->call(t->c, k, NULL, x, dy, out, n);
            size_t i = dt_result_differs_at(T, out, ref, n);
            size_t e = i < n ? i : 0;
            EXPECT(s == ACTFN_OK && i == n,
                   "%s n=%zu off=%d: status %d, [%zu] %a (0x%0*llx) vs %a (0x%0*llx)", kname(k), n,
                   off, s, i, ELT(T, out, e), ELT(T, ref, e));
            memcpy(out, x, n * sz);
            s = T->call(t->c, k, NULL, out, dy, out, n);
            i = dt_result_differs_at(T, out, ref, n);
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

/* ---- a parameter on a midpoint ---------------------------------------------------- */

/* hard_tanh's bounds ±(1 + 3·2^-(m+1)), m the dtype's stored mantissa bits: for bf16 and f16 a
 * midpoint between two neighbours of the format, which the store must round to even (for f32 and
 * f64 an exact value), on a third of the elements, short and long (streamed) arrays, out of
 * place and in place: every element equal to the clamp of x rounded once to the dtype. */
static void t_parameter_on_a_midpoint(void **state)
{
    const ctx *t = use_path(state);
    const dtype *T = t->t;
    if (t->c != FWD)
        skip(); /* hard_tanh's derivative is 0 or 1 */
    const size_t sz = T->size, n = ((size_t)1 << 21) + 101;
    const int m = T->man_bits < 23 ? T->man_bits : 20;
    const float b = 1.0f + 3.0f * ldexpf(1.0f, -(m + 1));
    const actfn_params p = {-b, b, 0.0f, 0.0f};
    unsigned char *x = malloc(n * sz), *out = malloc(n * sz);
    assert_non_null(x);
    assert_non_null(out);
    for (size_t i = 0; i < n; i++)
        dt_set(T, x, i, dt_from_double(T, (double)(i % 7) * 0.5 - 1.5)); /* −1.5 … 1.5 */
    for (int pass = 0; pass < 4; pass++) {
        const size_t len = pass < 2 ? 1000 : n;
        const int in_place = pass % 2;
        unsigned char *y = in_place ? x : out;
        if (in_place)
            memcpy(out, x, len * sz); /* the inputs, kept */
        assert_int_equal(T->call(FWD, ACTFN_HARD_TANH, &p, x, NULL, y, len), ACTFN_OK);
        const unsigned char *in = in_place ? out : x;
        size_t bad = 0, first = len;
        for (size_t i = 0; i < len; i++) {
            double v = dt_to_double(T, dt_get(T, in, i));
            double want_v = v < -(double)b ? -(double)b : v > (double)b ? (double)b : v;
            if (!dt_same(T, dt_get(T, y, i), dt_from_double(T, want_v)) && bad++ == 0)
                first = i;
        }
        EXPECT(bad == 0, "n=%zu%s: %zu elements differ, first [%zu]: got 0x%0*llx", len,
               in_place ? " in place" : "", bad, first, dt_hex(T),
               (unsigned long long)dt_get(T, y, first < len ? first : 0));
        if (in_place)
            memcpy(x, out, len * sz);
    }
    free(x);
    free(out);
    finish();
}

/* ---- tails against guard pages --------------------------------------------------- */

/* n = 0..67: past four vectors of f32 on AVX-512 (16 lanes), eight of f64
 * (8 lanes), every tail length of each. */
enum { TAIL_MAX = 67 };

/* Reference: the same call one element at a time on the same path. */
static void one_by_one(const dtype *T, int c, actfn_kind k, const void *x, const void *dy,
                       void *out, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        slot xi = dt_get(T, x, i), dyi = dt_get(T, dy, i), r;
        slot bx, bdy;
        dt_set(T, &bx, 0, xi);
        dt_set(T, &bdy, 0, dyi);
        fill_sentinel(T, &r, 1);
        assert_int_equal(T->call(c, k, NULL, &bx, &bdy, &r, 1), ACTFN_OK);
        dt_set(T, out, i, dt_get(T, &r, 0));
    }
}

/* Places x, dy and out in three guarded pages (flush against the PROT_NONE
 * page after them, or `off` elements after the one before them), runs the
 * call, checks the result against one_by_one and that nothing else in any
 * page changed; then the same in place. */
static void tail_run(const ctx *t, int guard_before)
{
    const dtype *T = t->t;
    const size_t sz = T->size;
    guarded gx, gdy, gout;
    guarded_init(&gx);
    guarded_init(&gdy);
    guarded_init(&gout);
    const size_t elems = gx.page / sz;
    unsigned char *snap_x = malloc(gx.page), *snap_dy = malloc(gx.page);
    assert_non_null(snap_x);
    assert_non_null(snap_dy);
    const int offs = guard_before ? 4 : 1;
    for (int k = 0; k < ACTFN_KIND_COUNT; k++) {
        for (size_t n = 0; n <= TAIL_MAX; n++) {
            for (int off = 0; off < offs; off++) {
                slot vx[TAIL_MAX], vdy[TAIL_MAX], ref[TAIL_MAX];
                fill_inputs(T, vx, n);
                fill_finite(T, vdy, n, -2.0, 2.0);
                one_by_one(T, t->c, (actfn_kind)k, vx, vdy, ref, n);
                /* guard after: the last element ends at the PROT_NONE page
                 * (start alignment then varies with n); guard before: element
                 * 0 is `off` elements after the PROT_NONE page */
                unsigned char *x = guard_before ? gx.lo + off * sz : gx.hi - n * sz;
                unsigned char *dy = guard_before ? gdy.lo + off * sz : gdy.hi - n * sz;
                unsigned char *out = guard_before ? gout.lo + off * sz : gout.hi - n * sz;
                fill_sentinel(T, gx.lo, elems);
                fill_sentinel(T, gdy.lo, elems);
                fill_sentinel(T, gout.lo, elems);
                memcpy(x, vx, n * sz);
                memcpy(dy, vdy, n * sz);
                memcpy(snap_x, gx.lo, gx.page);
                memcpy(snap_dy, gdy.lo, gdy.page);
                actfn_status s = T->call(t->c, (actfn_kind)k, NULL, x, dy, out, n);
                EXPECT(s == ACTFN_OK, "%s n=%zu off=%d: status %d", kname(k), n, off, s);
                size_t i = dt_result_differs_at(T, out, ref, n);
                size_t e = i < n ? i : 0;
                EXPECT(i == n, "%s n=%zu off=%d: [%zu] x=%a (0x%0*llx): %a (0x%0*llx), one by one "
                               "%a (0x%0*llx)",
                       kname(k), n, off, i, ELT(T, vx, e), ELT(T, out, e), ELT(T, ref, e));
                size_t head = (size_t)(out - gout.lo) / sz, tail = (size_t)(gout.hi - out) / sz - n;
                size_t before = written_at(T, gout.lo, head);
                size_t after = written_at(T, out + n * sz, tail);
                EXPECT(before == head && after == tail, "%s n=%zu off=%d: wrote outside [0, n)",
                       kname(k), n, off);
                EXPECT(memcmp(gx.lo, snap_x, gx.page) == 0 && memcmp(gdy.lo, snap_dy, gdy.page) == 0,
                       "%s n=%zu off=%d: an input page changed", kname(k), n, off);
                /* in place, same placement: out == x (forward/derivative),
                 * dx == dy (backward) */
                memcpy(out, t->c == BWD ? vdy : vx, n * sz);
                s = T->call(t->c, (actfn_kind)k, NULL, t->c == BWD ? x : out, out, out, n);
                i = dt_result_differs_at(T, out, ref, n);
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

/* Quiet and signalling NaNs of the dtype, both signs, several payloads. */
enum { NNAN = 8 };
static void nan_payloads(const dtype *T, uint64_t nan[NNAN])
{
    const uint64_t S = dt_sign(T), E = dt_exp_mask(T), Q = dt_quiet_bit(T), M = dt_man_mask(T);
    const uint64_t payload = 0x5a5a5a5a5a5a5a5aull & (Q - 1);
    nan[0] = E | Q;               /* the default quiet NaN */
    nan[1] = S | E | Q;           /* negative */
    nan[2] = E | Q | payload;     /* with a payload */
    nan[3] = S | E | Q | (payload >> 1);
    nan[4] = E | 1;               /* signalling, smallest payload */
    nan[5] = E | (Q - 1);         /* signalling, largest payload */
    nan[6] = S | E | 1;           /* negative signalling */
    nan[7] = E | M;               /* all ones */
}

static void t_nan_in_nan_out(void **state)
{
    const ctx *t = use_path(state);
    const dtype *T = t->t;
    enum { N = 67 };
    slot x[N], dy[N], out[N];
    uint64_t nan[NNAN];
    nan_payloads(T, nan);
    for (int k = 0; k < ACTFN_KIND_COUNT; k++) {
        /* NaN x at spread positions (body and tail lanes); dy includes 0 and
         * huge values, which must not hide the NaN */
        for (int rep = 0; rep < 4; rep++) {
            fill_inputs(T, x, N);
            for (size_t i = 0; i < N; i++)
                dt_set(T, dy, i,
                       (i % 5 == 0)   ? dt_from_double(T, 0.0)
                       : (i % 7 == 0) ? dt_from_double(T, 1e30)
                                      : uniform(T, -2.0, 2.0));
            for (size_t i = (size_t)rep; i < N; i += 3)
                dt_set(T, x, i, nan[(i + (size_t)rep) % NNAN]);
            assert_int_equal(T->call(t->c, (actfn_kind)k, NULL, x, dy, out, N), ACTFN_OK);
            for (size_t i = 0; i < N; i++)
                if (dt_isnan(T, dt_get(T, x, i)))
                    EXPECT(dt_isnan(T, dt_get(T, out, i)),
                           "%s x=0x%0*llx dy=%a: got %a (0x%0*llx), want NaN", kname(k), dt_hex(T),
                           (unsigned long long)dt_get(T, x, i), dt_to_double(T, dt_get(T, dy, i)),
                           ELT(T, out, i));
        }
        if (t->c != BWD)
            continue;
        /* backward: NaN dy with finite x */
        fill_finite(T, x, N, -10.0, 10.0);
        dt_set(T, x, 0, dt_from_double(T, 0.0));
        dt_set(T, x, 1, dt_from_double(T, -0.0));
        dt_set(T, x, 2, dt_from_double(T, 1e30));
        dt_set(T, x, 3, dt_from_double(T, -1e30));
        for (size_t i = 0; i < N; i++)
            dt_set(T, dy, i, nan[i % NNAN]);
        assert_int_equal(T->call(t->c, (actfn_kind)k, NULL, x, dy, out, N), ACTFN_OK);
        for (size_t i = 0; i < N; i++)
            EXPECT(dt_isnan(T, dt_get(T, out, i)),
                   "%s backward x=%a dy=0x%0*llx: got %a (0x%0*llx), want NaN", kname(k),
                   dt_to_double(T, dt_get(T, x, i)), dt_hex(T), (unsigned long long)dt_get(T, dy, i),
                   ELT(T, out, i));
    }
    finish();
}

/* ---- ±inf give the limits ---------------------------------------------------------- */

/* x = ±inf, at spread positions (body and tail lanes): forward gives
 * lim f(x), derivative lim f'(x), backward dy·lim f'(x) — the long-double
 * reference's limit (tests/reference/) rounded to the dtype, within the
 * contract's bound (4 ULP forward, 8 derivative and backward); an infinite
 * limit exactly, a NaN one (sin, cos) as NaN. */
static void t_inf_gives_the_limit(void **state)
{
    const ctx *t = use_path(state);
    const dtype *T = t->t;
    enum { N = 67 };
    slot x[N], dy[N], out[N];
    const uint64_t bound = t->c == FWD ? 4 : 8;
    for (int k = 0; k < ACTFN_KIND_COUNT; k++) {
        actfn_params P;
        assert_int_equal(actfn_params_default((actfn_kind)k, &P), ACTFN_OK);
        fill_inputs(T, x, N);
        /* dy nonzero and finite there: 0·inf is not the question here */
        for (size_t i = 0; i < N; i++)
            dt_set(T, dy, i, uniform(T, 0.5, 2.0) | (rnd() & 1 ? dt_sign(T) : 0));
        for (size_t i = 0; i < N; i++)
            if (i % 5 < 2)
                dt_set(T, x, i, dt_inf(T, i % 5 == 1));
        assert_int_equal(T->call(t->c, (actfn_kind)k, NULL, x, dy, out, N), ACTFN_OK);
        /* one report per kind and sign, with the first position that fails */
        int bad[2] = {0, 0};
        size_t first[2] = {0, 0};
        uint64_t first_got[2] = {0, 0}, first_want[2] = {0, 0};
        long double first_r[2] = {0, 0};
        double first_dy[2] = {1.0, 1.0};
        for (size_t i = 0; i < N; i++) {
            if (i % 5 >= 2)
                continue;
            int neg = i % 5 == 1;
            long double xi = neg ? -INFINITY : INFINITY;
            long double r = t->c == FWD ? ref_table[k].fwd(xi, &P) : ref_table[k].der(xi, &P);
            if (t->c == BWD)
                r *= dt_to_double(T, dt_get(T, dy, i));
            uint64_t want = dt_from_double(T, (double)r), got = dt_get(T, out, i);
            int ok;
            if (isnan(r))
                ok = dt_isnan(T, got);
            else if (dt_isinf(T, want))
                ok = got == want;
            else
                ok = !dt_isnan(T, got) && dt_ulps(T, got, want) <= bound;
            if (!ok && bad[neg]++ == 0) {
                first[neg] = i;
                first_got[neg] = got;
                first_want[neg] = want;
                first_r[neg] = r;
                first_dy[neg] = dt_to_double(T, dt_get(T, dy, i));
            }
        }
        for (int neg = 0; neg < 2; neg++) {
            char dys[48] = "";
            if (t->c == BWD)
                snprintf(dys, sizeof dys, " dy=%a", first_dy[neg]);
            EXPECT(bad[neg] == 0,
                   "%s x=%cinf%s: got %a (0x%0*llx), want %a (0x%0*llx)%s; %d of %d positions "
                   "(first [%zu])",
                   kname(k), neg ? '-' : '+', dys, VAL(T, first_got[neg]), VAL(T, first_want[neg]),
                   isnan(first_r[neg]) ? " (NaN)" : "", bad[neg], (N + 4) / 5, first[neg]);
        }
    }
    finish();
}

/* ---- n too large for the address space ------------------------------------------- */

/* Past (SIZE_MAX / 2) / size elements, ESIZE: the bound is in bytes, so it
 * is the element size's (an f64 n that would pass as f32 must fail). */
static void t_huge_n_rejected(void **state)
{
    const ctx *t = use_path(state);
    const dtype *T = t->t;
    enum { N = 16 };
    slot x[N], dy[N], out[N];
    const size_t huge[] = {SIZE_MAX, SIZE_MAX / T->size + 1, SIZE_MAX / 2,
                           SIZE_MAX / 2 / T->size + 1, SIZE_MAX / 2 / T->size + 2};
    fill_inputs(T, x, N);
    fill_finite(T, dy, N, -2.0, 2.0);
    for (int k = 0; k < ACTFN_KIND_COUNT; k++) {
        for (size_t i = 0; i < sizeof huge / sizeof huge[0]; i++) {
            fill_sentinel(T, out, N);
            actfn_status s = T->call(t->c, (actfn_kind)k, NULL, x, dy, out, huge[i]);
            EXPECT(s == ACTFN_ESIZE, "%s n=%zu: status %d, want ACTFN_ESIZE", kname(k), huge[i],
                   s);
            EXPECT(written_at(T, out, N) == N, "%s n=%zu: output written", kname(k), huge[i]);
        }
    }
    finish();
}

/* ---- across paths ------------------------------------------------------------------ */

/* The registry's exact column: functions whose every result is one
 * correctly rounded operation (or none) of the input and the parameters, so
 * every path gives the same bits, forward, derivative and backward, in
 * every dtype (NaN only as NaN: payloads may legitimately differ between
 * ISAs). */
static const unsigned char kind_exact[ACTFN_KIND_COUNT] = {
#define ACTFN_ELTWISE(name, KIND, fwd, der, exact, ...) [ACTFN_##KIND] = (exact),
#include "registry/eltwise.def"
#undef ACTFN_ELTWISE
};

/* Within max_ulp of the dtype, or abs_tol absolutely (near zeros of f'). */
static int close_enough(const dtype *T, uint64_t a, uint64_t b, uint64_t max_ulp, double abs_tol)
{
    if (dt_isnan(T, a) || dt_isnan(T, b))
        return dt_isnan(T, a) && dt_isnan(T, b);
    if (dt_isinf(T, a) || dt_isinf(T, b))
        return a == b;
    return dt_ulps(T, a, b) <= max_ulp ||
           fabs(dt_to_double(T, a) - dt_to_double(T, b)) <= abs_tol;
}

/* Dense: the specials, 65536 bit patterns spread over the whole format
 * (every one of a 16-bit format; for wider ones the top 16 bits run through
 * every value, the low bits vary), and a fine linear sweep of [-10, 10]. */
static size_t dense_inputs(const dtype *T, void **out)
{
    const size_t ns = nspecial[T - dtypes];
    size_t cap = ns + 65536 + 20001, n = 0;
    void *x = malloc(cap * T->size);
    assert_non_null(x);
    for (size_t i = 0; i < ns; i++)
        dt_set(T, x, n++, special_bits[T - dtypes][i]);
    const int w = dt_width(T);
    for (uint64_t i = 0; i < 65536; i++) {
        uint64_t u = i;
        if (w > 16)
            u = i << (w - 16) | ((i * 0x9e3779b97f4a7c15ull) >> (64 - (w - 16)));
        dt_set(T, x, n++, u);
    }
    for (int i = -10000; i <= 10000; i++)
        dt_set(T, x, n++, dt_from_double(T, (double)i / 1000.0));
    *out = x;
    return n;
}

typedef struct {
    int c;
    int exact;
    const dtype *t;
} cross_ctx;

static void t_cross_path(void **state)
{
    const cross_ctx *t = *state;
    const dtype *T = t->t;
    actfn_isa paths[ACTFN_ISA_COUNT];
    int np = 0;
    for (int i = 0; i < ACTFN_ISA_COUNT; i++)
        if (actfn_isa_supported((actfn_isa)i))
            paths[np++] = (actfn_isa)i;
    if (np < 2)
        skip(); /* nothing to compare against */
    violations = 0;
    void *x;
    size_t n = dense_inputs(T, &x);
    void *dy = malloc(n * T->size), *ref = malloc(n * T->size), *got = malloc(n * T->size);
    assert_non_null(dy);
    assert_non_null(ref);
    assert_non_null(got);
    for (size_t i = 0; i < n; i++) /* some of every size */
        dt_set(T, dy, i,
               (i % 11 == 0) ? (((uint64_t)rnd() << 32 | rnd()) & dt_all(T)) : uniform(T, -2.0, 2.0));
    /* leaky_relu also with these slopes, and every exact kind with
     * parameters also with its defaults scaled by 1.75 (valid for each) */
    const actfn_params leaky[] = {{0.2f, 0, 0, 0}, {3.5f, 0, 0, 0}, {-0.75f, 0, 0, 0}};
    enum { NLEAKY = sizeof leaky / sizeof leaky[0] };
    /* each path ≤ 8 ULP or 2^-M absolute (scaled by dy) for derivative and
     * backward: twice that between two paths */
    const double abs_tol = ldexp(1.0, 1 - T->man_bits);
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
            assert_int_equal(T->call(t->c, (actfn_kind)k, p, x, dy, ref, n), ACTFN_OK);
            for (int j = 1; j < np; j++) {
                assert_int_equal(actfn_set_isa(paths[j]), ACTFN_OK);
                assert_int_equal(T->call(t->c, (actfn_kind)k, p, x, dy, got, n), ACTFN_OK);
                compared++;
                for (size_t i = 0; i < n; i++) {
                    uint64_t a = dt_get(T, ref, i), b = dt_get(T, got, i);
                    double dyi = dt_to_double(T, dt_get(T, dy, i));
                    int ok;
                    if (exact)
                        ok = dt_same(T, a, b);
                    else if (t->c == FWD)
                        ok = close_enough(T, a, b, 4, 0.0);
                    else
                        ok = close_enough(T, a, b, 16, abs_tol * (t->c == BWD ? fabs(dyi) : 1.0));
                    EXPECT(ok, "%s%s x=%a dy=%a: %s %a (0x%0*llx), %s %a (0x%0*llx)", kname(k),
                           p ? " (params)" : "", ELT(T, x, i), dyi, actfn_isa_name(paths[0]),
                           VAL(T, a), actfn_isa_name(paths[j]), VAL(T, b));
                }
            }
        }
    }
    free(x);
    free(dy);
    free(ref);
    free(got);
    print_message("  %s: %d of %d kinds (%s), %d comparisons on %d paths\n", T->name,
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
    {"descriptor_matches_registry", t_descriptor_matches_registry},
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
    {"inf_gives_the_limit", t_inf_gives_the_limit},
    {"huge_n_is_esize_untouched", t_huge_n_rejected},
    {"long_arrays_streamed_equal_pieces", t_long_arrays_equal_pieces},
    {"parameter_on_a_midpoint_rounds_to_even", t_parameter_on_a_midpoint},
};
#define NPER (sizeof per_path / sizeof per_path[0])

/* The cross-path group of one dtype: each call × exact kinds bit for bit,
 * and, for the dtypes on the f32 bodies (grade 32), the other kinds within
 * a few ULP.  The f64 bodies' other kinds are held to the contract on each
 * path by the accuracy test: here a named skip. */
static void t_cross_path_other_kinds(void **state)
{
    const cross_ctx *t = *state;
    if (t->t->grade != 32)
        skip(); /* the accuracy test's, per path against the reference */
    t_cross_path(state);
}

static int run_cross(const dtype *T)
{
    static cross_ctx cc[NDTYPES][NCALLS * 2];
    static char names[NDTYPES][NCALLS * 2][128];
    static struct CMUnitTest tests[NDTYPES][NCALLS * 2];
    const int d = (int)(T - dtypes);
    size_t nt = 0;
    for (int c = 0; c < NCALLS; c++)
        for (int e = 1; e >= 0; e--) {
            cc[d][nt] = (cross_ctx){c, e, T};
            snprintf(names[d][nt], sizeof names[d][nt], "%s_%s_%s_across_paths", call_name[c],
                     T->name, e ? "exact_kinds_bit_identical" : "other_kinds_within_few_ulp");
            tests[d][nt] = (struct CMUnitTest){names[d][nt],
                                               e ? t_cross_path : t_cross_path_other_kinds, NULL,
                                               NULL, &cc[d][nt]};
            nt++;
        }
    char group[64];
    snprintf(group, sizeof group, "semantics_%s_cross_path", T->name);
    return cmocka_run_group_tests_name(group, tests[d], NULL, NULL) ? 1 : 0;
}

/* One path's group for one dtype: every per-path test × call. */
static int run_path(actfn_isa isa, const dtype *T)
{
    static ctx cx[NDTYPES][NCALLS];
    static char names[NDTYPES][NPER * NCALLS][128];
    static struct CMUnitTest tests[NDTYPES][NPER * NCALLS];
    const int d = (int)(T - dtypes);
    const char *path = actfn_isa_name(isa);
    for (int c = 0; c < NCALLS; c++)
        cx[d][c] = (ctx){isa, c, T};
    size_t nt = 0;
    for (size_t i = 0; i < NPER; i++)
        for (int c = 0; c < NCALLS; c++) {
            snprintf(names[d][nt], sizeof names[d][nt], "%s_%s_%s_%s", call_name[c], T->name,
                     per_path[i].name, path);
            tests[d][nt] = (struct CMUnitTest){names[d][nt], per_path[i].fn, NULL, NULL, &cx[d][c]};
            nt++;
        }
    char group[64];
    snprintf(group, sizeof group, "semantics_%s_%s", T->name, path);
    return cmocka_run_group_tests_name(group, tests[d], NULL, NULL) ? 1 : 0;
}

static void usage(const char *argv0)
{
    fprintf(stderr, "usage: %s ", argv0);
    print_isa_names(stderr, "|");
    fprintf(stderr, "|cross [");
    print_dtype_names(stderr, "|");
    fprintf(stderr, "]\n");
}

int main(int argc, char **argv)
{
    if (dtypes_init() != 0)
        return 2;
    if (argc < 2 || argc > 3) {
        usage(argv[0]);
        return 2;
    }
    int cross = strcmp(argv[1], "cross") == 0;
    int isa = cross ? -1 : isa_from_name(argv[1]);
    const dtype *only = argc == 3 ? dtype_named(argv[2]) : NULL;
    if ((!cross && isa < 0) || (argc == 3 && only == NULL)) {
        usage(argv[0]);
        return 2;
    }
    /* ACTFN_TEST_SKIP: a cmocka pattern of cases left out, named here
     * (tests/scripts/run-hardening.sh's valgrind stage). */
    const char *skip = getenv("ACTFN_TEST_SKIP");
    if (skip != NULL && *skip != '\0') {
        printf("SKIPPED: the cases matching \"%s\" (ACTFN_TEST_SKIP)\n", skip);
        cmocka_set_skip_filter(skip);
    }
    int failed = 0;
    for (int d = 0; d < NDTYPES; d++) {
        if (only != NULL && only != &dtypes[d])
            continue;
        make_specials(&dtypes[d]);
        failed |= cross ? run_cross(&dtypes[d]) : run_path((actfn_isa)isa, &dtypes[d]);
    }
    if (failed)
        return 1;
    return cross || actfn_isa_supported((actfn_isa)isa) ? 0 : 77; /* 77: skipped, by name above */
}
