/*
 * emit_openapi.c - the OpenAPI 3.1 document (see emit_openapi.h).
 *
 * Every json_t built here is owned by its parent once set (jansson's
 * *_set_new / *_append_new steal references); the document root is
 * released once, at the end. A failed allocation anywhere makes the
 * builder "failed" and the whole document RT_ENOMEM.
 */
#include "emit_openapi.h"

#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "check.h"
#include "rt_error.h"

typedef struct openapi_builder {
    const model *model;
    bool failed;
} openapi_builder;

/* Sets key to value (stealing it), noting failures. */
static void openapi_set(openapi_builder *b, json_t *object, const char *key, json_t *value)
{
    if (!object || !value || json_object_set_new(object, key, value) != 0)
        b->failed = true;
}

static void openapi_append(openapi_builder *b, json_t *array, json_t *value)
{
    if (!array || !value || json_array_append_new(array, value) != 0)
        b->failed = true;
}

static json_t *openapi_string_schema(const char *format)
{
    json_t *schema = json_object();
    if (!schema)
        return NULL;
    json_object_set_new(schema, "type", json_string("string"));
    if (format)
        json_object_set_new(schema, "format", json_string(format));
    return schema;
}

/* The pattern of a decimal with `scale` digits (exactly, for output; at
 * most, for input). */
static char *openapi_decimal_pattern(const sqltype *type, bool exact, char *buffer, size_t size)
{
    if (type->precision == 0)
        snprintf(buffer, size, "^-?[0-9]+(\\.[0-9]+)?$");
    else if (type->scale == 0)
        snprintf(buffer, size, "^-?[0-9]{1,%d}$", type->precision);
    else if (exact)
        snprintf(buffer, size, "^-?[0-9]{1,%d}\\.[0-9]{%d}$", type->precision - type->scale,
                 type->scale);
    else
        snprintf(buffer, size, "^-?[0-9]{1,%d}(\\.[0-9]{1,%d})?$", type->precision - type->scale,
                 type->scale);
    return buffer;
}

/* Makes "type" a [type, "null"] pair. */
static void openapi_nullable(openapi_builder *b, json_t *schema)
{
    json_t *type = json_object_get(schema, "type");
    json_t *pair;
    json_t *labels;

    if (!type || !json_is_string(type))
        return;
    pair = json_pack("[s, s]", json_string_value(type), "null");
    openapi_set(b, schema, "type", pair);
    labels = json_object_get(schema, "enum");
    if (labels)
        openapi_append(b, labels, json_null());
}

/* The schema of a value of a SQL type, as the runtime writes it. */
static json_t *openapi_type_schema(openapi_builder *b, const sqltype *type, bool nullable)
{
    json_t *schema = NULL;
    char pattern[96];

    switch (type->type) {
    case RT_TYPE_TEXT:
        schema = openapi_string_schema(NULL);
        break;
    case RT_TYPE_INT:
        schema = json_pack("{s:s, s:s}", "type", "integer", "format", "int32");
        break;
    case RT_TYPE_BIGINT:
        schema = json_pack("{s:s, s:s}", "type", "integer", "format", "int64");
        break;
    case RT_TYPE_NUMERIC:
        schema = json_pack("{s:s, s:s}", "type", "string", "pattern",
                           openapi_decimal_pattern(type, true, pattern, sizeof pattern));
        break;
    case RT_TYPE_BOOL:
        schema = json_pack("{s:s}", "type", "boolean");
        break;
    case RT_TYPE_UUID:
        schema = openapi_string_schema("uuid");
        break;
    case RT_TYPE_TIMESTAMPTZ:
        schema = openapi_string_schema("date-time");
        break;
    case RT_TYPE_DATE:
        schema = openapi_string_schema("date");
        break;
    case RT_TYPE_ENUM: {
        const catalog_enum *e = catalog_find_enum(&b->model->catalog, type->name);
        schema = openapi_string_schema(NULL);
        if (schema && e) {
            json_t *labels = json_array();
            for (int i = 0; i < e->label_count; i++)
                openapi_append(b, labels, json_string(e->labels[i]));
            openapi_set(b, schema, "enum", labels);
        }
        break;
    }
    case RT_TYPE_JSON:
        schema = json_object();
        break;
    }
    if (!schema) {
        b->failed = true;
        return NULL;
    }
    if (nullable)
        openapi_nullable(b, schema);
    return schema;
}

