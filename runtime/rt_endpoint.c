/*
 * rt_endpoint.c - the HTTP side of the interpreter of generated endpoints.
 *
 * One call handles one request for one endpoint, in this order:
 *   body size -> token -> (rate-limit check sent) -> user check -> rate
 *   limit's answer -> path -> query string -> body -> cross-field rules
 *   (rt_rule) -> steps (rt_program) -> response,
 * the last two under the request's Idempotency-Key when the endpoint
 * honours one (rt_idempotency).
 * A read endpoint with auth validates its inputs before the user check,
 * so the check and its first statement go out in one round trip; its
 * answers keep the order above (README, Speed).
 * Each stage either passes or answers in the error shape and stops; the
 * single cleanup path at the end releases what the program acquired. All
 * other memory is in the request's arena.
 */
#include "rt_endpoint.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "rt_builtin.h"
#include "rt_cursor.h"
#include "rt_error.h"
#include "rt_etag.h"
#include "rt_idempotency.h"
#include "rt_json.h"
#include "rt_jwt.h"
#include "rt_program.h"
#include "rt_ratelimit.h"
#include "rt_rule.h"
#include "rt_validate.h"

typedef struct endpoint_run {
    const rt_endpoint_context *context;
    const rt_endpoint *endpoint;
    rt_request *req;
    rt_response *resp;
    rt_token_claims claims;
    bool authenticated;
    bool limit_started; /* a rate-limit check is under way in limit */
    rt_ratelimit_pending limit;
    rt_program program;
    /* a keyset page (README, "Pages and counts") */
    bool cursor_mode;          /* the request sent `cursor`: links are cursors */
    const char *ordering_name; /* the chosen ordering's name, "" for the default */
} endpoint_run;

static void answer(endpoint_run *run, int status, const char *code, const char *message)
{
    rt_program_fail(&run->program, status, code, message);
}

/* ------------------------------------------------------------------ auth */

/* The spec's query that resolves a token's subject to a live user's role
 * (spec/users.sql), found in the generated registry, so `specc verify`
 * checks its SQL like any other. */
#define AUTH_USER_QUERY "AuthenticateUser"
static const char *const auth_user_params[] = {"uid"};

static void answer_token_not_valid(endpoint_run *run)
{
    answer(run, 401, "token_not_valid", "Given token not valid for any token type");
}

/* The bearer token of an endpoint with auth: present, well formed, signed
 * and unexpired (claims in run->claims); 401 otherwise. No database. */
static int verify_token(endpoint_run *run)
{
    const char *header = run->req->authorization;

    if (run->endpoint->auth == RT_AUTH_PUBLIC)
        return 0;
    if (!header || header[0] == '\0') {
        answer(run, 401, "not_authenticated", "Authentication credentials were not provided.");
        return RT_EAUTH;
    }
    if (strncasecmp(header, "Bearer ", 7) != 0) {
        answer(run, 401, "not_authenticated",
               "Authorization header must be: Bearer <access token>.");
        return RT_EAUTH;
    }
    if (rt_jwt_verify(run->context->config->jwt_secret, header + 7, RT_TOKEN_ACCESS,
                      (int64_t)time(NULL), &run->claims) != 0) {
        answer_token_not_valid(run);
        return RT_EAUTH;
    }
    return 0;
}

/* The user check's statement, AuthenticateUser(uid) -> role. */
static int user_check_statement(endpoint_run *run, const char **params, rt_db_statement *out)
{
    const rt_query *query = NULL;
    int rc = rt_db_find_query(AUTH_USER_QUERY, auth_user_params, 1, &query);

    if (rc != 0 || query->column_count != 1) {
        rt_program_fail_internal(&run->program, "authenticate",
                                 "the spec has no query " AUTH_USER_QUERY "(uid) -> role");
        return RT_EINVAL;
    }
    params[0] = run->claims.user_id;
    memset(out, 0, sizeof *out);
    out->query = query;
    out->params = params;
    out->ordering = -1;
    return 0;
}

static bool role_allowed(const rt_endpoint *ep, const char *role)
{
    for (int i = 0; i < ep->role_count; i++)
        if (strcmp(ep->roles[i], role) == 0)
            return true;
    return false;
}

/* Takes the user check's outcome (rc 0 or RT_ENOROW): the user must exist
 * and not be soft-deleted, and their role is the database's, so a role
 * change counts at once (README, Operations, Tokens); then the endpoint's
 * roles. 401 or 403 otherwise. */
