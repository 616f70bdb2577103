/* The dispatch paths by name, from the library (0..ACTFN_ISA_COUNT-1 and
 * actfn_isa_name()), for the test programs' arguments and usage lines: no
 * test keeps its own list of path names. */
#ifndef ACTFN_TESTS_ISA_NAMES_H
#define ACTFN_TESTS_ISA_NAMES_H

#include <stdio.h>
#include <string.h>

#include <actfn.h>

/* The path called `name`, or -1. */
static inline int isa_from_name(const char *name)
{
    for (int i = 0; i < ACTFN_ISA_COUNT; i++) {
        const char *s = actfn_isa_name((actfn_isa)i);
        if (s != NULL && strcmp(s, name) == 0)
            return i;
    }
    return -1;
}

/* "scalar|avx2|..." (every path the library knows) to f. */
static inline void print_isa_names(FILE *f, const char *sep)
{
    const char *s = "";
    for (int i = 0; i < ACTFN_ISA_COUNT; i++) {
        const char *n = actfn_isa_name((actfn_isa)i);
        if (n != NULL) {
            fprintf(f, "%s%s", s, n);
            s = sep;
        }
    }
}

#endif
