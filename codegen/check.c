/*
 * check.c - the checker (see check.h and docs/spec-language.md).
 *
 * Order: queries (duplicates, ids), jobs (endpoints enqueue them), then
 * per file: endpoints (auth, limit, page fields, fields, steps in order -
 * each value may only name earlier steps - the response, unused path
 * parameters), schedules, lifecycles; then the lifecycle transitions each
 * program fires (who may fire them); finally duplicate routes.
 * c->program is the step list being checked (an endpoint's or a job's).
 */
#include "check.h"

#include <assert.h>
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "lifecycle.h"
#include "names.h"
#include "rt_error.h"
#include "sqltype.h"

typedef struct check_ctx {
    model *model;
    arena *arena;
    diag *diag;
    api_endpoint *endpoint; /* the endpoint being checked, or NULL */
    api_job *job;           /* the job being checked, or NULL */
    api_program *program;   /* the steps of either */
} check_ctx;

static int check_value(check_ctx *c, api_value *v, int step_limit);
static int check_unless(check_ctx *c, api_value *v, int step_limit);
static int check_job_ref(check_ctx *c, api_value *v);

/* ----------------------------------------------------------------- queries */

static const sql_query *check_find_query(const model *m, const char *name)
{
    for (int f = 0; f < m->sql_file_count; f++) {
        for (int q = 0; q < m->sql_files[f].query_count; q++) {
            if (strcmp(m->sql_files[f].queries[q].name, name) == 0)
                return &m->sql_files[f].queries[q];
        }
    }
    return NULL;
}

static int check_compare_queries(const void *a, const void *b)
{
    const sql_query *qa = *(const sql_query *const *)a;
    const sql_query *qb = *(const sql_query *const *)b;
    return strcmp(qa->name, qb->name);
}

static int check_queries(check_ctx *c)
{
    model *m = c->model;
    const sql_query **all;
    int count = 0;
    int rc = 0;

    for (int f = 0; f < m->sql_file_count; f++)
        count += m->sql_files[f].query_count;
    all = arena_alloc(c->arena, sizeof *all * (size_t)(count + 1));
    if (!all) {
        rc = RT_ENOMEM;
        goto done;
    }
    count = 0;
    for (int f = 0; f < m->sql_file_count; f++) {
        for (int q = 0; q < m->sql_files[f].query_count; q++) {
            sql_query *query = &m->sql_files[f].queries[q];
            const sql_query *first = check_find_query(m, query->name);
            if (first != query) {
                diag_error(c->diag, query->loc, "duplicate query name \"%s\"", query->name);
                diag_note(c->diag, first->loc, "first defined here");
                continue;
            }
            if (query->param_count > RT_API_MAX_QUERY_PARAMS)
                diag_error(c->diag, query->loc,
                           "query %s has %d parameters; a query may have at most %d "
                           "(RT_API_MAX_QUERY_PARAMS, runtime/rt_api.h)",
                           query->name, query->param_count, RT_API_MAX_QUERY_PARAMS);
            all[count++] = query;
        }
    }
    qsort(all, (size_t)count, sizeof *all, check_compare_queries);
    for (int i = 0; i < count; i++)
        ((sql_query *)all[i])->id = i;
    m->queries_by_id = all;
    m->query_count = count;
done:
    return rc;
}

/* ------------------------------------------------------------------ values */

/* How a value reads in messages: body.email, "text", hash_password(...). */
static const char *check_describe(check_ctx *c, const api_value *v)
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
static bool check_fits(const check_ctx *c, const api_value *v, const sqltype *target)
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

static api_field *check_find_field(api_field *fields, int count, const char *name, int *index)
{
    for (int i = 0; i < count; i++) {
        if (strcmp(fields[i].name, name) == 0) {
            *index = i;
            return &fields[i];
        }
    }
    return NULL;
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
    f = check_find_field(fields, count, v->member, &index);
    if (!f) {
        check_unknown_field(c, v, where, fields, count);
        return 0;
    }
    f->used = true;
    if (v->present)
        return check_present_ref(c, v, f, index);
    if (f->kind == RT_FIELD_ARRAY) {
        /* the runtime validates arrays but binds only their item count */
        diag_error(c->diag, v->member_loc,
                   "%s.%s is an array: arrays are validated, but binding one to SQL is not "
                   "supported by the runtime yet",
                   where, v->member);
        return 0;
    }
    v->rt_kind = kind;
    v->index = index;
    v->type = f->type;
    v->nullable = !f->required || f->nullable;
    return 0;
}

static void check_unknown_step(check_ctx *c, const api_value *v, int step_limit)
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
    check_unknown_step(c, v, step_limit);
    return 0;
}

static bool check_type_of_name(check_ctx *c, const char *name, diag_loc loc, sqltype *out)
{
    if (sqltype_from_name(c->arena, &c->model->catalog, name, out))
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
    check_type_of_name(c, auth ? names_auth_key(index)->type : names_config_key(index)->type,
                       v->loc, &v->type);
    return 0;
}

/* Checks a built-in call's arguments; *builtin receives its index. */
static int check_call(check_ctx *c, api_value *v, int step_limit, int *builtin)
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
        rc = check_value(c, arg, step_limit);
        if (rc)
            return rc;
        if (c->diag->error_count > errors)
            continue;
        names_list_item(b->arg_types, i, type_name, (int)sizeof type_name);
        if (!check_type_of_name(c, type_name, v->loc, &expected))
            continue;
        if (!check_fits(c, arg, &expected))
            diag_error(c->diag, arg->loc, "type mismatch: argument %d of %s is %s, but %s is %s",
                       i + 1, b->name, expected.name, check_describe(c, arg),
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

static void check_roles(check_ctx *c, const char *const *roles, const diag_loc *locs, int count)
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

static int check_value(check_ctx *c, api_value *v, int step_limit);

/* VALUE unless auth.role in (...) [else OTHER] */
static int check_unless(check_ctx *c, api_value *v, int step_limit)
{
    if (c->job || (c->endpoint && c->endpoint->auth == RT_AUTH_PUBLIC)) {
        diag_error(c->diag, v->unless_role_locs[0],
                   "unless auth.role needs a signed-in user, but %s",
                   c->job ? "a job has none" : "the endpoint is public");
        return 0;
    }
    check_roles(c, v->unless_roles, v->unless_role_locs, v->unless_role_count);
    v->nullable = true;
    if (!v->otherwise)
        return 0;
    return check_value(c, v->otherwise, step_limit);
}

/* Resolves a value that may use steps [0, step_limit). */
static int check_value(check_ctx *c, api_value *v, int step_limit)
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
        rc = check_call(c, v, step_limit, &builtin);
        if (rc || builtin < 0)
            break;
        if (strcmp(names_builtin_at(builtin)->result, "record") == 0) {
            diag_error(c->diag, v->loc, "%s returns a record: use `let name = %s(...)`", v->text,
                       v->text);
            break;
        }
        v->rt_kind = RT_VALUE_CALL;
        v->index = builtin;
        check_type_of_name(c, names_builtin_at(builtin)->result, v->loc, &v->type);
        break;
    }
    if (rc == 0 && v->unless_role_count > 0)
        rc = check_unless(c, v, step_limit);
    return rc;
}

/* ------------------------------------------------------------------ fields */

/* Parses an integer or decimal literal scaled by 10^scale. */
static bool check_parse_scaled(const char *text, int scale, int64_t *out, bool *too_many_decimals)
{
    const char *p = text;
    bool negative = false;
    int64_t value = 0;
    int decimals = -1;

    *too_many_decimals = false;
    if (*p == '-') {
        negative = true;
        p++;
    }
    for (; *p; p++) {
        if (*p == '.') {
            decimals = 0;
            continue;
        }
        if (decimals >= 0 && ++decimals > scale) {
            *too_many_decimals = true;
            return false;
        }
        if (value > (INT64_MAX - 9) / 10)
            return false;
        value = value * 10 + (*p - '0');
    }
    for (int k = decimals < 0 ? 0 : decimals; k < scale; k++) {
        if (value > INT64_MAX / 10)
            return false;
        value *= 10;
    }
    *out = negative ? -value : value;
    return true;
}

static void check_unknown_type(check_ctx *c, const api_field *f)
{
    static const char *const types[] = {"text",   "password",  "email",   "int",
                                        "bigint", "money",     "decimal", "bool",
                                        "uuid",   "timestamp", "date"};
    diag_suggestion s;
    char hint[300];

    diag_suggest_init(&s, f->type_name);
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
        diag_suggest_consider(&s, types[i]);
    for (int i = 0; i < c->model->catalog.enum_count; i++)
        diag_suggest_consider(&s, c->model->catalog.enums[i].name);
    diag_error(c->diag, f->type_loc, "unknown field type \"%s\"%s", f->type_name,
               diag_suggest_hint(&s, hint, sizeof hint));
}

