/*
 * compile.h - the spec compiler as a library: read inputs, build the
 * catalog from migrations, analyze queries, parse and check endpoints,
 * then (gen) write generated/ or (verify) compare against PostgreSQL.
 * specc.c is only the command line around compile_run(); the unit tests
 * call compile_run() directly on sources written to a temporary folder.
 *
 * Inputs are classified by name: *.api are endpoint files; *.sql files in
 * a folder named "migrations" are migrations (applied in file-name order);
 * other *.sql files hold named queries. Paths are printed as given.
 */
#ifndef COMPILE_H
#define COMPILE_H

#include <stdio.h>

typedef enum compile_mode {
    COMPILE_CHECK = 0, /* report errors, write nothing */
    COMPILE_GEN,       /* write the generated files into out_dir */
    COMPILE_VERIFY,    /* prepare every query against database_url */
} compile_mode;

typedef struct compile_options {
    compile_mode mode;
    const char *const *inputs; /* paths, relative to root */
    int input_count;
    const char *root;         /* folder the inputs are relative to; NULL: cwd */
    const char *out_dir;      /* COMPILE_GEN: where to write (created if missing) */
    const char *database_url; /* COMPILE_VERIFY */
} compile_options;

/* Runs the compiler. Diagnostics go to diag_stream. Returns 0 when the
 * inputs are correct (and the files were written, or every query
 * verified), RT_EINVAL when errors were reported, RT_EIO when a file could
 * not be read or written, RT_EUNAVAILABLE when the database could not be
 * reached. Out of memory ends specc (rt_alloc.h). */
int compile_run(const compile_options *options, FILE *diag_stream);

/* From now on the process stops when out of memory: every allocation the
 * compiler makes (its arena, buffers, jansson's trees) prints "specc: out
 * of memory" and exits with status 2 instead of returning NULL, so no
 * compiler function checks an allocation (specc's main calls it first). */
void compile_stop_when_out_of_memory(void);

#endif /* COMPILE_H */
