/*
 * The exhaustive sweep of CONTRACT.md "Accuracy": every float bit pattern,
 * every registered function, forward and derivative, on every supported
 * path, against the long-double reference (tests/reference/).  Run it with
 * tests/scripts/run-exhaustive.sh; not a ctest entry (the full sweep takes
 * hours).
 *
 *   exhaustive [--stride K] [--offset R] [--only NAME[,NAME...]]
 *              [--paths P[,P...]] [--threads T]
 *              [--state DIR [--record FILE] [--report]]
 *
 *   --stride K   one bit pattern out of every window of K consecutive ones
 *                (K = 1: all 2^32).  The position inside each window is a
 *                fixed hash of the window's index, so a strided run still
 *                sees every mantissa bit vary (plain multiples of 4096
 *                would all end in twelve zero bits); --offset R takes
 *                position R of every window instead.
 *   --only       these functions (registry names) only
 *   --paths      these paths only (default: every path this CPU runs)
 *   --threads    worker threads (default: the online cores)
 *   --state DIR  resumable: the work is cut into jobs of one function ×
 *                1/16 of the inputs; each finished job is saved in DIR, a
 *                rerun skips the saved ones and the table is made from
 *                DIR.  A job file carries a fingerprint of its function
 *                (the library's outputs on every selected path and the
 *                reference's, on 4096 fixed inputs) and of the path list,
 *                so a job saved before a change to that function's kernel
 *                or reference is redone, and the others are kept.
 *   --record F   with --state: F's jobs are copied into DIR first (where
 *                it lacks them), and every job of DIR is written back to F
 *                at the end (docs/exhaustive-record.txt is such a file)
 *   --report     with --state: run nothing, print the table of the
 *                functions whose 16 jobs are all saved and list the others
 *
 * The jobs and their files are exhaustive_jobs.c's.
 *
 * Bounds, error measure and the near-zero-of-f' clause are those of
 * test_accuracy.c:
 *   fwd  ≤ 4 ULP
 *   der  ≤ 8 ULP, or ≤ 2^-23 absolute within 2^-6 of a zero of f'
 *        (ref_near_der_zero); such inputs are counted as excused
 *   ULP error = |y − ref| / ulp(ref), ulp below FLT_MIN = 2^-149; a NaN
 *   must meet a NaN; a reference at or beyond FLT_MAX + ulp/2 must give
 *   that infinity, and an infinite y otherwise fails.
 * Functions run at their default parameters.
 *
 * Output: progress on stderr; on stdout a markdown table of the worst ULP
 * error per function × path × {fwd, der} with the input where it occurs,
 * the first violations, and the throughput with the projected time of the
 * full 2^32 sweep on this many threads.  Exit status: 0 all within the
 * contract, 1 any violation, 2 usage, 3 (--state) no violation but some
 * function not complete.
 *
 * How the work is split: the reference is most of the cost, so it is
 * evaluated once per input and function.  T threads each take an
 * interleaved share of a block of bit patterns and evaluate the reference
 * of every selected function on it.  The library's path is process-wide
 * (actfn_set_isa), so for each path the threads meet at a barrier, one
 * switches the path, and after a second barrier each runs its share through
 * every function on that path and scores it.  A later path whose outputs for
 * the block are bit for bit the first path's takes the first path's block
 * score instead of scoring again.
 */
#define _GNU_SOURCE /* pthread_barrier_t under -std=c11 */
#include <float.h>
#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "actfn.h"
#include "exhaustive_jobs.h"
#include "float_bits.h"
#include "ref.h"

static const double bound[NMODES] = {4.0, 8.0};
#define NEAR_ZERO_ABS 0x1p-23L
/* Inputs per thread per block.  Every block passes six barriers (one
 * actfn_set_isa per path); with 4,096 the vector paths' share of a block
 * took microseconds, the barrier wake-ups on this VM about as long, and
 * the two threads were busy 1.5 cores' worth.  65,536: 1.9 cores, the
 * sweep 1.15-1.25x faster (log_sigmoid, sin, lecun_tanh at --stride 64);
 * the scores do not depend on it (merge() below). */
