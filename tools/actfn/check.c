/*
 * actfn check: a quick accuracy sweep of the forward and derivative calls,
 * per function and path, on this machine.
 *
 *   f32        against the test suite's long-double reference
 *              (tests/reference/: within ~1e-18 relative of the exact
 *              value at float inputs) on ~11,000 inputs: a dense grid over
 *              [-20, 20], every binade from 2^-149 to 2^127 of both signs,
 *              ±0, ±inf, NaN.  Bounds: 4 ULP forward, 8 ULP derivative, or
 *              2^-23 absolute within 2^-6 of a zero of f' (CONTRACT.md).
 *   bf16, f16  every one of the 65,536 inputs against the same reference
 *              (half inputs are floats): forward and derivative must be
 *              correctly rounded, ≤ 0.5 ULP of the format.
 *   f64        each path against the scalar path (the long-double
 *              reference does not resolve every f64 result; the test
 *              suite checks f64 against MPFR): the largest difference in
 *              ULP of double, at most the sum of the two paths' bounds.
 *
 * Default parameters only (the zeros of f' are listed for them).  Exit
 * status 1 when a result is outside its bound.
 */
#include "tool.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ref.h"

static const char *const check_help =
    "usage: actfn check [NAME...] [--dtype f32|f64|bf16|f16] [--csv | --json]\n"
    "\n"
    "Sweeps the forward and derivative calls of each NAME (default: every\n"
    "function) on every path this CPU runs and prints the largest error:\n"
    "  f32        against a long-double reference, ~11,000 inputs (4 / 8 ULP)\n"
    "  bf16, f16  against the same reference, all 65,536 inputs (0.5 ULP:\n"
    "             correctly rounded)\n"
    "  f64        against the scalar path (the suite checks f64 with MPFR)\n"
    "Exit status 1 when a result is outside its bound.  A progress line goes to\n"
    "stderr on a terminal.\n";

#define NEAR_ZERO_ABS 0x1p-23L

/* ---- inputs ------------------------------------------------------------------ */

static double *inputs(tool_dtype dt, size_t *n)
{
    size_t cap = 70000, m = 0;
    double *x = malloc(cap * sizeof *x);
    if (!x)
        return NULL;
    if (dt == DT_BF16 || dt == DT_F16) {
        for (uint32_t h = 0; h < 65536; h++)
            x[m++] = tool_half_to_double(dt, (uint16_t)h);
        *n = m;
        return x;
    }
    for (int i = 0; i <= 8000; i++)
        x[m++] = (double)(float)(-20.0 + 40.0 * i / 8000.0);
    for (int e = -149; e <= 127; e++)
        for (int j = 0; j < 4; j++) {
            double v = ldexp(1.0 + j / 4.0, e);
            if (e < -126 && j) /* subnormals: powers of two only */
                continue;
            x[m++] = v;
            x[m++] = -v;
        }
    double sp[] = {0.0, -0.0, INFINITY, -INFINITY, NAN, FLT_MAX, -FLT_MAX,
                   0.5, -0.5, 3.0,      -3.0,      6.0, -6.0};
    for (size_t i = 0; i < sizeof sp / sizeof sp[0]; i++)
        x[m++] = sp[i];
    if (dt == DT_F64) /* values between floats too */
        for (int i = 0; i < 2000; i++)
            x[m++] = -20.0 + 40.0 * (i + 0.3183098861837907) / 2000.0;
    *n = m;
    return x;
}

/* ---- error measures ----------------------------------------------------------- */

/* |y − r| in ULP of the 16-bit format at |r|; overflow must be ±inf and
 * NaN must match NaN. */
static double half_ulp_err(tool_dtype dt, double y, long double r)
{
    const int m = dt == DT_BF16 ? 7 : 10, emin = dt == DT_BF16 ? -126 : -14;
    const long double maxv = ldexpl(2.0L - ldexpl(1.0L, -m), dt == DT_BF16 ? 127 : 15);
    if (isnan(r) || isnan(y))
        return isnan(r) && isnan(y) ? 0.0 : INFINITY;
    long double a = fabsl(r);
    int e = a == 0 ? emin : ilogbl(a);
    if (e < emin)
        e = emin;
    long double ulp = ldexpl(1.0L, e - m);
    if (a >= maxv + ldexpl(1.0L, (dt == DT_BF16 ? 127 : 15) - m) / 2)
        return isinf(y) && (y < 0) == (r < 0) ? 0.0 : INFINITY;
    if (isinf(y))
        return INFINITY;
    return (double)(fabsl((long double)y - r) / ulp);
}