static int accept_user(endpoint_run *run, int rc, const rt_db_result *result)
{
    const rt_endpoint *ep = run->endpoint;
    const char *role;

    if (rc == RT_ENOROW) {
        answer_token_not_valid(run);
        return RT_EAUTH;
    }
    role = rt_arena_strdup(run->req->arena, rt_db_value(result, 0, 0));
    if (!role) {
        rt_program_fail_internal(&run->program, "authenticate", "out of memory");
        return RT_ENOMEM;
    }
    run->authenticated = true;
    snprintf(run->req->user_id, sizeof run->req->user_id, "%s", run->claims.user_id);
    run->program.role = role;
    if (ep->auth == RT_AUTH_ROLES && !role_allowed(ep, role)) {
        answer(run, 403, NULL, "You do not have permission to perform this action.");
        return RT_EAUTH;
    }
    return 0;
}

/* The signed-in user as the steps see them; the role is the token's until
 * the database's is known (accept_user). */
static void set_program_user(endpoint_run *run)
{
    run->program.user_id = run->claims.user_id;
    run->program.role = run->claims.role;
    run->program.actor = rt_arena_printf(run->req->arena, "user:%s", run->claims.user_id);
}

/* The user check alone, one statement (README, Operations, Tokens). */
static int authenticate(endpoint_run *run)
{
    const char *params[1];
    rt_db_statement check;
    int rc;

    if (run->endpoint->auth == RT_AUTH_PUBLIC)
        return 0;
    set_program_user(run);
    rc = user_check_statement(run, params, &check);
    if (rc != 0)
        return rc;
    rc = rt_program_run_query(&run->program, check.query, check.params, &check.result);
    if (rc == 0 || rc == RT_ENOROW)
        rc = accept_user(run, rc, &check.result);
    rt_db_result_clear(&check.result);
    return rc;
}

/* The user check and a read endpoint's first statement in one round trip
 * (rt_program_prefetch). No result of the endpoint's is used before the
 * user is accepted; when the database's role is not the token's, the
 * first statement (whose arguments may depend on it) runs again. When the
 * pipeline cannot run, the user check runs alone. */
static int authenticate_with_first_read(endpoint_run *run)
{
    const rt_endpoint *ep = run->endpoint;
    const char *params[1];
    rt_db_statement check;
    int rc;

    set_program_user(run);
    rc = user_check_statement(run, params, &check);
    if (rc != 0)
        return rc;
    rc = rt_program_prefetch(&run->program, ep->steps, ep->step_count, &check);
    if (rc != 0)
        return run->program.failed ? rc : authenticate(run);
    rc = accept_user(run, check.rc, &check.result);
    if (rc == 0 && strcmp(run->program.role, run->claims.role) != 0)
        rt_program_discard_prefetch(&run->program);
    rt_db_result_clear(&check.result);
    return rc;
}

/* ------------------------------------------------------------ rate limit */

/* Sends the rate-limit check (its answer is read by finish_rate_limit, so
 * its round trip overlaps the user check and a read's first statement).
 * The bucket is the token's user for per_user limits on endpoints with
 * auth (the token is verified by now), else the client address. */
static void start_rate_limit(endpoint_run *run)
{
    const rt_endpoint *ep = run->endpoint;
    rt_request *req = run->req;
    const char *bucket;

    if (ep->limit == RT_LIMIT_NONE || !run->context->limiter)
        return;
    if (ep->limit == RT_LIMIT_PER_USER && ep->auth != RT_AUTH_PUBLIC)
        bucket = rt_arena_printf(req->arena, "%s:user:%s", ep->id, run->claims.user_id);
    else
        bucket = rt_arena_printf(req->arena, "%s:ip:%s", ep->id, req->client_ip);
    /* no bucket: fail open, as for an unreachable Redis */
    run->limit_started =
        bucket && rt_ratelimit_start(run->context->limiter, bucket, &run->limit) == 0;
}

/* The started check's decision: its headers, and 429 when the budget is
 * spent. Always called once a check started (it holds a connection). */