typedef enum check_field_place {
    CHECK_BODY = 0,
    CHECK_QUERY,
    CHECK_PATH,
    CHECK_ITEM,
} check_field_place;

/* Returns 0, RT_EINVAL after reporting an error, or RT_ENOMEM. */
static int check_field_type(check_ctx *c, api_field *f, check_field_place place)
{
    static const struct {
        const char *name;
        rt_field_kind kind;
        const char *sql;
    } kinds[] = {
        {"text", RT_FIELD_TEXT, "text"},    {"password", RT_FIELD_PASSWORD, "text"},
        {"email", RT_FIELD_EMAIL, "text"},  {"int", RT_FIELD_INT, "int"},
        {"bigint", RT_FIELD_INT, "bigint"}, {"bool", RT_FIELD_BOOL, "bool"},
        {"uuid", RT_FIELD_UUID, "uuid"},    {"timestamp", RT_FIELD_TIMESTAMP, "timestamptz"},
        {"date", RT_FIELD_DATE, "date"},
    };
    const catalog_enum *enumeration;

    if (f->is_array) {
        f->kind = RT_FIELD_ARRAY;
        sqltype_from_word(c->arena, "jsonb", 0, 0, &f->type);
        if (place != CHECK_BODY) {
            diag_error(c->diag, f->type_loc, "arrays are only allowed in a body");
            return RT_EINVAL;
        }
        return 0;
    }
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
        if (strcmp(f->type_name, kinds[i].name) == 0) {
            f->kind = kinds[i].kind;
            sqltype_from_word(c->arena, kinds[i].sql, 0, 0, &f->type);
            goto found;
        }
    }
    if (strcmp(f->type_name, "money") == 0 || strcmp(f->type_name, "decimal") == 0) {
        int precision = strcmp(f->type_name, "money") == 0 ? 12 : f->precision;
        int scale = strcmp(f->type_name, "money") == 0 ? 2 : f->scale;
        if (strcmp(f->type_name, "decimal") == 0 &&
            (precision < 1 || precision > 38 || scale < 0 || scale > precision)) {
            diag_error(c->diag, f->type_loc, "decimal needs a precision and scale: decimal(12,2)");
            return RT_EINVAL;
        }
        f->kind = RT_FIELD_DECIMAL;
        if (!sqltype_from_word(c->arena, "numeric", precision, scale, &f->type))
            return RT_ENOMEM;
        goto found;
    }
    if (strcmp(f->type_name, "ordering") == 0) {
        /* an enum of the orderings of the query whose order_by uses it;
           the labels are filled in by check_order_by */
        f->kind = RT_FIELD_ENUM;
        sqltype_from_word(c->arena, "text", 0, 0, &f->type);
        if (place != CHECK_QUERY) {
            diag_error(c->diag, f->type_loc, "an ordering field belongs in the query block");
            return RT_EINVAL;
        }
        return 0;
    }
    enumeration = catalog_find_enum(&c->model->catalog, f->type_name);
    if (enumeration) {
        f->kind = RT_FIELD_ENUM;
        f->enumeration = enumeration;
        f->type.type = RT_TYPE_ENUM;
        f->type.name = enumeration->name;
        goto found;
    }
    check_unknown_type(c, f);
    return RT_EINVAL;
found:
    if (place == CHECK_PATH && f->kind != RT_FIELD_UUID && f->kind != RT_FIELD_INT &&
        f->kind != RT_FIELD_TEXT) {
        diag_error(c->diag, f->type_loc, "a path parameter is uuid, int or text, not %s",
                   f->type_name);
        return RT_EINVAL;
    }
    if (place == CHECK_QUERY && f->kind == RT_FIELD_PASSWORD) {
        diag_error(c->diag, f->type_loc, "a password never goes in a query string");
        return RT_EINVAL;
    }
    return 0;
}

static bool check_is_text_kind(rt_field_kind kind)
{
    return kind == RT_FIELD_TEXT || kind == RT_FIELD_PASSWORD || kind == RT_FIELD_EMAIL;
}

static int check_field_constraints(check_ctx *c, api_field *f)
{
    bool too_many;

    if (f->has_len) {
        if (!check_is_text_kind(f->kind) && f->kind != RT_FIELD_ARRAY) {
            diag_error(c->diag, f->len_loc,
                       "len applies to text, password, email and array fields, not %s",
                       f->type_name ? f->type_name : "this field");
            return 0;
        }
        f->min_len = 0;
        f->max_len = INT64_MAX;
        if ((f->len_min &&
             (!check_parse_scaled(f->len_min, 0, &f->min_len, &too_many) || f->min_len < 0)) ||
            (f->len_max &&
             (!check_parse_scaled(f->len_max, 0, &f->max_len, &too_many) || f->max_len < 0))) {
            diag_error(c->diag, f->len_loc, "len bounds are whole numbers of 0 or more");
            return 0;
        }
        if (f->min_len > f->max_len) {
            diag_error(c->diag, f->len_loc, "len minimum %s is greater than its maximum %s",
                       f->len_min, f->len_max);
            return 0;
        }
    }
    if (f->has_range) {
        int scale = f->kind == RT_FIELD_DECIMAL ? f->type.scale : 0;
        if (f->kind != RT_FIELD_INT && f->kind != RT_FIELD_DECIMAL) {
            diag_error(c->diag, f->range_loc,
                       "a range applies to int, money and decimal fields, not %s%s",
                       f->type_name ? f->type_name : "arrays",
                       check_is_text_kind(f->kind) ? " (did you mean len MIN..MAX?)" : "");
            return 0;
        }
        f->min = INT64_MIN;
        f->max = INT64_MAX;
        if ((f->range_min && !check_parse_scaled(f->range_min, scale, &f->min, &too_many)) ||
            (f->range_max && !check_parse_scaled(f->range_max, scale, &f->max, &too_many))) {
            if (too_many)
                diag_error(c->diag, f->range_loc, "a bound has more than %d decimal%s", scale,
                           scale == 1 ? "" : "s");
            else
                diag_error(c->diag, f->range_loc, "a bound is out of range");
            return 0;
        }
        if (f->min > f->max) {
            diag_error(c->diag, f->range_loc, "range minimum %s is greater than its maximum %s",
                       f->range_min, f->range_max);
            return 0;
        }
        if (f->kind == RT_FIELD_DECIMAL) {
            int64_t limit = 1;
            for (int k = 0; k < f->type.precision && k < 18; k++)
                limit *= 10;
            if (f->type.precision <= 18 && (f->max >= limit || f->min <= -limit)) {
                diag_error(c->diag, f->range_loc, "a bound does not fit %s", f->type.name);
                return 0;
            }
        }
    }
    if (f->choice_count > 0) {
        if (f->kind != RT_FIELD_TEXT) {
            diag_error(c->diag, f->choices_loc, "in (...) applies to text fields");
            return 0;
        }
        f->kind = RT_FIELD_ENUM;
    }
    return 0;
}

/* A scaled integer as decimal text with exactly `scale` decimals. */
static char *check_format_scaled(arena *a, int64_t value, int scale)
{
    char digits[64];
    uint64_t magnitude = value < 0 ? (uint64_t)0 - (uint64_t)value : (uint64_t)value;
    int length =
        snprintf(digits, sizeof digits, "%0*llu", scale + 1, (unsigned long long)magnitude);

    if (scale == 0)
        return arena_printf(a, "%s%s", value < 0 ? "-" : "", digits);
    return arena_printf(a, "%s%.*s.%s", value < 0 ? "-" : "", length - scale, digits,
                        digits + length - scale);
}

