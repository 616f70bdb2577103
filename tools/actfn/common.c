/*
 * The actfn command's helpers: argument parsing with one clear message per
 * error, the 16-bit formats, the dtype-generic call and number output.
 */
#include "tool.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#ifndef ACTFN_TOOL_BUILT_ISAS
#define ACTFN_TOOL_BUILT_ISAS "unknown"
#endif

int tool_usage_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("actfn: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    return EXIT_USAGE;
}

/* ---- parsing ----------------------------------------------------------------- */

int tool_parse_kind(const char *s, actfn_kind *k)
{
    if (actfn_kind_from_name(s, k) == ACTFN_OK)
        return 0;
    tool_usage_error("unknown function '%s' ('actfn list' shows the %d functions)", s,
                     (int)ACTFN_KIND_COUNT);
    return 1;
}

int tool_parse_double(const char *what, const char *s, double *v)
{
    char *end;
    errno = 0;
    double d = strtod(s, &end);
    /* ERANGE on underflow still gives the nearest value (0 or a subnormal);
     * on overflow ±HUGE_VAL, which is what the user typed. */
    if (end == s || *end != '\0') {
        tool_usage_error("bad number for %s: '%s'", what, s);
        return 1;
    }
    *v = d;
    return 0;
}

int tool_parse_size(const char *what, const char *s, size_t lo, size_t hi, size_t *v)
{
    char *end;
    errno = 0;
    unsigned long long u = strtoull(s, &end, 10);
    if (end == s || *end != '\0' || s[0] == '-' || errno == ERANGE || u < lo || u > hi) {
        tool_usage_error("bad value for %s: '%s' (an integer from %zu to %zu)", what, s, lo, hi);
        return 1;
    }
    *v = (size_t)u;
    return 0;
}

static const char *const dtype_names[DT_COUNT] = {"f32", "f64", "bf16", "f16"};

const char *tool_dtype_name(tool_dtype dt) { return dtype_names[dt]; }

size_t tool_dtype_size(tool_dtype dt) { return dt == DT_F32 ? 4 : dt == DT_F64 ? 8 : 2; }

int tool_dtype_digits(tool_dtype dt) { return dt == DT_F64 ? 17 : 9; }

int tool_parse_dtype(const char *s, tool_dtype *dt)
{
    for (int i = 0; i < DT_COUNT; i++)
        if (strcmp(s, dtype_names[i]) == 0) {
            *dt = (tool_dtype)i;
            return 0;
        }
    tool_usage_error("unknown dtype '%s' (f32, f64, bf16 or f16)", s);
    return 1;
}

int tool_parse_isa(const char *s, actfn_isa *isa)
{
    for (int i = 0; i < ACTFN_ISA_COUNT; i++) {
        const char *name = actfn_isa_name((actfn_isa)i);
        if (name == NULL || strcmp(s, name) != 0)
            continue;
        if (!actfn_isa_supported((actfn_isa)i)) {
            tool_usage_error("path '%s' is not supported here (not built into this library, or "
                             "not run by this CPU; 'actfn info' lists the paths)",
                             s);
            return 1;
        }
        *isa = (actfn_isa)i;
        return 0;
    }
    fprintf(stderr, "actfn: unknown path '%s' (", s);
    for (int i = 0; i < ACTFN_ISA_COUNT; i++)
        fprintf(stderr, "%s%s", i ? ", " : "", actfn_isa_name((actfn_isa)i));
    fprintf(stderr, ")\n");
    return 1;
}

int tool_parse_params(const char *s, actfn_params *p)
{
    char buf[256];
    if (strlen(s) >= sizeof buf) {
        tool_usage_error("--param: too long");
        return 1;
    }
    strcpy(buf, s);
    for (char *save = NULL, *tok = strtok_r(buf, ",", &save); tok;
         tok = strtok_r(NULL, ",", &save)) {
        char *eq = strchr(tok, '=');
        if (!eq) {
            tool_usage_error("--param: '%s' is not name=value (alpha, beta, gamma, delta)", tok);
            return 1;
        }
        *eq = '\0';
        float *field = strcmp(tok, "alpha") == 0   ? &p->alpha
                       : strcmp(tok, "beta") == 0  ? &p->beta
                       : strcmp(tok, "gamma") == 0 ? &p->gamma
                       : strcmp(tok, "delta") == 0 ? &p->delta
                                                   : NULL;
        if (!field) {
            tool_usage_error("--param: unknown parameter '%s' (alpha, beta, gamma, delta)", tok);
            return 1;
        }
        double v;
        if (tool_parse_double(tok, eq + 1, &v))
            return 1;
        *field = (float)v;
    }
    return 0;
}

int tool_parse_format(const char *arg, tool_format *fmt)
{
    if (strcmp(arg, "--csv") == 0) {
        *fmt = FMT_CSV;
        return 1;
    }
    if (strcmp(arg, "--json") == 0) {
        *fmt = FMT_JSON;
        return 1;
    }
    return 0;
}

int tool_opt_value(int argc, char **argv, int *i, const char *opt, const char **val)
{
    const char *a = argv[*i];
    size_t n = strlen(opt);
    if (strncmp(a, opt, n) != 0)
        return 0;
    if (a[n] == '=') {
        *val = a + n + 1;
        return 1;
    }
    if (a[n] != '\0')
        return 0;
    if (*i + 1 >= argc) {
        tool_usage_error("%s needs a value", opt);
        return -1;
    }
    *val = argv[++*i];
    return 1;
}

int tool_looks_numeric(const char *s)
{
    if (*s == '-' || *s == '+')
        s++;
    return (*s >= '0' && *s <= '9') || *s == '.' || strncmp(s, "inf", 3) == 0 ||
           strncmp(s, "nan", 3) == 0 || strncmp(s, "INF", 3) == 0 || strncmp(s, "NAN", 3) == 0;
}

