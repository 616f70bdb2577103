/* The avx2 path: its vector ops, then the generic bodies and loops. */
#include "avx2/vec.h"
#define ACTFN_ISA_ENUM_NAME AVX2
#include "generic/kernels.inc"
