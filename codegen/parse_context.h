/*
 * parse_context.h - what the .api parser's files (parse_api.c and
 * parse_rule.c) share: the parser's state and its token helpers, defined
 * in parse_api.c. Not for the rest of the compiler, which calls
 * parse_api_file (parse_api.h).
 */
#ifndef PARSE_CONTEXT_H
#define PARSE_CONTEXT_H

#include <stdbool.h>

#include "arena.h"
#include "diag.h"
#include "lexer.h"
#include "model.h"
#include "parse_hint.h"

typedef struct parse_api_parser {
    arena *arena;
    diag *diag;
    const diag_source *source;
    const token *tokens;
    int count;
    int pos;
    parse_hint_blocks blocks; /* the "{" still open, for "never closed" */
} parse_api_parser;

/* The token `ahead` places on (never past the final TOKEN_EOF). */
const token *parse_api_peek(const parse_api_parser *p, int ahead);
/* Takes the current token and returns it. */
const token *parse_api_advance(parse_api_parser *p);
bool parse_api_at(const parse_api_parser *p, token_kind kind);
/* Whether the current token is the identifier word. */
bool parse_api_at_word(const parse_api_parser *p, const char *word);
diag_loc parse_api_loc(const parse_api_parser *p, const token *t);

/* Report "expected WHAT, found X" at the current token and return
 * RT_EINVAL; _word adds a "did you mean" among words (NULL-terminated). */
int parse_api_expected_word(parse_api_parser *p, const char *what, const char *const *words);
int parse_api_expected(parse_api_parser *p, const char *what);
/* Takes a token of kind (into *out when out is not NULL) or reports
 * "expected WHAT". */
int parse_api_expect(parse_api_parser *p, token_kind kind, const char *what, const token **out);
/* The unescaped text of a "..." token (NULL: out of memory). */
char *parse_api_string(parse_api_parser *p, const token *t);
/* An HTTP status from 100 to 599. */
int parse_api_status(parse_api_parser *p, int *status, diag_loc *loc);
/* A value without `unless`: a literal, NAME.member, or a call. */
int parse_api_simple_value(parse_api_parser *p, api_value *out);

#endif /* PARSE_CONTEXT_H */