#define BLOCK 65536
#define FINGERPRINT_N 4096

/* ---- options and the work -------------------------------------------------------- */

static uint64_t stride = 1;
static long offset = -1; /* -1: hashed position in each window */
static int nthreads;
static actfn_isa paths[ACTFN_ISA_COUNT];
static int npaths;
static actfn_params params[ACTFN_KIND_COUNT];

/* The current sweep: inputs lo .. hi−1 (indices into the strided sequence)
 * of these functions. */
static uint64_t lo, hi;
static actfn_kind kinds[ACTFN_KIND_COUNT];
static int nkinds;

/* The bit pattern of input i. */
static uint32_t pattern(uint64_t i)
{
    uint64_t base = i * stride;
    if (stride == 1)
        return (uint32_t)base;
    uint64_t pos = offset >= 0 ? (uint64_t)offset
                               : ((i * 0x9e3779b97f4a7c15u) >> 32) % stride; /* Fibonacci hash */
    uint64_t b = base + pos;
    return (uint32_t)(b > 0xffffffffu ? 0xffffffffu : b);
}

typedef struct {
    int id;
    pthread_t th;
    float x[BLOCK];
    float *y0[NMODES];        /* the first path's outputs, [kind index][BLOCK] */
    float y[BLOCK];           /* a later path's */
    long double *ref[NMODES]; /* [kind index][BLOCK] */
    stat *st;                 /* [kind index][path index][mode] */
    stat *bs;                 /* the first path's score of this block, [kind][mode] */
    uint64_t refs;            /* reference evaluations */
    uint64_t reused;          /* block scores taken from the first path */
} worker;

static pthread_barrier_t bar;
static struct timespec t0;

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)(t.tv_sec - t0.tv_sec) + 1e-9 * (double)(t.tv_nsec - t0.tv_nsec);
}

static stat *st_at(stat *st, int ki, int pi, int m)
{
    return &st[((size_t)ki * (size_t)npaths + (size_t)pi) * NMODES + (size_t)m];
}

/* 1 if y's error is surely below the bound and below a maximum already
 * seen (this block's, or floor: the least of this thread's maxima over the
 * paths so far, which the final maximum of every path is at least), so that
 * scoring y could change nothing in the table: the error estimated in
 * double, which is within 2^-28 ULP of ref_ulp_err's wherever r's rounding
 * to double keeps r's binade (not when it lands on a power of two: those
 * go the long way, as do non-finite values and results near the overflow
 * threshold). */
static int below(const stat *s, double floor, int m, float y, long double r)
{
    double a = fabs((double)r);
    if (!(a < 0x1p127) || !isfinite(y))
        return 0;
    uint64_t u;
    memcpy(&u, &a, sizeof u);
    if ((u & 0xfffffffffffffu) == 0)
        return 0;
    int ex = a < 0x1p-126 ? -126 : (int)(u >> 52) - 1023;
    uint64_t v = (uint64_t)(23 - ex + 1023) << 52; /* 1/ulp = 2^(23 − ex) */
    double inv;
    memcpy(&inv, &v, sizeof inv);
    double e = fabs((double)y - (double)r) * inv;
    double lim = s->maxulp > floor ? s->maxulp : floor;
    if (lim > bound[m])
        lim = bound[m];
    return e + 0x1p-20 < lim;
}

/* Per kind, a float beyond which no input is near a zero of f′ (the largest
 * |zero| plus twice the window; 0 where f′ has none listed): most inputs
 * then skip the call to ref_near_der_zero. */
static float zero_reach[ACTFN_KIND_COUNT];

static void init_zero_reach(void)
{
    for (int k = 0; k < ACTFN_KIND_COUNT; k++) {
        const long double *z;
        int n = ref_der_zeros((actfn_kind)k, &z);
        long double reach = -1.0L;
        for (int i = 0; i < n; i++)
            if (fabsl(z[i]) + 2 * REF_ZERO_WINDOW > reach)
                reach = fabsl(z[i]) + 2 * REF_ZERO_WINDOW;
        zero_reach[k] = (float)reach * (1 + 0x1p-20f);
    }
}

