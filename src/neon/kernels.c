/* The neon path: its vector ops, then the generic loops and its table. */
#include "neon/vec.h"
#define ACTFN_ISA_ENUM ACTFN_ISA_NEON
#include "generic/kernels.inc"
