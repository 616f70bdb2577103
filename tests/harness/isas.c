/*
 * The dispatch paths, from the library, for the scripts (no script keeps a
 * list of path names):
 *
 *   isas            the paths built into the library that this CPU runs
 *                   (actfn_isa_supported), one per line, in actfn_isa order
 *   isas --all      every path the library knows (0..ACTFN_ISA_COUNT-1)
 *   isas --active   the path calls take now: the best one, or ACTFN_ISA's
 */
#include <stdio.h>
#include <string.h>

#include <actfn.h>

int main(int argc, char **argv)
{
    const char *mode = argc > 1 ? argv[1] : "";
    if (argc > 2 || (argc == 2 && strcmp(mode, "--all") != 0 && strcmp(mode, "--active") != 0)) {
        fprintf(stderr, "usage: %s [--all | --active]\n", argv[0]);
        return 2;
    }
    if (strcmp(mode, "--active") == 0) {
        printf("%s\n", actfn_isa_name(actfn_active_isa()));
        return 0;
    }
    for (int i = 0; i < ACTFN_ISA_COUNT; i++)
        if (strcmp(mode, "--all") == 0 || actfn_isa_supported((actfn_isa)i))
            printf("%s\n", actfn_isa_name((actfn_isa)i));
    return 0;
}
