/* The library's FP environment on x86 (SSE/AVX share MXCSR): round to
 * nearest, no FTZ/DAZ, every exception masked while a kernel runs; the
 * caller's MXCSR, flags included, is put back afterwards. */
#ifndef ACTFN_FENV_X86_H
#define ACTFN_FENV_X86_H

#include <xmmintrin.h>

#define ACTFN_MXCSR_DEFAULT 0x1f80u

typedef unsigned int v_fenv;
static inline v_fenv v_fenv_enter(void)
{
    v_fenv saved = _mm_getcsr();
    _mm_setcsr(ACTFN_MXCSR_DEFAULT);
    return saved;
}
static inline void v_fenv_leave(v_fenv saved) { _mm_setcsr(saved); }

#endif
