/*
 * emit_openapi.c - the OpenAPI 3.1 document (see emit_openapi.h): info
 * (license), servers, tags, one operation per endpoint (operationId from
 * check_openapi.c, parameters, the request body and the success response as
 * named components from openapi_schema.c), error responses in the ApiError
 * shape with the spec's messages as examples, and the response headers
 * the runtime sends.
 *
 * Every json_t built here is owned by its parent once set (jansson's
 * *_set_new / *_append_new steal references); the document root is
 * released once, at the end. Out of memory ends specc (rt_alloc.h).
 */
#include "emit_openapi.h"

#include <ctype.h>
#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "openapi_schema.h"
#include "rt_alloc.h"
#include "rt_error.h"

/* The statuses with a shared response in components.responses, named by
 * their error code (rt_error_default_code). */
static const int openapi_shared_statuses[] = {400, 401, 403, 404, 409, 413, 415, 429, 500, 503};

/* Error codes the runtime answers with besides the statuses' defaults
 * (runtime/rt_endpoint.c, rt_builtin.c, rt_http.c), and the statuses it
 * may answer any request with (405 with Allow, 501 for an unknown
 * Transfer-Encoding). */
static const char *const openapi_runtime_codes[] = {
    "validation_error",         "parse_error",
    "token_not_valid",          "not_implemented",
    RT_IDEMPOTENCY_REUSED_CODE, RT_IDEMPOTENCY_IN_PROGRESS_CODE};
static const int openapi_runtime_statuses[] = {400, 401, 403, 404, 405, 409,
                                               413, 415, 429, 500, 503};

static const char *openapi_reason(int status)
{
    switch (status) {
    case 400:
        return "Bad request: malformed JSON or invalid fields";
    case 401:
        return "Not authenticated: missing, invalid or expired token";
    case 403:
        return "Permission denied: signed in with another role";
    case 404:
        return "Not found";
    case 409:
        return "Conflict";
    case 412:
        return "Precondition failed: If-Match does not list the current ETag; nothing changed";
    case 413:
        return "Payload too large";
    case 415:
        return "Unsupported media type: send application/json";
    case 422:
        return "Unprocessable: the Idempotency-Key was used for another request";
    case 429:
        return "Too many requests (see Retry-After)";
    case 500:
        return "Internal error (logged with the request id)";
    case 503:
        return "Service unavailable: the database cannot be reached, or the server is busy "
               "(see Retry-After)";
    default:
        return "Error";
    }
}

static bool openapi_status_shared(int status)
{
    for (size_t i = 0; i < sizeof openapi_shared_statuses / sizeof openapi_shared_statuses[0]; i++)
        if (openapi_shared_statuses[i] == status)
            return true;
    return false;
}

static json_t *openapi_header_ref(const char *name)
{
    return json_pack("{s:o}", "$ref", json_sprintf("#/components/headers/%s", name));
}

/* The headers of a response: X-Request-ID always, the rate-limit ones
 * on rate-limited operations, Retry-After on 429 and 503, Location on a
 * 201 whose endpoint declares a `location`, ETag on the success answer
 * (and the 304) of an endpoint that declares an `etag`. */
static json_t *openapi_headers(int status, bool limited, bool location, bool etag)
{
    json_t *headers = json_pack("{s:o}", "X-Request-ID", openapi_header_ref("X-Request-ID"));

    if (limited || status == 429) {
        json_object_set_new(headers, "RateLimit-Limit", openapi_header_ref("RateLimit-Limit"));
        json_object_set_new(headers, "RateLimit-Remaining",
                            openapi_header_ref("RateLimit-Remaining"));
        json_object_set_new(headers, "RateLimit-Reset", openapi_header_ref("RateLimit-Reset"));
    }
    if (status == 429 || status == 503)
        json_object_set_new(headers, "Retry-After", openapi_header_ref("Retry-After"));
    if (location)
        json_object_set_new(headers, "Location", openapi_header_ref("Location"));
    if (etag)
        json_object_set_new(headers, "ETag", openapi_header_ref("ETag"));
    return headers;
}

