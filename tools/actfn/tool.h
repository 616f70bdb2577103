/*
 * The actfn command: shared declarations of its commands (info.c, eval.c,
 * plot.c, bench.c, check.c) and helpers (common.c).  The tool uses the
 * public API (actfn.h) only; `check` also links the long-double reference
 * of the test suite (tests/reference/), which is independent of the
 * library.
 *
 * Exit status: 0 success, 1 a result outside the contract (check) or an
 * I/O failure, 2 a usage error (unknown function, bad number, bad option,
 * unsupported path).  Every error goes to stderr as "actfn: ...".
 */
#ifndef ACTFN_TOOL_H
#define ACTFN_TOOL_H

/* clock_gettime, isatty, strtok_r under -std=c11; every .c includes this
 * header first. */
#define _POSIX_C_SOURCE 200809L

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <actfn.h>

#define EXIT_USAGE 2

typedef enum tool_dtype { DT_F32, DT_F64, DT_BF16, DT_F16, DT_COUNT } tool_dtype;
typedef enum tool_format { FMT_TEXT, FMT_CSV, FMT_JSON } tool_format;

/* ---- commands: argc/argv start at the command's first argument ---------- */
int cmd_info(int argc, char **argv);
int cmd_list(int argc, char **argv);
int cmd_eval(int argc, char **argv);
int cmd_plot(int argc, char **argv);
int cmd_bench(int argc, char **argv);
int cmd_check(int argc, char **argv);

/* ---- errors --------------------------------------------------------------- */
/* "actfn: <message>\n" on stderr; returns EXIT_USAGE. */
int tool_usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* ---- parsing: each prints its error and returns nonzero on failure ------- */
int tool_parse_kind(const char *s, actfn_kind *k);
int tool_parse_double(const char *what, const char *s, double *v);
int tool_parse_size(const char *what, const char *s, size_t lo, size_t hi, size_t *v);
int tool_parse_dtype(const char *s, tool_dtype *dt);
/* A path that is built and that this CPU runs. */
int tool_parse_isa(const char *s, actfn_isa *isa);
/* "alpha=0.1,beta=2" over the defaults of k (already in *p). */
int tool_parse_params(const char *s, actfn_params *p);
int tool_parse_format(const char *arg, tool_format *fmt); /* 1 if arg is --csv/--json */

/* Option with a value: "--opt V" or "--opt=V".  Returns 1 and sets *val
 * (advancing *i) when argv[*i] is that option; -1 when its value is
 * missing (after printing the error); 0 otherwise. */
int tool_opt_value(int argc, char **argv, int *i, const char *opt, const char **val);
/* "-1", "-.5", "-inf", "-nan": a negative number, not an option. */
int tool_looks_numeric(const char *s);

const char *tool_dtype_name(tool_dtype dt);
size_t tool_dtype_size(tool_dtype dt);

/* ---- dtypes ----------------------------------------------------------------
 * bf16 and f16 bit patterns from double, rounded once to nearest-even
 * (NaN: quiet NaN of the format; overflow: ±inf; subnormals kept), and
 * back (exact). */
uint16_t tool_half_from_double(tool_dtype dt, double x);
double tool_half_to_double(tool_dtype dt, uint16_t h);
/* x rounded to the dtype, as a double (exact). */
double tool_round_to(tool_dtype dt, double x);

/* f (deriv = 0) or f' (deriv = 1) of x[0..n) through the dtype's call:
 * inputs rounded to the dtype, results widened to double. */
actfn_status tool_apply(int deriv, tool_dtype dt, actfn_kind k, const actfn_params *p,
                        const double *x, double *y, size_t n);

/* ---- output ----------------------------------------------------------------- */
/* A double as a JSON value: a number, or "inf", "-inf", "nan" as strings. */
void tool_json_number(FILE *f, double v, int digits);
/* s as a JSON string, quoted and escaped. */
void tool_json_string(FILE *f, const char *s);
/* A double for text and CSV: %.*g, "inf", "-inf", "nan". */
void tool_print_number(FILE *f, double v, int digits);
void tool_format_number(char *buf, size_t size, double v, int digits);
/* Digits that round-trip the dtype's values (9 for f32 and halves, 17 f64). */
int tool_dtype_digits(tool_dtype dt);

/* The paths built into this library (the build's configuration: the API
 * does not tell "not built" from "not run by this CPU"), space-separated. */
const char *tool_built_isas(void);

/* 1 when stderr is a terminal (progress lines). */
int tool_progress_tty(void);
/* Seconds on a monotonic clock. */
double tool_now(void);
/* On a terminal (tool_progress_tty): "\r<what> done/total, ~T left" on
 * stderr, the time left extrapolated from the time since t0, and the line
 * cleared again (before a result line goes to stdout). */
void tool_progress(const char *what, int done, int total, double t0);
void tool_progress_clear(void);

#endif
