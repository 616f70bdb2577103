/*
 * A fingerprint of every f32 element-wise output: for each path, call
 * (forward, derivative, backward), function and parameter set, a 64-bit
 * hash of the output bits over a fixed set of 1,310,720 inputs (a stride
 * through all 2^32 bit patterns, a dense grid of [-20, 20], and the
 * specials: ±0, ±inf, NaNs, subnormals, FLT_MIN/MAX, kinks).  It pins the
 * results bit for bit (a NaN as NaN), so that a change meant to leave them alone (a
 * refactoring) can be shown to, on every path at once.
 *
 *   fingerprint print                 one line per case, for every path this CPU runs
 *   fingerprint check FILE            compare with a recorded file; paths this
 *                                     CPU lacks are reported as skipped by name
 *   fingerprint dump DIR              the raw outputs, one file per case (to find
 *                                     which elements two builds disagree on)
 *
 * Public API only, so that the recording from an older build stays comparable.
 */
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <actfn.h>
#include "api_call.h"
#include "float_bits.h"

#define N_STRIDE (1u << 20) /* bit patterns i·4093 + 17 (mod 2^32): every binade */
#define N_GRID (1u << 18)   /* [-20, 20) in even steps */
#define N_MAX (N_STRIDE + N_GRID + 256)

static float xs[N_MAX], dys[N_MAX], out[N_MAX];
static size_t nx;

static void make_inputs(void)
{
    static const uint32_t specials[] = {
        0x00000000u, 0x80000000u, 0x7f800000u, 0xff800000u, 0x7fc00000u, 0xffc00000u,
        0x7fa00000u, 0x7fc00001u, 0x7f800001u, 0x00000001u, 0x80000001u, 0x007fffffu,
        0x807fffffu, 0x00800000u, 0x80800000u, 0x7f7fffffu, 0xff7fffffu, 0x3f800000u,
        0xbf800000u, 0x40400000u, 0xc0400000u, 0x40c00000u, 0x3f000000u, 0xbf000000u,
        0x2e800000u, 0xae800000u, 0x33800000u, 0xb3800000u, 0x42b00000u, 0xc2b00000u,
        0xc2ce0000u, 0xc2d00000u, 0x42c80000u, 0xbfa3a800u, 0xbf40a000u, 0xbf98a000u,
    };
    nx = 0;
    for (uint32_t i = 0; i < N_STRIDE; i++)
        xs[nx++] = fbits(i * 4093u + 17u);
    for (uint32_t i = 0; i < N_GRID; i++)
        xs[nx++] = -20.0f + 40.0f * (float)i / (float)N_GRID;
    for (size_t i = 0; i < sizeof specials / sizeof specials[0]; i++)
        xs[nx++] = fbits(specials[i]);
    /* dy: a fixed pseudo-random mix of magnitudes and signs, and some specials */
    uint64_t s = 0x9e3779b97f4a7c15u;
    for (size_t i = 0; i < nx; i++) {
        s ^= s << 13, s ^= s >> 7, s ^= s << 17;
        uint32_t r = (uint32_t)(s >> 32);
        float v = ldexpf((float)(r & 0xffffu) / 65536.0f + 0.5f, (int)((r >> 16) % 64) - 32);
        dys[i] = (r >> 31) ? -v : v;
        if (i % 997 == 0)
            dys[i] = (r & 1) ? INFINITY : 0.0f;
        if (i % 1999 == 0)
            dys[i] = NAN;
    }
}

/* FNV-1a over the output bits, 64-bit.  Every NaN counts as one value: the
 * contract leaves a NaN's sign and payload open, and they follow the order
 * in which the compiler puts the operands of a commutative instruction
 * (x86 returns the first operand's NaN), which a refactoring may change. */
static uint64_t hash(const float *y, size_t n)
{
    uint64_t h = 0xcbf29ce484222325u;
    for (size_t i = 0; i < n; i++) {
        uint32_t b = y[i] != y[i] ? 0x7fc00000u : bits(y[i]);
        for (int j = 0; j < 4; j++)
            h = (h ^ ((b >> (8 * j)) & 0xffu)) * 0x100000001b3u;
    }
    return h;
}

/* The default parameters of every kind, then these. */
typedef struct param_case {
    const char *kind, *tag;
    actfn_params p;
} param_case;
static const param_case extra[] = {
    {"swish", "alpha=0", {0.0f, 0, 0, 0}},
    {"swish", "alpha=1.5", {1.5f, 0, 0, 0}},
    {"swish", "alpha=-0.75", {-0.75f, 0, 0, 0}},
    {"swish", "alpha=1e30", {1e30f, 0, 0, 0}},
    {"softplus", "alpha=2", {2.0f, 0, 0, 0}},
    {"softplus", "alpha=1e-30", {1e-30f, 0, 0, 0}},
    {"elu", "alpha=0.5", {0.5f, 0, 0, 0}},
    {"celu", "alpha=2.5", {2.5f, 0, 0, 0}},
    {"leaky_relu", "alpha=-3", {-3.0f, 0, 0, 0}},
    {"srelu", "custom", {-2.0f, 0.0f, 3.0f, 0.5f}},
    {"hard_sigmoid", "custom", {0.2f, 0.4f, 0, 0}},
    {"hard_tanh", "custom", {-0.5f, 2.0f, 0, 0}},
    {"rrelu", "custom", {0.1f, 0.3f, 0, 0}},
    {"softshrink", "alpha=0", {0.0f, 0, 0, 0}},
    {"hardshrink", "alpha=2", {2.0f, 0, 0, 0}},
};