/* The default's canonical text (see rt_field). */
static int check_field_default(check_ctx *c, api_field *f, check_field_place place)
{
    api_value *v = &f->default_value;
    bool too_many;
    int64_t scaled;

    if (!f->has_default)
        return 0;
    if (place == CHECK_PATH) {
        diag_error(c->diag, v->loc, "a path parameter has no default");
        return 0;
    }
    if (v->kind == API_VALUE_NULL || v->kind == API_VALUE_REF || v->kind == API_VALUE_CALL) {
        diag_error(c->diag, v->loc, "a default is a literal (a string, number, true or false)");
        return 0;
    }
    if (f->choice_count > 0) {
        bool found = false;
        for (int i = 0; i < f->choice_count; i++)
            found = found || (v->kind == API_VALUE_STRING && strcmp(f->choices[i], v->text) == 0);
        if (!found) {
            diag_error(c->diag, v->loc, "the default is not one of the field's choices");
            return 0;
        }
        f->default_text = v->text;
        return 0;
    }
    if (!check_fits(c, v, &f->type) || (f->kind == RT_FIELD_ARRAY) ||
        (v->kind == API_VALUE_STRING && !check_is_text_kind(f->kind) && f->kind != RT_FIELD_ENUM &&
         f->kind != RT_FIELD_UUID && f->kind != RT_FIELD_DATE && f->kind != RT_FIELD_TIMESTAMP)) {
        diag_error(c->diag, v->loc, "default %s does not fit a %s field", check_describe(c, v),
                   f->type_name ? f->type_name : "array");
        return 0;
    }
    if (f->kind == RT_FIELD_DECIMAL) {
        char *text;
        if (!check_parse_scaled(v->text, f->type.scale, &scaled, &too_many)) {
            diag_error(c->diag, v->loc, "default %s does not fit %s", v->text, f->type.name);
            return 0;
        }
        text = check_format_scaled(c->arena, scaled, f->type.scale);
        if (!text)
            return RT_ENOMEM;
        f->default_text = text;
        return 0;
    }
    f->default_text = v->text;
    return 0;
}

static int check_fields(check_ctx *c, api_field *fields, int count, check_field_place place)
{
    int rc = 0;

    for (int i = 0; i < count; i++) {
        api_field *f = &fields[i];
        int index;
        if (check_find_field(fields, i, f->name, &index)) {
            diag_error(c->diag, f->loc, "duplicate field \"%s\"", f->name);
            continue;
        }
        rc = check_field_type(c, f, place);
        if (rc == RT_EINVAL) {
            /* reported; an opaque type keeps its uses from adding noise */
            f->type.type = RT_TYPE_TEXT;
            f->type.name = "?";
            f->type.opaque = true;
            rc = 0;
            continue;
        }
        if (rc)
            return rc;
        rc = check_field_constraints(c, f);
        if (rc)
            return rc;
        rc = check_field_default(c, f, place);
        if (rc)
            return rc;
        f->required = place == CHECK_PATH || (!f->question && !f->has_default);
        if (f->nullable && (place == CHECK_QUERY || place == CHECK_PATH || c->job))
            diag_error(c->diag, f->nullable_loc, "only a body field may be nullable");
        /* an optional payload field holds null when its enqueued value was NULL */
        if (c->job && place == CHECK_BODY && !f->required)
            f->nullable = true;
        if (f->is_array) {
            rc = check_fields(c, f->items, f->item_count, CHECK_ITEM);
            if (rc)
                return rc;
        }
    }
    return rc;
}

/* ------------------------------------------------------------------- steps */

static const char *const check_outcome_names[] = {
    "no_row", "unique_violation", "check_violation", "foreign_key_violation", "not_null_violation",
    "raise",
};

static int check_outcomes(check_ctx *c, api_step *s)
{
    const int count = (int)(sizeof check_outcome_names / sizeof check_outcome_names[0]);

    for (int i = 0; i < s->outcome_count; i++) {
        api_outcome *o = &s->outcomes[i];
        int found = -1;
        for (int k = 0; k < count; k++) {
            if (strcmp(check_outcome_names[k], o->outcome_name) == 0)
                found = k;
        }
        if (found < 0) {
            diag_suggestion sug;
            char hint[300];
            diag_suggest_init(&sug, o->outcome_name);
            for (int k = 0; k < count; k++)
                diag_suggest_consider(&sug, check_outcome_names[k]);
            diag_error(c->diag, o->loc, "unknown outcome \"%s\"%s", o->outcome_name,
                       diag_suggest_hint(&sug, hint, sizeof hint));
            continue;
        }
        o->outcome = (rt_outcome)found;
        if (o->outcome == RT_OUTCOME_NO_ROW && s->query && s->query->cardinality != RT_CARD_ONE) {
            diag_error(c->diag, o->loc, "no_row applies to :one queries; %s is :%s", s->query->name,
                       s->query->cardinality == RT_CARD_EXEC   ? "exec"
                       : s->query->cardinality == RT_CARD_MANY ? "many"
                                                               : "page");
            continue;
        }
        if (o->outcome == RT_OUTCOME_NO_ROW && s->optional) {
            diag_error(c->diag, o->loc, "an optional step has no no_row outcome");
            continue;
        }
        if (o->constraint) {
            if (o->outcome == RT_OUTCOME_NO_ROW || o->outcome == RT_OUTCOME_RAISE) {
                diag_error(c->diag, o->constraint_loc, "%s does not name a constraint",
                           o->outcome_name);
                continue;
            }
            if (!catalog_find_constraint(&c->model->catalog, o->constraint)) {
                diag_suggestion sug;
                char hint[300];
                diag_suggest_init(&sug, o->constraint);
                for (int k = 0; k < c->model->catalog.constraint_count; k++)
                    diag_suggest_consider(&sug, c->model->catalog.constraints[k].name);
                diag_error(c->diag, o->constraint_loc, "unknown constraint \"%s\"%s", o->constraint,
                           diag_suggest_hint(&sug, hint, sizeof hint));
                continue;
            }
        }
        if (o->status < 400) {
            diag_error(c->diag, o->status_loc, "an outcome maps to an error status (400-599)");
            continue;
        }
        for (int k = 0; k < i; k++) {
            const api_outcome *other = &s->outcomes[k];
            if (other->outcome == o->outcome && ((!other->constraint && !o->constraint) ||
                                                 (other->constraint && o->constraint &&
                                                  strcmp(other->constraint, o->constraint) == 0))) {
                diag_error(c->diag, o->loc, "outcome %s is mapped twice", o->outcome_name);
                break;
            }
        }
        if (!o->code)
            o->code = rt_error_default_code(o->status);
    }
    return 0;
}

static const api_job *check_find_job(const model *m, const char *kind)
{
    for (int f = 0; f < m->api_file_count; f++) {
        for (int i = 0; i < m->api_files[f].job_count; i++) {
            if (strcmp(m->api_files[f].jobs[i].kind, kind) == 0)
                return &m->api_files[f].jobs[i];
        }
    }
    return NULL;
}

/* Whether the value (and its `else` value) may bind where target is
 * expected; reports the mismatch naming `what` ("parameter \"uid\" of
 * GetUser"). */
static void check_binding(check_ctx *c, const api_value *v, const sqltype *target, const char *what)
{
    const api_value *values[2] = {v, v->otherwise};
    for (int i = 0; i < 2; i++) {
        const api_value *value = values[i];
        if (!value || check_fits(c, value, target))
            continue;
        diag_error(c->diag, value->loc, "type mismatch: %s is %s, but %s is %s", what, target->name,
                   check_describe(c, value),
                   value->kind == API_VALUE_STRING ? "a string" : value->type.name);
    }
}

/* Whether an unknown argument of s (already reported with its "did you
 * mean") is a misspelling of slot name: then a missing `name` is the same
 * mistake, not a second one. */
static bool check_misspelt_arg(const api_step *s, const char *name, const char *const *names,
                               int count)
{
    for (int i = 0; i < s->arg_count; i++) {
        diag_suggestion sug;
        if (s->args[i].param_index != -1)
            continue;
        diag_suggest_init(&sug, s->args[i].name);
        for (int k = 0; k < count; k++)
            diag_suggest_consider(&sug, names[k]);
        if (sug.best && strcmp(sug.best, name) == 0)
            return true;
    }
    return false;
}

/* Binds name: VALUE arguments to named slots (query parameters or job
 * payload fields): every slot given once, unknown names reported.
 * ordered receives the values in slot order; slots [given_count, count)
 * are not the spec's to give (a :page query's limit and offset). */
