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
#include <stdio.h>

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

/* What rt_migrate_plan prints: every file and guard with its state
 * (applied, pending, changed since applied), checksum and applied time;
 * or, for a dry run, only what migrate would apply. */
typedef enum rt_migrate_mode { RT_MIGRATE_STATUS = 0, RT_MIGRATE_DRY_RUN } rt_migrate_mode;

/* Compares dir and the scripts with schema_migrations and prints the plan
 * to out, changing nothing (no lock, no table created). Returns 0, or the
 * errors of rt_migrate_run; a dry run with a changed file is RT_EINVAL
 * (migrate would refuse), a status lists it as "changed" and returns 0. */
int rt_migrate_plan(const char *database_url, const char *dir, const rt_migrate_script *scripts,
                    int script_count, rt_migrate_mode mode, FILE *out, char *err, size_t err_len);

#endif /* RT_MIGRATE_H */
