/* generated from spec/runtime.sql by specc — do not edit. */
#include "runtime_sql.h"

/* ---- ClaimJob :one (spec/runtime.sql:6) */

/* spec/runtime.sql:6 */
static const char claim_job_sql[] =
    "WITH candidate AS (\n"
    "    SELECT j.id FROM jobs j\n"
    "    WHERE ((j.status = 'queued' AND j.run_at <= now()) OR j.status = 'running')\n"
    "      AND NOT EXISTS (\n"
    "          SELECT 1 FROM pg_locks l\n"
    "          WHERE l.locktype = 'advisory'\n"
    "            AND l.database = (SELECT d.oid FROM pg_database d WHERE d.datname = current_database())\n"
    "            AND l.classid = $1::int4::oid\n"
    "            AND l.objid = ((j.id % 2147483647)::int4)::oid\n"
    "            AND l.objsubid = 2)\n"
    "    ORDER BY j.run_at, j.id\n"
    "    LIMIT 1 FOR UPDATE SKIP LOCKED),\n"
    "locked AS MATERIALIZED (\n"
    "    SELECT c.id FROM candidate c\n"
    "    WHERE pg_try_advisory_lock($1::int4, (c.id % 2147483647)::int4))\n"
    "UPDATE jobs j SET status = 'running', attempts = j.attempts + 1, locked_by = $2,\n"
    "       updated_at = now()\n"
    "FROM locked k WHERE j.id = k.id\n"
    "RETURNING j.id, j.kind, j.payload::text AS payload, j.attempts, j.max_attempts, j.request_id";

static const rt_param claim_job_params[] = {
    {.name = "lock_class", .type = RT_TYPE_INT, .type_name = "int"},
    {.name = "locked_by", .type = RT_TYPE_TEXT, .type_name = "text"},
};

static const rt_column claim_job_columns[] = {
    {.name = "id", .type = RT_TYPE_BIGINT, .type_name = "bigint", .nullable = false},
    {.name = "kind", .type = RT_TYPE_TEXT, .type_name = "text", .nullable = false},
    {.name = "payload", .type = RT_TYPE_TEXT, .type_name = "text", .nullable = false},
    {.name = "attempts", .type = RT_TYPE_INT, .type_name = "int", .nullable = false},
    {.name = "max_attempts", .type = RT_TYPE_INT, .type_name = "int", .nullable = false},
    {.name = "request_id", .type = RT_TYPE_TEXT, .type_name = "text", .nullable = true},
};

const rt_query api_runtime__claim_job_query = {
    .id = 5,
    .name = "ClaimJob",
    .sql = claim_job_sql,
    .cardinality = RT_CARD_ONE,
    .params = claim_job_params,
    .param_count = 2,
    .columns = claim_job_columns,
    .column_count = 6,
    .parts = NULL,
    .part_count = 0,
    .orderings = NULL,
    .ordering_count = 0,
    .spec_file = "spec/runtime.sql",
    .spec_line = 6,
};

/* ---- FinishJob :exec (spec/runtime.sql:35) */

/* spec/runtime.sql:35 */
static const char finish_job_sql[] =
    "UPDATE jobs SET status = 'done', finished_at = now(), updated_at = now(), last_error = NULL\n"
    "WHERE id = $1";

static const rt_param finish_job_params[] = {
    {.name = "id", .type = RT_TYPE_BIGINT, .type_name = "bigint"},
};

const rt_query api_runtime__finish_job_query = {
    .id = 25,
    .name = "FinishJob",
    .sql = finish_job_sql,
    .cardinality = RT_CARD_EXEC,
    .params = finish_job_params,
    .param_count = 1,
    .columns = NULL,
    .column_count = 0,
    .parts = NULL,
    .part_count = 0,
    .orderings = NULL,
    .ordering_count = 0,
    .spec_file = "spec/runtime.sql",
    .spec_line = 35,
};

/* ---- RetryJob :exec (spec/runtime.sql:39) */

/* spec/runtime.sql:39 */
static const char retry_job_sql[] =
    "UPDATE jobs SET status = 'queued', last_error = $1, updated_at = now(),\n"
    "       run_at = now() + make_interval(secs => least(power(2, greatest(attempts - 1, 0)), 300))\n"
    "WHERE id = $2";

