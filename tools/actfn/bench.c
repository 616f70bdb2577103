/*
 * actfn bench: a quick single-thread timing of the forward call on every
 * path this CPU runs, next to memcpy of the same bytes.  Each repetition
 * runs the call enough times to last ~1 ms (calibrated once); the minimum
 * over the repetitions is reported (the least disturbed run).  Bandwidth
 * counts the bytes read and written (2·n·size), for memcpy too.  For a
 * careful measurement use bench/ (Google Benchmark) in the source tree.
 */
#include "tool.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char *const bench_help =
    "usage: actfn bench [NAME...] [--n N] [--dtype f32|f64|bf16|f16] [--reps R]\n"
    "                   [--csv | --json]\n"
    "\n"
    "Times the forward call of each NAME (default: every function) on N elements\n"
    "(default 4096, in cache) on every path this CPU runs, single-threaded: the\n"
    "minimum of R repetitions (default 5) of ~1 ms each.  Prints ns/element, GB/s\n"
    "(bytes read + written) and the time relative to memcpy of the same bytes.\n";

typedef struct job {
    actfn_kind k;
    tool_dtype dt;
    const void *x;
    void *y;
    size_t n;
} job;

static volatile unsigned char sink;

static void run_once(const job *j)
{
    if (j->k == ACTFN_KIND_COUNT) { /* memcpy */
        memcpy(j->y, j->x, j->n * tool_dtype_size(j->dt));
        sink = ((const unsigned char *)j->y)[j->n / 2];
        return;
    }
    switch (j->dt) {
    case DT_F32:
        actfn_forward_f32(j->k, NULL, j->x, j->y, j->n);
        break;
    case DT_F64:
        actfn_forward_f64(j->k, NULL, j->x, j->y, j->n);
        break;
    case DT_BF16:
        actfn_forward_bf16(j->k, NULL, j->x, j->y, j->n);
        break;
    default:
        actfn_forward_f16(j->k, NULL, j->x, j->y, j->n);
        break;
    }
}

/* Seconds per call: the minimum over reps of ~1 ms batches. */
static double time_job(const job *j, int reps)
{
    double t0 = tool_now();
    run_once(j);
    double one = tool_now() - t0;
    size_t iters = one > 0 ? (size_t)(1e-3 / one) + 1 : 1000;
    double best = 1e30;
    for (int r = 0; r < reps; r++) {
        t0 = tool_now();
        for (size_t i = 0; i < iters; i++)
            run_once(j);
        double t = (tool_now() - t0) / (double)iters;
        if (t < best)
            best = t;
    }
    return best;
}