typedef int (*case_fn)(const char *isa, const char *call, const char *kind, const char *tag,
                       uint64_t h, void *ctx);

static int run_case(const char *isa, int c, actfn_kind k, const char *tag, const actfn_params *p,
                    case_fn f, void *ctx)
{
    memset(out, 0, sizeof out);
    actfn_status s = call(c, k, p, xs, dys, out, nx);
    if (s != ACTFN_OK) {
        fprintf(stderr, "fingerprint: %s %s %s %s: %s\n", isa, call_name[c], kname(k), tag,
                actfn_strerror(s));
        return 1;
    }
    return f(isa, call_name[c], kname(k), tag, hash(out, nx), ctx);
}

/* Every case on path isa. */
static int run_path(actfn_isa isa, case_fn f, void *ctx)
{
    int bad = 0;
    const char *in = actfn_isa_name(isa);
    if (actfn_set_isa(isa) != ACTFN_OK)
        return 1;
    for (int c = 0; c < NCALLS; c++) {
        for (int k = 0; k < ACTFN_KIND_COUNT; k++)
            bad |= run_case(in, c, (actfn_kind)k, "default", NULL, f, ctx);
        for (size_t e = 0; e < sizeof extra / sizeof extra[0]; e++) {
            actfn_kind k;
            if (actfn_kind_from_name(extra[e].kind, &k) != ACTFN_OK)
                return 1;
            bad |= run_case(in, c, k, extra[e].tag, &extra[e].p, f, ctx);
        }
    }
    return bad;
}

static const char *dump_dir;

static int print_case(const char *isa, const char *c, const char *k, const char *tag, uint64_t h,
                      void *ctx)
{
    (void)ctx;
    printf("%s %s %s %s %016" PRIx64 "\n", isa, c, k, tag, h);
    if (dump_dir != NULL) {
        char path[512];
        snprintf(path, sizeof path, "%s/%s.%s.%s.%s", dump_dir, isa, c, k, tag);
        FILE *f = fopen(path, "wb");
        if (f == NULL || fwrite(out, sizeof out[0], nx, f) != nx) {
            perror(path);
            return 1;
        }
        fclose(f);
    }
    return 0;
}

/* The recorded file, as lines "isa call kind tag hash". */
typedef struct record {
    char (*line)[128];
    size_t n, matched, failed;
} record;

static int check_case(const char *isa, const char *c, const char *k, const char *tag, uint64_t h,
                      void *ctx)
{
    record *r = ctx;
    char want[128], got[160];
    snprintf(want, sizeof want, "%s %s %s %s ", isa, c, k, tag);
    snprintf(got, sizeof got, "%s%016" PRIx64, want, h);
    for (size_t i = 0; i < r->n; i++) {
        if (strncmp(r->line[i], want, strlen(want)) == 0) {
            if (strcmp(r->line[i], got) == 0) {
                r->matched++;
                return 0;
            }
            printf("DIFFERS  %s (recorded %s)\n", got, r->line[i] + strlen(want));
            r->failed++;
            return 1;
        }
    }
    printf("MISSING  %s: no recorded line\n", got);
    r->failed++;
    return 1;
}

int main(int argc, char **argv)
{
    if (argc < 2 || (strcmp(argv[1], "print") != 0 && strcmp(argv[1], "check") != 0 &&
                      strcmp(argv[1], "dump") != 0) ||
        (strcmp(argv[1], "print") != 0 && argc != 3)) {
        fprintf(stderr, "usage: %s print | check FILE | dump DIR\n", argv[0]);
        return 2;
    }
    make_inputs();
    if (strcmp(argv[1], "dump") == 0)
        dump_dir = argv[2];
    if (strcmp(argv[1], "check") != 0) {
        int bad = 0;
        for (int i = 0; i < ACTFN_ISA_COUNT; i++)
            if (actfn_isa_supported((actfn_isa)i))
                bad |= run_path((actfn_isa)i, print_case, NULL);
        return bad;
    }
    FILE *fp = fopen(argv[2], "r");
    if (fp == NULL) {
        perror(argv[2]);
        return 2;
    }
    static char lines[1 << 14][128];
    record r = {lines, 0, 0, 0};
    while (r.n < sizeof lines / sizeof lines[0] && fgets(lines[r.n], sizeof lines[0], fp)) {
        lines[r.n][strcspn(lines[r.n], "\n")] = '\0';
        if (lines[r.n][0] != '\0' && lines[r.n][0] != '#')
            r.n++;
    }
    fclose(fp);
    int ran = 0, skipped = 0;
    for (int i = 0; i < ACTFN_ISA_COUNT; i++) {
        const char *in = actfn_isa_name((actfn_isa)i);
        int recorded = 0;
        for (size_t j = 0; j < r.n; j++)
            recorded |= strncmp(r.line[j], in, strlen(in)) == 0 && r.line[j][strlen(in)] == ' ';
        if (!actfn_isa_supported((actfn_isa)i)) {
            if (recorded) {
                printf("SKIPPED  %s: not run by this CPU or not built\n", in);
                skipped++;
            }
            continue;
        }
        if (!recorded) {
            printf("MISSING  %s: this CPU runs it but the record has no line for it\n", in);
            r.failed++;
            continue;
        }
        run_path((actfn_isa)i, check_case, &r);
        ran++;
    }
    printf("fingerprint: %zu cases identical, %zu differ or missing, %d paths run, %d skipped\n",
           r.matched, r.failed, ran, skipped);
    return r.failed != 0 || ran == 0;
}