static const rt_param retry_job_params[] = {
    {.name = "error", .type = RT_TYPE_TEXT, .type_name = "text"},
    {.name = "id", .type = RT_TYPE_BIGINT, .type_name = "bigint"},
};

const rt_query api_runtime__retry_job_query = {
    .id = 58,
    .name = "RetryJob",
    .sql = retry_job_sql,
    .cardinality = RT_CARD_EXEC,
    .params = retry_job_params,
    .param_count = 2,
    .columns = NULL,
    .column_count = 0,
    .parts = NULL,
    .part_count = 0,
    .orderings = NULL,
    .ordering_count = 0,
    .spec_file = "spec/runtime.sql",
    .spec_line = 39,
};

/* ---- BuryJob :exec (spec/runtime.sql:46) */

/* spec/runtime.sql:46 */
static const char bury_job_sql[] =
    "UPDATE jobs SET status = 'dead', last_error = $1, finished_at = now(), updated_at = now()\n"
    "WHERE id = $2";

static const rt_param bury_job_params[] = {
    {.name = "error", .type = RT_TYPE_TEXT, .type_name = "text"},
    {.name = "id", .type = RT_TYPE_BIGINT, .type_name = "bigint"},
};

const rt_query api_runtime__bury_job_query = {
    .id = 2,
    .name = "BuryJob",
    .sql = bury_job_sql,
    .cardinality = RT_CARD_EXEC,
    .params = bury_job_params,
    .param_count = 2,
    .columns = NULL,
    .column_count = 0,
    .parts = NULL,
    .part_count = 0,
    .orderings = NULL,
    .ordering_count = 0,
    .spec_file = "spec/runtime.sql",
    .spec_line = 46,
};

/* ---- UnlockJob :one (spec/runtime.sql:51) */

/* spec/runtime.sql:51 */
static const char unlock_job_sql[] =
    "SELECT pg_advisory_unlock($1::int4, ($2::bigint % 2147483647)::int4)::boolean AS unlocked";

static const rt_param unlock_job_params[] = {
    {.name = "lock_class", .type = RT_TYPE_INT, .type_name = "int"},
    {.name = "id", .type = RT_TYPE_BIGINT, .type_name = "bigint"},
};

static const rt_column unlock_job_columns[] = {
    {.name = "unlocked", .type = RT_TYPE_BOOL, .type_name = "bool", .nullable = true},
};

const rt_query api_runtime__unlock_job_query = {
    .id = 72,
    .name = "UnlockJob",
    .sql = unlock_job_sql,
    .cardinality = RT_CARD_ONE,
    .params = unlock_job_params,
    .param_count = 2,
    .columns = unlock_job_columns,
    .column_count = 1,
    .parts = NULL,
    .part_count = 0,
    .orderings = NULL,
    .ordering_count = 0,
    .spec_file = "spec/runtime.sql",
    .spec_line = 51,
};

/* ---- UnlockAllJobs :exec (spec/runtime.sql:54) */

/* spec/runtime.sql:54 */
static const char unlock_all_jobs_sql[] =
    "SELECT pg_advisory_unlock_all()::text AS unlocked";

static const rt_column unlock_all_jobs_columns[] = {
    {.name = "unlocked", .type = RT_TYPE_TEXT, .type_name = "text", .nullable = true},
};

const rt_query api_runtime__unlock_all_jobs_query = {
    .id = 71,
    .name = "UnlockAllJobs",
    .sql = unlock_all_jobs_sql,
    .cardinality = RT_CARD_EXEC,
    .params = NULL,
    .param_count = 0,
    .columns = unlock_all_jobs_columns,
    .column_count = 1,
    .parts = NULL,
    .part_count = 0,
    .orderings = NULL,
    .ordering_count = 0,
    .spec_file = "spec/runtime.sql",
    .spec_line = 54,
};

/* ---- EnqueueJob :many (spec/runtime.sql:59) */

/* spec/runtime.sql:59 */
static const char enqueue_job_sql[] =
    "INSERT INTO jobs (kind, payload, max_attempts, unique_key, request_id)\n"
    "VALUES ($1, $2::jsonb, $3::int, $4, $5)\n"
    "ON CONFLICT (unique_key) DO NOTHING\n"
    "RETURNING id";

