/*
 * verify.c - `specc verify` (see verify.h): the compiler's model of every
 * query against what PostgreSQL says when it prepares it.
 *
 * Each query is prepared as the unnamed statement and described; type
 * OIDs are named through pg_type (cached per OID), nullability of table
 * columns read from pg_attribute. Mismatches are errors at the query's
 * "-- name:" line; one connection, no writes.
 */
#include "verify.h"

#include <libpq-fe.h>
#include <stdlib.h>
#include <string.h>

#include "rt_alloc.h"
#include "rt_error.h"

/* What PostgreSQL calls a type, mapped to the compiler's terms. */
typedef struct verify_type {
    unsigned int oid;
    rt_type type;
    char name[64]; /* typname: "int4", "user_role", "numeric" */
    bool known;    /* a type the compiler models */
} verify_type;

typedef struct verify_ctx {
    PGconn *conn;
    diag *diag;
    verify_type *types; /* cache */
    int type_count, type_capacity;
} verify_ctx;

static const verify_type *verify_lookup_type(verify_ctx *v, unsigned int oid)
{
    static const struct {
        const char *name;
        rt_type type;
    } names[] = {
        {"text", RT_TYPE_TEXT}, {"varchar", RT_TYPE_TEXT}, {"bpchar", RT_TYPE_TEXT},
        {"name", RT_TYPE_TEXT}, {"citext", RT_TYPE_TEXT},  {"int2", RT_TYPE_INT},
        {"int4", RT_TYPE_INT},  {"int8", RT_TYPE_BIGINT},  {"numeric", RT_TYPE_NUMERIC},
        {"bool", RT_TYPE_BOOL}, {"uuid", RT_TYPE_UUID},    {"timestamptz", RT_TYPE_TIMESTAMPTZ},
        {"date", RT_TYPE_DATE}, {"json", RT_TYPE_JSON},    {"jsonb", RT_TYPE_JSON},
    };
    char oid_text[16];
    const char *values[1] = {oid_text};
    PGresult *result;
    verify_type *t;

    for (int i = 0; i < v->type_count; i++) {
        if (v->types[i].oid == oid)
            return &v->types[i];
    }
    if (v->type_count == v->type_capacity) {
        int capacity = v->type_capacity ? v->type_capacity * 2 : 32;
        verify_type *bigger = rt_alloc_realloc(v->types, sizeof *bigger * (size_t)capacity);
        v->types = bigger;
        v->type_capacity = capacity;
    }
    t = &v->types[v->type_count++];
    memset(t, 0, sizeof *t);
    t->oid = oid;
    snprintf(oid_text, sizeof oid_text, "%u", oid);
    result = PQexecParams(v->conn, "SELECT typname, typtype FROM pg_type WHERE oid = $1", 1, NULL,
                          values, NULL, NULL, 0);
    if (PQresultStatus(result) == PGRES_TUPLES_OK && PQntuples(result) == 1) {
        snprintf(t->name, sizeof t->name, "%s", PQgetvalue(result, 0, 0));
        if (strcmp(PQgetvalue(result, 0, 1), "e") == 0) {
            t->type = RT_TYPE_ENUM;
            t->known = true;
        }
        for (size_t k = 0; !t->known && k < sizeof names / sizeof names[0]; k++) {
            if (strcmp(t->name, names[k].name) == 0) {
                t->type = names[k].type;
                t->known = true;
            }
        }
    } else {
        snprintf(t->name, sizeof t->name, "oid %u", oid);
    }
    PQclear(result);
    return t;
}

/* Whether the database type (with typmod for numeric) is the model's. */
static bool verify_same_type(const verify_type *pg, int typmod, const sqltype *model_type)
{
    if (!pg->known || pg->type != model_type->type)
        return false;
    if (pg->type == RT_TYPE_ENUM)
        return strcmp(pg->name, model_type->name) == 0;
    if (pg->type == RT_TYPE_JSON)
        return strcmp(pg->name, model_type->name) == 0;
    if (pg->type == RT_TYPE_NUMERIC && typmod >= 4 && model_type->precision > 0) {
        int precision = ((typmod - 4) >> 16) & 0xffff;
        int scale = (typmod - 4) & 0xffff;
        return precision == model_type->precision && scale == model_type->scale;
    }
    return true;
}

/* The database's spelling for messages: "integer"-like typname, with
 * numeric's precision and scale. */
static const char *verify_type_name(const verify_type *pg, int typmod, char *buffer, size_t size)
{
    if (pg->known && pg->type == RT_TYPE_NUMERIC && typmod >= 4)
        snprintf(buffer, size, "numeric(%d,%d)", ((typmod - 4) >> 16) & 0xffff,
                 (typmod - 4) & 0xffff);
    else
        snprintf(buffer, size, "%s", pg->name);
    return buffer;
}

/* -1: unknown (not a plain table column), 0: nullable, 1: NOT NULL. */
static int verify_not_null(verify_ctx *v, unsigned int table, int column)
{
    char table_text[16];
    char column_text[16];
    const char *values[2] = {table_text, column_text};
    PGresult *result;
    int answer = -1;

    if (table == 0 || column <= 0)
        return -1;
    snprintf(table_text, sizeof table_text, "%u", table);
    snprintf(column_text, sizeof column_text, "%d", column);
    result = PQexecParams(v->conn,
                          "SELECT attnotnull FROM pg_attribute WHERE attrelid = $1 AND attnum = $2",
                          2, NULL, values, NULL, NULL, 0);
    if (PQresultStatus(result) == PGRES_TUPLES_OK && PQntuples(result) == 1)
        answer = strcmp(PQgetvalue(result, 0, 0), "t") == 0 ? 1 : 0;
    PQclear(result);
    return answer;
}