/* |a − b| in ULP of double at |b|; NaN must match NaN, infinities exactly. */
static double f64_ulp_diff(double a, double b)
{
    if (isnan(a) || isnan(b))
        return isnan(a) && isnan(b) ? 0.0 : INFINITY;
    if (isinf(a) || isinf(b))
        return a == b ? 0.0 : INFINITY;
    int e = b == 0 ? -1022 : ilogb(b);
    if (e < -1022)
        e = -1022;
    return fabs(a - b) / ldexp(1.0, e - 52);
}

/* ---- the sweep ----------------------------------------------------------------- */

typedef struct result {
    double ulp[2]; /* forward, derivative */
    double worst[2];
    size_t excused; /* derivative inputs near a zero of f' within 2^-23 absolute */
} result;

static int run(tool_dtype dt, actfn_kind k, const double *x, size_t n, const double *scalar_ref,
               double *y, result *res)
{
    actfn_params p;
    actfn_params_default(k, &p);
    const ref_entry *e = &ref_table[k];
    memset(res, 0, sizeof *res);
    for (int mode = 0; mode < 2; mode++) {
        if (tool_apply(mode, dt, k, &p, x, y, n) != ACTFN_OK)
            return -1;
        for (size_t i = 0; i < n; i++) {
            double err;
            if (dt == DT_F64) {
                err = f64_ulp_diff(y[i], scalar_ref[mode * n + i]);
            } else {
                long double r = mode ? e->der(x[i], &p) : e->fwd(x[i], &p);
                if (dt != DT_F32) {
                    err = half_ulp_err(dt, y[i], r);
                } else {
                    err = ref_ulp_err((float)y[i], r);
                    if (mode && isfinite(y[i]) && isfinite(r) && ref_near_der_zero(k, x[i]) &&
                        fabsl((long double)y[i] - r) <= NEAR_ZERO_ABS) {
                        res->excused++;
                        continue;
                    }
                }
            }
            if (!(err <= res->ulp[mode])) {
                res->ulp[mode] = err;
                res->worst[mode] = x[i];
            }
        }
    }
    return 0;
}