static int check_named_args(check_ctx *c, api_step *s, int index, const char *owner,
                            const char *const *names, const sqltype *types, const bool *required,
                            int count, int given_count, api_value *ordered)
{
    int rc = 0;

    for (int i = 0; i < s->arg_count; i++) {
        api_arg *arg = &s->args[i];
        int errors = c->diag->error_count;
        arg->param_index = -1;
        for (int k = 0; k < count; k++) {
            if (strcmp(names[k], arg->name) == 0)
                arg->param_index = k;
        }
        for (int k = 0; k < i; k++) {
            if (strcmp(s->args[k].name, arg->name) == 0) {
                diag_error(c->diag, arg->loc, "argument \"%s\" given twice", arg->name);
                arg->param_index = -2;
            }
        }
        rc = check_value(c, &arg->value, index);
        if (rc)
            return rc;
        if (arg->param_index == -2)
            continue;
        if (arg->param_index >= given_count) {
            diag_error(c->diag, arg->loc, "@%s of %s comes from the page: do not give it",
                       arg->name, owner);
            continue;
        }
        if (arg->param_index < 0) {
            diag_suggestion sug;
            char hint[300];
            diag_suggest_init(&sug, arg->name);
            for (int k = 0; k < given_count; k++)
                diag_suggest_consider(&sug, names[k]);
            diag_error(c->diag, arg->loc, "%s %s has no %s \"%s\"%s",
                       s->kind == RT_STEP_ENQUEUE ? "job" : "query", owner,
                       s->kind == RT_STEP_ENQUEUE ? "payload field" : "parameter", arg->name,
                       diag_suggest_hint(&sug, hint, sizeof hint));
            continue;
        }
        ordered[arg->param_index] = arg->value;
        if (c->diag->error_count > errors || !types[arg->param_index].name)
            continue;
        check_binding(c, &arg->value, &types[arg->param_index],
                      arena_printf(c->arena, "%s \"%s\" of %s",
                                   s->kind == RT_STEP_ENQUEUE ? "payload field" : "parameter",
                                   names[arg->param_index], owner));
    }
    for (int k = 0; k < given_count; k++) {
        bool given = false;
        for (int i = 0; i < s->arg_count; i++)
            given = given || s->args[i].param_index == k;
        if (!given && required[k] && !check_misspelt_arg(s, names[k], names, given_count))
            diag_error(c->diag, s->close_loc, "missing argument \"%s\" for %s %s (%s)", names[k],
                       s->kind == RT_STEP_ENQUEUE ? "job" : "query", owner, types[k].name);
        if (!given && !required[k]) {
            ordered[k].rt_kind = RT_VALUE_NULL;
            ordered[k].type = types[k];
        }
    }
    return 0;
}

/* order_by VALUE: the query must have `-- ordering:`; a query field of
 * type `ordering` gets the ordering names as its choices. */
static int check_order_by(check_ctx *c, api_step *s, int index)
{
    const sql_query *q = s->query;
    int rc;

    if (!s->has_order_by)
        return 0;
    rc = check_value(c, &s->order_by, index);
    if (rc)
        return rc;
    if (q->ordering_count == 0) {
        diag_error(c->diag, s->order_by.loc,
                   "query %s has no orderings (mark its ORDER BY line with -- ordering: a, b)",
                   q->name);
        return 0;
    }
    if (s->order_by.rt_kind == RT_VALUE_QUERY && c->endpoint) {
        api_field *f = &c->endpoint->query_fields[s->order_by.index];
        if (f->type_name && strcmp(f->type_name, "ordering") == 0) {
            if (f->choice_count > 0) {
                diag_error(c->diag, s->order_by.loc,
                           "query.%s already lists the orderings of another query", f->name);
                return 0;
            }
            f->choices = arena_alloc(c->arena, sizeof *f->choices * (size_t)q->ordering_count);
            if (!f->choices)
                return RT_ENOMEM;
            for (int i = 0; i < q->ordering_count; i++)
                f->choices[i] = q->orderings[i].name;
            f->choice_count = q->ordering_count;
            if (f->default_text) {
                bool found = false;
                for (int i = 0; i < q->ordering_count; i++)
                    found = found || strcmp(q->orderings[i].name, f->default_text) == 0;
                if (!found)
                    diag_error(c->diag, f->default_value.loc,
                               "default ordering \"%s\" is not one of %s's orderings",
                               f->default_text, q->name);
            }
            return 0;
        }
    }
    if (s->order_by.type.type != RT_TYPE_TEXT && !s->order_by.type.opaque)
        diag_error(c->diag, s->order_by.loc, "order_by takes an ordering name (text), not %s",
                   s->order_by.type.name);
    return 0;
}

static int check_query_step(check_ctx *c, api_step *s, int index)
{
    const sql_query *q = check_find_query(c->model, s->query_name);
    const char **names;
    sqltype *types;
    bool *required;
    int given;
    int rc = 0;

    if (!q) {
        diag_suggestion sug;
        char hint[300];
        diag_suggest_init(&sug, s->query_name);
        for (int i = 0; i < c->model->query_count; i++)
            diag_suggest_consider(&sug, c->model->queries_by_id[i]->name);
        diag_error(c->diag, s->query_loc, "unknown query \"%s\"%s", s->query_name,
                   diag_suggest_hint(&sug, hint, sizeof hint));
        /* still check the argument values */
        for (int i = 0; i < s->arg_count; i++) {
            rc = check_value(c, &s->args[i].value, index);
            if (rc)
                return rc;
        }
        return 0;
    }
    s->query = q;
    s->columns = q->columns;
    s->column_count = q->column_count;
    if (q->has_errors) {
        /* its parameters may be incomplete (reported): check the values only */
        for (int i = 0; i < s->arg_count; i++) {
            s->args[i].param_index = -1;
            rc = check_value(c, &s->args[i].value, index);
            if (rc)
                return rc;
        }
        return 0;
    }
    s->ordered_args = arena_alloc(c->arena, sizeof *s->ordered_args * (size_t)(q->param_count + 1));
    names = arena_alloc(c->arena, sizeof *names * (size_t)(q->param_count + 1));
    types = arena_alloc(c->arena, sizeof *types * (size_t)(q->param_count + 1));
    required = arena_alloc(c->arena, sizeof *required * (size_t)(q->param_count + 1));
    if (!s->ordered_args || !names || !types || !required)
        return RT_ENOMEM;
    for (int k = 0; k < q->param_count; k++) {
        names[k] = q->params[k].name;
        types[k] = q->params[k].type;
        required[k] = true;
    }
    given = q->param_count - q->page_params;
    if (q->page_params) {
        if (c->job)
            diag_error(c->diag, s->query_loc, "a job cannot run the :page query %s", q->name);
        s->ordered_args[given].rt_kind = RT_VALUE_PAGE_LIMIT;
        s->ordered_args[given + 1].rt_kind = RT_VALUE_PAGE_OFFSET;
        s->ordered_args[given].type = q->params[given].type;
        s->ordered_args[given + 1].type = q->params[given + 1].type;
    }
    rc = check_named_args(c, s, index, q->name, names, types, required, q->param_count, given,
                          s->ordered_args);
    if (rc)
        return rc;
    if (s->optional && q->cardinality != RT_CARD_ONE)
        diag_error(c->diag, s->optional_loc, "optional applies to :one queries; %s is not :one",
                   q->name);
    rc = check_order_by(c, s, index);
    if (rc)
        return rc;
    return check_outcomes(c, s);
}

static int check_enqueue_step(check_ctx *c, api_step *s, int index)
{
    const api_job *job = check_find_job(c->model, s->query_name);
    const char **names;
    sqltype *types;
    bool *required;
    int count;

    if (!job) {
        diag_suggestion sug;
        char hint[300];
        diag_suggest_init(&sug, s->query_name);
        for (int f = 0; f < c->model->api_file_count; f++) {
            for (int i = 0; i < c->model->api_files[f].job_count; i++)
                diag_suggest_consider(&sug, c->model->api_files[f].jobs[i].kind);
        }
        diag_error(c->diag, s->query_loc, "unknown job \"%s\"%s", s->query_name,
                   diag_suggest_hint(&sug, hint, sizeof hint));
        return 0;
    }
    s->job = job;
    if (!s->in_tx)
        diag_error(c->diag, s->loc,
                   "enqueue %s outside a tx block: put it in the tx { } of the change that causes "
                   "it, so the job commits or rolls back with that change",
                   job->kind);
    count = job->payload_field_count;
    s->ordered_args = arena_alloc(c->arena, sizeof *s->ordered_args * (size_t)(count + 1));
    names = arena_alloc(c->arena, sizeof *names * (size_t)(count + 1));
    types = arena_alloc(c->arena, sizeof *types * (size_t)(count + 1));
    required = arena_alloc(c->arena, sizeof *required * (size_t)(count + 1));
    if (!s->ordered_args || !names || !types || !required)
        return RT_ENOMEM;
    for (int k = 0; k < count; k++) {
        names[k] = job->payload_fields[k].name;
        types[k] = job->payload_fields[k].type;
        required[k] = job->payload_fields[k].required;
    }
    return check_named_args(c, s, index, job->kind, names, types, required, count, count,
                            s->ordered_args);
}

static int check_members(check_ctx *c, api_member *members, int count, int step_limit, bool in_log);

