/*
 * actfn — try libactfn from the command line: which path this CPU takes,
 * values and derivatives, plots, a quick benchmark and an accuracy check.
 */
#include "tool.h"

#include <string.h>

static const struct {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
} commands[] = {
    {"info", cmd_info, "version, CPU, the paths built and run, the active one and why"},
    {"list", cmd_list, "the functions and their default parameters"},
    {"eval", cmd_eval, "f(x), f'(x) and the path used, for each x"},
    {"plot", cmd_plot, "an SVG of a function (and its derivative)"},
    {"bench", cmd_bench, "single-thread speed on every path this CPU runs, next to memcpy"},
    {"check", cmd_check, "accuracy sweep against a long-double reference, per path"},
};
#define NCOMMANDS (sizeof commands / sizeof commands[0])

static void usage(FILE *f)
{
    fprintf(f, "usage: actfn <command> [options]   (libactfn %s)\n\ncommands:\n", actfn_version());
    for (size_t i = 0; i < NCOMMANDS; i++)
        fprintf(f, "  %-6s %s\n", commands[i].name, commands[i].summary);
    fprintf(f, "\n'actfn <command> --help' describes one.  Most commands take --csv or --json.\n"
               "Errors go to stderr; exit status 2 for a usage error, 1 for a failed check.\n");
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return EXIT_USAGE;
    }
    const char *c = argv[1];
    if (strcmp(c, "--help") == 0 || strcmp(c, "-h") == 0 || strcmp(c, "help") == 0) {
        if (strcmp(c, "help") == 0 && argc > 2) {
            char help[] = "--help";
            for (size_t i = 0; i < NCOMMANDS; i++)
                if (strcmp(argv[2], commands[i].name) == 0) {
                    char *args[] = {help, NULL};
                    return commands[i].run(1, args);
                }
            return tool_usage_error("unknown command '%s' (actfn --help lists them)", argv[2]);
        }
        usage(stdout);
        return 0;
    }
    if (strcmp(c, "--version") == 0) {
        printf("actfn %s\n", actfn_version());
        return 0;
    }
    for (size_t i = 0; i < NCOMMANDS; i++)
        if (strcmp(c, commands[i].name) == 0)
            return commands[i].run(argc - 2, argv + 2);
    return tool_usage_error("unknown command '%s' (actfn --help lists them)", c);
}
