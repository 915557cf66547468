-- A replay carries the headers of the first answer that matter to its
-- client (README, The API: Idempotency keys): Location was stored already;
-- the ETag of an answer that has one (a PATCH /products/{uid}, an order
-- transition) is stored too, and idempotency_claim returns it with the
-- rest (its body is 0010's, with the etag column added).
ALTER TABLE idempotency_keys ADD COLUMN etag text;

DROP FUNCTION idempotency_claim(text, text, text, text, integer, integer);

CREATE FUNCTION idempotency_claim(p_caller text, p_key text, p_endpoint text,
                                  p_request text, p_ttl_seconds integer, p_wait_ms integer)
RETURNS TABLE (state text, status integer, body text, location text, etag text)
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
                status = 0, body = NULL, location = NULL, etag = NULL, created_at = now()
            WHERE k.created_at <= now() - make_interval(secs => p_ttl_seconds)
        RETURNING true INTO v_claimed;
    EXCEPTION WHEN lock_not_available THEN
        PERFORM set_config('lock_timeout', v_old_timeout, true);
        RETURN QUERY SELECT 'in_progress'::text, NULL::integer, NULL::text, NULL::text, NULL::text;
        RETURN;
    END;
    PERFORM set_config('lock_timeout', v_old_timeout, true);
    IF coalesce(v_claimed, false) THEN
        RETURN QUERY SELECT 'claimed'::text, NULL::integer, NULL::text, NULL::text, NULL::text;
        RETURN;
    END IF;
    SELECT * INTO v_row FROM idempotency_keys k WHERE k.caller = p_caller AND k.key = p_key;
    IF NOT FOUND THEN -- purged between the two statements: the client tries again
        RETURN QUERY SELECT 'in_progress'::text, NULL::integer, NULL::text, NULL::text, NULL::text;
        RETURN;
    END IF;
    IF v_row.endpoint <> p_endpoint OR v_row.request_hash <> v_hash THEN
        RETURN QUERY SELECT 'reused'::text, NULL::integer, NULL::text, NULL::text, NULL::text;
        RETURN;
    END IF;
    RETURN QUERY SELECT 'replay'::text, v_row.status, v_row.body, v_row.location, v_row.etag;
END
$$;
