/* The avx512 path: its vector ops, then the generic loops and its table. */
#include "avx512/vec.h"
#define ACTFN_ISA_ENUM ACTFN_ISA_AVX512
#define ACTFN_HAVE_X2 1 /* the long bodies' f32 loops: kernels_x2.c */
#include "generic/kernels.inc"
