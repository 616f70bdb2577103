/*
 * A lane's result depends on its own input only (CONTRACT.md: a slice of
 * an array gives the bits of the whole array).  Several bodies take a
 * short form for a vector whose lanes are all in a common range and a
 * careful form otherwise; where the two forms can differ in the last bit,
 * a lane must take the same one whatever its neighbours are.
 *
 *   test_lanes <path>
 *
 * For every f32 kind (default parameters, and swish at α = 1.5 and −0.75),
 * forward, derivative and backward: a list of inputs, each evaluated
 *   - among inputs of the same range (the list in order),
 *   - with every other lane out of range (±1000, ±inf, NaN, 1e-30, a
 *     subnormal, ±0, 88.5, −104: the careful form for the vector), and
 *   - alone (n = 1: a masked tail, whose other lanes load as 0);
 * the three results must be the same bits (NaN as any NaN).  The list:
 * the inputs where rint(x·log2 e) rounded to float first and rint of the
 * exact product differ (two ways a reduction of e^x picks k; a short and a
 * careful form may differ there), the same scaled by 1/2, 1/1.702, 1/1.6
 * (functions of α·x), 4,000 random values with 2^-12 ≤ |x| ≤ 90, and
 * NaNs (quiet, signaling, either sign; a NaN result may be any NaN, as the
 * contract allows for f32).
 *
 * The same for bf16 and f16 (forward, derivative, backward): all 65,536
 * patterns in one call against each NaN pattern and every 61st other
 * pattern alone, bit for bit, NaNs included.
 *
 * A path this CPU lacks lists its tests as skipped and exits 77.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <actfn.h>
#include "api_call.h"
#include "isa_names.h"

enum { MAXIN = 8192, NRAND = 4000 };

static float inputs[MAXIN];
static size_t ninputs;
static int path;

static void add_input(float x)
{
    if (ninputs < MAXIN && isfinite(x))
        inputs[ninputs++] = x;
}

static void make_inputs(void)
{
    const float l2e = 0x1.715476p+0f; /* the kernels' RN(log2 e) */
    for (int h = -260; h < 260; h++) {
        float x = (float)((h + 0.5) / l2e);
        for (int i = 0; i < 8; i++)
            x = nextafterf(x, -INFINITY);
        for (int i = 0; i < 17; i++, x = nextafterf(x, INFINITY)) {
            double p = (double)x * l2e; /* exact: 24 + 24 bits */
            if (rintf((float)p) != rint(p)) {
                add_input(x);
                add_input(x * 0.5f);
                add_input(x / 1.702f);
                add_input(x / 1.6f);
            }
        }
    }
    static const uint32_t nans[] = {0x7fc00000u, 0xffc00000u, 0x7fc01234u, 0xffc00001u,
                                    0x7f800001u, 0xff800001u, 0x7fffffffu};
    for (size_t i = 0; i < sizeof nans / sizeof *nans; i++)
        memcpy(&inputs[ninputs++], &nans[i], 4);
    uint64_t s = 0x2545f4914f6cdd1dull;
    for (int i = 0; i < NRAND; i++) {
        s ^= s << 13, s ^= s >> 7, s ^= s << 17;
        float m = ldexpf((float)(s >> 40) / 0x1p24f + 1.0f, (int)(s % 19) - 12); /* [2^-12, 2^7) */
        float x = (s >> 20) & 1 ? -m : m;
        add_input(fabsf(x) <= 90.0f ? x : x / 2.0f);
    }
}

static int same(float a, float b)
{
    uint32_t ua, ub;
    memcpy(&ua, &a, 4);
    memcpy(&ub, &b, 4);
    return ua == ub || (isnan(a) && isnan(b)); /* f32: any NaN (CONTRACT.md) */
}

typedef struct {
    actfn_kind kind;
    int has_params;
    actfn_params params;
} lane_case;