/* stop if empty STEP: in a job, outside tx, after a query step. */
static int check_stop_step(check_ctx *c, api_step *s, int index)
{
    if (!c->job)
        diag_error(c->diag, s->loc, "stop is for jobs; an endpoint refuses with check ... else");
    if (s->in_tx)
        diag_error(c->diag, s->loc,
                   "stop inside a tx block: put it after the block, once its change is committed");
    for (int k = index - 1; k >= 0; k--) {
        const api_step *other = &c->program->steps[k];
        if (!other->name || other->kind == RT_STEP_LOG || strcmp(other->name, s->stop_step) != 0)
            continue;
        if (other->kind != RT_STEP_QUERY)
            diag_error(c->diag, s->stop_step_loc, "stop if empty needs a query step; %s is not one",
                       s->stop_step);
        s->stop_index = other->rt_index;
        return 0;
    }
    diag_error(c->diag, s->stop_step_loc, "no earlier step named \"%s\"", s->stop_step);
    return 0;
}

static int check_other_step(check_ctx *c, api_step *s, int index)
{
    int rc;

    if (s->kind == RT_STEP_STOP)
        return check_stop_step(c, s, index);
    if (s->kind == RT_STEP_ENQUEUE)
        return check_enqueue_step(c, s, index);
    if (s->kind == RT_STEP_SLEEP) {
        rc = check_value(c, &s->call, index);
        if (!rc && s->call.type.type != RT_TYPE_INT && s->call.type.type != RT_TYPE_BIGINT &&
            !s->call.type.opaque)
            diag_error(c->diag, s->call.loc, "sleep takes a number of seconds (int), not %s",
                       s->call.type.name);
        return rc;
    }
    assert(s->kind == RT_STEP_LOG);
    return check_members(c, s->members, s->member_count, index, true);
}

static int check_builtin_step(check_ctx *c, api_step *s, int index)
{
    int builtin;
    const names_builtin *b;
    int rc = check_call(c, &s->call, index, &builtin);

    if (rc || builtin < 0)
        return rc;
    b = names_builtin_at(builtin);
    s->call.index = builtin;
    s->call.rt_kind = RT_VALUE_CALL;
    if (s->kind == RT_STEP_CHECK) {
        if (strcmp(b->result, "bool") != 0)
            diag_error(c->diag, s->call.loc,
                       "check needs a built-in that returns bool; %s returns %s", b->name,
                       b->result);
        if (s->else_status < 400)
            diag_error(c->diag, s->else_loc, "a failed check answers an error status (400-599)");
        if (!s->else_code)
            s->else_code = rt_error_default_code(s->else_status);
        if (s->else_event)
            return check_members(c, s->members, s->member_count, index, true);
        return 0;
    }
    if (strcmp(b->result, "record") != 0) {
        diag_error(c->diag, s->call.loc,
                   "let needs a built-in that returns a record; %s returns %s (use it as a value)",
                   b->name, b->result);
        return 0;
    }
    {
        int count = 1;
        sql_column *columns;
        for (const char *p = b->columns; *p; p++)
            count += *p == ',';
        columns = arena_alloc(c->arena, sizeof *columns * (size_t)count);
        if (!columns)
            return RT_ENOMEM;
        for (int k = 0; k < count; k++) {
            char item[128];
            char *colon;
            names_list_item(b->columns, k, item, (int)sizeof item);
            colon = strchr(item, ':');
            if (!colon)
                continue;
            *colon = '\0';
            columns[k].name = arena_strdup(c->arena, item);
            if (!columns[k].name)
                return RT_ENOMEM;
            check_type_of_name(c, colon + 1, s->call.loc, &columns[k].type);
            columns[k].nullable = false;
        }
        s->columns = columns;
        s->column_count = count;
    }
    return 0;
}

/* Steps run as emitted: each `tx { ... }` becomes RT_STEP_BEGIN before
 * its first step and RT_STEP_COMMIT after its last, so later indexes shift. */
static void check_step_indexes(api_program *program)
{
    int shift = 0;

    for (int i = 0; i < program->step_count; i++) {
        api_step *s = &program->steps[i];
        if (s->tx_block && (i == 0 || program->steps[i - 1].tx_block != s->tx_block))
            shift++; /* BEGIN */
        s->rt_index = i + shift;
        if (s->tx_block &&
            (i == program->step_count - 1 || program->steps[i + 1].tx_block != s->tx_block))
            shift++; /* COMMIT */
    }
}

static int check_steps(check_ctx *c, api_program *program)
{
    static const char *const reserved[] = {"body", "query",   "path",  "auth", "config",
                                           "null", "true",    "false", "rows", "each",
                                           "page", "payload", "job"};
    int rc = 0;

    check_step_indexes(program);
    for (int i = 0; i < program->step_count; i++) {
        api_step *s = &program->steps[i];
        if (s->name && s->kind != RT_STEP_LOG) {
            for (size_t k = 0; k < sizeof reserved / sizeof reserved[0]; k++) {
                if (strcmp(s->name, reserved[k]) == 0)
                    diag_error(c->diag, s->name_loc, "\"%s\" is reserved; name the step otherwise",
                               s->name);
            }
            for (int k = 0; k < i; k++) {
                const api_step *other = &program->steps[k];
                if (other->name && other->kind != RT_STEP_LOG &&
                    strcmp(other->name, s->name) == 0) {
                    diag_error(c->diag, s->name_loc, "step \"%s\" is already defined", s->name);
                    diag_note(c->diag, other->name_loc, "first defined here");
                }
            }
        }
        if (s->kind == RT_STEP_QUERY)
            rc = check_query_step(c, s, i);
        else if (s->kind == RT_STEP_CHECK || s->kind == RT_STEP_LET)
            rc = check_builtin_step(c, s, i);
        else
            rc = check_other_step(c, s, i);
        if (rc)
            return rc;
    }
    return 0;
}

/* ---------------------------------------------------------------- endpoint */

static int check_auth(check_ctx *c, api_endpoint *e)
{
    if (!e->limit_given)
        e->limit = e->auth == RT_AUTH_PUBLIC ? RT_LIMIT_PER_IP : RT_LIMIT_PER_USER;
    else if (e->limit == RT_LIMIT_PER_USER && e->auth == RT_AUTH_PUBLIC)
        diag_error(c->diag, e->loc,
                   "limit per_user needs a signed-in user, but the endpoint is public: use per_ip");
    check_roles(c, e->roles, e->role_locs, e->role_count);
    return 0;
}

/* The step named by a member (ROW, ROWS, EACH, PAGE) among all steps. */
static int check_step_member(check_ctx *c, api_member *m)
{
    api_program *program = c->program;
    api_value as_ref;

    for (int i = 0; i < program->step_count; i++) {
        api_step *s = &program->steps[i];
        const sql_query *q = s->query;
        if (!s->name || s->kind == RT_STEP_LOG || strcmp(s->name, m->step_name) != 0)
            continue;
        m->step = s->rt_index;
        if (s->kind == RT_STEP_QUERY && (!q || q->has_errors))
            return 0; /* unknown or broken query: already reported */
        if (s->kind != RT_STEP_QUERY) {
            diag_error(c->diag, m->step_loc,
                       "only a query step renders as rows; use the columns of %s (%s.column)",
                       m->step_name, m->step_name);
            return 0;
        }
        if (s->column_count == 0) {
            diag_error(c->diag, m->step_loc, "step \"%s\" returns no row", m->step_name);
        } else if (m->kind != RT_MEMBER_PAGE && q && q->cardinality == RT_CARD_PAGE) {
            diag_error(c->diag, m->step_loc, "%s is a :page query: answer with `%d page %s`",
                       q->name, c->endpoint && c->endpoint->status ? c->endpoint->status : 200,
                       m->step_name);
        } else if (m->kind == RT_MEMBER_PAGE) {
            if (!q || q->cardinality != RT_CARD_PAGE)
                diag_error(c->diag, m->step_loc, "page %s needs a :page query%s%s", m->step_name,
                           q ? "; this is " : "", q ? q->name : "");
        } else if ((m->kind == RT_MEMBER_ROWS || m->kind == RT_MEMBER_EACH) &&
                   (!q || q->cardinality != RT_CARD_MANY)) {
            diag_error(c->diag, m->step_loc, "%s %s needs a :many query%s%s",
                       m->kind == RT_MEMBER_ROWS ? "rows" : "each", m->step_name,
                       q ? "; this is " : "", q ? q->name : "");
        } else if (m->kind == RT_MEMBER_ROW && q && q->cardinality != RT_CARD_ONE) {
            diag_error(c->diag, m->step_loc, "step \"%s\" returns many rows: use `key: rows %s`",
                       m->step_name, m->step_name);
        } else if (m->kind == RT_MEMBER_EACH) {
            diag_suggestion sug;
            char hint[300];
            diag_suggest_init(&sug, m->column_name);
            for (int k = 0; k < s->column_count; k++) {
                if (strcmp(s->columns[k].name, m->column_name) == 0) {
                    m->column = k;
                    m->type = s->columns[k].type;
                    return 0;
                }
                diag_suggest_consider(&sug, s->columns[k].name);
            }
            diag_error(c->diag, m->column_loc, "unknown column \"%s\" in step %s%s", m->column_name,
                       m->step_name, diag_suggest_hint(&sug, hint, sizeof hint));
        }
        return 0;
    }
    memset(&as_ref, 0, sizeof as_ref);
    as_ref.text = m->step_name;
    as_ref.loc = m->step_loc;
    check_unknown_step(c, &as_ref, program->step_count);
    return 0;
}