int cmd_check(int argc, char **argv)
{
    tool_format fmt = FMT_TEXT;
    tool_dtype dt = DT_F32;
    const char *val;
    int nk = 0, r;
    actfn_kind *kinds = malloc(sizeof *kinds * (size_t)(argc + ACTFN_KIND_COUNT));
    if (!kinds)
        return 1;
    for (int i = 0; i < argc; i++) {
        const char *s = argv[i];
        if (strcmp(s, "--help") == 0 || strcmp(s, "-h") == 0) {
            fputs(check_help, stdout);
            free(kinds);
            return 0;
        }
        if (tool_parse_format(s, &fmt))
            continue;
        if ((r = tool_opt_value(argc, argv, &i, "--dtype", &val)) != 0) {
            if (r < 0 || tool_parse_dtype(val, &dt)) {
                free(kinds);
                return EXIT_USAGE;
            }
            continue;
        }
        if (s[0] == '-') {
            free(kinds);
            return tool_usage_error("check: unknown option '%s' (actfn check --help)", s);
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
    if (ref_init() != 0) {
        free(kinds);
        fprintf(stderr, "actfn: check: the reference's zeros of f' did not initialise\n");
        return 1;
    }

    size_t n = 0;
    double *x = inputs(dt, &n);
    double *y = malloc(n * sizeof *y), *sref = malloc(2 * n * sizeof *sref);
    if (!x || !y || !sref) {
        free(x), free(y), free(sref), free(kinds);
        fprintf(stderr, "actfn: check: out of memory\n");
        return 1;
    }
    const double bound[2] = {dt == DT_F32 || dt == DT_F64 ? 4.0 : 0.5,
                             dt == DT_F32 || dt == DT_F64 ? 8.0 : 0.5};
    const double scale = dt == DT_F64 ? 2.0 : 1.0; /* two paths' errors */
    const double slack = 1e-6;                     /* the reference's own error, in ULP */
    const char *how = dt == DT_F64 ? "vs scalar path" : "vs long-double reference";
    const actfn_isa start = actfn_active_isa();
    int npaths = 0, done = 0, bad = 0, first = 1, tty = tool_progress_tty();
    const double t0 = tool_now();
    for (int p = 0; p < ACTFN_ISA_COUNT; p++)
        npaths += actfn_isa_supported((actfn_isa)p);

    if (fmt == FMT_JSON)
        printf("{\"dtype\": \"%s\", \"compared\": \"%s\", \"inputs\": %zu, \"fwd_bound\": %g, "
               "\"der_bound\": %g, \"results\": [\n",
               tool_dtype_name(dt), how, n, bound[0] * scale, bound[1] * scale);
    else if (fmt == FMT_CSV)
        printf("function,path,dtype,compared,fwd_ulp,fwd_worst_x,der_ulp,der_worst_x,der_excused,"
               "ok\n");
    else
        printf("dtype %s, %s, %zu inputs; bounds: forward %g ULP, derivative %g ULP\n"
               "%-18s %-8s %10s %10s %8s\n",
               tool_dtype_name(dt), how, n, bound[0] * scale, bound[1] * scale, "function", "path",
               "fwd ULP", "der ULP", "excused");
    for (int ki = 0; ki < nk; ki++) {
        actfn_kind k = kinds[ki];
        if (dt == DT_F64) {
            actfn_params pd;
            actfn_params_default(k, &pd);
            actfn_set_isa(ACTFN_ISA_SCALAR);
            if (tool_apply(0, dt, k, &pd, x, sref, n) != ACTFN_OK ||
                tool_apply(1, dt, k, &pd, x, sref + n, n) != ACTFN_OK)
                bad = 1;
        }
        for (int p = 0; p < ACTFN_ISA_COUNT; p++) {
            if (!actfn_isa_supported((actfn_isa)p) || actfn_set_isa((actfn_isa)p) != ACTFN_OK)
                continue;
            const char *name = actfn_kind_name(k), *path = actfn_isa_name((actfn_isa)p);
            if (tty) {
                char what[64];
                snprintf(what, sizeof what, "check: %s %s", name, path);
                tool_progress(what, done++, nk * npaths, t0);
            }
            result res;
            int ok = run(dt, k, x, n, sref, y, &res) == 0 &&
                     res.ulp[0] <= bound[0] * scale + slack &&
                     res.ulp[1] <= bound[1] * scale + slack;
            bad |= !ok;
            if (tty)
                tool_progress_clear();
            if (fmt == FMT_JSON) {
                printf("%s  {\"function\": \"%s\", \"path\": \"%s\", \"fwd_ulp\": ",
                       first ? "" : ",\n", name, path);
                tool_json_number(stdout, res.ulp[0], 4);
                printf(", \"fwd_worst_x\": ");
                tool_json_number(stdout, res.worst[0], 17);
                printf(", \"der_ulp\": ");
                tool_json_number(stdout, res.ulp[1], 4);
                printf(", \"der_worst_x\": ");
                tool_json_number(stdout, res.worst[1], 17);
                printf(", \"der_excused\": %zu, \"ok\": %s}", res.excused, ok ? "true" : "false");
            } else if (fmt == FMT_CSV) {
                printf("%s,%s,%s,%s,%.4g,%.17g,%.4g,%.17g,%zu,%d\n", name, path,
                       tool_dtype_name(dt), how, res.ulp[0], res.worst[0], res.ulp[1], res.worst[1],
                       res.excused, ok);
            } else {
                printf("%-18s %-8s %10.3g %10.3g %8zu  %s\n", name, path, res.ulp[0], res.ulp[1],
                       res.excused, ok ? "ok" : "OUTSIDE THE BOUND");
            }
            first = 0;
        }
    }
    if (fmt == FMT_JSON)
        printf("\n]}\n");
    else if (fmt == FMT_TEXT)
        printf("%s\n", bad ? "check: some results are outside their bound"
                           : "check: every result within its bound");
    actfn_set_isa(start);
    free(x), free(y), free(sref), free(kinds);
    return bad ? 1 : 0;
}