/* ---- 16-bit formats ---------------------------------------------------------------
 * m fraction bits, exponent bias; bf16: 7 and 127, f16: 10 and 15. */
static void half_format(tool_dtype dt, int *m, int *bias)
{
    *m = dt == DT_BF16 ? 7 : 10;
    *bias = dt == DT_BF16 ? 127 : 15;
}

uint16_t tool_half_from_double(tool_dtype dt, double x)
{
    int m, bias;
    half_format(dt, &m, &bias);
    const int ebits = 15 - m, emax = bias, emin = 1 - bias;
    uint16_t sign = signbit(x) ? 0x8000u : 0;
    uint16_t inf = (uint16_t)(((1u << ebits) - 1) << m);
    if (isnan(x))
        return (uint16_t)(sign | inf | (1u << (m - 1)));
    double a = fabs(x);
    if (a == 0)
        return sign;
    if (isinf(a))
        return sign | inf;
    int e = ilogb(a);
    if (e < emin)
        e = emin; /* subnormal: the spacing of the lowest binade */
    /* a·2^(m−e) < 2^(m+1): rounds exactly to an integer in double (RNE). */
    double q = nearbyint(ldexp(a, m - e));
    if (q >= ldexp(1.0, m + 1)) {
        q /= 2;
        e++;
    }
    if (e > emax)
        return sign | inf;
    uint32_t sig = (uint32_t)q;
    if (sig < (1u << m)) /* subnormal (e == emin): biased exponent 0 */
        return (uint16_t)(sign | sig);
    return (uint16_t)(sign | ((uint32_t)(e + bias) << m) | (sig - (1u << m)));
}

double tool_half_to_double(tool_dtype dt, uint16_t h)
{
    int m, bias;
    half_format(dt, &m, &bias);
    const int ebits = 15 - m;
    int ef = (h >> m) & ((1 << ebits) - 1);
    uint32_t frac = h & ((1u << m) - 1);
    double v;
    if (ef == (1 << ebits) - 1)
        v = frac ? NAN : INFINITY;
    else if (ef == 0)
        v = ldexp((double)frac, 1 - bias - m);
    else
        v = ldexp((double)(frac | (1u << m)), ef - bias - m);
    return (h & 0x8000u) ? -v : v;
}

double tool_round_to(tool_dtype dt, double x)
{
    switch (dt) {
    case DT_F32:
        return (double)(float)x;
    case DT_F64:
        return x;
    default:
        return tool_half_to_double(dt, tool_half_from_double(dt, x));
    }
}

actfn_status tool_apply(int deriv, tool_dtype dt, actfn_kind k, const actfn_params *p,
                        const double *x, double *y, size_t n)
{
    actfn_status st;
    if (dt == DT_F64)
        return deriv ? actfn_derivative_f64(k, p, x, y, n) : actfn_forward_f64(k, p, x, y, n);
    void *buf = malloc(n ? n * tool_dtype_size(dt) : 1);
    if (!buf)
        return ACTFN_ESIZE;
    if (dt == DT_F32) {
        float *b = buf;
        for (size_t i = 0; i < n; i++)
            b[i] = (float)x[i];
        st = deriv ? actfn_derivative_f32(k, p, b, b, n) : actfn_forward_f32(k, p, b, b, n);
        for (size_t i = 0; st == ACTFN_OK && i < n; i++)
            y[i] = b[i];
    } else {
        uint16_t *b = buf;
        for (size_t i = 0; i < n; i++)
            b[i] = tool_half_from_double(dt, x[i]);
        if (dt == DT_BF16)
            st = deriv ? actfn_derivative_bf16(k, p, b, b, n) : actfn_forward_bf16(k, p, b, b, n);
        else
            st = deriv ? actfn_derivative_f16(k, p, b, b, n) : actfn_forward_f16(k, p, b, b, n);
        for (size_t i = 0; st == ACTFN_OK && i < n; i++)
            y[i] = tool_half_to_double(dt, b[i]);
    }
    free(buf);
    return st;
}

/* ---- output ------------------------------------------------------------------------ */

void tool_format_number(char *buf, size_t size, double v, int digits)
{
    if (isnan(v))
        snprintf(buf, size, "nan");
    else if (isinf(v))
        snprintf(buf, size, v < 0 ? "-inf" : "inf");
    else
        snprintf(buf, size, "%.*g", digits, v);
}

void tool_print_number(FILE *f, double v, int digits)
{
    char b[64];
    tool_format_number(b, sizeof b, v, digits);
    fputs(b, f);
}

void tool_json_number(FILE *f, double v, int digits)
{
    if (isfinite(v))
        fprintf(f, "%.*g", digits, v);
    else
        fprintf(f, "\"%s\"", isnan(v) ? "nan" : v < 0 ? "-inf" : "inf");
}

void tool_json_string(FILE *f, const char *s)
{
    fputc('"', f);
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            fprintf(f, "\\%c", c);
        else if (c < 0x20)
            fprintf(f, "\\u%04x", c);
        else
            fputc(c, f);
    }
    fputc('"', f);
}

const char *tool_built_isas(void) { return ACTFN_TOOL_BUILT_ISAS; }

int tool_progress_tty(void) { return isatty(STDERR_FILENO); }

double tool_now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

void tool_progress_clear(void) { fprintf(stderr, "\r%72s\r", ""); }

void tool_progress(const char *what, int done, int total, double t0)
{
    double spent = tool_now() - t0;
    fprintf(stderr, "\r%-40s %d/%d", what, done, total);
    if (done > 0)
        fprintf(stderr, ", ~%.0f s left ", spent / done * (total - done));
    fflush(stderr);
}
