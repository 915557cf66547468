/*
 * check_value.c - values resolved for the runtime (see check_value.h):
 * references to fields, auth and config keys, job keys and earlier steps,
 * built-in calls and literals, with "did you mean" hints for unknown names.
 */
#include "check_value.h"

#include <assert.h>
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "check_field.h"
#include "check_literal.h"
#include "check_lookup.h"
#include "names.h"
#include "rt_error.h"
#include "sqltype.h"

/* How a value reads in messages: body.email, "text", hash_password(...). */
const char *check_value_describe(check_ctx *c, const api_value *v)
{
    switch (v->kind) {
    case API_VALUE_NULL:
        return "null";
    case API_VALUE_STRING:
        return arena_printf(c->arena, "\"%s\"", v->text);
    case API_VALUE_NUMBER:
    case API_VALUE_BOOL:
        return v->text;
    case API_VALUE_REF:
        return arena_printf(c->arena, "%s.%s", v->text, v->member);
    case API_VALUE_CALL:
        return arena_printf(c->arena, "%s(...)", v->text);
    }
    return "?";
}

/* Digits after the point of a number literal. */
static int check_decimals(const char *number)
{
    const char *dot = strchr(number, '.');
    return dot ? (int)strlen(dot + 1) : 0;
}

/* Whether value v may bind where target is expected; literals are judged
 * by what they spell. */
bool check_value_fits(const check_ctx *c, const api_value *v, const sqltype *target)
{
    switch (v->kind) {
    case API_VALUE_NULL:
        return true;
    case API_VALUE_STRING:
        if (target->type == RT_TYPE_ENUM) {
            const catalog_enum *e = catalog_find_enum(&c->model->catalog, target->name);
            return e && catalog_enum_has_label(e, v->text);
        }
        return target->type == RT_TYPE_TEXT || target->type == RT_TYPE_UUID ||
               target->type == RT_TYPE_TIMESTAMPTZ || target->type == RT_TYPE_DATE ||
               target->type == RT_TYPE_JSON;
    case API_VALUE_NUMBER:
        if (target->type == RT_TYPE_INT || target->type == RT_TYPE_BIGINT)
            return check_decimals(v->text) == 0;
        if (target->type == RT_TYPE_NUMERIC)
            return target->precision == 0 || check_decimals(v->text) <= target->scale;
        return false;
    case API_VALUE_BOOL:
        return target->type == RT_TYPE_BOOL;
    default:
        /* an opaque type is an earlier, reported error: no second one */
        return v->type.opaque || !v->type.name || sqltype_compatible(&v->type, target);
    }
}

static void check_unknown_field(check_ctx *c, const api_value *v, const char *where,
                                const api_field *fields, int count)
{
    diag_suggestion s;
    char hint[300];

    diag_suggest_init(&s, v->member);
    for (int i = 0; i < count; i++)
        diag_suggest_consider(&s, fields[i].name);
    diag_error(c->diag, v->member_loc, "unknown %s field \"%s\"%s", where, v->member,
               diag_suggest_hint(&s, hint, sizeof hint));
}

/* body.f?: a bool, true when the key was in the body (null included), so
 * SQL can tell an absent key (leave the column) from null (clear it). */
static int check_present_ref(check_ctx *c, api_value *v, const api_field *f, int index)
{
    if (c->job || strcmp(v->text, "body") != 0) {
        diag_error(c->diag, v->loc, "%s.%s?: only a body field can be asked whether it was sent",
                   v->text, v->member);
        return 0;
    }
    if (f->required || f->has_default) {
        diag_error(c->diag, v->member_loc, "body.%s? is always true: the field is %s", v->member,
                   f->required ? "required" : "given its default when absent");
        return 0;
    }
    v->rt_kind = RT_VALUE_BODY_PRESENT;
    v->index = index;
    v->nullable = false;
    sqltype_from_word(c->arena, "bool", 0, 0, &v->type);
    return 0;
}

