-- Webhook subscriptions, their deliveries, and the worker's statements
-- (spec/webhooks.api; migrations/0012_webhooks.sql explains the outbox).

-- name: CreateWebhook :one
-- events: a JSON array of event type names (the spec allows the four, each
-- once; webhook_subscriptions_events_check holds it in the schema). The secret (shown once) is 64 hex digits from two v4 uuids
-- (PostgreSQL's strong random source).
INSERT INTO webhook_subscriptions (url, events, active, secret)
VALUES (@url, ARRAY(SELECT jsonb_array_elements_text(@events::jsonb)),
        @active,
        'whsec_' || replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''))
RETURNING uid, url, to_jsonb(events)::jsonb AS events, active, created_at, updated_at, secret;

-- name: ListWebhooks :page
SELECT w.uid, w.url, to_jsonb(w.events)::jsonb AS events, w.active, w.created_at, w.updated_at
FROM webhook_subscriptions w
WHERE w.deleted_at IS NULL
ORDER BY w.created_at DESC, w.id DESC

-- name: GetWebhook :one
SELECT w.uid, w.url, to_jsonb(w.events)::jsonb AS events, w.active, w.created_at, w.updated_at
FROM webhook_subscriptions w
WHERE w.uid = @uid AND w.deleted_at IS NULL;

-- name: UpdateWebhook :one
-- A partial update: a NULL argument leaves its column unchanged.
UPDATE webhook_subscriptions w
SET url = coalesce(@url::text, w.url),
    events = coalesce((SELECT array_agg(e) FROM jsonb_array_elements_text(@events::jsonb) e),
                      w.events),
    active = coalesce(@active::bool, w.active),
    updated_at = now()
WHERE w.uid = @uid AND w.deleted_at IS NULL
RETURNING w.uid, w.url, to_jsonb(w.events)::jsonb AS events, w.active, w.created_at, w.updated_at;

-- name: DeleteWebhook :one
-- Soft delete: its deliveries and attempts stay; nothing more is sent.
UPDATE webhook_subscriptions w SET deleted_at = now(), active = false, updated_at = now()
WHERE w.uid = @uid AND w.deleted_at IS NULL
RETURNING w.uid;

-- name: RotateWebhookSecret :one
-- The old secret stops signing at once (attempts already running keep it).
UPDATE webhook_subscriptions w
SET secret = 'whsec_' || replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''),
    updated_at = now()
WHERE w.uid = @uid AND w.deleted_at IS NULL
RETURNING w.uid, w.secret;

-- name: FindWebhook :one
SELECT w.id FROM webhook_subscriptions w WHERE w.uid = @uid AND w.deleted_at IS NULL;

-- name: ListWebhookDeliveries :page
-- Newest first, each with every attempt (oldest first).
SELECT d.id, e.uid AS event_id, e.type, d.seq AS sequence, d.status, d.attempts,
       d.next_attempt_at, d.last_error, d.delivered_at, d.created_at,
       coalesce((SELECT jsonb_agg(jsonb_build_object(
                     'attempt', a.attempt, 'status_code', a.status_code,
                     'duration_ms', a.duration_ms, 'error', a.error, 'at', a.created_at)
                     ORDER BY a.id)
                 FROM webhook_attempts a WHERE a.delivery_id = d.id), '[]')::jsonb AS history
FROM webhook_deliveries d JOIN webhook_events e ON e.id = d.event_id
WHERE d.subscription_id = @subscription_id
ORDER BY d.id DESC

-- name: FindWebhookDelivery :one
SELECT d.id, d.status
FROM webhook_deliveries d JOIN webhook_subscriptions w ON w.id = d.subscription_id
WHERE w.uid = @uid AND w.deleted_at IS NULL AND d.id = @delivery_id;

-- name: RetryWebhookDelivery :one
-- A dead (or delivered) delivery is sent again from its first attempt; a
-- pending one is already on its way (no row).
UPDATE webhook_deliveries d
SET status = 'pending', attempts = 0, next_attempt_at = now(), leased_until = NULL,
    last_error = NULL
