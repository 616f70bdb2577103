/* CPU feature probing: CPUID + XGETBV on x86 (the OS must have enabled the
 * register state, not just the CPU have the instructions), HWCAP on AArch64.
 * No ISA flags or intrinsics here. */
#include "internal.h"

#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>
#include <stdint.h>

static uint64_t xgetbv0(void)
{
    uint32_t lo, hi;
    __asm__ __volatile__("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
    return ((uint64_t)hi << 32) | lo;
}

#define XCR0_SSE_AVX 0x06u      /* XMM and YMM state */
#define XCR0_AVX512 0xe0u       /* opmask, ZMM_Hi256, Hi16_ZMM */
#define ECX1_FMA (1u << 12)
#define ECX1_F16C (1u << 29)
#define ECX1_OSXSAVE (1u << 27)
#define ECX1_AVX (1u << 28)
#define EBX7_AVX2 (1u << 5)
#define EBX7_AVX512F (1u << 16)
#define EBX7_AVX512DQ (1u << 17)
#define EBX7_AVX512BW (1u << 30)
#define EBX7_AVX512VL (1u << 31)

/* AVX2 + FMA + F16C (the f16 conversions; every AVX2 CPU has F16C: Intel
 * since Ivy Bridge, AMD since Piledriver, both before their first AVX2). */
static int runs_avx2(uint32_t ecx1, uint32_t ebx7, uint64_t xcr0)
{
    const uint32_t need1 = ECX1_FMA | ECX1_F16C | ECX1_OSXSAVE | ECX1_AVX;
    return (ecx1 & need1) == need1 && (ebx7 & EBX7_AVX2) &&
           (xcr0 & XCR0_SSE_AVX) == XCR0_SSE_AVX;
}

int actfn_cpu_runs(actfn_isa isa)
{
    uint32_t eax, ebx, ecx1, edx, ebx7 = 0, ecx;
    if (isa == ACTFN_ISA_SCALAR)
        return 1;
    if (!__get_cpuid(1, &eax, &ebx, &ecx1, &edx))
        return 0;
    if (__get_cpuid_max(0, 0) >= 7)
        __get_cpuid_count(7, 0, &eax, &ebx7, &ecx, &edx);
    uint64_t xcr0 = (ecx1 & ECX1_OSXSAVE) ? xgetbv0() : 0;
    const uint32_t need512 = EBX7_AVX512F | EBX7_AVX512DQ | EBX7_AVX512BW | EBX7_AVX512VL;
    switch (isa) {
    case ACTFN_ISA_AVX2:
        return runs_avx2(ecx1, ebx7, xcr0);
    case ACTFN_ISA_AVX512:
        return runs_avx2(ecx1, ebx7, xcr0) && (ebx7 & need512) == need512 &&
               (xcr0 & XCR0_AVX512) == XCR0_AVX512;
    default:
        return 0;
    }
}

#elif defined(__aarch64__) && defined(__linux__)
#include <sys/auxv.h>
#ifndef HWCAP_ASIMD
#define HWCAP_ASIMD (1 << 1)
#endif

int actfn_cpu_runs(actfn_isa isa)
{
    if (isa == ACTFN_ISA_SCALAR)
        return 1;
    if (isa == ACTFN_ISA_NEON)
        return (getauxval(AT_HWCAP) & HWCAP_ASIMD) != 0;
    return 0;
}

#else
int actfn_cpu_runs(actfn_isa isa) { return isa == ACTFN_ISA_SCALAR; }
#endif