static int finish_rate_limit(endpoint_run *run)
{
    rt_request *req = run->req;
    rt_ratelimit_decision decision;

    if (!run->limit_started)
        return 0;
    run->limit_started = false;
    if (rt_ratelimit_finish(run->context->limiter, &run->limit, &decision) != 0 ||
        decision.degraded)
        return 0;
    rt_response_header(run->resp, "RateLimit-Limit",
                       rt_arena_printf(req->arena, "%lld", (long long)decision.limit));
    rt_response_header(run->resp, "RateLimit-Remaining",
                       rt_arena_printf(req->arena, "%lld", (long long)decision.remaining));
    rt_response_header(run->resp, "RateLimit-Reset",
                       rt_arena_printf(req->arena, "%lld", (long long)decision.reset_seconds));
    if (decision.allowed)
        return 0;
    rt_response_header(
        run->resp, "Retry-After",
        rt_arena_printf(req->arena, "%lld", (long long)decision.retry_after_seconds));
    rt_program_discard_prefetch(&run->program);
    answer(run, 429, "throttled",
           rt_arena_printf(req->arena, "Request was throttled. Expected available in %lld seconds.",
                           (long long)decision.retry_after_seconds));
    return RT_EINVAL;
}

/* ---------------------------------------------------------------- inputs */

/* True for "application/json" (any case), alone or followed by optional
 * blanks and ';' parameters; "application/jsonp" and
 * "application/json-patch" are other types. */
static bool content_type_is_json(const char *content_type)
{
    static const char json[] = "application/json";
    if (strncasecmp(content_type, json, sizeof json - 1) != 0)
        return false;
    const char *rest = content_type + sizeof json - 1;
    rest += strspn(rest, " \t");
    return *rest == '\0' || *rest == ';';
}

static int validate_inputs(endpoint_run *run, const char *const *path_values,
                           rt_field_errors *errors)
{
    const rt_endpoint *ep = run->endpoint;
    rt_request *req = run->req;
    rt_input *path, *query, *body;
    rt_json_doc *doc = NULL;
    int rc = 0;

    path = rt_arena_alloc(req->arena, sizeof(rt_input) * (size_t)(ep->path_field_count + 1));
    query = rt_arena_alloc(req->arena, sizeof(rt_input) * (size_t)(ep->query_field_count + 1));
    body = rt_arena_alloc(req->arena, sizeof(rt_input) * (size_t)(ep->body_field_count + 1));
    if (!path || !query || !body) {
        rc = RT_ENOMEM;
        rt_program_fail_internal(&run->program, "validate", "out of memory");
        goto done;
    }
    run->program.path = path;
    run->program.query = query;
    run->program.body = body;

    /* A path value that is not of its type names no resource: 404. */
    for (int i = 0; i < ep->path_field_count; i++) {
        if (rt_validate_string(&ep->path_fields[i], path_values[i], req->arena, &path[i].text) !=
            0) {
            rc = RT_EINVAL;
            answer(run, 404, NULL, "Not found.");
            goto done;
        }
    }

    if (req->query_overflow) {
        rc = RT_EINVAL;
        answer(run, 400, "bad_request", "Too many query parameters.");
        goto done;
    }
    rc = rt_validate_query(ep->query_fields, ep->query_field_count, req->query_keys,
                           req->query_values, req->query_count, req->arena, query, errors);
    if (rc == RT_ENOMEM) {
        rt_program_fail_internal(&run->program, "validate", "out of memory");
        goto done;
    }
    rc = 0;

    if (ep->has_body) {
        static const rt_json empty_object = {.kind = RT_JSON_OBJECT};
        const rt_json *root = &empty_object; /* DRF: no body is an empty object */
        rt_json_error json_error;

        if (req->body_len > 0 && req->content_type && !content_type_is_json(req->content_type)) {
            rc = RT_EINVAL;
            answer(run, 415, NULL,
                   rt_arena_printf(req->arena, "Unsupported media type \"%s\" in request.",
                                   req->content_type));
            goto done;
        }
        if (req->body_len > 0) {
            rc = rt_json_parse(req->body, req->body_len, &doc, &root, &json_error);
            if (rc == RT_ENOMEM) {
                rt_program_fail_internal(&run->program, "json", "out of memory");
                goto done;
            }
            if (rc != 0 && json_error.field[0] != '\0') {
                /* A bad character inside a field's string: name the field,
                 * as every other bad value is named. */
                rc = rt_field_errors_add(
                    errors, req->arena, rt_arena_strdup(req->arena, json_error.field),
                    rt_arena_printf(req->arena, "Invalid string: %s.", json_error.message));
                if (rc == RT_ENOMEM)
                    rt_program_fail_internal(&run->program, "validate", "out of memory");
                rc = RT_EINVAL;
                goto done;
            }
            if (rc != 0) {
                answer(run, 400, "parse_error",
                       rt_arena_printf(req->arena, "JSON parse error - %s", json_error.message));
                goto done;
            }
        }
        rc = rt_validate_object(ep->body_fields, ep->body_field_count, root, req->arena, body,
                                errors);
        if (rc == RT_ENOMEM) {
            rt_program_fail_internal(&run->program, "validate", "out of memory");
            goto done;
        }
        rc = 0;
    }
    rc = rt_rule_check(ep->rules, ep->rule_count, path, query, body, req->arena, errors);
    if (rc != 0) {
        rt_program_fail_internal(&run->program, "rule",
                                 rc == RT_ENOMEM ? "out of memory" : "operand not of its type");
        goto done;
    }
    if (errors->count > 0)
        rc = RT_EINVAL;

done:
    rt_json_doc_free(doc); /* validated values were copied into the arena */
    return rc;
}

