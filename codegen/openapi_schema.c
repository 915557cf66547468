/*
 * openapi_schema.c - JSON Schemas of values, request fields and responses,
 * and the component registry (see openapi_schema.h).
 *
 * Naming (docs/spec-language.md, "Names in the OpenAPI document"): an
 * object a response returns is a component named by `as Name`, or by the
 * default rule (the operation name in PascalCase with Response, Item or
 * Page, or the enclosing schema's name with the member's key); a page of
 * Name is NamePage; an enum type is its name in PascalCase (OrderStatus).
 */
#include "openapi_schema.h"
#include "check_lookup.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "rt_alloc.h"
#include "rt_error.h"

void openapi_set(json_t *object, const char *key, json_t *value)
{
    if (json_object_set_new(object, key, value) != 0)
        diag_internal_error("OpenAPI document", key);
}

void openapi_append(json_t *array, json_t *value)
{
    if (json_array_append_new(array, value) != 0)
        diag_internal_error("OpenAPI document", "an array item");
}

char *openapi_pascal(const char *name, const char *suffix)
{
    char *out = rt_alloc_malloc(strlen(name) + strlen(suffix) + 1);
    size_t n = 0;
    bool upper = true;

    if (!out)
        return NULL;
    for (const char *c = name; *c; c++) {
        if (*c == '_' || *c == '-' || *c == '.') {
            upper = true;
            continue;
        }
        out[n++] = upper ? (char)toupper((unsigned char)*c) : *c;
        upper = false;
    }
    strcpy(out + n, suffix);
    return out;
}

json_t *openapi_ref(const char *name)
{
    return json_pack("{s:o}", "$ref", json_sprintf("#/components/schemas/%s", name));
}

/* The name of a component already registered with exactly this shape. */
static const char *openapi_same_shape(openapi_builder *b, const json_t *schema)
{
    const char *name;
    json_t *existing;

    json_object_foreach(b->schemas, name, existing)
    {
        if (json_equal(existing, schema))
            return name;
    }
    return NULL;
}

static int openapi_compare_names(const void *x, const void *y)
{
    return strcmp(json_string_value(*(json_t *const *)x), json_string_value(*(json_t *const *)y));
}

/* Sorts an object schema's required names: the order of keys is no part
 * of a shape. */
static void openapi_sort_required(json_t *schema)
{
    json_t *required = json_object_get(schema, "required");
    size_t count = json_array_size(required);
    json_t **names = count ? rt_alloc_malloc(count * sizeof *names) : NULL;
    json_t *sorted = json_array();

    if (count) {
        for (size_t i = 0; i < count; i++)
            names[i] = json_array_get(required, i);
        qsort(names, count, sizeof *names, openapi_compare_names);
        for (size_t i = 0; i < count; i++)
            openapi_append(sorted, json_incref(names[i]));
        openapi_set(schema, "required", sorted);
        sorted = NULL;
    }
    json_decref(sorted);
    free(names);
}

/* A copy of an object schema without its properties' examples. */
static json_t *openapi_without_examples(const json_t *schema)
{
    json_t *copy = json_deep_copy(schema);
    const char *key;
    json_t *property;

    json_object_foreach(json_object_get(copy, "properties"), key, property)
    {
        json_object_del(property, "examples");
    }
    return copy;
}

/* One name given to two objects that differ only in their properties'
 * examples (messages: "Login successful", "Access token refreshed
 * successfully") is one schema with both examples: merges those of schema
 * into existing. Returns 0, or RT_EINVAL when the shapes differ. */
static int openapi_merge_examples(json_t *existing, const json_t *schema)
{
    json_t *plain_existing = openapi_without_examples(existing);
    json_t *plain_schema = openapi_without_examples(schema);
    bool same = plain_existing && plain_schema && json_equal(plain_existing, plain_schema);
    const char *key;
    json_t *property;

    json_decref(plain_existing);
    json_decref(plain_schema);
    if (!same)
        return RT_EINVAL;
    json_object_foreach(json_object_get(schema, "properties"), key, property)
    {
        json_t *examples = json_object_get(property, "examples");
        json_t *target = json_object_get(json_object_get(existing, "properties"), key);
        json_t *merged = json_object_get(target, "examples");
        for (size_t i = 0; i < json_array_size(examples); i++) {
            bool known = false;
            for (size_t k = 0; k < json_array_size(merged); k++)
                known = known || json_equal(json_array_get(merged, k), json_array_get(examples, i));
            if (!merged) {
                merged = json_array();
                openapi_set(target, "examples", merged);
            }
            if (!known)
                openapi_append(merged, json_incref(json_array_get(examples, i)));
        }
    }
    return 0;
}

