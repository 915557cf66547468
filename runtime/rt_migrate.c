/*
 * rt_migrate.c - applies migrations/NNNN_words.sql in order.
 *
 * One run:
 *   1. lists dir: every entry not starting with '.' must be a regular file
 *      named NNNN_words.sql (four digits, '_', letters/digits/'_', ".sql");
 *      anything else is an error naming it, so a misnamed file is never
 *      silently skipped. Versions (the four digits) are unique. Files are
 *      read whole; a NUL byte is an error (PostgreSQL could not see past it).
 *   2. opens an rt_db session (client_encoding UTF8, so the server sees
 *      the file bytes unchanged, no statement timeout) and takes the session
 *      advisory lock (LockMigrations): concurrent migrators run one after
 *      another.
 *   3. creates schema_migrations if missing (CreateMigrationsTable, from
 *      which specc also learns its shape). These and every other statement
 *      of the bookkeeping are named queries of spec/runtime.sql, found with
 *      rt_db_find_query.
 *   4. checksums every file: hex SHA-256 of its bytes, computed by
 *      PostgreSQL (sha256(), PostgreSQL 11+). If any applied version's
 *      recorded checksum differs, nothing is applied.
 *   5. applies each pending file in name order: BEGIN; the file's text (one
 *      rt_db_exec_sql, so several statements); INSERT into schema_migrations;
 *      COMMIT. On error: ROLLBACK, and err names the file, the line (from
 *      PG_DIAG_STATEMENT_POSITION when PostgreSQL gives one) and
 *      PostgreSQL's message.
 * The lock goes with the connection. A file must not contain its own
 * BEGIN/COMMIT, nor statements that cannot run in a transaction block
 * (CREATE INDEX CONCURRENTLY).
 *
 * Ownership: everything allocated here is freed before returning.
 */
#include "rt_migrate.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "rt_db.h"
#include "rt_error.h"

#define RT_MIGRATE_VERSION_LEN 4
#define RT_MIGRATE_CHECKSUM_LEN 64
#define RT_MIGRATE_MAX_FILE_BYTES (64L * 1024 * 1024)
#define RT_MIGRATE_CONNECT_TIMEOUT_SECONDS 10

typedef struct migration_file {
    char *name;                                 /* "0001_users.sql" (owned) */
    char version[80];                           /* "0001", or "R:<name>" for a script */
    bool repeatable;                            /* a generated script: re-run on change */
    char *text;                                 /* file contents (owned) */
    char checksum[RT_MIGRATE_CHECKSUM_LEN + 1]; /* hex SHA-256 */
    bool applied;
    bool changed;        /* applied with another checksum (a plan reports it) */
    char applied_at[40]; /* when applied, as PostgreSQL prints it */
} migration_file;

typedef struct migration_list {
    migration_file *files; /* owned, count entries, sorted by name */
    size_t count;
    size_t capacity;
} migration_list;

static void migrate_error(char *err, size_t err_len, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void migrate_error(char *err, size_t err_len, const char *fmt, ...)
{
    va_list ap;
    if (err == NULL || err_len == 0)
        return;
    va_start(ap, fmt);
    vsnprintf(err, err_len, fmt, ap);
    va_end(ap);
}

static void migrate_list_free(migration_list *list)
{
    for (size_t i = 0; i < list->count; i++) {
        free(list->files[i].name);
        free(list->files[i].text);
    }
    free(list->files);
    memset(list, 0, sizeof(*list));
}

/* NNNN_words.sql: four digits, '_', one or more of [A-Za-z0-9_], ".sql". */
static bool migrate_name_valid(const char *name)
{
    size_t len = strlen(name);
    size_t i;

    if (len < RT_MIGRATE_VERSION_LEN + 1 + 1 + 4 || strcmp(name + len - 4, ".sql") != 0)
        return false;
    for (i = 0; i < RT_MIGRATE_VERSION_LEN; i++)
        if (name[i] < '0' || name[i] > '9')
            return false;
    if (name[i++] != '_')
        return false;
    for (; i < len - 4; i++) {
        char c = name[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '_'))
            return false;
    }
    return true;
}

static int migrate_compare_files(const void *a, const void *b)
{
    return strcmp(((const migration_file *)a)->name, ((const migration_file *)b)->name);
}

