-- The runtime's own statements (runtime/rt_jobs.c, rt_enqueue.c,
-- rt_program.c, orderd jobs): named queries like every other, so `specc`
-- checks them against the schema and `make verify` prepares them. The
-- runtime finds them by name in the generated registry (rt_db_query).

-- name: ClaimJob :one
-- One job: queued and due, or running while nobody holds its advisory
-- lock (@lock_class, id) (its worker is gone). The row lock (SKIP LOCKED)
-- keeps two claimers apart; the advisory lock marks the job as ours for
-- as long as the claiming session lives. The lock is taken in a
-- MATERIALIZED CTE over the one candidate: as a join filter the planner
-- may evaluate it on every row of jobs, locking them all. The second key
-- is the id folded into int4 (ids past 2^31 - 1 share keys, harmlessly:
-- a shared key only delays).
WITH candidate AS (
    SELECT j.id FROM jobs j
    WHERE ((j.status = 'queued' AND j.run_at <= now()) OR j.status = 'running')
      AND NOT EXISTS (
          SELECT 1 FROM pg_locks l
          WHERE l.locktype = 'advisory'
            AND l.database = (SELECT d.oid FROM pg_database d WHERE d.datname = current_database())
            AND l.classid = @lock_class::int4::oid
            AND l.objid = ((j.id % 2147483647)::int4)::oid
            AND l.objsubid = 2)
    ORDER BY j.run_at, j.id
    LIMIT 1 FOR UPDATE SKIP LOCKED),
locked AS MATERIALIZED (
    SELECT c.id FROM candidate c
    WHERE pg_try_advisory_lock(@lock_class::int4, (c.id % 2147483647)::int4))
UPDATE jobs j SET status = 'running', attempts = j.attempts + 1, locked_by = @locked_by,
       updated_at = now()
FROM locked k WHERE j.id = k.id
RETURNING j.id, j.kind, j.payload::text AS payload, j.attempts, j.max_attempts, j.request_id;

-- name: FinishJob :exec
UPDATE jobs SET status = 'done', finished_at = now(), updated_at = now(), last_error = NULL
WHERE id = @id;

-- name: RetryJob :exec
-- A failed attempt runs again after 2^(attempts - 1) seconds, at most 300
-- (attempts counts this one: ClaimJob added it).
UPDATE jobs SET status = 'queued', last_error = @error, updated_at = now(),
       run_at = now() + make_interval(secs => least(power(2, greatest(attempts - 1, 0)), 300))
WHERE id = @id;

-- name: BuryJob :exec
-- A job out of attempts (or whose failure is permanent) is dead.
UPDATE jobs SET status = 'dead', last_error = @error, finished_at = now(), updated_at = now()
WHERE id = @id;

-- name: UnlockJob :one
SELECT pg_advisory_unlock(@lock_class::int4, (@id::bigint % 2147483647)::int4)::boolean AS unlocked;

-- name: UnlockAllJobs :exec
-- Between jobs a worker's session holds no job lock: drops any a failed
-- claim or bookkeeping statement left behind.
SELECT pg_advisory_unlock_all()::text AS unlocked;

-- name: EnqueueJob :many
-- The one statement that inserts jobs, for enqueue steps and schedules.
INSERT INTO jobs (kind, payload, max_attempts, unique_key, request_id)
VALUES (@kind, @payload::jsonb, @max_attempts::int, @unique_key, @request_id)
ON CONFLICT (unique_key) DO NOTHING
RETURNING id;

-- name: SetActor :one
-- Who is acting, for the lifecycle guard's history rows (transaction-local).
SELECT set_config('orderd.actor', @actor::text, true)::text AS actor;

-- name: JobQueueStats :one
-- Runnable jobs (queued and due) and how long the oldest has been due.
SELECT count(*) AS depth,
       coalesce(extract(epoch FROM now() - min(run_at)), 0)::numeric(18,3) AS oldest_age_seconds
FROM jobs
WHERE status = 'queued' AND run_at <= now();