WHERE d.id = @delivery_id AND d.status <> 'pending'
RETURNING d.id, d.status, d.attempts, d.next_attempt_at;

-- name: ClaimWebhookDelivery :one
-- The worker's claim: the oldest due delivery that is the first pending one
-- of its subscription (in order per subscription), not held by another
-- worker's lease. The lease (attempts + 1, leased_until) commits before the
-- HTTP request, so no other worker takes this attempt; a worker killed
-- mid-attempt leaves the lease to expire and the delivery is tried again.
UPDATE webhook_deliveries d
SET attempts = d.attempts + 1,
    leased_until = now() + @lease_ms::bigint * interval '1 millisecond'
FROM webhook_subscriptions s, webhook_events e
WHERE d.id = (
        SELECT c.id
        FROM webhook_deliveries c JOIN webhook_subscriptions cs ON cs.id = c.subscription_id
        WHERE c.status = 'pending' AND c.next_attempt_at <= now()
          AND (c.leased_until IS NULL OR c.leased_until < now())
          AND cs.deleted_at IS NULL AND cs.active
          AND NOT EXISTS (SELECT 1 FROM webhook_deliveries p
                          WHERE p.subscription_id = c.subscription_id AND p.seq < c.seq
                            AND p.status = 'pending')
        ORDER BY c.next_attempt_at, c.id
        LIMIT 1
        FOR UPDATE OF c SKIP LOCKED)
  AND s.id = d.subscription_id AND e.id = d.event_id
RETURNING d.id, d.attempts, s.url, s.secret, e.uid AS event_id, e.type, d.seq,
          jsonb_build_object('id', e.uid, 'type', e.type, 'created_at', e.created_at,
                             'sequence', d.seq, 'data', e.data)::text AS body;

-- name: FinishWebhookAttempt :one
-- Keeps the attempt and moves the delivery on: delivered; or, failed, due
-- again after base * 2^(attempt-1) ms (at most max), half of it random
-- (equal jitter), or dead after max_attempts. No row: the delivery was
-- retried or replayed meanwhile (its attempts restarted).
WITH kept AS (
    INSERT INTO webhook_attempts (delivery_id, attempt, status_code, duration_ms, error)
    VALUES (@delivery_id, @attempt, @status_code, @duration_ms, @error)
    RETURNING delivery_id, attempt
)
UPDATE webhook_deliveries d
SET status = CASE WHEN @delivered::bool THEN 'delivered'::webhook_delivery_status
                  WHEN d.attempts >= @max_attempts::int THEN 'dead'::webhook_delivery_status
                  ELSE 'pending'::webhook_delivery_status END,
    delivered_at = CASE WHEN @delivered::bool THEN now() ELSE d.delivered_at END,
    last_error = CASE WHEN @delivered::bool THEN NULL ELSE @error END,
    leased_until = NULL,
    next_attempt_at = CASE WHEN @delivered::bool THEN d.next_attempt_at
        ELSE now() + interval '1 millisecond' *
             (least(@backoff_max_ms::bigint::float8,
                    @backoff_base_ms::bigint::float8 * power(2::float8, d.attempts - 1))
              * (0.5 + random() / 2)) END
FROM kept k
WHERE d.id = k.delivery_id AND d.attempts = k.attempt AND d.status = 'pending'
RETURNING d.status;

-- name: ReplayWebhookDeliveries :one
-- orderd webhooks replay --since T: every delivery of an event since T that
-- is not on its way (delivered or dead) is sent again, in its order.
WITH replayed AS (
    UPDATE webhook_deliveries d
    SET status = 'pending', attempts = 0, next_attempt_at = now(), leased_until = NULL,
        last_error = NULL
    FROM webhook_events e
    WHERE e.id = d.event_id AND e.created_at >= @since::timestamptz AND d.status <> 'pending'
    RETURNING d.id
)
SELECT count(*) AS replayed FROM replayed;
