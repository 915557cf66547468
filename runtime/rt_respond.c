/*
 * rt_respond.c - writes the error shape (see rt_respond.h) into a response.
 *
 * Field errors are grouped by field in first-seen order. Errors about the
 * items of an array field (rt_field_error.item >= 0) are rendered in DRF's
 * nested shape, one object per item, empty for a valid item:
 *   "items": [{}, {"quantity": ["Ensure this value is ..."]}]
 * rt_validate adds one array's errors together, item by item in order
 * (rt_field_errors_add_item), which is what lets this be one pass.
 */
#include "rt_respond.h"

#include <stdbool.h>
#include <string.h>

#include "rt_buf.h"
#include "rt_error.h"

static bool respond_same_field(const rt_field_error *a, const rt_field_error *b)
{
    return strcmp(a->field, b->field) == 0;
}

/* The messages of errors[from..to) whose `key` (field or member) is that
 * of errors[from], as a JSON array. */
static void respond_messages(rt_buf *b, const rt_field_error *errors, int from, int to,
                             bool by_member)
{
    const char *key = by_member ? errors[from].member : errors[from].field;
    bool first = true;

    rt_buf_puts(b, "[");
    for (int j = from; j < to; j++) {
        if (strcmp(by_member ? errors[j].member : errors[j].field, key) != 0)
            continue;
        if (!first)
            rt_buf_puts(b, ",");
        rt_buf_json_string(b, errors[j].message);
        first = false;
    }
    rt_buf_puts(b, "]");
}

/* One item's object: its errors errors[from..to), grouped by member. */
static void respond_item(rt_buf *b, const rt_field_error *errors, int from, int to)
{
    rt_buf_puts(b, "{");
    for (int j = from; j < to; j++) {
        bool seen = false;
        for (int k = from; k < j && !seen; k++)
            seen = strcmp(errors[k].member, errors[j].member) == 0;
        if (seen)
            continue;
        if (j > from)
            rt_buf_puts(b, ",");
        rt_buf_json_string(b, errors[j].member);
        rt_buf_puts(b, ":");
        respond_messages(b, errors, j, to, true);
    }
    rt_buf_puts(b, "}");
}

/* The array field errors[from]'s items, from its run of item errors;
 * returns the index after the run. */
static int respond_items(rt_buf *b, const rt_field_error *errors, int count, int from)
{
    int at = from;

    rt_buf_puts(b, "[");
    for (int item = 0; item < errors[from].item_count; item++) {
        int end = at;
        while (end < count && errors[end].item == item &&
               respond_same_field(&errors[end], &errors[from]))
            end++;
        if (item > 0)
            rt_buf_puts(b, ",");
        respond_item(b, errors, at, end);
        at = end;
    }
    rt_buf_puts(b, "]");
    return at;
}

static void respond_fields(rt_buf *b, const rt_field_errors *fields)
{
    const rt_field_error *errors = fields->errors;
    bool first = true;

    rt_buf_puts(b, ",\"fields\":{");
    for (int i = 0; i < fields->count;) {
        bool seen = false;
        for (int j = 0; j < i && !seen; j++)
            seen = respond_same_field(&errors[j], &errors[i]);
        if (seen) {
            i++;
            continue;
        }
        if (!first)
            rt_buf_puts(b, ",");
        first = false;
        rt_buf_json_string(b, errors[i].field);
        rt_buf_puts(b, ":");
        if (errors[i].item >= 0) {
            i = respond_items(b, errors, fields->count, i);
        } else {
            respond_messages(b, errors, i, fields->count, false);
            i++;
        }
    }
    rt_buf_puts(b, "}");
}

void rt_respond_error(rt_response *resp, int status, const char *code, const char *message,
                      const rt_field_errors *fields)
{
    rt_buf *b = &resp->body;

    resp->status = status;
    resp->content_type = NULL;
    rt_buf_reset(b);
    rt_buf_printf(b, "{\"error\":{\"status\":%d,\"code\":", status);
    rt_buf_json_string(b, code ? code : rt_error_default_code(status));
    rt_buf_puts(b, ",\"message\":");
    rt_buf_json_string(b, message);
    if (fields && fields->count > 0)
        respond_fields(b, fields);
    rt_buf_puts(b, "}}");
}
