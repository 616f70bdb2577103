/* The avx2 path: its vector ops, then the generic loops and its table. */
#include "avx2/vec.h"
#define ACTFN_ISA_ENUM ACTFN_ISA_AVX2
#include "generic/kernels.inc"
