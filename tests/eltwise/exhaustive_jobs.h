/*
 * The exhaustive sweep's job store (exhaustive.c runs the sweep): the work
 * of a full sweep is cut into jobs of one function × 1/NCHUNKS of the 2^32
 * inputs, and each finished job is saved as one file in a state directory,
 * so that a rerun skips it.  A record (--record FILE) is the same jobs in
 * one file, to keep them with the sources (docs/exhaustive-record.txt) or
 * carry them to another machine.
 *
 * A job file: a header line
 *   actfn-exhaustive-job-1 NAME CHUNK NCHUNKS FINGERPRINT NPATHS SECONDS
 * then one line per path and mode (fwd, der) with its score, floats in %a
 * so that nothing is lost.  The fingerprint (computed by the sweep) stands
 * for the function's outputs and reference and the path list: a job whose
 * fingerprint differs is not loaded, and runs again.
 */
#ifndef ACTFN_TESTS_EXHAUSTIVE_JOBS_H
#define ACTFN_TESTS_EXHAUSTIVE_JOBS_H

#include <stddef.h>
#include <stdint.h>

#include <actfn.h>

enum { FWD, DER, NMODES };
extern const char *const mode_name[NMODES];

#define NCHUNKS 16 /* jobs per function */

/* The score of inputs on one function × path × mode. */
typedef struct {
    double maxulp;
    uint32_t worst; /* bit pattern of the worst input */
    float worst_y;
    long double worst_ref;
    uint64_t fail, excused;
    long double zero_abs; /* worst absolute error among the excused */
    uint32_t first_fail;  /* smallest failing bit pattern seen */
    float first_y;
    long double first_ref;
} stat;

/* DIR/NAME.CC.txt, the file of kind k's chunk c. */
void job_path(char *buf, size_t len, const char *dir, actfn_kind k, int c);

/* Saves st ([path index][mode], npaths × NMODES scores) as kind k's chunk c
 * with fingerprint fp; returns 0, or −1 if the file cannot be written. */
int job_save(const char *file, actfn_kind k, int c, uint64_t fp, const actfn_isa *paths,
             int npaths, const stat *st, double secs);

/* Loads a job file into st ([path index][mode]) if it is for kind k, chunk
 * c, fingerprint fp and these paths; returns 0 then, −1 otherwise. */
int job_load(const char *file, actfn_kind k, int c, uint64_t fp, const actfn_isa *paths,
             int npaths, stat *st, double *secs);

/* Copies the jobs of a record into dir where dir lacks them (a missing
 * record holds none); returns the number copied, or −1 on an error. */
int jobs_import(const char *record, const char *dir);

/* Writes every job file of dir, in the order of their names, into record
 * (replaced whole); returns 0, or −1 on an error. */
int jobs_export(const char *dir, const char *record);

#endif