/* DRF clamps a page_size above the maximum to it instead of refusing it:
 * such a value in the query string is replaced by the maximum before
 * validation (links then carry the clamped value). */
static void clamp_page_size(endpoint_run *run)
{
    const rt_endpoint *ep = run->endpoint;
    rt_request *req = run->req;

    if (ep->page_size_field < 0 || !ep->query_fields[ep->page_size_field].has_range)
        return;
    const rt_field *field = &ep->query_fields[ep->page_size_field];
    for (int i = 0; i < req->query_count; i++) {
        const char *value = req->query_values[i];
        if (value == NULL || strcmp(req->query_keys[i], field->name) != 0)
            continue;
        size_t digits = strspn(value, "0123456789");
        if (digits == 0 || value[digits] != '\0')
            continue; /* not a number: validation says so */
        if (digits <= 18 && strtoll(value, NULL, 10) <= field->max)
            continue;
        const char *clamped = rt_arena_printf(req->arena, "%lld", (long long)field->max);
        if (clamped != NULL)
            req->query_values[i] = clamped;
    }
}

/* The page and page size of a paginated endpoint (validated query fields
 * with defaults, so present and in range). */
static void read_page(endpoint_run *run)
{
    const rt_endpoint *ep = run->endpoint;
    const rt_input *query = run->program.query;

    run->program.page = 1;
    run->program.page_size = 10;
    if (ep->page_field >= 0 && ep->page_size_field >= 0 && ep->query_field_count > 0) {
        if (query[ep->page_field].text)
            run->program.page = strtoll(query[ep->page_field].text, NULL, 10);
        if (query[ep->page_size_field].text)
            run->program.page_size = strtoll(query[ep->page_size_field].text, NULL, 10);
    }
}

/* The step a page member answers with, or -1. */
static int page_step(const rt_endpoint *ep)
{
    for (int i = 0; i < ep->response_count; i++)
        if (ep->response[i].kind == RT_MEMBER_PAGE)
            return ep->response[i].step;
    return -1;
}

static bool query_has_key(const rt_request *req, const char *key)
{
    for (int i = 0; i < req->query_count; i++)
        if (strcmp(req->query_keys[i], key) == 0)
            return true;
    return false;
}

/* A keyset page's `cursor`: sent at all (even empty: the first page),
 * links are cursors; a non-empty one must be ours (signed) and of the
 * chosen ordering, and must not come with `page`. A bad one is a 400 on
 * `cursor`. */
static int read_cursor(endpoint_run *run, rt_field_errors *errors)
{
    const rt_endpoint *ep = run->endpoint;
    rt_arena *arena = run->req->arena;
    int step = page_step(ep);
    const char *text;
    const char *message = NULL;
    rt_cursor cursor;
    int rc = 0;

    if (ep->cursor_field < 0 || step < 0 || !query_has_key(run->req, "cursor"))
        return 0;
    run->cursor_mode = true;
    run->ordering_name = "";
    if (ep->steps[step].ordering.kind != RT_VALUE_NULL) {
        rc = rt_program_value_text(&run->program, &ep->steps[step].ordering, &run->ordering_name);
        if (rc != 0)
            return rc;
        if (!run->ordering_name)
            run->ordering_name = "";
    }
    text = run->program.query[ep->cursor_field].text;
    if (query_has_key(run->req, "page"))
        message = "Use either page or cursor, not both.";
    else if (text && text[0] != '\0') {
        rc = rt_cursor_decode(run->context->config->jwt_secret, text, arena, &cursor);
        if (rc == RT_ENOMEM)
            return rc;
        if (rc != 0)
            message = "Invalid cursor.";
        else if (strcmp(cursor.ordering, run->ordering_name) != 0)
            message = "This cursor belongs to another ordering.";
    }
    if (message) {
        rc = rt_field_errors_add(errors, arena, "cursor", message);
        return rc == RT_ENOMEM ? rc : RT_EINVAL;
    }
    if (text && text[0] != '\0') {
        run->program.cursor_key = cursor.key;
        run->program.cursor_tiebreak = cursor.tiebreak;
        run->program.cursor_before = cursor.before;
    }
    return 0;
}