static const rt_param enqueue_job_params[] = {
    {.name = "kind", .type = RT_TYPE_TEXT, .type_name = "text"},
    {.name = "payload", .type = RT_TYPE_JSON, .type_name = "jsonb"},
    {.name = "max_attempts", .type = RT_TYPE_INT, .type_name = "int"},
    {.name = "unique_key", .type = RT_TYPE_TEXT, .type_name = "text"},
    {.name = "request_id", .type = RT_TYPE_TEXT, .type_name = "text"},
};

static const rt_column enqueue_job_columns[] = {
    {.name = "id", .type = RT_TYPE_BIGINT, .type_name = "bigint", .nullable = false},
};

const rt_query api_runtime__enqueue_job_query = {
    .id = 20,
    .name = "EnqueueJob",
    .sql = enqueue_job_sql,
    .cardinality = RT_CARD_MANY,
    .params = enqueue_job_params,
    .param_count = 5,
    .columns = enqueue_job_columns,
    .column_count = 1,
    .parts = NULL,
    .part_count = 0,
    .orderings = NULL,
    .ordering_count = 0,
    .spec_file = "spec/runtime.sql",
    .spec_line = 59,
};

/* ---- SetActor :one (spec/runtime.sql:66) */

/* spec/runtime.sql:66 */
static const char set_actor_sql[] =
    "SELECT set_config('orderd.actor', $1::text, true)::text AS actor";

static const rt_param set_actor_params[] = {
    {.name = "actor", .type = RT_TYPE_TEXT, .type_name = "text"},
};

static const rt_column set_actor_columns[] = {
    {.name = "actor", .type = RT_TYPE_TEXT, .type_name = "text", .nullable = true},
};

const rt_query api_runtime__set_actor_query = {
    .id = 65,
    .name = "SetActor",
    .sql = set_actor_sql,
    .cardinality = RT_CARD_ONE,
    .params = set_actor_params,
    .param_count = 1,
    .columns = set_actor_columns,
    .column_count = 1,
    .parts = NULL,
    .part_count = 0,
    .orderings = NULL,
    .ordering_count = 0,
    .spec_file = "spec/runtime.sql",
    .spec_line = 66,
};

/* ---- JobQueueStats :one (spec/runtime.sql:70) */

/* spec/runtime.sql:70 */
static const char job_queue_stats_sql[] =
    "SELECT count(*) AS depth,\n"
    "       coalesce(extract(epoch FROM now() - min(run_at)), 0)::numeric(18,3) AS oldest_age_seconds\n"
    "FROM jobs\n"
    "WHERE status = 'queued' AND run_at <= now()";

static const rt_column job_queue_stats_columns[] = {
    {.name = "depth", .type = RT_TYPE_BIGINT, .type_name = "bigint", .nullable = false},
    {.name = "oldest_age_seconds", .type = RT_TYPE_NUMERIC, .type_name = "numeric(18,3)",
     .nullable = false},
};

const rt_query api_runtime__job_queue_stats_query = {
    .id = 32,
    .name = "JobQueueStats",
    .sql = job_queue_stats_sql,
    .cardinality = RT_CARD_ONE,
    .params = NULL,
    .param_count = 0,
    .columns = job_queue_stats_columns,
    .column_count = 2,
    .parts = NULL,
    .part_count = 0,
    .orderings = NULL,
    .ordering_count = 0,
    .reads_only = true,
    .spec_file = "spec/runtime.sql",
    .spec_line = 70,
};

/* ---- ListJobs :many (spec/runtime.sql:77) */

/* spec/runtime.sql:77 */
static const char list_jobs_sql[] =
    "SELECT id, kind, status, attempts, max_attempts,\n"
    "       to_char(run_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')::text AS run_at,\n"
    "       coalesce(request_id, '')::text AS request_id,\n"
    "       coalesce(last_error, '')::text AS last_error\n"
    "FROM jobs\n"
    "WHERE ($1::job_status IS NULL OR status = $1::job_status)\n"
    "  AND ($2::text IS NULL OR kind = $2::text)\n"
    "ORDER BY id DESC\n"
    "LIMIT $3::int";