/* Reads dir/name whole into *out_text (malloc'd, NUL-terminated). */
static int migrate_read_file(const char *dir, const char *name, char **out_text, char *err,
                             size_t err_len)
{
    int rc = 0;
    char path[4096];
    FILE *file = NULL;
    char *text = NULL;
    size_t len = 0;
    size_t capacity = 0;

    *out_text = NULL;
    if ((size_t)snprintf(path, sizeof(path), "%s/%s", dir, name) >= sizeof(path)) {
        migrate_error(err, err_len, "%s/%s: path too long", dir, name);
        rc = RT_EINVAL;
        goto done;
    }
    file = fopen(path, "rb");
    if (file == NULL) {
        migrate_error(err, err_len, "%s: cannot open: %s", path, strerror(errno));
        rc = RT_EINVAL;
        goto done;
    }
    for (;;) {
        if (capacity - len < 4096 + 1) {
            size_t grown_capacity = capacity == 0 ? 8192 : capacity * 2;
            char *grown = realloc(text, grown_capacity);
            if (grown == NULL) {
                rc = RT_ENOMEM;
                goto done;
            }
            text = grown;
            capacity = grown_capacity;
        }
        size_t got = fread(text + len, 1, capacity - len - 1, file);
        len += got;
        if (len > (size_t)RT_MIGRATE_MAX_FILE_BYTES) {
            migrate_error(err, err_len, "%s: larger than %ld bytes", path,
                          RT_MIGRATE_MAX_FILE_BYTES);
            rc = RT_EINVAL;
            goto done;
        }
        if (got == 0)
            break;
    }
    if (ferror(file)) {
        migrate_error(err, err_len, "%s: read error", path);
        rc = RT_EINVAL;
        goto done;
    }
    text[len] = '\0';
    if (memchr(text, '\0', len) != NULL) {
        migrate_error(err, err_len, "%s: contains a NUL byte", path);
        rc = RT_EINVAL;
        goto done;
    }
    *out_text = text;
    text = NULL;
done:
    if (file != NULL)
        fclose(file);
    free(text);
    return rc;
}

/* Appends a file entry named name (copied) to list. */
static int migrate_list_add(migration_list *list, const char *name)
{
    migration_file *file;

    if (list->count == list->capacity) {
        size_t capacity = list->capacity == 0 ? 16 : list->capacity * 2;
        migration_file *grown = realloc(list->files, capacity * sizeof(*grown));
        if (grown == NULL)
            return RT_ENOMEM;
        list->files = grown;
        list->capacity = capacity;
    }
    file = &list->files[list->count];
    memset(file, 0, sizeof(*file));
    file->name = strdup(name);
    if (file->name == NULL)
        return RT_ENOMEM;
    snprintf(file->version, sizeof file->version, "%.*s", RT_MIGRATE_VERSION_LEN, name);
    list->count++;
    return 0;
}

/* Lists and reads dir's migrations into list, sorted by name. */
static int migrate_list_dir(const char *dir, migration_list *list, char *err, size_t err_len)
{
    int rc = 0;
    DIR *handle = opendir(dir);
    struct dirent *entry;

    if (handle == NULL) {
        migrate_error(err, err_len, "cannot open migrations directory %s: %s", dir,
                      strerror(errno));
        rc = RT_EINVAL;
        goto done;
    }
    while ((entry = readdir(handle)) != NULL) {
        struct stat info;
        if (entry->d_name[0] == '.')
            continue; /* ".", "..", editor and VCS files */
        if (fstatat(dirfd(handle), entry->d_name, &info, 0) != 0 || !S_ISREG(info.st_mode) ||
            !migrate_name_valid(entry->d_name)) {
            migrate_error(err, err_len,
                          "%s/%s: not a migration (expected a file named NNNN_words.sql)", dir,
                          entry->d_name);
            rc = RT_EINVAL;
            goto done;
        }
        rc = migrate_list_add(list, entry->d_name);
        if (rc != 0)
            goto done;
    }
    if (list->count > 0)
        qsort(list->files, list->count, sizeof(*list->files), migrate_compare_files);
    for (size_t i = 0; i < list->count; i++) {
        if (i > 0 && strcmp(list->files[i].version, list->files[i - 1].version) == 0) {
            migrate_error(err, err_len, "%s/%s and %s: two migrations with version %s", dir,
                          list->files[i - 1].name, list->files[i].name, list->files[i].version);
            rc = RT_EINVAL;
            goto done;
        }
        rc = migrate_read_file(dir, list->files[i].name, &list->files[i].text, err, err_len);
        if (rc != 0)
            goto done;
    }
done:
    if (handle != NULL)
        closedir(handle);
    return rc;
}