/* A list's page and cursor, read before any step runs (and before the
 * first statement is sent ahead: the cursor chooses how it reads). */
static int read_list_inputs(endpoint_run *run, rt_field_errors *errors)
{
    read_page(run);
    return read_cursor(run, errors);
}

/* -------------------------------------------------------------- response */

static void append_url_encoded(rt_buf *b, const char *s)
{
    static const char hex[] = "0123456789ABCDEF";
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
            *p == '-' || *p == '_' || *p == '.' || *p == '~') {
            rt_buf_append(b, (const char *)p, 1);
        } else {
            char escaped[3] = {'%', hex[*p >> 4], hex[*p & 15]};
            rt_buf_append(b, escaped, 3);
        }
    }
}

/* The scheme for links: X-Forwarded-Proto when it is http or https, else
 * http (any other value is never echoed). */
static const char *link_scheme(const rt_request *req)
{
    const char *proto = req->forwarded_proto;
    if (proto != NULL && strcasecmp(proto, "https") == 0)
        return "https";
    return "http";
}

/* True if host is a sane host[:port]: letters, digits, '.' and '-', or an
 * IPv6 literal in brackets, then an optional ':' and 1..5 digits. */
static bool host_is_sane(const char *host)
{
    const char *at = host;
    size_t len = 0;

    if (*at == '[') {
        for (at++; *at != '\0' && *at != ']'; at++, len++) {
            if (!isxdigit((unsigned char)*at) && *at != ':' && *at != '.')
                return false;
        }
        if (*at != ']' || len == 0)
            return false;
        at++;
    } else {
        for (; isalnum((unsigned char)*at) || *at == '.' || *at == '-'; at++)
            len++;
        if (len == 0 || len > 253)
            return false;
    }
    if (*at == '\0')
        return true;
    if (*at != ':')
        return false;
    size_t digits = strspn(at + 1, "0123456789");
    return digits >= 1 && digits <= 5 && at[1 + digits] == '\0';
}

/* The host for links without PUBLIC_BASE_URL: a trusted proxy's
 * X-Forwarded-Host, else the Host header, each only when sane. */
static const char *link_host(const rt_request *req)
{
    if (req->forwarded_host != NULL && host_is_sane(req->forwarded_host))
        return req->forwarded_host;
    if (req->host != NULL && host_is_sane(req->host))
        return req->host;
    return "localhost";
}

/* The absolute URL of this request with `page` and `cursor` replaced by
 * key=value (value NULL: both removed, as DRF does for the link to page
 * 1), as a JSON string. Its base is PUBLIC_BASE_URL when set (validated at
 * start-up), else built from the request (README, Operations). */
static void write_link(endpoint_run *run, rt_buf *b, const char *key, const char *value)
{
    const rt_request *req = run->req;
    const char *base = run->context->config->public_base_url;
    rt_buf url;
    bool first = true;

    rt_buf_init(&url);
    if (base != NULL && base[0] != '\0')
        rt_buf_printf(&url, "%s%s", base, req->path);
    else
        rt_buf_printf(&url, "%s://%s%s", link_scheme(req), link_host(req), req->path);
    for (int i = 0; i < req->query_count; i++) {
        if (strcmp(req->query_keys[i], "page") == 0 || strcmp(req->query_keys[i], "cursor") == 0)
            continue;
        rt_buf_puts(&url, first ? "?" : "&");
        first = false;
        append_url_encoded(&url, req->query_keys[i]);
        rt_buf_puts(&url, "=");
        append_url_encoded(&url, req->query_values[i] ? req->query_values[i] : "");
    }
    if (value != NULL) {
        rt_buf_printf(&url, "%s%s=", first ? "?" : "&", key);
        append_url_encoded(&url, value);
    }
    rt_buf_json_string(b, rt_buf_cstr(&url));
    rt_buf_free(&url);
}

static void write_page_link(endpoint_run *run, rt_buf *b, int64_t page)
{
    write_link(run, b, "page",
               page > 1 ? rt_arena_printf(run->req->arena, "%lld", (long long)page) : NULL);
}