/* A response in the ApiError shape for status (with the rate-limit
 * headers when it may come after the limiter counted the request). */
static json_t *openapi_error_response(int status, const char *description, bool limited)
{
    return json_pack("{s:s, s:o, s:{s:{s:o}}}", "description", description, "headers",
                     openapi_headers(status, limited, false, false), "content", "application/json",
                     "schema", openapi_ref("ApiError"));
}

/* Adds an error response for status. Without a message it refers to the
 * shared response; the spec's messages make it the operation's own, with
 * each message as an example of the error body. */
static void openapi_error(json_t *responses, bool limited, int status, const char *code,
                          const char *message)
{
    char key[8];
    json_t *response;
    json_t *examples;

    snprintf(key, sizeof key, "%d", status);
    response = json_object_get(responses, key);
    if (!message) {
        if (!response)
            openapi_set(responses, key,
                        openapi_status_shared(status)
                            ? json_pack("{s:o}", "$ref",
                                        json_sprintf("#/components/responses/%s",
                                                     rt_error_default_code(status)))
                            : openapi_error_response(status, openapi_reason(status), limited));
        return;
    }
    if (!response || json_object_get(response, "$ref")) {
        response = openapi_error_response(status, openapi_reason(status), limited);
        openapi_set(responses, key, response);
    }
    examples = json_object_get(
        json_object_get(json_object_get(response, "content"), "application/json"), "examples");
    if (!examples) {
        examples = json_object();
        openapi_set(json_object_get(json_object_get(response, "content"), "application/json"),
                    "examples", examples);
    }
    code = code ? code : rt_error_default_code(status);
    openapi_set(examples, json_object_get(examples, code) ? message : code,
                json_pack("{s:s, s:{s:{s:i, s:s, s:s}}}", "summary", message, "value", "error",
                          "status", status, "code", code, "message", message));
}

/* ------------------------------------------------- statements' row counts */

/* The words, groups "(" and punctuation of a statement outside brackets,
 * strings and comments, in order: enough to see its clauses. */
static int openapi_top_level(const char *sql, char words[][16], int max)
{
    int n = 0;
    int depth = 0;

    for (const char *c = sql; *c && n < max; c++) {
        if (*c == '\'' || *c == '"') {
            char quote = *c;
            while (c[1] && c[1] != quote)
                c++;
            c += c[1] ? 1 : 0;
        } else if (c[0] == '-' && c[1] == '-') {
            while (c[1] && c[1] != '\n')
                c++;
        } else if (*c == '(') {
            if (depth++ == 0)
                strcpy(words[n++], "(");
        } else if (*c == ')') {
            depth--;
        } else if (depth == 0 && (isalpha((unsigned char)*c) || *c == '_')) {
            size_t k = 0;
            while ((isalnum((unsigned char)*c) || *c == '_') && k + 1 < sizeof words[0]) {
                words[n][k++] = (char)tolower((unsigned char)*c);
                c++;
            }
            words[n++][k] = '\0';
            while (isalnum((unsigned char)*c) || *c == '_')
                c++;
            c--;
        } else if (depth == 0 && *c == ',') {
            strcpy(words[n++], ",");
        }
    }
    return n;
}

static bool openapi_has_word(char words[][16], int from, int n, const char *word)
{
    for (int i = from; i < n; i++)
        if (strcmp(words[i], word) == 0)
            return true;
    return false;
}

/* Whether a :one query always returns a row (or fails): an INSERT of one
 * VALUES row with RETURNING and no ON CONFLICT, or a SELECT without FROM,
 * WHERE, HAVING, LIMIT, OFFSET or set operations (after any WITH). */
