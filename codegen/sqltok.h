/*
 * sqltok.h - helpers over SQL token arrays shared by the catalog parser
 * and the query analyzer: identifier folding, bracket matching, keywords.
 *
 * Token arrays end with TOKEN_EOF; `end` arguments are exclusive indexes.
 */
#ifndef SQLTOK_H
#define SQLTOK_H

#include <stdbool.h>

#include "arena.h"
#include "lexer.h"

/* The identifier's name: unquoted ones folded to lower case, quoted ones
 * unquoted ("" -> "). NULL when out of memory. */
char *sqltok_name(arena *a, const token *t);

/* Index just past the bracket group opening at `open` (a '(' or '['), or
 * `end` when it is not closed before end. */
int sqltok_skip_group(const token *tokens, int open, int end);

/* Whether the token is an identifier or quoted identifier. */
bool sqltok_is_name(const token *t);

/* Whether an identifier is a reserved-ish SQL word that never names a
 * column or an alias in a query (select, from, where, join, ...). */
bool sqltok_is_keyword(const token *t);

/* Unescaped contents of a SQL string literal ('it''s' -> it's). */
char *sqltok_string(arena *a, const token *t);

#endif /* SQLTOK_H */