static const rt_param list_jobs_params[] = {
    {.name = "status", .type = RT_TYPE_ENUM, .type_name = "job_status"},
    {.name = "kind", .type = RT_TYPE_TEXT, .type_name = "text"},
    {.name = "max_rows", .type = RT_TYPE_INT, .type_name = "int"},
};

static const rt_column list_jobs_columns[] = {
    {.name = "id", .type = RT_TYPE_BIGINT, .type_name = "bigint", .nullable = false},
    {.name = "kind", .type = RT_TYPE_TEXT, .type_name = "text", .nullable = false},
    {.name = "status", .type = RT_TYPE_ENUM, .type_name = "job_status", .nullable = false},
    {.name = "attempts", .type = RT_TYPE_INT, .type_name = "int", .nullable = false},
    {.name = "max_attempts", .type = RT_TYPE_INT, .type_name = "int", .nullable = false},
    {.name = "run_at", .type = RT_TYPE_TEXT, .type_name = "text", .nullable = true},
    {.name = "request_id", .type = RT_TYPE_TEXT, .type_name = "text", .nullable = false},
    {.name = "last_error", .type = RT_TYPE_TEXT, .type_name = "text", .nullable = false},
};

const rt_query api_runtime__list_jobs_query = {
    .id = 34,
    .name = "ListJobs",
    .sql = list_jobs_sql,
    .cardinality = RT_CARD_MANY,
    .params = list_jobs_params,
    .param_count = 3,
    .columns = list_jobs_columns,
    .column_count = 8,
    .parts = NULL,
    .part_count = 0,
    .orderings = NULL,
    .ordering_count = 0,
    .reads_only = true,
    .spec_file = "spec/runtime.sql",
    .spec_line = 77,
};

/* ---- RequeueJob :one (spec/runtime.sql:89) */

/* spec/runtime.sql:89 */
static const char requeue_job_sql[] =
    "UPDATE jobs SET status = 'queued', attempts = 0, run_at = now(), last_error = NULL,\n"
    "       finished_at = NULL, updated_at = now()\n"
    "WHERE id = $1::bigint AND status IN ('queued', 'dead')\n"
    "RETURNING id";

static const rt_param requeue_job_params[] = {
    {.name = "id", .type = RT_TYPE_BIGINT, .type_name = "bigint"},
};

static const rt_column requeue_job_columns[] = {
    {.name = "id", .type = RT_TYPE_BIGINT, .type_name = "bigint", .nullable = false},
};

const rt_query api_runtime__requeue_job_query = {
    .id = 57,
    .name = "RequeueJob",
    .sql = requeue_job_sql,
    .cardinality = RT_CARD_ONE,
    .params = requeue_job_params,
    .param_count = 1,
    .columns = requeue_job_columns,
    .column_count = 1,
    .parts = NULL,
    .part_count = 0,
    .orderings = NULL,
    .ordering_count = 0,
    .spec_file = "spec/runtime.sql",
    .spec_line = 89,
};

/* ---- DiscardJob :one (spec/runtime.sql:96) */

/* spec/runtime.sql:96 */
static const char discard_job_sql[] =
    "DELETE FROM jobs WHERE id = $1::bigint AND status IN ('queued', 'dead')\n"
    "RETURNING id";

static const rt_param discard_job_params[] = {
    {.name = "id", .type = RT_TYPE_BIGINT, .type_name = "bigint"},
};

static const rt_column discard_job_columns[] = {
    {.name = "id", .type = RT_TYPE_BIGINT, .type_name = "bigint", .nullable = false},
};

const rt_query api_runtime__discard_job_query = {
    .id = 19,
    .name = "DiscardJob",
    .sql = discard_job_sql,
    .cardinality = RT_CARD_ONE,
    .params = discard_job_params,
    .param_count = 1,
    .columns = discard_job_columns,
    .column_count = 1,
    .parts = NULL,
    .part_count = 0,
    .orderings = NULL,
    .ordering_count = 0,
    .spec_file = "spec/runtime.sql",
    .spec_line = 96,
};

/* ---- GetJobStatus :one (spec/runtime.sql:101) */