/* Response members (step_limit: all steps) or a log step's members. */
static int check_members(check_ctx *c, api_member *members, int count, int step_limit, bool in_log)
{
    int rc = 0;

    for (int i = 0; i < count; i++) {
        api_member *m = &members[i];
        if (m->key) {
            for (int k = 0; k < i; k++) {
                if (members[k].key && strcmp(members[k].key, m->key) == 0)
                    diag_error(c->diag, m->loc, "duplicate key \"%s\"", m->key);
            }
        }
        if (m->kind == RT_MEMBER_VALUE) {
            rc = check_value(c, &m->value, step_limit);
        } else if (in_log && m->kind != RT_MEMBER_ROW && m->kind != RT_MEMBER_EACH) {
            diag_error(c->diag, m->loc, "a log line holds values, rows and `each` lists");
        } else {
            /* a step named by a member must already have run */
            int saved = c->program->step_count;
            c->program->step_count = step_limit;
            rc = check_step_member(c, m);
            c->program->step_count = saved;
        }
        if (rc)
            return rc;
    }
    return 0;
}

/* location "/things/{step.uid}": on a 201 only; literal parts are path
 * characters (sent as written), values a step's column or a path
 * parameter that is never null (URL-encoded at run time). */
static int check_location(check_ctx *c, api_endpoint *e)
{
    int rc = 0;

    if (!e->has_location)
        return 0;
    if (e->status != 201)
        diag_error(c->diag, e->location_loc, "a location is the Location header of a 201");
    if (e->location_count == 0 || e->location[0].kind != API_VALUE_STRING ||
        e->location[0].text[0] != '/')
        diag_error(c->diag, e->location_loc, "a location starts with \"/\"");
    for (int i = 0; i < e->location_count && rc == 0; i++) {
        api_value *v = &e->location[i];
        if (v->kind == API_VALUE_STRING) {
            size_t ok = strspn(v->text, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                        "0123456789-._~/");
            if (v->text[ok] != '\0')
                diag_error(c->diag, v->loc, "a location's text is letters, digits and - . _ ~ /");
            v->rt_kind = RT_VALUE_LITERAL;
            continue;
        }
        int errors = c->diag->error_count;
        rc = check_value(c, v, e->program.step_count);
        if (rc || v->type.opaque || c->diag->error_count > errors)
            continue; /* reported once */
        if (v->rt_kind != RT_VALUE_STEP && v->rt_kind != RT_VALUE_PATH)
            diag_error(c->diag, v->loc, "a location's value is {STEP.column} or {path.name}");
        else if (v->nullable)
            diag_error(c->diag, v->loc, "%s.%s may be null: a location needs a value", v->text,
                       v->member);
    }
    return rc;
}

static int check_response(check_ctx *c, api_endpoint *e)
{
    int rc;

    if (!e->has_response)
        return 0;
    if (e->status < 200 || e->status > 299)
        diag_error(c->diag, e->status_loc, "a success response has a 2xx status");
    rc = check_members(c, e->members, e->member_count, e->program.step_count, false);
    return rc ? rc : check_location(c, e);
}

/* An endpoint answering `page STEP` reads the query fields page and
 * page_size; they are added (page int 1.. = 1, page_size int 1..100 = 10)
 * unless the spec declares them. */
static int check_page_fields(check_ctx *c, api_endpoint *e)
{
    static const char *const names[] = {"page", "page_size"};
    bool pages = false;

    for (int i = 0; i < e->member_count; i++)
        pages = pages || e->members[i].kind == RT_MEMBER_PAGE;
    if (!pages)
        return 0;
    for (int n = 0; n < 2; n++) {
        int index;
        api_field *f = check_find_field(e->query_fields, e->query_field_count, names[n], &index);
        if (!f) {
            e->query_fields = arena_grow(c->arena, e->query_fields, e->query_field_count,
                                         &e->query_field_capacity, sizeof *e->query_fields);
            if (!e->query_fields)
                return RT_ENOMEM;
            f = &e->query_fields[e->query_field_count++];
            memset(f, 0, sizeof *f);
            f->name = names[n];
            f->loc = e->status_loc;
            f->type_name = "int";
            f->type_loc = e->status_loc;
            f->has_range = true;
            f->range_loc = e->status_loc;
            f->range_min = "1";
            f->range_max = n == 0 ? NULL : "100";
            f->has_default = true;
            f->default_value.kind = API_VALUE_NUMBER;
            f->default_value.text = n == 0 ? "1" : "10";
            f->default_value.loc = e->status_loc;
            e->has_query = true;
        }
    }
    return 0;
}

static void check_page_field_indexes(check_ctx *c, api_endpoint *e)
{
    bool pages = false;
    int index;

    for (int i = 0; i < e->member_count; i++)
        pages = pages || e->members[i].kind == RT_MEMBER_PAGE;
    for (int i = 0; i < e->program.step_count; i++) {
        const api_step *s = &e->program.steps[i];
        bool named = false; /* a member naming it already had the error */
        for (int k = 0; k < e->member_count; k++)
            named = named || (s->name && e->members[k].step_name &&
                              strcmp(e->members[k].step_name, s->name) == 0);
        if (!pages && !named && s->query && s->query->cardinality == RT_CARD_PAGE)
            diag_error(c->diag, s->query_loc, "%s is a :page query: answer with `%d page %s`",
                       s->query->name, e->status ? e->status : 200, s->name ? s->name : "STEP");
    }
    if (!pages)
        return;
    if (check_find_field(e->query_fields, e->query_field_count, "page", &index)) {
        e->page_field = index;
        if (e->query_fields[index].kind != RT_FIELD_INT)
            diag_error(c->diag, e->query_fields[index].type_loc, "page is an int field");
    }
    if (check_find_field(e->query_fields, e->query_field_count, "page_size", &index)) {
        e->page_size_field = index;
        if (e->query_fields[index].kind != RT_FIELD_INT)
            diag_error(c->diag, e->query_fields[index].type_loc, "page_size is an int field");
    }
}

static int check_endpoint(check_ctx *c, api_endpoint *e)
{
    int rc;

    c->endpoint = e;
    c->job = NULL;
    c->program = &e->program;
    rc = check_auth(c, e);
    if (!rc)
        rc = check_page_fields(c, e);
    if (!rc)
        rc = check_fields(c, e->path_fields, e->path_field_count, CHECK_PATH);
    if (!rc)
        rc = check_fields(c, e->query_fields, e->query_field_count, CHECK_QUERY);
    if (!rc)
        rc = check_fields(c, e->body_fields, e->body_field_count, CHECK_BODY);
    for (int i = 0; !rc && i < e->path_field_count; i++) {
        int index;
        if (check_find_field(e->path_fields, i, e->path_fields[i].name, &index))
            diag_error(c->diag, e->path_fields[i].loc, "duplicate path parameter \"%s\"",
                       e->path_fields[i].name);
    }
    if (!rc)
        rc = check_steps(c, &e->program);
    if (!rc)
        rc = check_response(c, e);
    if (!rc)
        check_page_field_indexes(c, e);
    for (int i = 0; !rc && i < e->path_field_count; i++) {
        if (!e->path_fields[i].used)
            diag_error(
                c->diag, e->path_fields[i].loc,
                "path parameter \"%s\" is never used (use path.%s in a step or the response)",
                e->path_fields[i].name, e->path_fields[i].name);
    }
    for (int i = 0; !rc && i < e->query_field_count; i++) {
        const api_field *f = &e->query_fields[i];
        if (f->type_name && strcmp(f->type_name, "ordering") == 0 && f->choice_count == 0)
            diag_error(c->diag, f->type_loc,
                       "ordering field \"%s\" is not used by any `order_by query.%s`", f->name,
                       f->name);
    }
    c->endpoint = NULL;
    c->program = NULL;
    return rc;
}

/* -------------------------------------------------------- jobs, schedules */

static bool check_is_identifier(const char *s)
{
    if (!(*s >= 'a' && *s <= 'z'))
        return false;
    for (; *s; s++) {
        if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_'))
            return false;
    }
    return true;
}

