/*
 * sqlquery.c - named queries: split a file into queries, parse each with
 * PostgreSQL's parser, and build what the runtime runs (see sqlquery.h and
 * docs/spec-language.md, "Queries").
 *
 * The file's tokens (lexer.h, SQL mode) find the "-- name:" lines, the
 * marker comments, the @parameters and the lines of a query; the parser
 * reads the query with @name rewritten to $n (pgparse.h), and the names
 * and types come from its tree (sqlscope.h, sqlinfer.h). Rendering (the
 * query's text with $n, the parts of a dynamic query, the orderings, the
 * :page additions) works on the tokens, line by line, as the spec wrote it.
 *
 * Invariants: every token index used is in [0, count] (tokens[count] is
 * TOKEN_EOF).
 */
#include "sqlquery.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "lexer.h"
#include "pgparse.h"
#include "rt_buf.h"
#include "rt_error.h"
#include "sqlinfer.h"
#include "sqlkeyset.h"
#include "sqlscope.h"
#include "sqltype.h"
#include "sqlwrites.h"

typedef struct sq_analyzer {
    rt_arena *arena;
    diag *diag;
    const catalog *cat;
    const diag_source *source;
    const token *tokens;
    int count;
    sql_query *query;
    const json_t *statement; /* the parse tree's statement */
    /* :page: the SELECT the page tail goes into: `statement`, or the derived
     * table it reads (page_alias, its alias; NULL when it is `statement`) */
    const json_t *page;
    const char *page_alias;
    const pgparse_text *text; /* what the parser read */
    int top_list_last;        /* last token of the outermost SELECT list, or -1 */
    /* `:page keyset`: the spec's own ORDER BY (key, tiebreak), once read */
    sqlkeyset_column keyset_key, keyset_tiebreak;
    bool keyset_descending;
} sq_analyzer;

static int sq_param_number(const sql_query *q, const token *t);

/* ---------------------------------------------------------------- helpers */

static const token *sq_tok(const sq_analyzer *an, int i)
{
    if (i < 0 || i > an->count)
        return &an->tokens[an->count];
    return &an->tokens[i];
}

static bool sq_is(const sq_analyzer *an, int i, const char *word)
{
    return i >= 0 && lexer_token_is(sq_tok(an, i), word);
}

static bool sq_kind(const sq_analyzer *an, int i, token_kind kind)
{
    return i >= 0 && sq_tok(an, i)->kind == kind;
}

static diag_loc sq_loc(const sq_analyzer *an, int i)
{
    return lexer_loc(an->source, sq_tok(an, i));
}

/* Index just past the bracket group opening at `open`, or end. */
static int sq_skip_group(const sq_analyzer *an, int open, int end)
{
    int depth = 0;
    for (int i = open; i < end; i++) {
        token_kind kind = an->tokens[i].kind;
        if (kind == TOKEN_LPAREN || kind == TOKEN_LBRACKET)
            depth++;
        else if ((kind == TOKEN_RPAREN || kind == TOKEN_RBRACKET) && --depth == 0)
            return i + 1;
    }
    return end;
}

/* The token at a file offset (the first one at or after it). */
static int sq_token_at(const sq_analyzer *an, int offset)
{
    const char *at = an->source->text + offset;
    for (int k = 0; k < an->count; k++) {
        if (an->tokens[k].text >= at)
            return k;
    }
    return an->count;
}

/* --------------------------------------------------------------- queries */

char *sqlquery_snake_case(rt_arena *a, const char *name)
{
    size_t n = strlen(name);
    char *out = rt_arena_alloc(a, n * 2 + 1);
    size_t k = 0;

    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)name[i];
        if (isupper(c) && i > 0 &&
            (islower((unsigned char)name[i - 1]) || isdigit((unsigned char)name[i - 1]) ||
             (isupper((unsigned char)name[i - 1]) && i + 1 < n &&
              islower((unsigned char)name[i + 1]))) &&
            out[k - 1] != '_')
            out[k++] = '_';
        out[k++] = (char)tolower(c);
    }
    out[k] = '\0';
    return out;
}

/* A marker comment inside a query: `-- filter` or `-- ordering: a, b`. */
typedef struct sq_marker {
    rt_part_kind kind; /* RT_PART_FILTER or RT_PART_ORDER */
    const token *comment;
} sq_marker;

/* Registers the parameters in order of first use. */
static int sq_register_params(sq_analyzer *an)
{
    sql_query *q = an->query;

    for (int k = 0; k < an->count; k++) {
        const token *t = &an->tokens[k];
        bool known = false;
        if (t->kind != TOKEN_PARAM)
            continue;
        for (int p = 0; p < q->param_count; p++) {
            known = known || (strlen(q->params[p].name) == (size_t)t->length - 1 &&
                              strncmp(q->params[p].name, t->text + 1, (size_t)t->length - 1) == 0);
        }
        if (known)
            continue;
        q->params = rt_arena_grow(an->arena, q->params, q->param_count, &q->param_capacity,
                                  sizeof *q->params);
        sql_param *param = &q->params[q->param_count++];
        memset(param, 0, sizeof *param);
        param->name = rt_arena_strndup(an->arena, t->text + 1, (size_t)t->length - 1);
        param->loc = lexer_loc(an->source, t);
    }
    return 0;
}

static int sq_param_number(const sql_query *q, const token *t)
{
    for (int p = 0; p < q->param_count; p++) {
        if (strlen(q->params[p].name) == (size_t)t->length - 1 &&
            strncmp(q->params[p].name, t->text + 1, (size_t)t->length - 1) == 0)
            return p + 1;
    }
    return 0;
}

typedef struct sq_edit {
    const char *at;
    int length;
    int number;         /* a parameter: $number */
    bool marker;        /* a marker comment: removed with the blanks before it */
    const char *insert; /* text to insert at `at` */
} sq_edit;

/* The query's text with $n for @name, marker comments (and the blanks
 * before them) removed, and `insert` put right after token insert_after
 * (-1: none). Newlines are kept: line k of the result is line
 * tokens[0].line + k of the source. */
static char *sq_render(sq_analyzer *an, const sq_marker *markers, int marker_count,
                       int insert_after, const char *insert)
{
    const char *begin = an->tokens[0].text;
    const char *end = an->tokens[an->count - 1].text + an->tokens[an->count - 1].length;
    sq_edit *edits =
        rt_arena_alloc(an->arena, sizeof *edits * (size_t)(an->count + marker_count + 2));
    int edit_count = 0;
    const char *cursor = begin;
    rt_buf out;
    char *text;

    for (int k = 0; k < an->count; k++) {
        if (an->tokens[k].kind == TOKEN_PARAM)
            edits[edit_count++] =
                (sq_edit){an->tokens[k].text, an->tokens[k].length,
                          sq_param_number(an->query, &an->tokens[k]), false, NULL};
    }
    for (int m = 0; m < marker_count; m++) {
        const token *c = markers[m].comment;
        if (c->text > begin && c->text < end)
            edits[edit_count++] = (sq_edit){c->text, c->length, 0, true, NULL};
    }
    if (insert_after >= 0)
        edits[edit_count++] = (sq_edit){
            an->tokens[insert_after].text + an->tokens[insert_after].length, 0, 0, false, insert};
    /* by position (few edits: insertion sort) */
    for (int i = 1; i < edit_count; i++) {
        sq_edit e = edits[i];
        int j = i - 1;
        while (j >= 0 && edits[j].at > e.at) {
            edits[j + 1] = edits[j];
            j--;
        }
        edits[j + 1] = e;
    }
    rt_buf_init(&out);
    for (int i = 0; i < edit_count; i++) {
        const char *segment_end = edits[i].at;
        if (edits[i].marker) {
            while (segment_end > cursor && (segment_end[-1] == ' ' || segment_end[-1] == '\t'))
                segment_end--;
        }
        rt_buf_append(&out, cursor, (size_t)(segment_end - cursor));
        if (edits[i].number > 0)
            rt_buf_printf(&out, "$%d", edits[i].number);
        if (edits[i].insert)
            rt_buf_puts(&out, edits[i].insert);
        cursor = edits[i].at + edits[i].length;
    }
    rt_buf_append(&out, cursor, (size_t)(end - cursor));
    text = rt_arena_strdup(an->arena, rt_buf_cstr(&out));
    rt_buf_free(&out);
    return text;
}

