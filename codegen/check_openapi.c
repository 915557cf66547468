/*
 * check_openapi.c - checks the names client generators see (see
 * check_openapi.h): operation names are lowerCamelCase and unique across
 * all files; schema names are PascalCase, not a language built-in and not
 * one of the document's own (ApiError, ErrorCode); `as Name(column: ...)`
 * names a json result column of that row and a schema some `as` defines.
 * Whether two uses of one schema name have the same shape is checked by
 * emit_openapi.c, which builds the shapes.
 */
#include "check_openapi.h"
#include "check_lookup.h"

#include <ctype.h>
#include <string.h>

#include "rt_error.h"

/* Types of JavaScript/TypeScript, Java, Python, Go and C# that a
 * generated class or interface of that name would shadow or clash with. */
static const char *const check_openapi_builtins[] = {
    "Any",       "Array",   "BigInt",   "Blob",     "Bool",    "Boolean", "Buffer",   "Byte",
    "Char",      "Class",   "Date",     "Decimal",  "Dict",    "Double",  "Error",    "Event",
    "Exception", "File",    "Float",    "Function", "Headers", "Int",     "Integer",  "Iterable",
    "JSON",      "List",    "Long",     "Map",      "Math",    "Never",   "Null",     "Number",
    "Object",    "Omit",    "Optional", "Partial",  "Pick",    "Promise", "Readonly", "Record",
    "RegExp",    "Request", "Required", "Response", "Self",    "Set",     "Short",    "String",
    "Symbol",    "Tuple",   "Type",     "URL",      "Unknown", "Void",
};

/* Schema names the document itself defines (emit_openapi.c). */
static const char *const check_openapi_reserved[] = {"ApiError", "ErrorCode"};

bool check_openapi_builtin_name(const char *name)
{
    for (size_t i = 0; i < sizeof check_openapi_builtins / sizeof check_openapi_builtins[0]; i++)
        if (strcmp(check_openapi_builtins[i], name) == 0)
            return true;
    return false;
}

/* Letters and digits only, starting with a letter of the given case. */
static bool check_openapi_camel(const char *name, bool upper_first)
{
    if (!name[0] || !isalpha((unsigned char)name[0]) ||
        (upper_first ? !isupper((unsigned char)name[0]) : !islower((unsigned char)name[0])))
        return false;
    for (const char *c = name; *c; c++)
        if (!isalnum((unsigned char)*c))
            return false;
    return true;
}

/* The default operation name: the endpoint id in lowerCamelCase
 * (patch_users_uid_role -> patchUsersUidRole). */
static char *check_openapi_default_operation(rt_arena *a, const char *id)
{
    char *out = rt_arena_alloc(a, strlen(id) + 1);
    size_t n = 0;
    bool upper = false;

    if (!out)
        return NULL;
    for (const char *c = id; *c; c++) {
        if (*c == '_') {
            upper = n > 0;
            continue;
        }
        out[n++] = upper ? (char)toupper((unsigned char)*c) : *c;
        upper = false;
    }
    out[n] = '\0';
    return out;
}

static int check_openapi_operations(model *m, rt_arena *a, diag *d)
{
    for (int f = 0; f < m->api_file_count; f++) {
        for (int i = 0; i < m->api_files[f].endpoint_count; i++) {
            api_endpoint *e = &m->api_files[f].endpoints[i];
            if (e->operation && !check_openapi_camel(e->operation, false))
                diag_error(d, e->operation_loc,
                           "operation name \"%s\" must be lowerCamelCase letters and digits "
                           "(listOrders)",
                           e->operation);
            e->operation_id =
                e->operation ? e->operation : check_openapi_default_operation(a, e->id);
        }
    }
    for (int f = 0; f < m->api_file_count; f++) {
        for (int i = 0; i < m->api_files[f].endpoint_count; i++) {
            const api_endpoint *e = &m->api_files[f].endpoints[i];
            for (int g = 0; g <= f; g++) {
                int end = g == f ? i : m->api_files[g].endpoint_count;
                for (int k = 0; k < end; k++) {
                    const api_endpoint *other = &m->api_files[g].endpoints[k];
                    if (strcmp(e->operation_id, other->operation_id) != 0)
                        continue;
                    diag_error(d, e->operation ? e->operation_loc : e->loc,
                               "operation name \"%s\" is also %s %s's (name one with "
                               "\"operation NAME\")",
                               e->operation_id, other->method, other->pattern);
                }
            }
        }
    }
    return 0;
}

/* Whether some `as` in the model defines name. */
static bool check_openapi_defined(const model *m, const char *name)
{
    for (int f = 0; f < m->api_file_count; f++) {
        for (int i = 0; i < m->api_files[f].endpoint_count; i++) {
            const api_endpoint *e = &m->api_files[f].endpoints[i];
            if (e->schema.name && strcmp(e->schema.name, name) == 0)
                return true;
            for (int k = 0; k < e->member_count; k++)
                if (e->members[k].schema.name && strcmp(e->members[k].schema.name, name) == 0)
                    return true;
        }
    }
    return false;
}

static void check_openapi_schema_name(const model *m, diag *d, const api_schema_name *schema,
                                      const api_step *row)
{
    if (!schema->name)
        return;
    if (!check_openapi_camel(schema->name, true))
        diag_error(d, schema->loc,
                   "schema name \"%s\" must be PascalCase letters and digits (Order)",
                   schema->name);
    else if (check_openapi_builtin_name(schema->name))
        diag_error(d, schema->loc,
                   "schema name \"%s\" is a built-in type of client languages; name the thing "
                   "itself (Order, OrderLine)",
                   schema->name);
    for (size_t i = 0; i < sizeof check_openapi_reserved / sizeof check_openapi_reserved[0]; i++)
        if (strcmp(check_openapi_reserved[i], schema->name) == 0)
            diag_error(d, schema->loc, "schema name \"%s\" is the document's own", schema->name);
    for (int i = 0; i < schema->json_shape_count; i++) {
        const api_json_shape *shape = &schema->json_shapes[i];
        const sql_column *column = NULL;
        for (int k = 0; row && k < row->column_count; k++)
            if (strcmp(row->columns[k].name, shape->column) == 0)
                column = &row->columns[k];
        if (!row)
            diag_error(d, shape->loc, "only a step's row has json columns to shape");
        else if (!column)
            diag_error(d, shape->loc, "the row has no column \"%s\"", shape->column);
        else if (column->type.type != RT_TYPE_JSON)
            diag_error(d, shape->loc, "column \"%s\" is %s, not json or jsonb: its shape is known",
                       shape->column, column->type.name);
        if (!check_openapi_defined(m, shape->schema))
            diag_error(d, shape->schema_loc, "no response names a schema \"%s\" (with \"as %s\")",
                       shape->schema, shape->schema);
    }
}

int check_openapi(model *m, rt_arena *a, diag *d)
{
    int rc = check_openapi_operations(m, a, d);

    if (rc)
        return rc;
    for (int f = 0; f < m->api_file_count; f++) {
        for (int i = 0; i < m->api_files[f].endpoint_count; i++) {
            const api_endpoint *e = &m->api_files[f].endpoints[i];
            check_openapi_schema_name(m, d, &e->schema, NULL);
            for (int k = 0; k < e->member_count; k++) {
                const api_member *member = &e->members[k];
                const api_step *row =
                    member->kind == RT_MEMBER_VALUE ? NULL : check_lookup_step(e, member->step);
                check_openapi_schema_name(m, d, &member->schema, row);
            }
        }
    }
    return 0;
}
