/*
 * rt_render.c - writes results as JSON (see rt_render.h): values by their
 * rt_type (numbers and booleans bare, timestamps in ISO 8601 with Z, the
 * rest as strings), query rows as objects, response and log members.
 */
#include "rt_render.h"

#include <string.h>

const char *rt_render_column(const rt_render_source *source, int step, int row, int column)
{
    const rt_step_state *state = &source->states[step];

    if (state->absent)
        return NULL;
    if (state->columns)
        return row == 0 ? state->columns[column] : NULL;
    if (state->has_result && row < state->result.rows)
        return rt_db_value(&state->result, row, column);
    return NULL;
}

void rt_render_value(rt_buf *b, rt_type type, const char *text)
{
    if (!text) {
        rt_buf_puts(b, "null");
        return;
    }
    switch (type) {
    case RT_TYPE_INT:
    case RT_TYPE_BIGINT:
    case RT_TYPE_JSON:
        rt_buf_puts(b, text);
        return;
    case RT_TYPE_BOOL:
        rt_buf_puts(b, text[0] == 't' ? "true" : "false"); /* "t" or "true" */
        return;
    case RT_TYPE_TIMESTAMPTZ: {
        /* DateStyle ISO, TimeZone UTC: "2026-11-22 00:07:09.12+00" becomes
         * "2026-11-22T00:07:09.12Z", as DRF writes it. */
        size_t n = strlen(text);
        char iso[64];
        if (n < sizeof iso && n > 3 && strcmp(text + n - 3, "+00") == 0) {
            memcpy(iso, text, n - 3);
            iso[n - 3] = 'Z';
            iso[n - 2] = '\0';
            char *space = strchr(iso, ' ');
            if (space)
                *space = 'T';
            rt_buf_json_string(b, iso);
            return;
        }
        rt_buf_json_string(b, text);
        return;
    }
    case RT_TYPE_TEXT:
    case RT_TYPE_NUMERIC:
    case RT_TYPE_UUID:
    case RT_TYPE_DATE:
    case RT_TYPE_ENUM:
        break;
    }
    rt_buf_json_string(b, text);
}

static void write_key(rt_buf *b, const char *key, bool *first)
{
    if (!*first)
        rt_buf_puts(b, ",");
    *first = false;
    rt_buf_json_string(b, key);
    rt_buf_puts(b, ":");
}

/* Writes one row of a query step as object members (no braces). */
static void write_row_members(const rt_render_source *source, int step, int row, int column_count,
                              rt_buf *b, bool *first)
{
    const rt_query *query = source->steps[step].query;

    for (int c = 0; c < column_count; c++) {
        write_key(b, query->columns[c].name, first);
        rt_render_value(b, query->columns[c].type, rt_render_column(source, step, row, c));
    }
}

static int step_rows(const rt_render_source *source, int step)
{
    const rt_step_state *state = &source->states[step];
    if (state->absent || !state->has_result)
        return 0;
    return state->result.rows;
}

void rt_render_rows(const rt_render_source *source, int step, const rt_render_window *window,
                    rt_buf *b)
{
    const rt_query *query = source->steps[step].query;
    int columns = query->column_count - (window ? window->hidden_columns : 0);
    int rows = step_rows(source, step);

    if (window && window->rows < rows)
        rows = window->rows;
    rt_buf_puts(b, "[");
    for (int r = 0; r < rows; r++) {
        bool first = true;
        rt_buf_puts(b, r > 0 ? ",{" : "{");
        write_row_members(source, step, window && window->reversed ? rows - 1 - r : r, columns, b,
                          &first);
        rt_buf_puts(b, "}");
    }
    rt_buf_puts(b, "]");
}

int rt_render_members(const rt_render_source *source, const rt_member *members, int count,
                      rt_buf *b, bool *first)
{
    for (int i = 0; i < count; i++) {
        const rt_member *member = &members[i];
        const rt_step *step = member->kind == RT_MEMBER_VALUE ? NULL : &source->steps[member->step];

        switch (member->kind) {
        case RT_MEMBER_VALUE: {
            const char *text = NULL;
            int rc = source->evaluate(source->context, &member->value, &text);
            if (rc != 0)
                return rc;
            write_key(b, member->key, first);
            rt_render_value(b, member->value.type, text);
            break;
        }
        case RT_MEMBER_ROW:
            if (!member->key) {
                if (step->kind == RT_STEP_QUERY && step_rows(source, member->step) > 0)
                    write_row_members(source, member->step, 0, step->query->column_count, b, first);
                break;
            }
            write_key(b, member->key, first);
            if (step->kind != RT_STEP_QUERY || step_rows(source, member->step) == 0) {
                rt_buf_puts(b, "null");
            } else {
                bool inner_first = true;
                rt_buf_puts(b, "{");
                write_row_members(source, member->step, 0, step->query->column_count, b,
                                  &inner_first);
                rt_buf_puts(b, "}");
            }
            break;
        case RT_MEMBER_ROWS:
            write_key(b, member->key, first);
            rt_render_rows(source, member->step, NULL, b);
            break;
        case RT_MEMBER_EACH: {
            int rows = step_rows(source, member->step);
            write_key(b, member->key, first);
            rt_buf_puts(b, "[");
            for (int r = 0; r < rows; r++) {
                if (r > 0)
                    rt_buf_puts(b, ",");
                rt_render_value(b, member->type,
                                rt_render_column(source, member->step, r, member->column));
            }
            rt_buf_puts(b, "]");
            break;
        }
        case RT_MEMBER_PAGE:
            break; /* rendered by rt_endpoint.c, which knows the request */
        }
    }
    return 0;
}