static bool openapi_always_row(const sql_query *q)
{
    static const char *const filtering[] = {"from",  "where",  "having",    "limit", "offset",
                                            "union", "except", "intersect", "fetch"};
    char words[256][16];
    int n = q->parts ? 0 : openapi_top_level(q->sql, words, 256);
    int main = 0;

    while (main < n && strcmp(words[main], "select") != 0 && strcmp(words[main], "insert") != 0 &&
           strcmp(words[main], "update") != 0 && strcmp(words[main], "delete") != 0)
        main++;
    if (main == n || n == 256)
        return false;
    if (strcmp(words[main], "insert") == 0) {
        for (int i = main + 1; i < n; i++) {
            if (strcmp(words[i], "values") == 0)
                return i + 2 < n && strcmp(words[i + 1], "(") == 0 &&
                       strcmp(words[i + 2], "returning") == 0 &&
                       !openapi_has_word(words, main, n, "conflict");
        }
        return false;
    }
    if (strcmp(words[main], "select") != 0)
        return false;
    for (size_t k = 0; k < sizeof filtering / sizeof filtering[0]; k++)
        if (openapi_has_word(words, main + 1, n, filtering[k]))
            return false;
    return true;
}

/* ------------------------------------------------------------ responses */

/* Whether the endpoint can answer 404: a path value that does not parse,
 * a page out of range, or a :one query that may find no row and has no
 * other mapping for it. */
static bool openapi_may_404(const api_endpoint *e)
{
    if (e->path_field_count > 0 || e->page_field >= 0)
        return true;
    for (int i = 0; i < e->program.step_count; i++) {
        const api_step *s = &e->program.steps[i];
        bool no_row_mapped = false;
        for (int k = 0; k < s->outcome_count; k++)
            no_row_mapped = no_row_mapped || s->outcomes[k].outcome == RT_OUTCOME_NO_ROW;
        if (s->query && s->query->cardinality == RT_CARD_ONE && !s->optional && !no_row_mapped &&
            !openapi_always_row(s->query))
            return true;
    }
    return false;
}

/* An idempotent endpoint (README, The API: Idempotency keys): its success
 * may be a replay (Idempotent-Replayed), a bad header is a 400, a key in
 * use a 409, a key used for another request a 422. success_key: the
 * success status's key in responses. */
static void openapi_idempotency_responses(json_t *responses, bool limited, const char *success_key)
{
    json_t *headers = json_object_get(json_object_get(responses, success_key), "headers");

    if (headers)
        openapi_set(headers, RT_IDEMPOTENCY_REPLAYED_HEADER,
                    openapi_header_ref(RT_IDEMPOTENCY_REPLAYED_HEADER));
    openapi_error(responses, limited, 400, NULL, NULL);
    openapi_error(responses, limited, 409, RT_IDEMPOTENCY_IN_PROGRESS_CODE,
                  RT_IDEMPOTENCY_IN_PROGRESS_MESSAGE);
    openapi_error(responses, limited, 422, RT_IDEMPOTENCY_REUSED_CODE,
                  RT_IDEMPOTENCY_REUSED_MESSAGE);
}

/* A step's mapped database error: its example carries the spec's message
 * (the database's own when the spec gives none: then the status's
 * reason), and with `fields from detail` says where its fields come from. */
static void openapi_outcome_error(json_t *responses, bool limited, const api_outcome *o)
{
    const char *message = o->message ? o->message : openapi_reason(o->status);
    char key[8];
    json_t *examples;
    json_t *example;

    openapi_error(responses, limited, o->status, o->code, message);
    if (!o->fields_from_detail)
        return;
    snprintf(key, sizeof key, "%d", o->status);
    examples =
        json_object_get(json_object_get(json_object_get(json_object_get(responses, key), "content"),
                                        "application/json"),
                        "examples");
    example = json_object_get(examples, o->code);
    if (example && strcmp(json_string_value(json_object_get(example, "summary")), message) != 0)
        example = json_object_get(examples, message);
    if (example)
        openapi_set(example, "description",
                    json_string("The message is the database's. `fields` holds the field errors "
                                "its check names (the RAISE's DETAIL), an array field's in DRF's "
                                "nested shape: one object per item, empty for a valid one."));
}

