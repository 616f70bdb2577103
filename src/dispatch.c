/* Dispatch: one immutable kernel table per built ISA; the active one sits
 * behind an atomic pointer.  The first call (a load-time constructor, or
 * whichever caller comes first, even another library's constructor) picks
 * it; picking is idempotent, so racing first calls agree without locks. */
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static const actfn_kernels *const built[ACTFN_ISA_COUNT] = {
    [ACTFN_ISA_SCALAR] = &actfn_kernels_scalar,
#ifdef ACTFN_HAVE_AVX2
    [ACTFN_ISA_AVX2] = &actfn_kernels_avx2,
#endif
#ifdef ACTFN_HAVE_AVX512
    [ACTFN_ISA_AVX512] = &actfn_kernels_avx512,
#endif
#ifdef ACTFN_HAVE_NEON
    [ACTFN_ISA_NEON] = &actfn_kernels_neon,
#endif
};

/* Best first. */
static const actfn_isa preference[] = {ACTFN_ISA_AVX512, ACTFN_ISA_AVX2, ACTFN_ISA_NEON,
                                       ACTFN_ISA_SCALAR};

static const char *const isa_names[ACTFN_ISA_COUNT] = {"scalar", "avx2", "avx512", "neon"};

static _Atomic(const actfn_kernels *) active;

const char *actfn_isa_name(actfn_isa isa)
{
    return (unsigned)isa < ACTFN_ISA_COUNT ? isa_names[isa] : NULL;
}

/* What the CPU runs, probed once per ISA: CPUID traps to the hypervisor in a
 * virtual machine (microseconds), too slow for an actfn_set_isa in a loop.
 * 0 = not probed yet, 1 = no, 2 = yes; racing probes store the same value. */
static _Atomic unsigned char cpu_runs[ACTFN_ISA_COUNT];

int actfn_isa_supported(actfn_isa isa)
{
    if ((unsigned)isa >= ACTFN_ISA_COUNT || built[isa] == NULL)
        return 0;
    unsigned char r = atomic_load_explicit(&cpu_runs[isa], memory_order_relaxed);
    if (r == 0) {
        r = actfn_cpu_runs(isa) ? 2 : 1;
        atomic_store_explicit(&cpu_runs[isa], r, memory_order_relaxed);
    }
    return r == 2;
}

static const actfn_kernels *choose(void)
{
    const char *want = getenv("ACTFN_ISA");
    if (want != NULL) {
        for (int i = 0; i < ACTFN_ISA_COUNT; i++)
            if (strcmp(want, isa_names[i]) == 0 && actfn_isa_supported((actfn_isa)i))
                return built[i];
    }
    for (size_t i = 0; i < sizeof preference / sizeof preference[0]; i++)
        if (actfn_isa_supported(preference[i]))
            return built[preference[i]];
    return &actfn_kernels_scalar;
}

const actfn_kernels *actfn_active_kernels(void)
{
    const actfn_kernels *k = atomic_load_explicit(&active, memory_order_acquire);
    if (k == NULL) {
        const actfn_kernels *expected = NULL;
        k = choose();
        if (!atomic_compare_exchange_strong_explicit(&active, &expected, k, memory_order_acq_rel,
                                                     memory_order_acquire))
            k = expected; /* someone else chose (or actfn_set_isa ran) first */
    }
    return k;
}

__attribute__((constructor)) static void actfn_dispatch_init(void) { (void)actfn_active_kernels(); }

actfn_isa actfn_active_isa(void) { return actfn_active_kernels()->isa; }

actfn_status actfn_set_isa(actfn_isa isa)
{
    if (!actfn_isa_supported(isa))
        return ACTFN_EUNSUPPORTED;
    atomic_store_explicit(&active, built[isa], memory_order_release);
    return ACTFN_OK;
}