/* A link to the rows after (or before) row `row` of the page's result, in
 * the chosen ordering; "null" when there is no such link. */
static int write_cursor_link(endpoint_run *run, rt_buf *b, const rt_query *query,
                             const rt_db_result *result, int row, bool before)
{
    const rt_ordering *ordering = query->keyset_default;
    rt_cursor cursor = {.ordering = run->ordering_name, .before = before};
    const char *text = NULL;
    int rc;

    if (row < 0) {
        rt_buf_puts(b, "null");
        return 0;
    }
    for (int i = 0; i < query->ordering_count; i++)
        if (strcmp(query->orderings[i].name, run->ordering_name) == 0)
            ordering = &query->orderings[i];
    cursor.key = rt_db_value(result, row, ordering->key_column);
    cursor.tiebreak = rt_db_value(result, row, query->column_count - 1);
    if (!cursor.key || !cursor.tiebreak) {
        rt_program_fail_internal(&run->program, "cursor", "a key of the page's row is null");
        return RT_EINVAL;
    }
    rc = rt_cursor_encode(run->context->config->jwt_secret, &cursor, run->req->arena, &text);
    if (rc != 0) {
        rt_program_fail_internal(&run->program, "cursor", "out of memory");
        return rc;
    }
    write_link(run, b, "cursor", text);
    return 0;
}

/* next and previous of a cursor page. Read forwards, rows [0, shown) are
 * the page: next follows its last row when more came, previous precedes
 * its first when a cursor led here. Read backwards (a previous link), the
 * rows came in reverse: the page's first row is shown - 1. */
static int write_cursor_links(endpoint_run *run, rt_buf *b, const rt_query *query,
                              const rt_db_result *result, int shown, bool more)
{
    bool backward = run->program.cursor_before;
    int first = backward ? shown - 1 : 0;
    int last = backward ? 0 : shown - 1;
    int rc;

    rt_buf_puts(b, ",\"next\":");
    rc = write_cursor_link(run, b, query, result, (backward || more) && shown > 0 ? last : -1,
                           false);
    if (rc != 0)
        return rc;
    rt_buf_puts(b, ",\"previous\":");
    return write_cursor_link(
        run, b, query, result,
        (backward ? more : run->program.cursor_key != NULL) && shown > 0 ? first : -1, true);
}

/* DRF's page {count, count_is_estimate, next, previous, results}: the
 * step read one row more than the page shows, which says whether another
 * page follows (README, "Pages and counts"). */
static int write_page(endpoint_run *run, const rt_member *member, rt_buf *b)
{
    rt_program *program = &run->program;
    const rt_step_state *state = &program->states[member->step];
    const rt_query *query = program->steps[member->step].query;
    int rows = state->has_result ? state->result.rows : 0;
    int shown = rows > program->page_size ? (int)program->page_size : rows;
    bool more = rows > program->page_size;
    rt_render_window window = {.rows = shown,
                               .reversed = program->cursor_before,
                               .hidden_columns = query->keyset_default ? 1 : 0};

    if (rows == 0 && program->page > 1 && !run->cursor_mode) {
        answer(run, 404, "not_found", "Invalid page.");
        return RT_EINVAL;
    }
    rt_buf_printf(b, "\"count\":%lld,\"count_is_estimate\":%s", (long long)state->count,
                  state->count_is_estimate ? "true" : "false");
    if (run->cursor_mode) {
        int rc = write_cursor_links(run, b, query, &state->result, shown, more);
        if (rc != 0)
            return rc;
    } else {
        rt_buf_puts(b, ",\"next\":");
        if (more)
            write_page_link(run, b, program->page + 1);
        else
            rt_buf_puts(b, "null");
        rt_buf_puts(b, ",\"previous\":");
        if (program->page > 1)
            write_page_link(run, b, program->page - 1);
        else
            rt_buf_puts(b, "null");
    }
    rt_buf_puts(b, ",\"results\":");
    rt_render_source source;
    rt_program_render_source(program, &source);
    rt_render_rows(&source, member->step, &window, b);
    return 0;
}

/* The Location header of a 201 (`location "/products/{product.uid}"`):
 * literal parts verbatim (the compiler allows only path characters), the
 * values URL-encoded; absolute from PUBLIC_BASE_URL when it is set, else
 * the path alone (README, Operations). */