static void score(stat *s, double floor, actfn_kind k, int m, float x, float y, long double r)
{
    if (m == DER && fabsf(x) <= zero_reach[k] && isfinite(y) && isfinite(r) &&
        ref_near_der_zero(k, x)) {
        long double a = fabsl((long double)y - r);
        if (a <= NEAR_ZERO_ABS) {
            s->excused++;
            if (a > s->zero_abs)
                s->zero_abs = a;
            return;
        }
    }
    if (below(s, floor, m, y, r))
        return;
    double e = ref_ulp_err(y, r);
    if (e > s->maxulp || (e == s->maxulp && bits(x) < s->worst && e > 0)) {
        s->maxulp = e;
        s->worst = bits(x);
        s->worst_y = y;
        s->worst_ref = r;
    }
    if (!(e <= bound[m])) {
        if (s->fail == 0 || bits(x) < s->first_fail) {
            s->first_fail = bits(x);
            s->first_y = y;
            s->first_ref = r;
        }
        s->fail++;
    }
}

/* a := a ∪ b; the same ties as score() so merging block scores equals
 * scoring input by input. */
static void merge(stat *a, const stat *b)
{
    if (b->maxulp > a->maxulp || (b->maxulp == a->maxulp && b->maxulp > 0 && b->worst < a->worst)) {
        a->maxulp = b->maxulp;
        a->worst = b->worst;
        a->worst_y = b->worst_y;
        a->worst_ref = b->worst_ref;
    }
    if (b->fail && (a->fail == 0 || b->first_fail < a->first_fail)) {
        a->first_fail = b->first_fail;
        a->first_y = b->first_y;
        a->first_ref = b->first_ref;
    }
    a->fail += b->fail;
    a->excused += b->excused;
    if (b->zero_abs > a->zero_abs)
        a->zero_abs = b->zero_abs;
}

static void run(actfn_kind k, int m, const float *x, float *y, size_t n)
{
    actfn_status s = m == FWD ? actfn_forward_f32(k, NULL, x, y, n)
                              : actfn_derivative_f32(k, NULL, x, y, n);
    if (s != ACTFN_OK) {
        fprintf(stderr, "exhaustive: %s %s on %s: status %d\n", actfn_kind_name(k), mode_name[m],
                actfn_isa_name(actfn_active_isa()), (int)s);
        exit(2);
    }
}

static void set_path(int pi)
{
    if (actfn_set_isa(paths[pi]) != ACTFN_OK) {
        fprintf(stderr, "exhaustive: actfn_set_isa(%s) failed\n", actfn_isa_name(paths[pi]));
        exit(2);
    }
}

