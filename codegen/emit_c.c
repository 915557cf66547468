/*
 * emit_c.c - writes the generated C (see emit_c.h).
 *
 * Style of the output: designated initializers, one table per static
 * array, each preceded by a comment naming its spec line; lines wrapped at
 * 100 columns. Static names in a file are prefixed by the query's snake
 * name or the endpoint's id, so they never collide.
 */
#include "emit_c.h"

#include <assert.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "names.h"
#include "rt_arena.h"
#include "rt_error.h"
#include "sqltype.h"

enum { EMIT_WIDTH = 100 };

typedef struct emit_ctx {
    const model *model;
    rt_arena *arena;
    rt_buf *out;
} emit_ctx;

static void emit_init(emit_ctx *e, const model *m, rt_buf *out)
{
    e->model = m;
    rt_arena_create(&e->arena);
    e->out = out;
}

static void emit_finish(emit_ctx *e)
{
    rt_arena_destroy(e->arena);
}

static char *emit_printf(emit_ctx *e, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static char *emit_printf(emit_ctx *e, const char *fmt, ...)
{
    va_list args;
    char *text;

    va_start(args, fmt);
    text = rt_arena_vprintf(e->arena, fmt, args);
    va_end(args);
    return text;
}

/* Appends s as the inside of a C string literal (no quotes). */
static void emit_c_escaped(rt_buf *b, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        switch (c) {
        case '"':
            rt_buf_puts(b, "\\\"");
            break;
        case '\\':
            rt_buf_puts(b, "\\\\");
            break;
        case '\n':
            rt_buf_puts(b, "\\n");
            break;
        case '\t':
            rt_buf_puts(b, "\\t");
            break;
        case '\r':
            rt_buf_puts(b, "\\r");
            break;
        case '?':
            /* "??x" would be a trigraph under -std=c11 */
            rt_buf_puts(b, i > 0 && s[i - 1] == '?' ? "\\?" : "?");
            break;
        default:
            if (c < 0x20 || c == 0x7f)
                rt_buf_printf(b, "\\%03o", c);
            else
                rt_buf_append(b, (const char *)&s[i], 1);
        }
    }
}

/* A C string literal for s (quotes included); "NULL" when s is NULL. */
static char *emit_string(emit_ctx *e, const char *s)
{
    rt_buf b;
    char *copy;

    if (!s)
        return "NULL";
    rt_buf_init(&b);
    rt_buf_puts(&b, "\"");
    emit_c_escaped(&b, s, strlen(s));
    rt_buf_puts(&b, "\"");
    copy = rt_arena_strdup(e->arena, rt_buf_cstr(&b));
    rt_buf_free(&b);
    return copy;
}

/* The banner: "generated from A, B and C by specc - do not edit." wrapped. */
static void emit_banner(emit_ctx *e, const char *const *paths, int count)
{
    int column = 3;

    rt_buf_puts(e->out, "/* generated from");
    column += (int)strlen(" generated from");
    for (int i = 0; i < count; i++) {
        const char *separator = i == 0 ? " " : i == count - 1 ? " and " : ", ";
        int width = (int)(strlen(separator) + strlen(paths[i]));
        if (i > 0 && column + width > EMIT_WIDTH - 4) {
            rt_buf_puts(e->out, i == count - 1 ? " and\n * " : ",\n * ");
            column = 3;
            separator = "";
            width = (int)strlen(paths[i]);
        }
        rt_buf_puts(e->out, separator);
        rt_buf_puts(e->out, paths[i]);
        column += width;
    }
    if (column + (int)strlen(" by specc — do not edit. */") > EMIT_WIDTH)
        rt_buf_puts(e->out, "\n *");
    rt_buf_puts(e->out, " by specc — do not edit. */\n");
}

static void emit_banner_one(emit_ctx *e, const char *path)
{
    emit_banner(e, &path, 1);
}

static void emit_banner_all(emit_ctx *e)
{
    const char **paths =
        rt_arena_alloc(e->arena, sizeof *paths * (size_t)(e->model->input_count + 1));
    for (int i = 0; i < e->model->input_count; i++)
        paths[i] = e->model->inputs[i]->path;
    emit_banner(e, paths, e->model->input_count);
}

/* Appends `open` + items joined by ", " + `close`, wrapped at EMIT_WIDTH:
 * the first line starts after `indent` spaces, continuation lines are
 * indented to line up after `open`. */
static void emit_wrapped(emit_ctx *e, int indent, const char *open, char **items, int count,
                         const char *close)
{
    int column = indent + (int)strlen(open);
    int continuation = column;

    rt_buf_printf(e->out, "%*s%s", indent, "", open);
    for (int i = 0; i < count; i++) {
        bool last = i == count - 1;
        int width = (int)strlen(items[i]) + (last ? (int)strlen(close) : 1);
        if (i > 0) {
            if (column + 1 + width > EMIT_WIDTH) {
                rt_buf_printf(e->out, "\n%*s", continuation, "");
                column = continuation;
            } else {
                rt_buf_puts(e->out, " ");
                column++;
            }
        }
        rt_buf_puts(e->out, items[i]);
        rt_buf_puts(e->out, last ? close : ",");
        column += width;
    }
    if (count == 0)
        rt_buf_puts(e->out, close);
    rt_buf_puts(e->out, "\n");
}

/* A growable list of initializer items. */
typedef struct emit_items {
    char **items;
    int count, capacity;
} emit_items;

