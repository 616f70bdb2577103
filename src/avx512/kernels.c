/* The avx512 path: its vector ops, then the generic bodies and loops. */
#include "avx512/vec.h"
#define ACTFN_ISA_ENUM_NAME AVX512
#include "generic/kernels.inc"
