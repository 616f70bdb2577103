/* The avx512 path's f32 loops two vectors per step (src/registry/x2.def). */
#include "avx512/vec.h"
#include "generic/loops_x2.inc"