static json_t *openapi_responses(openapi_builder *b, const api_endpoint *e, const char *prefix)
{
    json_t *responses = json_object();
    char key[8];
    bool may_401 = e->auth != RT_AUTH_PUBLIC;
    bool limited = e->limit != RT_LIMIT_NONE;

    snprintf(key, sizeof key, "%d", e->status);
    openapi_set(responses, key,
                json_pack("{s:s, s:o, s:{s:{s:o}}}", "description",
                          e->summary ? e->summary : "Success", "headers",
                          openapi_headers(e->status, limited, e->location_count > 0, e->has_etag),
                          "content", "application/json", "schema",
                          openapi_response_schema(b, e, prefix)));
    if (e->has_etag && strcmp(e->method, "GET") == 0)
        openapi_set(responses, "304",
                    json_pack("{s:s, s:o}", "description",
                              "Not modified: If-None-Match lists the current ETag (no body).",
                              "headers", openapi_headers(304, limited, false, true)));
    if (e->has_body || e->query_field_count > 0 || e->path_field_count > 0)
        openapi_error(responses, limited, 400, NULL, NULL);
    for (int i = 0; i < e->program.step_count; i++)
        may_401 = may_401 || e->program.steps[i].kind == RT_STEP_LET; /* token built-ins */
    if (may_401)
        openapi_error(responses, limited, 401, NULL, NULL);
    if (e->auth == RT_AUTH_ROLES)
        openapi_error(responses, limited, 403, NULL, NULL);
    if (openapi_may_404(e))
        openapi_error(responses, limited, 404, NULL, NULL);
    for (int i = 0; i < e->program.step_count; i++) {
        const api_step *s = &e->program.steps[i];
        for (int k = 0; k < s->outcome_count; k++)
            openapi_outcome_error(responses, limited, &s->outcomes[k]);
        if (s->kind == RT_STEP_CHECK)
            openapi_error(responses, limited, s->else_status, s->else_code, s->else_message);
    }
    if (e->has_body) {
        openapi_error(responses, limited, 413, NULL, NULL);
        openapi_error(responses, limited, 415, NULL, NULL);
    }
    if (e->idempotent)
        openapi_idempotency_responses(responses, limited, key);
    if (limited)
        openapi_error(responses, limited, 429, NULL, NULL);
    openapi_error(responses, limited, 500, NULL, NULL);
    openapi_error(responses, limited, 503, NULL, NULL);
    return responses;
}

/* ------------------------------------------------------------ lifecycle */

/* Whether an earlier step of e (before step `before`, or firing `k` of it)
 * fires the same transition target. */
static bool openapi_fired_before(const api_endpoint *e, int before, int k, const api_firing *firing)
{
    for (int i = 0; i <= before; i++) {
        const api_step *s = &e->program.steps[i];
        for (int j = 0; j < (i == before ? k : s->firing_count); j++) {
            if (s->firings[j].lifecycle == firing->lifecycle &&
                strcmp(s->firings[j].to, firing->to) == 0)
                return true;
        }
    }
    return false;
}

/* Whether the JSON array of strings holds text. */
static bool openapi_has_string(const json_t *array, const char *text)
{
    for (size_t i = 0; i < json_array_size(array); i++) {
        if (strcmp(json_string_value(json_array_get(array, i)), text) == 0)
            return true;
    }
    return false;
}

/* One x-lifecycle entry: the state the column moves to, the states it may
 * come from and who may fire those transitions. */
static json_t *openapi_firing(const api_firing *firing)
{
    const api_lifecycle *l = firing->lifecycle;
    json_t *from = json_array();
    json_t *by = json_array();

    for (int t = 0; from && by && t < l->transition_count; t++) {
        const api_transition *transition = &l->transitions[t];
        if (strcmp(transition->to, firing->to) != 0)
            continue;
        openapi_append(from, json_string(transition->from));
        for (int w = 0; w < transition->by_count; w++) {
            if (!openapi_has_string(by, transition->by[w]))
                openapi_append(by, json_string(transition->by[w]));
        }
    }
    return json_pack("{s:s, s:o, s:s, s:o, s:o}", "lifecycle", l->name, "column",
                     json_sprintf("%s.%s", l->table, l->column), "to", firing->to, "from", from,
                     "by", by);
}

/* x-lifecycle: the lifecycle transitions the operation fires, one entry
 * per (lifecycle, target state) in step order; NULL when it fires none. */
