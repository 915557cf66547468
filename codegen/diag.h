/*
 * diag.h - compiler diagnostics, printed like a C compiler's:
 *
 *   spec/users.api:12:24: error: unknown column "emial" in table users (did you mean "email"?)
 *      12 |   run user = FindUser(emial: body.email)
 *         |                       ^~~~~
 *
 * Errors are collected (printed as they are found, counted) so one run
 * reports several; a run with errors exits with status 1. Notes follow the
 * error they explain. Columns are 1-based byte offsets in the line.
 *
 * Ownership: a diag_source is owned by whoever loaded it (compile.c keeps
 * them for the whole run); diag only reads them.
 */
#ifndef DIAG_H
#define DIAG_H

#include <stdbool.h>
#include <stdio.h>

typedef struct diag_source {
    const char *path; /* as given on the command line: "spec/users.api" */
    const char *text; /* NUL-terminated contents */
    size_t length;
} diag_source;

/* A span in a source: line and column of its first byte, and its length in
 * bytes (the caret underline). source NULL means "no location". */
typedef struct diag_loc {
    const diag_source *source;
    int line;
    int col;
    int length;
} diag_loc;

typedef struct diag {
    FILE *stream; /* where diagnostics go (stderr for specc) */
    int error_count;
    int warning_count; /* warnings do not fail a compile */
    int max_errors;    /* stop printing after this many (0: no limit) */
} diag;

void diag_init(diag *d, FILE *stream);

/* Reports an error at loc (printf-style message) with its source line and
 * caret. */
void diag_error(diag *d, diag_loc loc, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Reports a warning at loc: printed like an error, counted apart (a
 * compile with warnings only still succeeds). */
void diag_warning(diag *d, diag_loc loc, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* A note explaining the previous error; loc.source may be NULL. */
void diag_note(diag *d, diag_loc loc, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* "did you mean" search: feed candidates, read best (NULL when none is
 * close enough: an edit distance of at most 1 for short names, 2 for
 * names of 5+ characters, 3 for 9+). */
typedef struct diag_suggestion {
    const char *name;
    const char *best;
    int best_distance;
} diag_suggestion;

void diag_suggest_init(diag_suggestion *s, const char *name);
void diag_suggest_consider(diag_suggestion *s, const char *candidate);
/* " (did you mean \"best\"?)" or "" - a static or arena-free string kept in
 * buffer (which must hold 300 bytes). */
const char *diag_suggest_hint(const diag_suggestion *s, char *buffer, size_t size);

/* Levenshtein distance, case-insensitive, capped at 99. */
int diag_edit_distance(const char *a, const char *b);

/* Stops specc on a bug of the compiler itself (never on a mistake in the
 * spec): "specc: internal error building the <what> at <where>" on
 * stderr, then abort(), a crash the fuzzers report. */
void diag_internal_error(const char *what, const char *where) __attribute__((noreturn));

#endif /* DIAG_H */