static const sq_marker *sq_marker_at_line(const sq_marker *markers, int count, int line)
{
    for (int m = 0; m < count; m++) {
        if (markers[m].comment->line == line)
            return &markers[m];
    }
    return NULL;
}

static int sq_add_part(sq_analyzer *an, rt_part_kind kind, const char *text, size_t length,
                       int line)
{
    sql_query *q = an->query;
    sql_part *part;

    q->parts =
        rt_arena_grow(an->arena, q->parts, q->part_count, &q->part_capacity, sizeof *q->parts);
    part = &q->parts[q->part_count++];
    memset(part, 0, sizeof *part);
    part->kind = kind;
    part->line = line;
    part->text = rt_arena_strndup(an->arena, text, length);
    if (kind != RT_PART_FILTER)
        return 0;
    part->params = rt_arena_alloc(an->arena, sizeof *part->params * (size_t)(q->param_count + 1));
    for (int k = 0; k < an->count; k++) {
        int number;
        bool seen = false;
        if (an->tokens[k].kind != TOKEN_PARAM || an->tokens[k].line != line)
            continue;
        number = sq_param_number(q, &an->tokens[k]);
        for (int i = 0; i < part->param_count; i++)
            seen = seen || part->params[i] == number - 1;
        if (!seen)
            part->params[part->param_count++] = number - 1;
    }
    return 0;
}

/* Whether the page's own ORDER BY (not a window's or another subquery's)
 * starts on `line`. */
static bool sq_is_page_order_by(const sq_analyzer *an, int line)
{
    json_t *sort = pgparse_list(pgparse_node(an->page, "SelectStmt"), "sortClause");
    json_t *first = pgparse_node(json_array_get(sort, 0), "SortBy");
    int at = first ? pgparse_first_location(json_object_get(first, "node")) : -1;

    return at >= 0 && pgparse_loc(an->text, at).line == line;
}

/* The page's result column `name` as the statement passes it on: the
 * statement's own column when the page is the statement; when the page is
 * a derived table, its column `name` provided the statement's column `name`
 * is that column (`name` or `alias.name`). NULL otherwise. */
static const json_t *sq_page_result_node(const sq_analyzer *an, const char *name)
{
    const json_t *outer = sqlkeyset_result_node(an->statement, name);
    json_t *fields = pgparse_list(pgparse_node(outer, "ColumnRef"), "fields");
    size_t count = json_array_size(fields);
    const char *last = count > 0 ? pgparse_string(json_array_get(fields, count - 1)) : NULL;
    const char *alias = count == 2 ? pgparse_string(json_array_get(fields, 0)) : NULL;

    if (!an->page_alias)
        return outer;
    if (!last || strcmp(last, name) != 0 || count > 2 ||
        (count == 2 && (!alias || strcmp(alias, an->page_alias) != 0)))
        return NULL;
    return sqlkeyset_result_node(an->page, name);
}

/* The keyset texts of ordering o, whose first key is `key` (a keyset
 * query's). The tiebreak runs the same way as the key. */
static int sq_keyset_texts(sq_analyzer *an, sql_ordering *o, const char *key, bool descending,
                           const char *reverse_sql)
{
    sql_query *q = an->query;
    const char *connector =
        json_object_get(pgparse_node(an->page, "SelectStmt"), "whereClause") ? "AND" : "WHERE";
    int key_param = q->param_count - 3; /* $n of cursor_key: before tiebreak, limit, offset */

    o->reverse_sql = reverse_sql;
    o->after = sqlkeyset_condition(an->arena, connector, key, an->keyset_tiebreak.expression,
                                   descending, false, key_param, key_param + 1);
    o->before = sqlkeyset_condition(an->arena, connector, key, an->keyset_tiebreak.expression,
                                    descending, true, key_param, key_param + 1);
    return 0;
}

/* The table column behind ordering `name` (a result column): a warning
 * when no index is led by it; for a keyset query, an error when it is not
 * a plain column that cannot be null (a cursor holds its value). */
static bool sq_ordering_key(sq_analyzer *an, const char *name, diag_loc loc, sqlkeyset_column *out)
{
    sql_query *q = an->query;
    const json_t *node = sq_page_result_node(an, name);
    bool plain = node && sqlkeyset_column_of(an->cat, an->arena, an->page, node, out);

    if (!node && an->page_alias) {
        diag_error(an->diag, loc,
                   "ordering `%s` of %s must be a result column of its page (the derived table "
                   "%s) that the outer SELECT passes on as %s.%s",
                   name, q->name, an->page_alias, an->page_alias, name);
        return false;
    }

    if (plain && !sqlkeyset_has_index(an->cat, out->table, out->column->name))
        diag_warning(an->diag, loc,
                     "ordering `%s` of %s has no index that can serve it (no index on %s "
                     "starts with %s)",
                     name, q->name, out->table, out->column->name);
    if (q->keyset && (!plain || !out->column->not_null)) {
        diag_error(an->diag, loc,
                   "ordering `%s` of a :page keyset query must be a table column that cannot be "
                   "null (a cursor holds its value)",
                   name);
        return false;
    }
    return plain;
}

/* The two orderings of `name`: ascending ("name") and descending
 * ("-name"), each ending with the default's tiebreak. */
static int sq_add_ordering_pair(sq_analyzer *an, const char *name, diag_loc loc,
                                const char *tiebreak, const char *suffix)
{
    sql_query *q = an->query;
    sqlkeyset_column key;
    bool plain = sq_ordering_key(an, name, loc, &key);
    int first = q->ordering_count;

    for (int direction = 0; direction < 2; direction++) {
        const char *word = direction == 0 ? "ASC" : "DESC";
        sql_ordering *o;
        q->orderings = rt_arena_grow(an->arena, q->orderings, q->ordering_count,
                                     &q->ordering_capacity, sizeof *q->orderings);
        o = &q->orderings[q->ordering_count++];
        memset(o, 0, sizeof *o);
        o->key_column = -1;
        o->name = direction == 0 ? name : rt_arena_printf(an->arena, "-%s", name);
        if (tiebreak)
            o->sql = rt_arena_printf(an->arena, "ORDER BY %s %s%s %s%s", name, word, tiebreak, word,
                                     suffix);
        else
            o->sql = rt_arena_printf(an->arena, "ORDER BY %s %s%s", name, word, suffix);
        for (int c = 0; c < q->column_count; c++) {
            if (strcmp(q->columns[c].name, name) == 0)
                o->key_column = c;
        }
    }
    if (!q->keyset || !plain)
        return 0;
    int rc = sq_keyset_texts(an, &q->orderings[first], key.expression, false,
                             q->orderings[first + 1].sql);
    if (rc == 0)
        rc = sq_keyset_texts(an, &q->orderings[first + 1], key.expression, true,
                             q->orderings[first].sql);
    return rc;
}