static void *work(void *arg)
{
    worker *w = arg;
    uint64_t per_block = (uint64_t)BLOCK * (uint64_t)nthreads;
    uint64_t nblocks = (hi - lo + per_block - 1) / per_block;
    double next_report = 10.0;
    for (uint64_t b = 0; b < nblocks; b++) {
        /* my share: indices lo + b·BLOCK·T + id + T·j */
        size_t n = 0;
        for (size_t j = 0; j < BLOCK; j++) {
            uint64_t i = lo + b * per_block + (uint64_t)w->id + (uint64_t)nthreads * j;
            if (i >= hi)
                break;
            w->x[n++] = fbits(pattern(i));
        }
        for (int ki = 0; ki < nkinds; ki++) {
            const ref_entry *e = &ref_table[kinds[ki]];
            const actfn_params *p = &params[kinds[ki]];
            long double *rf = w->ref[FWD] + (size_t)ki * BLOCK,
                        *rd = w->ref[DER] + (size_t)ki * BLOCK;
            for (size_t j = 0; j < n; j++) {
                rf[j] = e->fwd(w->x[j], p);
                rd[j] = e->der(w->x[j], p);
            }
            w->refs += 2 * n;
        }
        for (int pi = 0; pi < npaths; pi++) {
            pthread_barrier_wait(&bar);
            if (w->id == 0)
                set_path(pi);
            pthread_barrier_wait(&bar);
            if (n == 0)
                continue;
            for (int ki = 0; ki < nkinds; ki++) {
                actfn_kind k = kinds[ki];
                for (int m = 0; m < NMODES; m++) {
                    float *y0 = w->y0[m] + (size_t)ki * BLOCK;
                    stat *bs = &w->bs[(size_t)ki * NMODES + (size_t)m];
                    if (pi > 0) {
                        run(k, m, w->x, w->y, n);
                        if (memcmp(w->y, y0, n * sizeof(float)) == 0) {
                            merge(st_at(w->st, ki, pi, m), bs);
                            w->reused++;
                            continue;
                        }
                    } else {
                        run(k, m, w->x, y0, n);
                    }
                    const float *y = pi > 0 ? w->y : y0;
                    const long double *r = w->ref[m] + (size_t)ki * BLOCK;
                    double floor = INFINITY;
                    for (int p = 0; p < npaths; p++)
                        floor = fmin(floor, st_at(w->st, ki, p, m)->maxulp);
                    stat s = {0};
                    for (size_t j = 0; j < n; j++)
                        score(&s, floor, k, m, w->x[j], y[j], r[j]);
                    merge(st_at(w->st, ki, pi, m), &s);
                    if (pi == 0)
                        *bs = s;
                }
            }
        }
        if (w->id == 0 && nblocks > 1) {
            double t = now();
            if (t >= next_report) {
                double done = (double)(b + 1) / (double)nblocks;
                fprintf(stderr, "exhaustive: %5.1f%%  %.0f s elapsed, ~%.0f s left\n", 100.0 * done,
                        t, t / done - t);
                next_report = t + 60.0;
            }
        }
    }
    return NULL;
}

/* Sweep inputs lo .. hi−1 of kinds[0 .. nkinds−1] on every selected path;
 * the merged scores go to out ([kind index][path index][mode]).  Returns
 * the reference evaluations made. */
static uint64_t sweep(stat *out, uint64_t *reused)
{
    worker *w = calloc((size_t)nthreads, sizeof *w);
    size_t nst = (size_t)nkinds * (size_t)npaths * NMODES;
    if (w == NULL)
        exit(2);
    for (int t = 0; t < nthreads; t++) {
        w[t].id = t;
        for (int m = 0; m < NMODES; m++) {
            w[t].ref[m] = malloc((size_t)nkinds * BLOCK * sizeof(long double));
            w[t].y0[m] = malloc((size_t)nkinds * BLOCK * sizeof(float));
            if (!w[t].ref[m] || !w[t].y0[m])
                exit(2);
        }
        w[t].st = calloc(nst, sizeof(stat));
        w[t].bs = calloc((size_t)nkinds * NMODES, sizeof(stat));
        if (!w[t].st || !w[t].bs)
            exit(2);
    }
    if (pthread_barrier_init(&bar, NULL, (unsigned)nthreads) != 0)
        exit(2);
    for (int t = 0; t < nthreads; t++)
        if (pthread_create(&w[t].th, NULL, work, &w[t]) != 0)
            exit(2);
    uint64_t refs = 0;
    for (int t = 0; t < nthreads; t++) {
        pthread_join(w[t].th, NULL);
        refs += w[t].refs;
        *reused += w[t].reused;
    }
    pthread_barrier_destroy(&bar);
    for (int t = 0; t < nthreads; t++) {
        for (size_t i = 0; i < nst; i++)
            merge(&out[i], &w[t].st[i]);
        for (int m = 0; m < NMODES; m++) {
            free(w[t].ref[m]);
            free(w[t].y0[m]);
        }
        free(w[t].st);
        free(w[t].bs);
    }
    free(w);
    return refs;
}

/* ---- fingerprints: what a saved job depends on -------------------------------------------------- */

static uint64_t fnv(uint64_t h, const void *p, size_t n)
{
    const unsigned char *c = p;
    for (size_t i = 0; i < n; i++)
        h = (h ^ c[i]) * 0x100000001b3u;
    return h;
}

/* What a saved job depends on: kind k's outputs on every selected path and
 * its reference, forward and derivative, on FINGERPRINT_N fixed inputs
 * (specials and a spread of bit patterns), and the path list. */
