/*
 * check_endpoint.c - one endpoint (see check_endpoint.h).
 */
#include "check_endpoint.h"

#include <assert.h>
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_field.h"
#include "check_lookup.h"
#include "check_rule.h"
#include "check_step.h"
#include "check_value.h"
#include "names.h"
#include "rt_error.h"

static int check_auth(check_ctx *c, api_endpoint *e)
{
    if (!e->limit_given)
        e->limit = e->auth == RT_AUTH_PUBLIC ? RT_LIMIT_PER_IP : RT_LIMIT_PER_USER;
    else if (e->limit == RT_LIMIT_PER_USER && e->auth == RT_AUTH_PUBLIC)
        diag_error(c->diag, e->loc,
                   "limit per_user needs a signed-in user, but the endpoint is public: use per_ip");
    check_value_roles(c, e->roles, e->role_locs, e->role_count);
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
        rc = check_value_resolve(c, v, e->program.step_count);
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

/* etag STEP.column: a bigint (or int) column of a step that always has a
 * row when the response is written (not an `optional` step), so every
 * success answer has its ETag (README, The API: ETags). */
static int check_etag(check_ctx *c, api_endpoint *e)
{
    api_value *v = &e->etag;
    int errors = c->diag->error_count;
    int rc;

    if (!e->has_etag)
        return 0;
    rc = check_value_resolve(c, v, e->program.step_count);
    if (rc || v->type.opaque || c->diag->error_count > errors)
        return rc; /* reported once */
    if (v->rt_kind != RT_VALUE_STEP)
        diag_error(c->diag, v->loc, "an etag is a step's version column (etag STEP.column)");
    else if (v->type.type != RT_TYPE_BIGINT && v->type.type != RT_TYPE_INT)
        diag_error(c->diag, v->loc, "an etag is a version number (bigint), not %s", v->type.name);
    else if (v->nullable)
        diag_error(c->diag, v->loc, "%s.%s may be null: an etag needs a value", v->text, v->member);
    return 0;
}

/* idempotency on|off: on by default for the unsafe methods. With an
 * Idempotency-Key the whole endpoint runs in one transaction
 * (runtime/rt_idempotency.c), so a step that may fail after a tx block
 * has committed would undo that block: such an endpoint says `idempotency
 * off` (token refresh: a reuse's revocation commits before its 401). */
static void check_idempotency(check_ctx *c, api_endpoint *e)
{
    bool unsafe = strcmp(e->method, "GET") != 0;
    bool committed = false;

    if (!e->idempotency_given)
        e->idempotent = unsafe;
    else if (e->idempotent && !unsafe)
        diag_error(c->diag, e->idempotency_loc,
                   "idempotency keys are for POST, PUT, PATCH and DELETE: a GET changes nothing");
    for (int i = 0; e->idempotent && i < e->program.step_count; i++) {
        const api_step *s = &e->program.steps[i];
        if (s->in_tx) {
            committed = true;
        } else if (committed && s->kind != RT_STEP_LOG) {
            diag_error(c->diag, s->loc,
                       "this step may fail after the tx block committed; with an Idempotency-Key "
                       "the endpoint is one transaction and the failure would undo the block: "
                       "declare `idempotency off`");
            return;
        }
    }
}

static int check_response(check_ctx *c, api_endpoint *e)
{
    int rc;

    if (!e->has_response)
        return 0;
    if (e->status < 200 || e->status > 299)
        diag_error(c->diag, e->status_loc, "a success response has a 2xx status");
    rc = check_step_members(c, e->members, e->member_count, e->program.step_count, false);
    if (!rc)
        rc = check_etag(c, e);
    return rc ? rc : check_location(c, e);
}

/* Whether the endpoint's page member answers with a `:page keyset` query. */
static bool check_keyset_page(const check_ctx *c, const api_endpoint *e)
{
    for (int i = 0; i < e->member_count; i++) {
        const api_member *m = &e->members[i];
        for (int k = 0; m->kind == RT_MEMBER_PAGE && k < e->program.step_count; k++) {
            const api_step *s = &e->program.steps[k];
            const sql_query *q =
                s->name && m->step_name && strcmp(s->name, m->step_name) == 0 && s->query_name
                    ? check_lookup_query(c->model, s->query_name)
                    : NULL;
            if (q && q->keyset)
                return true;
        }
    }
    return false;
}

/* An endpoint answering `page STEP` reads the query fields page and
 * page_size, and for a `:page keyset` query cursor (text, up to 4096
 * characters; README, "Pages and counts"); they are added unless the spec
 * declares them. */
static int check_page_fields(check_ctx *c, api_endpoint *e)
{
    static const char *const names[] = {"page", "page_size", "cursor"};
    bool pages = false;

    for (int i = 0; i < e->member_count; i++)
        pages = pages || e->members[i].kind == RT_MEMBER_PAGE;
    if (!pages)
        return 0;
    for (int n = 0; n < (check_keyset_page(c, e) ? 3 : 2); n++) {
        int index;
        api_field *f = check_lookup_field(e->query_fields, e->query_field_count, names[n], &index);
        if (!f) {
            e->query_fields = rt_arena_grow(c->arena, e->query_fields, e->query_field_count,
                                            &e->query_field_capacity, sizeof *e->query_fields);
            f = &e->query_fields[e->query_field_count++];
            memset(f, 0, sizeof *f);
            f->name = names[n];
            f->loc = e->status_loc;
            f->type_loc = e->status_loc;
            e->has_query = true;
            if (n == 2) {
                f->type_name = "text";
                f->question = true;
                f->has_len = true;
                f->len_loc = e->status_loc;
                f->len_max = "4096";
                continue;
            }
            f->type_name = "int";
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
    if (check_lookup_field(e->query_fields, e->query_field_count, "page", &index)) {
        e->page_field = index;
        if (e->query_fields[index].kind != RT_FIELD_INT)
            diag_error(c->diag, e->query_fields[index].type_loc, "page is an int field");
    }
    if (check_lookup_field(e->query_fields, e->query_field_count, "page_size", &index)) {
        e->page_size_field = index;
        if (e->query_fields[index].kind != RT_FIELD_INT)
            diag_error(c->diag, e->query_fields[index].type_loc, "page_size is an int field");
    }
    if (check_keyset_page(c, e) &&
        check_lookup_field(e->query_fields, e->query_field_count, "cursor", &index)) {
        e->cursor_field = index;
        if (e->query_fields[index].kind != RT_FIELD_TEXT)
            diag_error(c->diag, e->query_fields[index].type_loc, "cursor is a text field");
    }
}

/* Whether the value, its arguments or its fallback call a built-in that
 * hashes or checks a password. */
static bool check_value_hashes_password(const api_value *v)
{
    if (v == NULL)
        return false;
    if (v->rt_kind == RT_VALUE_CALL && names_builtin_hashes_password(v->index))
        return true;
    for (int i = 0; i < v->arg_count; i++)
        if (check_value_hashes_password(&v->args[i]))
            return true;
    return check_value_hashes_password(v->otherwise);
}

/* Whether a step of the program hashes or checks a password: the endpoint
 * then runs on the password lane (rt_endpoint.hashes_passwords). */
static bool check_program_hashes_passwords(const api_program *program)
{
    for (int i = 0; i < program->step_count; i++) {
        const api_step *s = &program->steps[i];
        bool calls = s->kind == RT_STEP_CHECK || s->kind == RT_STEP_LET;
        if (calls &&
            (names_builtin_hashes_password(s->call.index) || check_value_hashes_password(&s->call)))
            return true;
        for (int j = 0; j < s->arg_count; j++)
            if (check_value_hashes_password(&s->args[j].value))
                return true;
    }
    return false;
}

int check_endpoint_resolve(check_ctx *c, api_endpoint *e)
{
    int rc;

    c->endpoint = e;
    c->job = NULL;
    c->program = &e->program;
    rc = check_auth(c, e);
    if (!rc)
        rc = check_page_fields(c, e);
    if (!rc)
        rc = check_field_list(c, e->path_fields, e->path_field_count, CHECK_PATH);
    if (!rc)
        rc = check_field_list(c, e->query_fields, e->query_field_count, CHECK_QUERY);
    if (!rc)
        rc = check_field_list(c, e->body_fields, e->body_field_count, CHECK_BODY);
    for (int i = 0; !rc && i < e->path_field_count; i++) {
        int index;
        if (check_lookup_field(e->path_fields, i, e->path_fields[i].name, &index))
            diag_error(c->diag, e->path_fields[i].loc, "duplicate path parameter \"%s\"",
                       e->path_fields[i].name);
    }
    if (!rc)
        rc = check_rule_list(c, e);
    if (!rc)
        rc = check_step_program(c, &e->program);
    e->hashes_passwords = !rc && check_program_hashes_passwords(&e->program);
    if (!rc)
        rc = check_response(c, e);
    if (!rc)
        check_page_field_indexes(c, e);
    if (!rc)
        check_idempotency(c, e);
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