/* Orderings from `-- ordering: a, b` on the ORDER BY line `line`: each
 * name ascending and descending ("-name"), keeping the default's last key
 * as the tie-breaker. suffix ends each (the line's newline, if any). */
static int sq_orderings(sq_analyzer *an, const sq_marker *marker, int line, const char *suffix)
{
    sql_query *q = an->query;
    const token *comment = marker->comment;
    const char *list = memchr(comment->text, ':', (size_t)comment->length);
    const char *list_end = comment->text + comment->length;
    int first = -1;
    int last = -1;
    int tie_begin = -1;
    const char *tiebreak = NULL;

    for (int k = 0; k < an->count; k++) {
        if (an->tokens[k].line == line) {
            if (first < 0)
                first = k;
            last = k;
        }
    }
    if (first < 0 || !sq_is(an, first, "order") || !sq_is(an, first + 1, "by") ||
        !sq_is_page_order_by(an, line)) {
        diag_error(an->diag, lexer_loc(an->source, comment),
                   "-- ordering: marks the line holding the ORDER BY clause (the default)");
        return 0;
    }
    for (int k = first + 2; k <= last; k++) {
        if (sq_kind(an, k, TOKEN_LPAREN)) {
            k = sq_skip_group(an, k, last + 1) - 1;
            continue;
        }
        if (sq_is(an, k, "limit") || sq_is(an, k, "offset") || sq_is(an, k, "for")) {
            diag_error(
                an->diag, sq_loc(an, k),
                "the -- ordering: line holds only the ORDER BY clause: move this to the next line");
            return 0;
        }
        if (sq_kind(an, k, TOKEN_COMMA))
            tie_begin = k + 1;
    }
    if (tie_begin > 0) {
        int tie_end = last;
        while (tie_end > tie_begin && (sq_is(an, tie_end, "asc") || sq_is(an, tie_end, "desc") ||
                                       sq_is(an, tie_end, "first") || sq_is(an, tie_end, "last") ||
                                       sq_is(an, tie_end, "nulls")))
            tie_end--;
        tiebreak = rt_arena_printf(an->arena, ", %.*s",
                                   (int)(an->tokens[tie_end].text + an->tokens[tie_end].length -
                                         an->tokens[tie_begin].text),
                                   an->tokens[tie_begin].text);
    }
    for (const char *p = list + 1; p < list_end;) {
        const char *name_begin;
        const char *name;
        bool found = false;
        while (p < list_end && (*p == ' ' || *p == '\t' || *p == ','))
            p++;
        name_begin = p;
        while (p < list_end && (isalnum((unsigned char)*p) || *p == '_'))
            p++;
        if (p == name_begin) {
            if (p < list_end) {
                diag_loc loc = lexer_loc(an->source, comment);
                loc.col += (int)(p - comment->text);
                loc.length = 1;
                diag_error(an->diag, loc, "expected a result column name in the ordering list");
                return 0;
            }
            break;
        }
        name = rt_arena_strndup(an->arena, name_begin, (size_t)(p - name_begin));
        diag_suggestion s;
        char hint[300];
        diag_suggest_init(&s, name);
        for (int c = 0; c < q->column_count; c++) {
            found = found || strcmp(q->columns[c].name, name) == 0;
            diag_suggest_consider(&s, q->columns[c].name);
        }
        if (!found) {
            diag_loc loc = lexer_loc(an->source, comment);
            loc.col += (int)(name_begin - comment->text);
            loc.length = (int)(p - name_begin);
            diag_error(an->diag, loc, "ordering \"%s\" is not a result column of %s%s", name,
                       q->name, diag_suggest_hint(&s, hint, sizeof hint));
            continue;
        }
        diag_loc name_loc = lexer_loc(an->source, comment);
        name_loc.col += (int)(name_begin - comment->text);
        name_loc.length = (int)(p - name_begin);
        int rc = sq_add_ordering_pair(an, name, name_loc, tiebreak, suffix);
        if (rc)
            return rc;
    }
    return 0;
}

/* A filter line `[AND] alias.column OP ...`: a warning when no index is
 * led by that column. Other shapes (a function of a column, an
 * expression in brackets) are not checked. */
static int sq_filter_index(sq_analyzer *an, int line)
{
    int k = 0;
    json_t *node;
    sqlkeyset_column column;

    while (k < an->count && an->tokens[k].line != line)
        k++;
    if (sq_is(an, k, "and") || sq_is(an, k, "or"))
        k++;
    if (an->tokens[k].line != line || !sq_kind(an, k, TOKEN_IDENT))
        return 0;
    int first = k;
    if (sq_kind(an, k + 1, TOKEN_DOT) && sq_kind(an, k + 2, TOKEN_IDENT))
        k += 2;
    if (!sq_kind(an, k + 1, TOKEN_OPERATOR))
        return 0;
    if (k == first)
        node = json_pack("{s:{s:[{s:{s:s#}}]}}", "ColumnRef", "fields", "String", "sval",
                         an->tokens[k].text, (int)an->tokens[k].length);
    else
        node = json_pack("{s:{s:[{s:{s:s#}},{s:{s:s#}}]}}", "ColumnRef", "fields", "String", "sval",
                         an->tokens[first].text, (int)an->tokens[first].length, "String", "sval",
                         an->tokens[k].text, (int)an->tokens[k].length);
    if (sqlkeyset_column_of(an->cat, an->arena, an->page, node, &column) &&
        !sqlkeyset_has_index(an->cat, column.table, column.column->name)) {
        diag_loc loc = sq_loc(an, first);
        loc.length = (int)(an->tokens[k].text + an->tokens[k].length - an->tokens[first].text);
        diag_warning(an->diag, loc,
                     "filter on `%s` of %s has no index that can serve it (no index on %s starts "
                     "with %s)",
                     column.column->name, an->query->name, column.table, column.column->name);
    }
    json_decref(node);
    return 0;
}

/* A keyset query's default ordering (the spec's own ORDER BY, whose
 * text is `order`) and, before it, the part with its cursor condition. */