/* ------------------------------------------------------------- requests */

static json_t *openapi_object_schema(openapi_builder *b, const api_field *fields, int count);

static json_t *openapi_number(openapi_builder *b, int64_t scaled, int scale)
{
    double value = (double)scaled;
    (void)b;
    if (scale == 0)
        return json_integer((json_int_t)scaled);
    for (int i = 0; i < scale; i++)
        value /= 10.0;
    return json_real(value);
}

static json_t *openapi_field_schema(openapi_builder *b, const api_field *f)
{
    json_t *schema = NULL;
    char pattern[96];

    switch (f->kind) {
    case RT_FIELD_TEXT:
        schema = openapi_string_schema(NULL);
        break;
    case RT_FIELD_PASSWORD:
        schema = openapi_string_schema("password");
        openapi_set(b, schema, "writeOnly", json_true());
        break;
    case RT_FIELD_EMAIL:
        schema = openapi_string_schema("email");
        break;
    case RT_FIELD_INT:
        schema = json_pack("{s:s, s:s}", "type", "integer", "format",
                           f->type.type == RT_TYPE_BIGINT ? "int64" : "int32");
        break;
    case RT_FIELD_DECIMAL:
        schema = json_pack("{s:[s, s], s:s}", "type", "string", "number", "pattern",
                           openapi_decimal_pattern(&f->type, false, pattern, sizeof pattern));
        break;
    case RT_FIELD_BOOL:
        schema = json_pack("{s:s}", "type", "boolean");
        break;
    case RT_FIELD_UUID:
        schema = openapi_string_schema("uuid");
        break;
    case RT_FIELD_TIMESTAMP:
        schema = openapi_string_schema("date-time");
        break;
    case RT_FIELD_DATE:
        schema = openapi_string_schema("date");
        break;
    case RT_FIELD_ENUM: {
        json_t *labels = json_array();
        schema = openapi_string_schema(NULL);
        if (f->choice_count > 0) {
            for (int i = 0; i < f->choice_count; i++)
                openapi_append(b, labels, json_string(f->choices[i]));
        } else if (f->enumeration) {
            for (int i = 0; i < f->enumeration->label_count; i++)
                openapi_append(b, labels, json_string(f->enumeration->labels[i]));
        }
        openapi_set(b, schema, "enum", labels);
        break;
    }
    case RT_FIELD_ARRAY:
        schema = json_object();
        openapi_set(b, schema, "type", json_string("array"));
        openapi_set(b, schema, "items", openapi_object_schema(b, f->items, f->item_count));
        break;
    }
    if (!schema) {
        b->failed = true;
        return NULL;
    }
    if (f->has_len) {
        bool array = f->kind == RT_FIELD_ARRAY;
        if (f->min_len > 0)
            openapi_set(b, schema, array ? "minItems" : "minLength", json_integer(f->min_len));
        if (f->max_len != INT64_MAX)
            openapi_set(b, schema, array ? "maxItems" : "maxLength", json_integer(f->max_len));
    }
    if (f->has_range) {
        int scale = f->kind == RT_FIELD_DECIMAL ? f->type.scale : 0;
        if (f->min != INT64_MIN)
            openapi_set(b, schema, "minimum", openapi_number(b, f->min, scale));
        if (f->max != INT64_MAX)
            openapi_set(b, schema, "maximum", openapi_number(b, f->max, scale));
    }
    if (f->default_text) {
        json_t *value;
        if (f->kind == RT_FIELD_INT)
            value = json_integer(strtoll(f->default_text, NULL, 10));
        else if (f->kind == RT_FIELD_BOOL)
            value = json_boolean(strcmp(f->default_text, "true") == 0);
        else
            value = json_string(f->default_text);
        openapi_set(b, schema, "default", value);
    }
    return schema;
}

static json_t *openapi_object_schema(openapi_builder *b, const api_field *fields, int count)
{
    json_t *schema = json_object();
    json_t *properties = json_object();
    json_t *required = json_array();

    openapi_set(b, schema, "type", json_string("object"));
    for (int i = 0; i < count; i++) {
        openapi_set(b, properties, fields[i].name, openapi_field_schema(b, &fields[i]));
        if (fields[i].required)
            openapi_append(b, required, json_string(fields[i].name));
    }
    openapi_set(b, schema, "properties", properties);
    if (json_array_size(required) > 0)
        openapi_set(b, schema, "required", required);
    else
        json_decref(required);
    openapi_set(b, schema, "additionalProperties", json_false());
    return schema;
}