static int write_location(endpoint_run *run)
{
    const rt_endpoint *ep = run->endpoint;
    const char *base = run->context->config->public_base_url;
    rt_buf url;
    int rc = 0;

    if (ep->location_count == 0)
        return 0;
    rt_buf_init(&url);
    rt_buf_puts(&url, base != NULL ? base : "");
    for (int i = 0; i < ep->location_count && rc == 0; i++) {
        const rt_value *part = &ep->location[i];
        const char *text = NULL;
        rc = rt_program_value_text(&run->program, part, &text);
        if (rc != 0)
            break;
        if (text == NULL) {
            rt_program_fail_internal(&run->program, "location", "a part of the Location is null");
            rc = RT_EINVAL;
        } else if (part->kind == RT_VALUE_LITERAL) {
            rt_buf_puts(&url, text);
        } else {
            append_url_encoded(&url, text);
        }
    }
    /* the response keeps a pointer to the value: it lives in the request's arena */
    const char *value =
        rc == 0 && !url.failed ? rt_arena_strdup(run->req->arena, rt_buf_cstr(&url)) : NULL;
    if (rc == 0 && value == NULL) {
        rt_program_fail_internal(&run->program, "location", "out of memory");
        rc = RT_ENOMEM;
    }
    if (rc == 0)
        rt_response_header(run->resp, "Location", value);
    rt_buf_free(&url);
    return rc;
}

/* `etag STEP.column`: the ETag header of the success answer; a GET whose
 * If-None-Match lists it (weak comparison, RFC 9110 13.1.2) becomes a 304
 * without a body (README, The API: ETags). */
static int write_etag(endpoint_run *run)
{
    const rt_endpoint *ep = run->endpoint;
    const char *version = NULL;
    char etag[RT_ETAG_MAX];
    bool not_modified = false;
    int rc;

    if (ep->etag == NULL)
        return 0;
    rc = rt_program_value_text(&run->program, ep->etag, &version);
    if (rc != 0)
        return rc;
    if (version == NULL || rt_etag_format(version, etag, sizeof etag) != 0) {
        rt_program_fail_internal(&run->program, "etag", "the version is not a bigint");
        return RT_EINVAL;
    }
    const char *value = rt_arena_strdup(run->req->arena, etag);
    if (value == NULL) {
        rt_program_fail_internal(&run->program, "etag", "out of memory");
        return RT_ENOMEM;
    }
    rt_response_header(run->resp, "ETag", value);
    /* HEAD is the GET's answer without its body (rt_router): both 304 */
    bool is_read = strcmp(run->req->method, "GET") == 0 || strcmp(run->req->method, "HEAD") == 0;
    if (is_read && run->req->if_none_match != NULL)
        (void)rt_etag_list_matches(run->req->if_none_match, etag, RT_ETAG_WEAK, &not_modified);
    if (not_modified) {
        rt_buf_reset(&run->resp->body);
        run->resp->status = 304;
    }
    return 0;
}

static int render_response(endpoint_run *run)
{
    const rt_endpoint *ep = run->endpoint;
    rt_buf *b = &run->resp->body;
    bool first = true;
    int rc = 0;

    rt_buf_reset(b);
    rt_buf_puts(b, "{");
    for (int i = 0; i < ep->response_count && rc == 0; i++) {
        if (ep->response[i].kind == RT_MEMBER_PAGE) {
            rc = write_page(run, &ep->response[i], b);
            first = false;
        } else {
            rt_render_source source;
            rt_program_render_source(&run->program, &source);
            rc = rt_render_members(&source, &ep->response[i], 1, b, &first);
        }
    }
    rt_buf_puts(b, "}");
    if (rc == 0)
        rc = write_location(run);
    if (rc != 0)
        return rc;
    if (b->failed) {
        rt_program_fail_internal(&run->program, "render", "out of memory");
        return RT_ENOMEM;
    }
    run->resp->status = ep->status;
    return write_etag(run);
}

/* The steps and the answer: the work an idempotency key wraps. */
static int run_steps(void *context)
{
    endpoint_run *run = context;
    int rc = rt_program_run(&run->program, run->endpoint->steps, run->endpoint->step_count);
    return rc != 0 ? rc : render_response(run);
}

/* Runs the steps under the request's Idempotency-Key when the endpoint
 * honours one (else the header is ignored). The key belongs to its
 * caller: the user, or on a public endpoint the client's address, as in
 * its rate limit's bucket (README, The API: Idempotency keys). */
