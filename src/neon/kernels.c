/* The neon path: its vector ops, then the generic bodies and loops. */
#include "neon/vec.h"
#define ACTFN_ISA_ENUM_NAME NEON
#include "generic/kernels.inc"