static void verify_query(verify_ctx *v, const sql_query *q)
{
    PGresult *prepared = PQprepare(v->conn, "", q->sql, 0, NULL);
    PGresult *described = NULL;
    char pg_name[96];
    int count;

    if (PQresultStatus(prepared) != PGRES_COMMAND_OK) {
        const char *message = PQresultErrorField(prepared, PG_DIAG_MESSAGE_PRIMARY);
        diag_error(v->diag, q->loc, "verify: PostgreSQL cannot prepare %s: %s", q->name,
                   message ? message : PQerrorMessage(v->conn));
        goto done;
    }
    described = PQdescribePrepared(v->conn, "");
    if (PQresultStatus(described) != PGRES_COMMAND_OK) {
        diag_error(v->diag, q->loc, "verify: cannot describe %s: %s", q->name,
                   PQerrorMessage(v->conn));
        goto done;
    }
    count = PQnparams(described);
    if (count != q->param_count) {
        diag_error(v->diag, q->loc, "verify: %s has %d parameters in the database, %d in the spec",
                   q->name, count, q->param_count);
        goto done;
    }
    for (int i = 0; i < count; i++) {
        const verify_type *pg = verify_lookup_type(v, PQparamtype(described, i));
        if (!pg)
            goto done;
        if (!verify_same_type(pg, -1, &q->params[i].type))
            diag_error(v->diag, q->loc,
                       "verify: %s: parameter @%s ($%d) is %s in the database, but the spec "
                       "infers %s",
                       q->name, q->params[i].name, i + 1,
                       verify_type_name(pg, -1, pg_name, sizeof pg_name), q->params[i].type.name);
    }
    count = PQnfields(described);
    if (count != q->column_count) {
        diag_error(v->diag, q->loc, "verify: %s returns %d columns in the database, %d in the spec",
                   q->name, count, q->column_count);
        goto done;
    }
    for (int i = 0; i < count; i++) {
        const sql_column *c = &q->columns[i];
        const verify_type *pg = verify_lookup_type(v, PQftype(described, i));
        int typmod = PQfmod(described, i);
        if (!pg)
            goto done;
        if (strcmp(PQfname(described, i), c->name) != 0)
            diag_error(v->diag, q->loc,
                       "verify: %s: column %d is \"%s\" in the database, \"%s\" in the spec",
                       q->name, i + 1, PQfname(described, i), c->name);
        if (!verify_same_type(pg, typmod, &c->type))
            diag_error(v->diag, q->loc,
                       "verify: %s: column \"%s\" is %s in the database, but the spec infers %s",
                       q->name, c->name, verify_type_name(pg, typmod, pg_name, sizeof pg_name),
                       c->type.name);
        if (!c->nullable &&
            verify_not_null(v, PQftable(described, i), PQftablecol(described, i)) == 0)
            diag_error(v->diag, q->loc,
                       "verify: %s: column \"%s\" may be NULL in the database, but the spec "
                       "says NOT NULL",
                       q->name, c->name);
    }
done:
    PQclear(prepared);
    PQclear(described);
}

/* Every whitelisted ordering, with all filters present, must prepare too. */
static void verify_orderings(verify_ctx *v, const sql_query *q)
{
    for (int k = 0; k < q->ordering_count; k++) {
        size_t length = 1;
        char *sql;
        PGresult *prepared;
        for (int i = 0; i < q->part_count; i++)
            length +=
                strlen(q->parts[i].kind == RT_PART_ORDER ? q->orderings[k].sql : q->parts[i].text);
        sql = rt_alloc_malloc(length);
        sql[0] = '\0';
        for (int i = 0; i < q->part_count; i++)
            strcat(sql, q->parts[i].kind == RT_PART_ORDER ? q->orderings[k].sql : q->parts[i].text);
        prepared = PQprepare(v->conn, "", sql, 0, NULL);
        if (PQresultStatus(prepared) != PGRES_COMMAND_OK) {
            const char *message = PQresultErrorField(prepared, PG_DIAG_MESSAGE_PRIMARY);
            diag_error(v->diag, q->loc, "verify: %s ordered by %s: %s", q->name,
                       q->orderings[k].name, message ? message : PQerrorMessage(v->conn));
        }
        PQclear(prepared);
        free(sql);
    }
}

int verify_model(const model *m, const char *database_url, diag *d, FILE *out)
{
    verify_ctx v;
    int errors_before = d->error_count;
    int rc = 0;

    memset(&v, 0, sizeof v);
    v.diag = d;
    v.conn = PQconnectdb(database_url);
    if (PQstatus(v.conn) != CONNECTION_OK) {
        diag_error(d, (diag_loc){0}, "verify: cannot connect to the database: %s",
                   PQerrorMessage(v.conn));
        rc = RT_EUNAVAILABLE;
        goto done;
    }
    for (int i = 0; i < m->query_count; i++) {
        verify_query(&v, m->queries_by_id[i]);
        verify_orderings(&v, m->queries_by_id[i]);
    }
    if (d->error_count == errors_before)
        fprintf(out, "verified %d quer%s\n", m->query_count, m->query_count == 1 ? "y" : "ies");
done:
    free(v.types);
    PQfinish(v.conn);
    return rc;
}