/* spec/runtime.sql:101 */
static const char get_job_status_sql[] =
    "SELECT status FROM jobs WHERE id = $1::bigint";

static const rt_param get_job_status_params[] = {
    {.name = "id", .type = RT_TYPE_BIGINT, .type_name = "bigint"},
};

static const rt_column get_job_status_columns[] = {
    {.name = "status", .type = RT_TYPE_ENUM, .type_name = "job_status", .nullable = false},
};

const rt_query api_runtime__get_job_status_query = {
    .id = 27,
    .name = "GetJobStatus",
    .sql = get_job_status_sql,
    .cardinality = RT_CARD_ONE,
    .params = get_job_status_params,
    .param_count = 1,
    .columns = get_job_status_columns,
    .column_count = 1,
    .parts = NULL,
    .part_count = 0,
    .orderings = NULL,
    .ordering_count = 0,
    .reads_only = true,
    .spec_file = "spec/runtime.sql",
    .spec_line = 101,
};

/* ---- LockMigrations :exec (spec/runtime.sql:110) */

/* spec/runtime.sql:110 */
static const char lock_migrations_sql[] =
    "SELECT pg_advisory_lock(8030591472428674407)::text AS locked";

static const rt_column lock_migrations_columns[] = {
    {.name = "locked", .type = RT_TYPE_TEXT, .type_name = "text", .nullable = true},
};

const rt_query api_runtime__lock_migrations_query = {
    .id = 43,
    .name = "LockMigrations",
    .sql = lock_migrations_sql,
    .cardinality = RT_CARD_EXEC,
    .params = NULL,
    .param_count = 0,
    .columns = lock_migrations_columns,
    .column_count = 1,
    .parts = NULL,
    .part_count = 0,
    .orderings = NULL,
    .ordering_count = 0,
    .spec_file = "spec/runtime.sql",
    .spec_line = 110,
};

/* ---- CreateMigrationsTable :exec (spec/runtime.sql:115) */

/* spec/runtime.sql:115 */
static const char create_migrations_table_sql[] =
    "CREATE TABLE IF NOT EXISTS schema_migrations (\n"
    "    version text PRIMARY KEY,\n"
    "    name text NOT NULL,\n"
    "    checksum text NOT NULL,\n"
    "    applied_at timestamptz NOT NULL DEFAULT now()\n"
    ")";

const rt_query api_runtime__create_migrations_table_query = {
    .id = 11,
    .name = "CreateMigrationsTable",
    .sql = create_migrations_table_sql,
    .cardinality = RT_CARD_EXEC,
    .params = NULL,
    .param_count = 0,
    .columns = NULL,
    .column_count = 0,
    .parts = NULL,
    .part_count = 0,
    .orderings = NULL,
    .ordering_count = 0,
    .spec_file = "spec/runtime.sql",
    .spec_line = 115,
};

/* ---- MigrationChecksum :one (spec/runtime.sql:123) */

/* spec/runtime.sql:123 */
static const char migration_checksum_sql[] =
    "SELECT encode(sha256(convert_to($1::text, 'UTF8')), 'hex')::text AS checksum";

static const rt_param migration_checksum_params[] = {
    {.name = "text", .type = RT_TYPE_TEXT, .type_name = "text"},
};

static const rt_column migration_checksum_columns[] = {
    {.name = "checksum", .type = RT_TYPE_TEXT, .type_name = "text", .nullable = true},
};

const rt_query api_runtime__migration_checksum_query = {
    .id = 47,
    .name = "MigrationChecksum",
    .sql = migration_checksum_sql,
    .cardinality = RT_CARD_ONE,
    .params = migration_checksum_params,
    .param_count = 1,
    .columns = migration_checksum_columns,
    .column_count = 1,
    .parts = NULL,
    .part_count = 0,
    .orderings = NULL,
    .ordering_count = 0,
    .reads_only = true,
    .spec_file = "spec/runtime.sql",
    .spec_line = 123,
};

/* ---- MigrationsRecorded :one (spec/runtime.sql:127) */

/* spec/runtime.sql:127 */
static const char migrations_recorded_sql[] =
    "SELECT (to_regclass('schema_migrations') IS NOT NULL)::boolean AS recorded";