static json_t *openapi_lifecycle(const api_endpoint *e)
{
    json_t *list = NULL;

    for (int i = 0; i < e->program.step_count; i++) {
        const api_step *s = &e->program.steps[i];
        for (int k = 0; k < s->firing_count; k++) {
            if (openapi_fired_before(e, i, k, &s->firings[k]))
                continue;
            if (!list)
                list = json_array();
            openapi_append(list, openapi_firing(&s->firings[k]));
        }
    }
    return list;
}

/* x-rules: the endpoint's rules between fields, as written; a failure is
 * a 400 validation_error naming the left field. NULL when it has none. */
static json_t *openapi_rules(const api_endpoint *e)
{
    static const char *const compares[] = {"<", "<=", ">", ">=", "=", "<>"};
    json_t *list = e->rule_count > 0 ? json_array() : NULL;

    for (int i = 0; list && i < e->rule_count; i++) {
        const api_rule *r = &e->rules[i];
        openapi_append(list, json_pack("{s:o, s:s, s:o, s:s}", "left",
                                       json_sprintf("%s.%s", r->left.text, r->left.member),
                                       "compare", compares[r->compare], "right",
                                       json_sprintf("%s.%s", r->right.text, r->right.member),
                                       "message", r->message));
    }
    return list;
}

/* ------------------------------------------------------------ operation */

static json_t *openapi_parameters(openapi_builder *b, const api_endpoint *e)
{
    json_t *parameters = json_array();

    for (int i = 0; i < e->path_field_count; i++)
        openapi_append(parameters, json_pack("{s:s, s:s, s:b, s:o}", "name", e->path_fields[i].name,
                                             "in", "path", "required", 1, "schema",
                                             openapi_field_schema(b, &e->path_fields[i])));
    for (int i = 0; i < e->query_field_count; i++) {
        const api_field *f = &e->query_fields[i];
        openapi_append(parameters,
                       json_pack("{s:s, s:s, s:b, s:o}", "name", f->name, "in", "query", "required",
                                 f->required, "schema", openapi_field_schema(b, f)));
    }
    if (e->has_etag && strcmp(e->method, "GET") == 0)
        openapi_append(parameters,
                       json_pack("{s:s, s:s, s:b, s:s, s:{s:s}}", "name", "If-None-Match", "in",
                                 "header", "required", 0, "description",
                                 "ETags of copies the client holds (or *): 304 when one is the "
                                 "current one (weak comparison).",
                                 "schema", "type", "string"));
    for (int i = 0; i < e->program.step_count; i++) {
        const api_step *s = &e->program.steps[i];
        if (s->kind == RT_STEP_CHECK && s->call.index == RT_BUILTIN_IF_MATCH)
            openapi_append(parameters,
                           json_pack("{s:s, s:s, s:b, s:s, s:{s:s}}", "name", "If-Match", "in",
                                     "header", "required", 0, "description",
                                     "The ETag the client read (or *): the change happens only "
                                     "while it is current (strong comparison), else 412; "
                                     "without it the change is unconditional.",
                                     "schema", "type", "string"));
    }
    if (e->idempotent)
        openapi_append(
            parameters,
            json_pack("{s:s, s:s, s:s, s:b, s:{s:s, s:i, s:i, s:s}}", "name", RT_IDEMPOTENCY_HEADER,
                      "in", "header", "description",
                      "A key of the client's choosing (a UUID, say): a repeat with the same key "
                      "and request within IDEMPOTENCY_TTL_SECONDS gets the first answer again "
                      "and changes nothing.",
                      "required", 0, "schema", "type", "string", "minLength", 1, "maxLength",
                      RT_IDEMPOTENCY_MAX_KEY, "pattern", "^[\\x20-\\x7E]+$"));
    return parameters;
}