static int sq_keyset_default_parts(sq_analyzer *an, const char *order, int line, const char *suffix)
{
    sql_query *q = an->query;
    const char *reverse = an->keyset_descending ? "ASC" : "DESC";
    sql_ordering *o = rt_arena_alloc(an->arena, sizeof *o);
    int rc;

    memset(o, 0, sizeof *o);
    o->sql = order;
    o->key_column = -1;
    for (int c = 0; c < q->column_count; c++) {
        const json_t *node = sq_page_result_node(an, q->columns[c].name);
        sqlkeyset_column column;
        if (node && sqlkeyset_column_of(an->cat, an->arena, an->page, node, &column) &&
            column.column == an->keyset_key.column && o->key_column < 0)
            o->key_column = c;
    }
    if (o->key_column < 0) {
        diag_error(an->diag, q->loc,
                   "the first key of a :page keyset query's ORDER BY (%s) must be one of its "
                   "result columns (a cursor holds its value)",
                   an->keyset_key.expression);
        return 0;
    }
    rc = sq_keyset_texts(an, o, an->keyset_key.expression, an->keyset_descending,
                         rt_arena_printf(an->arena, "ORDER BY %s %s, %s %s%s",
                                         an->keyset_key.expression, reverse,
                                         an->keyset_tiebreak.expression, reverse, suffix));
    q->keyset_default = o;
    rc = sq_add_part(an, RT_PART_KEYSET, o->after, strlen(o->after), line);
    if (rc)
        return rc;
    sql_part *part = &q->parts[q->part_count - 1];
    part->params = rt_arena_alloc(an->arena, sizeof *part->params * 2);
    part->params[0] = q->param_count - 4;
    part->params[1] = q->param_count - 3;
    part->param_count = 2;
    return 0;
}

/* A derived-table page's tail, right after its ORDER BY line: LIMIT and
 * OFFSET there, so that the outer SELECT's columns are computed for the
 * page's rows only. */
static int sq_derived_page_tail(sq_analyzer *an, const char *page_tail, int line)
{
    const char *text = rt_arena_printf(an->arena, "%s\n", page_tail + 1);

    return sq_add_part(an, RT_PART_PAGE, text, strlen(text), line);
}

/* A derived-table page's rows keep its order: the outer SELECT ends with
 * the page's ordering again (an ORDER part, so the runtime puts the chosen
 * ordering there too; PostgreSQL sees the rows already sorted). */
static int sq_derived_page_order(sq_analyzer *an, int line)
{
    const char *order = NULL;
    size_t length;

    for (int i = 0; i < an->query->part_count && !order; i++) {
        if (an->query->parts[i].kind == RT_PART_ORDER)
            order = an->query->parts[i].text;
    }
    if (!order && an->query->keyset)
        return 0; /* reported: a keyset query marks its ORDER BY line */
    if (!order) {
        diag_error(an->diag, an->query->loc,
                   "the page of %s is a derived table: mark its ORDER BY line with -- ordering: "
                   "(names optional)",
                   an->query->name);
        return 0;
    }
    while (*order == ' ' || *order == '\t')
        order++;
    length = strlen(order);
    while (length > 0 && order[length - 1] == '\n')
        length--;
    int rc = sq_add_part(an, RT_PART_TEXT, "\n", 1, line); /* a chosen ordering starts a line */
    return rc ? rc : sq_add_part(an, RT_PART_ORDER, order, length, line);
}

/* Splits the rendered text into parts at marked lines. */
static int sq_parts(sq_analyzer *an, const char *rendered, const sq_marker *markers,
                    int marker_count, const char *page_tail)
{
    int first_line = an->tokens[0].line;
    const char *text_start = rendered; /* of the pending TEXT part */
    const char *p = rendered;
    int line = first_line;
    bool page_done = false; /* a derived-table page's ORDER BY line passed */
    int rc = 0;

    while (*p) {
        const char *newline = strchr(p, '\n');
        const char *next = newline ? newline + 1 : p + strlen(p);
        const sq_marker *marker = sq_marker_at_line(markers, marker_count, line);
        if (marker) {
            if (p > text_start) {
                rc = sq_add_part(an, RT_PART_TEXT, text_start, (size_t)(p - text_start), line);
                if (rc)
                    return rc;
            }
            if (marker->kind == RT_PART_ORDER && an->query->keyset) {
                rc = sq_keyset_default_parts(an, rt_arena_strndup(an->arena, p, (size_t)(next - p)),
                                             line, newline ? "\n" : "");
                if (rc)
                    return rc;
            }
            if (marker->kind == RT_PART_FILTER && page_done)
                diag_error(an->diag, lexer_loc(an->source, marker->comment),
                           "a -- filter line of %s belongs inside its page (the derived table "
                           "%s), before its ORDER BY",
                           an->query->name, an->page_alias);
            if (marker->kind == RT_PART_FILTER) {
                rc = sq_filter_index(an, line);
                if (rc)
                    return rc;
            }
            rc = sq_add_part(an, marker->kind, p, (size_t)(next - p), line);
            if (rc)
                return rc;
            if (marker->kind == RT_PART_FILTER &&
                an->query->parts[an->query->part_count - 1].param_count == 0)
                diag_error(an->diag, lexer_loc(an->source, marker->comment),
                           "a -- filter line needs a parameter: it is left out when its "
                           "parameters are null");
            if (marker->kind == RT_PART_ORDER) {
                rc = sq_orderings(an, marker, line, newline ? "\n" : "");
                if (rc == 0 && an->page_alias && page_tail && !page_done)
                    rc = sq_derived_page_tail(an, page_tail, line);
                page_done = page_done || an->page_alias;
                if (rc)
                    return rc;
            }
            text_start = next;
        }
        p = next;
        line++;
    }
    if (p > text_start) {
        rc = sq_add_part(an, RT_PART_TEXT, text_start, (size_t)(p - text_start), line);
        if (rc)
            return rc;
    }
    if (an->query->keyset && !an->query->keyset_default && an->diag->error_count == 0)
        diag_error(an->diag, an->query->loc,
                   "a :page keyset query marks its ORDER BY line with -- ordering: a, b");
    if (page_tail && an->page_alias)
        rc = sq_derived_page_order(an, line);
    else if (page_tail)
        rc = sq_add_part(an, RT_PART_PAGE, page_tail, strlen(page_tail), line);
    return rc;
}

/* `:page keyset`: the statement's own ORDER BY must be KEY, TIEBREAK, both
 * plain table columns running the same way (the tiebreak unique, so that a
 * (key, tiebreak) pair names one row), on a SELECT without GROUP BY,
 * HAVING, DISTINCT or windows (the cursor's condition joins its WHERE). */
static void sq_keyset_default(sq_analyzer *an)
{
    sql_query *q = an->query;
    json_t *select = pgparse_node(an->page, "SelectStmt");
    json_t *sort = pgparse_list(select, "sortClause");
    json_t *key = pgparse_node(json_array_get(sort, 0), "SortBy");
    json_t *tiebreak = pgparse_node(json_array_get(sort, 1), "SortBy");

    if (!select || json_object_get(select, "groupClause") ||
        json_object_get(select, "havingClause") || json_object_get(select, "distinctClause") ||
        json_object_get(select, "windowClause")) {
        diag_error(an->diag, q->loc,
                   "a :page keyset query is a SELECT without GROUP BY, HAVING, DISTINCT or "
                   "WINDOW");
        return;
    }
    if (json_array_size(sort) != 2 || !key || !tiebreak ||
        !pgparse_is(key, "sortby_nulls", "SORTBY_NULLS_DEFAULT") ||
        !pgparse_is(tiebreak, "sortby_nulls", "SORTBY_NULLS_DEFAULT") ||
        pgparse_is(key, "sortby_dir", "SORTBY_DESC") !=
            pgparse_is(tiebreak, "sortby_dir", "SORTBY_DESC") ||
        !sqlkeyset_column_of(an->cat, an->arena, an->page, json_object_get(key, "node"),
                             &an->keyset_key) ||
        !sqlkeyset_column_of(an->cat, an->arena, an->page, json_object_get(tiebreak, "node"),
                             &an->keyset_tiebreak) ||
        !an->keyset_key.column->not_null || !an->keyset_tiebreak.column->not_null) {
        diag_error(an->diag, q->loc,
                   "a :page keyset query orders by KEY, TIEBREAK: two table columns that cannot "
                   "be null, both ascending or both descending (e.g. ORDER BY o.created_at DESC, "
                   "o.id DESC, the tiebreak unique)");
        return;
    }
    an->keyset_descending = pgparse_is(key, "sortby_dir", "SORTBY_DESC");
}