static int run_with_key(endpoint_run *run)
{
    const rt_endpoint *ep = run->endpoint;
    rt_request *req = run->req;
    rt_idempotency_request request = {.endpoint = ep->id,
                                      .method = req->method,
                                      .path = req->path,
                                      .metrics = run->context->metrics};

    if (ep->idempotent && req->idempotency_key != NULL) {
        request.key = req->idempotency_key;
        request.caller = run->authenticated
                             ? rt_arena_printf(req->arena, "user:%s", run->claims.user_id)
                             : rt_arena_printf(req->arena, "ip:%s", req->client_ip);
        request.body = ep->has_body && req->body != NULL ? req->body : "";
        if (request.caller == NULL) {
            rt_program_fail_internal(&run->program, "idempotency", "out of memory");
            return RT_ENOMEM;
        }
    }
    return rt_idempotency_run(&request, &run->program, run->resp, run_steps, run);
}

/* ------------------------------------------------------------------ main */

/* Whether the first statement goes out with the user check: a read
 * endpoint with auth whose roles, when it has some, include the token's
 * (so a customer's token never makes PostgreSQL run a staff report only
 * to answer 403). */
static bool reads_ahead(const endpoint_run *run)
{
    const rt_endpoint *ep = run->endpoint;

    if (ep->auth == RT_AUTH_PUBLIC || ep->step_count == 0 || ep->steps[0].kind != RT_STEP_QUERY)
        return false;
    if (ep->auth == RT_AUTH_ROLES && !role_allowed(ep, run->claims.role))
        return false;
    return rt_program_reads_only(ep->steps, ep->step_count);
}

/* A read endpoint with auth: the inputs are validated first (no I/O), so
 * the user check and the first statement go out together. Invalid inputs
 * still answer in the usual order: 401/403, then 429, then the inputs'
 * answer. 0: the steps may run (the first one's result is waiting). */
static int admit_read(endpoint_run *run, const char *const *path_values, rt_field_errors *errors)
{
    rt_program *program = &run->program;
    int rc = validate_inputs(run, path_values, errors);

    if (rc == 0)
        rc = read_list_inputs(run, errors);
    if (rc == 0) {
        rc = authenticate_with_first_read(run);
        if (rc == 0)
            rc = finish_rate_limit(run);
        return rc;
    }
    /* the inputs' answer waits for the user check and the rate limit */
    bool failed = program->failed;
    int status = program->status;
    const char *code = program->code, *message = program->message;
    program->failed = false;
    if (authenticate(run) == 0 && finish_rate_limit(run) == 0 && failed)
        rt_program_fail(program, status, code, message);
    return rc;
}

/* Any other endpoint: the user check, the rate limit's answer, then the
 * inputs (so a limited write never runs). */
static int admit(endpoint_run *run, const char *const *path_values, rt_field_errors *errors)
{
    int rc = authenticate(run);

    if (rc == 0)
        rc = finish_rate_limit(run);
    if (rc == 0)
        rc = validate_inputs(run, path_values, errors);
    if (rc == 0)
        rc = read_list_inputs(run, errors);
    return rc;
}

void rt_endpoint_handle(const rt_endpoint_context *context, const rt_endpoint *endpoint,
                        const char *const *path_values, rt_request *req, rt_response *resp)
{
    endpoint_run run = {.context = context, .endpoint = endpoint, .req = req, .resp = resp};
    rt_field_errors errors = {0};

    rt_program_init(&run.program);
    run.program.config = context->config;
    run.program.db = context->db;
    run.program.arena = req->arena;
    run.program.request_id = req->request_id;
    run.program.request.if_match = req->if_match;

    if (req->body_too_large) {
        answer(&run, 413, NULL, "Request body is too large.");
        goto done;
    }
    if (verify_token(&run) != 0)
        goto done;
    start_rate_limit(&run);
    clamp_page_size(&run);
    if (reads_ahead(&run) ? admit_read(&run, path_values, &errors)
                          : admit(&run, path_values, &errors))
        goto done;
    run_with_key(&run);

done:
    if (run.limit_started) { /* an earlier stage answered: only give the connection back */
        rt_ratelimit_decision ignored;
        rt_ratelimit_finish(context->limiter, &run.limit, &ignored);
    }
    if (errors.count > 0 && !run.program.failed)
        rt_response_error(resp, 400, "validation_error", "Invalid input.", &errors);
    else if (run.program.failed)
        rt_response_error(resp, run.program.status, run.program.code, run.program.message,
                          &run.program.fields);
    rt_program_finish(&run.program);
}