json_t *openapi_component(openapi_builder *b, const char *name, json_t *schema, diag_loc loc,
                          bool deduplicate)
{
    json_t *existing;
    const char *same;
    json_t *ref;

    if (!schema)
        diag_internal_error("OpenAPI document", name);
    openapi_sort_required(schema);
    same = deduplicate ? openapi_same_shape(b, schema) : NULL;
    if (same) {
        ref = openapi_ref(same);
        json_decref(schema);
        return ref;
    }
    existing = json_object_get(b->schemas, name);
    if (existing && !json_equal(existing, schema) &&
        openapi_merge_examples(existing, schema) != 0) {
        const char *first = json_string_value(json_object_get(b->origins, name));
        diag_error(b->diag, loc, "schema \"%s\" names two different shapes%s%s", name,
                   first ? "; the other is at " : "", first ? first : "");
    } else if (!existing) {
        json_incref(schema);
        openapi_set(b->schemas, name, schema);
        if (loc.source)
            openapi_set(b->origins, name, json_sprintf("%s:%d", loc.source->path, loc.line));
    }
    json_decref(schema);
    return openapi_ref(name);
}

static json_t *openapi_string_schema(const char *format)
{
    return format ? json_pack("{s:s, s:s}", "type", "string", "format", format)
                  : json_pack("{s:s}", "type", "string");
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

/* schema, or schema-or-null: a [type, "null"] pair, or anyOf for a
 * reference. */
static json_t *openapi_nullable(json_t *schema)
{
    json_t *type = json_object_get(schema, "type");

    if (!schema)
        return NULL;
    if (json_object_get(schema, "$ref"))
        return json_pack("{s:[o, {s:s}]}", "anyOf", schema, "type", "null");
    if (type && json_is_string(type))
        openapi_set(schema, "type", json_pack("[s, s]", json_string_value(type), "null"));
    return schema;
}

/* The component of an enum type (OrderStatus), registered on first use. */
static json_t *openapi_enum_schema(openapi_builder *b, const char *type_name)
{
    const catalog_enum *e = catalog_find_enum(&b->model->catalog, type_name);
    json_t *schema = json_pack("{s:s}", "type", "string");
    json_t *labels = json_array();
    char *name = openapi_pascal(type_name, "");
    json_t *ref;

    for (int i = 0; e && i < e->label_count; i++)
        openapi_append(labels, json_string(e->labels[i]));
    openapi_set(schema, "enum", labels);
    ref = openapi_component(b, name, schema, e ? e->loc : (diag_loc){0}, false);
    free(name);
    return ref;
}

json_t *openapi_type_schema(openapi_builder *b, const sqltype *type, bool nullable)
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
    case RT_TYPE_ENUM:
        schema = openapi_enum_schema(b, type->name);
        break;
    case RT_TYPE_JSON:
        schema = json_object();
        break;
    }
    if (!schema)
        diag_internal_error("OpenAPI document", "a value's schema");
    return nullable && type->type != RT_TYPE_JSON ? openapi_nullable(schema) : schema;
}

/* ------------------------------------------------------------- requests */

static json_t *openapi_number(int64_t scaled, int scale)
{
    double value = (double)scaled;
    if (scale == 0)
        return json_integer((json_int_t)scaled);
    for (int i = 0; i < scale; i++)
        value /= 10.0;
    return json_real(value);
}