/* A :page query's page: the statement itself or, when the statement has
 * no ORDER BY and reads one derived table, `FROM (SELECT ... ORDER BY ...)
 * alias`, that derived table: the page tail goes into it and the outer
 * select list (a per-row subquery) is computed for the page's rows only
 * (docs/spec-language.md, "Pages"). */
static void sq_find_page(sq_analyzer *an)
{
    json_t *select = pgparse_node(an->statement, "SelectStmt");
    json_t *from = pgparse_list(select, "fromClause");
    json_t *derived = pgparse_node(json_array_get(from, 0), "RangeSubselect");
    json_t *inner = json_object_get(derived, "subquery");

    an->page = an->statement;
    an->page_alias = NULL;
    if (an->query->cardinality != RT_CARD_PAGE || !select || json_array_size(from) != 1 ||
        !derived || pgparse_bool(derived, "lateral") || pgparse_list(select, "sortClause") ||
        !pgparse_list(pgparse_node(inner, "SelectStmt"), "sortClause"))
        return;
    an->page = inner;
    an->page_alias = pgparse_text_of(json_object_get(derived, "alias"), "aliasname");
}

/* A derived-table page: the outer SELECT only adds columns to its rows
 * (no GROUP BY, HAVING, DISTINCT, WINDOW, LIMIT or OFFSET), and each of
 * the page's ORDER BY keys is a page column, named as the outer SELECT
 * sees it (`alias.column` or `column`), so the outer one can repeat it. */
static void sq_check_derived_page(sq_analyzer *an)
{
    json_t *outer = pgparse_node(an->statement, "SelectStmt");
    json_t *sort = pgparse_list(pgparse_node(an->page, "SelectStmt"), "sortClause");

    if (json_object_get(outer, "groupClause") || json_object_get(outer, "havingClause") ||
        json_object_get(outer, "distinctClause") || json_object_get(outer, "windowClause") ||
        json_object_get(outer, "limitCount") || json_object_get(outer, "limitOffset")) {
        diag_error(an->diag, an->query->loc,
                   "the SELECT around the page of %s (the derived table %s) only adds columns to "
                   "its rows: no GROUP BY, HAVING, DISTINCT, WINDOW, LIMIT or OFFSET",
                   an->query->name, an->page_alias);
        return;
    }
    for (size_t i = 0; i < json_array_size(sort); i++) {
        json_t *key = json_object_get(pgparse_node(json_array_get(sort, i), "SortBy"), "node");
        json_t *fields = pgparse_list(pgparse_node(key, "ColumnRef"), "fields");
        size_t count = json_array_size(fields);
        const char *name = count > 0 ? pgparse_string(json_array_get(fields, count - 1)) : NULL;
        const char *alias = count == 2 ? pgparse_string(json_array_get(fields, 0)) : NULL;
        if (!name || count > 2 || (count == 2 && (!alias || strcmp(alias, an->page_alias) != 0)) ||
            !sqlkeyset_result_node(an->page, name)) {
            diag_error(an->diag, pgparse_loc(an->text, pgparse_first_location(key)),
                       "each ORDER BY key of the page of %s is a result column of the page, "
                       "written `%s.column` or `column`, so the outer SELECT keeps its order",
                       an->query->name, an->page_alias);
            return;
        }
    }
}

/* :page: the compiler adds `LIMIT $limit OFFSET $offset` (and, for a
 * keyset query, the cursor's parameters and the hidden column
 * page_tiebreak); checks what the spec may not write. */
static int sq_page(sq_analyzer *an, sql_column **columns, int *column_count)
{
    json_t *select = pgparse_node(an->statement, "SelectStmt");
    json_t *limit = json_object_get(select, "limitCount");
    sql_query *q = an->query;
    sql_column *hidden;

    if (an->top_list_last < 0) {
        diag_error(an->diag, q->loc, "a :page query is a SELECT");
        return 0;
    }
    if (an->page_alias) {
        int errors = an->diag->error_count;
        sq_check_derived_page(an);
        if (an->diag->error_count > errors)
            return 0;
        select = pgparse_node(an->page, "SelectStmt");
        limit = json_object_get(select, "limitCount");
    }
    if (!limit)
        limit = json_object_get(select, "limitOffset");
    if (limit) {
        int at = sq_token_at(an, pgparse_file_offset(an->text, pgparse_first_location(limit)));
        if (sq_is(an, at - 1, "limit") || sq_is(an, at - 1, "offset") ||
            sq_is(an, at - 1, "first") || sq_is(an, at - 1, "next"))
            at--;
        diag_error(an->diag, sq_loc(an, at),
                   "a :page query gets its LIMIT and OFFSET from the page: remove this");
        return 0;
    }
    for (int i = 0; i < q->param_count; i++) {
        if (strcmp(q->params[i].name, "limit") == 0 || strcmp(q->params[i].name, "offset") == 0 ||
            strcmp(q->params[i].name, "cursor_key") == 0 ||
            strcmp(q->params[i].name, "cursor_tiebreak") == 0) {
            diag_error(an->diag, q->params[i].loc,
                       "@%s is reserved in a :page query (the page's own parameter)",
                       q->params[i].name);
            return 0;
        }
    }
    for (int i = 0; i < *column_count; i++) {
        if (strcmp((*columns)[i].name, "page_tiebreak") == 0) {
            diag_error(an->diag, (*columns)[i].loc,
                       "\"page_tiebreak\" is reserved in a :page query (the column a keyset "
                       "page adds)");
            return 0;
        }
    }
    if (q->keyset) {
        sq_keyset_default(an);
        if (!an->keyset_tiebreak.column)
            return 0;
    }
    static const char *const names[] = {"cursor_key", "cursor_tiebreak", "limit", "offset"};
    for (int i = q->keyset ? 0 : 2; i < 4; i++) {
        sql_param *param;
        q->params = rt_arena_grow(an->arena, q->params, q->param_count, &q->param_capacity,
                                  sizeof *q->params);
        param = &q->params[q->param_count++];
        memset(param, 0, sizeof *param);
        param->name = names[i];
        param->loc = q->loc;
        param->typed = true;
        if (i == 0)
            param->type = an->keyset_key.column->type;
        else if (i == 1)
            param->type = an->keyset_tiebreak.column->type;
        else
            sqltype_from_word(an->arena, "bigint", 0, 0, &param->type);
        q->page_params++;
    }
    if (!q->keyset)
        return 0;
    hidden = rt_arena_alloc(an->arena, sizeof *hidden * (size_t)(*column_count + 1));
    memcpy(hidden, *columns, sizeof *hidden * (size_t)*column_count);
    memset(&hidden[*column_count], 0, sizeof *hidden);
    hidden[*column_count].name = "page_tiebreak";
    hidden[*column_count].loc = q->loc;
    hidden[*column_count].type = an->keyset_tiebreak.column->type;
    *columns = hidden;
    (*column_count)++;
    return 0;
}

