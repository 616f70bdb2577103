/* The scalar path: its vector ops, then the generic loops and its table. */
#include "scalar/vec.h"
#define ACTFN_ISA_ENUM ACTFN_ISA_SCALAR
#include "generic/kernels.inc"
