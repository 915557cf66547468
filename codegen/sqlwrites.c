/*
 * sqlwrites.c - whether a named query only reads (sqlwrites.h).
 *
 * One walk over the statement's whole parse tree: any node that writes
 * (INSERT, UPDATE, DELETE, MERGE, also inside WITH), any locking clause,
 * or any call of a function with effects makes it a write. Functions are
 * judged by name: those a migration creates without STABLE or IMMUTABLE
 * (catalog.volatile_functions), and PostgreSQL's own below. A function of
 * PostgreSQL's that writes and is missing here would be taken for a read:
 * the list names every built-in family with effects a query might call.
 */
#include "sqlwrites.h"

#include <string.h>

#include "pgparse.h"

/* PostgreSQL's own functions with effects, by name or (ending in '*') by
 * prefix. */
static const char *const sqlwrites_builtin[] = {
    "nextval",
    "setval",
    "pg_advisory*",
    "pg_try_advisory*",
    "pg_notify",
    "set_config",
    "pg_cancel_backend",
    "pg_terminate_backend",
    "lo_*",
    "dblink*",
    "pg_reload_conf",
    "pg_rotate_logfile",
    "txid_current",
    "pg_current_xact_id",
};

static bool sqlwrites_builtin_writes(const char *name)
{
    for (size_t i = 0; i < sizeof sqlwrites_builtin / sizeof *sqlwrites_builtin; i++) {
        const char *entry = sqlwrites_builtin[i];
        size_t length = strlen(entry);
        if (entry[length - 1] == '*' ? strncmp(name, entry, length - 1) == 0
                                     : strcmp(name, entry) == 0)
            return true;
    }
    return false;
}

static bool sqlwrites_function_writes(const catalog *cat, const json_t *call)
{
    const char *name = pgparse_last_name(pgparse_list(call, "funcname"));

    if (!name)
        return true; /* in doubt */
    for (int i = 0; i < cat->volatile_function_count; i++)
        if (strcmp(cat->volatile_functions[i], name) == 0)
            return true;
    return sqlwrites_builtin_writes(name);
}

/* True when something under node writes or locks. */
static bool sqlwrites_under(const catalog *cat, const json_t *node)
{
    const char *key;
    json_t *value;
    size_t i;

    if (json_is_array(node)) {
        json_array_foreach(node, i, value)
        {
            if (sqlwrites_under(cat, value))
                return true;
        }
        return false;
    }
    if (!json_is_object(node))
        return false;
    json_object_foreach((json_t *)node, key, value)
    {
        if (strcmp(key, "InsertStmt") == 0 || strcmp(key, "UpdateStmt") == 0 ||
            strcmp(key, "DeleteStmt") == 0 || strcmp(key, "MergeStmt") == 0)
            return true;
        if (strcmp(key, "lockingClause") == 0 && json_array_size(value) > 0)
            return true;
        if (strcmp(key, "FuncCall") == 0 && sqlwrites_function_writes(cat, value))
            return true;
        if (sqlwrites_under(cat, value))
            return true;
    }
    return false;
}

bool sqlwrites_reads_only(const catalog *cat, const json_t *statement)
{
    return pgparse_node(statement, "SelectStmt") != NULL && !sqlwrites_under(cat, statement);
}