static json_t *openapi_parameters(openapi_builder *b, const api_endpoint *e)
{
    json_t *parameters = json_array();

    for (int i = 0; i < e->path_field_count; i++) {
        const api_field *f = &e->path_fields[i];
        json_t *p = json_object();
        openapi_set(b, p, "name", json_string(f->name));
        openapi_set(b, p, "in", json_string("path"));
        openapi_set(b, p, "required", json_true());
        openapi_set(b, p, "schema", openapi_field_schema(b, f));
        openapi_append(b, parameters, p);
    }
    for (int i = 0; i < e->query_field_count; i++) {
        const api_field *f = &e->query_fields[i];
        json_t *p = json_object();
        openapi_set(b, p, "name", json_string(f->name));
        openapi_set(b, p, "in", json_string("query"));
        openapi_set(b, p, "required", json_boolean(f->required));
        openapi_set(b, p, "schema", openapi_field_schema(b, f));
        openapi_append(b, parameters, p);
    }
    return parameters;
}

/* ------------------------------------------------------------ responses */

static const api_step *openapi_step_at(const api_endpoint *e, int rt_index)
{
    for (int i = 0; i < e->program.step_count; i++) {
        if (e->program.steps[i].rt_index == rt_index)
            return &e->program.steps[i];
    }
    return NULL;
}

/* Adds a step's columns as properties (nullable when the step is
 * optional). */
static void openapi_row_properties(openapi_builder *b, const api_step *s, json_t *properties,
                                   json_t *required)
{
    for (int k = 0; s && k < s->column_count; k++) {
        const sql_column *c = &s->columns[k];
        openapi_set(b, properties, c->name,
                    openapi_type_schema(b, &c->type, c->nullable || s->optional));
        openapi_append(b, required, json_string(c->name));
    }
}

static json_t *openapi_row_schema(openapi_builder *b, const api_step *s)
{
    json_t *schema = json_object();
    json_t *properties = json_object();
    json_t *required = json_array();

    openapi_set(b, schema, "type", json_string("object"));
    openapi_row_properties(b, s, properties, required);
    openapi_set(b, schema, "properties", properties);
    openapi_set(b, schema, "required", required);
    return schema;
}

static json_t *openapi_response_schema(openapi_builder *b, const api_endpoint *e)
{
    json_t *schema = json_object();
    json_t *properties = json_object();
    json_t *required = json_array();

    openapi_set(b, schema, "type", json_string("object"));
    for (int i = 0; i < e->member_count; i++) {
        const api_member *m = &e->members[i];
        const api_step *s = m->kind == RT_MEMBER_VALUE ? NULL : openapi_step_at(e, m->step);
        if (m->kind == RT_MEMBER_VALUE) {
            json_t *value = openapi_type_schema(b, &m->value.type, m->value.nullable);
            if (m->value.kind == API_VALUE_STRING)
                openapi_set(b, value, "examples", json_pack("[s]", m->value.text));
            openapi_set(b, properties, m->key, value);
            openapi_append(b, required, json_string(m->key));
        } else if (m->kind == RT_MEMBER_ROW && !m->key) {
            openapi_row_properties(b, s, properties, required);
        } else if (m->kind == RT_MEMBER_ROW) {
            openapi_set(b, properties, m->key, openapi_row_schema(b, s));
            openapi_append(b, required, json_string(m->key));
        } else if (m->kind == RT_MEMBER_EACH) {
            json_t *array = json_object();
            const sql_column *c = s ? &s->columns[m->column] : NULL;
            openapi_set(b, array, "type", json_string("array"));
            if (c)
                openapi_set(b, array, "items", openapi_type_schema(b, &c->type, c->nullable));
            openapi_set(b, properties, m->key, array);
            openapi_append(b, required, json_string(m->key));
        } else if (m->kind == RT_MEMBER_PAGE) {
            /* DRF's page: {count, next, previous, results}; `total` is not a row column */
            json_t *results = json_object();
            json_t *row = openapi_row_schema(b, s);
            json_object_del(json_object_get(row, "properties"), "total");
            json_t *row_required = json_object_get(row, "required");
            for (size_t k = 0; k < json_array_size(row_required); k++) {
                if (strcmp(json_string_value(json_array_get(row_required, k)), "total") == 0) {
                    json_array_remove(row_required, k);
                    break;
                }
            }
            openapi_set(b, results, "type", json_string("array"));
            openapi_set(b, results, "items", row);
            openapi_set(b, properties, "count", json_pack("{s:s}", "type", "integer"));
            openapi_set(b, properties, "next",
                        json_pack("{s:[s, s], s:s}", "type", "string", "null", "format", "uri"));
            openapi_set(b, properties, "previous",
                        json_pack("{s:[s, s], s:s}", "type", "string", "null", "format", "uri"));
            openapi_set(b, properties, "results", results);
            openapi_append(b, required, json_string("count"));
            openapi_append(b, required, json_string("next"));
            openapi_append(b, required, json_string("previous"));
            openapi_append(b, required, json_string("results"));
        } else {
            json_t *array = json_object();
            openapi_set(b, array, "type", json_string("array"));
            openapi_set(b, array, "items", openapi_row_schema(b, s));
            openapi_set(b, properties, m->key, array);
            openapi_append(b, required, json_string(m->key));
        }
    }
    openapi_set(b, schema, "properties", properties);
    openapi_set(b, schema, "required", required);
    return schema;
}

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
    case 413:
        return "Payload too large";
    case 415:
        return "Unsupported media type: send application/json";
    case 429:
        return "Too many requests (see Retry-After)";
    case 500:
        return "Internal error (logged with the request id)";
    case 503:
        return "Service unavailable: the database cannot be reached";
    default:
        return "Error";
    }
}

