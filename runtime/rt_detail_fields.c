/*
 * rt_detail_fields.c - turns a RAISE's DETAIL into field errors (see
 * rt_detail_fields.h). The shape is checked whole before anything is
 * added, so a refused detail leaves no half of its errors behind.
 */
#include "rt_detail_fields.h"

#include <limits.h>
#include <stdbool.h>
#include <string.h>

#include "rt_error.h"
#include "rt_json.h"

/* A non-empty array of strings: one field's (or item member's) messages. */
static bool detail_fields_is_messages(const rt_json *value)
{
    if (value->kind != RT_JSON_ARRAY || value->count == 0)
        return false;
    for (size_t i = 0; i < value->count; i++)
        if (value->items[i].kind != RT_JSON_STRING)
            return false;
    return true;
}

/* A non-empty array of objects whose members are messages: an array
 * field's items. *errors counts their messages. */
static bool detail_fields_is_items(const rt_json *value, size_t *errors)
{
    if (value->kind != RT_JSON_ARRAY || value->count == 0 || value->count > INT_MAX)
        return false;
    for (size_t i = 0; i < value->count; i++) {
        const rt_json *item = &value->items[i];
        if (item->kind != RT_JSON_OBJECT)
            return false;
        for (size_t k = 0; k < item->count; k++) {
            if (!detail_fields_is_messages(&item->items[k]))
                return false;
            *errors += item->items[k].count;
        }
    }
    return true;
}

/* Checks the whole detail; *problem says what is wrong. */
static int detail_fields_check(const rt_json *root, const char **problem)
{
    size_t errors = 0;

    if (root->kind != RT_JSON_OBJECT) {
        *problem = "the DETAIL is not a JSON object";
        return RT_EINVAL;
    }
    for (size_t i = 0; i < root->count; i++) {
        const rt_json *value = &root->items[i]; /* keys are unique: rt_json refuses twins */
        if (detail_fields_is_messages(value)) {
            errors += value->count;
        } else if (!detail_fields_is_items(value, &errors)) {
            *problem = "a field's value is neither a list of messages nor a list of item objects";
            return RT_EINVAL;
        }
    }
    if (errors == 0) {
        *problem = "the DETAIL names no error";
        return RT_EINVAL;
    }
    return 0;
}

/* Adds the messages of value, about field (or member `member` of item
 * `item` of item_count when item >= 0). */
static int detail_fields_add(rt_field_errors *out, rt_arena *arena, const char *field, int item,
                             int item_count, const char *member, const rt_json *value)
{
    for (size_t i = 0; i < value->count; i++) {
        const char *message = rt_arena_strdup(arena, value->items[i].text);
        int rc;
        if (message == NULL)
            return RT_ENOMEM;
        rc = item < 0
                 ? rt_field_errors_add(out, arena, field, message)
                 : rt_field_errors_add_item(out, arena, field, item, item_count, member, message);
        if (rc != 0)
            return rc;
    }
    return 0;
}

static int detail_fields_add_all(const rt_json *root, rt_arena *arena, rt_field_errors *out)
{
    for (size_t i = 0; i < root->count; i++) {
        const rt_json *value = &root->items[i];
        const char *field = rt_arena_strdup(arena, root->keys[i]);
        int rc = 0;
        if (field == NULL)
            return RT_ENOMEM;
        if (value->items[0].kind == RT_JSON_STRING) {
            rc = detail_fields_add(out, arena, field, -1, 0, NULL, value);
            if (rc != 0)
                return rc;
            continue;
        }
        for (size_t item = 0; item < value->count && rc == 0; item++) {
            const rt_json *object = &value->items[item];
            for (size_t k = 0; k < object->count && rc == 0; k++) {
                const char *member = rt_arena_strdup(arena, object->keys[k]);
                rc = member == NULL
                         ? RT_ENOMEM
                         : detail_fields_add(out, arena, field, (int)item, (int)value->count,
                                             member, &object->items[k]);
            }
        }
        if (rc != 0)
            return rc;
    }
    return 0;
}

int rt_detail_fields_parse(const char *detail, rt_arena *arena, rt_field_errors *out,
                           const char **problem)
{
    rt_json_doc *doc = NULL;
    const rt_json *root = NULL;
    rt_json_error error;
    int count = out->count;
    int rc;

    *problem = NULL;
    if (detail == NULL) {
        *problem = "the RAISE has no DETAIL";
        return RT_EINVAL;
    }
    rc = rt_json_parse(detail, strlen(detail), &doc, &root, &error);
    if (rc == RT_EINVAL)
        *problem = "the DETAIL is not JSON";
    if (rc != 0)
        goto done;
    rc = detail_fields_check(root, problem);
    if (rc != 0)
        goto done;
    rc = detail_fields_add_all(root, arena, out);
    if (rc != 0)
        out->count = count; /* out of memory half-way: nothing added */

done:
    rt_json_doc_free(doc);
    return rc;
}
