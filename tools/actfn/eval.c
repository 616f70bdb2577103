/*
 * actfn eval NAME X...: f(x), f'(x) and the path, through the dtype's
 * forward and derivative calls.
 */
#include "tool.h"

#include <stdlib.h>
#include <string.h>

static const char *const eval_help =
    "usage: actfn eval NAME X... [--dtype f32|f64|bf16|f16] [--isa PATH]\n"
    "                  [--param alpha=A,beta=B,gamma=C,delta=D] [--csv | --json]\n"
    "\n"
    "Prints f(x) and f'(x) for each X (a decimal or hex float, inf, nan; negative\n"
    "numbers are values, not options; '--' ends the options), computed by the\n"
    "library's forward and derivative calls of the dtype (default f32; X is first\n"
    "rounded to it) on the active path, or on PATH.  --param overrides the\n"
    "function's defaults (actfn list shows them).\n"
    "\n"
    "  actfn eval relu -1 2\n"
    "  actfn eval gelu 0.5 --dtype bf16 --isa scalar\n"
    "  actfn eval leaky_relu -3 --param alpha=0.2 --json\n";

int cmd_eval(int argc, char **argv)
{
    tool_format fmt = FMT_TEXT;
    tool_dtype dt = DT_F32;
    const char *name = NULL, *val;
    const char *isa_arg = NULL, *param_arg = NULL;
    double *x = malloc((size_t)(argc > 0 ? argc : 1) * sizeof *x);
    size_t n = 0;
    int rc = EXIT_USAGE, only_values = 0;
    if (!x)
        return 1;

    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        int r;
        if (!only_values && a[0] == '-' && !tool_looks_numeric(a)) {
            if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
                fputs(eval_help, stdout);
                rc = 0;
                goto out;
            }
            if (strcmp(a, "--") == 0) {
                only_values = 1;
                continue;
            }
            if (tool_parse_format(a, &fmt))
                continue;
            if ((r = tool_opt_value(argc, argv, &i, "--dtype", &val)) != 0) {
                if (r < 0 || tool_parse_dtype(val, &dt))
                    goto out;
                continue;
            }
            if ((r = tool_opt_value(argc, argv, &i, "--isa", &isa_arg)) != 0) {
                if (r < 0)
                    goto out;
                continue;
            }
            if ((r = tool_opt_value(argc, argv, &i, "--param", &param_arg)) != 0) {
                if (r < 0)
                    goto out;
                continue;
            }
            tool_usage_error("eval: unknown option '%s' (actfn eval --help)", a);
            goto out;
        }
        if (!name) {
            name = a;
            continue;
        }
        if (tool_parse_double("X", a, &x[n]))
            goto out;
        n++;
    }
    if (!name) {
        tool_usage_error("eval: no function given (actfn eval --help)");
        goto out;
    }
    actfn_kind k;
    actfn_params p;
    if (tool_parse_kind(name, &k))
        goto out;
    if (n == 0) {
        tool_usage_error("eval: no X given (actfn eval --help)");
        goto out;
    }
    actfn_params_default(k, &p);
    if (param_arg && tool_parse_params(param_arg, &p))
        goto out;
    if (isa_arg) {
        actfn_isa isa;
        if (tool_parse_isa(isa_arg, &isa) || actfn_set_isa(isa) != ACTFN_OK)
            goto out;
    }
    const char *path = actfn_isa_name(actfn_active_isa());

    double *f = malloc(2 * n * sizeof *f), *d = f + n;
    if (!f) {
        rc = 1;
        goto out;
    }
    actfn_status st = tool_apply(0, dt, k, &p, x, f, n);
    if (st == ACTFN_OK)
        st = tool_apply(1, dt, k, &p, x, d, n);
    if (st != ACTFN_OK) {
        /* ACTFN_EPARAM here: the library checked the parameters */
        tool_usage_error("eval: %s: %s (parameters alpha=%g beta=%g gamma=%g delta=%g)", name,
                         actfn_strerror(st), p.alpha, p.beta, p.gamma, p.delta);
        free(f);
        goto out;
    }

    int dig = tool_dtype_digits(dt);
    if (fmt == FMT_JSON)
        printf("[\n");
    else if (fmt == FMT_CSV)
        printf("function,dtype,path,x,f,df\n");
    else
        printf("%s  dtype %s  path %s\n%-24s %-24s %s\n", name, tool_dtype_name(dt), path, "x",
               "f(x)", "f'(x)");
    for (size_t i = 0; i < n; i++) {
        double xi = tool_round_to(dt, x[i]);
        if (fmt == FMT_JSON) {
            printf("  {\"function\": \"%s\", \"dtype\": \"%s\", \"path\": \"%s\", \"x\": ", name,
                   tool_dtype_name(dt), path);
            tool_json_number(stdout, xi, dig);
            printf(", \"f\": ");
            tool_json_number(stdout, f[i], dig);
            printf(", \"df\": ");
            tool_json_number(stdout, d[i], dig);
            printf("}%s\n", i + 1 < n ? "," : "");
        } else if (fmt == FMT_CSV) {
            printf("%s,%s,%s,", name, tool_dtype_name(dt), path);
            tool_print_number(stdout, xi, dig);
            putchar(',');
            tool_print_number(stdout, f[i], dig);
            putchar(',');
            tool_print_number(stdout, d[i], dig);
            putchar('\n');
        } else {
            char b[3][40];
            double v[3] = {xi, f[i], d[i]};
            for (int j = 0; j < 3; j++)
                tool_format_number(b[j], sizeof b[j], v[j], dig);
            printf("%-24s %-24s %s\n", b[0], b[1], b[2]);
        }
    }
    if (fmt == FMT_JSON)
        printf("]\n");
    free(f);
    rc = 0;
out:
    free(x);
    return rc;
}
