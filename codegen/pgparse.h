/*
 * pgparse.h - PostgreSQL's own SQL parser for the compiler: libpg_query
 * (PostgreSQL 15's grammar, the server's version) turns SQL text into a
 * parse tree, read here as jansson JSON, and its syntax errors into
 * diagnostics at the exact file:line:col.
 *
 * Every location in the tree (a node's "location", an error's cursor) is a
 * byte offset into the text given to the parser. A pgparse_text says how
 * that text maps back to its spec file: migrations are parsed as they are
 * (offset = file offset); a named query is parsed with @name rewritten to
 * $n, so it carries a per-byte map to file offsets.
 *
 * Node helpers: a node is a one-member object {"Kind": {...body...}};
 * functions taking `body` take that inner object. Missing members (the
 * JSON leaves out defaults: false, 0, empty lists) read as NULL/0.
 *
 * Ownership: trees belong to the caller (json_decref); strings read from a
 * tree live as long as it.
 */
#ifndef PGPARSE_H
#define PGPARSE_H

#include <jansson.h>
#include <stdbool.h>

#include "diag.h"
#include "rt_arena.h"

typedef struct pgparse_text {
    const diag_source *source;
    const char *text;   /* what the parser reads, NUL-terminated */
    int length;         /* bytes of text */
    const int *offsets; /* offsets[i]: file offset of text[i] (length + 1
                           entries); NULL: text is the file's own text */
} pgparse_text;

/* Parses text into *out (its "stmts" array). A syntax error is reported
 * with PostgreSQL's message at its cursor: RT_EINVAL. */
int pgparse_parse(diag *d, const pgparse_text *text, json_t **out);

/* The location of a tree offset: line, column, and the length of the word
 * there (an identifier, a quoted name or string, else 1 byte). */
diag_loc pgparse_loc(const pgparse_text *text, int location);
/* The same for a file offset. */
diag_loc pgparse_file_loc(const diag_source *source, int offset);
/* The file offset of a tree offset. */
int pgparse_file_offset(const pgparse_text *text, int location);

/* Offset of the first occurrence of the identifier `name` (folded, whole
 * word, outside strings and comments) in the file's [from, to), or -1. */
int pgparse_find_name(const diag_source *source, int from, int to, const char *name);
/* Offset of the name after a qualifier at `offset` ("o.uid" -> "uid"). */
int pgparse_skip_qualifier(const diag_source *source, int offset);

/* The body of node when it is of the given kind, else NULL. */
json_t *pgparse_node(const json_t *node, const char *kind);
/* The kind of a node ("SelectStmt") and its body, or NULL. */
const char *pgparse_kind(const json_t *node, json_t **body);
const char *pgparse_text_of(const json_t *body, const char *key); /* string member */
int pgparse_int(const json_t *body, const char *key);             /* 0 when absent */
bool pgparse_bool(const json_t *body, const char *key);
bool pgparse_is(const json_t *body, const char *key, const char *value); /* enum member */
/* "location" of a body, -1 when absent. */
int pgparse_location(const json_t *body);
/* The first location found in node or below it, -1 when none. */
int pgparse_first_location(const json_t *node);
/* "x" for {"String": {"sval": "x"}}, else NULL. */
const char *pgparse_string(const json_t *node);
/* The last String of a names list (["pg_catalog", "int4"] -> "int4"). */
const char *pgparse_last_name(const json_t *list);
/* A list member, NULL when absent (jansson treats NULL as an empty
 * array: json_array_size(NULL) is 0). */
json_t *pgparse_list(const json_t *body, const char *key);

#endif /* PGPARSE_H */
