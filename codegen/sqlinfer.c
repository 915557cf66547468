/*
 * sqlinfer.c - parameter types from the parse tree (see sqlinfer.h).
 *
 * One walk over the tree adds candidate types (sqlscope_add_hint, like
 * the ones sqlscope.c adds for SET and INSERT slots); each parameter then
 * takes its best candidate.
 */
#include "sqlinfer.h"

#include <string.h>

#include "catalog.h"
#include "rt_error.h"
#include "sqltype.h"

/* The resolved column a node is, or NULL. */
static const sqlscope_ref *si_column(const sqlscope *s, const json_t *node)
{
    json_t *ref = pgparse_node(node, "ColumnRef");
    return ref ? sqlscope_find_ref(s, ref) : NULL;
}

static bool si_is_comparison(const json_t *expression)
{
    static const char *const operators[] = {"=", "<>", "<", "<=", ">", ">=", "~~", "~~*"};
    const char *op = pgparse_last_name(pgparse_list(expression, "name"));

    if (pgparse_is(expression, "kind", "AEXPR_LIKE") ||
        pgparse_is(expression, "kind", "AEXPR_ILIKE"))
        return true;
    if (!pgparse_is(expression, "kind", "AEXPR_OP") || !op)
        return false;
    for (size_t i = 0; i < sizeof operators / sizeof operators[0]; i++) {
        if (strcmp(op, operators[i]) == 0)
            return true;
    }
    return false;
}

/* col op @p, @p op col, col BETWEEN @a AND @b, col IN (@a, @b). */
static void si_expression(sqlscope *s, const json_t *expression)
{
    json_t *left = json_object_get(expression, "lexpr");
    json_t *right = json_object_get(expression, "rexpr");
    const sqlscope_ref *column = si_column(s, left);
    json_t *items = json_object_get(pgparse_node(right, "List"), "items");

    if (si_is_comparison(expression)) {
        if (column)
            sqlscope_add_hint(s, right, 2, &column->type);
        if ((column = si_column(s, right)))
            sqlscope_add_hint(s, left, 2, &column->type);
        return;
    }
    if (!column || !items)
        return;
    if (pgparse_is(expression, "kind", "AEXPR_IN") ||
        pgparse_is(expression, "kind", "AEXPR_BETWEEN") ||
        pgparse_is(expression, "kind", "AEXPR_NOT_BETWEEN")) {
        for (size_t i = 0; i < json_array_size(items); i++)
            sqlscope_add_hint(s, json_array_get(items, i), 2, &column->type);
    }
}

static void si_walk(sqlscope *s, const json_t *node)
{
    const char *key;
    json_t *value;
    json_t *body;
    const char *kind;
    size_t i;

    if (json_is_array(node)) {
        json_array_foreach(node, i, value) si_walk(s, value);
        return;
    }
    kind = pgparse_kind(node, &body);
    if (kind && strcmp(kind, "TypeCast") == 0) {
        sqltype type;
        catalog_type(s->cat, s->arena, json_object_get(body, "typeName"), &type);
        sqlscope_add_hint(s, json_object_get(body, "arg"), 1, &type);
    } else if (kind && strcmp(kind, "A_Expr") == 0) {
        si_expression(s, body);
    } else if (kind && strcmp(kind, "SelectStmt") == 0) {
        sqltype bigint = {0};
        sqltype_from_word(s->arena, "bigint", 0, 0, &bigint);
        sqlscope_add_hint(s, json_object_get(body, "limitCount"), 5, &bigint);
        sqlscope_add_hint(s, json_object_get(body, "limitOffset"), 5, &bigint);
    }
    if (!json_is_object(node))
        return;
    json_object_foreach((json_t *)node, key, value) si_walk(s, value);
}

int sqlinfer_params(sqlscope *s, const json_t *statement)
{
    sql_query *q = s->query;

    si_walk(s, statement);
    for (int p = 0; p < q->param_count; p++) {
        sql_param *param = &q->params[p];
        const sqlscope_hint *best = NULL;
        for (int i = 0; i < s->hint_count; i++) {
            const sqlscope_hint *h = &s->hints[i];
            if (h->param == p && (!best || h->priority < best->priority ||
                                  (h->priority == best->priority && h->location < best->location)))
                best = h;
        }
        if (!best) {
            diag_error(s->diag, param->loc, "cannot infer the type of parameter @%s", param->name);
            diag_note(s->diag, (diag_loc){0}, "add a cast: @%s::TYPE (text, int, uuid, ...)",
                      param->name);
            continue;
        }
        param->type = best->type;
        param->typed = true;
        if (param->type.opaque)
            diag_error(s->diag, param->loc,
                       "parameter @%s has type %s, which specc does not support", param->name,
                       param->type.name);
    }
    return 0;
}