/* The statuses with a shared response in components.responses, named by
 * their error code (rt_error_default_code). */
static const int openapi_shared_statuses[] = {400, 401, 403, 404, 409, 413, 415, 429, 500, 503};

static bool openapi_status_shared(int status)
{
    for (size_t i = 0; i < sizeof openapi_shared_statuses / sizeof openapi_shared_statuses[0]; i++)
        if (openapi_shared_statuses[i] == status)
            return true;
    return false;
}

/* A response in the error shape for status, described by its reason. */
static json_t *openapi_error_response(int status)
{
    return json_pack("{s:s, s:{s:{s:{s:s}}}}", "description", openapi_reason(status), "content",
                     "application/json", "schema", "$ref", "#/components/schemas/Error");
}

/* Adds an error response for status, naming message in its description
 * when there is one (several messages are joined). Known statuses refer to
 * the shared response (OpenAPI 3.1 lets a reference override the
 * description). */
static void openapi_error(openapi_builder *b, json_t *responses, int status, const char *message)
{
    char key[8];
    char ref[96];
    json_t *response;
    const char *reason = openapi_reason(status);

    snprintf(key, sizeof key, "%d", status);
    response = json_object_get(responses, key);
    if (!response) {
        if (openapi_status_shared(status)) {
            snprintf(ref, sizeof ref, "#/components/responses/%s", rt_error_default_code(status));
            response = json_pack("{s:s, s:s}", "$ref", ref, "description", reason);
        } else {
            response = openapi_error_response(status);
        }
        openapi_set(b, responses, key, response);
        if (!response)
            return;
    }
    if (message) {
        const char *old = json_string_value(json_object_get(response, "description"));
        char *joined = NULL;
        if (!old)
            return;
        if (strcmp(old, reason) == 0) {
            size_t n = strlen(reason) + strlen(message) + 8;
            joined = malloc(n);
            if (joined)
                snprintf(joined, n, "%s: \"%s\"", reason, message);
        } else {
            size_t n = strlen(old) + strlen(message) + 8;
            joined = malloc(n);
            if (joined)
                snprintf(joined, n, "%s, \"%s\"", old, message);
        }
        if (!joined) {
            b->failed = true;
            return;
        }
        openapi_set(b, response, "description", json_string(joined));
        free(joined);
    }
}

