/*
 * rt_migrate.h - applies migrations/NNNN_name.sql in order.
 *
 * Each file runs in its own transaction together with its row in
 * schema_migrations (version, name, checksum, applied_at). Applied files are
 * skipped; an applied file whose checksum (SHA-256 of its bytes, via
 * pgcrypto-free SQL: sha256() of PostgreSQL 11+) changed is an error and
 * nothing runs. A session advisory lock serialises concurrent migrators.
 */
#ifndef RT_MIGRATE_H
#define RT_MIGRATE_H

#include <stddef.h>

/* Applies pending migrations from dir (every file not starting with '.'
 * must be named NNNN_words.sql). *out_applied = number applied (on error:
 * applied before it). Returns 0, RT_EINVAL (misnamed, changed or
 * unreadable file; err says which), RT_EUNAVAILABLE, RT_EDB (err has the
 * file, the line when PostgreSQL gives a position, and PostgreSQL's
 * message) or RT_ENOMEM. */
/* A generated script (a lifecycle guard): CREATE OR REPLACE-style SQL,
 * applied after the files whenever its text changed, recorded in
 * schema_migrations as version "R:<name>". */
typedef struct rt_migrate_script {
    const char *name;
    const char *sql;
} rt_migrate_script;

int rt_migrate_run(const char *database_url, const char *dir, const rt_migrate_script *scripts,
                   int script_count, int *out_applied, char *err, size_t err_len);

#endif /* RT_MIGRATE_H */