static json_t *openapi_field_kind_schema(openapi_builder *b, const api_field *f)
{
    char pattern[96];
    json_t *labels;

    switch (f->kind) {
    case RT_FIELD_TEXT:
        return openapi_string_schema(NULL);
    case RT_FIELD_PASSWORD:
        return json_pack("{s:s, s:s, s:b}", "type", "string", "format", "password", "writeOnly", 1);
    case RT_FIELD_EMAIL:
        return openapi_string_schema("email");
    case RT_FIELD_INT:
        return json_pack("{s:s, s:s}", "type", "integer", "format",
                         f->type.type == RT_TYPE_BIGINT ? "int64" : "int32");
    case RT_FIELD_DECIMAL:
        return json_pack("{s:[s, s], s:s}", "type", "string", "number", "pattern",
                         openapi_decimal_pattern(&f->type, false, pattern, sizeof pattern));
    case RT_FIELD_BOOL:
        return json_pack("{s:s}", "type", "boolean");
    case RT_FIELD_UUID:
        return openapi_string_schema("uuid");
    case RT_FIELD_TIMESTAMP:
        return openapi_string_schema("date-time");
    case RT_FIELD_DATE:
        return openapi_string_schema("date");
    case RT_FIELD_ENUM:
        if (f->choice_count == 0 && f->enumeration)
            return openapi_enum_schema(b, f->enumeration->name);
        labels = json_array();
        for (int i = 0; i < f->choice_count; i++)
            openapi_append(labels, json_string(f->choices[i]));
        return json_pack("{s:s, s:o}", "type", "string", "enum", labels);
    case RT_FIELD_ARRAY:
        if (f->scalar_items)
            return json_pack("{s:s, s:o}", "type", "array", "items",
                             openapi_field_schema(b, &f->items[0]));
        return json_pack("{s:s, s:o}", "type", "array", "items",
                         openapi_object_schema(b, f->items, f->item_count));
    }
    return NULL;
}

/* len MIN..MAX: characters (JSON Schema counts them too), items for
 * arrays; for passwords the runtime counts bytes of UTF-8, which
 * minLength/maxLength cannot say: they get the loosest character bounds
 * that hold (a character is 1 to 4 bytes) and x-minBytes/x-maxBytes. */
static void openapi_field_lengths(const api_field *f, json_t *schema)
{
    bool array = f->kind == RT_FIELD_ARRAY;
    bool bytes = f->kind == RT_FIELD_PASSWORD;
    int64_t min_characters = bytes ? (f->min_len + 3) / 4 : f->min_len;

    if (min_characters > 0)
        openapi_set(schema, array ? "minItems" : "minLength", json_integer(min_characters));
    if (f->max_len != INT64_MAX)
        openapi_set(schema, array ? "maxItems" : "maxLength", json_integer(f->max_len));
    if (!bytes)
        return;
    if (f->min_len > 0)
        openapi_set(schema, "x-minBytes", json_integer(f->min_len));
    if (f->max_len != INT64_MAX)
        openapi_set(schema, "x-maxBytes", json_integer(f->max_len));
    if (f->max_len != INT64_MAX)
        openapi_set(schema, "description",
                    json_sprintf("Counted in bytes of UTF-8, not characters: %lld to %lld bytes.",
                                 (long long)f->min_len, (long long)f->max_len));
}

json_t *openapi_field_schema(openapi_builder *b, const api_field *f)
{
    json_t *schema = openapi_field_kind_schema(b, f);
    json_t *value;

    if (!schema)
        diag_internal_error("OpenAPI document", f->name);
    if (json_object_get(schema, "$ref") && (f->has_len || f->has_range || f->default_text))
        schema = json_pack("{s:[o]}", "allOf", schema);
    if (f->has_len)
        openapi_field_lengths(f, schema);
    if (f->unique)
        openapi_set(schema, "uniqueItems", json_true());
    if (f->has_range) {
        int scale = f->kind == RT_FIELD_DECIMAL ? f->type.scale : 0;
        if (f->min != INT64_MIN)
            openapi_set(schema, "minimum", openapi_number(f->min, scale));
        if (f->max != INT64_MAX)
            openapi_set(schema, "maximum", openapi_number(f->max, scale));
    }
    if (f->default_text) {
        if (f->kind == RT_FIELD_INT)
            value = json_integer(strtoll(f->default_text, NULL, 10));
        else if (f->kind == RT_FIELD_BOOL)
            value = json_boolean(strcmp(f->default_text, "true") == 0);
        else
            value = json_string(f->default_text);
        openapi_set(schema, "default", value);
    }
    if (f->nullable && json_is_array(json_object_get(schema, "enum")))
        openapi_append(json_object_get(schema, "enum"), json_null());
    return f->nullable ? openapi_nullable(schema) : schema;
}

/* The object of fields[0..count) that are in alternative 0 or `only`
 * (every field when only is -1). */
