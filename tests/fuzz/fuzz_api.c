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
 *   [2]      bits 0-3 output misalignment in floats; bits 4-7 x/dy's
 *   [3]      overlap distance selector
 *   [4..5]   n = le16 % (MAXN + 1)
 *   [6..21]  alpha, beta, gamma, delta as raw float bits (NaN, inf, ...)
 *   [22..]   x then dy as raw float bits, repeated cyclically when short
 *            (all zero when there are none)
 *
 * Every supported path runs the same call in the same layout; each run is
 * checked on its own, then the paths against each other:
 *   - the status is the one the arguments call for (unknown kind → EKIND;
 *     NULL params never EPARAM, and a NaN/inf in a field the kind uses —
 *     one with a non-zero default — always is; NULL pointer → ENULL;
 *     partial output overlap → EOVERLAP; otherwise OK or EPARAM), and the
 *     same on every path;
 *   - on an error nothing in the whole arena changed (inputs, output,
 *     canaries);
 *   - on success nothing outside [out, out + n) changed, and NaN in x (or
 *     in dy, backward) gave NaN at that index;
 *   - exact functions agree bit for bit across paths (NaN as NaN); the
 *     others within 8 ULP forward, 16 ULP (or 2^-22 absolute, times |dy|
 *     backward) derivative/backward: twice the per-path contract bound, as
 *     each path may sit on either side of the truth.
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
    int c;
    enum layout lay;
    int null_params;
    int first_path;
    unsigned mis_out, mis_in, dist;
    size_t n;
    actfn_params p;
    const uint8_t *vals; /* x then dy, 4 bytes each */
    size_t nvals;
} fcase;

static uint32_t le32(const uint8_t *b)
{
    return (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
}
static int is_nan(float f) { return (bits(f) & 0x7fffffffu) > 0x7f800000u; }
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
    fc->n = (size_t)(h[4] | h[5] << 8) % (MAXN + 1);
    fc->p.alpha = fbits(le32(h + 6));
    fc->p.beta = fbits(le32(h + 10));
    fc->p.gamma = fbits(le32(h + 14));
    fc->p.delta = fbits(le32(h + 18));
    fc->vals = size > sizeof h ? data + sizeof h : NULL;
    fc->nvals = size > sizeof h ? (size - sizeof h) / 4 : 0;
}

/* The i-th input value: x is 0..n-1, dy is n..2n-1. */
static float value(const fcase *fc, size_t i)
{
    return fc->nvals ? fbits(le32(fc->vals + 4 * (i % fc->nvals))) : 0.0f;
}

/* ---- one run: the layout in a fresh arena, the call, its own checks ------------------ */

typedef struct {
    _Alignas(64) float arena[ARENA]; /* aligned: ASan poisons whole 8-byte granules */
    float before[ARENA];
    const float *x, *dy;
    float *out;
    actfn_status st;
} run;

static const fcase *cur; /* for the report */