static void emit_item(emit_ctx *e, emit_items *list, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void emit_item(emit_ctx *e, emit_items *list, const char *fmt, ...)
{
    va_list args;
    char *text;

    va_start(args, fmt);
    text = rt_arena_vprintf(e->arena, fmt, args);
    va_end(args);
    list->items =
        rt_arena_grow(e->arena, list->items, list->count, &list->capacity, sizeof *list->items);
    list->items[list->count++] = text;
}

static const char *emit_bool(bool value)
{
    return value ? "true" : "false";
}

static const char *emit_int64(emit_ctx *e, int64_t value)
{
    if (value == INT64_MIN)
        return "INT64_MIN";
    if (value == INT64_MAX)
        return "INT64_MAX";
    return emit_printf(e, "%" PRId64, value);
}

/* ----------------------------------------------------------------- queries */

static const char *emit_cardinality(rt_cardinality c)
{
    switch (c) {
    case RT_CARD_ONE:
        return "RT_CARD_ONE";
    case RT_CARD_MANY:
        return "RT_CARD_MANY";
    case RT_CARD_EXEC:
        return "RT_CARD_EXEC";
    case RT_CARD_PAGE:
        return "RT_CARD_PAGE";
    }
    return "RT_CARD_ONE";
}

static const char *emit_cardinality_word(rt_cardinality c)
{
    switch (c) {
    case RT_CARD_ONE:
        return ":one";
    case RT_CARD_MANY:
        return ":many";
    case RT_CARD_EXEC:
        return ":exec";
    case RT_CARD_PAGE:
        return ":page";
    }
    return ":one";
}

/* "api_users__create_user" */
static const char *emit_query_symbol(emit_ctx *e, const sql_query *q)
{
    return emit_printf(e, "api_%s__%s", q->file->stem, q->snake_name);
}

void emit_c_sql_header(const model *m, const sql_file *file, rt_buf *out)
{
    emit_ctx e;
    char *guard;

    emit_init(&e, m, out);
    emit_banner_one(&e, file->source->path);
    guard = emit_printf(&e, "API_%s_SQL_H", file->stem);
    for (char *p = guard; *p; p++)
        *p = (char)(*p >= 'a' && *p <= 'z' ? *p - 'a' + 'A' : *p);
    rt_buf_printf(out, "#ifndef %s\n#define %s\n\n", guard, guard);
    rt_buf_puts(out, "#include \"rt_api.h\"\n");
    for (int i = 0; i < file->query_count; i++) {
        const sql_query *q = &file->queries[i];
        rt_buf_printf(out, "\n/* %s %s (%s:%d) */\n", q->name,
                      emit_cardinality_word(q->cardinality), file->source->path, q->line);
        rt_buf_printf(out, "extern const rt_query %s_query;\n", emit_query_symbol(&e, q));
    }
    rt_buf_printf(out, "\n#endif /* %s */\n", guard);
    emit_finish(&e);
}

/* The SQL text as concatenated string literals, one per line. */
static void emit_sql_literal(emit_ctx *e, const char *sql)
{
    const char *line = sql;
    while (*line) {
        const char *newline = strchr(line, '\n');
        size_t length = newline ? (size_t)(newline - line) + 1 : strlen(line);
        rt_buf_puts(e->out, "    \"");
        emit_c_escaped(e->out, line, length);
        rt_buf_puts(e->out, "\"");
        line += length;
        rt_buf_puts(e->out, *line ? "\n" : ";\n");
    }
}

/* The parameter table: name and type of each $n. */
static void emit_query_params(emit_ctx *e, const sql_query *q)
{
    if (q->param_count == 0)
        return;
    rt_buf_printf(e->out, "\nstatic const rt_param %s_params[] = {\n", q->snake_name);
    for (int k = 0; k < q->param_count; k++) {
        const sql_param *p = &q->params[k];
        char *fields[3];
        fields[0] = emit_printf(e, ".name = %s", emit_string(e, p->name));
        fields[1] = emit_printf(e, ".type = %s", sqltype_enumerator(p->type.type));
        fields[2] = emit_printf(e, ".type_name = %s", emit_string(e, p->type.name));
        emit_wrapped(e, 4, "{", fields, 3, "},");
    }
    rt_buf_puts(e->out, "};\n");
}

/* The result column table: name, type and nullability. */
static void emit_query_columns(emit_ctx *e, const sql_query *q)
{
    if (q->column_count == 0)
        return;
    rt_buf_printf(e->out, "\nstatic const rt_column %s_columns[] = {\n", q->snake_name);
    for (int k = 0; k < q->column_count; k++) {
        const sql_column *c = &q->columns[k];
        char *fields[4];
        fields[0] = emit_printf(e, ".name = %s", emit_string(e, c->name));
        fields[1] = emit_printf(e, ".type = %s", sqltype_enumerator(c->type.type));
        fields[2] = emit_printf(e, ".type_name = %s", emit_string(e, c->type.name));
        fields[3] = emit_printf(e, ".nullable = %s", emit_bool(c->nullable));
        emit_wrapped(e, 4, "{", fields, 4, "},");
    }
    rt_buf_puts(e->out, "};\n");
}

/* One part's text, one string literal per line. */
static void emit_part_text(emit_ctx *e, const char *text)
{
    for (const char *line = text; *line;) {
        const char *newline = strchr(line, '\n');
        size_t length = newline ? (size_t)(newline - line) + 1 : strlen(line);
        rt_buf_puts(e->out, line == text ? " \"" : "\n         \"");
        emit_c_escaped(e->out, line, length);
        rt_buf_puts(e->out, "\"");
        line += length;
    }
}

/* The parts of a dynamic query (-- filter: / -- ordering: lines) and the
 * parameter numbers each part uses. */
static void emit_query_parts(emit_ctx *e, const sql_query *q)
{
    const char *local = q->snake_name;

    for (int k = 0; k < q->part_count; k++) {
        const sql_part *part = &q->parts[k];
        if (part->param_count == 0)
            continue;
        char **numbers = rt_arena_alloc(e->arena, sizeof(char *) * (size_t)part->param_count);
        for (int i = 0; i < part->param_count; i++)
            numbers[i] = emit_printf(e, "%d", part->params[i]);
        rt_buf_puts(e->out, "\n");
        emit_wrapped(e, 0, emit_printf(e, "static const int %s_part%d_params[] = {", local, k),
                     numbers, part->param_count, "};");
    }
    if (q->part_count == 0)
        return;
    rt_buf_printf(e->out, "\n/* %s:%d: lines marked -- filter / -- ordering:, the page */\n",
                  q->file->source->path, q->line);
    rt_buf_printf(e->out, "static const rt_sql_part %s_parts[] = {\n", local);
    for (int k = 0; k < q->part_count; k++) {
        const sql_part *part = &q->parts[k];
        static const char *const kinds[] = {
            [RT_PART_TEXT] = "RT_PART_TEXT",   [RT_PART_FILTER] = "RT_PART_FILTER",
            [RT_PART_ORDER] = "RT_PART_ORDER", [RT_PART_KEYSET] = "RT_PART_KEYSET",
            [RT_PART_PAGE] = "RT_PART_PAGE",
        };
        rt_buf_printf(e->out, "    {.kind = %s,\n     .text =", kinds[part->kind]);
        emit_part_text(e, part->text);
        if (part->param_count > 0)
            rt_buf_printf(e->out, ",\n     .params = %s_part%d_params, .param_count = %d", local, k,
                          part->param_count);
        rt_buf_puts(e->out, "},\n");
    }
    rt_buf_puts(e->out, "};\n");
}

/* One rt_ordering initializer (its keyset texts when it has them). */
static void emit_ordering(emit_ctx *e, const sql_ordering *o, int indent, const char *open,
                          const char *close)
{
    char *fields[6];
    int count = 0;

    if (o->name)
        fields[count++] = emit_printf(e, ".name = %s", emit_string(e, o->name));
    fields[count++] = emit_printf(e, ".sql = %s", emit_string(e, o->sql));
    if (o->after) {
        fields[count++] = emit_printf(e, ".reverse_sql = %s", emit_string(e, o->reverse_sql));
        fields[count++] = emit_printf(e, ".after = %s", emit_string(e, o->after));
        fields[count++] = emit_printf(e, ".before = %s", emit_string(e, o->before));
    }
    fields[count++] = emit_printf(e, ".key_column = %d", o->after ? o->key_column : -1);
    emit_wrapped(e, indent, open, fields, count, close);
}

/* The named orderings a request may choose (-- ordering:), and a keyset
 * query's default. */
static void emit_query_orderings(emit_ctx *e, const sql_query *q)
{
    if (q->ordering_count > 0) {
        rt_buf_printf(e->out, "\n/* %s:%d: -- ordering: */\n", q->file->source->path, q->line);
        rt_buf_printf(e->out, "static const rt_ordering %s_orderings[] = {\n", q->snake_name);
        for (int k = 0; k < q->ordering_count; k++)
            emit_ordering(e, &q->orderings[k], 4, "{", "},");
        rt_buf_puts(e->out, "};\n");
    }
    if (q->keyset_default) {
        rt_buf_printf(e->out, "\n/* %s:%d: the ORDER BY of a :page keyset query */\n",
                      q->file->source->path, q->line);
        emit_ordering(
            e, q->keyset_default, 0,
            emit_printf(e, "static const rt_ordering %s_keyset_default = {", q->snake_name), "};");
    }
}

/* The tables above, then the rt_query descriptor the runtime reads. */
static void emit_query_definition(emit_ctx *e, const sql_query *q)
{
    const char *local = q->snake_name;
    const char *path = q->file->source->path;
    emit_items items = {0};

    rt_buf_printf(e->out, "\n/* ---- %s %s (%s:%d) */\n\n", q->name,
                  emit_cardinality_word(q->cardinality), path, q->line);
    rt_buf_printf(e->out, "/* %s:%d */\nstatic const char %s_sql[] =\n", path, q->line, local);
    emit_sql_literal(e, q->sql);
    emit_query_params(e, q);
    emit_query_columns(e, q);
    emit_query_parts(e, q);
    emit_query_orderings(e, q);
    rt_buf_printf(e->out, "\nconst rt_query %s_query = {\n", emit_query_symbol(e, q));
    emit_item(e, &items, ".id = %d", q->id);
    emit_item(e, &items, ".name = %s", emit_string(e, q->name));
    emit_item(e, &items, ".sql = %s_sql", local);
    emit_item(e, &items, ".cardinality = %s", emit_cardinality(q->cardinality));
    emit_item(e, &items, ".params = %s",
              q->param_count > 0 ? emit_printf(e, "%s_params", local) : "NULL");
    emit_item(e, &items, ".param_count = %d", q->param_count);
    emit_item(e, &items, ".columns = %s",
              q->column_count > 0 ? emit_printf(e, "%s_columns", local) : "NULL");
    emit_item(e, &items, ".column_count = %d", q->column_count);
    emit_item(e, &items, ".parts = %s",
              q->part_count > 0 ? emit_printf(e, "%s_parts", local) : "NULL");
    emit_item(e, &items, ".part_count = %d", q->part_count);
    emit_item(e, &items, ".orderings = %s",
              q->ordering_count > 0 ? emit_printf(e, "%s_orderings", local) : "NULL");
    emit_item(e, &items, ".ordering_count = %d", q->ordering_count);
    if (q->keyset_default)
        emit_item(e, &items, ".keyset_default = &%s_keyset_default", local);
    if (q->reads_only)
        emit_item(e, &items, ".reads_only = true");
    emit_item(e, &items, ".spec_file = %s", emit_string(e, path));
    emit_item(e, &items, ".spec_line = %d", q->line);
    for (int k = 0; k < items.count; k++)
        rt_buf_printf(e->out, "    %s,\n", items.items[k]);
    rt_buf_puts(e->out, "};\n");
}

void emit_c_sql_source(const model *m, const sql_file *file, rt_buf *out)
{
    emit_ctx e;

    emit_init(&e, m, out);
    emit_banner_one(&e, file->source->path);
    rt_buf_printf(out, "#include \"%s_sql.h\"\n", file->stem);
    for (int i = 0; i < file->query_count; i++)
        emit_query_definition(&e, &file->queries[i]);
    emit_finish(&e);
}

/* --------------------------------------------------------------- endpoints */

static const char *emit_field_kind(rt_field_kind kind)
{
    static const char *const names[] = {
        "RT_FIELD_TEXT",    "RT_FIELD_PASSWORD", "RT_FIELD_EMAIL", "RT_FIELD_INT",
        "RT_FIELD_DECIMAL", "RT_FIELD_BOOL",     "RT_FIELD_UUID",  "RT_FIELD_TIMESTAMP",
        "RT_FIELD_DATE",    "RT_FIELD_ENUM",     "RT_FIELD_ARRAY",
    };
    return names[kind];
}

static const char *emit_value_kind(rt_value_kind kind)
{
    static const char *const names[] = {
        [RT_VALUE_NULL] = "RT_VALUE_NULL",
        [RT_VALUE_LITERAL] = "RT_VALUE_LITERAL",
        [RT_VALUE_BODY] = "RT_VALUE_BODY",
        [RT_VALUE_BODY_PRESENT] = "RT_VALUE_BODY_PRESENT",
        [RT_VALUE_QUERY] = "RT_VALUE_QUERY",
        [RT_VALUE_PATH] = "RT_VALUE_PATH",
        [RT_VALUE_AUTH] = "RT_VALUE_AUTH",
        [RT_VALUE_CONFIG] = "RT_VALUE_CONFIG",
        [RT_VALUE_STEP] = "RT_VALUE_STEP",
        [RT_VALUE_CALL] = "RT_VALUE_CALL",
        [RT_VALUE_JOB] = "RT_VALUE_JOB",
        [RT_VALUE_PAGE_LIMIT] = "RT_VALUE_PAGE_LIMIT",
        [RT_VALUE_PAGE_OFFSET] = "RT_VALUE_PAGE_OFFSET",
        [RT_VALUE_PAGE_CURSOR_KEY] = "RT_VALUE_PAGE_CURSOR_KEY",
        [RT_VALUE_PAGE_CURSOR_TIEBREAK] = "RT_VALUE_PAGE_CURSOR_TIEBREAK",
    };
    return names[kind];
}

static const char *emit_outcome(rt_outcome outcome)
{
    static const char *const names[] = {
        "RT_OUTCOME_NO_ROW",
        "RT_OUTCOME_UNIQUE_VIOLATION",
        "RT_OUTCOME_CHECK_VIOLATION",
        "RT_OUTCOME_FOREIGN_KEY_VIOLATION",
        "RT_OUTCOME_NOT_NULL_VIOLATION",
        "RT_OUTCOME_RAISE",
    };
    return names[outcome];
}

/* The enum labels table name for an enum type used by a field; emitted
 * once per file before the first table that uses it. */
static const char *emit_enum_table(emit_ctx *e, const catalog_enum *enumeration, bool *emitted,
                                   int enum_index)
{
    const char *name = emit_printf(e, "enum_%s_labels", enumeration->name);
    if (!emitted[enum_index]) {
        char **labels =
            rt_arena_alloc(e->arena, sizeof(char *) * (size_t)(enumeration->label_count + 1));
        for (int i = 0; i < enumeration->label_count; i++)
            labels[i] = emit_string(e, enumeration->labels[i]);
        rt_buf_printf(e->out, "\n/* labels of enum %s, in declaration order */\n",
                      enumeration->name);
        emit_wrapped(e, 0, emit_printf(e, "static const char *const %s[] = {", name), labels,
                     enumeration->label_count, "};");
        emitted[enum_index] = true;
    }
    return name;
}

typedef struct emit_api {
    emit_ctx *e;
    const api_file *file;
    bool *enum_emitted; /* per catalog enum */
} emit_api;

static int emit_enum_index(const model *m, const catalog_enum *enumeration)
{
    for (int i = 0; i < m->catalog.enum_count; i++) {
        if (&m->catalog.enums[i] == enumeration)
            return i;
    }
    return 0;
}

/* Emits the tables a field list needs (item fields, choices, enums) and
 * then the list itself as `static const rt_field NAME[]`. */
static void emit_fields(emit_api *api, const char *name, const api_field *fields, int count)
{
    emit_ctx *e = api->e;
    const char **choice_tables = rt_arena_alloc(e->arena, sizeof(char *) * (size_t)(count + 1));
    const char **item_tables = rt_arena_alloc(e->arena, sizeof(char *) * (size_t)(count + 1));

    for (int i = 0; i < count; i++) {
        const api_field *f = &fields[i];
        if (f->kind == RT_FIELD_ARRAY) {
            item_tables[i] = emit_printf(e, "%s_%s_items", name, f->name);
            emit_fields(api, item_tables[i], f->items, f->item_count);
        } else if (f->choice_count > 0) {
            char **labels = rt_arena_alloc(e->arena, sizeof(char *) * (size_t)f->choice_count);
            for (int k = 0; k < f->choice_count; k++)
                labels[k] = emit_string(e, f->choices[k]);
            choice_tables[i] = emit_printf(e, "%s_%s_choices", name, f->name);
            rt_buf_puts(e->out, "\n");
            emit_wrapped(e, 0,
                         emit_printf(e, "static const char *const %s[] = {", choice_tables[i]),
                         labels, f->choice_count, "};");
        } else if (f->enumeration) {
            choice_tables[i] = emit_enum_table(e, f->enumeration, api->enum_emitted,
                                               emit_enum_index(e->model, f->enumeration));
        }
    }
    rt_buf_printf(e->out, "\n/* %s:%d */\nstatic const rt_field %s[] = {\n",
                  api->file->source->path, count > 0 ? fields[0].loc.line : 0, name);
    for (int i = 0; i < count; i++) {
        const api_field *f = &fields[i];
        emit_items items = {0};
        emit_item(e, &items, ".name = %s", emit_string(e, f->name));
        emit_item(e, &items, ".kind = %s", emit_field_kind(f->kind));
        emit_item(e, &items, ".type = %s", sqltype_enumerator(f->type.type));
        emit_item(e, &items, ".required = %s", emit_bool(f->required));
        if (f->nullable)
            emit_item(e, &items, ".nullable = true");
        if (f->has_len) {
            emit_item(e, &items, ".has_len = true");
            emit_item(e, &items, ".min_len = %s", emit_int64(e, f->min_len));
            emit_item(e, &items, ".max_len = %s", emit_int64(e, f->max_len));
        }
        if (f->has_range) {
            emit_item(e, &items, ".has_range = true");
            emit_item(e, &items, ".min = %s", emit_int64(e, f->min));
            emit_item(e, &items, ".max = %s", emit_int64(e, f->max));
        }
        if (f->kind == RT_FIELD_DECIMAL) {
            emit_item(e, &items, ".precision = %d", f->type.precision);
            emit_item(e, &items, ".scale = %d", f->type.scale);
        }
        if (f->kind == RT_FIELD_ENUM) {
            emit_item(e, &items, ".enum_values = %s", choice_tables[i]);
            emit_item(e, &items, ".enum_count = %d",
                      f->choice_count > 0 ? f->choice_count : f->enumeration->label_count);
        }
        if (f->default_text)
            emit_item(e, &items, ".default_value = %s", emit_string(e, f->default_text));
        if (f->kind == RT_FIELD_ARRAY) {
            emit_item(e, &items, ".item_fields = %s", item_tables[i]);
            emit_item(e, &items, ".item_field_count = %d", f->item_count);
            if (f->scalar_items)
                emit_item(e, &items, ".item_scalar = true");
            if (f->unique)
                emit_item(e, &items, ".unique_items = true");
        }
        if (f->alternative != 0)
            emit_item(e, &items, ".alternative = %d", f->alternative);
        emit_item(e, &items, ".spec_line = %d", f->loc.line);
        emit_wrapped(e, 4, "{", items.items, items.count, "},");
    }
    rt_buf_puts(e->out, "};\n");
}

/* The initializer items of one value; nested call arguments become tables
 * named after `name`, emitted before. */
static void emit_value_items(emit_api *api, const char *name, const api_value *v,
                             emit_items *items);

/* Emits `static const rt_value NAME[]` for values (after their own nested
 * tables). */
static void emit_values(emit_api *api, const char *name, const api_value *values, int count)
{
    emit_ctx *e = api->e;
    emit_items *per_value = rt_arena_alloc(e->arena, sizeof *per_value * (size_t)(count + 1));

    for (int i = 0; i < count; i++)
        emit_value_items(api, emit_printf(e, "%s_%d", name, i), &values[i], &per_value[i]);
    rt_buf_printf(e->out, "\nstatic const rt_value %s[] = {\n", name);
    for (int i = 0; i < count; i++)
        emit_wrapped(e, 4, "{", per_value[i].items, per_value[i].count, "},");
    rt_buf_puts(e->out, "};\n");
}

static void emit_value_items(emit_api *api, const char *name, const api_value *v, emit_items *items)
{
    emit_ctx *e = api->e;
    const char *args_table = NULL;
    const char *roles_table = NULL;
    const char *otherwise = NULL;

    memset(items, 0, sizeof *items);
    if (v->rt_kind == RT_VALUE_CALL && v->arg_count > 0) {
        args_table = emit_printf(e, "%s_args", name);
        emit_values(api, args_table, v->args, v->arg_count);
    }
    if (v->unless_role_count > 0) {
        char **roles = rt_arena_alloc(e->arena, sizeof(char *) * (size_t)v->unless_role_count);
        for (int i = 0; i < v->unless_role_count; i++)
            roles[i] = emit_string(e, v->unless_roles[i]);
        roles_table = emit_printf(e, "%s_unless", name);
        rt_buf_puts(e->out, "\n");
        emit_wrapped(e, 0, emit_printf(e, "static const char *const %s[] = {", roles_table), roles,
                     v->unless_role_count, "};");
        if (v->otherwise) {
            emit_items other;
            otherwise = emit_printf(e, "%s_otherwise", name);
            emit_value_items(api, otherwise, v->otherwise, &other);
            rt_buf_puts(e->out, "\n");
            emit_wrapped(e, 0, emit_printf(e, "static const rt_value %s = {", otherwise),
                         other.items, other.count, "};");
        }
    }
    emit_item(e, items, ".kind = %s", emit_value_kind(v->rt_kind));
    emit_item(e, items, ".type = %s", sqltype_enumerator(v->type.type));
    switch (v->rt_kind) {
    case RT_VALUE_NULL:
        break;
    case RT_VALUE_LITERAL:
        emit_item(e, items, ".literal = %s", emit_string(e, v->text));
        break;
    case RT_VALUE_BODY:
    case RT_VALUE_BODY_PRESENT:
    case RT_VALUE_QUERY:
    case RT_VALUE_PATH:
        emit_item(e, items, ".index = %d", v->index);
        break;
    case RT_VALUE_AUTH:
        emit_item(e, items, ".index = RT_AUTH_%s", names_auth_key(v->index)->id);
        break;
    case RT_VALUE_CONFIG:
        emit_item(e, items, ".index = RT_CONFIG_%s", names_config_key(v->index)->id);
        break;
    case RT_VALUE_STEP:
        emit_item(e, items, ".index = %d", v->index);
        emit_item(e, items, ".column = %d", v->column);
        break;
    case RT_VALUE_CALL:
        emit_item(e, items, ".index = RT_BUILTIN_%s", names_builtin_at(v->index)->id);
        if (args_table) {
            emit_item(e, items, ".args = %s", args_table);
            emit_item(e, items, ".arg_count = %d", v->arg_count);
        }
        break;
    case RT_VALUE_JOB:
        emit_item(e, items, ".index = %d", v->index);
        break;
    case RT_VALUE_PAGE_LIMIT:
    case RT_VALUE_PAGE_OFFSET:
    case RT_VALUE_PAGE_CURSOR_KEY:
    case RT_VALUE_PAGE_CURSOR_TIEBREAK:
        break;
    }
    if (roles_table) {
        emit_item(e, items, ".unless_roles = %s", roles_table);
        emit_item(e, items, ".unless_role_count = %d", v->unless_role_count);
        emit_item(e, items, ".otherwise = %s",
                  otherwise ? emit_printf(e, "&%s", otherwise) : "NULL");
    }
}

static void emit_members(emit_api *api, const char *name, const api_member *members, int count,
                         int line);

static const char *emit_step_kind(rt_step_kind kind)
{
    static const char *const names[] = {
        "RT_STEP_QUERY",   "RT_STEP_CHECK", "RT_STEP_LET", "RT_STEP_BEGIN", "RT_STEP_COMMIT",
        "RT_STEP_ENQUEUE", "RT_STEP_SLEEP", "RT_STEP_LOG", "RT_STEP_STOP",
    };
    return names[kind];
}

/* The C symbol of a job: api_STEM__job_KIND. */
static const char *emit_job_symbol(emit_ctx *e, const api_job *job)
{
    return emit_printf(e, "api_%s__job_%s", job->stem, job->kind);
}

/* Emits the tables of a program's steps and `static const rt_step
 * PREFIX_steps[]`, with RT_STEP_BEGIN / RT_STEP_COMMIT around the tx. */
static void emit_program(emit_api *api, const char *prefix, const api_program *program)
{
    emit_ctx *e = api->e;
    const char **args =
        rt_arena_alloc(e->arena, sizeof(char *) * (size_t)(program->step_count + 1));
    const char **outcomes =
        rt_arena_alloc(e->arena, sizeof(char *) * (size_t)(program->step_count + 1));
    const char **members =
        rt_arena_alloc(e->arena, sizeof(char *) * (size_t)(program->step_count + 1));
    emit_items *orderings =
        rt_arena_alloc(e->arena, sizeof(emit_items) * (size_t)(program->step_count + 1));
    const char *path = api->file->source->path;

    for (int i = 0; i < program->step_count; i++) {
        const api_step *s = &program->steps[i];
        const api_value *values = NULL;
        int value_count = 0;
        const char *what = NULL;
        args[i] = NULL;
        outcomes[i] = NULL;
        members[i] = NULL;
        if (s->kind == RT_STEP_QUERY) {
            values = s->ordered_args;
            value_count = s->query->param_count;
            what = s->query->name;
        } else if (s->kind == RT_STEP_ENQUEUE) {
            values = s->ordered_args;
            value_count = s->job->payload_field_count;
            what = emit_printf(e, "enqueue %s", s->job->kind);
        } else if (s->kind == RT_STEP_CHECK || s->kind == RT_STEP_LET) {
            values = s->call.args;
            value_count = s->call.arg_count;
            what = s->call.text;
        } else if (s->kind == RT_STEP_SLEEP) {
            values = &s->call;
            value_count = 1;
            what = "sleep";
        }
        if (value_count > 0) {
            args[i] = emit_printf(e, "%s_step%d_args", prefix, i);
            rt_buf_printf(e->out, "\n/* %s:%d: %s(...) */", path, s->loc.line, what);
            emit_values(api, args[i], values, value_count);
        }
        if ((s->kind == RT_STEP_LOG || s->else_event) && s->member_count > 0) {
            members[i] = emit_printf(e, "%s_step%d_members", prefix, i);
            emit_members(api, members[i], s->members, s->member_count, s->loc.line);
        }
        if (s->has_order_by)
            emit_value_items(api, emit_printf(e, "%s_step%d_ordering", prefix, i), &s->order_by,
                             &orderings[i]);
        if (s->outcome_count > 0) {
            outcomes[i] = emit_printf(e, "%s_step%d_outcomes", prefix, i);
            rt_buf_printf(e->out, "\n/* %s:%d */\nstatic const rt_outcome_map %s[] = {\n", path,
                          s->outcomes[0].loc.line, outcomes[i]);
            for (int k = 0; k < s->outcome_count; k++) {
                const api_outcome *o = &s->outcomes[k];
                char *fields[6];
                int field_count = 5;
                fields[0] = emit_printf(e, ".outcome = %s", emit_outcome(o->outcome));
                fields[1] = emit_printf(e, ".constraint = %s", emit_string(e, o->constraint));
                fields[2] = emit_printf(e, ".status = %d", o->status);
                fields[3] = emit_printf(e, ".code = %s", emit_string(e, o->code));
                fields[4] = emit_printf(e, ".message = %s", emit_string(e, o->message));
                if (o->fields_from_detail)
                    fields[field_count++] = emit_printf(e, ".fields_from_detail = true");
                emit_wrapped(e, 4, "{", fields, field_count, "},");
            }
            rt_buf_puts(e->out, "};\n");
        }
    }
    rt_buf_printf(e->out, "\n/* %s:%d */\nstatic const rt_step %s_steps[] = {\n", path,
                  program->steps[0].loc.line, prefix);
    for (int i = 0; i < program->step_count; i++) {
        const api_step *s = &program->steps[i];
        emit_items items = {0};
        if (s->tx_block && (i == 0 || program->steps[i - 1].tx_block != s->tx_block))
            rt_buf_printf(e->out, "    {.kind = RT_STEP_BEGIN, .spec_line = %d},\n",
                          s->tx_begin_line);
        emit_item(e, &items, ".kind = %s", emit_step_kind(s->kind));
        emit_item(e, &items, ".name = %s", emit_string(e, s->name));
        if (s->kind == RT_STEP_QUERY)
            emit_item(e, &items, ".query = &%s_query", emit_query_symbol(e, s->query));
        if (s->kind == RT_STEP_ENQUEUE)
            emit_item(e, &items, ".job = &%s", emit_job_symbol(e, s->job));
        if (s->kind == RT_STEP_STOP)
            emit_item(e, &items, ".stop_step = %d", s->stop_index);
        else if (s->kind != RT_STEP_LOG) {
            emit_item(e, &items, ".args = %s", args[i] ? args[i] : "NULL");
            emit_item(e, &items, ".arg_count = %d",
                      s->kind == RT_STEP_QUERY     ? s->query->param_count
                      : s->kind == RT_STEP_ENQUEUE ? s->job->payload_field_count
                      : s->kind == RT_STEP_SLEEP   ? 1
                                                   : s->call.arg_count);
        }
        if (s->kind == RT_STEP_QUERY) {
            emit_item(e, &items, ".optional = %s", emit_bool(s->optional));
            emit_item(e, &items, ".outcomes = %s", outcomes[i] ? outcomes[i] : "NULL");
            emit_item(e, &items, ".outcome_count = %d", s->outcome_count);
            for (int k = 0; k < orderings[i].count && s->has_order_by; k++)
                emit_item(e, &items, "%s%s%s", k == 0 ? ".ordering = {" : "", orderings[i].items[k],
                          k == orderings[i].count - 1 ? "}" : "");
        } else if (s->kind == RT_STEP_CHECK || s->kind == RT_STEP_LET) {
            emit_item(e, &items, ".builtin = RT_BUILTIN_%s", names_builtin_at(s->call.index)->id);
        } else if (s->kind == RT_STEP_LOG) {
            emit_item(e, &items, ".members = %s", members[i] ? members[i] : "NULL");
            emit_item(e, &items, ".member_count = %d", s->member_count);
        }
        if (s->kind == RT_STEP_CHECK) {
            emit_item(e, &items, ".else_status = %d", s->else_status);
            emit_item(e, &items, ".else_code = %s", emit_string(e, s->else_code));
            emit_item(e, &items, ".else_message = %s", emit_string(e, s->else_message));
            if (s->else_event) {
                emit_item(e, &items, ".else_event = %s", emit_string(e, s->else_event));
                emit_item(e, &items, ".members = %s", members[i] ? members[i] : "NULL");
                emit_item(e, &items, ".member_count = %d", s->member_count);
            }
        }
        emit_item(e, &items, ".spec_line = %d", s->loc.line);
        emit_wrapped(e, 4, "{", items.items, items.count, "},");
        if (s->tx_block &&
            (i == program->step_count - 1 || program->steps[i + 1].tx_block != s->tx_block))
            rt_buf_printf(e->out, "    {.kind = RT_STEP_COMMIT, .spec_line = %d},\n",
                          s->tx_end_line);
    }
    rt_buf_puts(e->out, "};\n");
}

static int emit_program_length(const api_program *program)
{
    return program->step_count + 2 * program->tx_count;
}

static const char *emit_member_kind(rt_member_kind kind)
{
    static const char *const names[] = {"RT_MEMBER_VALUE", "RT_MEMBER_ROW", "RT_MEMBER_ROWS",
                                        "RT_MEMBER_EACH", "RT_MEMBER_PAGE"};
    return names[kind];
}

/* `static const rt_member NAME[]` for members (and their value tables). */
static void emit_members(emit_api *api, const char *name, const api_member *members, int count,
                         int line)
{
    emit_ctx *e = api->e;
    emit_items *per_member = rt_arena_alloc(e->arena, sizeof *per_member * (size_t)(count + 1));

    for (int i = 0; i < count; i++) {
        const api_member *m = &members[i];
        emit_items *items = &per_member[i];
        memset(items, 0, sizeof *items);
        emit_item(e, items, ".key = %s", emit_string(e, m->key));
        emit_item(e, items, ".kind = %s", emit_member_kind(m->kind));
        if (m->kind == RT_MEMBER_VALUE) {
            emit_items value;
            emit_value_items(api, emit_printf(e, "%s_%d", name, i), &m->value, &value);
            /* .value = {a, b, c} as items, so it wraps like the rest */
            for (int k = 0; k < value.count; k++)
                emit_item(e, items, "%s%s%s", k == 0 ? ".value = {" : "", value.items[k],
                          k == value.count - 1 ? "}" : "");
        } else {
            emit_item(e, items, ".step = %d", m->step);
        }
        if (m->kind == RT_MEMBER_EACH) {
            emit_item(e, items, ".column = %d", m->column);
            emit_item(e, items, ".type = %s", sqltype_enumerator(m->type.type));
        }
    }
    rt_buf_printf(e->out, "\n/* %s:%d */\nstatic const rt_member %s[] = {\n",
                  api->file->source->path, line, name);
    for (int i = 0; i < count; i++)
        emit_wrapped(e, 4, "{", per_member[i].items, per_member[i].count, "},");
    rt_buf_puts(e->out, "};\n");
}

static const char *emit_auth(rt_auth_mode mode)
{
    return mode == RT_AUTH_PUBLIC     ? "RT_AUTH_PUBLIC"
           : mode == RT_AUTH_ANY_USER ? "RT_AUTH_ANY_USER"
                                      : "RT_AUTH_ROLES";
}

static const char *emit_limit(rt_limit_mode mode)
{
    return mode == RT_LIMIT_NONE     ? "RT_LIMIT_NONE"
           : mode == RT_LIMIT_PER_IP ? "RT_LIMIT_PER_IP"
                                     : "RT_LIMIT_PER_USER";
}

static const char *emit_compare(rt_compare compare)
{
    static const char *const names[] = {"RT_COMPARE_LT", "RT_COMPARE_LE", "RT_COMPARE_GT",
                                        "RT_COMPARE_GE", "RT_COMPARE_EQ", "RT_COMPARE_NE"};
    return names[compare];
}

/* A request field operand as one initializer: {.kind = ..., .index = 2}. */
static const char *emit_operand(emit_api *api, const char *name, const api_value *v)
{
    emit_ctx *e = api->e;
    emit_items items;
    rt_buf joined;
    const char *text;

    emit_value_items(api, name, v, &items);
    rt_buf_init(&joined);
    rt_buf_puts(&joined, "{");
    for (int i = 0; i < items.count; i++)
        rt_buf_printf(&joined, "%s%s", i > 0 ? ", " : "", items.items[i]);
    rt_buf_puts(&joined, "}");
    text = emit_printf(e, "%s", joined.data);
    rt_buf_free(&joined);
    return text;
}

/* The rules between fields (rt_rule), the left field naming the error. */
static void emit_rules(emit_api *api, const char *name, const api_rule *rules, int count)
{
    emit_ctx *e = api->e;

    rt_buf_printf(e->out, "\n/* %s:%d: rules between fields */\n", api->file->source->path,
                  rules[0].loc.line);
    rt_buf_printf(e->out, "static const rt_rule %s[] = {\n", name);
    for (int i = 0; i < count; i++) {
        const api_rule *r = &rules[i];
        char *fields[5];
        fields[0] = emit_printf(e, ".left = %s",
                                emit_operand(api, emit_printf(e, "%s_%d_left", name, i), &r->left));
        fields[1] = emit_printf(e, ".compare = %s", emit_compare(r->compare));
        fields[2] = emit_printf(
            e, ".right = %s", emit_operand(api, emit_printf(e, "%s_%d_right", name, i), &r->right));
        fields[3] = emit_printf(e, ".field = %s", emit_string(e, r->left.member));
        fields[4] = emit_printf(e, ".message = %s", emit_string(e, r->message));
        emit_wrapped(e, 4, "{", fields, 5, "},");
    }
    rt_buf_puts(e->out, "};\n");
}

static void emit_endpoint(emit_api *api, const api_endpoint *ep)
{
    emit_ctx *e = api->e;
    const char *path = api->file->source->path;
    const char *id = ep->id;
    emit_items items = {0};

    rt_buf_printf(e->out, "\n/* ---- %s %s (%s:%d) */\n", ep->method, ep->pattern, path,
                  ep->loc.line);
    if (ep->role_count > 0) {
        char **roles = rt_arena_alloc(e->arena, sizeof(char *) * (size_t)ep->role_count);
        for (int i = 0; i < ep->role_count; i++)
            roles[i] = emit_string(e, ep->roles[i]);
        rt_buf_puts(e->out, "\n");
        emit_wrapped(e, 0, emit_printf(e, "static const char *const %s_roles[] = {", id), roles,
                     ep->role_count, "};");
    }
    if (ep->path_field_count > 0)
        emit_fields(api, emit_printf(e, "%s_path", id), ep->path_fields, ep->path_field_count);
    if (ep->query_field_count > 0)
        emit_fields(api, emit_printf(e, "%s_query", id), ep->query_fields, ep->query_field_count);
    if (ep->body_field_count > 0)
        emit_fields(api, emit_printf(e, "%s_body", id), ep->body_fields, ep->body_field_count);
    if (ep->rule_count > 0)
        emit_rules(api, emit_printf(e, "%s_rules", id), ep->rules, ep->rule_count);
    if (ep->program.step_count > 0)
        emit_program(api, id, &ep->program);
    if (ep->member_count > 0)
        emit_members(api, emit_printf(e, "%s_response", id), ep->members, ep->member_count,
                     ep->status_loc.line);
    if (ep->location_count > 0)
        emit_values(api, emit_printf(e, "%s_location", id), ep->location, ep->location_count);
    if (ep->has_etag)
        emit_values(api, emit_printf(e, "%s_etag", id), &ep->etag, 1);

    rt_buf_printf(e->out, "\n/* %s:%d */\nconst rt_endpoint api_%s__%s = {\n", path, ep->loc.line,
                  api->file->stem, id);
    emit_item(e, &items, ".id = %s", emit_string(e, emit_printf(e, "%s.%s", api->file->stem, id)));
    emit_item(e, &items, ".method = %s", emit_string(e, ep->method));
    emit_item(e, &items, ".pattern = %s", emit_string(e, ep->pattern));
    emit_item(e, &items, ".summary = %s", emit_string(e, ep->summary));
    emit_item(e, &items, ".auth = %s", emit_auth(ep->auth));
    if (ep->role_count > 0)
        emit_item(e, &items, ".roles = %s_roles", id);
    else
        emit_item(e, &items, ".roles = NULL");
    emit_item(e, &items, ".role_count = %d", ep->role_count);
    emit_item(e, &items, ".limit = %s", emit_limit(ep->limit));
    emit_item(e, &items, ".path_fields = %s",
              ep->path_field_count > 0 ? emit_printf(e, "%s_path", id) : "NULL");
    emit_item(e, &items, ".path_field_count = %d", ep->path_field_count);
    emit_item(e, &items, ".query_fields = %s",
              ep->query_field_count > 0 ? emit_printf(e, "%s_query", id) : "NULL");
    emit_item(e, &items, ".query_field_count = %d", ep->query_field_count);
    emit_item(e, &items, ".body_fields = %s",
              ep->body_field_count > 0 ? emit_printf(e, "%s_body", id) : "NULL");
    emit_item(e, &items, ".body_field_count = %d", ep->body_field_count);
    emit_item(e, &items, ".has_body = %s", emit_bool(ep->has_body));
    emit_item(e, &items, ".page_field = %d", ep->page_field);
    emit_item(e, &items, ".page_size_field = %d", ep->page_size_field);
    emit_item(e, &items, ".cursor_field = %d", ep->cursor_field);
    if (ep->rule_count > 0) {
        emit_item(e, &items, ".rules = %s_rules", id);
        emit_item(e, &items, ".rule_count = %d", ep->rule_count);
    }
    emit_item(e, &items, ".steps = %s",
              ep->program.step_count > 0 ? emit_printf(e, "%s_steps", id) : "NULL");
    emit_item(e, &items, ".step_count = %d", emit_program_length(&ep->program));
    if (ep->hashes_passwords)
        emit_item(e, &items, ".hashes_passwords = true");
    emit_item(e, &items, ".status = %d", ep->status);
    emit_item(e, &items, ".response = %s",
              ep->member_count > 0 ? emit_printf(e, "%s_response", id) : "NULL");
    emit_item(e, &items, ".response_count = %d", ep->member_count);
    if (ep->location_count > 0) {
        emit_item(e, &items, ".location = %s_location", id);
        emit_item(e, &items, ".location_count = %d", ep->location_count);
    }
    if (ep->has_etag)
        emit_item(e, &items, ".etag = %s_etag", id);
    if (ep->idempotent)
        emit_item(e, &items, ".idempotent = true");
    emit_item(e, &items, ".spec_file = %s", emit_string(e, path));
    emit_item(e, &items, ".spec_line = %d", ep->loc.line);
    for (int k = 0; k < items.count; k++)
        rt_buf_printf(e->out, "    %s,\n", items.items[k]);
    rt_buf_puts(e->out, "};\n");
}

static void emit_job(emit_api *api, const api_job *job)
{
    emit_ctx *e = api->e;
    const char *path = api->file->source->path;
    const char *prefix = emit_printf(e, "job_%s", job->kind);
    emit_items items = {0};

    rt_buf_printf(e->out, "\n/* ---- job %s (%s:%d) */\n", job->kind, path, job->loc.line);
    if (job->payload_field_count > 0)
        emit_fields(api, emit_printf(e, "%s_payload", prefix), job->payload_fields,
                    job->payload_field_count);
    if (job->program.step_count > 0)
        emit_program(api, prefix, &job->program);
    rt_buf_printf(e->out, "\n/* %s:%d */\nconst rt_job %s = {\n", path, job->loc.line,
                  emit_job_symbol(e, job));
    emit_item(e, &items, ".kind = %s", emit_string(e, job->kind));
    emit_item(e, &items, ".summary = %s", emit_string(e, job->summary));
    emit_item(e, &items, ".payload_fields = %s",
              job->payload_field_count > 0 ? emit_printf(e, "%s_payload", prefix) : "NULL");
    emit_item(e, &items, ".payload_field_count = %d", job->payload_field_count);
    emit_item(e, &items, ".steps = %s",
              job->program.step_count > 0 ? emit_printf(e, "%s_steps", prefix) : "NULL");
    emit_item(e, &items, ".step_count = %d", emit_program_length(&job->program));
    emit_item(e, &items, ".max_attempts = %d", job->max_attempts);
    emit_item(e, &items, ".spec_file = %s", emit_string(e, path));
    emit_item(e, &items, ".spec_line = %d", job->loc.line);
    for (int k = 0; k < items.count; k++)
        rt_buf_printf(e->out, "    %s,\n", items.items[k]);
    rt_buf_puts(e->out, "};\n");
}

static void emit_lifecycle(emit_api *api, const api_lifecycle *l)
{
    emit_ctx *e = api->e;
    const char *path = api->file->source->path;
    const char *prefix = emit_printf(e, "lifecycle_%s", l->name);
    emit_items items = {0};

    rt_buf_printf(e->out, "\n/* ---- lifecycle %s on %s.%s (%s:%d) */\n", l->name, l->table,
                  l->column, path, l->loc.line);
    for (int i = 0; i < l->transition_count; i++) {
        const api_transition *t = &l->transitions[i];
        char **by = rt_arena_alloc(e->arena, sizeof(char *) * (size_t)(t->by_count + 1));
        if (t->by_count == 0)
            continue;
        for (int k = 0; k < t->by_count; k++)
            by[k] = emit_string(e, t->by[k]);
        rt_buf_puts(e->out, "\n");
        emit_wrapped(e, 0, emit_printf(e, "static const char *const %s_by%d[] = {", prefix, i), by,
                     t->by_count, "};");
    }
    rt_buf_printf(e->out, "\n/* %s:%d */\nstatic const rt_transition %s_transitions[] = {\n", path,
                  l->transitions[0].from_loc.line, prefix);
    for (int i = 0; i < l->transition_count; i++) {
        const api_transition *t = &l->transitions[i];
        char *fields[4];
        fields[0] = emit_printf(e, ".from = %s", emit_string(e, t->from));
        fields[1] = emit_printf(e, ".to = %s", emit_string(e, t->to));
        fields[2] = t->by_count > 0 ? emit_printf(e, ".by = %s_by%d", prefix, i) : ".by = NULL";
        fields[3] = emit_printf(e, ".by_count = %d", t->by_count);
        emit_wrapped(e, 4, "{", fields, 4, "},");
    }
    rt_buf_puts(e->out, "};\n");
    rt_buf_printf(e->out,
                  "\n/* the guard trigger, applied by `orderd migrate` when it changes */\n"
                  "static const char %s_guard_sql[] =\n",
                  prefix);
    emit_sql_literal(e, l->guard_sql);
    rt_buf_printf(e->out, "\n/* %s:%d */\nconst rt_lifecycle api_%s__%s = {\n", path, l->loc.line,
                  l->stem, prefix);
    emit_item(e, &items, ".name = %s", emit_string(e, l->name));
    emit_item(e, &items, ".table = %s", emit_string(e, l->table));
    emit_item(e, &items, ".column = %s", emit_string(e, l->column));
    emit_item(e, &items, ".transitions = %s_transitions", prefix);
    emit_item(e, &items, ".transition_count = %d", l->transition_count);
    emit_item(e, &items, ".guard_sql = %s_guard_sql", prefix);
    emit_item(e, &items, ".spec_file = %s", emit_string(e, path));
    emit_item(e, &items, ".spec_line = %d", l->loc.line);
    for (int k = 0; k < items.count; k++)
        rt_buf_printf(e->out, "    %s,\n", items.items[k]);
    rt_buf_puts(e->out, "};\n");
}

void emit_c_api_source(const model *m, const api_file *file, rt_buf *out)
{
    emit_ctx e;
    emit_api api;

    emit_init(&e, m, out);
    api.e = &e;
    api.file = file;
    api.enum_emitted = rt_arena_alloc(e.arena, sizeof(bool) * (size_t)(m->catalog.enum_count + 1));
    emit_banner_one(&e, file->source->path);
    rt_buf_puts(out, "#include <stddef.h>\n#include <stdint.h>\n\n#include \"api.h\"\n");
    for (int i = 0; i < file->job_count; i++)
        emit_job(&api, &file->jobs[i]);
    for (int i = 0; i < file->endpoint_count; i++)
        emit_endpoint(&api, &file->endpoints[i]);
    for (int i = 0; i < file->lifecycle_count; i++)
        emit_lifecycle(&api, &file->lifecycles[i]);
    emit_finish(&e);
}

void emit_c_api_header(const model *m, rt_buf *out)
{
    emit_ctx e;

    emit_init(&e, m, out);
    emit_banner_all(&e);
    rt_buf_puts(out, "#ifndef API_H\n#define API_H\n\n");
    rt_buf_puts(out, "#include \"rt_api.h\"\n");
    for (int i = 0; i < m->sql_file_count; i++)
        rt_buf_printf(out, "#include \"%s_sql.h\"\n", m->sql_files[i].stem);
    for (int i = 0; i < m->api_file_count; i++) {
        const api_file *file = &m->api_files[i];
        rt_buf_printf(out, "\n/* %s */\n", file->source->path);
        for (int k = 0; k < file->job_count; k++)
            rt_buf_printf(out, "extern const rt_job %s;\n", emit_job_symbol(&e, &file->jobs[k]));
        for (int k = 0; k < file->endpoint_count; k++)
            rt_buf_printf(out, "extern const rt_endpoint api_%s__%s;\n", file->stem,
                          file->endpoints[k].id);
        for (int k = 0; k < file->lifecycle_count; k++)
            rt_buf_printf(out, "extern const rt_lifecycle api_%s__lifecycle_%s;\n", file->stem,
                          file->lifecycles[k].name);
    }
    rt_buf_puts(out, "\n#endif /* API_H */\n");
    emit_finish(&e);
}

/* ---------------------------------------------------------------- registry */

typedef struct emit_route {
    const char *method;
    const char *pattern;
    const char *symbol;
} emit_route;

static int emit_compare_routes(const void *a, const void *b)
{
    const emit_route *ra = a;
    const emit_route *rb = b;
    int by_pattern = strcmp(ra->pattern, rb->pattern);
    return by_pattern != 0 ? by_pattern : strcmp(ra->method, rb->method);
}

static int emit_compare_strings(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* api_jobs (by kind), api_schedules (spec order), api_lifecycles (by name). */
static void emit_registry_background(emit_ctx *e)
{
    const model *m = e->model;
    int jobs = 0;
    int schedules = 0;
    int lifecycles = 0;
    char **names;
    int n = 0;

    for (int f = 0; f < m->api_file_count; f++) {
        jobs += m->api_files[f].job_count;
        schedules += m->api_files[f].schedule_count;
        lifecycles += m->api_files[f].lifecycle_count;
    }
    names = rt_arena_alloc(e->arena, sizeof(char *) * (size_t)(jobs + lifecycles + 1));
    /* "kind symbol" sorts by kind */
    for (int f = 0; f < m->api_file_count; f++) {
        for (int i = 0; i < m->api_files[f].job_count; i++)
            names[n++] = emit_printf(e, "%s %s", m->api_files[f].jobs[i].kind,
                                     emit_job_symbol(e, &m->api_files[f].jobs[i]));
    }
    qsort(names, (size_t)n, sizeof *names, emit_compare_strings);
    rt_buf_puts(e->out, "\n/* Background jobs, sorted by kind. */\n");
    rt_buf_puts(e->out, "const rt_job *const api_jobs[] = {\n");
    for (int i = 0; i < n; i++)
        rt_buf_printf(e->out, "    &%s,\n", strchr(names[i], ' ') + 1);
    if (n == 0)
        rt_buf_puts(e->out, "    NULL, /* no jobs: a placeholder */\n");
    rt_buf_printf(e->out, "};\nconst int api_job_count = %d;\n", n);

    rt_buf_puts(e->out, "\n/* schedule JOB every config.KEY */\n");
    rt_buf_puts(e->out, "const rt_schedule api_schedules[] = {\n");
    for (int f = 0; f < m->api_file_count; f++) {
        for (int i = 0; i < m->api_files[f].schedule_count; i++) {
            const api_schedule *sc = &m->api_files[f].schedules[i];
            char *fields[4];
            fields[0] = emit_printf(e, ".job = &%s", emit_job_symbol(e, sc->job));
            fields[1] =
                emit_printf(e, ".interval = RT_CONFIG_%s", names_config_key(sc->interval)->id);
            fields[2] =
                emit_printf(e, ".spec_file = %s", emit_string(e, m->api_files[f].source->path));
            fields[3] = emit_printf(e, ".spec_line = %d", sc->loc.line);
            emit_wrapped(e, 4, "{", fields, 4, "},");
        }
    }
    if (schedules == 0)
        rt_buf_puts(e->out, "    {.job = NULL}, /* no schedules: a placeholder */\n");
    rt_buf_printf(e->out, "};\nconst int api_schedule_count = %d;\n", schedules);

    n = 0;
    for (int f = 0; f < m->api_file_count; f++) {
        for (int i = 0; i < m->api_files[f].lifecycle_count; i++)
            names[n++] =
                emit_printf(e, "%s api_%s__lifecycle_%s", m->api_files[f].lifecycles[i].name,
                            m->api_files[f].stem, m->api_files[f].lifecycles[i].name);
    }
    qsort(names, (size_t)n, sizeof *names, emit_compare_strings);
    rt_buf_puts(e->out, "\n/* Lifecycles, sorted by name. */\n");
    rt_buf_puts(e->out, "const rt_lifecycle *const api_lifecycles[] = {\n");
    for (int i = 0; i < n; i++)
        rt_buf_printf(e->out, "    &%s,\n", strchr(names[i], ' ') + 1);
    if (n == 0)
        rt_buf_puts(e->out, "    NULL, /* no lifecycles: a placeholder */\n");
    rt_buf_printf(e->out, "};\nconst int api_lifecycle_count = %d;\n", n);
}

void emit_c_registry(const model *m, rt_buf *out)
{
    emit_ctx e;
    emit_route *routes;
    int count = 0;

    emit_init(&e, m, out);
    for (int i = 0; i < m->api_file_count; i++)
        count += m->api_files[i].endpoint_count;
    routes = rt_arena_alloc(e.arena, sizeof *routes * (size_t)(count + 1));
    count = 0;
    for (int i = 0; i < m->api_file_count; i++) {
        for (int k = 0; k < m->api_files[i].endpoint_count; k++) {
            const api_endpoint *ep = &m->api_files[i].endpoints[k];
            routes[count].method = ep->method;
            routes[count].pattern = ep->pattern;
            routes[count].symbol = emit_printf(&e, "api_%s__%s", m->api_files[i].stem, ep->id);
            count++;
        }
    }
    qsort(routes, (size_t)count, sizeof *routes, emit_compare_routes);

    emit_banner_all(&e);
    rt_buf_puts(out, "#include <stddef.h>\n\n#include \"api.h\"\n");
    rt_buf_puts(out, "\n/* Sorted by pattern, then method (bytewise). */\n");
    rt_buf_puts(out, "const rt_route api_routes[] = {\n");
    for (int i = 0; i < count; i++)
        rt_buf_printf(out, "    {%s, %s, &%s},\n", emit_string(&e, routes[i].method),
                      emit_string(&e, routes[i].pattern), routes[i].symbol);
    if (count == 0)
        rt_buf_puts(out, "    {NULL, NULL, NULL}, /* no endpoints: a placeholder */\n");
    rt_buf_puts(out, "};\n");
    rt_buf_printf(out, "const int api_route_count = %d;\n", count);

    rt_buf_puts(out, "\n/* Indexed by rt_query.id: every query, sorted by name. */\n");
    rt_buf_puts(out, "const rt_query *const api_queries[] = {\n");
    for (int i = 0; i < m->query_count; i++)
        rt_buf_printf(out, "    &%s_query,\n", emit_query_symbol(&e, m->queries_by_id[i]));
    if (m->query_count == 0)
        rt_buf_puts(out, "    NULL, /* no queries: a placeholder */\n");
    rt_buf_puts(out, "};\n");
    rt_buf_printf(out, "const int api_query_count = %d;\n", m->query_count);

    emit_registry_background(&e);
    emit_finish(&e);
}