static const rt_column migrations_recorded_columns[] = {
    {.name = "recorded", .type = RT_TYPE_BOOL, .type_name = "bool", .nullable = true},
};

const rt_query api_runtime__migrations_recorded_query = {
    .id = 48,
    .name = "MigrationsRecorded",
    .sql = migrations_recorded_sql,
    .cardinality = RT_CARD_ONE,
    .params = NULL,
    .param_count = 0,
    .columns = migrations_recorded_columns,
    .column_count = 1,
    .parts = NULL,
    .part_count = 0,
    .orderings = NULL,
    .ordering_count = 0,
    .reads_only = true,
    .spec_file = "spec/runtime.sql",
    .spec_line = 127,
};

/* ---- ListAppliedMigrations :many (spec/runtime.sql:131) */

/* spec/runtime.sql:131 */
static const char list_applied_migrations_sql[] =
    "SELECT version, checksum, applied_at::text AS applied_at FROM schema_migrations";

static const rt_column list_applied_migrations_columns[] = {
    {.name = "version", .type = RT_TYPE_TEXT, .type_name = "text", .nullable = false},
    {.name = "checksum", .type = RT_TYPE_TEXT, .type_name = "text", .nullable = false},
    {.name = "applied_at", .type = RT_TYPE_TEXT, .type_name = "text", .nullable = false},
};

const rt_query api_runtime__list_applied_migrations_query = {
    .id = 33,
    .name = "ListAppliedMigrations",
    .sql = list_applied_migrations_sql,
    .cardinality = RT_CARD_MANY,
    .params = NULL,
    .param_count = 0,
    .columns = list_applied_migrations_columns,
    .column_count = 3,
    .parts = NULL,
    .part_count = 0,
    .orderings = NULL,
    .ordering_count = 0,
    .reads_only = true,
    .spec_file = "spec/runtime.sql",
    .spec_line = 131,
};

/* ---- RecordMigration :exec (spec/runtime.sql:134) */

/* spec/runtime.sql:134 */
static const char record_migration_sql[] =
    "INSERT INTO schema_migrations (version, name, checksum)\n"
    "VALUES ($1, $2, $3)\n"
    "ON CONFLICT (version) DO UPDATE\n"
    "SET name = EXCLUDED.name, checksum = EXCLUDED.checksum, applied_at = now()";

static const rt_param record_migration_params[] = {
    {.name = "version", .type = RT_TYPE_TEXT, .type_name = "text"},
    {.name = "name", .type = RT_TYPE_TEXT, .type_name = "text"},
    {.name = "checksum", .type = RT_TYPE_TEXT, .type_name = "text"},
};

const rt_query api_runtime__record_migration_query = {
    .id = 54,
    .name = "RecordMigration",
    .sql = record_migration_sql,
    .cardinality = RT_CARD_EXEC,
    .params = record_migration_params,
    .param_count = 3,
    .columns = NULL,
    .column_count = 0,
    .parts = NULL,
    .part_count = 0,
    .orderings = NULL,
    .ordering_count = 0,
    .spec_file = "spec/runtime.sql",
    .spec_line = 134,
};

/* ---- ClaimIdempotencyKey :one (spec/runtime.sql:142) */

/* spec/runtime.sql:142 */
static const char claim_idempotency_key_sql[] =
    "SELECT c.state::text AS state, c.status::int AS status, c.body::text AS body,\n"
    "       c.location::text AS location, c.etag::text AS etag\n"
    "FROM idempotency_claim($1::text, $2::text, $3::text, $4::text,\n"
    "                       $5::int, $6::int) AS c(state, status, body, location, etag)";

static const rt_param claim_idempotency_key_params[] = {
    {.name = "caller", .type = RT_TYPE_TEXT, .type_name = "text"},
    {.name = "key", .type = RT_TYPE_TEXT, .type_name = "text"},
    {.name = "endpoint", .type = RT_TYPE_TEXT, .type_name = "text"},
    {.name = "request", .type = RT_TYPE_TEXT, .type_name = "text"},
    {.name = "ttl_seconds", .type = RT_TYPE_INT, .type_name = "int"},
    {.name = "wait_ms", .type = RT_TYPE_INT, .type_name = "int"},
};

