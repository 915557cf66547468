/*
 * rt_respond.c - writes the error shape (see rt_respond.h) into a buffer.
 */
#include "rt_respond.h"

#include <stdbool.h>
#include <string.h>

#include "rt_buf.h"
#include "rt_error.h"

void rt_respond_error_body(rt_buf *b, int status, const char *code, const char *message,
                           const rt_field_errors *fields)
{
    rt_buf_reset(b);
    rt_buf_printf(b, "{\"error\":{\"status\":%d,\"code\":", status);
    rt_buf_json_string(b, code ? code : rt_error_default_code(status));
    rt_buf_puts(b, ",\"message\":");
    rt_buf_json_string(b, message);
    if (fields && fields->count > 0) {
        /* Group messages by field, keeping first-seen field order. */
        rt_buf_puts(b, ",\"fields\":{");
        for (int i = 0; i < fields->count; i++) {
            const char *name = fields->errors[i].field;
            bool seen = false;
            for (int j = 0; j < i && !seen; j++)
                seen = strcmp(fields->errors[j].field, name) == 0;
            if (seen)
                continue;
            if (i > 0)
                rt_buf_puts(b, ",");
            rt_buf_json_string(b, name);
            rt_buf_puts(b, ":[");
            bool first = true;
            for (int j = i; j < fields->count; j++) {
                if (strcmp(fields->errors[j].field, name) != 0)
                    continue;
                if (!first)
                    rt_buf_puts(b, ",");
                rt_buf_json_string(b, fields->errors[j].message);
                first = false;
            }
            rt_buf_puts(b, "]");
        }
        rt_buf_puts(b, "}");
    }
    rt_buf_puts(b, "}}");
}
