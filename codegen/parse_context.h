/*
 * parse_context.h - what the .api parser's files (parse_api.c,
 * parse_value.c, parse_rule.c, parse_path.c) share: the parser's state and
 * its token helpers (parse_context.c). Not for the rest of the compiler,
 * which calls parse_api_file (parse_api.h).
 */
#ifndef PARSE_CONTEXT_H
#define PARSE_CONTEXT_H

#include <stdbool.h>

#include "diag.h"
#include "lexer.h"
#include "model.h"
#include "parse_hint.h"
#include "rt_arena.h"

typedef struct parse_api_parser {
    rt_arena *arena;
    diag *diag;
    const diag_source *source;
    const token *tokens;
    int count;
    int pos;
    parse_hint_blocks blocks; /* the "{" still open, for "never closed" */
} parse_api_parser;

/* The token `ahead` places on (never past the final TOKEN_EOF). */
const token *parse_context_peek(const parse_api_parser *p, int ahead);
/* Takes the current token and returns it. */
const token *parse_context_advance(parse_api_parser *p);
bool parse_context_at(const parse_api_parser *p, token_kind kind);
/* Whether the current token is the identifier word. */
bool parse_context_at_word(const parse_api_parser *p, const char *word);
diag_loc parse_context_loc(const parse_api_parser *p, const token *t);

/* Report "expected WHAT, found X" at the current token and return
 * RT_EINVAL; _word adds a "did you mean" among words (NULL-terminated). */
int parse_context_expected_word(parse_api_parser *p, const char *what, const char *const *words);
int parse_context_expected(parse_api_parser *p, const char *what);
/* Takes a token of kind (into *out when out is not NULL) or reports
 * "expected WHAT". */
int parse_context_expect(parse_api_parser *p, token_kind kind, const char *what, const token **out);
/* The unescaped text of a "..." token (arena). */
char *parse_context_string(parse_api_parser *p, const token *t);
/* An HTTP status from 100 to 599. */
char *parse_context_text(parse_api_parser *p, const token *t);
int parse_context_ident(parse_api_parser *p, const char *what, const char **out, diag_loc *loc);
int parse_context_status(parse_api_parser *p, int *status, diag_loc *loc);
/* A value without `unless`: a literal, NAME.member, or a call. */

#endif /* PARSE_CONTEXT_H */
