/* The scalar path: its vector ops, then the generic bodies and loops. */
#include "scalar/vec.h"
#define ACTFN_ISA_ENUM_NAME SCALAR
#include "generic/kernels.inc"