/* PostgreSQL's one-line message for a failed statement or connection. */
static const char *migrate_pg_message(rt_db_conn *conn, const rt_db_result *result)
{
    return result->message != NULL ? result->message : rt_db_error_message(conn);
}

/* Line (1-based) of the character at 1-based position `position` of text,
 * counting characters as UTF-8 code points, as PostgreSQL does. */
static int migrate_line_of(const char *text, long position)
{
    int line = 1;
    long characters = 0;

    for (const char *p = text; *p != '\0'; p++) {
        if (((unsigned char)*p & 0xc0) == 0x80)
            continue; /* continuation byte */
        characters++;
        if (characters >= position)
            break;
        if (*p == '\n')
            line++;
    }
    return line;
}

/* Runs the spec's query `name` (spec/runtime.sql) with params; on failure
 * err says what `what` was. */
static int migrate_run(rt_db_conn *conn, const char *name, const char *const *param_names,
                       const char *const *params, int param_count, rt_db_result *result,
                       const char *what, char *err, size_t err_len)
{
    const rt_query *query = NULL;
    int rc = rt_db_find_query(name, param_names, param_count, &query);

    if (rc != 0) {
        migrate_error(err, err_len, "%s: the spec has no query %s", what, name);
        return rc;
    }
    rc = rt_db_run(conn, query, params, result);
    if (rc != 0)
        migrate_error(err, err_len, "%s: %s", what, migrate_pg_message(conn, result));
    return rc;
}

/* Runs the spec's query `name`, which takes no parameters and whose rows
 * are not read; on failure err says what `what` was. */
static int migrate_run_exec(rt_db_conn *conn, const char *name, const char *what, char *err,
                            size_t err_len)
{
    rt_db_result result = {0};
    int rc = migrate_run(conn, name, NULL, NULL, 0, &result, what, err, err_len);

    rt_db_result_clear(&result);
    return rc;
}

/* Fills every file's checksum: hex SHA-256 of its bytes, by PostgreSQL. */
static int migrate_checksums(rt_db_conn *conn, const char *dir, migration_list *list, char *err,
                             size_t err_len)
{
    int rc = 0;
    rt_db_result result = {0};

    for (size_t i = 0; i < list->count; i++) {
        static const char *const names[1] = {"text"};
        const char *params[1] = {list->files[i].text};
        char what[512];
        snprintf(what, sizeof what, "%s/%s: cannot checksum", dir, list->files[i].name);
        rc = migrate_run(conn, "MigrationChecksum", names, params, 1, &result, what, err, err_len);
        if (rc != 0)
            goto done;
        if (strlen(rt_db_value(&result, 0, 0)) != RT_MIGRATE_CHECKSUM_LEN) {
            migrate_error(err, err_len, "%s: not a SHA-256", what);
            rc = RT_EDB;
            goto done;
        }
        memcpy(list->files[i].checksum, rt_db_value(&result, 0, 0), RT_MIGRATE_CHECKSUM_LEN + 1);
        rt_db_result_clear(&result);
    }
done:
    rt_db_result_clear(&result);
    return rc;
}

/* Marks applied files, and refuses when an applied file has changed
 * (unless planning: then the file is marked changed). */
static int migrate_compare_applied(rt_db_conn *conn, migration_list *list, bool planning, char *err,
                                   size_t err_len)
{
    rt_db_result result = {0};
    int rc = migrate_run(conn, "ListAppliedMigrations", NULL, NULL, 0, &result,
                         "reading schema_migrations", err, err_len);

    if (rc != 0)
        goto done;
    for (int row = 0; row < result.rows; row++) {
        const char *version = rt_db_value(&result, row, 0);
        const char *checksum = rt_db_value(&result, row, 1);
        for (size_t i = 0; i < list->count; i++) {
            migration_file *file = &list->files[i];
            if (strcmp(file->version, version) != 0)
                continue;
            snprintf(file->applied_at, sizeof file->applied_at, "%s", rt_db_value(&result, row, 2));
            if (planning && !file->repeatable && strcmp(file->checksum, checksum) != 0) {
                file->changed = true;
                continue;
            }
            if (file->repeatable) {
                file->applied = strcmp(file->checksum, checksum) == 0;
                continue;
            }
            if (strcmp(file->checksum, checksum) != 0) {
                migrate_error(err, err_len,
                              "migration %s was changed after it was applied (checksum %s "
                              "when applied, %s now); write a new migration instead",
                              file->name, checksum, file->checksum);
                rc = RT_EINVAL;
                goto done;
            }
            file->applied = true;
        }
    }
done:
    rt_db_result_clear(&result);
    return rc;
}