static int check_field_ref(check_ctx *c, api_value *v, rt_value_kind kind)
{
    api_endpoint *e = c->endpoint;
    api_field *fields;
    api_field *f;
    int count;
    int index = -1;
    const char *where;
    bool payload = strcmp(v->text, "payload") == 0;

    if (c->job || payload) {
        if (!c->job) {
            diag_error(c->diag, v->loc, "payload.%s: only a job has a payload", v->member);
            return 0;
        }
        if (!payload) {
            diag_error(c->diag, v->loc, "%s.%s: a job has no %s (use payload.%s)", v->text,
                       v->member, v->text, v->member);
            return 0;
        }
        fields = c->job->payload_fields;
        count = c->job->payload_field_count;
        where = "payload";
    } else if (kind == RT_VALUE_BODY) {
        fields = e->body_fields;
        count = e->body_field_count;
        where = "body";
        if (!e->has_body) {
            diag_error(c->diag, v->loc, "body.%s: endpoint %s %s has no body", v->member, e->method,
                       e->path);
            return 0;
        }
    } else if (kind == RT_VALUE_QUERY) {
        fields = e->query_fields;
        count = e->query_field_count;
        where = "query";
        if (!e->has_query) {
            diag_error(c->diag, v->loc, "query.%s: endpoint %s %s has no query block", v->member,
                       e->method, e->path);
            return 0;
        }
    } else {
        fields = e->path_fields;
        count = e->path_field_count;
        where = "path";
    }
    f = check_lookup_field(fields, count, v->member, &index);
    if (!f) {
        check_unknown_field(c, v, where, fields, count);
        return 0;
    }
    f->used = true;
    if (v->present)
        return check_present_ref(c, v, f, index);
    /* an array binds as jsonb (its validated items, re-serialised); a
       field of an `either` alternative is absent when another is chosen */
    v->rt_kind = kind;
    v->index = index;
    v->type = f->type;
    v->nullable = !f->required || f->nullable || f->alternative != 0;
    return 0;
}

void check_value_unknown_step(check_ctx *c, const api_value *v, int step_limit)
{
    api_program *e = c->program;
    diag_suggestion s;
    char hint[300];

    for (int i = step_limit; i < e->step_count; i++) {
        if (e->steps[i].name && strcmp(e->steps[i].name, v->text) == 0) {
            diag_error(c->diag, v->loc, "step \"%s\" is used before it runs", v->text);
            diag_note(c->diag, e->steps[i].name_loc, "\"%s\" runs here", v->text);
            return;
        }
    }
    diag_suggest_init(&s, v->text);
    for (int i = 0; i < step_limit && i < e->step_count; i++)
        diag_suggest_consider(&s, e->steps[i].name);
    diag_suggest_consider(&s, c->job ? "payload" : "body");
    diag_suggest_consider(&s, c->job ? "job" : "query");
    diag_suggest_consider(&s, "path");
    diag_suggest_consider(&s, "auth");
    diag_suggest_consider(&s, "config");
    diag_error(c->diag, v->loc, "unknown step \"%s\"%s", v->text,
               diag_suggest_hint(&s, hint, sizeof hint));
}

static int check_step_ref(check_ctx *c, api_value *v, int step_limit)
{
    api_program *e = c->program;
    diag_suggestion s;
    char hint[300];

    for (int i = 0; i < step_limit && i < e->step_count; i++) {
        api_step *step = &e->steps[i];
        if (!step->name || strcmp(step->name, v->text) != 0)
            continue;
        if (step->kind == RT_STEP_QUERY && (!step->query || step->query->has_errors)) {
            v->type.opaque = true; /* unknown or broken query: already reported */
            v->type.name = "?";
            return 0;
        }
        if (step->column_count == 0) {
            diag_error(c->diag, v->loc, "step \"%s\" returns no row", v->text);
            return 0;
        }
        if (step->query && step->query->cardinality != RT_CARD_ONE) {
            diag_error(c->diag, v->loc,
                       "step \"%s\" returns many rows: use `rows %s` or `each %s.%s` in the "
                       "response",
                       v->text, v->text, v->text, v->member);
            return 0;
        }
        diag_suggest_init(&s, v->member);
        for (int k = 0; k < step->column_count; k++) {
            if (strcmp(step->columns[k].name, v->member) == 0) {
                v->rt_kind = RT_VALUE_STEP;
                v->index = step->rt_index;
                v->column = k;
                v->type = step->columns[k].type;
                v->nullable = step->columns[k].nullable || step->optional;
                return 0;
            }
            diag_suggest_consider(&s, step->columns[k].name);
        }
        if (step->query)
            diag_error(c->diag, v->member_loc, "unknown column \"%s\" in step %s (query %s)%s",
                       v->member, v->text, step->query->name,
                       diag_suggest_hint(&s, hint, sizeof hint));
        else
            diag_error(c->diag, v->member_loc, "unknown column \"%s\" in step %s%s", v->member,
                       v->text, diag_suggest_hint(&s, hint, sizeof hint));
        return 0;
    }
    check_value_unknown_step(c, v, step_limit);
    return 0;
}

