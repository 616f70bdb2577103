/*
 * actfn plot NAME: an SVG of f (and f') over [A, B], every point computed
 * by the library.  Plain SVG text, no dependencies: a frame, a grid with
 * labelled ticks, the axes through 0, one polyline per curve (broken where
 * a value is not finite) and a legend.
 */
#include "tool.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char *const plot_help =
    "usage: actfn plot NAME [-o FILE.svg] [--range A B] [--derivative]\n"
    "                  [--dtype f32|f64|bf16|f16] [--isa PATH] [--param alpha=A,...]\n"
    "\n"
    "Writes an SVG of f over [A, B] (default -6 6), with --derivative also f',\n"
    "both computed by the library (the dtype's forward and derivative calls,\n"
    "default f32) at 321 points.  -o FILE writes the file, else stdout.\n"
    "\n"
    "  actfn plot gelu --derivative -o gelu.svg\n";

#define NPTS 321
#define W 720.0
#define H 450.0
#define ML 60.0 /* margins: left, right, top, bottom */
#define MR 20.0
#define MT 40.0
#define MB 40.0

/* A step of 1, 2 or 5 times a power of ten giving about `want` intervals. */
static double nice_step(double span, int want)
{
    double raw = span / want, p = pow(10.0, floor(log10(raw))), r = raw / p;
    return (r < 1.5 ? 1.0 : r < 3.5 ? 2.0 : r < 7.5 ? 5.0 : 10.0) * p;
}

typedef struct frame {
    double x0, x1, y0, y1;
} frame;

static double px(const frame *fr, double x)
{
    return ML + (x - fr->x0) / (fr->x1 - fr->x0) * (W - ML - MR);
}
static double py(const frame *fr, double y)
{
    return MT + (fr->y1 - y) / (fr->y1 - fr->y0) * (H - MT - MB);
}

static void curve(FILE *f, const frame *fr, const double *x, const double *y, const char *style)
{
    int open = 0;
    for (int i = 0; i < NPTS; i++) {
        if (!isfinite(y[i])) {
            if (open)
                fprintf(f, "\"/>\n");
            open = 0;
            continue;
        }
        if (!open)
            fprintf(f, "<polyline fill=\"none\" %s points=\"", style);
        fprintf(f, "%s%.1f,%.1f", open ? " " : "", px(fr, x[i]), py(fr, y[i]));
        open = 1;
    }
    if (open)
        fprintf(f, "\"/>\n");
}

static void ticks(FILE *f, const frame *fr, int vertical)
{
    double lo = vertical ? fr->x0 : fr->y0, hi = vertical ? fr->x1 : fr->y1;
    double step = nice_step(hi - lo, vertical ? 10 : 8);
    for (double t = ceil(lo / step) * step; t <= hi + step * 1e-9; t += step) {
        double v = fabs(t) < step * 1e-9 ? 0.0 : t;
        if (vertical) {
            double X = px(fr, v);
            fprintf(f, "<line x1=\"%.2f\" y1=\"%.2f\" x2=\"%.2f\" y2=\"%.2f\" class=\"grid\"/>\n",
                    X, MT, X, H - MB);
            fprintf(f, "<text x=\"%.2f\" y=\"%.2f\" text-anchor=\"middle\">%g</text>\n", X,
                    H - MB + 16, v);
        } else {
            double Y = py(fr, v);
            fprintf(f, "<line x1=\"%.2f\" y1=\"%.2f\" x2=\"%.2f\" y2=\"%.2f\" class=\"grid\"/>\n",
                    ML, Y, W - MR, Y);
            fprintf(f, "<text x=\"%.2f\" y=\"%.2f\" text-anchor=\"end\">%g</text>\n", ML - 6, Y + 4,
                    v);
        }
    }
}

