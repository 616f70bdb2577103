/* The avx2 path's f32 loops two vectors per step (src/registry/x2.def). */
#include "avx2/vec.h"
#include "generic/loops_x2.inc"