static uint64_t fingerprint(actfn_kind k)
{
    static float x[FINGERPRINT_N], y[FINGERPRINT_N];
    const uint32_t special[] = {0x00000000u, 0x80000000u, 0x00000001u, 0x80000001u, 0x007fffffu,
                                0x00800000u, 0x3f800000u, 0xbf800000u, 0x7f7fffffu, 0xff7fffffu,
                                0x7f800000u, 0xff800000u, 0x7fc00000u, 0xffc00000u};
    size_t ns = sizeof special / sizeof special[0];
    for (size_t i = 0; i < FINGERPRINT_N; i++)
        x[i] = fbits(i < ns ? special[i] : (uint32_t)((i * 0x9e3779b97f4a7c15u) >> 32));
    uint64_t h = 0xcbf29ce484222325u;
    h = fnv(h, actfn_kind_name(k), strlen(actfn_kind_name(k)));
    actfn_isa was = actfn_active_isa();
    for (int pi = 0; pi < npaths; pi++) {
        set_path(pi);
        h = fnv(h, actfn_isa_name(paths[pi]), strlen(actfn_isa_name(paths[pi])));
        for (int m = 0; m < NMODES; m++) {
            run(k, m, x, y, FINGERPRINT_N);
            h = fnv(h, y, sizeof y);
        }
    }
    actfn_set_isa(was);
    const ref_entry *e = &ref_table[k];
    for (size_t i = 0; i < FINGERPRINT_N; i++) {
        long double r[2] = {e->fwd(x[i], &params[k]), e->der(x[i], &params[k])};
        for (int m = 0; m < NMODES; m++) {
            double d[2] = {(double)r[m], 0.0};
            if (isfinite(d[0]))
                d[1] = (double)(r[m] - (long double)d[0]);
            h = fnv(h, d, sizeof d);
        }
    }
    return h;
}

/* ---- main --------------------------------------------------------------------------- */

static int usage(const char *argv0)
{
    fprintf(stderr,
            "usage: %s [--stride K] [--offset R] [--only NAME[,NAME...]] "
            "[--paths P[,P...]] [--threads T] [--state DIR [--record FILE] [--report]]\n",
            argv0);
    return 2;
}

static void fmt_ulp(char *buf, size_t len, double u)
{
    if (isinf(u))
        snprintf(buf, len, "inf");
    else
        snprintf(buf, len, "%.2f", u);
}

/* The markdown table and the violations of st ([kind][path][mode]) for
 * kind list ks; returns the number of violations. */
static uint64_t report(const actfn_kind *ks, int nks, stat *st)
{
    printf(
        "| function | path | fwd max ULP | fwd worst x | der max ULP | der worst x | der excused "
        "near f'=0 (max abs) | violations |\n");
    printf("|---|---|---:|---|---:|---|---|---:|\n");
    uint64_t violations = 0;
    for (int ki = 0; ki < nks; ki++)
        for (int pi = 0; pi < npaths; pi++) {
            const stat *f = st_at(st, ki, pi, FWD), *d = st_at(st, ki, pi, DER);
            char fu[32], du[32], ex[64];
            fmt_ulp(fu, sizeof fu, f->maxulp);
            fmt_ulp(du, sizeof du, d->maxulp);
            if (d->excused)
                snprintf(ex, sizeof ex, "%llu (%.2Lg)", (unsigned long long)d->excused,
                         d->zero_abs);
            else
                snprintf(ex, sizeof ex, "-");
            char fx[40] = "-", dx[40] = "-";
            if (f->maxulp > 0)
                snprintf(fx, sizeof fx, "%a", (double)fbits(f->worst));
            if (d->maxulp > 0)
                snprintf(dx, sizeof dx, "%a", (double)fbits(d->worst));
            printf("| %s | %s | %s%s | %s | %s%s | %s | %s | %llu |\n", actfn_kind_name(ks[ki]),
                   actfn_isa_name(paths[pi]), fu, f->fail ? " **FAIL**" : "", fx, du,
                   d->fail ? " **FAIL**" : "", dx, ex, (unsigned long long)(f->fail + d->fail));
            violations += f->fail + d->fail;
        }

    if (violations) {
        printf("\nViolations (the smallest failing bit pattern of each):\n\n");
        for (int ki = 0; ki < nks; ki++)
            for (int pi = 0; pi < npaths; pi++)
                for (int m = 0; m < NMODES; m++) {
                    const stat *s = st_at(st, ki, pi, m);
                    if (!s->fail)
                        continue;
                    printf("- %s %s %s: %llu inputs over %g ULP; e.g. x = %a [0x%08x]: got %a, "
                           "reference %.12Lg (%.3g ULP)\n",
                           actfn_kind_name(ks[ki]), actfn_isa_name(paths[pi]), mode_name[m],
                           (unsigned long long)s->fail, bound[m], (double)fbits(s->first_fail),
                           (unsigned)s->first_fail, (double)s->first_y, s->first_ref,
                           ref_ulp_err(s->first_y, s->first_ref));
                }
    }
    return violations;
}

