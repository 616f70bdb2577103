/* The public API's names, statuses and parameters: what every call checks
 * first (actfn_resolve_params), and the lookups around it. */
#include <stdint.h>
#include <string.h>

#include "internal.h"
#include "api/params.h"

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
#define ACTFN_ELTWISE(name, KIND, fl, dl, ex, a, b, c, d, valid)                               \
    case ACTFN_##KIND:                                                                         \
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

/* Kind and parameters: EKIND, EPARAM, or OK with *out the parameters the
 * kernel runs with (the defaults where p is NULL). */
actfn_status actfn_resolve_params(actfn_kind k, const actfn_params *p, actfn_params *out)
{
    if ((unsigned)k >= ACTFN_KIND_COUNT)
        return ACTFN_EKIND;
    *out = p != NULL ? *p : defaults[k];
    return params_valid(k, *out) ? ACTFN_OK : ACTFN_EPARAM;
}
