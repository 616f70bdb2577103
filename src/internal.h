/* Internal interfaces between the API layer, dispatch and the kernels. */
#ifndef ACTFN_INTERNAL_H
#define ACTFN_INTERNAL_H

#include "actfn.h"

#define ACTFN_HIDDEN __attribute__((visibility("hidden")))

/* Kernels get n ≥ 1, validated non-overlapping pointers and resolved params. */
typedef void (*actfn_unary_fn)(const float *x, float *y, size_t n, const actfn_params *p);
typedef void (*actfn_binary_fn)(const float *x, const float *dy, float *dx, size_t n,
                                const actfn_params *p);

/* One immutable table per ISA. */
typedef struct actfn_kernels {
    actfn_isa isa;
    actfn_unary_fn forward[ACTFN_KIND_COUNT];
    actfn_unary_fn derivative[ACTFN_KIND_COUNT];
    actfn_binary_fn backward[ACTFN_KIND_COUNT];
} actfn_kernels;

extern const actfn_kernels actfn_kernels_scalar ACTFN_HIDDEN;
extern const actfn_kernels actfn_kernels_avx2 ACTFN_HIDDEN;
extern const actfn_kernels actfn_kernels_avx512 ACTFN_HIDDEN;
extern const actfn_kernels actfn_kernels_neon ACTFN_HIDDEN;

/* cpu.c: 1 if this CPU and OS run the ISA (ignores whether it was built). */
int actfn_cpu_runs(actfn_isa isa) ACTFN_HIDDEN;

/* dispatch.c: the active table, never NULL. */
const actfn_kernels *actfn_active_kernels(void) ACTFN_HIDDEN;

#endif
