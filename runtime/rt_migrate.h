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

/* Applies pending migrations from dir. *out_applied = number applied.
 * Returns 0, RT_EINVAL (changed or unreadable file; err says which),
 * RT_EUNAVAILABLE or RT_EDB (err has the file and PostgreSQL's message). */
int rt_migrate_run(const char *database_url, const char *dir, int *out_applied,
                   char *err, size_t err_len);

#endif /* RT_MIGRATE_H */
