/*
 * Where a loop starts streaming its output (non-temporal stores), shared by
 * the element-wise loops (generic/loops_eltwise.inc) and the two-vector
 * loops (generic/loops_x2.inc).
 */
#ifndef ACTFN_GENERIC_STREAM_H
#define ACTFN_GENERIC_STREAM_H

#include <stddef.h>
#include <stdint.h>

/* Outputs of at least ACTFN_NT_MIN elements (8 MiB of f32: beyond what the
 * caches keep next to the input) are written with non-temporal stores where
 * the path has them, once the output is aligned: the store then skips
 * reading each destination line first.  Measured with bench/ (README). */
#define ACTFN_NT_MIN ((size_t)1 << 21)

/* Streaming from the first vector aligned to its size (w elements of
 * `size` bytes) on: the elements before it, or n (not streamed). */
static inline size_t nt_head(const void *y, size_t size, size_t w, size_t n)
{
    if (n < ACTFN_NT_MIN || (uintptr_t)y % size != 0)
        return n;
    return (size_t)(-(uintptr_t)y % (w * size)) / size;
}

#endif
