/*
 * libFuzzer target for the element-wise calls (CONTRACT.md "Semantics every
 * call keeps", "All paths agree").  Built with -DACTFN_FUZZ=ON and clang;
 * the whole library then carries ASan + UBSan + coverage.  See
 * tests/fuzz/README.md for running it and regenerating the seed corpus.
 *
 * The input, front to back (short inputs read as zeros):
 *   [0]      kind: < 240 → value % (ACTFN_KIND_COUNT + 1) (COUNT is invalid);
 *            ≥ 240 → an invalid value from bad_kinds[]
 *   [1]      bits 0-1 call (0 forward, 1 derivative, 2-3 backward)
 *            bits 2-4 memory layout (enum layout)
 *            bit  5   params == NULL
 *            bits 6-7 the path to run first (index into the supported ones)
 *   [2]      bits 0-3 output misalignment in elements; bits 4-7 x/dy's
 *   [3]      overlap distance selector
 *   [4..5]   le16: bits 0-8 n = value % (MAXN + 1); bits 9-15 the dtype,
 *            value % the registry's count (src/registry/dtypes.def, in its
 *            order: 0 is f32, so inputs written before there were dtypes
 *            keep their meaning)
 *   [6..21]  alpha, beta, gamma, delta as raw float bits (NaN, inf, ...):
 *            parameters are float in every dtype
 *   [22..]   x then dy as raw bits of the dtype (its element size each,
 *            little-endian), repeated cyclically when short (all zero when
 *            there are none)
 *
 * Every supported path runs the same call in the same layout; each run is
 * checked on its own, then the paths against each other:
 *   - the status is the one the arguments call for (unknown kind → EKIND;
 *     NULL params never EPARAM, and a NaN/inf in a field the kind uses —
 *     one with a non-zero default — always is; NULL pointer → ENULL;
 *     partial output overlap → EOVERLAP; otherwise OK or EPARAM), and the
 *     same on every path;
 *   - on an error nothing in the whole arena changed (inputs, output,
 *     canaries: signalling NaNs of the dtype);
 *   - on success nothing outside [out, out + n) changed, and NaN in x (or
 *     in dy, backward) gave NaN at that index;
 *   - exact functions (the registry's exact column) agree bit for bit
 *     across paths (NaN as NaN); the others within 8 ULP of the dtype
 *     forward, 16 ULP (or 2^(1-M) absolute for M mantissa bits — 2^-22 for
 *     f32, 2^-51 for f64 — times |dy| backward) derivative/backward: twice
 *     the per-path contract bound, as each path may sit on either side of
 *     the truth.
 * A violation prints the case (with the long-double reference of each
 * differing element, for diagnosis only) and abort()s.
 */
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "actfn.h"
#include "api_call.h"
#include "dtype.h"
#include "float_bits.h"
#include "ref.h"

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#include <sanitizer/asan_interface.h>
#define HAVE_ASAN 1
#endif
#endif
#ifndef HAVE_ASAN
#define ASAN_POISON_MEMORY_REGION(a, s) ((void)(a), (void)(s))
#define ASAN_UNPOISON_MEMORY_REGION(a, s) ((void)(a), (void)(s))
#endif

enum layout {
    L_SEPARATE,       /* x, dy, out in separate places */
    L_INPLACE,        /* out == x (backward: dx == dy) */
    L_INPLACE_X,      /* backward: dx == x (forward/derivative: out == x) */
    L_OVERLAP_X,      /* out partially overlaps x → EOVERLAP */
    L_OVERLAP_DY,     /* backward: dx partially overlaps dy → EOVERLAP */
    L_INPUTS_OVERLAP, /* backward: x and dy overlap partially (allowed) */
    L_NULL_X,         /* x == NULL → ENULL when n > 0 */
    L_NULL_OUT,       /* out == NULL → ENULL when n > 0 */
};
static const char *const layout_name[] = {"separate",       "in place",       "in place (dx == x)",
                                          "out overlaps x", "dx overlaps dy", "x/dy overlap",
                                          "x NULL",         "out NULL"};

