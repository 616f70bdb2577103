/*
 * Why the avx2 path's transcendental loops take twice the avx512 path's time
 * per element on a core that splits 512-bit operations in two
 * (docs/speed-of-light.md, "The window"): the same loop, 4,096 floats in
 * L1, each vector loaded, put through 24 FMAs and stored, once with 256-bit
 * and once with 512-bit vectors.  The FMAs form m independent chains of
 * length L (m·L = 24, summed at the end by m − 1 adds in a tree), so every
 * row issues nearly the same operations and only the longest dependency
 * chain changes: L FMAs and ⌈log2 m⌉ adds.  Where the port throughput bounds the
 * loop, ymm and zmm take the same time per element; where the chain does
 * (the out-of-order window holds only so many operations, and one zmm
 * operation does the work of two ymm ones in one entry), the time per
 * vector is the same and zmm's per element is half.  Then the longest
 * chain (L = 24) split into a software pipeline of S stages.  x86-64 with AVX-512 F;
 * run it pinned to an idle core: taskset -c 1 window.
 */
#define _POSIX_C_SOURCE 199309L
#include <immintrin.h>
#include <stdio.h>

#include "clock.h"

#define N 4096

static float xs[N], ys[N];

/* One vector: m = 24/L copies of x (the empty asm keeps the compiler from
 * merging the identical chains), L FMAs on each, the copies summed. */
#define BODY(V, FMA, ADD, SET, L)                                                                  \
    {                                                                                              \
        V c = SET(0.999f), d = SET(0.001f), a[24 / L];                                             \
        _Pragma("GCC unroll 24") for (int j = 0; j < 24 / L; j++)                                  \
        {                                                                                          \
            a[j] = x;                                                                              \
            __asm__ volatile("" : "+v"(a[j]));                                                     \
        }                                                                                          \
        _Pragma("GCC unroll 24") for (int s = 0; s < L; s++)                                       \
            _Pragma("GCC unroll 24") for (int j = 0; j < 24 / L; j++) a[j] = FMA(a[j], c, d);      \
        _Pragma("GCC unroll 5") for (int st = 1; st < 24 / L; st *= 2)                             \
            _Pragma("GCC unroll 24") for (int j = 0; j + st < 24 / L; j += 2 * st) a[j] =          \
                ADD(a[j], a[j + st]);                                                              \
        y = a[0];                                                                                  \
    }
#define KERNEL(NAME, TARGET, V, LD, ST, FMA, ADD, SET, W, L)                                       \
    __attribute__((noinline, target(TARGET))) static void NAME(void)                               \
    {                                                                                              \
        for (int i = 0; i < N; i += W) {                                                           \
            V x = LD(xs + i), y;                                                                   \
            BODY(V, FMA, ADD, SET, L)                                                              \
            ST(ys + i, y);                                                                         \
        }                                                                                          \
    }
#define KERNELS(L)                                                                                 \
    KERNEL(ymm_##L, "avx2,fma", __m256, _mm256_loadu_ps, _mm256_storeu_ps, _mm256_fmadd_ps,        \
           _mm256_add_ps, _mm256_set1_ps, 8, L)                                                    \
    KERNEL(zmm_##L, "avx512f", __m512, _mm512_loadu_ps, _mm512_storeu_ps, _mm512_fmadd_ps,         \
           _mm512_add_ps, _mm512_set1_ps, 16, L)
/* m ≤ 12 chains: with x and the two constants they fit AVX2's 16 registers */
KERNELS(2)
KERNELS(3)
KERNELS(4)
KERNELS(6)
KERNELS(8)
KERNELS(12)
KERNELS(24)

/* The 24-FMA chain (L = 24, 256-bit) as a software pipeline of S stages of 24/S FMAs: stage s
 * of a vector runs in the iteration s after its load, so the chain within one iteration is
 * 24/S long and the stages of S vectors are in flight in each. */
