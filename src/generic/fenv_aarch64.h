/* The library's FP environment on AArch64: FPCR = 0 (round to nearest, no
 * flush-to-zero, no default NaN, no traps) while a kernel runs; the
 * caller's FPCR and FPSR (its cumulative exception flags) afterwards. */
#ifndef ACTFN_FENV_AARCH64_H
#define ACTFN_FENV_AARCH64_H

#include <stdint.h>
typedef uint64_t v_fenv;
static inline v_fenv v_fenv_enter(void)
{
    uint64_t fpcr, fpsr;
    __asm__ __volatile__("mrs %0, fpcr" : "=r"(fpcr));
    __asm__ __volatile__("mrs %0, fpsr" : "=r"(fpsr));
    __asm__ __volatile__("msr fpcr, %0" ::"r"((uint64_t)0));
    return (fpcr & 0xffffffffu) | (fpsr << 32);
}
static inline void v_fenv_leave(v_fenv saved)
{
    __asm__ __volatile__("msr fpcr, %0" ::"r"(saved & 0xffffffffu));
    __asm__ __volatile__("msr fpsr, %0" ::"r"(saved >> 32));
}

#endif
