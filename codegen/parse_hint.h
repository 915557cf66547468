/*
 * parse_hint.h - what makes a syntax error in a .api file point at the
 * mistake instead of where the parser noticed it: the blocks still open
 * (an unclosed "{" is reported where it opened, naming its block) and the
 * keywords a place accepts (a misspelt one gets "did you mean").
 *
 * Ownership: blocks borrow their tokens and names (the parser's arena).
 */
#ifndef PARSE_HINT_H
#define PARSE_HINT_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "lexer.h"

enum { PARSE_HINT_MAX_BLOCKS = 16 };

typedef struct parse_hint_block {
    const token *open; /* the "{" */
    const char *name;  /* "endpoint GET /orders", "the body block" */
} parse_hint_block;

typedef struct parse_hint_blocks {
    parse_hint_block items[PARSE_HINT_MAX_BLOCKS];
    int count; /* may exceed the array: deeper blocks are not named */
} parse_hint_blocks;

void parse_hint_open(parse_hint_blocks *blocks, const token *open, const char *name);
void parse_hint_close(parse_hint_blocks *blocks);

/* Whether t starts a declaration (endpoint, job, schedule, lifecycle) at
 * the start of a line. */
bool parse_hint_is_declaration(const token *t);

/* When `found` shows that the innermost open block was never closed (the
 * end of the file, or a declaration at the start of a line), reports that
 * at the block's "{" and returns true. */
bool parse_hint_unclosed(const parse_hint_blocks *blocks, diag *d, const diag_source *source,
                         const token *found);

/* " (did you mean \"auth\"?)" when the identifier `found` is close to one
 * of words (NULL-terminated), else "". */
const char *parse_hint_keyword(const token *found, const char *const *words, char *buffer,
                               size_t size);

#endif /* PARSE_HINT_H */
