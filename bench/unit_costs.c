/*
 * What one core of this CPU sustains, per instruction class, for the
 * speed-of-light model (bench/speed_of_light.py, docs/speed-of-light.md):
 * the clock (a chain of dependent integer adds, one cycle each) and, for
 * each vector instruction the kernels use, the cycles per instruction when
 * twelve independent chains of it run (throughput, not latency), alone and
 * mixed one-to-one with FMA or with ADD (whether they share execution
 * ports).  x86-64 with AVX-512 F (and AVX2); prints text, or JSON with
 * --json.  Run it pinned to an idle core: taskset -c 1 unit_costs.
 */
#define _POSIX_C_SOURCE 199309L
#include <stdio.h>
#include <string.h>

#include "clock.h"

#define REPS 2000000L

/* only the measuring functions are AVX-512 code; main checks the CPU first */
#define ACTFN_AVX512 __attribute__((target("avx512f")))
#define S_(x) #x
#define S(x) S_(x)
/* one instruction of chain i (register i), inputs in registers 12 and 13 */
#define Z_FMA(i) "vfmadd231ps %%zmm12, %%zmm13, %%zmm" S(i) "\n\t"
#define Z_MUL(i) "vmulps %%zmm12, %%zmm" S(i) ", %%zmm" S(i) "\n\t"
#define Z_ADD(i) "vaddps %%zmm12, %%zmm" S(i) ", %%zmm" S(i) "\n\t"
#define Z_MAX(i) "vmaxps %%zmm12, %%zmm" S(i) ", %%zmm" S(i) "\n\t"
#define Z_CMP(i) "vcmpltps %%zmm12, %%zmm" S(i) ", %%k1\n\t"
#define Z_BLENDM(i) "vblendmps %%zmm12, %%zmm" S(i) ", %%zmm" S(i) "%{%%k1%}\n\t"
#define Z_PERM(i) "vpermps %%zmm" S(i) ", %%zmm13, %%zmm" S(i) "\n\t"
#define Z_PERMT2(i) "vpermt2ps %%zmm12, %%zmm13, %%zmm" S(i) "\n\t"
#define Z_SCALEF(i) "vscalefps %%zmm12, %%zmm" S(i) ", %%zmm" S(i) "\n\t"
#define Z_RNDSCALE(i) "vrndscaleps $0, %%zmm" S(i) ", %%zmm" S(i) "\n\t"
#define Z_CVT(i) "vcvtps2dq %%zmm" S(i) ", %%zmm" S(i) "\n\t"
#define Z_SHIFT(i) "vpslld $23, %%zmm" S(i) ", %%zmm" S(i) "\n\t"
#define Z_IADD(i) "vpaddd %%zmm12, %%zmm" S(i) ", %%zmm" S(i) "\n\t"
#define Z_LOGIC(i) "vpandd %%zmm12, %%zmm" S(i) ", %%zmm" S(i) "\n\t"
#define Z_DIV(i) "vdivps %%zmm13, %%zmm" S(i) ", %%zmm" S(i) "\n\t"
#define Z_RCP14(i) "vrcp14ps %%zmm" S(i) ", %%zmm" S(i) "\n\t"
#define Z_GETEXP(i) "vgetexpps %%zmm" S(i) ", %%zmm" S(i) "\n\t"
#define Y_FMA(i) "vfmadd231ps %%ymm12, %%ymm13, %%ymm" S(i) "\n\t"
#define Y_ADD(i) "vaddps %%ymm12, %%ymm" S(i) ", %%ymm" S(i) "\n\t"
#define Y_MAX(i) "vmaxps %%ymm12, %%ymm" S(i) ", %%ymm" S(i) "\n\t"
#define Y_CMP(i) "vcmpltps %%ymm12, %%ymm" S(i) ", %%ymm" S(i) "\n\t"
#define Y_BLENDV(i) "vblendvps %%ymm13, %%ymm12, %%ymm" S(i) ", %%ymm" S(i) "\n\t"
#define Y_PERM(i) "vpermps %%ymm" S(i) ", %%ymm13, %%ymm" S(i) "\n\t"
#define Y_ROUND(i) "vroundps $0, %%ymm" S(i) ", %%ymm" S(i) "\n\t"
#define Y_DIV(i) "vdivps %%ymm13, %%ymm" S(i) ", %%ymm" S(i) "\n\t"
#define Y_SHIFT(i) "vpslld $23, %%ymm" S(i) ", %%ymm" S(i) "\n\t"

#define CHAINS(I) I(0) I(1) I(2) I(3) I(4) I(5) I(6) I(7) I(8) I(9) I(10) I(11)
/* seconds per instruction of BODY, twelve instructions per iteration */
#define MEASURE(fname, BODY)                                                                       \
    static ACTFN_AVX512 double fname(void)                                                         \
    {                                                                                              \
        double best = 1e9;                                                                         \
        for (int r = 0; r < 5; r++) {                                                              \
            long i = REPS;                                                                         \
            double t0 = now();                                                                     \
            __asm__ volatile("vxorps %%xmm12, %%xmm12, %%xmm12\n\t"                                \
                             "vxorps %%xmm13, %%xmm13, %%xmm13\n\t"                                \
                             "1:\n\t" BODY "dec %0\n\tjnz 1b"                                      \
                             : "+r"(i)                                                             \
                             :                                                                     \
                             : "cc", "xmm0", "xmm1", "xmm2", "xmm3", "xmm4", "xmm5", "xmm6",       \
                               "xmm7", "xmm8", "xmm9", "xmm10", "xmm11", "xmm12", "xmm13", "k1");  \
            double t = (now() - t0) / (REPS * 12.0);                                               \
            best = t < best ? t : best;                                                            \
        }                                                                                          \
        return best;                                                                               \
    }