#define STAGED(NAME, S)                                                                            \
    __attribute__((noinline, target("avx2,fma"))) static void NAME(void)                           \
    {                                                                                              \
        __m256 c = _mm256_set1_ps(0.999f), d = _mm256_set1_ps(0.001f), st[S];                      \
        for (int s = 0; s < S; s++)                                                                \
            st[s] = _mm256_setzero_ps();                                                           \
        for (int i = 0; i < N + 8 * (S - 1); i += 8) {                                             \
            _Pragma("GCC unroll 8") for (int s = S - 1; s > 0; s--)                                \
            {                                                                                      \
                __m256 a = st[s - 1];                                                              \
                _Pragma("GCC unroll 24") for (int k = 0; k < 24 / S; k++) a =                      \
                    _mm256_fmadd_ps(a, c, d);                                                      \
                st[s] = a;                                                                         \
            }                                                                                      \
            __m256 a = i < N ? _mm256_loadu_ps(xs + i) : c;                                        \
            _Pragma("GCC unroll 24") for (int k = 0; k < 24 / S; k++) a =                          \
                _mm256_fmadd_ps(a, c, d);                                                          \
            st[0] = a;                                                                             \
            if (i >= 8 * (S - 1))                                                                  \
                _mm256_storeu_ps(ys + i - 8 * (S - 1), st[S - 1]);                                 \
        }                                                                                          \
    }
STAGED(staged_2, 2)
STAGED(staged_3, 3)
STAGED(staged_4, 4)
STAGED(staged_6, 6)

/* seconds per element, the fastest of 300 timings of 20 passes */
static double per_element(void (*f)(void))
{
    double best = 1e9;
    for (int r = 0; r < 300; r++) {
        double t0 = now();
        for (int k = 0; k < 20; k++)
            f();
        double t = (now() - t0) / (20.0 * N);
        best = t < best ? t : best;
    }
    return best;
}

int main(void)
{
    if (!__builtin_cpu_supports("avx512f") || !__builtin_cpu_supports("avx2") ||
        !__builtin_cpu_supports("fma")) {
        fprintf(stderr, "window: needs AVX-512 F, AVX2 and FMA (this CPU lacks one)\n");
        return 77;
    }
    for (int i = 0; i < N; i++)
        xs[i] = (float)i / N;
    static const struct {
        int len;
        void (*ymm)(void), (*zmm)(void);
    } rows[] = {{2, ymm_2, zmm_2}, {3, ymm_3, zmm_3},    {4, ymm_4, zmm_4},   {6, ymm_6, zmm_6},
                {8, ymm_8, zmm_8}, {12, ymm_12, zmm_12}, {24, ymm_24, zmm_24}};
    double cyc = cycle_seconds();
    printf("clock %.2f GHz (dependent adds); 24 FMAs per vector as m chains of L, 4,096 floats\n",
           1e-9 / cyc);
    printf("%3s %3s %14s %14s %14s %14s %8s\n", "L", "m", "ymm cyc/vec", "zmm cyc/vec",
           "ymm cyc/elem", "zmm cyc/elem", "ymm/zmm");
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        double y = per_element(rows[i].ymm) / cyc, z = per_element(rows[i].zmm) / cyc;
        printf("%3d %3d %14.2f %14.2f %14.3f %14.3f %8.2f\n", rows[i].len, 24 / rows[i].len, y * 8,
               z * 16, y, z, y / z);
    }
    static const struct {
        int stages;
        void (*f)(void);
    } staged[] = {{1, ymm_24}, {2, staged_2}, {3, staged_3}, {4, staged_4}, {6, staged_6}};
    printf("the L = 24 chain (ymm) as a software pipeline of S stages:\n%3s %14s\n", "S",
           "ymm cyc/vec");
    for (size_t i = 0; i < sizeof staged / sizeof staged[0]; i++)
        printf("%3d %14.2f\n", staged[i].stages, per_element(staged[i].f) / cyc * 8);
    return 0;
}