static json_t *openapi_description(const api_endpoint *e)
{
    char description[512];
    int n = snprintf(description, sizeof description, "Auth: %s",
                     e->auth == RT_AUTH_PUBLIC     ? "public"
                     : e->auth == RT_AUTH_ANY_USER ? "any signed-in user"
                                                   : "roles ");

    for (int i = 0;
         e->auth == RT_AUTH_ROLES && i < e->role_count && n > 0 && (size_t)n < sizeof description;
         i++)
        n += snprintf(description + n, sizeof description - (size_t)n, "%s%s", i ? ", " : "",
                      e->roles[i]);
    if (n > 0 && (size_t)n < sizeof description)
        snprintf(description + n, sizeof description - (size_t)n, ". Rate limit: %s.",
                 e->limit == RT_LIMIT_NONE     ? "none"
                 : e->limit == RT_LIMIT_PER_IP ? "per client address"
                                               : "per user");
    return json_string(description);
}

static json_t *openapi_operation(openapi_builder *b, const api_file *file, const api_endpoint *e)
{
    json_t *op = json_object();
    json_t *lifecycle;
    char *request_name = openapi_pascal(e->operation_id, "Request");

    openapi_set(op, "operationId", json_string(e->operation_id));
    openapi_set(op, "summary", json_string(e->summary ? e->summary : e->operation_id));
    openapi_set(op, "description", openapi_description(e));
    openapi_set(op, "tags", json_pack("[s]", file->stem));
    if (e->auth != RT_AUTH_PUBLIC)
        openapi_set(op, "security", json_pack("[{s:[]}]", "bearerAuth"));
    else
        openapi_set(op, "security", json_array());
    if (e->path_field_count + e->query_field_count > 0 || e->idempotent)
        openapi_set(op, "parameters", openapi_parameters(b, e));
    if (e->has_body)
        openapi_set(
            op, "requestBody",
            json_pack("{s:b, s:{s:{s:o}}}", "required", 1, "content", "application/json", "schema",
                      openapi_component(b, request_name,
                                        openapi_body_schema(b, e->body_fields, e->body_field_count),
                                        e->loc, true)));
    openapi_set(op, "responses", openapi_responses(b, e, e->operation_id));
    lifecycle = openapi_lifecycle(e);
    if (lifecycle)
        openapi_set(op, "x-lifecycle", lifecycle);
    if (e->rule_count > 0)
        openapi_set(op, "x-rules", openapi_rules(e));
    openapi_set(op, "x-spec", json_sprintf("%s:%d", file->source->path, e->loc.line));
    free(request_name);
    return op;
}

/* ----------------------------------------------------------- components */