static json_t *openapi_responses(openapi_builder *b, const api_endpoint *e)
{
    json_t *responses = json_object();
    json_t *success = json_object();
    char key[8];
    bool default_404 = e->path_field_count > 0 || e->page_field >= 0; /* a page out of range */
    bool may_401 = e->auth != RT_AUTH_PUBLIC;

    openapi_set(b, success, "description", json_string(e->summary ? e->summary : "Success"));
    openapi_set(
        b, success, "content",
        json_pack("{s:{s:o}}", "application/json", "schema", openapi_response_schema(b, e)));
    snprintf(key, sizeof key, "%d", e->status);
    openapi_set(b, responses, key, success);
    if (e->has_body || e->query_field_count > 0 || e->path_field_count > 0)
        openapi_error(b, responses, 400, NULL);
    for (int i = 0; i < e->program.step_count; i++) {
        const api_step *s = &e->program.steps[i];
        bool no_row_mapped = false;
        if (s->kind == RT_STEP_LET)
            may_401 = true; /* record built-ins reject tokens with 401 */
        for (int k = 0; k < s->outcome_count; k++)
            no_row_mapped = no_row_mapped || s->outcomes[k].outcome == RT_OUTCOME_NO_ROW;
        if (s->query && s->query->cardinality == RT_CARD_ONE && !s->optional && !no_row_mapped)
            default_404 = true;
    }
    if (may_401)
        openapi_error(b, responses, 401, NULL);
    if (e->auth == RT_AUTH_ROLES)
        openapi_error(b, responses, 403, NULL);
    if (default_404)
        openapi_error(b, responses, 404, NULL);
    for (int i = 0; i < e->program.step_count; i++) {
        const api_step *s = &e->program.steps[i];
        for (int k = 0; k < s->outcome_count; k++)
            openapi_error(b, responses, s->outcomes[k].status, s->outcomes[k].message);
        if (s->kind == RT_STEP_CHECK)
            openapi_error(b, responses, s->else_status, s->else_message);
    }
    if (e->has_body) {
        openapi_error(b, responses, 413, NULL);
        openapi_error(b, responses, 415, NULL);
    }
    if (e->limit != RT_LIMIT_NONE)
        openapi_error(b, responses, 429, NULL);
    openapi_error(b, responses, 500, NULL);
    openapi_error(b, responses, 503, NULL);
    return responses;
}

/* ------------------------------------------------------------ document */

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
static json_t *openapi_firing(openapi_builder *b, const api_firing *firing)
{
    const api_lifecycle *l = firing->lifecycle;
    json_t *from = json_array();
    json_t *by = json_array();

    for (int t = 0; from && by && t < l->transition_count; t++) {
        const api_transition *transition = &l->transitions[t];
        if (strcmp(transition->to, firing->to) != 0)
            continue;
        openapi_append(b, from, json_string(transition->from));
        for (int w = 0; w < transition->by_count; w++) {
            if (!openapi_has_string(by, transition->by[w]))
                openapi_append(b, by, json_string(transition->by[w]));
        }
    }
    return json_pack("{s:s, s:o, s:s, s:o, s:o}", "lifecycle", l->name, "column",
                     json_sprintf("%s.%s", l->table, l->column), "to", firing->to, "from", from,
                     "by", by);
}

/* x-lifecycle: the lifecycle transitions the operation fires, one entry
 * per (lifecycle, target state) in step order; NULL when it fires none. */
static json_t *openapi_lifecycle(openapi_builder *b, const api_endpoint *e)
{
    json_t *list = NULL;

    for (int i = 0; i < e->program.step_count; i++) {
        const api_step *s = &e->program.steps[i];
        for (int k = 0; k < s->firing_count; k++) {
            if (openapi_fired_before(e, i, k, &s->firings[k]))
                continue;
            if (!list)
                list = json_array();
            openapi_append(b, list, openapi_firing(b, &s->firings[k]));
        }
    }
    return list;
}