/* err for a migration file PostgreSQL refused: the file, the line (from
 * PG_DIAG_STATEMENT_POSITION when PostgreSQL gives one) and its message. */
static void migrate_file_error(rt_db_conn *conn, const char *what, const migration_file *file,
                               const rt_db_result *result, char *err, size_t err_len)
{
    const char *position =
        result->res ? PQresultErrorField(result->res, PG_DIAG_STATEMENT_POSITION) : NULL;
    const char *sqlstate = result->sqlstate[0] != '\0' ? result->sqlstate : "?";

    if (position != NULL)
        migrate_error(err, err_len, "%s:%d: %s (SQLSTATE %s)", what,
                      migrate_line_of(file->text, strtol(position, NULL, 10)),
                      migrate_pg_message(conn, result), sqlstate);
    else
        migrate_error(err, err_len, "%s: %s (SQLSTATE %s)", what, migrate_pg_message(conn, result),
                      sqlstate);
}

/* Applies one file and records it, in one transaction. */
static int migrate_apply(rt_db_conn *conn, const char *dir, const migration_file *file, char *err,
                         size_t err_len)
{
    static const char *const names[3] = {"version", "name", "checksum"};
    int rc = 0;
    rt_db_result result = {0};
    const char *params[3] = {file->version, file->name, file->checksum};
    char what[512];
    char recording[600];

    snprintf(what, sizeof(what), "%s/%s", dir, file->name);
    rc = rt_db_begin(conn);
    if (rc != 0) {
        migrate_error(err, err_len, "%s: BEGIN failed: %s", what, rt_db_error_message(conn));
        goto done;
    }
    rc = rt_db_exec_sql(conn, file->text, &result);
    if (rc != 0) {
        migrate_file_error(conn, what, file, &result, err, err_len);
        goto done;
    }
    rt_db_result_clear(&result);
    snprintf(recording, sizeof recording, "%s: recording it in schema_migrations", what);
    rc = migrate_run(conn, "RecordMigration", names, params, 3, &result, recording, err, err_len);
    if (rc != 0)
        goto done;
    rc = rt_db_commit(conn);
    if (rc != 0)
        migrate_error(err, err_len, "%s: COMMIT failed: %s", what, rt_db_error_message(conn));
done:
    rt_db_result_clear(&result);
    if (rc != 0 && rt_db_session_ok(conn))
        (void)rt_db_rollback(conn); /* outside a transaction: a harmless notice */
    return rc;
}

/* Appends the generated scripts after the files: they run last, every
 * time their text changed since they were last applied. */
static int migrate_list_add_scripts(migration_list *list, const rt_migrate_script *scripts,
                                    int count)
{
    for (int i = 0; i < count; i++) {
        migration_file *file;
        int rc = migrate_list_add(list, scripts[i].name);
        if (rc != 0)
            return rc;
        file = &list->files[list->count - 1];
        snprintf(file->version, sizeof file->version, "R:%s", scripts[i].name);
        file->repeatable = true;
        file->text = strdup(scripts[i].sql);
        if (file->text == NULL)
            return RT_ENOMEM;
    }
    return 0;
}

/* Opens the migrator's session (*out is NULL on error). */
static int migrate_connect(const char *database_url, rt_db_conn **out, char *err, size_t err_len)
{
    char message[512];
    int rc = rt_db_session_open(database_url, "orderd-migrate", RT_MIGRATE_CONNECT_TIMEOUT_SECONDS,
                                out, message, sizeof message);

    if (rc != 0)
        migrate_error(err, err_len, "cannot connect to PostgreSQL: %s", message);
    return rc;
}

