/* The exhaustive sweep's job store: exhaustive_jobs.h says what a job is. */
#define _GNU_SOURCE /* strdup under -std=c11 */
#include "exhaustive_jobs.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

const char *const mode_name[NMODES] = {"fwd", "der"};

static const char job_magic[] = "actfn-exhaustive-job-1";

void job_path(char *buf, size_t len, const char *dir, actfn_kind k, int c)
{
    snprintf(buf, len, "%s/%s.%02d.txt", dir, actfn_kind_name(k), c);
}

int job_save(const char *file, actfn_kind k, int c, uint64_t fp, const actfn_isa *paths,
             int npaths, const stat *st, double secs)
{
    char tmp[4200];
    snprintf(tmp, sizeof tmp, "%s.tmp", file);
    FILE *f = fopen(tmp, "w");
    if (f == NULL)
        return -1;
    fprintf(f, "%s %s %d %d %016llx %d %.1f\n", job_magic, actfn_kind_name(k), c, NCHUNKS,
            (unsigned long long)fp, npaths, secs);
    for (int pi = 0; pi < npaths; pi++)
        for (int m = 0; m < NMODES; m++) {
            const stat *s = &st[(size_t)pi * NMODES + (size_t)m];
            fprintf(f, "%s %s %a %08x %a %La %llu %llu %La %08x %a %La\n",
                    actfn_isa_name(paths[pi]), mode_name[m], s->maxulp, (unsigned)s->worst,
                    (double)s->worst_y, s->worst_ref, (unsigned long long)s->fail,
                    (unsigned long long)s->excused, s->zero_abs, (unsigned)s->first_fail,
                    (double)s->first_y, s->first_ref);
        }
    if (fclose(f) != 0 || rename(tmp, file) != 0)
        return -1;
    return 0;
}

int job_load(const char *file, actfn_kind k, int c, uint64_t fp, const actfn_isa *paths,
             int npaths, stat *st, double *secs)
{
    FILE *f = fopen(file, "r");
    if (f == NULL)
        return -1;
    char magic[64], name[64];
    int fc, fn, fnp;
    unsigned long long ffp;
    int ok = fscanf(f, "%63s %63s %d %d %llx %d %lf", magic, name, &fc, &fn, &ffp, &fnp, secs) == 7 &&
             strcmp(magic, job_magic) == 0 && strcmp(name, actfn_kind_name(k)) == 0 && fc == c &&
             fn == NCHUNKS && ffp == fp && fnp == npaths;
    for (int pi = 0; ok && pi < npaths; pi++)
        for (int m = 0; ok && m < NMODES; m++) {
            char pn[32], mn[8];
            unsigned worst, first;
            double wy, fy;
            unsigned long long fail, exc;
            stat *s = &st[(size_t)pi * NMODES + (size_t)m];
            ok = fscanf(f, "%31s %7s %la %x %la %La %llu %llu %La %x %la %La", pn, mn, &s->maxulp,
                        &worst, &wy, &s->worst_ref, &fail, &exc, &s->zero_abs, &first, &fy,
                        &s->first_ref) == 12 &&
                 strcmp(pn, actfn_isa_name(paths[pi])) == 0 && strcmp(mn, mode_name[m]) == 0;
            s->worst = worst;
            s->worst_y = (float)wy;
            s->fail = fail;
            s->excused = exc;
            s->first_fail = first;
            s->first_y = (float)fy;
        }
    fclose(f);
    return ok ? 0 : -1;
}

/* Ends the job being copied: its .tmp becomes the job file. */
static int import_close(FILE **out, const char *file)
{
    if (*out == NULL)
        return 0;
    char tmp[4200 + 4]; /* file: under 4,200 bytes (jobs_import) */
    snprintf(tmp, sizeof tmp, "%s.tmp", file);
    int rc = fclose(*out) != 0 || rename(tmp, file) != 0 ? -1 : 0;
    *out = NULL;
    return rc;
}

int jobs_import(const char *record, const char *dir)
{
    FILE *in = fopen(record, "r");
    if (in == NULL)
        return 0; /* no record yet */
    char line[4096], file[4200] = "", tmp[sizeof file + 4];
    FILE *out = NULL;
    int copied = 0, rc = 0;
    while (rc == 0 && fgets(line, sizeof line, in) != NULL) {
        if (strncmp(line, job_magic, sizeof job_magic - 1) == 0) {
            /* "actfn-exhaustive-job-1 NAME CHUNK ...": a job starts */
            rc = import_close(&out, file);
            char name[64];
            int c;
            if (rc != 0 || sscanf(line + sizeof job_magic - 1, " %63s %d", name, &c) != 2) {
                rc = -1;
                break;
            }
            int len = snprintf(file, sizeof file, "%s/%s.%02d.txt", dir, name, c);
            if (len < 0 || (size_t)len >= sizeof file) {
                rc = -1; /* a state directory's path too long to hold */
                break;
            }
            if (access(file, F_OK) == 0)
                continue; /* the state directory has it already: keep that one */
            snprintf(tmp, sizeof tmp, "%s.tmp", file);
            out = fopen(tmp, "w");
            if (out == NULL) {
                rc = -1;
                break;
            }
            copied++;
        }
        if (out != NULL && fputs(line, out) == EOF)
            rc = -1;
    }
    if (import_close(&out, file) != 0)
        rc = -1;
    if (ferror(in))
        rc = -1;
    fclose(in);
    if (rc != 0)
        fprintf(stderr, "exhaustive: cannot copy the jobs of %s into %s\n", record, dir);
    return rc != 0 ? -1 : copied;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int jobs_export(const char *dir, const char *record)
{
    DIR *d = opendir(dir);
    if (d == NULL)
        return -1;
    char **names = NULL;
    size_t n = 0, cap = 0;
    int rc = 0;
    for (struct dirent *e; (e = readdir(d)) != NULL;) {
        size_t len = strlen(e->d_name);
        if (len < 5 || strcmp(e->d_name + len - 4, ".txt") != 0)
            continue;
        if (n == cap) {
            cap = cap ? 2 * cap : 1024;
            char **more = realloc(names, cap * sizeof *names);
            if (more == NULL) {
                rc = -1;
                break;
            }
            names = more;
        }
        if ((names[n] = strdup(e->d_name)) == NULL) {
            rc = -1;
            break;
        }
        n++;
    }
    closedir(d);
    char tmp[4200];
    snprintf(tmp, sizeof tmp, "%s.tmp", record);
    FILE *out = rc == 0 ? fopen(tmp, "w") : NULL;
    if (out == NULL)
        rc = -1;
    if (n > 0)
        qsort(names, n, sizeof *names, by_name);
    for (size_t i = 0; i < n && rc == 0; i++) {
        char file[4200], buf[65536];
        snprintf(file, sizeof file, "%s/%s", dir, names[i]);
        FILE *in = fopen(file, "r");
        if (in == NULL) {
            rc = -1;
            break;
        }
        for (size_t got; (got = fread(buf, 1, sizeof buf, in)) > 0;)
            if (fwrite(buf, 1, got, out) != got)
                rc = -1;
        if (ferror(in))
            rc = -1;
        fclose(in);
    }
    if (out != NULL && (fclose(out) != 0 || (rc == 0 && rename(tmp, record) != 0)))
        rc = -1;
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
    if (rc != 0)
        fprintf(stderr, "exhaustive: cannot write the jobs of %s into %s\n", dir, record);
    return rc;
}