static void write_svg(FILE *f, const char *name, const char *sub, const frame *fr, const double *x,
                      const double *y, const double *d)
{
    fprintf(f, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    fprintf(f,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%g\" height=\"%g\" "
            "viewBox=\"0 0 %g %g\" font-family=\"sans-serif\" font-size=\"12\">\n",
            W, H, W, H);
    fprintf(f, "<title>%s</title>\n", name);
    fprintf(
        f, "<style>.grid{stroke:#ddd;stroke-width:1}.axis{stroke:#555;stroke-width:1.2}</style>\n");
    fprintf(f, "<rect x=\"0\" y=\"0\" width=\"%g\" height=\"%g\" fill=\"white\"/>\n", W, H);
    ticks(f, fr, 1);
    ticks(f, fr, 0);
    if (fr->y0 <= 0 && fr->y1 >= 0)
        fprintf(f, "<line x1=\"%.2f\" y1=\"%.2f\" x2=\"%.2f\" y2=\"%.2f\" class=\"axis\"/>\n", ML,
                py(fr, 0), W - MR, py(fr, 0));
    if (fr->x0 <= 0 && fr->x1 >= 0)
        fprintf(f, "<line x1=\"%.2f\" y1=\"%.2f\" x2=\"%.2f\" y2=\"%.2f\" class=\"axis\"/>\n",
                px(fr, 0), MT, px(fr, 0), H - MB);
    fprintf(f,
            "<rect x=\"%g\" y=\"%g\" width=\"%g\" height=\"%g\" fill=\"none\" stroke=\"#555\"/>\n",
            ML, MT, W - ML - MR, H - MT - MB);
    if (d)
        curve(f, fr, x, d, "stroke=\"#d95f02\" stroke-width=\"2\" stroke-dasharray=\"6 4\"");
    curve(f, fr, x, y, "stroke=\"#1b6ac9\" stroke-width=\"2.5\"");
    fprintf(f, "<text x=\"%g\" y=\"24\" font-size=\"16\" font-weight=\"bold\">%s</text>\n", ML,
            name);
    fprintf(f, "<text x=\"%g\" y=\"24\" text-anchor=\"end\" fill=\"#555\">%s</text>\n", W - MR,
            sub);
    fprintf(
        f,
        "<line x1=\"%g\" y1=\"%g\" x2=\"%g\" y2=\"%g\" stroke=\"#1b6ac9\" stroke-width=\"2.5\"/>\n",
        ML + 10, MT + 16, ML + 34, MT + 16);
    fprintf(f, "<text x=\"%g\" y=\"%g\">f(x)</text>\n", ML + 40, MT + 20);
    if (d) {
        fprintf(
            f,
            "<line x1=\"%g\" y1=\"%g\" x2=\"%g\" y2=\"%g\" stroke=\"#d95f02\" stroke-width=\"2\" "
            "stroke-dasharray=\"6 4\"/>\n",
            ML + 10, MT + 34, ML + 34, MT + 34);
        fprintf(f, "<text x=\"%g\" y=\"%g\">f'(x)</text>\n", ML + 40, MT + 38);
    }
    fprintf(f, "</svg>\n");
}

int cmd_plot(int argc, char **argv)
{
    const char *name = NULL, *out = NULL, *isa_arg = NULL, *param_arg = NULL, *val;
    double a = -6.0, b = 6.0;
    int deriv = 0, r;
    tool_dtype dt = DT_F32;
    for (int i = 0; i < argc; i++) {
        const char *s = argv[i];
        if (strcmp(s, "--help") == 0 || strcmp(s, "-h") == 0) {
            fputs(plot_help, stdout);
            return 0;
        }
        if (strcmp(s, "--derivative") == 0) {
            deriv = 1;
            continue;
        }
        if (strcmp(s, "--range") == 0) {
            if (i + 2 >= argc)
                return tool_usage_error("plot: --range needs two numbers A B");
            if (tool_parse_double("--range A", argv[i + 1], &a) ||
                tool_parse_double("--range B", argv[i + 2], &b))
                return EXIT_USAGE;
            i += 2;
            continue;
        }
        if ((r = tool_opt_value(argc, argv, &i, "-o", &out)) != 0) {
            if (r < 0)
                return EXIT_USAGE;
            continue;
        }
        if ((r = tool_opt_value(argc, argv, &i, "--dtype", &val)) != 0) {
            if (r < 0 || tool_parse_dtype(val, &dt))
                return EXIT_USAGE;
            continue;
        }
        if ((r = tool_opt_value(argc, argv, &i, "--isa", &isa_arg)) != 0) {
            if (r < 0)
                return EXIT_USAGE;
            continue;
        }
        if ((r = tool_opt_value(argc, argv, &i, "--param", &param_arg)) != 0) {
            if (r < 0)
                return EXIT_USAGE;
            continue;
        }
        if (s[0] == '-')
            return tool_usage_error("plot: unknown option '%s' (actfn plot --help)", s);
        if (name)
            return tool_usage_error("plot: one function only ('%s' after '%s')", s, name);
        name = s;
    }
    if (!name)
        return tool_usage_error("plot: no function given (actfn plot --help)");
    actfn_kind k;
    actfn_params p;
    if (tool_parse_kind(name, &k))
        return EXIT_USAGE;
    if (!(isfinite(a) && isfinite(b) && a < b))
        return tool_usage_error("plot: --range A B needs finite A < B (got %g %g)", a, b);
    actfn_params_default(k, &p);
    if (param_arg && tool_parse_params(param_arg, &p))
        return EXIT_USAGE;
    if (isa_arg) {
        actfn_isa isa;
        if (tool_parse_isa(isa_arg, &isa) || actfn_set_isa(isa) != ACTFN_OK)
            return EXIT_USAGE;
    }

    static double x[NPTS], y[NPTS], d[NPTS];
    for (int i = 0; i < NPTS; i++)
        x[i] = tool_round_to(dt, a + (b - a) * i / (NPTS - 1));
    actfn_status st = tool_apply(0, dt, k, &p, x, y, NPTS);
    if (st == ACTFN_OK)
        st = tool_apply(1, dt, k, &p, x, d, NPTS);
    if (st != ACTFN_OK)
        return tool_usage_error("plot: %s: %s", name, actfn_strerror(st));

    frame fr = {a, b, INFINITY, -INFINITY};
    for (int i = 0; i < NPTS; i++)
        for (int c = 0; c < 1 + deriv; c++) {
            double v = c ? d[i] : y[i];
            if (isfinite(v)) {
                fr.y0 = fmin(fr.y0, v);
                fr.y1 = fmax(fr.y1, v);
            }
        }
    if (!(fr.y0 <= fr.y1))
        fr.y0 = -1, fr.y1 = 1;
    double pad = (fr.y1 - fr.y0) * 0.06;
    if (pad == 0)
        pad = fabs(fr.y0) > 0 ? fabs(fr.y0) * 0.5 : 1.0;
    fr.y0 -= pad;
    fr.y1 += pad;

    char sub[128];
    snprintf(sub, sizeof sub, "libactfn %s, %s, path %s", actfn_version(), tool_dtype_name(dt),
             actfn_isa_name(actfn_active_isa()));
    FILE *f = stdout;
    if (out && strcmp(out, "-") != 0) {
        f = fopen(out, "w");
        if (!f) {
            fprintf(stderr, "actfn: plot: cannot write '%s': ", out);
            perror(NULL);
            return 1;
        }
    }
    write_svg(f, name, sub, &fr, x, y, deriv ? d : NULL);
    if (f != stdout ? fclose(f) != 0 : fflush(f) != 0) {
        fprintf(stderr, "actfn: plot: write error on '%s'\n", out ? out : "stdout");
        return 1;
    }
    return 0;
}
