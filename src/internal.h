/* Internal interfaces between the API layer, dispatch and the kernels. */
#ifndef ACTFN_INTERNAL_H
#define ACTFN_INTERNAL_H

#include "actfn.h"

#define ACTFN_HIDDEN __attribute__((visibility("hidden")))

/* The three element-wise calls. */
typedef enum actfn_call { ACTFN_CALL_fwd, ACTFN_CALL_der, ACTFN_CALL_bwd, ACTFN_CALL_COUNT } actfn_call;

/* The dtypes of src/registry/dtypes.def. */
#include "registry/dtypes.def"
#define ACTFN_DT_ENUM(c, name, NAME, ctype, grade) ACTFN_DT_##NAME,
typedef enum actfn_dtype_id { ACTFN_DTYPES(ACTFN_DT_ENUM, ~) ACTFN_DT_COUNT } actfn_dtype_id;
#undef ACTFN_DT_ENUM

/* Variant 0 is the kind's own body; src/registry/variants.def adds others. */
#define ACTFN_MAX_VARIANTS 3

/* An element-wise kernel: y[i] = f(x[i]) (forward), f'(x[i]) (derivative)
 * or dy[i]·f'(x[i]) (backward; dy is NULL otherwise), n ≥ 1 elements of
 * the call's dtype, pointers validated (y may alias x or dy exactly),
 * parameters resolved and valid. */
typedef void (*actfn_eltwise_fn)(const void *x, const void *dy, void *y, size_t n,
                                 const actfn_params *p);

/* The operations of src/registry/rows.def, forward and backward. */
#define ACTFN_ROWS(name, shape, reduces) ACTFN_OP_##name,
typedef enum actfn_rows_op {
#include "registry/rows.def"
    ACTFN_OP_COUNT
} actfn_rows_op;
#undef ACTFN_ROWS
typedef enum actfn_pass { ACTFN_PASS_fwd, ACTFN_PASS_bwd, ACTFN_PASS_COUNT } actfn_pass;

/* Their arguments, validated by the API layer (src/api/rows.c,
 * src/api/channels.c), the fields an operation does not use left zero: the
 * shape (CHANNELS: [outer][c][inner] with k channels per group for maxout;
 * ROWS: rows × cols with the row strides ld* in elements; FLAT: n
 * elements), the arrays (x, b, dy in; y, dx, db out; w, a channel's
 * parameter: prelu's alpha, the bias; dw its gradient or NULL; noise, rrelu's
 * slopes or NULL), each of the call's dtype, a gate's kind, kernel variant
 * and resolved parameters, the element-wise kernels a fused call runs on its
 * blocks (f[0]: the call's own, forward or backward; f[1]: the f32
 * derivative, where a half-precision backward sums dbias), and rrelu's
 * generator key (seed) and first counter (offset). */
typedef struct actfn_rows_args {
    size_t outer, c, k, inner, n;
    size_t rows, cols, ldx, ldy, lddy, lddx;
    const void *x, *b, *dy, *w;
    void *y, *dx, *db, *dw, *noise;
    actfn_kind kind;
    unsigned variant;
    const actfn_params *p;
    actfn_eltwise_fn f[2];
    uint64_t seed, offset;
} actfn_rows_args;
typedef void (*actfn_rows_fn)(const actfn_rows_args *a);

/* A gated unit's loop over n elements of the call's dtype: y = f(a)·b
 * (gated[0]) or (dy·b)·f'(a) (gated[1]; dy is ignored by the first); y may
 * be any input exactly. */
typedef void (*actfn_gated_fn)(const void *a, const void *b, const void *dy, void *y, size_t n,
                               const actfn_params *p);

/* One immutable table per path. */
typedef struct actfn_kernels {
    actfn_isa isa;
    actfn_eltwise_fn eltwise[ACTFN_CALL_COUNT][ACTFN_DT_COUNT][ACTFN_KIND_COUNT][ACTFN_MAX_VARIANTS];
    actfn_rows_fn rows[ACTFN_OP_COUNT][ACTFN_PASS_COUNT][ACTFN_DT_COUNT];
    actfn_gated_fn gated[2][ACTFN_DT_COUNT][ACTFN_KIND_COUNT][ACTFN_MAX_VARIANTS];
} actfn_kernels;

/* api/names.c: the kind and parameter checks of every call (EKIND, EPARAM;
 * OK with *out the resolved parameters). */
actfn_status actfn_resolve_params(actfn_kind k, const actfn_params *p,
                                  actfn_params *out) ACTFN_HIDDEN;

/* api/eltwise.c: the kernel variant of call c for kind k with the resolved
 * parameters p (src/registry/variants.def; 0: the kind's own body; the
 * backward takes the derivative's). */
unsigned actfn_variant(actfn_call c, actfn_kind k, actfn_params p) ACTFN_HIDDEN;

/* cpu.c: 1 if this CPU and OS run the ISA (ignores whether it was built). */
int actfn_cpu_runs(actfn_isa isa) ACTFN_HIDDEN;

/* dispatch.c: the active table, never NULL. */
const actfn_kernels *actfn_active_kernels(void) ACTFN_HIDDEN;

#endif