static int openapi_compare_strings(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Adds code to the list unless it is there. */
static void openapi_add_code(const char **codes, size_t *count, size_t max, const char *code)
{
    for (size_t i = 0; i < *count; i++)
        if (strcmp(codes[i], code) == 0)
            return;
    if (*count < max)
        codes[(*count)++] = code;
}

/* ErrorCode: every `code` an error body may carry, sorted. */
static json_t *openapi_error_codes(openapi_builder *b)
{
    const char *codes[256];
    size_t count = 0;
    size_t max = sizeof codes / sizeof codes[0];
    json_t *labels = json_array();

    for (size_t i = 0; i < sizeof openapi_runtime_codes / sizeof openapi_runtime_codes[0]; i++)
        openapi_add_code(codes, &count, max, openapi_runtime_codes[i]);
    for (size_t i = 0; i < sizeof openapi_runtime_statuses / sizeof openapi_runtime_statuses[0];
         i++)
        openapi_add_code(codes, &count, max, rt_error_default_code(openapi_runtime_statuses[i]));
    for (int f = 0; f < b->model->api_file_count; f++) {
        for (int i = 0; i < b->model->api_files[f].endpoint_count; i++) {
            const api_program *program = &b->model->api_files[f].endpoints[i].program;
            for (int k = 0; k < program->step_count; k++) {
                const api_step *s = &program->steps[k];
                for (int o = 0; o < s->outcome_count; o++)
                    openapi_add_code(codes, &count, max,
                                     s->outcomes[o].code
                                         ? s->outcomes[o].code
                                         : rt_error_default_code(s->outcomes[o].status));
                if (s->kind == RT_STEP_CHECK)
                    openapi_add_code(codes, &count, max,
                                     s->else_code ? s->else_code
                                                  : rt_error_default_code(s->else_status));
            }
        }
    }
    qsort(codes, count, sizeof codes[0], openapi_compare_strings);
    for (size_t i = 0; i < count; i++)
        openapi_append(labels, json_string(codes[i]));
    return json_pack("{s:s, s:s, s:o}", "type", "string", "description",
                     "Stable, machine-readable error codes; new codes may be added.", "enum",
                     labels);
}

/* The reasons of one field: messages, or per item an object of messages
 * per key. */
static json_t *openapi_field_reasons(void)
{
    return json_pack("{s:s, s:{s:[{s:s}, {s:s, s:{s:s, s:{s:s}}}]}}", "type", "array", "items",
                     "anyOf", "type", "string", "type", "object", "additionalProperties", "type",
                     "array", "items", "type", "string");
}

static void openapi_error_schemas(openapi_builder *b)
{
    json_t *error = json_pack(
        "{s:s, s:[s], s:{s:{s:s, s:[s, s, s], s:{s:{s:s}, s:o, s:{s:s}, "
        "s:{s:s, s:s, s:o}}, s:b}}, s:b}",
        "type", "object", "required", "error", "properties", "error", "type", "object", "required",
        "status", "code", "message", "properties", "status", "type", "integer", "code",
        openapi_ref("ErrorCode"), "message", "type", "string", "fields", "type", "object",
        "description",
        "Per field (a body, query or path key), the reasons it was refused; for an array of "
        "objects whose items were refused, one object per item (empty for a valid item) with "
        "the reasons per key of the item.",
        "additionalProperties", openapi_field_reasons(), "additionalProperties", 0,
        "additionalProperties", 0);

    openapi_set(b->schemas, "ApiError", error);
    openapi_set(b->schemas, "ErrorCode", openapi_error_codes(b));
}

/* components.responses: the shared error responses the operations use. */
static json_t *openapi_shared_responses(json_t *paths)
{
    json_t *responses = json_object();
    char *text = json_dumps(paths, JSON_COMPACT);

    for (size_t i = 0; i < sizeof openapi_shared_statuses / sizeof openapi_shared_statuses[0];
         i++) {
        const char *code = rt_error_default_code(openapi_shared_statuses[i]);
        char ref[96];
        snprintf(ref, sizeof ref, "\"#/components/responses/%s\"", code);
        if (strstr(text, ref))
            openapi_set(responses, code,
                        openapi_error_response(openapi_shared_statuses[i],
                                               openapi_reason(openapi_shared_statuses[i]), true));
    }
    free(text);
    return responses;
}

static json_t *openapi_header(const char *description, const char *type, bool required)
{
    return json_pack("{s:s, s:b, s:{s:s}}", "description", description, "required", required,
                     "schema", "type", type);
}

static json_t *openapi_response_headers(void)
{
    return json_pack(
        "{s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o}", "X-Request-ID",
        openapi_header("The request's id: the client's own X-Request-ID when it sent a sane one; "
                       "logged with the request.",
                       "string", true),
        "RateLimit-Limit",
        openapi_header("Requests allowed per window in this operation's bucket (absent while "
                       "Redis is down: no limits then).",
                       "integer", false),
        "RateLimit-Remaining", openapi_header("Requests left in the window.", "integer", false),
        "RateLimit-Reset",
        openapi_header("Seconds until the budget is whole again.", "integer", false), "Retry-After",
        openapi_header("Seconds to wait before trying again.", "integer", false), "Location",
        openapi_header("The URL of the resource the request created: absolute from PUBLIC_BASE_URL "
                       "when it is set, else its path.",
                       "string", false),
        "ETag",
        openapi_header("The resource's version as a strong entity tag (\"7\"): send it back in "
                       "If-None-Match (304 when unchanged) or If-Match (a conditional write).",
                       "string", false),
        RT_IDEMPOTENCY_REPLAYED_HEADER,
        openapi_header("\"true\" when this is the stored answer of an earlier request with the "
                       "same Idempotency-Key (nothing changed this time).",
                       "string", false));
}

static json_t *openapi_components(openapi_builder *b, json_t *paths)
{
    openapi_error_schemas(b);
    return json_pack("{s:O, s:o, s:o, s:{s:{s:s, s:s, s:s, s:s}}}", "schemas", b->schemas,
                     "responses", openapi_shared_responses(paths), "headers",
                     openapi_response_headers(), "securitySchemes", "bearerAuth", "type", "http",
                     "scheme", "bearer", "bearerFormat", "JWT", "description",
                     "The access token from POST /users/login or /users/token/refresh.");
}

/* ------------------------------------------------------------- document */

static json_t *openapi_info(openapi_builder *b)
{
    json_t *inputs = json_array();

    for (int i = 0; i < b->model->input_count; i++)
        openapi_append(inputs, json_string(b->model->inputs[i]->path));
    return json_pack(
        "{s:s, s:s, s:s, s:{s:s, s:s}, s:o}", "title", "orderd API", "version", "1.0.0",
        "description",
        "Generated by specc from the spec. Every error has the shape of ApiError; every response "
        "carries X-Request-ID.",
        "license", "name", "Proprietary", "identifier", "LicenseRef-orderd-proprietary",
        "x-generated-from", inputs);
}

static json_t *openapi_servers(void)
{
    return json_pack("[{s:s, s:s, s:{s:{s:s, s:[s, s]}, s:{s:s, s:s}}}]", "url",
                     "{scheme}://{host}", "description",
                     "An orderd server (make run: http://localhost:8000)", "variables", "scheme",
                     "default", "http", "enum", "http", "https", "host", "default",
                     "localhost:8000", "description", "host[:port] of the server");
}

static json_t *openapi_tags(openapi_builder *b)
{
    json_t *tags = json_array();

    for (int f = 0; f < b->model->api_file_count; f++) {
        const api_file *file = &b->model->api_files[f];
        if (file->endpoint_count > 0)
            openapi_append(tags,
                           json_pack("{s:s, s:o}", "name", file->stem, "description",
                                     json_sprintf("The endpoints of %s.", file->source->path)));
    }
    return tags;
}

static json_t *openapi_paths(openapi_builder *b)
{
    json_t *paths = json_object();

    for (int f = 0; f < b->model->api_file_count; f++) {
        const api_file *file = &b->model->api_files[f];
        for (int i = 0; i < file->endpoint_count; i++) {
            const api_endpoint *e = &file->endpoints[i];
            json_t *item = json_object_get(paths, e->pattern);
            char method[16];
            size_t k;
            if (!item) {
                item = json_object();
                openapi_set(paths, e->pattern, item);
            }
            for (k = 0; e->method[k] && k + 1 < sizeof method; k++)
                method[k] = (char)tolower((unsigned char)e->method[k]);
            method[k] = '\0';
            openapi_set(item, method, openapi_operation(b, file, e));
        }
    }
    return paths;
}

int emit_openapi_document(const model *m, diag *d, char **out)
{
    openapi_builder b = {.model = m, .diag = d, .schemas = json_object(), .origins = json_object()};
    json_t *document = json_object();
    json_t *paths = openapi_paths(&b);
    char *text = NULL;
    int errors = d->error_count;
    int rc = 0;

    *out = NULL;
    openapi_set(document, "openapi", json_string("3.1.0"));
    openapi_set(document, "info", openapi_info(&b));
    openapi_set(document, "servers", openapi_servers());
    openapi_set(document, "tags", openapi_tags(&b));
    openapi_set(document, "components", openapi_components(&b, paths));
    openapi_set(document, "paths", paths);
    if (d->error_count > errors) {
        rc = RT_EINVAL;
        goto done;
    }
    text = json_dumps(document, JSON_SORT_KEYS | JSON_INDENT(2) | JSON_REAL_PRECISION(15));
    *out = rt_alloc_malloc(strlen(text) + 2);
    strcpy(*out, text);
    strcat(*out, "\n");
done:
    free(text);
    json_decref(document);
    json_decref(b.schemas);
    json_decref(b.origins);
    return rc;
}
