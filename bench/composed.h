/*
 * The composed peers of bench/composed.c: textbook formulas over glibc's
 * libmvec and over SLEEF, for AVX-512 and AVX2 (speed references only).
 */
#ifndef ACTFN_BENCH_COMPOSED_H
#define ACTFN_BENCH_COMPOSED_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
    COMPOSED_SIGMOID,
    COMPOSED_ELU,
    COMPOSED_HARD_SWISH,
    COMPOSED_SILU,
    COMPOSED_GELU_TANH,
    COMPOSED_GELU,
    COMPOSED_MISH,
    COMPOSED_TANH,
    COMPOSED_SOFTPLUS,
    COMPOSED_LOG_SIGMOID,
} composed_fn;

/* y = f(x), or dy·f'(x) when bwd, over n floats; 1, or 0 when that pair is
 * not composed. */
typedef int (*composed_call)(composed_fn fn, int bwd, const float *x, const float *dy, float *y,
                             size_t n);
int composed_libmvec_avx512(composed_fn fn, int bwd, const float *x, const float *dy, float *y,
                            size_t n);
int composed_sleef_avx512(composed_fn fn, int bwd, const float *x, const float *dy, float *y,
                          size_t n);
int composed_libmvec_avx2(composed_fn fn, int bwd, const float *x, const float *dy, float *y,
                          size_t n);
int composed_sleef_avx2(composed_fn fn, int bwd, const float *x, const float *dy, float *y,
                        size_t n);

#ifdef __cplusplus
}
#endif

#endif
