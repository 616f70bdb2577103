/*
 * actfn info: the version, the CPU's features as the OS reports them, the
 * paths built and run, the active one and why.  actfn list: the functions.
 */
#include "tool.h"

#include <stdlib.h>
#include <string.h>

static const char *const info_help =
    "usage: actfn info [--csv | --json]\n"
    "\n"
    "The library's version; the CPU features the OS reports (/proc/cpuinfo: the\n"
    "public API does not expose the library's own CPUID/XGETBV probe); the paths\n"
    "built into the library, the ones this CPU runs (actfn_isa_supported), and\n"
    "the active one with the reason: the best path, or ACTFN_ISA=scalar|avx2|...\n"
    "in the environment (an unknown or unusable value falls back to the best).\n";

/* The features that decide a path, by architecture (the Linux names). */
#if defined(__x86_64__) || defined(__i386__)
static const char *const features[] = {"avx2",     "fma",         "f16c",
                                       "avx512f",  "avx512bw",    "avx512dq",
                                       "avx512vl", "avx512_bf16", "avx512_fp16"};
static const char *const cpuinfo_key = "flags";
#elif defined(__aarch64__)
static const char *const features[] = {"asimd", "fphp", "asimdhp", "bf16", "sve"};
static const char *const cpuinfo_key = "Features";
#else
static const char *const features[] = {""};
static const char *const cpuinfo_key = NULL;
#endif
#define NFEATURES (sizeof features / sizeof features[0])

/* The first "<key> : ..." line of /proc/cpuinfo, or NULL. */
static char *cpu_flags(void)
{
    if (!cpuinfo_key)
        return NULL;
    FILE *f = fopen("/proc/cpuinfo", "r");
    if (!f)
        return NULL;
    static char line[8192];
    char *found = NULL;
    size_t kl = strlen(cpuinfo_key);
    while (fgets(line, sizeof line, f))
        if (strncmp(line, cpuinfo_key, kl) == 0 && (line[kl] == ' ' || line[kl] == '\t')) {
            char *colon = strchr(line, ':');
            if (colon) {
                found = colon + 1;
                found[strcspn(found, "\n")] = '\0';
                break;
            }
        }
    fclose(f);
    return found;
}

static int has_word(const char *list, const char *w)
{
    size_t n = strlen(w);
    for (const char *p = list; (p = strstr(p, w)) != NULL; p += n)
        if ((p == list || p[-1] == ' ' || p[-1] == '\t') && (p[n] == ' ' || p[n] == '\0'))
            return 1;
    return 0;
}

/* Why the active path is active. */
static void active_reason(char *buf, size_t size)
{
    const char *env = getenv("ACTFN_ISA");
    const char *active = actfn_isa_name(actfn_active_isa());
    if (env == NULL) {
        snprintf(buf, size, "the best path this CPU runs (ACTFN_ISA not set)");
        return;
    }
    if (strcmp(env, active) == 0) {
        snprintf(buf, size, "forced by ACTFN_ISA=%s", env);
        return;
    }
    int known = 0;
    for (int i = 0; i < ACTFN_ISA_COUNT; i++)
        known |= strcmp(env, actfn_isa_name((actfn_isa)i)) == 0;
    snprintf(buf, size, "the best path this CPU runs: ACTFN_ISA=%s ignored (%s)", env,
             known ? "not built into this library, or not run by this CPU" : "unknown path");
}

static void json_list(FILE *f, const char *key, const char *space_separated, int last)
{
    fprintf(f, "  \"%s\": [", key);
    const char *p = space_separated;
    int first = 1;
    while (*p) {
        size_t n = strcspn(p, " ");
        if (n) {
            fprintf(f, "%s\"%.*s\"", first ? "" : ", ", (int)n, p);
            first = 0;
        }
        p += n;
        p += strspn(p, " ");
    }
    fprintf(f, "]%s\n", last ? "" : ",");
}

