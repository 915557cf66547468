/*
 * parse_api.h - the endpoint language: spec/<name>.api -> api_file
 * (endpoints, jobs, schedules, lifecycles).
 *
 * Syntax only (docs/spec-language.md, "Endpoints"): names are resolved and
 * types checked later by check.c. A syntax error names what was expected
 * and what was found; the parser then skips to the next line starting
 * with a declaration keyword and goes on, so one run reports several
 * mistakes.
 *
 * Ownership: everything in the arena; strings are unescaped copies.
 */
#ifndef PARSE_API_H
#define PARSE_API_H

#include "diag.h"
#include "model.h"
#include "rt_arena.h"

/* Returns 0 (syntax errors, if any, reported through d). */
int parse_api_file(rt_arena *a, diag *d, const diag_source *source, const char *stem,
                   api_file *out);

#endif /* PARSE_API_H */