-- name: ListJobs :many
-- orderd jobs list: the newest jobs, optionally of one status and kind.
SELECT id, kind, status, attempts, max_attempts,
       to_char(run_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')::text AS run_at,
       coalesce(request_id, '')::text AS request_id,
       coalesce(last_error, '')::text AS last_error
FROM jobs
WHERE (@status::job_status IS NULL OR status = @status::job_status)
  AND (@kind::text IS NULL OR kind = @kind::text)
ORDER BY id DESC
LIMIT @max_rows::int;

-- name: RequeueJob :one
-- orderd jobs retry: a queued or dead job runs again now, with its full attempts.
UPDATE jobs SET status = 'queued', attempts = 0, run_at = now(), last_error = NULL,
       finished_at = NULL, updated_at = now()
WHERE id = @id::bigint AND status IN ('queued', 'dead')
RETURNING id;

-- name: DiscardJob :one
-- orderd jobs discard: a queued or dead job is deleted.
DELETE FROM jobs WHERE id = @id::bigint AND status IN ('queued', 'dead')
RETURNING id;

-- name: GetJobStatus :one
SELECT status FROM jobs WHERE id = @id::bigint;

-- The migrator's bookkeeping (runtime/rt_migrate.c, orderd migrate). Its
-- table, schema_migrations, is made by CreateMigrationsTable before any
-- migration runs; specc learns its columns from that query (a query may
-- create a table the runtime makes itself, docs/spec-language.md,
-- "Queries").

-- name: LockMigrations :exec
-- One migrator at a time: a session advisory lock (its key is "orderdmg"
-- in ASCII), released when the migrator's session ends.
SELECT pg_advisory_lock(8030591472428674407)::text AS locked;

-- name: CreateMigrationsTable :exec
CREATE TABLE IF NOT EXISTS schema_migrations (
    version text PRIMARY KEY,
    name text NOT NULL,
    checksum text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
);

-- name: MigrationChecksum :one
-- A migration file's checksum: the hex SHA-256 of its bytes.
SELECT encode(sha256(convert_to(@text::text, 'UTF8')), 'hex')::text AS checksum;

-- name: MigrationsRecorded :one
-- Whether schema_migrations exists yet (--status and --dry-run only read).
SELECT (to_regclass('schema_migrations') IS NOT NULL)::boolean AS recorded;

-- name: ListAppliedMigrations :many
SELECT version, checksum, applied_at::text AS applied_at FROM schema_migrations;

-- name: RecordMigration :exec
-- In the migration's own transaction; a version recorded before (its file
-- renamed) takes the new name and checksum.
INSERT INTO schema_migrations (version, name, checksum)
VALUES (@version, @name, @checksum)
ON CONFLICT (version) DO UPDATE
SET name = EXCLUDED.name, checksum = EXCLUDED.checksum, applied_at = now();

-- name: ClaimIdempotencyKey :one
-- The first statement of a request with an Idempotency-Key, in the
-- endpoint's transaction (runtime/rt_idempotency.c): claims the key or
-- says why not (idempotency_claim, migrations/0010_idempotency_keys.sql).
SELECT c.state::text AS state, c.status::int AS status, c.body::text AS body,
       c.location::text AS location, c.etag::text AS etag
FROM idempotency_claim(@caller::text, @key::text, @endpoint::text, @request::text,
                       @ttl_seconds::int, @wait_ms::int) AS c(state, status, body, location, etag);

-- name: StoreIdempotentResponse :exec
-- The last statement before COMMIT: the answer a repeat replays, with
-- its Location and ETag headers (NULL when it had none).
UPDATE idempotency_keys
SET status = @status::int, body = @body, location = @location, etag = @etag
WHERE caller = @caller AND key = @key;

-- name: PurgeIdempotencyKeys :many
-- The purge_idempotency_keys job (spec/jobs.api): at most @batch keys
-- older than the TTL, oldest first (by idempotency_keys_created_at_idx),
-- so no statement holds a huge backlog in one long transaction. A row
-- (the count) only when the batch was full: more may be left, and the job
-- runs again. A key past its TTL that is still here is claimed anew by
-- idempotency_claim, so the purge is housekeeping.
WITH gone AS (
    DELETE FROM idempotency_keys
    WHERE id IN (SELECT k.id FROM idempotency_keys k
                 WHERE k.created_at <= now() - make_interval(secs => @ttl_seconds::int)
                 ORDER BY k.created_at
                 LIMIT @batch::int)
    RETURNING 1
)
SELECT count(*) AS purged FROM gone HAVING count(*) >= @batch::int;