static void t_lanes(void **state)
{
    const lane_case *lc = *state;
    if (!actfn_isa_supported((actfn_isa)path))
        skip();
    assert_int_equal(actfn_set_isa((actfn_isa)path), ACTFN_OK);
    static const float others[] = {1000.0f,  -1000.0f, INFINITY, -INFINITY, NAN,    1e-30f,
                                   1e-40f,   0.0f,     -0.0f,    88.5f,     -104.0f};
    const size_t n = ninputs, no = sizeof others / sizeof *others;
    float *mixed = malloc(2 * n * sizeof *mixed), *y_in = malloc(n * sizeof *y_in);
    float *y_mixed = malloc(2 * n * sizeof *y_mixed);
    float *dyi = malloc(n * sizeof *dyi), *dym = malloc(2 * n * sizeof *dym);
    assert_non_null(mixed);
    assert_non_null(y_in);
    assert_non_null(y_mixed);
    assert_non_null(dyi);
    assert_non_null(dym);
    for (size_t i = 0; i < n; i++) {
        mixed[2 * i] = inputs[i];
        mixed[2 * i + 1] = others[i % no];
        dyi[i] = dym[2 * i] = 0.75f + 0.25f * (float)(i % 3); /* the backward's dy */
        dym[2 * i + 1] = 1.0f;
    }
    const actfn_params *p = lc->has_params ? &lc->params : NULL;
    long bad = 0;
    for (int c = 0; c < NCALLS; c++) {
        assert_int_equal(call(c, lc->kind, p, inputs, dyi, y_in, n), ACTFN_OK);
        assert_int_equal(call(c, lc->kind, p, mixed, dym, y_mixed, 2 * n), ACTFN_OK);
        for (size_t i = 0; i < n; i++) {
            float one;
            assert_int_equal(call(c, lc->kind, p, &inputs[i], &dyi[i], &one, 1), ACTFN_OK);
            if (!same(y_in[i], y_mixed[2 * i]) || !same(y_in[i], one)) {
                if (bad++ < 8)
                    print_message("%s %s %s(%a): %a among in-range inputs, %a beside %g, %a alone\n",
                                  actfn_isa_name((actfn_isa)path), call_name[c], kname(lc->kind),
                                  (double)inputs[i], (double)y_in[i], (double)y_mixed[2 * i],
                                  (double)mixed[2 * i + 1], (double)one);
            }
        }
    }
    free(mixed);
    free(y_in);
    free(y_mixed);
    free(dyi);
    free(dym);
    if (bad)
        fail_msg("%ld results depend on the neighbouring lanes", bad);
}

/* bf16 and f16: every bit pattern in one call against each NaN pattern (and every 61st
 * other pattern) alone, bit for bit, NaNs included (the half store must not give a NaN of
 * either sign depending on where the lane fell) */
typedef actfn_status (*half_fn)(actfn_kind, const actfn_params *, const uint16_t *,
                                const uint16_t *, uint16_t *, size_t);
static actfn_status h_fwd_bf16(actfn_kind k, const actfn_params *p, const uint16_t *x,
                               const uint16_t *dy, uint16_t *y, size_t n)
{
    (void)dy;
    return actfn_forward_bf16(k, p, x, y, n);
}
static actfn_status h_der_bf16(actfn_kind k, const actfn_params *p, const uint16_t *x,
                               const uint16_t *dy, uint16_t *y, size_t n)
{
    (void)dy;
    return actfn_derivative_bf16(k, p, x, y, n);
}
static actfn_status h_fwd_f16(actfn_kind k, const actfn_params *p, const uint16_t *x,
                              const uint16_t *dy, uint16_t *y, size_t n)
{
    (void)dy;
    return actfn_forward_f16(k, p, x, y, n);
}
static actfn_status h_der_f16(actfn_kind k, const actfn_params *p, const uint16_t *x,
                              const uint16_t *dy, uint16_t *y, size_t n)
{
    (void)dy;
    return actfn_derivative_f16(k, p, x, y, n);
}