/* --state DIR: run the jobs not yet saved (none with --report), then
 * report the complete functions from the files and list the others. */
static int run_state(const char *dir, const actfn_kind *sel, int nsel, int report_only)
{
    size_t per = (size_t)npaths * NMODES;
    stat *all = calloc((size_t)nsel * per, sizeof(stat));
    uint64_t fps[ACTFN_KIND_COUNT];
    int todo = 0, done_before = 0;
    if (all == NULL)
        return 2;
    for (int ki = 0; ki < nsel; ki++)
        fps[ki] = fingerprint(sel[ki]);
    /* what is saved already */
    static unsigned char saved[ACTFN_KIND_COUNT][NCHUNKS];
    double saved_secs = 0;
    for (int ki = 0; ki < nsel; ki++)
        for (int c = 0; c < NCHUNKS; c++) {
            char file[4096];
            double secs;
            stat *tmp = calloc(per, sizeof(stat));
            job_path(file, sizeof file, dir, sel[ki], c);
            if (job_load(file, sel[ki], c, fps[ki], paths, npaths, tmp, &secs) == 0) {
                saved[ki][c] = 1;
                done_before++;
                saved_secs += secs;
                for (size_t i = 0; i < per; i++)
                    merge(&all[(size_t)ki * per + i], &tmp[i]);
            } else {
                todo++;
            }
            free(tmp);
        }
    fprintf(stderr, "exhaustive: %d of %d jobs saved in %s (%.0f s of work), %d to run\n",
            done_before, nsel * NCHUNKS, dir, saved_secs, todo);

    uint64_t chunk = 0x100000000ull / NCHUNKS;
    int ran = 0;
    double elapsed = 0;
    nkinds = 1;
    for (int ki = 0; ki < nsel && !report_only; ki++)
        for (int c = 0; c < NCHUNKS; c++) {
            if (saved[ki][c])
                continue;
            kinds[0] = sel[ki];
            lo = (uint64_t)c * chunk;
            hi = lo + chunk;
            stat *st = calloc(per, sizeof(stat));
            uint64_t reused = 0;
            clock_gettime(CLOCK_MONOTONIC, &t0);
            sweep(st, &reused);
            double secs = now();
            char file[4096];
            job_path(file, sizeof file, dir, sel[ki], c);
            if (job_save(file, sel[ki], c, fps[ki], paths, npaths, st, secs) != 0) {
                fprintf(stderr, "exhaustive: cannot write %s\n", file);
                return 2;
            }
            for (size_t i = 0; i < per; i++)
                merge(&all[(size_t)ki * per + i], &st[i]);
            free(st);
            saved[ki][c] = 1;
            ran++;
            elapsed += secs;
            fprintf(stderr, "exhaustive: %s %2d/%d done in %.0f s; %d jobs left, ~%.1f h\n",
                    actfn_kind_name(sel[ki]), c + 1, NCHUNKS, secs, todo - ran,
                    elapsed / ran * (todo - ran) / 3600.0);
        }

    /* complete functions first, in the given order */
    actfn_kind done[ACTFN_KIND_COUNT];
    int ndone = 0, nmissing = 0;
    for (int ki = 0; ki < nsel; ki++) {
        int have = 0;
        for (int c = 0; c < NCHUNKS; c++)
            have += saved[ki][c];
        if (have == NCHUNKS) {
            memmove(&all[(size_t)ndone * per], &all[(size_t)ki * per], per * sizeof(stat));
            done[ndone++] = sel[ki];
        } else {
            nmissing++;
        }
    }
    printf("Exhaustive sweep: all 2^32 float inputs, libactfn %s (jobs in %s): %d of %d "
           "functions complete\n\n",
           actfn_version(), dir, ndone, nsel);
    uint64_t v = ndone ? report(done, ndone, all) : 0;
    if (nmissing) {
        printf("\nNot complete (jobs saved of %d):", NCHUNKS);
        const char *sep = " ";
        for (int ki = 0; ki < nsel; ki++) {
            int have = 0;
            for (int c = 0; c < NCHUNKS; c++)
                have += saved[ki][c];
            if (have < NCHUNKS) {
                printf("%s%s %d", sep, actfn_kind_name(sel[ki]), have);
                sep = ", ";
            }
        }
        printf("\n");
    }
    printf("\n%s: %llu violation(s)%s\n", v ? "FAIL" : "PASS", (unsigned long long)v,
           nmissing ? " in the complete functions" : "");
    free(all);
    return v ? 1 : nmissing ? 3 : 0;
}

