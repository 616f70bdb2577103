/*
 * The kernels' names and the preprocessor's tools, for the loops of a path
 * (generic/loops_eltwise.inc, generic/loops_x2.inc).  A kernel is named
 * <stem>__<isa>; the ones a path's two-vector unit defines for its other
 * unit are global, and carry the library's prefix as symbols
 * (ACTFN_X2_SYMBOL: the abi test rejects other global names in the static
 * library).
 */
#ifndef ACTFN_GENERIC_NAMES_H
#define ACTFN_GENERIC_NAMES_H

#define ACTFN_CAT_(a, b) a##b
#define ACTFN_CAT(a, b) ACTFN_CAT_(a, b)
#define ACTFN_KERNEL(stem) ACTFN_CAT(stem##__, ACTFN_ISA_SUFFIX)
#define ACTFN_UNPACK(...) __VA_ARGS__
/* 1 where the argument is a macro defined as "~, 1", else 0 */
#define ACTFN_PROBE(...) ACTFN_PROBE_(__VA_ARGS__, 0, ~)
#define ACTFN_PROBE_(a, b, ...) b
#define ACTFN_X2_SYMBOL(fn) __asm__(ACTFN_X2_STR(actfn_##fn))
#define ACTFN_X2_STR(s) #s

#endif
