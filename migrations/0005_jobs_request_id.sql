-- The request that enqueued a job (its X-Request-ID), so the job's log
-- lines carry the same request_id as the request's (README, Operations:
-- Logs). NULL for jobs a schedule enqueued.

ALTER TABLE jobs ADD COLUMN request_id text;