static json_t *openapi_object_of(openapi_builder *b, const api_field *fields, int count, int only)
{
    json_t *properties = json_object();
    json_t *required = json_array();
    json_t *schema = json_pack("{s:s, s:o, s:b}", "type", "object", "properties", properties,
                               "additionalProperties", 0);

    for (int i = 0; i < count; i++) {
        if (only >= 0 && fields[i].alternative != 0 && fields[i].alternative != only)
            continue;
        openapi_set(properties, fields[i].name, openapi_field_schema(b, &fields[i]));
        if (fields[i].required)
            openapi_append(required, json_string(fields[i].name));
    }
    if (json_array_size(required) > 0)
        openapi_set(schema, "required", required);
    else
        json_decref(required);
    return schema;
}

json_t *openapi_object_schema(openapi_builder *b, const api_field *fields, int count)
{
    return openapi_object_of(b, fields, count, -1);
}

json_t *openapi_body_schema(openapi_builder *b, const api_field *fields, int count)
{
    int alternatives = 0;
    json_t *one_of;

    for (int i = 0; i < count; i++)
        if (fields[i].alternative > alternatives)
            alternatives = fields[i].alternative;
    if (alternatives == 0)
        return openapi_object_schema(b, fields, count);
    one_of = json_array();
    for (int k = 1; k <= alternatives; k++)
        openapi_append(one_of, openapi_object_of(b, fields, count, k));
    return json_pack("{s:o, s:s}", "oneOf", one_of, "description",
                     "Exactly one of these shapes (the spec's either { ... } or { ... }).");
}

/* ------------------------------------------------------------ responses */

/* The schema of a json column that `as Name(column: [Other])` shapes, or
 * NULL when it is not shaped. */
static json_t *openapi_json_column(const api_schema_name *schema, const sql_column *c)
{
    for (int i = 0; schema && c->type.type == RT_TYPE_JSON && i < schema->json_shape_count; i++) {
        const api_json_shape *shape = &schema->json_shapes[i];
        if (strcmp(shape->column, c->name) != 0)
            continue;
        if (shape->is_array)
            return json_pack("{s:s, s:o}", "type", "array", "items", openapi_ref(shape->schema));
        return openapi_ref(shape->schema);
    }
    return NULL;
}

/* Adds a step's columns as properties (nullable when the step is
 * optional); a keyset page's page_tiebreak column is not a row column. */
static void openapi_row_properties(openapi_builder *b, const api_step *s,
                                   const api_schema_name *shapes, bool page, json_t *properties,
                                   json_t *required)
{
    for (int k = 0; s && k < s->column_count; k++) {
        const sql_column *c = &s->columns[k];
        bool nullable = c->nullable || s->optional;
        json_t *schema;
        if (page && k == s->column_count - 1 && s->query && s->query->keyset)
            continue; /* page_tiebreak: for cursors, not a row column */
        schema = openapi_json_column(shapes, c);
        if (schema && nullable)
            schema = json_pack("{s:[o, {s:s}]}", "anyOf", schema, "type", "null");
        else if (!schema)
            schema = openapi_type_schema(b, &c->type, nullable);
        openapi_set(properties, c->name, schema);
        openapi_append(required, json_string(c->name));
    }
}

/* A reference to the component of a step's row, named by `as` or, failing
 * that, default_name. */
static json_t *openapi_row_component(openapi_builder *b, const api_step *s,
                                     const api_schema_name *schema, const char *default_name,
                                     bool page, diag_loc loc)
{
    json_t *properties = json_object();
    json_t *required = json_array();
    json_t *object = json_pack("{s:s, s:o, s:o}", "type", "object", "properties", properties,
                               "required", required);

    openapi_row_properties(b, s, schema, page, properties, required);
    if (schema->name)
        return openapi_component(b, schema->name, object, schema->loc, false);
    return openapi_component(b, default_name, object, loc, true);
}

/* DRF's page of Name: NamePage {count, count_is_estimate, next, previous,
 * results} (README, "Pages and counts"). */