/* six of I (chains 0-5) interleaved with six of J (chains 6-11) */
#define PAIRED(I, J) I(0) J(6) I(1) J(7) I(2) J(8) I(3) J(9) I(4) J(10) I(5) J(11)

#define CASES(X)                                                                                   \
    X(zmm_fma, Z_FMA)                                                                              \
    X(zmm_mul, Z_MUL)                                                                              \
    X(zmm_add, Z_ADD)                                                                              \
    X(zmm_max, Z_MAX) X(zmm_cmp, Z_CMP) X(zmm_blendm, Z_BLENDM) X(zmm_perm, Z_PERM)                \
        X(zmm_permt2, Z_PERMT2) X(zmm_scalef, Z_SCALEF) X(zmm_rndscale, Z_RNDSCALE)                \
            X(zmm_cvt, Z_CVT) X(zmm_shift, Z_SHIFT) X(zmm_iadd, Z_IADD) X(zmm_logic, Z_LOGIC)      \
                X(zmm_div, Z_DIV) X(zmm_rcp14, Z_RCP14) X(zmm_getexp, Z_GETEXP) X(ymm_fma, Y_FMA)  \
                    X(ymm_add, Y_ADD) X(ymm_max, Y_MAX) X(ymm_cmp, Y_CMP) X(ymm_blendv, Y_BLENDV)  \
                        X(ymm_perm, Y_PERM) X(ymm_round, Y_ROUND) X(ymm_div, Y_DIV)                \
                            X(ymm_shift, Y_SHIFT)
#define SINGLE(name, I) MEASURE(m_##name, CHAINS(I))
CASES(SINGLE)
/* one-to-one with an FMA, and with an ADD, of the same width */
#define MIXES(X)                                                                                   \
    X(zmm_max, Z_MAX, Z)                                                                           \
    X(zmm_cmp, Z_CMP, Z)                                                                           \
    X(zmm_perm, Z_PERM, Z)                                                                         \
    X(zmm_permt2, Z_PERMT2, Z) X(zmm_scalef, Z_SCALEF, Z) X(zmm_rndscale, Z_RNDSCALE, Z)           \
        X(zmm_cvt, Z_CVT, Z) X(zmm_shift, Z_SHIFT, Z) X(zmm_iadd, Z_IADD, Z)                       \
            X(zmm_blendm, Z_BLENDM, Z) X(zmm_add, Z_ADD, Z) X(ymm_max, Y_MAX, Y)                   \
                X(ymm_blendv, Y_BLENDV, Y) X(ymm_perm, Y_PERM, Y) X(ymm_round, Y_ROUND, Y)         \
                    X(ymm_shift, Y_SHIFT, Y) X(ymm_add, Y_ADD, Y)
#define MIX_FMA(name, I, W)                                                                        \
    MEASURE(m_##name##_fma, PAIRED(I, W##_FMA))                                                    \
    MEASURE(m_##name##_add, PAIRED(I, W##_ADD))
MIXES(MIX_FMA)

int main(int argc, char **argv)
{
    int json = argc > 1 && strcmp(argv[1], "--json") == 0;
    if (!__builtin_cpu_supports("avx512f") || !__builtin_cpu_supports("avx2")) {
        fprintf(stderr, "unit_costs: needs AVX-512 F and AVX2 (this CPU lacks one)\n");
        return 77;
    }
    double cyc = cycle_seconds();
    if (json)
        printf("{\"clock_ghz\": %.3f, \"cycles_per_instruction\": {", 1e-9 / cyc);
    else
        printf("clock %.2f GHz (dependent adds)\n"
               "cycles per instruction, twelve independent chains:\n",
               1e-9 / cyc);
    const char *sep = "";
#define PRINT1(name, I)                                                                            \
    if (json)                                                                                      \
        printf("%s\"%s\": %.3f", sep, #name, m_##name() / cyc);                                    \
    else                                                                                           \
        printf("  %-16s %6.3f\n", #name, m_##name() / cyc);                                        \
    sep = ", ";
    CASES(PRINT1)
    if (json)
        printf("}, \"pair_cycles_per_instruction\": {");
    else
        printf(
            "one-to-one with an FMA / with an ADD of the same width (cycles per instruction):\n");
    sep = "";
#define PRINT2(name, I, W)                                                                         \
    {                                                                                              \
        double f = m_##name##_fma() / cyc, a = m_##name##_add() / cyc;                             \
        if (json)                                                                                  \
            printf("%s\"%s+fma\": %.3f, \"%s+add\": %.3f", sep, #name, f, #name, a);               \
        else                                                                                       \
            printf("  %-16s %6.3f %6.3f\n", #name, f, a);                                          \
        sep = ", ";                                                                                \
    }
    MIXES(PRINT2)
    if (json)
        printf("}}\n");
    return 0;
}
