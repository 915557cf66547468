-- Idempotency keys (README, The API: Idempotency keys; runtime/rt_idempotency.c).
-- A request to an unsafe endpoint with an Idempotency-Key header claims the
-- key (caller, key) first thing in the endpoint's own transaction and
-- stores its answer in the same transaction before COMMIT, so a committed
-- write always has its stored answer and a rolled-back one (any 4xx or
-- 5xx) leaves no row. status is 0 only while the claiming transaction
-- runs (no other transaction ever sees such a row).

CREATE TABLE idempotency_keys (
    id           bigserial PRIMARY KEY,
    caller       text NOT NULL,        -- 'user:<uid>', or 'ip:<address>' on public endpoints
    key          text NOT NULL,        -- the header: 1..255 printable ASCII
    endpoint     text NOT NULL,        -- the spec's endpoint id, e.g. post_orders
    request_hash text NOT NULL,        -- hex sha256 of method, path and body
    status       integer NOT NULL DEFAULT 0,
    body         text,
    location     text,
    created_at   timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT idempotency_keys_caller_key_key UNIQUE (caller, key),
    CONSTRAINT idempotency_keys_key_check CHECK (key ~ '^[\x20-\x7e]{1,255}$')
);

-- The purge job (spec/jobs.api) deletes by age.
CREATE INDEX idempotency_keys_created_at_idx ON idempotency_keys (created_at);

-- Claims (p_caller, p_key) for the calling transaction, or says why not:
--   'claimed'     the row is ours (new, or an expired one taken over);
--   'replay'      a committed answer for the same endpoint and request:
--                 status, body and location are returned;
--   'reused'      the key was used for another endpoint or request;
--   'in_progress' another transaction holds the key (its request is still
--                 running) for longer than p_wait_ms.
-- A concurrent first request holds its uncommitted row: the INSERT waits
-- for that transaction (bounded by lock_timeout = p_wait_ms) and then
-- either sees its committed row or, after a rollback, inserts its own.
CREATE FUNCTION idempotency_claim(p_caller text, p_key text, p_endpoint text,
                                  p_request text, p_ttl_seconds integer, p_wait_ms integer)
RETURNS TABLE (state text, status integer, body text, location text)
LANGUAGE plpgsql AS $$
DECLARE
    v_hash text := encode(sha256(convert_to(p_request, 'UTF8')), 'hex');
    v_old_timeout text := current_setting('lock_timeout');
    v_claimed boolean := false;
    v_row idempotency_keys%ROWTYPE;
BEGIN
    PERFORM set_config('lock_timeout', p_wait_ms || 'ms', true);
    BEGIN
        INSERT INTO idempotency_keys AS k (caller, key, endpoint, request_hash)
        VALUES (p_caller, p_key, p_endpoint, v_hash)
        ON CONFLICT (caller, key) DO UPDATE
            SET endpoint = EXCLUDED.endpoint, request_hash = EXCLUDED.request_hash,
                status = 0, body = NULL, location = NULL, created_at = now()
            WHERE k.created_at <= now() - make_interval(secs => p_ttl_seconds)
        RETURNING true INTO v_claimed;
    EXCEPTION WHEN lock_not_available THEN
        PERFORM set_config('lock_timeout', v_old_timeout, true);
        RETURN QUERY SELECT 'in_progress'::text, NULL::integer, NULL::text, NULL::text;
        RETURN;
    END;
    PERFORM set_config('lock_timeout', v_old_timeout, true);
    IF coalesce(v_claimed, false) THEN
        RETURN QUERY SELECT 'claimed'::text, NULL::integer, NULL::text, NULL::text;
        RETURN;
    END IF;
    SELECT * INTO v_row FROM idempotency_keys k WHERE k.caller = p_caller AND k.key = p_key;
    IF NOT FOUND THEN -- purged between the two statements: the client tries again
        RETURN QUERY SELECT 'in_progress'::text, NULL::integer, NULL::text, NULL::text;
        RETURN;
    END IF;
    IF v_row.endpoint <> p_endpoint OR v_row.request_hash <> v_hash THEN
        RETURN QUERY SELECT 'reused'::text, NULL::integer, NULL::text, NULL::text;
        RETURN;
    END IF;
    RETURN QUERY SELECT 'replay'::text, v_row.status, v_row.body, v_row.location;
END
$$;