int main(int argc, char **argv)
{
    const char *only = NULL, *want_paths = NULL, *state = NULL, *record = NULL;
    int report_only = 0;
    nthreads = (int)sysconf(_SC_NPROCESSORS_ONLN);
    for (int a = 1; a < argc; a++) {
        if (strcmp(argv[a], "--report") == 0) {
            report_only = 1;
            continue;
        }
        const char *opt = argv[a], *val = a + 1 < argc ? argv[a + 1] : NULL;
        if (val == NULL)
            return usage(argv[0]);
        char *end;
        if (strcmp(opt, "--stride") == 0) {
            unsigned long long v = strtoull(val, &end, 0);
            if (*end || v == 0 || v > 0xffffffffull)
                return usage(argv[0]);
            stride = v;
        } else if (strcmp(opt, "--offset") == 0) {
            offset = strtol(val, &end, 0);
            if (*end || offset < 0)
                return usage(argv[0]);
        } else if (strcmp(opt, "--only") == 0) {
            only = val;
        } else if (strcmp(opt, "--paths") == 0) {
            want_paths = val;
        } else if (strcmp(opt, "--threads") == 0) {
            nthreads = (int)strtol(val, &end, 10);
            if (*end || nthreads < 1 || nthreads > 256)
                return usage(argv[0]);
        } else if (strcmp(opt, "--state") == 0) {
            state = val;
        } else if (strcmp(opt, "--record") == 0) {
            record = val;
        } else {
            return usage(argv[0]);
        }
        a++;
    }
    if (nthreads < 1)
        nthreads = 1;
    if (offset >= 0 && (uint64_t)offset >= stride) {
        fprintf(stderr, "exhaustive: --offset must be below --stride\n");
        return 2;
    }
    if (report_only && state == NULL) {
        fprintf(stderr, "exhaustive: --report needs --state\n");
        return 2;
    }
    if (record != NULL && state == NULL) {
        fprintf(stderr, "exhaustive: --record needs --state\n");
        return 2;
    }
    if (state != NULL && stride != 1) {
        fprintf(stderr, "exhaustive: --state is for the full sweep (no --stride)\n");
        return 2;
    }
    if (ref_init() != 0)
        return 2;
    init_zero_reach();

    /* functions */
    for (int k = 0; k < ACTFN_KIND_COUNT; k++) {
        const char *name = actfn_kind_name((actfn_kind)k);
        if (name == NULL || strcmp(name, ref_table[k].name) != 0 ||
            actfn_params_default((actfn_kind)k, &params[k]) != ACTFN_OK) {
            fprintf(stderr, "exhaustive: kind %d: registry and reference disagree\n", k);
            return 2;
        }
    }
    if (only != NULL) {
        char *list = strdup(only);
        for (char *tok = strtok(list, ","); tok; tok = strtok(NULL, ",")) {
            actfn_kind k;
            if (actfn_kind_from_name(tok, &k) != ACTFN_OK) {
                fprintf(stderr, "exhaustive: unknown function \"%s\"\n", tok);
                return 2;
            }
            kinds[nkinds++] = k;
            if (nkinds == ACTFN_KIND_COUNT)
                break;
        }
        free(list);
    } else {
        for (int k = 0; k < ACTFN_KIND_COUNT; k++)
            kinds[nkinds++] = (actfn_kind)k;
    }
    if (nkinds == 0)
        return usage(argv[0]);

    /* paths */
    for (int i = 0; i < ACTFN_ISA_COUNT; i++) {
        const char *name = actfn_isa_name((actfn_isa)i);
        if (want_paths != NULL) {
            const char *s = strstr(want_paths, name);
            size_t len = strlen(name);
            int listed = 0;
            for (; s != NULL; s = strstr(s + 1, name))
                if ((s == want_paths || s[-1] == ',') && (s[len] == ',' || s[len] == '\0'))
                    listed = 1;
            if (!listed)
                continue;
            if (!actfn_isa_supported((actfn_isa)i)) {
                fprintf(stderr, "exhaustive: path %s is not supported here\n", name);
                return 2;
            }
        } else if (!actfn_isa_supported((actfn_isa)i)) {
            continue;
        }
        paths[npaths++] = (actfn_isa)i;
    }
    if (npaths == 0) {
        fprintf(stderr, "exhaustive: no path selected\n");
        return 2;
    }

    if (state != NULL) {
        actfn_kind sel[ACTFN_KIND_COUNT];
        memcpy(sel, kinds, sizeof sel);
        if (record != NULL && jobs_import(record, state) < 0)
            return 2;
        int rc = run_state(state, sel, nkinds, report_only);
        if (record != NULL && jobs_export(state, record) != 0)
            return 2;
        return rc;
    }

    lo = 0;
    hi = (0x100000000ull + stride - 1) / stride;
    uint64_t total = hi;
    stat *st = calloc((size_t)nkinds * (size_t)npaths * NMODES, sizeof(stat));
    if (st == NULL)
        return 2;
    fprintf(stderr,
            "exhaustive: %llu inputs (stride %llu, %s) x %d functions x %d paths, %d threads\n",
            (unsigned long long)total, (unsigned long long)stride,
            stride == 1   ? "all"
            : offset >= 0 ? "fixed offset"
                          : "hashed offset",
            nkinds, npaths, nthreads);
    clock_gettime(CLOCK_MONOTONIC, &t0);
    uint64_t reused = 0;
    uint64_t refs = sweep(st, &reused);
    double elapsed = now();

    printf("Exhaustive sweep: %llu float inputs (every %llu%s), %d threads, libactfn %s\n\n",
           (unsigned long long)total, (unsigned long long)stride,
           stride == 1   ? ""
           : offset >= 0 ? "th, fixed offset"
                         : "th, hashed offset",
           nthreads, actfn_version());
    uint64_t violations = report(kinds, nkinds, st);

    /* wall time, and CPU time (what the projection is if the cores were
     * this program's alone) */
    struct timespec cpu;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &cpu);
    double cpus = (double)cpu.tv_sec + 1e-9 * (double)cpu.tv_nsec;
    double scale = (double)0x100000000ull / (double)total;
    printf("\n%.1f s wall, %.1f s CPU: %.3g reference evaluations/s (%.3g per CPU-second; %d "
           "functions x fwd+der; %llu block scores reused across paths).\nThe full 2^32 sweep "
           "of these functions on %d threads: ~%.1f h at this wall-clock rate, ~%.1f h with %d "
           "otherwise idle cores.\n",
           elapsed, cpus, (double)refs / elapsed, (double)refs / cpus, nkinds,
           (unsigned long long)reused, nthreads, elapsed * scale / 3600.0,
           cpus * scale / nthreads / 3600.0, nthreads);
    printf("\n%s: %llu violation(s)\n", violations ? "FAIL" : "PASS",
           (unsigned long long)violations);
    free(st);
    return violations ? 1 : 0;
}