static void t_half_lanes(void **state)
{
    const lane_case *lc = *state;
    if (!actfn_isa_supported((actfn_isa)path))
        skip();
    assert_int_equal(actfn_set_isa((actfn_isa)path), ACTFN_OK);
    static const struct {
        const char *name;
        half_fn f;
        uint16_t exp_mask;
    } fns[] = {{"bf16 forward", h_fwd_bf16, 0x7f80}, {"bf16 derivative", h_der_bf16, 0x7f80},
               {"bf16 backward", actfn_backward_bf16, 0x7f80},
               {"f16 forward", h_fwd_f16, 0x7c00},   {"f16 derivative", h_der_f16, 0x7c00},
               {"f16 backward", actfn_backward_f16, 0x7c00}};
    static uint16_t x[65536], dy[65536], y[65536];
    const actfn_params *p = lc->has_params ? &lc->params : NULL;
    long bad = 0;
    for (size_t fi = 0; fi < sizeof fns / sizeof *fns; fi++) {
        for (uint32_t i = 0; i < 65536; i++) {
            x[i] = (uint16_t)i;
            dy[i] = fns[fi].exp_mask == 0x7f80 ? 0x3f40 : 0x3a00; /* 0.75 */
        }
        assert_int_equal(fns[fi].f(lc->kind, p, x, dy, y, 65536), ACTFN_OK);
        for (uint32_t i = 0; i < 65536; i++) {
            uint16_t m = fns[fi].exp_mask;
            int nan = (x[i] & m) == m && (x[i] & (uint16_t)~(m | 0x8000)) != 0;
            if (!nan && i % 61 != 0)
                continue;
            uint16_t one;
            assert_int_equal(fns[fi].f(lc->kind, p, &x[i], &dy[i], &one, 1), ACTFN_OK);
            if (one != y[i] && bad++ < 8)
                print_message("%s %s %s(0x%04x): 0x%04x in the whole array, 0x%04x alone\n",
                              actfn_isa_name((actfn_isa)path), fns[fi].name, kname(lc->kind),
                              (unsigned)x[i], (unsigned)y[i], (unsigned)one);
        }
    }
    if (bad)
        fail_msg("%ld half results depend on where the lane fell", bad);
}

int main(int argc, char **argv)
{
    path = argc == 2 ? isa_from_name(argv[1]) : -1;
    if (path < 0) {
        fprintf(stderr, "usage: %s ", argv[0]);
        print_isa_names(stderr, "|");
        fprintf(stderr, "\n");
        return 2;
    }
    make_inputs();
    static lane_case cases[2 * (ACTFN_KIND_COUNT + 2)];
    static char names[2 * (ACTFN_KIND_COUNT + 2)][64];
    static struct CMUnitTest tests[2 * (ACTFN_KIND_COUNT + 2)];
    size_t nt = 0;
    for (int k = 0; k < ACTFN_KIND_COUNT; k++) {
        cases[nt] = (lane_case){.kind = (actfn_kind)k};
        snprintf(names[nt], sizeof names[nt], "%s_%s", argv[1], kname((actfn_kind)k));
        nt++;
    }
    const float alphas[] = {1.5f, -0.75f};
    for (int a = 0; a < 2; a++) {
        cases[nt] = (lane_case){.kind = ACTFN_SWISH, .has_params = 1};
        if (actfn_params_default(ACTFN_SWISH, &cases[nt].params) != ACTFN_OK)
            return 2;
        cases[nt].params.alpha = alphas[a];
        snprintf(names[nt], sizeof names[nt], "%s_swish_alpha_%g", argv[1], (double)alphas[a]);
        nt++;
    }
    for (size_t i = 0; i < nt; i++) {
        tests[i] = (struct CMUnitTest){names[i], t_lanes, NULL, NULL, &cases[i]};
        snprintf(names[nt + i], sizeof names[nt + i], "%.58s_half", names[i]);
        tests[nt + i] = (struct CMUnitTest){names[nt + i], t_half_lanes, NULL, NULL, &cases[i]};
    }
    int failed = _cmocka_run_group_tests("lanes", tests, 2 * nt, NULL, NULL);
    if (failed)
        return 1;
    return actfn_isa_supported((actfn_isa)path) ? 0 : 77;
}