static int check_job(check_ctx *c, api_job *job)
{
    int rc;
    const api_job *first = check_find_job(c->model, job->kind);

    if (first != job) {
        diag_error(c->diag, job->loc, "duplicate job \"%s\"", job->kind);
        diag_note(c->diag, first->loc, "first defined here");
    }
    if (!check_is_identifier(job->kind))
        diag_error(c->diag, job->loc, "a job kind is lower_case_with_underscores");
    c->endpoint = NULL;
    c->job = job;
    c->program = &job->program;
    rc = check_fields(c, job->payload_fields, job->payload_field_count, CHECK_BODY);
    if (!rc)
        rc = check_steps(c, &job->program);
    if (!rc && job->program.step_count == 0)
        diag_error(c->diag, job->loc, "job %s has no steps", job->kind);
    c->job = NULL;
    c->program = NULL;
    return rc;
}

static int check_schedule(check_ctx *c, api_schedule *schedule)
{
    const api_job *job = check_find_job(c->model, schedule->job_name);
    int key = names_find_config_key(schedule->interval_key);

    if (!job) {
        diag_suggestion sug;
        char hint[300];
        diag_suggest_init(&sug, schedule->job_name);
        for (int f = 0; f < c->model->api_file_count; f++) {
            for (int i = 0; i < c->model->api_files[f].job_count; i++)
                diag_suggest_consider(&sug, c->model->api_files[f].jobs[i].kind);
        }
        diag_error(c->diag, schedule->loc, "unknown job \"%s\"%s", schedule->job_name,
                   diag_suggest_hint(&sug, hint, sizeof hint));
    } else {
        schedule->job = job;
        for (int i = 0; i < job->payload_field_count; i++) {
            if (job->payload_fields[i].required) {
                diag_error(c->diag, schedule->loc,
                           "a scheduled job has no required payload; %s needs \"%s\"", job->kind,
                           job->payload_fields[i].name);
                break;
            }
        }
    }
    if (key < 0) {
        diag_suggestion sug;
        char hint[300];
        diag_suggest_init(&sug, schedule->interval_key);
        for (int i = 0; i < names_config_key_count(); i++)
            diag_suggest_consider(&sug, names_config_key(i)->name);
        diag_error(c->diag, schedule->interval_loc, "unknown config key \"%s\"%s",
                   schedule->interval_key, diag_suggest_hint(&sug, hint, sizeof hint));
        return 0;
    }
    if (strcmp(names_config_key(key)->type, "int") != 0)
        diag_error(c->diag, schedule->interval_loc, "config.%s is not a number of seconds",
                   schedule->interval_key);
    schedule->interval = key;
    return 0;
}

/* ------------------------------------------------- lifecycle transitions */

/* A query that sets a lifecycle's column to a literal state S fires the
 * transitions into S. The checker proves that whoever runs it may fire
 * them (the `by` lists of those transitions); the database guard proves,
 * at run time, that the row's current state has a transition into S. */

/* The lifecycle of table.column whose own checks passed, or NULL. */
static const api_lifecycle *check_find_lifecycle(const model *m, const char *table,
                                                 const char *column)
{
    for (int f = 0; f < m->api_file_count; f++) {
        for (int i = 0; i < m->api_files[f].lifecycle_count; i++) {
            const api_lifecycle *l = &m->api_files[f].lifecycles[i];
            if (l->guard_sql && strcmp(l->table, table) == 0 && strcmp(l->column, column) == 0)
                return l;
        }
    }
    return NULL;
}

static bool check_has_transition_into(const api_lifecycle *l, const char *state)
{
    for (int i = 0; i < l->transition_count; i++) {
        if (strcmp(l->transitions[i].to, state) == 0)
            return true;
    }
    return false;
}

/* Whether `who` is in the `by` list of some transition into state. */
static bool check_may_fire(const api_lifecycle *l, const char *state, const char *who)
{
    for (int i = 0; who && i < l->transition_count; i++) {
        const api_transition *t = &l->transitions[i];
        if (strcmp(t->to, state) != 0)
            continue;
        for (int k = 0; k < t->by_count; k++) {
            if (strcmp(t->by[k], who) == 0)
                return true;
        }
    }
    return false;
}

/* "owner, staff, admin": the union of the by lists over the transitions
 * into state, in order of first mention (arena; NULL: out of memory). */
static const char *check_fire_union(check_ctx *c, const api_lifecycle *l, const char *state)
{
    const char *text = "";

    for (int i = 0; text && i < l->transition_count; i++) {
        const api_transition *t = &l->transitions[i];
        if (strcmp(t->to, state) != 0)
            continue;
        for (int k = 0; text && k < t->by_count; k++) {
            bool seen = false;
            for (int j = 0; j < i; j++) {
                const api_transition *earlier = &l->transitions[j];
                for (int b = 0; strcmp(earlier->to, state) == 0 && b < earlier->by_count; b++)
                    seen = seen || strcmp(earlier->by[b], t->by[k]) == 0;
            }
            for (int b = 0; b < k; b++)
                seen = seen || strcmp(t->by[b], t->by[k]) == 0;
            if (!seen)
                text = arena_printf(c->arena, "%s%s%s", text, *text ? ", " : "", t->by[k]);
        }
    }
    return text;
}

/* "pending -> cancelled, confirmed -> cancelled" (arena). */
static const char *check_transitions_into(check_ctx *c, const api_lifecycle *l, const char *state)
{
    const char *text = "";

    for (int i = 0; text && i < l->transition_count; i++) {
        if (strcmp(l->transitions[i].to, state) == 0)
            text = arena_printf(c->arena, "%s%s%s -> %s", text, *text ? ", " : "",
                                l->transitions[i].from, state);
    }
    return text;
}

/* Every assignment of a lifecycle column, in every query: a literal state
 * that some transition leads to. */
static void check_assignment_states(check_ctx *c)
{
    const model *m = c->model;

    for (int q = 0; q < m->query_count; q++) {
        const sql_query *query = m->queries_by_id[q];
        for (int i = 0; i < query->assignment_count; i++) {
            const sql_assignment *a = &query->assignments[i];
            const api_lifecycle *l = check_find_lifecycle(m, a->table, a->column);
            const char *targets = "";
            diag_suggestion sug;
            char hint[300];
            if (!l)
                continue;
            if (!a->literal) {
                diag_error(c->diag, a->loc,
                           "%s sets %s.%s (lifecycle %s) to an expression: write the state as a "
                           "literal ('state'), so the compiler can check who may fire the "
                           "transition",
                           query->name, a->table, a->column, l->name);
                continue;
            }
            if (check_has_transition_into(l, a->literal))
                continue;
            diag_suggest_init(&sug, a->literal);
            for (int t = 0; targets && t < l->transition_count; t++) {
                const char *to = l->transitions[t].to;
                bool seen = false;
                for (int k = 0; k < t; k++)
                    seen = seen || strcmp(l->transitions[k].to, to) == 0;
                if (seen)
                    continue;
                diag_suggest_consider(&sug, to);
                targets = arena_printf(c->arena, "%s%s%s", targets, *targets ? ", " : "", to);
            }
            diag_error(c->diag, a->loc,
                       "%s sets %s.%s to \"%s\", but no transition of lifecycle %s leads there "
                       "(transitions lead to %s)%s",
                       query->name, a->table, a->column, a->literal, l->name,
                       targets ? targets : "?", diag_suggest_hint(&sug, hint, sizeof hint));
        }
    }
}

/* The argument of s that binds `auth.user_id [unless auth.role in (...)]`
 * to a parameter of the statement's WHERE clause (an owner filter), or
 * NULL. With several, the one that lets the fewest roles through. */
static const api_value *check_owner_filter(const api_step *s, const sql_assignment *a)
{
    const api_value *best = NULL;

    for (int i = 0; i < s->arg_count; i++) {
        const api_arg *arg = &s->args[i];
        bool in_where = false;
        if (arg->value.rt_kind != RT_VALUE_AUTH || arg->value.index != RT_AUTH_USER_ID)
            continue;
        for (int k = 0; k < a->where_param_count; k++)
            in_where = in_where || a->where_params[k] == arg->param_index;
        if (in_where && (!best || arg->value.unless_role_count < best->unless_role_count))
            best = &arg->value;
    }
    return best;
}

static bool check_role_listed(const char *const *roles, int count, const char *role)
{
    for (int i = 0; role && i < count; i++) {
        if (strcmp(roles[i], role) == 0)
            return true;
    }
    return false;
}

/* Whether the caller of s may not set a's column to a->literal; why (a
 * clause for the error) goes to `why`. A job fires as scheduler; a
 * signed-in user of role r may when r is in the union of the by lists, or
 * when owner is and an owner filter holds r to its own rows (r not among
 * its `unless` roles). */
