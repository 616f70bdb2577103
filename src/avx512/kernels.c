/* The avx512 path: its vector ops, then the generic loops and its table. */
#include "avx512/vec.h"
#define ACTFN_ISA_ENUM ACTFN_ISA_AVX512
#include "generic/kernels.inc"