static void report_case(void)
{
    const fcase *fc = cur;
    fprintf(stderr,
            "fuzz_api: kind %d (%s) %s, layout %s, n=%zu, mis out=%u in=%u dist=%u, params %s "
            "{0x%08x 0x%08x 0x%08x 0x%08x}\n",
            fc->kind,
            actfn_kind_name((actfn_kind)fc->kind) ? actfn_kind_name((actfn_kind)fc->kind)
                                                  : "invalid",
            call_name[fc->c], layout_name[fc->lay], fc->n, fc->mis_out, fc->mis_in, fc->dist,
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

/* [a, a+n) and [b, b+n) share an element without being the same range. */
static int partial(const float *a, const float *b, size_t n)
{
    return a != NULL && b != NULL && a != b && a < b + n && b < a + n;
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

static actfn_status do_call(const fcase *fc, const float *x, const float *dy, float *out)
{
    return call(fc->c, (actfn_kind)fc->kind, fc->null_params ? NULL : &fc->p, x, dy, out, fc->n);
}

static void one_run(const fcase *fc, run *r)
{
    const size_t n = fc->n;
    float *A = r->arena;
    /* regions: [PAD][pre][x][dy][out][PAD]; pre leaves room for negative overlaps */
    float *xr = A + PAD + REGION, *dyr = xr + REGION, *outr = dyr + REGION;
    float *x = xr + fc->mis_in, *dy = dyr + (fc->mis_in ^ 5), *out = outr + fc->mis_out;
    /* an overlap distance of 1 .. n-1 (or n when n < 2: then no overlap), either sign */
    size_t d = n > 1 ? 1 + (fc->dist >> 1) % (n - 1) : n;
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
    /* fill: canary everywhere, then x and dy (dy second: where they overlap,
     * the overlapping elements hold dy's values, and both are read from here) */
    for (size_t i = 0; i < ARENA; i++)
        A[i] = fbits(0x7fa11a5du ^ (uint32_t)i);
    for (size_t i = 0; i < n; i++)
        x[i] = value(fc, i);
    if (fc->c == BWD)
        for (size_t i = 0; i < n; i++)
            dy[i] = value(fc, n + i);
    memcpy(r->before, A, sizeof r->before);

    const float *cx = fc->lay == L_NULL_X ? NULL : x;
    float *cout = fc->lay == L_NULL_OUT ? NULL : out;
    r->x = x;
    r->dy = dy;
    r->out = out;

    /* poison everything the call may not touch: its inputs and output only */
    ASAN_POISON_MEMORY_REGION(A, sizeof r->arena);
    if (n > 0) {
        ASAN_UNPOISON_MEMORY_REGION(x, n * sizeof *x);
        if (fc->c == BWD)
            ASAN_UNPOISON_MEMORY_REGION(dy, n * sizeof *dy);
        ASAN_UNPOISON_MEMORY_REGION(out, n * sizeof *out);
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
    else if (partial(cx, cout, n) || (fc->c == BWD && partial(dy, cout, n)))
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
        const float *q = A + i;
        int in_out = r->st == ACTFN_OK && cout != NULL && q >= out && q < out + n;
        if (!in_out && bits(A[i]) != bits(r->before[i]))
            FAIL("status %d: arena element %zu (out%+td, x%+td) changed 0x%08x -> 0x%08x",
                 (int)r->st, i, q - out, q - x, (unsigned)bits(r->before[i]), (unsigned)bits(A[i]));
    }
    if (r->st != ACTFN_OK || n == 0)
        return;

    /* NaN in, NaN out (the inputs as they were before the call) */
    for (size_t i = 0; i < n; i++) {
        float xi = r->before[(x - A) + (ptrdiff_t)i];
        float dyi = fc->c == BWD ? r->before[(dy - A) + (ptrdiff_t)i] : 0.0f;
        if ((is_nan(xi) || is_nan(dyi)) && !is_nan(out[i]))
            FAIL("[%zu] x=0x%08x dy=0x%08x on %s: got 0x%08x (%a), want NaN", i, (unsigned)bits(xi),
                 (unsigned)bits(dyi), actfn_isa_name(actfn_active_isa()), (unsigned)bits(out[i]),
                 (double)out[i]);
    }
}

/* ---- across paths ---------------------------------------------------------------- */

/* Functions whose every path computes the same IEEE operations (selects,
 * min/max, one product, one FMA, a division): bit for bit. */
static const char *const exact_kinds[] = {"identity",   "step",       "sign",         "absolute",
                                          "relu",       "relu6",      "leaky_relu",   "prelu",
                                          "rrelu",      "srelu",      "hard_sigmoid", "hard_tanh",
                                          "hard_swish", "softshrink", "hardshrink",   NULL};

static int is_exact(int kind)
{
    const char *name = actfn_kind_name((actfn_kind)kind);
    for (const char *const *e = exact_kinds; name && *e; e++)
        if (strcmp(name, *e) == 0)
            return 1;
    return 0;
}

/* Order-preserving integer of a float: adjacent floats differ by 1, ±0 by 0,
 * ±inf one past ±FLT_MAX. */
static int64_t ordered(float f)
{
    int32_t i;
    memcpy(&i, &f, sizeof i);
    return i < 0 ? -(int64_t)(i & 0x7fffffff) : (int64_t)i;
}

static int agree(int exact, int c, float a, float b, float dy)
{
    if (is_nan(a) || is_nan(b))
        return is_nan(a) && is_nan(b);
    if (exact)
        return bits(a) == bits(b);
    int64_t u = ordered(a) - ordered(b);
    if (u < 0)
        u = -u;
    if (c == FWD)
        return u <= 8;
    double tol = ldexp(1.0, -22) * (c == BWD ? fabs((double)dy) : 1.0);
    return u <= 16 || (isfinite(a) && isfinite(b) && fabs((double)a - (double)b) <= tol);
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
    return 0;
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
    for (int j = 1; j < npaths; j++)
        for (size_t i = 0; i < fc.n; i++) {
            float a = runs[0].out[i], b = runs[j].out[i];
            float xi = runs[0].before[(runs[0].x - runs[0].arena) + (ptrdiff_t)i];
            float dyi =
                fc.c == BWD ? runs[0].before[(runs[0].dy - runs[0].arena) + (ptrdiff_t)i] : 1.0f;
            if (agree(exact, fc.c, a, b, dyi))
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
            FAIL("[%zu] x=%a (0x%08x) dy=%a: %s %a (0x%08x), %s %a (0x%08x), reference %.12Lg "
                 "(%s)",
                 i, (double)xi, (unsigned)bits(xi), (double)dyi, actfn_isa_name(paths[0]),
                 (double)a, (unsigned)bits(a), actfn_isa_name(paths[j]), (double)b,
                 (unsigned)bits(b), r, exact ? "exact function" : "beyond 2x the bound");
        }
    return 0;
}