static bool check_firing_refused(check_ctx *c, const api_step *s, const sql_assignment *a,
                                 const api_lifecycle *l, char *why, size_t size)
{
    const api_endpoint *e = c->endpoint;
    const catalog_enum *user_roles = catalog_find_enum(&c->model->catalog, "user_role");
    const char *const *roles;
    int role_count;
    const api_value *owner = check_owner_filter(s, a);
    bool owner_may = check_may_fire(l, a->literal, "owner");
    const char *no_role[] = {NULL}; /* no user_role enum: one class of users */

    if (c->job) {
        snprintf(why, size, "a job fires it as scheduler");
        return !check_may_fire(l, a->literal, "scheduler");
    }
    if (e->auth == RT_AUTH_PUBLIC) {
        snprintf(why, size, "this endpoint is public");
        return true;
    }
    if (e->auth == RT_AUTH_ROLES) {
        roles = e->roles;
        role_count = e->role_count;
    } else if (user_roles && user_roles->label_count > 0) {
        roles = user_roles->labels;
        role_count = user_roles->label_count;
    } else {
        roles = no_role;
        role_count = 1;
    }
    for (int i = 0; i < role_count; i++) {
        const char *role = roles[i];
        bool bypasses =
            owner && check_role_listed(owner->unless_roles, owner->unless_role_count, role);
        if (check_may_fire(l, a->literal, role))
            continue;
        if (owner_may && owner && !bypasses)
            continue;
        if (owner_may && bypasses)
            snprintf(why, size,
                     "this endpoint lets role %s past the owner filter (unless auth.role in "
                     "(...))",
                     role);
        else if (e->auth == RT_AUTH_ANY_USER)
            snprintf(why, size, "this endpoint allows any signed-in user%s",
                     owner_may ? " without an owner filter" : "");
        else
            snprintf(why, size, "this endpoint allows role %s%s", role,
                     owner_may ? " without an owner filter" : "");
        return true;
    }
    return false;
}

/* The lifecycle transitions step s fires, checked against who runs it
 * (c->endpoint or c->job), and recorded in s->firings. */
static int check_step_firings(check_ctx *c, api_step *s)
{
    const sql_query *q = s->query;
    int rc = 0;

    for (int i = 0; q && i < q->assignment_count; i++) {
        const sql_assignment *a = &q->assignments[i];
        const api_lifecycle *l = check_find_lifecycle(c->model, a->table, a->column);
        char why[256];
        bool seen = false;
        if (!l || !a->literal || !check_has_transition_into(l, a->literal))
            continue;
        if (check_firing_refused(c, s, a, l, why, sizeof why)) {
            const char *who = check_fire_union(c, l, a->literal);
            const char *transitions = check_transitions_into(c, l, a->literal);
            if (!who || !transitions) {
                rc = RT_ENOMEM;
                goto done;
            }
            diag_error(c->diag, s->loc, "%s moves %s.%s to %s, which %s%s may do (%s); %s", q->name,
                       a->table, a->column, a->literal, *who ? "only " : "no program", who,
                       transitions, why);
            diag_note(c->diag, a->loc, "%s sets %s.%s here", q->name, a->table, a->column);
        }
        if (!s->in_tx && s->firing_count == 0)
            diag_error(c->diag, s->loc,
                       "%s moves %s.%s outside a tx block: put the step in tx { } so the history "
                       "row records who made the change (the runtime names the actor per "
                       "transaction)",
                       q->name, a->table, a->column);
        for (int k = 0; k < s->firing_count; k++)
            seen =
                seen || (s->firings[k].lifecycle == l && strcmp(s->firings[k].to, a->literal) == 0);
        if (seen)
            continue;
        s->firings = arena_grow(c->arena, s->firings, s->firing_count, &s->firing_capacity,
                                sizeof *s->firings);
        if (!s->firings) {
            rc = RT_ENOMEM;
            goto done;
        }
        s->firings[s->firing_count].lifecycle = l;
        s->firings[s->firing_count].to = a->literal;
        s->firing_count++;
    }
done:
    return rc;
}

static int check_program_firings(check_ctx *c, api_program *program)
{
    int rc = 0;

    for (int i = 0; !rc && i < program->step_count; i++) {
        if (program->steps[i].kind == RT_STEP_QUERY)
            rc = check_step_firings(c, &program->steps[i]);
    }
    return rc;
}

/* After the lifecycles are checked: states first, then every program. */
static int check_firings(check_ctx *c)
{
    model *m = c->model;
    int rc = 0;

    check_assignment_states(c);
    for (int f = 0; !rc && f < m->api_file_count; f++) {
        for (int i = 0; !rc && i < m->api_files[f].job_count; i++) {
            c->endpoint = NULL;
            c->job = &m->api_files[f].jobs[i];
            rc = check_program_firings(c, &c->job->program);
        }
        for (int i = 0; !rc && i < m->api_files[f].endpoint_count; i++) {
            c->job = NULL;
            c->endpoint = &m->api_files[f].endpoints[i];
            rc = check_program_firings(c, &c->endpoint->program);
        }
    }
    c->endpoint = NULL;
    c->job = NULL;
    return rc;
}

/* The route key: method and pattern with parameter names blanked. */
static char *check_route_key(arena *a, const api_endpoint *e)
{
    char *key = arena_printf(a, "%s %s", e->method, e->pattern);
    char *out = key;
    bool in_param = false;

    if (!key)
        return NULL;
    for (const char *p = key; *p; p++) {
        if (*p == '{') {
            in_param = true;
            *out++ = '{';
            continue;
        }
        if (*p == '}')
            in_param = false;
        if (!in_param)
            *out++ = *p;
    }
    *out = '\0';
    return key;
}

static int check_routes(check_ctx *c)
{
    model *m = c->model;

    for (int f = 0; f < m->api_file_count; f++) {
        for (int i = 0; i < m->api_files[f].endpoint_count; i++) {
            api_endpoint *e = &m->api_files[f].endpoints[i];
            char *key = check_route_key(c->arena, e);
            if (!key)
                return RT_ENOMEM;
            for (int g = 0; g <= f; g++) {
                int limit = g == f ? i : m->api_files[g].endpoint_count;
                for (int k = 0; k < limit; k++) {
                    const api_endpoint *other = &m->api_files[g].endpoints[k];
                    char *other_key = check_route_key(c->arena, other);
                    if (!other_key)
                        return RT_ENOMEM;
                    if (strcmp(key, other_key) == 0) {
                        diag_error(c->diag, e->path_loc, "duplicate route %s %s", e->method,
                                   e->pattern);
                        diag_note(c->diag, other->path_loc, "%s %s is already defined here",
                                  other->method, other->pattern);
                    } else if (g == f && strcmp(e->id, other->id) == 0) {
                        diag_error(c->diag, e->path_loc,
                                   "%s %s and %s %s would both be named %s in C", e->method,
                                   e->pattern, other->method, other->pattern, e->id);
                    }
                }
            }
        }
    }
    return 0;
}

int check_model(model *m, arena *a, diag *d)
{
    check_ctx c;
    int rc;

    memset(&c, 0, sizeof c);
    c.model = m;
    c.arena = a;
    c.diag = d;
    rc = check_queries(&c);
    if (rc)
        goto done;
    /* jobs first: endpoints enqueue them */
    for (int f = 0; f < m->api_file_count; f++) {
        for (int i = 0; i < m->api_files[f].job_count; i++) {
            rc = check_job(&c, &m->api_files[f].jobs[i]);
            if (rc)
                goto done;
        }
    }
    for (int f = 0; f < m->api_file_count; f++) {
        for (int i = 0; i < m->api_files[f].endpoint_count; i++) {
            rc = check_endpoint(&c, &m->api_files[f].endpoints[i]);
            if (rc)
                goto done;
        }
        for (int i = 0; i < m->api_files[f].schedule_count; i++) {
            api_schedule *schedule = &m->api_files[f].schedules[i];
            rc = check_schedule(&c, schedule);
            if (rc)
                goto done;
            for (int g = 0; g <= f; g++) {
                for (int k = 0; k < (g == f ? i : m->api_files[g].schedule_count); k++) {
                    if (strcmp(m->api_files[g].schedules[k].job_name, schedule->job_name) == 0)
                        diag_error(d, schedule->loc, "job %s is already scheduled",
                                   schedule->job_name);
                }
            }
        }
        for (int i = 0; i < m->api_files[f].lifecycle_count; i++) {
            rc = lifecycle_check(m, a, d, &m->api_files[f].lifecycles[i]);
            if (rc)
                goto done;
        }
    }
    rc = check_firings(&c);
    if (rc)
        goto done;
    rc = check_routes(&c);
done:
    return rc;
}
