/*
 * emit_postman.c - the Postman v2.1 collection (see emit_postman.h).
 *
 * Variables the requests share (docs/spec-language.md, "The Postman
 * collection"): baseUrl; email and password (a fresh email per run, set by
 * the collection's pre-request script); access_token and refresh_token,
 * stored from the success answer of any endpoint that returns
 * access_token(...) / refresh_token(...); and ids: a uuid member of a
 * success answer is stored as <resource>_id when its key is id or uid
 * (the resource is the first path segment without its plural s: /orders
 * -> order_id), else under its own key (a row answered whole stores its
 * uuid id or uid column the same way); a path parameter of /<segment>/...
 * takes {{<resource>_id}}, and while that variable is unset (its creator
 * needs a role the collection's user lacks) a 404 is expected too.
 */
#include "emit_postman.h"
#include "check_lookup.h"

#include <ctype.h>
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "rt_alloc.h"
#include "rt_error.h"

typedef struct postman_builder {
    const model *model;
    json_t *openapi;
} postman_builder;

/* Sets key to value / appends value (both stolen). Out of memory ends
 * specc and every text is UTF-8 (compile.c), so jansson refuses only what
 * this file gets wrong: that stops specc too. */
static void postman_set(json_t *object, const char *key, json_t *value)
{
    if (json_object_set_new(object, key, value) != 0)
        diag_internal_error("Postman collection", key);
}

static void postman_append(json_t *array, json_t *value)
{
    if (json_array_append_new(array, value) != 0)
        diag_internal_error("Postman collection", "an array item");
}

/* The variable that holds ids of the endpoint's resource: "order_id" for
 * /orders/..., written into buffer. */
static const char *postman_resource_variable(const api_endpoint *e, char *buffer, size_t size)
{
    const char *start = e->pattern + 1;
    size_t length = strcspn(start, "/");

    if (length > 1 && start[length - 1] == 's')
        length--;
    snprintf(buffer, size, "%.*s_id", (int)length, start);
    return buffer;
}

/* ------------------------------------------------------------ bodies */

static json_t *postman_decimal(int64_t scaled, int scale)
{
    char text[64];
    int64_t unit = 1;

    for (int i = 0; i < scale; i++)
        unit *= 10;
    if (scale == 0)
        snprintf(text, sizeof text, "%lld", (long long)scaled);
    else
        snprintf(text, sizeof text, "%lld.%0*lld", (long long)(scaled / unit), scale,
                 (long long)(scaled % unit < 0 ? -(scaled % unit) : scaled % unit));
    return json_string(text);
}

/* Whether the endpoint passes body.<field> to refresh_claims(). */
static bool postman_is_refresh_token(const api_endpoint *e, const api_field *f)
{
    for (int i = 0; i < e->program.step_count; i++) {
        const api_value *call = &e->program.steps[i].call;
        if (e->program.steps[i].kind != RT_STEP_LET || call->kind != API_VALUE_CALL ||
            strcmp(call->text, "refresh_claims") != 0 || call->arg_count != 1)
            continue;
        if (call->args[0].kind == API_VALUE_REF && strcmp(call->args[0].text, "body") == 0 &&
            strcmp(call->args[0].member, f->name) == 0)
            return true;
    }
    return false;
}

/* A value the runtime accepts for the field (its minimum, first choice,
 * or the run's variables for credentials and tokens). */
static json_t *postman_field_value(const api_endpoint *e, const api_field *f)
{
    int64_t minimum = f->has_range && f->min != INT64_MIN ? f->min : 1;

    switch (f->kind) {
    case RT_FIELD_TEXT:
        if (postman_is_refresh_token(e, f))
            return json_string("{{refresh_token}}");
        if (f->has_len && f->min_len > 7)
            return json_sprintf("%0*d", (int)f->min_len, 0);
        return json_string("Example");
    case RT_FIELD_PASSWORD:
        return json_string("{{password}}");
    case RT_FIELD_EMAIL:
        return json_string("{{email}}");
    case RT_FIELD_INT:
        return json_integer((json_int_t)minimum);
    case RT_FIELD_DECIMAL:
        return postman_decimal(f->has_range && f->min != INT64_MIN ? f->min : 1, f->type.scale);
    case RT_FIELD_BOOL:
        return json_true();
    case RT_FIELD_UUID:
        return json_string("00000000-0000-4000-8000-000000000000");
    case RT_FIELD_TIMESTAMP:
        return json_string("2026-01-01T00:00:00Z");
    case RT_FIELD_DATE:
        return json_string("2026-01-01");
    case RT_FIELD_ENUM:
        if (f->choice_count > 0)
            return json_string(f->choices[0]);
        return json_string(
            f->enumeration && f->enumeration->label_count > 0 ? f->enumeration->labels[0] : "");
    case RT_FIELD_ARRAY:
        if (f->scalar_items)
            return json_pack("[o]", postman_field_value(e, &f->items[0]));
        return json_array();
    }
    return NULL;
}