/* A result column is read by name in the .api (`row.total`) and becomes a
 * JSON key: it must be a name (letters, digits, underscores), which a
 * quoted one ("e mail") need not be. */
static bool sq_is_name(const char *name)
{
    if (!(isalpha((unsigned char)name[0]) || name[0] == '_'))
        return false;
    for (const char *p = name; *p; p++) {
        if (!(isalnum((unsigned char)*p) || *p == '_'))
            return false;
    }
    return true;
}

static void sq_check_column_names(sq_analyzer *an, const sql_column *columns, int column_count)
{
    for (int i = 0; i < column_count; i++) {
        if (!sq_is_name(columns[i].name))
            diag_error(an->diag, columns[i].loc,
                       "result column \"%s\" is not a name: rename it with AS", columns[i].name);
    }
}

/* Token-level mistakes found before parsing (the lexer's errors, a second
 * statement, $1 placeholders) and the marker comments' placement.
 * Returns false when one was reported. */
static bool sq_check_tokens(sq_analyzer *an, const sq_marker *markers, int marker_count)
{
    const token *tokens = an->tokens;
    int order_markers = 0;

    for (int k = 0; k < an->count; k++) {
        const token *t = &tokens[k];
        const char *message = t->kind == TOKEN_ERROR ? t->message : NULL;
        if (t->kind == TOKEN_SEMICOLON && k != an->count - 1)
            message = "a query holds one statement: start the next one with -- name: Name :kind";
        if (t->kind == TOKEN_PLACEHOLDER) {
            diag_error(an->diag, lexer_loc(an->source, t),
                       "use a named parameter (@name) instead of %.*s", t->length, t->text);
            return false;
        }
        if (message) {
            diag_error(an->diag, lexer_loc(an->source, t), "%s", message);
            return false;
        }
    }
    for (int m = 0; m < marker_count; m++) {
        bool on_a_line = false;
        for (int k = 0; k < an->count; k++)
            on_a_line = on_a_line || tokens[k].line == markers[m].comment->line;
        if (!on_a_line) {
            diag_error(an->diag, lexer_loc(an->source, markers[m].comment),
                       "a marker comment ends the line it marks (here it stands alone)");
            return false;
        }
        if (markers[m].kind == RT_PART_ORDER && ++order_markers > 1) {
            diag_error(an->diag, lexer_loc(an->source, markers[m].comment),
                       "one -- ordering: line per query");
            return false;
        }
    }
    return true;
}

/* The text PostgreSQL's parser reads: the query from its first token to
 * its last, @name rewritten to $n, with the file offset of every byte. */
static int sq_parse_text(sq_analyzer *an, pgparse_text *out)
{
    const char *file = an->source->text;
    const char *cursor = an->tokens[0].text;
    const token *last = &an->tokens[an->count - 1];
    size_t room = (size_t)(last->text + last->length - cursor) + 16 * (size_t)an->count + 1;
    char *text = rt_arena_alloc(an->arena, room);
    int *offsets = rt_arena_alloc(an->arena, sizeof *offsets * room);
    int n = 0;

    for (int k = 0; k <= an->count; k++) {
        const token *t = k < an->count ? &an->tokens[k] : NULL;
        const char *stop = t ? t->text : last->text + last->length;
        for (; cursor < stop; cursor++) {
            offsets[n] = (int)(cursor - file);
            text[n++] = *cursor;
        }
        if (t && t->kind == TOKEN_PARAM) {
            int written =
                snprintf(text + n, room - (size_t)n, "$%d", sq_param_number(an->query, t));
            for (int i = 0; i < written; i++)
                offsets[n + i] = (int)(t->text - file);
            n += written;
            cursor = t->text + t->length;
        }
    }
    offsets[n] = (int)(cursor - file);
    text[n] = '\0';
    out->source = an->source;
    out->text = text;
    out->length = n;
    out->offsets = offsets;
    return 0;
}

/* The last token of the outermost select list (for :page), or -1. */
static int sq_top_list_last(const sq_analyzer *an)
{
    static const char *const list_end[] = {
        "from",  "into",   "where", "group", "having", "window",    "order",
        "limit", "offset", "fetch", "for",   "union",  "intersect", "except",
    };
    json_t *select = pgparse_node(an->statement, "SelectStmt");
    json_t *targets = pgparse_list(select, "targetList");
    json_t *last = json_array_get(targets, json_array_size(targets) - 1);
    int k;

    if (!last || !pgparse_is(select, "op", "SETOP_NONE"))
        return -1;
    k = sq_token_at(an, pgparse_file_offset(an->text, pgparse_first_location(last)));
    for (; k < an->count; k++) {
        if (sq_kind(an, k, TOKEN_LPAREN) || sq_kind(an, k, TOKEN_LBRACKET)) {
            k = sq_skip_group(an, k, an->count) - 1;
            continue;
        }
        for (size_t w = 0; w < sizeof list_end / sizeof list_end[0]; w++) {
            if (sq_is(an, k, list_end[w]))
                return k - 1;
        }
    }
    return an->count - 1;
}

/* The whole text of a dynamic query (every filter present, the default
 * ordering, the cursor's condition): what `verify` prepares. */
static int sq_join_parts(sq_analyzer *an)
{
    sql_query *q = an->query;
    rt_buf out;
    int rc = 0;

    rt_buf_init(&out);
    for (int i = 0; i < q->part_count; i++)
        rt_buf_puts(&out, q->parts[i].text);
    q->sql = rt_arena_strdup(an->arena, rt_buf_cstr(&out));
    rt_buf_free(&out);
    return rc;
}

/* Parses the query with PostgreSQL's parser, resolves its names and types
 * its parameters and result columns (errors reported). */
static int sq_parse_and_resolve(sq_analyzer *an, json_t **tree, sql_column **columns,
                                int *column_count)
{
    pgparse_text *text = rt_arena_alloc(an->arena, sizeof *text);
    sqlscope s;
    int errors;
    int rc;

    rc = sq_register_params(an);
    if (rc == 0)
        rc = sq_parse_text(an, text);
    if (rc)
        return rc;
    an->text = text;
    rc = pgparse_parse(an->diag, text, tree);
    if (rc)
        return rc == RT_EINVAL ? 0 : rc;
    an->statement = json_object_get(json_array_get(pgparse_list(*tree, "stmts"), 0), "stmt");
    memset(&s, 0, sizeof s);
    s.arena = an->arena;
    s.diag = an->diag;
    s.cat = an->cat;
    s.text = text;
    s.query = an->query;
    errors = an->diag->error_count;
    rc = sqlscope_analyze(&s, an->statement, columns, column_count);
    if (rc == 0 && an->diag->error_count == errors)
        rc = sqlinfer_params(&s, an->statement);
    an->top_list_last = sq_top_list_last(an);
    sq_find_page(an);
    return rc;
}

