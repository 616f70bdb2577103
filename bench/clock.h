/*
 * The clock of bench/unit_costs.c and bench/window.c: wall time, and the
 * seconds of one core cycle measured as a chain of dependent integer adds
 * (one cycle each on every x86-64 core), the fastest of seven timings.
 */
#ifndef ACTFN_BENCH_CLOCK_H
#define ACTFN_BENCH_CLOCK_H

#include <time.h>

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

/* seconds per cycle: 20 dependent adds per iteration, 2·10^7 iterations */
static double cycle_seconds(void)
{
    double best = 1e9;
    for (int r = 0; r < 7; r++) {
        long i = 20000000L;
        double t0 = now();
        __asm__ volatile("1:\n\t.rept 20\n\tadd $1, %%rax\n\t.endr\n\tdec %0\n\tjnz 1b"
                         : "+r"(i)
                         :
                         : "rax", "cc");
        double t = (now() - t0) / (20000000.0 * 20.0);
        best = t < best ? t : best;
    }
    return best;
}

#endif