static const rt_column claim_idempotency_key_columns[] = {
    {.name = "state", .type = RT_TYPE_TEXT, .type_name = "text", .nullable = true},
    {.name = "status", .type = RT_TYPE_INT, .type_name = "int", .nullable = true},
    {.name = "body", .type = RT_TYPE_TEXT, .type_name = "text", .nullable = true},
    {.name = "location", .type = RT_TYPE_TEXT, .type_name = "text", .nullable = true},
    {.name = "etag", .type = RT_TYPE_TEXT, .type_name = "text", .nullable = true},
};

const rt_query api_runtime__claim_idempotency_key_query = {
    .id = 4,
    .name = "ClaimIdempotencyKey",
    .sql = claim_idempotency_key_sql,
    .cardinality = RT_CARD_ONE,
    .params = claim_idempotency_key_params,
    .param_count = 6,
    .columns = claim_idempotency_key_columns,
    .column_count = 5,
    .parts = NULL,
    .part_count = 0,
    .orderings = NULL,
    .ordering_count = 0,
    .spec_file = "spec/runtime.sql",
    .spec_line = 142,
};

/* ---- StoreIdempotentResponse :exec (spec/runtime.sql:151) */

/* spec/runtime.sql:151 */
static const char store_idempotent_response_sql[] =
    "UPDATE idempotency_keys\n"
    "SET status = $1::int, body = $2, location = $3, etag = $4\n"
    "WHERE caller = $5 AND key = $6";

static const rt_param store_idempotent_response_params[] = {
    {.name = "status", .type = RT_TYPE_INT, .type_name = "int"},
    {.name = "body", .type = RT_TYPE_TEXT, .type_name = "text"},
    {.name = "location", .type = RT_TYPE_TEXT, .type_name = "text"},
    {.name = "etag", .type = RT_TYPE_TEXT, .type_name = "text"},
    {.name = "caller", .type = RT_TYPE_TEXT, .type_name = "text"},
    {.name = "key", .type = RT_TYPE_TEXT, .type_name = "text"},
};

const rt_query api_runtime__store_idempotent_response_query = {
    .id = 69,
    .name = "StoreIdempotentResponse",
    .sql = store_idempotent_response_sql,
    .cardinality = RT_CARD_EXEC,
    .params = store_idempotent_response_params,
    .param_count = 6,
    .columns = NULL,
    .column_count = 0,
    .parts = NULL,
    .part_count = 0,
    .orderings = NULL,
    .ordering_count = 0,
    .spec_file = "spec/runtime.sql",
    .spec_line = 151,
};

/* ---- PurgeIdempotencyKeys :many (spec/runtime.sql:158) */

/* spec/runtime.sql:158 */
static const char purge_idempotency_keys_sql[] =
    "WITH gone AS (\n"
    "    DELETE FROM idempotency_keys\n"
    "    WHERE id IN (SELECT k.id FROM idempotency_keys k\n"
    "                 WHERE k.created_at <= now() - make_interval(secs => $1::int)\n"
    "                 ORDER BY k.created_at\n"
    "                 LIMIT $2::int)\n"
    "    RETURNING 1\n"
    ")\n"
    "SELECT count(*) AS purged FROM gone HAVING count(*) >= $2::int";

static const rt_param purge_idempotency_keys_params[] = {
    {.name = "ttl_seconds", .type = RT_TYPE_INT, .type_name = "int"},
    {.name = "batch", .type = RT_TYPE_INT, .type_name = "int"},
};

static const rt_column purge_idempotency_keys_columns[] = {
    {.name = "purged", .type = RT_TYPE_BIGINT, .type_name = "bigint", .nullable = false},
};

const rt_query api_runtime__purge_idempotency_keys_query = {
    .id = 52,
    .name = "PurgeIdempotencyKeys",
    .sql = purge_idempotency_keys_sql,
    .cardinality = RT_CARD_MANY,
    .params = purge_idempotency_keys_params,
    .param_count = 2,
    .columns = purge_idempotency_keys_columns,
    .column_count = 1,
    .parts = NULL,
    .part_count = 0,
    .orderings = NULL,
    .ordering_count = 0,
    .spec_file = "spec/runtime.sql",
    .spec_line = 158,
};