static int sq_analyze_query(const catalog *cat, rt_arena *a, diag *d, const diag_source *source,
                            token *tokens, int count, const sq_marker *markers, int marker_count,
                            sql_query *q)
{
    sq_analyzer an;
    sql_column *columns = NULL;
    int column_count = 0;
    int errors_before = d->error_count;
    json_t *tree = NULL;
    char *rendered;
    const char *page_tail = NULL;
    int rc = 0;

    memset(&an, 0, sizeof an);
    an.arena = a;
    an.diag = d;
    an.cat = cat;
    an.source = source;
    an.tokens = tokens;
    an.count = count;
    an.query = q;
    an.top_list_last = -1;
    if (!sq_check_tokens(&an, markers, marker_count))
        goto done;
    if (count > 0 && tokens[count - 1].kind == TOKEN_SEMICOLON)
        an.count = --count; /* the final ';' is optional and not part of the SQL */
    if (count == 0) {
        diag_error(d, q->loc, "query %s has no SQL", q->name);
        goto done;
    }
    if (sq_is(&an, 0, "create")) {
        /* read by sqlquery_declare_tables, before every query */
        if (q->cardinality != RT_CARD_EXEC)
            diag_error(d, q->loc, "query %s creates a table: it is :exec", q->name);
        q->sql = sq_render(&an, markers, marker_count, -1, NULL);
        goto done;
    }
    rc = sq_parse_and_resolve(&an, &tree, &columns, &column_count);
    if (rc || d->error_count > errors_before)
        goto done;
    sq_check_column_names(&an, columns, column_count);
    if (d->error_count > errors_before)
        goto done;
    q->reads_only = sqlwrites_reads_only(cat, an.statement);
    if (q->cardinality == RT_CARD_PAGE) {
        rc = sq_page(&an, &columns, &column_count);
        if (rc || d->error_count > errors_before)
            goto done;
        page_tail =
            rt_arena_printf(a, "\nLIMIT $%d OFFSET $%d", q->param_count - 1, q->param_count);
    }
    q->columns = columns;
    q->column_count = column_count;
    q->column_capacity = column_count;
    rendered = sq_render(
        &an, markers, marker_count, q->keyset ? an.top_list_last : -1,
        q->keyset ? rt_arena_printf(a, ", %s AS page_tiebreak", an.keyset_tiebreak.expression)
                  : NULL);
    q->sql = page_tail ? rt_arena_printf(a, "%s%s", rendered, page_tail) : rendered;
    if (marker_count > 0 || q->cardinality == RT_CARD_PAGE) {
        rc = sq_parts(&an, rendered, markers, marker_count, page_tail);
        if (rc)
            goto done;
        rc = sq_join_parts(&an);
        if (rc)
            goto done;
    }
    if (q->cardinality != RT_CARD_EXEC && column_count == 0)
        diag_error(d, q->loc,
                   "query %s is :%s but returns no columns (add RETURNING, or use :exec)", q->name,
                   q->cardinality == RT_CARD_ONE    ? "one"
                   : q->cardinality == RT_CARD_MANY ? "many"
                                                    : "page");
done:
    json_decref(tree);
    return rc;
}

