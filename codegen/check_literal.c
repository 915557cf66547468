/*
 * check_literal.c - string literals against the type they bind to (see
 * check_literal.h).
 */
#include "check_literal.h"

#include <string.h>

#include "catalog.h"
#include "rt_api.h"
#include "rt_arena.h"
#include "rt_validate.h"

static bool check_literal_label(check_ctx *c, const api_value *v, const sqltype *target)
{
    const catalog_enum *e = catalog_find_enum(&c->model->catalog, target->name);
    diag_suggestion s;
    char hint[300];

    if (!e || catalog_enum_has_label(e, v->text))
        return true;
    diag_suggest_init(&s, v->text);
    for (int i = 0; i < e->label_count; i++)
        diag_suggest_consider(&s, e->labels[i]);
    diag_error(c->diag, v->loc, "\"%s\" is not a label of enum %s%s", v->text, e->name,
               diag_suggest_hint(&s, hint, sizeof hint));
    return false;
}

/* The runtime's validator on the literal, as a field of that kind. */
static bool check_literal_shape(const api_value *v, rt_field_kind kind, rt_type type)
{
    rt_field field;
    rt_arena *scratch = NULL;
    const char *text = NULL;
    bool valid;

    memset(&field, 0, sizeof field);
    field.name = "literal";
    field.kind = kind;
    field.type = type;
    rt_arena_create(&scratch); /* out of memory ends specc */
    valid = rt_validate_string(&field, v->text, scratch, &text) == 0;
    rt_arena_destroy(scratch);
    return valid;
}

bool check_literal_valid(check_ctx *c, const api_value *v, const sqltype *target)
{
    if (v->kind != API_VALUE_STRING || target->opaque)
        return true;
    switch (target->type) {
    case RT_TYPE_ENUM:
        return check_literal_label(c, v, target);
    case RT_TYPE_DATE:
        if (check_literal_shape(v, RT_FIELD_DATE, target->type))
            return true;
        diag_error(c->diag, v->loc, "\"%s\" is not a date (YYYY-MM-DD)", v->text);
        return false;
    case RT_TYPE_TIMESTAMPTZ:
        if (check_literal_shape(v, RT_FIELD_TIMESTAMP, target->type))
            return true;
        diag_error(c->diag, v->loc,
                   "\"%s\" is not a date-time (YYYY-MM-DDThh:mm:ss[.fraction] with Z or "
                   "+HH:MM/-HH:MM)",
                   v->text);
        return false;
    case RT_TYPE_UUID:
        if (check_literal_shape(v, RT_FIELD_UUID, target->type))
            return true;
        diag_error(c->diag, v->loc, "\"%s\" is not a uuid", v->text);
        return false;
    default:
        return true;
    }
}