bool check_value_type_of_name(check_ctx *c, const char *name, diag_loc loc, sqltype *out)
{
    if (catalog_type_from_name(&c->model->catalog, c->arena, name, out))
        return true;
    diag_error(c->diag, loc, "type \"%s\" (from runtime/rt_names.def) is not in the migrations",
               name);
    return false;
}

static int check_keyed_ref(check_ctx *c, api_value *v, bool auth)
{
    int index = auth ? names_find_auth_key(v->member) : names_find_config_key(v->member);
    int count = auth ? names_auth_key_count() : names_config_key_count();
    diag_suggestion s;
    char hint[300];

    if (index < 0) {
        diag_suggest_init(&s, v->member);
        for (int i = 0; i < count; i++)
            diag_suggest_consider(&s, auth ? names_auth_key(i)->name : names_config_key(i)->name);
        diag_error(c->diag, v->member_loc, "unknown %s key \"%s\"%s", auth ? "auth" : "config",
                   v->member, diag_suggest_hint(&s, hint, sizeof hint));
        return 0;
    }
    if (auth && c->job) {
        diag_error(c->diag, v->loc, "auth.%s: a job runs without a signed-in user", v->member);
        return 0;
    }
    if (auth && c->endpoint->auth == RT_AUTH_PUBLIC) {
        diag_error(c->diag, v->loc, "auth.%s needs a signed-in user, but the endpoint is public",
                   v->member);
        return 0;
    }
    v->rt_kind = auth ? RT_VALUE_AUTH : RT_VALUE_CONFIG;
    v->index = index;
    check_value_type_of_name(c, auth ? names_auth_key(index)->type : names_config_key(index)->type,
                             v->loc, &v->type);
    return 0;
}

/* Checks a built-in call's arguments; *builtin receives its index. */
int check_value_call(check_ctx *c, api_value *v, int step_limit, int *builtin)
{
    const names_builtin *b;
    diag_suggestion s;
    char hint[300];
    char type_name[64];
    int rc = 0;

    *builtin = names_find_builtin(v->text);
    if (*builtin < 0) {
        diag_suggest_init(&s, v->text);
        for (int i = 0; i < names_builtin_count(); i++)
            diag_suggest_consider(&s, names_builtin_at(i)->name);
        diag_error(c->diag, v->loc, "unknown built-in \"%s\"%s", v->text,
                   diag_suggest_hint(&s, hint, sizeof hint));
        return 0;
    }
    b = names_builtin_at(*builtin);
    if (v->arg_count != b->arg_count) {
        diag_error(c->diag, v->loc, "%s takes %d argument%s, %d given", b->name, b->arg_count,
                   b->arg_count == 1 ? "" : "s", v->arg_count);
        *builtin = -1;
        return 0;
    }
    for (int i = 0; i < v->arg_count; i++) {
        api_value *arg = &v->args[i];
        sqltype expected;
        int errors = c->diag->error_count;
        memset(&expected, 0, sizeof expected); /* catalog_type_from_name sets no flags */
        rc = check_value_resolve(c, arg, step_limit);
        if (rc)
            return rc;
        if (c->diag->error_count > errors)
            continue;
        names_list_item(b->arg_types, i, type_name, (int)sizeof type_name);
        if (!check_value_type_of_name(c, type_name, v->loc, &expected))
            continue;
        if (check_literal_valid(c, arg, &expected) && !check_value_fits(c, arg, &expected))
            diag_error(c->diag, arg->loc, "type mismatch: argument %d of %s is %s, but %s is %s",
                       i + 1, b->name, expected.name, check_value_describe(c, arg),
                       arg->kind == API_VALUE_STRING ? "a string" : arg->type.name);
    }
    return 0;
}

/* job.id, job.attempt: inside a job only. */
static int check_job_ref(check_ctx *c, api_value *v)
{
    if (!c->job) {
        diag_error(c->diag, v->loc, "job.%s: only inside a job", v->member);
        return 0;
    }
    if (strcmp(v->member, "id") != 0 && strcmp(v->member, "attempt") != 0) {
        diag_error(c->diag, v->member_loc, "unknown job key \"%s\" (job.id or job.attempt)",
                   v->member);
        return 0;
    }
    v->rt_kind = RT_VALUE_JOB;
    v->index = strcmp(v->member, "id") == 0 ? 0 : 1;
    sqltype_from_word(c->arena, v->index == 0 ? "bigint" : "int", 0, 0, &v->type);
    return 0;
}