/* Whether a comment is a marker: "-- filter" or "-- ordering: a, b". */
static bool sq_marker_kind(const token *t, rt_part_kind *kind)
{
    const char *p = t->text + 2;
    const char *end = t->text + t->length;

    while (p < end && (*p == ' ' || *p == '\t'))
        p++;
    while (end > p && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\r'))
        end--;
    if (end - p == 6 && strncmp(p, "filter", 6) == 0) {
        *kind = RT_PART_FILTER;
        return true;
    }
    if (end - p >= 9 && strncmp(p, "ordering:", 9) == 0) {
        *kind = RT_PART_ORDER;
        return true;
    }
    return false;
}

/* Parses "-- name: Name :kind" in a comment token. Returns false when the
 * comment is not a name line. */
static bool sq_name_line(rt_arena *a, diag *d, const diag_source *source, const token *t,
                         sql_query *q, bool *bad)
{
    const char *p = t->text + 2;
    const char *end = t->text + t->length;
    const char *name;
    const char *kind;
    size_t name_length;
    size_t kind_length;

    *bad = false;
    while (p < end && (*p == ' ' || *p == '\t'))
        p++;
    if (end - p < 5 || strncmp(p, "name:", 5) != 0)
        return false;
    p += 5;
    while (p < end && (*p == ' ' || *p == '\t'))
        p++;
    name = p;
    while (p < end && (isalnum((unsigned char)*p) || *p == '_'))
        p++;
    name_length = (size_t)(p - name);
    q->loc.source = source;
    q->loc.line = t->line;
    q->loc.col = t->col + (int)(name - t->text);
    q->loc.length = name_length > 0 ? (int)name_length : 1;
    q->line = t->line;
    if (name_length == 0 || !isalpha((unsigned char)name[0])) {
        diag_error(d, q->loc, "expected a query name after \"-- name:\"");
        *bad = true;
        return true;
    }
    /* from here on a mistake keeps the query (with errors, as :exec), so
     * that its uses do not report an unknown query */
    q->name = rt_arena_strndup(a, name, name_length);
    q->snake_name = q->name ? sqlquery_snake_case(a, q->name) : NULL;
    q->cardinality = RT_CARD_EXEC;
    while (p < end && (*p == ' ' || *p == '\t'))
        p++;
    if (p >= end || *p != ':') {
        diag_loc loc = q->loc;
        loc.col = t->col + (int)(p - t->text);
        loc.length = 1;
        diag_error(d, loc,
                   "expected \":one\", \":many\", \":exec\" or \":page\" after the query name");
        *bad = true;
        return true;
    }
    kind = ++p;
    while (p < end && isalpha((unsigned char)*p))
        p++;
    kind_length = (size_t)(p - kind);
    if (kind_length == 3 && strncmp(kind, "one", 3) == 0) {
        q->cardinality = RT_CARD_ONE;
    } else if (kind_length == 4 && strncmp(kind, "many", 4) == 0) {
        q->cardinality = RT_CARD_MANY;
    } else if (kind_length == 4 && strncmp(kind, "exec", 4) == 0) {
        q->cardinality = RT_CARD_EXEC;
    } else if (kind_length == 4 && strncmp(kind, "page", 4) == 0) {
        q->cardinality = RT_CARD_PAGE;
        while (p < end && (*p == ' ' || *p == '\t'))
            p++;
        q->keyset = end - p >= 6 && strncmp(p, "keyset", 6) == 0 &&
                    (end - p == 6 || p[6] == ' ' || p[6] == '\t' || p[6] == '\r');
    } else {
        diag_loc loc = q->loc;
        loc.col = t->col + (int)(kind - 1 - t->text);
        loc.length = (int)kind_length + 1;
        diag_error(d, loc, "unknown query kind \":%.*s\" (expected :one, :many, :exec or :page)",
                   (int)kind_length, kind);
        *bad = true;
        return true;
    }
    return true;
}

/* The start of the next line at or after p that starts a query ("--
 * name:" after blanks), or NULL. */
static const char *sq_next_name_line(const char *p)
{
    for (const char *line = strchr(p, '\n'); line; line = strchr(line + 1, '\n')) {
        const char *q = line + 1;
        while (*q == ' ' || *q == '\t')
            q++;
        if (strncmp(q, "-- name:", 8) == 0)
            return line + 1;
    }
    return NULL;
}

/* All tokens of the file, comments kept. An unterminated string, quoted
 * name or comment runs to the next line that starts a query, so that one
 * mistake stays in its query. Returns 0. */
static int sq_tokenize(rt_arena *a, const diag_source *source, token **out, int *count)
{
    lexer lx;
    token *tokens = NULL;
    int n = 0;
    int capacity = 0;

    lexer_init(&lx, source, LEXER_SQL);
    lx.keep_comments = true;
    for (;;) {
        token t = lexer_next(&lx);
        const char *resume = t.kind == TOKEN_ERROR ? sq_next_name_line(t.text) : NULL;
        tokens = rt_arena_grow(a, tokens, n, &capacity, sizeof *tokens);
        tokens[n++] = t;
        if (t.kind == TOKEN_EOF)
            break;
        if (resume && resume >= lx.cursor)
            continue; /* the lexer has not swallowed that line */
        if (resume) {
            lx.line = t.line;
            for (const char *p = t.text; p < resume; p++)
                lx.line += *p == '\n';
            lx.cursor = lx.line_start = resume;
        }
    }
    *out = tokens;
    *count = n;
    return 0;
}

/* Whether a comment token is a "-- name:" line. */
static bool sq_is_name_comment(const token *t)
{
    const char *p = t->text + 2;
    const char *end = t->text + t->length;

    if (t->kind != TOKEN_COMMENT)
        return false;
    while (p < end && (*p == ' ' || *p == '\t'))
        p++;
    return end - p >= 5 && strncmp(p, "name:", 5) == 0;
}

/* One CREATE query's tokens (comments dropped, final ';' dropped): parsed,
 * and its table added to the catalog. It must be CREATE TABLE IF NOT
 * EXISTS (the runtime runs it every time) without parameters. */
static int sq_declare_table(catalog *cat, rt_arena *a, diag *d, const diag_source *source,
                            token *tokens, int count)
{
    sq_analyzer an;
    sql_query scratch;
    pgparse_text *text = rt_arena_alloc(a, sizeof *text);
    json_t *tree = NULL;
    json_t *statement;
    json_t *body = NULL;
    const char *kind;
    int rc = 0;

    memset(&an, 0, sizeof an);
    memset(&scratch, 0, sizeof scratch);
    an.arena = a;
    an.diag = d;
    an.source = source;
    an.tokens = tokens;
    an.count = count;
    an.query = &scratch;
    for (int k = 0; k < count; k++) {
        if (tokens[k].kind == TOKEN_PARAM) {
            diag_error(d, lexer_loc(source, &tokens[k]),
                       "a query that creates a table takes no parameters");
            goto done;
        }
    }
    rc = sq_parse_text(&an, text);
    if (rc == 0)
        rc = pgparse_parse(d, text, &tree);
    if (rc)
        goto done;
    statement = json_array_get(pgparse_list(tree, "stmts"), 0);
    kind = pgparse_kind(json_object_get(statement, "stmt"), &body);
    if (!kind || strcmp(kind, "CreateStmt") != 0 || !pgparse_bool(body, "if_not_exists")) {
        diag_error(d, sq_loc(&an, 0),
                   "a query may create only a table, with CREATE TABLE IF NOT EXISTS (the runtime "
                   "runs it every time)");
        goto done;
    }
    rc = catalog_declare_table(cat, a, d, text, statement);
done:
    json_decref(tree);
    return rc == RT_EINVAL ? 0 : rc; /* reported */
}

int sqlquery_declare_tables(catalog *cat, rt_arena *a, diag *d, const diag_source *source)
{
    token *tokens = NULL;
    int count = 0;
    int rc = sq_tokenize(a, source, &tokens, &count);

    for (int i = 0; rc == 0 && i < count; i++) {
        int first = i + 1;
        int end;
        token *own;
        int n = 0;
        if (!sq_is_name_comment(&tokens[i]))
            continue;
        while (first < count && tokens[first].kind == TOKEN_COMMENT &&
               !sq_is_name_comment(&tokens[first]))
            first++;
        if (first >= count || !lexer_token_is(&tokens[first], "create"))
            continue;
        for (end = first;
             end < count && tokens[end].kind != TOKEN_EOF && !sq_is_name_comment(&tokens[end]);
             end++)
            ;
        own = rt_arena_alloc(a, sizeof *own * (size_t)(end - first + 1));
        for (int k = first; k < end; k++) {
            if (tokens[k].kind != TOKEN_COMMENT)
                own[n++] = tokens[k];
        }
        if (n > 0 && own[n - 1].kind == TOKEN_SEMICOLON)
            n--;
        own[n] = tokens[count - 1];
        own[n].kind = TOKEN_EOF;
        rc = sq_declare_table(cat, a, d, source, own, n);
        i = end - 1;
    }
    return rc;
}

int sqlquery_parse_file(const catalog *cat, rt_arena *a, diag *d, const diag_source *source,
                        const char *stem, sql_file *out)
{
    token *tokens = NULL;
    int count = 0;
    int rc;
    int query_start = -1; /* first token of the current query */
    sql_query current;
    bool have_current = false;
    bool reported_stray = false;

    memset(out, 0, sizeof *out);
    out->source = source;
    out->stem = stem;
    rc = sq_tokenize(a, source, &tokens, &count);
    if (rc)
        goto done;
    memset(&current, 0, sizeof current);
    for (int i = 0; i < count; i++) {
        const token *t = &tokens[i];
        sql_query next;
        bool bad = false;
        bool is_name_line = false;
        memset(&next, 0, sizeof next);
        if (t->kind == TOKEN_COMMENT)
            is_name_line = sq_name_line(a, d, source, t, &next, &bad);
        if (!is_name_line && t->kind != TOKEN_EOF) {
            if (t->kind != TOKEN_COMMENT && !have_current && !reported_stray) {
                diag_error(d, lexer_loc(source, t),
                           "SQL outside a named query: start it with \"-- name: Name :one\"");
                reported_stray = true;
            }
            continue;
        }
        if (have_current) {
            /* the query's own tokens, comments dropped, EOF appended */
            token *own = rt_arena_alloc(a, sizeof *own * (size_t)(i - query_start + 1));
            int n = 0;
            sq_marker *markers = rt_arena_alloc(a, sizeof *markers * (size_t)(i - query_start + 1));
            int marker_count = 0;
            for (int k = query_start; k < i; k++) {
                if (tokens[k].kind != TOKEN_COMMENT)
                    own[n++] = tokens[k];
                else if (sq_marker_kind(&tokens[k], &markers[marker_count].kind))
                    markers[marker_count++].comment = &tokens[k];
            }
            own[n] = tokens[count - 1];
            own[n].kind = TOKEN_EOF;
            out->queries = rt_arena_grow(a, out->queries, out->query_count, &out->query_capacity,
                                         sizeof *out->queries);
            sql_query *q = &out->queries[out->query_count++];
            *q = current;
            q->file = out;
            int errors = d->error_count;
            rc = sq_analyze_query(cat, a, d, source, own, n, markers, marker_count, q);
            if (rc)
                goto done;
            q->has_errors = q->has_errors || d->error_count > errors;
            have_current = false;
        }
        if (t->kind == TOKEN_EOF)
            break;
        if (bad && !next.name) {
            reported_stray = true; /* the broken query's SQL is not "stray" */
            continue;
        }
        next.has_errors = bad;
        current = next;
        have_current = true;
        query_start = i + 1;
    }
    /* file pointers: the array may have moved while growing */
    for (int k = 0; k < out->query_count; k++)
        out->queries[k].file = out;
done:
    return rc;
}