int cmd_bench(int argc, char **argv)
{
    tool_format fmt = FMT_TEXT;
    tool_dtype dt = DT_F32;
    size_t n = 4096, reps = 5;
    const char *val;
    int r, nk = 0;
    actfn_kind *kinds = malloc(sizeof *kinds * (size_t)(argc + ACTFN_KIND_COUNT));
    if (!kinds)
        return 1;
    for (int i = 0; i < argc; i++) {
        const char *s = argv[i];
        if (strcmp(s, "--help") == 0 || strcmp(s, "-h") == 0) {
            fputs(bench_help, stdout);
            free(kinds);
            return 0;
        }
        if (tool_parse_format(s, &fmt))
            continue;
        r = tool_opt_value(argc, argv, &i, "--n", &val);
        if (r == 0)
            r = tool_opt_value(argc, argv, &i, "--reps", &val) * 2;
        if (r == 0)
            r = tool_opt_value(argc, argv, &i, "--dtype", &val) * 3;
        if (r < 0 || (r == 1 && tool_parse_size("--n", val, 1, (size_t)1 << 28, &n)) ||
            (r == 2 && tool_parse_size("--reps", val, 1, 1000, &reps)) ||
            (r == 3 && tool_parse_dtype(val, &dt))) {
            free(kinds);
            return EXIT_USAGE;
        }
        if (r)
            continue;
        if (s[0] == '-') {
            free(kinds);
            return tool_usage_error("bench: unknown option '%s' (actfn bench --help)", s);
        }
        if (tool_parse_kind(s, &kinds[nk])) {
            free(kinds);
            return EXIT_USAGE;
        }
        nk++;
    }
    if (nk == 0)
        for (int k = 0; k < ACTFN_KIND_COUNT; k++)
            kinds[nk++] = (actfn_kind)k;

    size_t es = tool_dtype_size(dt);
    void *x = malloc(n * es), *y = malloc(n * es);
    if (!x || !y) {
        free(x), free(y), free(kinds);
        fprintf(stderr, "actfn: bench: out of memory for n = %zu\n", n);
        return 1;
    }
    /* Inputs spread over [-8, 8): every branch of the piecewise functions. */
    for (size_t i = 0; i < n; i++) {
        double v = -8.0 + 16.0 * (double)((i * 2654435761u) % 65536u) / 65536.0;
        if (dt == DT_F32)
            ((float *)x)[i] = (float)v;
        else if (dt == DT_F64)
            ((double *)x)[i] = v;
        else
            ((uint16_t *)x)[i] = tool_half_from_double(dt, v);
    }
    job mj = {ACTFN_KIND_COUNT, dt, x, y, n};
    double tm = time_job(&mj, (int)reps);
    double bytes = 2.0 * (double)n * (double)es;
    const actfn_isa start = actfn_active_isa();

    if (fmt == FMT_JSON)
        printf("{\"dtype\": \"%s\", \"n\": %zu, \"reps\": %zu, \"memcpy_ns_per_elem\": %.4f, "
               "\"memcpy_gbps\": %.3f, \"results\": [\n",
               tool_dtype_name(dt), n, reps, tm * 1e9 / (double)n, bytes / tm * 1e-9);
    else if (fmt == FMT_CSV)
        printf("function,path,dtype,n,ns_per_elem,gbps,vs_memcpy\n");
    else
        printf("dtype %s, n = %zu, min of %zu; memcpy: %.3f ns/elem, %.2f GB/s\n%-18s %-8s %10s "
               "%9s %10s\n",
               tool_dtype_name(dt), n, reps, tm * 1e9 / (double)n, bytes / tm * 1e-9, "function",
               "path", "ns/elem", "GB/s", "x memcpy");
    int first = 1;
    for (int ki = 0; ki < nk; ki++)
        for (int p = 0; p < ACTFN_ISA_COUNT; p++) {
            if (!actfn_isa_supported((actfn_isa)p) || actfn_set_isa((actfn_isa)p) != ACTFN_OK)
                continue;
            job j = {kinds[ki], dt, x, y, n};
            double t = time_job(&j, (int)reps);
            const char *name = actfn_kind_name(kinds[ki]), *path = actfn_isa_name((actfn_isa)p);
            double ns = t * 1e9 / (double)n, gbps = bytes / t * 1e-9;
            if (fmt == FMT_JSON)
                printf("%s  {\"function\": \"%s\", \"path\": \"%s\", \"ns_per_elem\": %.4f, "
                       "\"gbps\": %.3f, \"vs_memcpy\": %.3f}",
                       first ? "" : ",\n", name, path, ns, gbps, t / tm);
            else if (fmt == FMT_CSV)
                printf("%s,%s,%s,%zu,%.4f,%.3f,%.3f\n", name, path, tool_dtype_name(dt), n, ns,
                       gbps, t / tm);
            else
                printf("%-18s %-8s %10.3f %9.2f %10.2f\n", name, path, ns, gbps, t / tm);
            first = 0;
            fflush(stdout);
        }
    if (fmt == FMT_JSON)
        printf("\n]}\n");
    actfn_set_isa(start);
    free(x), free(y), free(kinds);
    return 0;
}