void check_value_roles(check_ctx *c, const char *const *roles, const diag_loc *locs, int count)
{
    const catalog_enum *user_roles = catalog_find_enum(&c->model->catalog, "user_role");

    for (int i = 0; i < count; i++) {
        diag_suggestion s;
        char hint[300];
        if (!user_roles) {
            diag_error(
                c->diag, locs[i],
                "roles are labels of the user_role enum, which the migrations do not define");
            return;
        }
        if (catalog_enum_has_label(user_roles, roles[i]))
            continue;
        diag_suggest_init(&s, roles[i]);
        for (int k = 0; k < user_roles->label_count; k++)
            diag_suggest_consider(&s, user_roles->labels[k]);
        diag_error(c->diag, locs[i], "unknown role \"%s\"%s", roles[i],
                   diag_suggest_hint(&s, hint, sizeof hint));
    }
}

/* VALUE unless auth.role in (...) [else OTHER] */
static int check_unless(check_ctx *c, api_value *v, int step_limit)
{
    if (c->job || (c->endpoint && c->endpoint->auth == RT_AUTH_PUBLIC)) {
        diag_error(c->diag, v->unless_role_locs[0],
                   "unless auth.role needs a signed-in user, but %s",
                   c->job ? "a job has none" : "the endpoint is public");
        return 0;
    }
    check_value_roles(c, v->unless_roles, v->unless_role_locs, v->unless_role_count);
    v->nullable = true;
    if (!v->otherwise)
        return 0;
    return check_value_resolve(c, v->otherwise, step_limit);
}

/* Resolves a value that may use steps [0, step_limit). */
int check_value_resolve(check_ctx *c, api_value *v, int step_limit)
{
    int rc = 0;
    int builtin;

    switch (v->kind) {
    case API_VALUE_NULL:
        v->rt_kind = RT_VALUE_NULL;
        v->type.type = RT_TYPE_TEXT;
        v->type.name = "null";
        v->nullable = true;
        break;
    case API_VALUE_STRING:
        v->rt_kind = RT_VALUE_LITERAL;
        sqltype_from_word(c->arena, "text", 0, 0, &v->type);
        break;
    case API_VALUE_NUMBER:
        v->rt_kind = RT_VALUE_LITERAL;
        if (check_decimals(v->text) == 0) {
            sqltype_from_word(c->arena, "int", 0, 0, &v->type);
        } else {
            int digits = 0;
            for (const char *p = v->text; *p; p++)
                digits += isdigit((unsigned char)*p) != 0;
            if (!sqltype_from_word(c->arena, "numeric", digits, check_decimals(v->text), &v->type))
                return RT_ENOMEM;
        }
        break;
    case API_VALUE_BOOL:
        v->rt_kind = RT_VALUE_LITERAL;
        sqltype_from_word(c->arena, "bool", 0, 0, &v->type);
        break;
    case API_VALUE_REF:
        if (strcmp(v->text, "body") == 0 || strcmp(v->text, "payload") == 0)
            rc = check_field_ref(c, v, RT_VALUE_BODY);
        else if (strcmp(v->text, "job") == 0)
            rc = check_job_ref(c, v);
        else if (strcmp(v->text, "query") == 0)
            rc = check_field_ref(c, v, RT_VALUE_QUERY);
        else if (strcmp(v->text, "path") == 0)
            rc = check_field_ref(c, v, RT_VALUE_PATH);
        else if (strcmp(v->text, "auth") == 0)
            rc = check_keyed_ref(c, v, true);
        else if (strcmp(v->text, "config") == 0)
            rc = check_keyed_ref(c, v, false);
        else
            rc = check_step_ref(c, v, step_limit);
        break;
    case API_VALUE_CALL:
        rc = check_value_call(c, v, step_limit, &builtin);
        if (rc || builtin < 0)
            break;
        if (strcmp(names_builtin_at(builtin)->result, "record") == 0) {
            diag_error(c->diag, v->loc, "%s returns a record: use `let name = %s(...)`", v->text,
                       v->text);
            break;
        }
        v->rt_kind = RT_VALUE_CALL;
        v->index = builtin;
        check_value_type_of_name(c, names_builtin_at(builtin)->result, v->loc, &v->type);
        break;
    }
    if (rc == 0 && v->unless_role_count > 0)
        rc = check_unless(c, v, step_limit);
    return rc;
}
