/* The public API: names, parameters, argument checks, then the active
 * kernel.  Every check runs before anything is written. */
#include <stdint.h>
#include <string.h>

#include "internal.h"

/* Parameter checks read bit patterns, never compare floats: a float
 * compare here would run under the caller's MXCSR (DAZ would turn a
 * subnormal alpha into 0) and could raise its flags (signalling NaN,
 * denormal operand). */
static uint32_t bits(float f)
{
    uint32_t u;
    memcpy(&u, &f, sizeof u);
    return u;
}
static int fin(float f) { return (bits(f) & 0x7f800000u) != 0x7f800000u; }
/* Order of finite floats as integers, with -0 == +0. */
static int32_t key(float f)
{
    uint32_t mag = bits(f) & 0x7fffffffu;
    return (bits(f) >> 31) ? -(int32_t)mag : (int32_t)mag;
}
#define FIN(v) fin(v)
#define POS(v) (fin(v) && key(v) > 0)
#define NONNEG(v) (fin(v) && key(v) >= 0)
#define LE(a, b) (fin(a) && fin(b) && key(a) <= key(b))

static const char *const kind_names[ACTFN_KIND_COUNT] = {
#define ACTFN_ELTWISE(name, KIND, fl, dl, ex, a, b, c, d, valid) [ACTFN_##KIND] = #name,
#include "registry/eltwise.def"
#undef ACTFN_ELTWISE
};

static const actfn_params defaults[ACTFN_KIND_COUNT] = {
#define ACTFN_ELTWISE(name, KIND, fl, dl, ex, a, b, c, d, valid) [ACTFN_##KIND] = {a, b, c, d},
#include "registry/eltwise.def"
#undef ACTFN_ELTWISE
};

static int params_valid(actfn_kind k, actfn_params p)
{
    switch (k) {
#define ACTFN_ELTWISE(name, KIND, fl, dl, ex, a, b, c, d, valid)                                                 \
    case ACTFN_##KIND:                                                                             \
        return (valid);
#include "registry/eltwise.def"
#undef ACTFN_ELTWISE
    default:
        return 0;
    }
}

const char *actfn_strerror(actfn_status s)
{
    switch (s) {
    case ACTFN_OK:
        return "success";
    case ACTFN_ENULL:
        return "NULL pointer argument";
    case ACTFN_EKIND:
        return "unknown activation kind";
    case ACTFN_EPARAM:
        return "invalid parameters for this activation";
    case ACTFN_EOVERLAP:
        return "output partially overlaps an input";
    case ACTFN_EUNSUPPORTED:
        return "ISA not built into libactfn or not supported by this CPU";
    case ACTFN_ESIZE:
        return "element count too large for the address space";
    default:
        return "unknown status";
    }
}

const char *actfn_version(void) { return ACTFN_VERSION_STRING; }

const char *actfn_kind_name(actfn_kind k)
{
    return (unsigned)k < ACTFN_KIND_COUNT ? kind_names[k] : NULL;
}

actfn_status actfn_kind_from_name(const char *name, actfn_kind *k)
{
    if (name == NULL || k == NULL)
        return ACTFN_ENULL;
    for (int i = 0; i < ACTFN_KIND_COUNT; i++) {
        if (strcmp(name, kind_names[i]) == 0) {
            *k = (actfn_kind)i;
            return ACTFN_OK;
        }
    }
    return ACTFN_EKIND;
}

actfn_status actfn_params_default(actfn_kind k, actfn_params *p)
{
    if ((unsigned)k >= ACTFN_KIND_COUNT)
        return ACTFN_EKIND;
    if (p == NULL)
        return ACTFN_ENULL;
    *p = defaults[k];
    return ACTFN_OK;
}

/* Kind and parameters; fills *out with the resolved parameters. */
static actfn_status check_kind(actfn_kind k, const actfn_params *p, actfn_params *out)
{
    if ((unsigned)k >= ACTFN_KIND_COUNT)
        return ACTFN_EKIND;
    *out = p != NULL ? *p : defaults[k];
    return params_valid(k, *out) ? ACTFN_OK : ACTFN_EPARAM;
}

/* [a, a+n) and [b, b+n) share elements without being the same range. */
static int partial_overlap(const float *a, const float *b, size_t n)
{
    uintptr_t ua = (uintptr_t)a, ub = (uintptr_t)b, bytes = n * sizeof(float);
    return ua != ub && ua < ub + bytes && ub < ua + bytes;
}

static int size_ok(size_t n) { return n <= (SIZE_MAX / 2) / sizeof(float); }

/* The checks of a unary call (x → y); OK with n == 0 means "done". */
static actfn_status check_unary(actfn_kind k, const actfn_params *p, const float *x,
                                const float *y, size_t n, actfn_params *P)
{
    actfn_status s = check_kind(k, p, P);
    if (s != ACTFN_OK || n == 0)
        return s;
    if (x == NULL || y == NULL)
        return ACTFN_ENULL;
    if (!size_ok(n))
        return ACTFN_ESIZE;
    return partial_overlap(x, y, n) ? ACTFN_EOVERLAP : ACTFN_OK;
}

actfn_status actfn_forward_f32(actfn_kind k, const actfn_params *p, const float *x, float *y,
                               size_t n)
{
    actfn_params P;
    actfn_status s = check_unary(k, p, x, y, n, &P);
    if (s == ACTFN_OK && n > 0)
        actfn_active_kernels()->forward[k](x, y, n, &P);
    return s;
}

actfn_status actfn_derivative_f32(actfn_kind k, const actfn_params *p, const float *x, float *d,
                                  size_t n)
{
    actfn_params P;
    actfn_status s = check_unary(k, p, x, d, n, &P);
    if (s == ACTFN_OK && n > 0)
        actfn_active_kernels()->derivative[k](x, d, n, &P);
    return s;
}

actfn_status actfn_backward_f32(actfn_kind k, const actfn_params *p, const float *x,
                                const float *dy, float *dx, size_t n)
{
    actfn_params P;
    actfn_status s = check_kind(k, p, &P);
    if (s != ACTFN_OK || n == 0)
        return s;
    if (x == NULL || dy == NULL || dx == NULL)
        return ACTFN_ENULL;
    if (!size_ok(n))
        return ACTFN_ESIZE;
    if (partial_overlap(x, dx, n) || partial_overlap(dy, dx, n))
        return ACTFN_EOVERLAP;
    actfn_active_kernels()->backward[k](x, dy, dx, n, &P);
    return ACTFN_OK;
}
