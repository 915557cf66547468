/* generated from spec/runtime.sql by specc — do not edit. */
#ifndef API_RUNTIME_SQL_H
#define API_RUNTIME_SQL_H

#include "rt_api.h"

/* ClaimJob :one (spec/runtime.sql:6) */
extern const rt_query api_runtime__claim_job_query;

/* FinishJob :exec (spec/runtime.sql:35) */
extern const rt_query api_runtime__finish_job_query;

/* RetryJob :exec (spec/runtime.sql:39) */
extern const rt_query api_runtime__retry_job_query;

/* BuryJob :exec (spec/runtime.sql:46) */
extern const rt_query api_runtime__bury_job_query;

/* UnlockJob :one (spec/runtime.sql:51) */
extern const rt_query api_runtime__unlock_job_query;

/* UnlockAllJobs :exec (spec/runtime.sql:54) */
extern const rt_query api_runtime__unlock_all_jobs_query;

/* EnqueueJob :many (spec/runtime.sql:59) */
extern const rt_query api_runtime__enqueue_job_query;

/* SetActor :one (spec/runtime.sql:66) */
extern const rt_query api_runtime__set_actor_query;

/* JobQueueStats :one (spec/runtime.sql:70) */
extern const rt_query api_runtime__job_queue_stats_query;

/* ListJobs :many (spec/runtime.sql:77) */
extern const rt_query api_runtime__list_jobs_query;

/* RequeueJob :one (spec/runtime.sql:89) */
extern const rt_query api_runtime__requeue_job_query;

/* DiscardJob :one (spec/runtime.sql:96) */
extern const rt_query api_runtime__discard_job_query;

/* GetJobStatus :one (spec/runtime.sql:101) */
extern const rt_query api_runtime__get_job_status_query;

/* LockMigrations :exec (spec/runtime.sql:110) */
extern const rt_query api_runtime__lock_migrations_query;

/* CreateMigrationsTable :exec (spec/runtime.sql:115) */
extern const rt_query api_runtime__create_migrations_table_query;

/* MigrationChecksum :one (spec/runtime.sql:123) */
extern const rt_query api_runtime__migration_checksum_query;

/* MigrationsRecorded :one (spec/runtime.sql:127) */
extern const rt_query api_runtime__migrations_recorded_query;

/* ListAppliedMigrations :many (spec/runtime.sql:131) */
extern const rt_query api_runtime__list_applied_migrations_query;

/* RecordMigration :exec (spec/runtime.sql:134) */
extern const rt_query api_runtime__record_migration_query;

/* ClaimIdempotencyKey :one (spec/runtime.sql:142) */
extern const rt_query api_runtime__claim_idempotency_key_query;

/* StoreIdempotentResponse :exec (spec/runtime.sql:151) */
extern const rt_query api_runtime__store_idempotent_response_query;

/* PurgeIdempotencyKeys :many (spec/runtime.sql:158) */
extern const rt_query api_runtime__purge_idempotency_keys_query;

#endif /* API_RUNTIME_SQL_H */
