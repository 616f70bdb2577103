/* The avx2 path: its vector ops, then the generic loops and its table. */
#include "avx2/vec.h"
#define ACTFN_ISA_ENUM ACTFN_ISA_AVX2
#define ACTFN_HAVE_X2 1 /* the long bodies' f32 loops: kernels_x2.c */
#include "generic/kernels.inc"