static json_t *postman_body(const api_endpoint *e)
{
    json_t *object = json_object();
    char *text;
    json_t *body;

    /* of an `either` group, the first alternative's fields */
    for (int i = 0; i < e->body_field_count; i++)
        if (e->body_fields[i].required && e->body_fields[i].alternative <= 1)
            postman_set(object, e->body_fields[i].name, postman_field_value(e, &e->body_fields[i]));
    text = json_dumps(object, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    body = text ? json_pack("{s:s, s:s, s:{s:{s:s}}}", "mode", "raw", "raw", text, "options", "raw",
                            "language", "json")
                : NULL;
    free(text);
    json_decref(object);
    return body;
}

/* ------------------------------------------------------------ requests */

static json_t *postman_url(const api_endpoint *e)
{
    json_t *path = json_array();
    json_t *variables = json_array();
    json_t *query = json_array();
    char raw[512];
    char variable[128];
    const char *segment = e->pattern + 1;
    int n = snprintf(raw, sizeof raw, "{{baseUrl}}");

    while (*segment && n > 0 && (size_t)n < sizeof raw) {
        size_t length = strcspn(segment, "/");
        if (segment[0] == '{') {
            char name[128];
            snprintf(name, sizeof name, "%.*s", (int)length - 2, segment + 1);
            postman_append(path, json_sprintf(":%s", name));
            postman_append(variables,
                           json_pack("{s:s, s:o}", "key", name, "value",
                                     json_sprintf("{{%s}}", postman_resource_variable(
                                                                e, variable, sizeof variable))));
            n += snprintf(raw + n, sizeof raw - (size_t)n, "/:%s", name);
        } else {
            postman_append(path, json_sprintf("%.*s", (int)length, segment));
            n += snprintf(raw + n, sizeof raw - (size_t)n, "/%.*s", (int)length, segment);
        }
        segment += length + (segment[length] == '/');
    }
    for (int i = 0; i < e->query_field_count; i++) {
        const api_field *f = &e->query_fields[i];
        json_t *value = postman_field_value(e, f);
        char *text = value && !json_is_string(value) ? json_dumps(value, JSON_ENCODE_ANY) : NULL;
        postman_append(query, json_pack("{s:s, s:s, s:b}", "key", f->name, "value",
                                        text                       ? text
                                        : json_string_value(value) ? json_string_value(value)
                                                                   : "",
                                        "disabled", !f->required));
        free(text);
        json_decref(value);
    }
    return json_pack("{s:s, s:[s], s:o, s:o, s:o}", "raw", raw, "host", "{{baseUrl}}", "path", path,
                     "variable", variables, "query", query);
}

static void postman_line(json_t *lines, json_t *line)
{
    postman_append(lines, line);
}

/* A row answered whole or spread (`201 product`) stores its uuid id or
 * uid column as <resource>_id, like an `id:` member. */
static void postman_store_row_id(const api_endpoint *e, const api_member *m, json_t *lines)
{
    const api_step *s = check_lookup_step(e, m->step);
    char variable[128];

    for (int c = 0; s && c < s->column_count; c++) {
        const sql_column *column = &s->columns[c];
        if (column->type.type == RT_TYPE_UUID &&
            (strcmp(column->name, "id") == 0 || strcmp(column->name, "uid") == 0)) {
            postman_line(lines,
                         json_sprintf("    pm.collectionVariables.set(\"%s\", body[\"%s\"]);",
                                      postman_resource_variable(e, variable, sizeof variable),
                                      column->name));
            return;
        }
    }
}

/* Lines storing what later requests need from the success body. */
static void postman_store_lines(const api_endpoint *e, json_t *lines)
{
    char variable[128];

    for (int i = 0; i < e->member_count; i++) {
        const api_member *m = &e->members[i];
        const char *store = NULL;
        if (!m->key && m->kind == RT_MEMBER_ROW)
            postman_store_row_id(e, m, lines);
        if (!m->key || m->kind != RT_MEMBER_VALUE)
            continue;
        if (m->value.kind == API_VALUE_CALL && strcmp(m->value.text, "access_token") == 0)
            store = "access_token";
        else if (m->value.kind == API_VALUE_CALL && strcmp(m->value.text, "refresh_token") == 0)
            store = "refresh_token";
        else if (m->value.type.type == RT_TYPE_UUID)
            store = strcmp(m->key, "id") == 0 || strcmp(m->key, "uid") == 0
                        ? postman_resource_variable(e, variable, sizeof variable)
                        : m->key;
        if (store)
            postman_line(lines,
                         json_sprintf("    pm.collectionVariables.set(\"%s\", body[\"%s\"]);",
                                      store, m->key));
    }
}

/* The success schema's required keys, as a JS argument list. */
static json_t *postman_required_keys(const json_t *openapi, const json_t *response)
{
    const char *ref = json_string_value(json_object_get(
        json_object_get(json_object_get(json_object_get(response, "content"), "application/json"),
                        "schema"),
        "$ref"));
    const json_t *schema =
        ref ? json_object_get(json_object_get(json_object_get(openapi, "components"), "schemas"),
                              strrchr(ref, '/') + 1)
            : NULL;
    json_t *required = json_object_get(schema, "required");
    char *text = json_dumps(required ? required : json_array(), JSON_COMPACT | JSON_ENCODE_ANY);
    json_t *keys = text ? json_sprintf("%.*s", (int)strlen(text) - 2, text + 1) : NULL;

    free(text);
    return keys;
}

static json_t *postman_test_script(postman_builder *b, const api_endpoint *e)
{
    char method[16];
    size_t k;
    json_t *operation;
    json_t *responses;
    json_t *lines = json_array();
    json_t *documented = json_array();
    const char *status;
    json_t *response;
    char success[8];
    char variable[128];

    for (k = 0; e->method[k] && k + 1 < sizeof method; k++)
        method[k] = (char)tolower((unsigned char)e->method[k]);
    method[k] = '\0';
    operation =
        json_object_get(json_object_get(json_object_get(b->openapi, "paths"), e->pattern), method);
    responses = json_object_get(operation, "responses");
    json_object_foreach(responses, status, response)
    {
        postman_append(documented, json_integer(atoi(status)));
    }
    snprintf(success, sizeof success, "%d", e->status);
    {
        char *list = json_dumps(documented, JSON_COMPACT);
        json_t *keys = postman_required_keys(b->openapi, json_object_get(responses, success));
        postman_line(lines, json_sprintf("const documented = %s;", list ? list : "[]"));
        postman_line(lines,
                     e->auth == RT_AUTH_ROLES
                         ? json_sprintf("const expected = [%d, 403]; // 403 unless the signed-in "
                                        "user has one of the endpoint's roles",
                                        e->status)
                         : json_sprintf("const expected = [%d];", e->status));
        if (e->path_field_count > 0)
            postman_line(lines,
                         json_sprintf("if (pm.collectionVariables.get(\"%s\") === undefined) "
                                      "expected.push(404); // no earlier request stored it (its "
                                      "creator may need a role)",
                                      postman_resource_variable(e, variable, sizeof variable)));
        postman_line(lines,
                     json_sprintf("pm.test(\"%s answers \" + expected.join(\" or \"), function () "
                                  "{ pm.expect(expected).to.include(pm.response.code); });",
                                  e->operation_id));
        postman_line(lines, json_string("pm.test(\"the status is documented\", function () { "
                                        "pm.expect(documented).to.include(pm.response.code); });"));
        postman_line(lines, json_string("pm.test(\"JSON with X-Request-ID\", function () { "
                                        "pm.response.to.have.header(\"X-Request-ID\"); "
                                        "pm.response.to.be.json; });"));
        postman_line(lines, json_sprintf("if (pm.response.code === %d) {", e->status));
        postman_line(lines, json_string("    const body = pm.response.json();"));
        postman_line(lines,
                     json_sprintf("    pm.test(\"the answer has its required keys\", function () "
                                  "{ pm.expect(body).to.include.all.keys(%s); });",
                                  keys ? json_string_value(keys) : ""));
        postman_store_lines(e, lines);
        postman_line(lines, json_string("}"));
        free(list);
        json_decref(keys);
    }
    json_decref(documented);
    return json_pack("[{s:s, s:{s:s, s:o}}]", "listen", "test", "script", "type", "text/javascript",
                     "exec", lines);
}

static json_t *postman_request(postman_builder *b, const api_endpoint *e)
{
    json_t *request =
        json_pack("{s:s, s:o, s:[]}", "method", e->method, "url", postman_url(e), "header");

    if (e->auth == RT_AUTH_PUBLIC)
        postman_set(request, "auth", json_pack("{s:s}", "type", "noauth"));
    if (e->has_body) {
        postman_append(json_object_get(request, "header"),
                       json_pack("{s:s, s:s}", "key", "Content-Type", "value", "application/json"));
        postman_set(request, "body", postman_body(e));
    }
    if (e->summary)
        postman_set(request, "description", json_string(e->summary));
    return json_pack("{s:o, s:o, s:o}", "name",
                     json_sprintf("%s (%s %s)", e->operation_id, e->method, e->pattern), "request",
                     request, "event", postman_test_script(b, e));
}

/* ---------------------------------------------------------- collection */

static json_t *postman_variables(void)
{
    return json_pack("[{s:s, s:s}, {s:s, s:s}, {s:s, s:s}, {s:s, s:s}, {s:s, s:s}]", "key",
                     "baseUrl", "value", "http://localhost:8000", "key", "email", "value", "",
                     "key", "password", "value", "correct horse battery", "key", "access_token",
                     "value", "", "key", "refresh_token", "value", "");
}

static json_t *postman_collection_events(void)
{
    return json_pack(
        "[{s:s, s:{s:s, s:[s, s, s]}}]", "listen", "prerequest", "script", "type",
        "text/javascript", "exec", "if (!pm.collectionVariables.get(\"email\")) {",
        "    pm.collectionVariables.set(\"email\", \"postman-\" + Date.now() + \"-\" + "
        "Math.floor(Math.random() * 1e9) + \"@example.com\");",
        "}");
}

/* Public endpoints first (they register and sign in), then the others, each
 * group in file order. */
static json_t *postman_items(postman_builder *b)
{
    json_t *items = json_array();

    for (int pass = 0; pass < 2; pass++) {
        for (int f = 0; f < b->model->api_file_count; f++) {
            const api_file *file = &b->model->api_files[f];
            for (int i = 0; i < file->endpoint_count; i++) {
                const api_endpoint *e = &file->endpoints[i];
                if ((e->auth == RT_AUTH_PUBLIC) == (pass == 0))
                    postman_append(items, postman_request(b, e));
            }
        }
    }
    return items;
}

void emit_postman_collection(const model *m, const char *openapi_json, char **out)
{
    postman_builder b = {.model = m, .openapi = json_loads(openapi_json, 0, NULL)};
    json_t *collection = NULL;
    char *text;

    if (!b.openapi)
        diag_internal_error("Postman collection", "reading the OpenAPI document");
    collection = json_pack(
        "{s:{s:s, s:s, s:s}, s:o, s:o, s:{s:s, s:[{s:s, s:s, s:s}]}, s:o}", "info", "name",
        "orderd API", "description",
        "Generated by specc from the spec (with generated/openapi.json). Set baseUrl; run it "
        "whole, in order: the sign-in stores the tokens the others use.",
        "schema", "https://schema.getpostman.com/json/collection/v2.1.0/collection.json",
        "variable", postman_variables(), "event", postman_collection_events(), "auth", "type",
        "bearer", "bearer", "key", "token", "value", "{{access_token}}", "type", "string", "item",
        postman_items(&b));
    if (!collection)
        diag_internal_error("Postman collection", "its root");
    text = json_dumps(collection, JSON_SORT_KEYS | JSON_INDENT(2));
    *out = rt_alloc_malloc(strlen(text) + 2);
    strcpy(*out, text);
    strcat(*out, "\n");
    free(text);
    json_decref(collection);
    json_decref(b.openapi);
}