int cmd_info(int argc, char **argv)
{
    tool_format fmt = FMT_TEXT;
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            fputs(info_help, stdout);
            return 0;
        }
        if (!tool_parse_format(argv[i], &fmt))
            return tool_usage_error("info: unknown option '%s' (actfn info --help)", argv[i]);
    }

    char known[128] = "", runs[128] = "", present[256] = "", absent[256] = "", reason[160];
    for (int i = 0; i < ACTFN_ISA_COUNT; i++) {
        const char *n = actfn_isa_name((actfn_isa)i);
        snprintf(known + strlen(known), sizeof known - strlen(known), "%s%s", i ? " " : "", n);
        if (actfn_isa_supported((actfn_isa)i))
            snprintf(runs + strlen(runs), sizeof runs - strlen(runs), "%s%s", *runs ? " " : "", n);
    }
    const char *flags = cpu_flags();
    for (size_t i = 0; flags && i < NFEATURES; i++) {
        char *dst = has_word(flags, features[i]) ? present : absent;
        snprintf(dst + strlen(dst), 256 - strlen(dst), "%s%s", *dst ? " " : "", features[i]);
    }
    active_reason(reason, sizeof reason);
    const char *active = actfn_isa_name(actfn_active_isa());
    const char *env = getenv("ACTFN_ISA");

    if (fmt == FMT_JSON) {
        printf("{\n  \"version\": \"%s\",\n", actfn_version());
        printf("  \"cpu_features_source\": \"%s\",\n", flags ? "/proc/cpuinfo" : "unavailable");
        json_list(stdout, "cpu_features", present, 0);
        json_list(stdout, "cpu_features_absent", absent, 0);
        json_list(stdout, "paths_known", known, 0);
        json_list(stdout, "paths_built", tool_built_isas(), 0);
        json_list(stdout, "paths_run", runs, 0);
        printf("  \"active\": \"%s\",\n", active);
        printf("  \"actfn_isa_env\": ");
        if (env)
            tool_json_string(stdout, env);
        else
            printf("null");
        printf(",\n  \"reason\": ");
        tool_json_string(stdout, reason);
        printf(",\n  \"functions\": %d\n}\n", (int)ACTFN_KIND_COUNT);
        return 0;
    }
    if (fmt == FMT_CSV) {
        printf("key,value\nversion,%s\ncpu_features,%s\ncpu_features_absent,%s\n", actfn_version(),
               present, absent);
        printf("paths_known,%s\npaths_built,%s\npaths_run,%s\nactive,%s\nreason,\"%s\"\n", known,
               tool_built_isas(), runs, active, reason);
        printf("functions,%d\n", (int)ACTFN_KIND_COUNT);
        return 0;
    }
    printf("libactfn      %s\n", actfn_version());
    if (flags)
        printf("CPU features  %s   (from /proc/cpuinfo; absent: %s)\n",
               *present ? present : "none of those listed", *absent ? absent : "none");
    else
        printf("CPU features  unknown (no /proc/cpuinfo)\n");
    printf("              the public API does not expose the library's own probe (CPUID and\n"
           "              XGETBV); the paths run below are its verdict\n");
    printf("paths known   %s\n", known);
    printf("paths built   %s   (this build's configuration)\n", tool_built_isas());
    printf("paths run     %s   (built and run by this CPU: actfn_isa_supported)\n", runs);
    printf("active path   %s: %s\n", active, reason);
    printf("functions     %d   (actfn list)\n", (int)ACTFN_KIND_COUNT);
    return 0;
}

static const char *const list_help = "usage: actfn list [--csv | --json]\n"
                                     "\n"
                                     "Every function: its name, its actfn_kind value and its "
                                     "default parameters\n"
                                     "(alpha, beta, gamma, delta; 0 when unused).\n";

int cmd_list(int argc, char **argv)
{
    tool_format fmt = FMT_TEXT;
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            fputs(list_help, stdout);
            return 0;
        }
        if (!tool_parse_format(argv[i], &fmt))
            return tool_usage_error("list: unknown option '%s' (actfn list --help)", argv[i]);
    }
    if (fmt == FMT_JSON)
        printf("[\n");
    else if (fmt == FMT_CSV)
        printf("name,kind,alpha,beta,gamma,delta\n");
    else
        printf("%-18s %4s  %-12s %-12s %-12s %-12s\n", "name", "kind", "alpha", "beta", "gamma",
               "delta");
    for (int k = 0; k < ACTFN_KIND_COUNT; k++) {
        actfn_params p;
        actfn_params_default((actfn_kind)k, &p);
        const char *n = actfn_kind_name((actfn_kind)k);
        if (fmt == FMT_JSON)
            printf("  {\"name\": \"%s\", \"kind\": %d, \"alpha\": %.9g, \"beta\": %.9g, "
                   "\"gamma\": %.9g, \"delta\": %.9g}%s\n",
                   n, k, p.alpha, p.beta, p.gamma, p.delta, k + 1 < ACTFN_KIND_COUNT ? "," : "");
        else if (fmt == FMT_CSV)
            printf("%s,%d,%.9g,%.9g,%.9g,%.9g\n", n, k, p.alpha, p.beta, p.gamma, p.delta);
        else
            printf("%-18s %4d  %-12.9g %-12.9g %-12.9g %-12.9g\n", n, k, p.alpha, p.beta, p.gamma,
                   p.delta);
    }
    if (fmt == FMT_JSON)
        printf("]\n");
    return 0;
}