static json_t *openapi_operation(openapi_builder *b, const api_file *file, const api_endpoint *e)
{
    json_t *op = json_object();
    json_t *lifecycle;
    char id[256];
    char description[512];
    int n;

    snprintf(id, sizeof id, "%s.%s", file->stem, e->id);
    openapi_set(b, op, "operationId", json_string(id));
    if (e->summary)
        openapi_set(b, op, "summary", json_string(e->summary));
    n = snprintf(description, sizeof description, "Auth: %s",
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
    openapi_set(b, op, "description", json_string(description));
    openapi_set(b, op, "tags", json_pack("[s]", file->stem));
    if (e->auth != RT_AUTH_PUBLIC)
        openapi_set(b, op, "security", json_pack("[{s:[]}]", "bearerAuth"));
    else
        openapi_set(b, op, "security", json_array());
    if (e->path_field_count + e->query_field_count > 0)
        openapi_set(b, op, "parameters", openapi_parameters(b, e));
    if (e->has_body)
        openapi_set(b, op, "requestBody",
                    json_pack("{s:b, s:{s:{s:o}}}", "required", 1, "content", "application/json",
                              "schema",
                              openapi_object_schema(b, e->body_fields, e->body_field_count)));
    openapi_set(b, op, "responses", openapi_responses(b, e));
    lifecycle = openapi_lifecycle(b, e);
    if (lifecycle)
        openapi_set(b, op, "x-lifecycle", lifecycle);
    snprintf(description, sizeof description, "%s:%d", file->source->path, e->loc.line);
    openapi_set(b, op, "x-spec", json_string(description));
    return op;
}

static json_t *openapi_components(openapi_builder *b)
{
    json_t *error = json_pack(
        "{s:s, s:[s], s:{s:{s:s, s:[s, s, s], s:{s:{s:s}, s:{s:s}, s:{s:s}, "
        "s:{s:s, s:{s:s, s:{s:s}}}}}}, s:b}",
        "type", "object", "required", "error", "properties", "error", "type", "object", "required",
        "status", "code", "message", "properties", "status", "type", "integer", "code", "type",
        "string", "message", "type", "string", "fields", "type", "object", "additionalProperties",
        "type", "array", "items", "type", "string", "additionalProperties", 0);
    json_t *components = json_object();

    json_t *responses = json_object();

    for (size_t i = 0; i < sizeof openapi_shared_statuses / sizeof openapi_shared_statuses[0]; i++)
        openapi_set(b, responses, rt_error_default_code(openapi_shared_statuses[i]),
                    openapi_error_response(openapi_shared_statuses[i]));
    openapi_set(b, components, "schemas", json_pack("{s:o}", "Error", error));
    openapi_set(b, components, "responses", responses);
    openapi_set(b, components, "securitySchemes",
                json_pack("{s:{s:s, s:s, s:s}}", "bearerAuth", "type", "http", "scheme", "bearer",
                          "bearerFormat", "JWT"));
    return components;
}

int emit_openapi_document(const model *m, char **out)
{
    openapi_builder b = {.model = m, .failed = false};
    json_t *document = json_object();
    json_t *info = json_object();
    json_t *inputs = json_array();
    json_t *paths = json_object();
    char *text = NULL;
    char *with_newline = NULL;
    int rc = 0;

    *out = NULL;
    openapi_set(&b, document, "openapi", json_string("3.1.0"));
    openapi_set(&b, info, "title", json_string("orderd API"));
    openapi_set(&b, info, "version", json_string("1.0.0"));
    openapi_set(&b, info, "description",
                json_string("Generated by specc from the spec; errors always have the shape "
                            "of components.schemas.Error."));
    for (int i = 0; i < m->input_count; i++)
        openapi_append(&b, inputs, json_string(m->inputs[i]->path));
    openapi_set(&b, info, "x-generated-from", inputs);
    openapi_set(&b, document, "info", info);
    for (int f = 0; f < m->api_file_count; f++) {
        const api_file *file = &m->api_files[f];
        for (int i = 0; i < file->endpoint_count; i++) {
            const api_endpoint *e = &file->endpoints[i];
            json_t *item = json_object_get(paths, e->pattern);
            char method[16];
            size_t k;
            if (!item) {
                item = json_object();
                openapi_set(&b, paths, e->pattern, item);
            }
            for (k = 0; e->method[k] && k + 1 < sizeof method; k++)
                method[k] = (char)(e->method[k] - 'A' + 'a');
            method[k] = '\0';
            openapi_set(&b, item, method, openapi_operation(&b, file, e));
        }
    }
    openapi_set(&b, document, "paths", paths);
    openapi_set(&b, document, "components", openapi_components(&b));
    if (b.failed) {
        rc = RT_ENOMEM;
        goto done;
    }
    text = json_dumps(document, JSON_SORT_KEYS | JSON_INDENT(2) | JSON_REAL_PRECISION(15));
    if (!text) {
        rc = RT_ENOMEM;
        goto done;
    }
    with_newline = malloc(strlen(text) + 2);
    if (!with_newline) {
        rc = RT_ENOMEM;
        goto done;
    }
    strcpy(with_newline, text);
    strcat(with_newline, "\n");
    *out = with_newline;
done:
    free(text);
    json_decref(document);
    return rc;
}