/* Prints the plan: one line per file and guard, and a summary. */
static void migrate_print_plan(const migration_list *list, rt_migrate_mode mode, FILE *out)
{
    int pending = 0, changed = 0;
    for (size_t i = 0; i < list->count; i++) {
        const migration_file *file = &list->files[i];
        const char *state = file->changed ? "changed" : file->applied ? "applied" : "pending";
        pending += !file->applied && !file->changed;
        changed += file->changed;
        if (mode == RT_MIGRATE_DRY_RUN && file->applied)
            continue;
        fprintf(out, "%-8s %-9s %-40s %s%s%s\n", state, file->repeatable ? "guard" : "migration",
                file->name, file->checksum, file->applied_at[0] != '\0' ? "  " : "",
                file->applied_at);
    }
    if (mode == RT_MIGRATE_DRY_RUN)
        fprintf(out, "%d would be applied (dry run: nothing changed)\n", pending);
    else
        fprintf(out, "%d applied, %d pending, %d changed since applied\n",
                (int)list->count - pending - changed, pending, changed);
}

int rt_migrate_plan(const char *database_url, const char *dir, const rt_migrate_script *scripts,
                    int script_count, rt_migrate_mode mode, FILE *out, char *err, size_t err_len)
{
    int rc = 0;
    rt_db_conn *conn = NULL;
    rt_db_result result = {0};
    migration_list list = {0};

    err[0] = '\0';
    rc = migrate_list_dir(dir, &list, err, err_len);
    if (rc == 0)
        rc = migrate_list_add_scripts(&list, scripts, script_count);
    if (rc == 0)
        rc = migrate_connect(database_url, &conn, err, err_len);
    if (rc == 0)
        rc = migrate_checksums(conn, dir, &list, err, err_len);
    if (rc != 0)
        goto done;
    /* Read only: a database never migrated has no schema_migrations yet. */
    rc = migrate_run(conn, "MigrationsRecorded", NULL, NULL, 0, &result, "reading the catalog", err,
                     err_len);
    if (rc != 0)
        goto done;
    if (strcmp(rt_db_value(&result, 0, 0), "t") == 0)
        rc = migrate_compare_applied(conn, &list, true, err, err_len);
    if (rc != 0)
        goto done;
    migrate_print_plan(&list, mode, out);
    for (size_t i = 0; i < list.count; i++) {
        if (list.files[i].changed && mode == RT_MIGRATE_DRY_RUN) {
            migrate_error(err, err_len,
                          "migration %s was changed after it was applied; migrate would refuse",
                          list.files[i].name);
            rc = RT_EINVAL;
        }
    }
done:
    rt_db_result_clear(&result);
    rt_db_session_close(conn);
    migrate_list_free(&list);
    return rc;
}

int rt_migrate_run(const char *database_url, const char *dir, const rt_migrate_script *scripts,
                   int script_count, int *out_applied, char *err, size_t err_len)
{
    int rc = 0;
    rt_db_conn *conn = NULL;
    migration_list list = {0};

    if (err != NULL && err_len > 0)
        err[0] = '\0';
    if (out_applied != NULL)
        *out_applied = 0;
    if (database_url == NULL || dir == NULL || out_applied == NULL) {
        migrate_error(err, err_len, "rt_migrate_run: missing argument");
        rc = RT_EINVAL;
        goto done;
    }
    rc = migrate_list_dir(dir, &list, err, err_len);
    if (rc == 0)
        rc = migrate_list_add_scripts(&list, scripts, script_count);
    if (rc != 0)
        goto done;

    rc = migrate_connect(database_url, &conn, err, err_len);
    if (rc != 0)
        goto done;
    rc = migrate_run_exec(conn, "LockMigrations", "taking the migration lock", err, err_len);
    if (rc == 0)
        rc = migrate_run_exec(conn, "CreateMigrationsTable", "creating schema_migrations", err,
                              err_len);
    if (rc != 0)
        goto done;
    rc = migrate_checksums(conn, dir, &list, err, err_len);
    if (rc != 0)
        goto done;
    rc = migrate_compare_applied(conn, &list, false, err, err_len);
    if (rc != 0)
        goto done;
    for (size_t i = 0; i < list.count; i++) {
        if (list.files[i].applied)
            continue;
        rc = migrate_apply(conn, dir, &list.files[i], err, err_len);
        if (rc != 0)
            goto done;
        (*out_applied)++;
    }
done:
    if (err != NULL && err_len > 0) {
        /* libpq messages end with a newline; the caller prints its own. */
        size_t len = strlen(err);
        while (len > 0 && (err[len - 1] == '\n' || err[len - 1] == ' '))
            err[--len] = '\0';
    }
    rt_db_session_close(conn); /* NULL-safe; releases the advisory lock */
    migrate_list_free(&list);
    return rc;
}
