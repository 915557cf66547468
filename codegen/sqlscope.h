/*
 * sqlscope.h - names and result columns of one named query, on its
 * PostgreSQL parse tree (pgparse.h).
 *
 * Each SELECT / INSERT / UPDATE / DELETE level gets a scope holding what
 * it names (FROM items and JOINs, USING, the target, CTEs, derived tables,
 * functions with column definitions); a subquery's scope has the
 * enclosing one as parent (a LATERAL one also sees the FROM items before
 * it), so a bare column resolves in the innermost scope that has it.
 * Unknown and ambiguous names are errors with "did you mean" hints; an
 * INSERT whose columns and values differ in number is PostgreSQL's error.
 *
 * The analysis leaves behind what sqlinfer.c (parameter types) and
 * sqlquery.c need: the type of every resolved column reference, typing
 * hints for parameters that only the statement structure gives (SET col =
 * @p, an INSERT value slot), the UPDATE assignments the lifecycle checks
 * read (sql_assignment), and the result columns.
 *
 * Ownership: everything in the arena, except tree nodes (borrowed: the
 * tree outlives the analysis).
 */
#ifndef SQLSCOPE_H
#define SQLSCOPE_H

#include <jansson.h>

#include "diag.h"
#include "model.h"
#include "pgparse.h"
#include "rt_arena.h"

/* A column reference of the tree and what it resolved to. */
typedef struct sqlscope_ref {
    const json_t *node; /* the ColumnRef body */
    sqltype type;
    bool nullable;
} sqlscope_ref;

/* A parameter typed by where it stands: 2 = SET column = @p, 4 = an INSERT
 * value slot (lower wins; see sqlinfer.h). */
typedef struct sqlscope_hint {
    int param; /* 0-based */
    int priority;
    int location; /* tree offset of the parameter */
    sqltype type;
} sqlscope_hint;

typedef struct sqlscope {
    rt_arena *arena;
    diag *diag;
    const catalog *cat;
    const pgparse_text *text;
    sql_query *query;
    sqlscope_ref *refs;
    int ref_count, ref_capacity;
    sqlscope_hint *hints;
    int hint_count, hint_capacity;
    int depth;
} sqlscope;

/* Analyzes the statement node (a {"SelectStmt": ...} or like) of the
 * query; the result columns (RETURNING for INSERT / UPDATE / DELETE) go to
 * *columns. Errors are reported; returns 0. */
int sqlscope_analyze(sqlscope *s, const json_t *statement, sql_column **columns, int *count);

/* Adds a typing hint when node is a parameter ($n). */
void sqlscope_add_hint(sqlscope *s, const json_t *node, int priority, const sqltype *type);

/* What a column reference node (ColumnRef body) resolved to, or NULL. */
const sqlscope_ref *sqlscope_find_ref(const sqlscope *s, const json_t *node);

#endif /* SQLSCOPE_H */