static json_t *openapi_page_component(openapi_builder *b, const api_step *s, const api_member *m,
                                      const char *prefix)
{
    char *item_default = openapi_pascal(prefix, "Item");
    json_t *item = openapi_row_component(b, s, &m->schema, item_default, true, m->loc);
    const char *item_ref = json_string_value(json_object_get(item, "$ref"));
    char *page_name = item_ref ? openapi_pascal(strrchr(item_ref, '/') + 1, "Page") : NULL;
    json_t *uri = json_pack("{s:[s, s], s:s}", "type", "string", "null", "format", "uri");
    json_t *page = json_pack(
        "{s:s, s:{s:{s:s, s:s, s:i, s:s}, s:{s:s, s:s}, s:o, s:O, s:{s:s, s:o}}, s:[s, s, s, s, "
        "s]}",
        "type", "object", "properties", "count", "type", "integer", "format", "int64", "minimum", 0,
        "description",
        "Exact up to LIST_COUNT_EXACT_LIMIT matching rows; above it the planner's estimate",
        "count_is_estimate", "type", "boolean", "description",
        "true when count is the planner's estimate", "next", uri, "previous", uri, "results",
        "type", "array", "items", item, "required", "count", "count_is_estimate", "next",
        "previous", "results");
    json_t *ref = openapi_component(b, page_name, page, m->schema.name ? m->schema.loc : m->loc,
                                    m->schema.name == NULL);

    free(item_default);
    free(page_name);
    return ref;
}

/* One member of a response object, named objects under parent_name. */
static void openapi_member(openapi_builder *b, const api_endpoint *e, const api_member *m,
                           const char *parent_name, json_t *properties, json_t *required)
{
    const api_step *s = m->kind == RT_MEMBER_VALUE ? NULL : check_lookup_step(e, m->step);
    char *nested = m->key ? openapi_pascal(m->key, "") : NULL;
    char *default_name = nested ? rt_alloc_malloc(strlen(parent_name) + strlen(nested) + 1) : NULL;
    json_t *value = NULL;

    if (default_name)
        sprintf(default_name, "%s%s", parent_name, nested);
    if (m->kind == RT_MEMBER_VALUE) {
        value = openapi_type_schema(b, &m->value.type, m->value.nullable);
        if (m->value.kind == API_VALUE_STRING)
            openapi_set(value, "examples", json_pack("[s]", m->value.text));
    } else if (m->kind == RT_MEMBER_ROW && !m->key) {
        openapi_row_properties(b, s, &m->schema, false, properties, required);
    } else if (m->kind == RT_MEMBER_ROW) {
        value = openapi_row_component(b, s, &m->schema, default_name, false, m->loc);
    } else if (m->kind == RT_MEMBER_EACH) {
        const sql_column *c = s ? &s->columns[m->column] : NULL;
        value = json_pack("{s:s, s:o}", "type", "array", "items",
                          c ? openapi_type_schema(b, &c->type, c->nullable) : json_object());
    } else {
        value = json_pack("{s:s, s:o}", "type", "array", "items",
                          openapi_row_component(b, s, &m->schema, default_name, false, m->loc));
    }
    if (m->key) {
        openapi_set(properties, m->key, value);
        openapi_append(required, json_string(m->key));
    }
    free(nested);
    free(default_name);
}

json_t *openapi_response_schema(openapi_builder *b, const api_endpoint *e, const char *prefix)
{
    const api_member *only = e->member_count == 1 ? &e->members[0] : NULL;
    char *default_name = openapi_pascal(prefix, "Response");
    const char *name = e->schema.name ? e->schema.name : default_name;
    json_t *properties = json_object();
    json_t *required = json_array();
    json_t *object = json_pack("{s:s, s:o, s:o}", "type", "object", "properties", properties,
                               "required", required);
    json_t *ref = NULL;

    if (only && only->kind == RT_MEMBER_PAGE) {
        ref = openapi_page_component(b, check_lookup_step(e, only->step), only, prefix);
    } else if (only && only->kind == RT_MEMBER_ROW && !only->key) {
        const api_schema_name *schema = only->schema.name ? &only->schema : &e->schema;
        ref = openapi_row_component(b, check_lookup_step(e, only->step), schema, default_name,
                                    false, only->loc);
    } else {
        for (int i = 0; i < e->member_count; i++)
            openapi_member(b, e, &e->members[i], name, properties, required);
        json_incref(object);
        ref = openapi_component(b, name, object, e->schema.name ? e->schema.loc : e->status_loc,
                                e->schema.name == NULL);
    }
    json_decref(object);
    free(default_name);
    return ref;
}