enum { MAXN = 320, REGION = MAXN + 32, PAD = 16, ARENA = PAD + 4 * REGION + PAD };

static const int bad_kinds[] = {ACTFN_KIND_COUNT, ACTFN_KIND_COUNT + 1, -1,  -2,  1000,
                                0x7fffffff,       (int)0x80000000u,     255, 256, 65536};

typedef struct {
    int kind; /* may be invalid */
    const dtype *t;
    int c;
    enum layout lay;
    int null_params;
    int first_path;
    unsigned mis_out, mis_in, dist;
    size_t n;
    actfn_params p;
    const uint8_t *vals; /* x then dy, the dtype's size each */
    size_t nvals;
} fcase;

static uint32_t le32(const uint8_t *b)
{
    return (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
}
static int is_fin(float f) { return (bits(f) & 0x7f800000u) != 0x7f800000u; }

static void decode(const uint8_t *data, size_t size, fcase *fc)
{
    uint8_t h[22] = {0};
    memcpy(h, data, size < sizeof h ? size : sizeof h);
    fc->kind = h[0] < 240 ? h[0] % (ACTFN_KIND_COUNT + 1)
                          : bad_kinds[(h[0] - 240) % (sizeof bad_kinds / sizeof bad_kinds[0])];
    fc->c = (h[1] & 3) == 3 ? BWD : h[1] & 3;
    fc->lay = (enum layout)((h[1] >> 2) & 7);
    fc->null_params = (h[1] >> 5) & 1;
    fc->first_path = h[1] >> 6;
    fc->mis_out = h[2] & 15;
    fc->mis_in = h[2] >> 4;
    fc->dist = h[3];
    const unsigned n_dt = (unsigned)(h[4] | h[5] << 8);
    fc->n = (size_t)(n_dt & 0x1ffu) % (MAXN + 1);
    fc->t = &dtypes[(n_dt >> 9) % NDTYPES];
    fc->p.alpha = fbits(le32(h + 6));
    fc->p.beta = fbits(le32(h + 10));
    fc->p.gamma = fbits(le32(h + 14));
    fc->p.delta = fbits(le32(h + 18));
    fc->vals = size > sizeof h ? data + sizeof h : NULL;
    fc->nvals = size > sizeof h ? (size - sizeof h) / fc->t->size : 0;
}

/* The i-th input value's bits: x is 0..n-1, dy is n..2n-1. */
static uint64_t value(const fcase *fc, size_t i)
{
    uint64_t u = 0;
    if (fc->nvals)
        for (size_t b = 0; b < fc->t->size; b++)
            u |= (uint64_t)fc->vals[fc->t->size * (i % fc->nvals) + b] << (8 * b);
    return u;
}

/* ---- one run: the layout in a fresh arena, the call, its own checks ------------------ */

/* Arrays of ARENA elements of any dtype (a uint64_t per element). */
typedef struct {
    _Alignas(64) uint64_t arena[ARENA]; /* aligned: ASan poisons whole 8-byte granules */
    uint64_t before[ARENA];
    const unsigned char *x, *dy;
    unsigned char *out;
    actfn_status st;
} run;

static const fcase *cur; /* for the report */

static void report_case(void)
{
    const fcase *fc = cur;
    fprintf(stderr,
            "fuzz_api: kind %d (%s) %s %s, layout %s, n=%zu, mis out=%u in=%u dist=%u, params %s "
            "{0x%08x 0x%08x 0x%08x 0x%08x}\n",
            fc->kind,
            actfn_kind_name((actfn_kind)fc->kind) ? actfn_kind_name((actfn_kind)fc->kind)
                                                  : "invalid",
            fc->t->name, call_name[fc->c], layout_name[fc->lay], fc->n, fc->mis_out, fc->mis_in, fc->dist,
            fc->null_params ? "NULL" : "given", (unsigned)bits(fc->p.alpha),
            (unsigned)bits(fc->p.beta), (unsigned)bits(fc->p.gamma), (unsigned)bits(fc->p.delta));
}

#define FAIL(...)                                                                                  \
    do {                                                                                           \
        report_case();                                                                             \
        fprintf(stderr, "fuzz_api: VIOLATION: " __VA_ARGS__);                                      \
        fputc('\n', stderr);                                                                       \
        abort();                                                                                   \
    } while (0)

/* [a, a+bytes) and [b, b+bytes) share a byte without being the same range. */
static int partial(const unsigned char *a, const unsigned char *b, size_t bytes)
{
    return a != NULL && b != NULL && a != b && a < b + bytes && b < a + bytes;
}

/* Used fields: those with a non-zero default (true of every registered kind). */
static int uses_nonfinite_param(int kind, const actfn_params *p)
{
    actfn_params d;
    if (actfn_params_default((actfn_kind)kind, &d) != ACTFN_OK)
        return 0;
    const float def[4] = {d.alpha, d.beta, d.gamma, d.delta};
    const float got[4] = {p->alpha, p->beta, p->gamma, p->delta};
    for (int i = 0; i < 4; i++)
        if (def[i] != 0.0f && !is_fin(got[i]))
            return 1;
    return 0;
}

static actfn_status do_call(const fcase *fc, const void *x, const void *dy, void *out)
{
    return fc->t->call(fc->c, (actfn_kind)fc->kind, fc->null_params ? NULL : &fc->p, x, dy, out,
                       fc->n);
}

static void one_run(const fcase *fc, run *r)
{
    const dtype *T = fc->t;
    const size_t n = fc->n, sz = T->size;
    unsigned char *A = (unsigned char *)r->arena;
    const unsigned char *B = (const unsigned char *)r->before;
    /* regions: [PAD][pre][x][dy][out][PAD]; pre leaves room for negative overlaps */
    unsigned char *xr = A + (PAD + REGION) * sz, *dyr = xr + REGION * sz, *outr = dyr + REGION * sz;
    unsigned char *x = xr + fc->mis_in * sz, *dy = dyr + (fc->mis_in ^ 5) * sz,
                  *out = outr + fc->mis_out * sz;
    /* an overlap distance of 1 .. n-1 elements (or n when n < 2: then no
     * overlap), either sign */
    size_t d = (n > 1 ? 1 + (fc->dist >> 1) % (n - 1) : n) * sz;
    int neg = fc->dist & 1;
    switch (fc->lay) {
    case L_SEPARATE:
    case L_NULL_X:
    case L_NULL_OUT:
        break;
    case L_INPLACE:
        out = fc->c == BWD ? dy : x;
        break;
    case L_INPLACE_X:
        out = x;
        break;
    case L_OVERLAP_X:
        out = neg ? x - d : x + d;
        break;
    case L_OVERLAP_DY:
        out = fc->c == BWD ? (neg ? dy - d : dy + d) : (neg ? x - d : x + d);
        break;
    case L_INPUTS_OVERLAP:
        dy = neg ? x - d : x + d;
        break;
    }
    /* fill: canaries (signalling NaNs of the dtype) everywhere, then x and dy
     * (dy second: where they overlap, the overlapping elements hold dy's
     * values, and both are read from here) */
    const uint64_t quiet = dt_quiet_bit(T);
    for (size_t i = 0; i < ARENA; i++)
        dt_set(T, A, i, dt_exp_mask(T) | (((0x211a5du ^ i) & (quiet - 1)) | 1));
    for (size_t i = 0; i < n; i++)
        dt_set(T, x, i, value(fc, i));
    if (fc->c == BWD)
        for (size_t i = 0; i < n; i++)
            dt_set(T, dy, i, value(fc, n + i));
    memcpy(r->before, r->arena, sizeof r->before);

    const unsigned char *cx = fc->lay == L_NULL_X ? NULL : x;
    unsigned char *cout = fc->lay == L_NULL_OUT ? NULL : out;
    r->x = x;
    r->dy = dy;
    r->out = out;

    /* poison everything the call may not touch: its inputs and output only */
    ASAN_POISON_MEMORY_REGION(A, sizeof r->arena);
    if (n > 0) {
        ASAN_UNPOISON_MEMORY_REGION(x, n * sz);
        if (fc->c == BWD)
            ASAN_UNPOISON_MEMORY_REGION(dy, n * sz);
        ASAN_UNPOISON_MEMORY_REGION(out, n * sz);
    }
    r->st = do_call(fc, cx, dy, cout);
    ASAN_UNPOISON_MEMORY_REGION(A, sizeof r->arena);

    /* the status the arguments call for */
    actfn_status want;
    int kind_ok = fc->kind >= 0 && fc->kind < ACTFN_KIND_COUNT;
    if (!kind_ok)
        want = ACTFN_EKIND;
    else if (n == 0)
        want = ACTFN_OK;
    else if (cx == NULL || cout == NULL)
        want = ACTFN_ENULL;
    else if (partial(cx, cout, n * sz) || (fc->c == BWD && partial(dy, cout, n * sz)))
        want = ACTFN_EOVERLAP;
    else
        want = ACTFN_OK;
    int may_eparam = kind_ok && !fc->null_params;
    int must_eparam = may_eparam && uses_nonfinite_param(fc->kind, &fc->p);
    if (must_eparam ? r->st != ACTFN_EPARAM
                    : !(r->st == want || (may_eparam && r->st == ACTFN_EPARAM)))
        FAIL("status %d (%s), want %s%d", (int)r->st, actfn_strerror(r->st),
             must_eparam ? "EPARAM " : "", must_eparam ? (int)ACTFN_EPARAM : (int)want);

    /* memory: on error nothing changed; on success only [out, out + n) */
    for (size_t i = 0; i < ARENA; i++) {
        const unsigned char *q = A + i * sz;
        int in_out = r->st == ACTFN_OK && cout != NULL && q >= out && q < out + n * sz;
        uint64_t now = dt_get(T, A, i), was = dt_get(T, B, i);
        if (!in_out && now != was)
            FAIL("status %d: arena element %zu (out%+td, x%+td) changed 0x%0*llx -> 0x%0*llx",
                 (int)r->st, i, (q - out) / (ptrdiff_t)sz, (q - x) / (ptrdiff_t)sz, dt_hex(T),
                 (unsigned long long)was, dt_hex(T), (unsigned long long)now);
    }
    if (r->st != ACTFN_OK || n == 0)
        return;

    /* NaN in, NaN out (the inputs as they were before the call) */
    for (size_t i = 0; i < n; i++) {
        uint64_t xi = dt_get(T, B + (x - A), i);
        uint64_t dyi = fc->c == BWD ? dt_get(T, B + (dy - A), i) : 0;
        uint64_t o = dt_get(T, out, i);
        if ((dt_isnan(T, xi) || dt_isnan(T, dyi)) && !dt_isnan(T, o))
            FAIL("[%zu] x=0x%0*llx dy=0x%0*llx on %s: got 0x%0*llx (%a), want NaN", i, dt_hex(T),
                 (unsigned long long)xi, dt_hex(T), (unsigned long long)dyi,
                 actfn_isa_name(actfn_active_isa()), dt_hex(T), (unsigned long long)o,
                 dt_to_double(T, o));
    }
}

/* ---- across paths ---------------------------------------------------------------- */

/* The registry's exact column: functions whose every path computes the same
 * IEEE operations (selects, min/max, one product, one FMA, a division), bit
 * for bit in every dtype. */
static const unsigned char kind_exact[ACTFN_KIND_COUNT] = {
#define ACTFN_ELTWISE(name, KIND, fwd, der, exact, ...) [ACTFN_##KIND] = (exact),
#include "registry/eltwise.def"
#undef ACTFN_ELTWISE
};

static int is_exact(int kind) { return kind >= 0 && kind < ACTFN_KIND_COUNT && kind_exact[kind]; }

static int agree(const dtype *T, int exact, int c, uint64_t a, uint64_t b, double dy)
{
    if (dt_isnan(T, a) || dt_isnan(T, b))
        return dt_isnan(T, a) && dt_isnan(T, b);
    if (exact)
        return a == b;
    uint64_t u = dt_ulps(T, a, b);
    if (c == FWD)
        return u <= 8;
    double tol = ldexp(1.0, 1 - T->man_bits) * (c == BWD ? fabs(dy) : 1.0);
    return u <= 16 || (dt_isfinite(T, a) && dt_isfinite(T, b) &&
                       fabs(dt_to_double(T, a) - dt_to_double(T, b)) <= tol);
}

static actfn_isa paths[ACTFN_ISA_COUNT];
static int npaths;
static run runs[ACTFN_ISA_COUNT];

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    for (int i = 0; i < ACTFN_ISA_COUNT; i++)
        if (actfn_isa_supported((actfn_isa)i))
            paths[npaths++] = (actfn_isa)i;
    ref_init();
    return dtypes_init() == 0 ? 0 : 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fcase fc;
    decode(data, size, &fc);
    cur = &fc;
    /* the chosen path first, then the others in order */
    int first = fc.first_path % npaths;
    for (int j = 0; j < npaths; j++) {
        int pi = (first + j) % npaths;
        if (actfn_set_isa(paths[pi]) != ACTFN_OK)
            FAIL("actfn_set_isa(%s) failed", actfn_isa_name(paths[pi]));
        one_run(&fc, &runs[pi]);
        if (runs[pi].st != runs[first].st)
            FAIL("status %d on %s, %d on %s", (int)runs[pi].st, actfn_isa_name(paths[pi]),
                 (int)runs[first].st, actfn_isa_name(paths[first]));
    }
    if (runs[0].st != ACTFN_OK || fc.n == 0)
        return 0;

    int exact = is_exact(fc.kind);
    const dtype *T = fc.t;
    const unsigned char *A0 = (const unsigned char *)runs[0].arena;
    const unsigned char *B0 = (const unsigned char *)runs[0].before;
    for (int j = 1; j < npaths; j++)
        for (size_t i = 0; i < fc.n; i++) {
            uint64_t a = dt_get(T, runs[0].out, i), b = dt_get(T, runs[j].out, i);
            uint64_t xb = dt_get(T, B0 + (runs[0].x - A0), i);
            double xi = dt_to_double(T, xb);
            double dyi = fc.c == BWD ? dt_to_double(T, dt_get(T, B0 + (runs[0].dy - A0), i)) : 1.0;
            if (agree(T, exact, fc.c, a, b, dyi))
                continue;
            /* the reference, for the report only: which path is off */
            actfn_params P;
            if (fc.null_params)
                actfn_params_default((actfn_kind)fc.kind, &P);
            else
                P = fc.p;
            const ref_entry *e = &ref_table[fc.kind];
            long double r = fc.c == FWD ? e->fwd(xi, &P) : e->der(xi, &P);
            if (fc.c == BWD)
                r *= dyi;
            FAIL("[%zu] x=%a (0x%0*llx) dy=%a: %s %a (0x%0*llx), %s %a (0x%0*llx), reference "
                 "%.21Lg (%s)",
                 i, xi, dt_hex(T), (unsigned long long)xb, dyi, actfn_isa_name(paths[0]),
                 dt_to_double(T, a), dt_hex(T), (unsigned long long)a, actfn_isa_name(paths[j]),
                 dt_to_double(T, b), dt_hex(T), (unsigned long long)b, r,
                 exact ? "exact function" : "beyond 2x the bound");
        }
    return 0;
}
