-- Signed webhooks from a transactional outbox (README, Webhooks).
--
-- Events are rows of webhook_events, written by the triggers below in the
-- same transaction as the change that causes them: a rolled-back change
-- never emits, a committed one always has. Each event is fanned out at
-- write time into one webhook_deliveries row per active subscription that
-- wants its type, numbered by a per-subscription sequence (taken under the
-- subscription's row lock, so sequence order is commit order). Workers
-- (`orderd worker`) deliver them in sequence order per subscription and
-- keep every attempt in webhook_attempts.

CREATE TABLE webhook_subscriptions (
    id          bigserial PRIMARY KEY,
    uid         uuid NOT NULL DEFAULT gen_random_uuid(),
    url         text NOT NULL,
    -- the event types it receives: a subset of the four below
    events      text[] NOT NULL,
    active      boolean NOT NULL DEFAULT true,
    -- the HMAC-SHA256 key: needed to sign, so it is stored; shown once by
    -- the API (at creation and rotation)
    secret      text NOT NULL,
    next_seq    bigint NOT NULL DEFAULT 1,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    deleted_at  timestamptz,
    CONSTRAINT webhook_subscriptions_uid_key UNIQUE (uid),
    CONSTRAINT webhook_subscriptions_url_check CHECK (url ~ '^https?://[^/?#@\s]+(/\S*)?$'),
    CONSTRAINT webhook_subscriptions_events_check CHECK (
        cardinality(events) >= 1 AND
        events <@ ARRAY['order.created', 'order.status_changed', 'product.low_stock',
                        'inventory.adjusted'])
);

CREATE TABLE webhook_events (
    id          bigserial PRIMARY KEY,
    uid         uuid NOT NULL DEFAULT gen_random_uuid(),
    type        text NOT NULL,
    data        jsonb NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT webhook_events_uid_key UNIQUE (uid)
);

CREATE INDEX webhook_events_created_idx ON webhook_events (created_at);

CREATE TYPE webhook_delivery_status AS ENUM ('pending', 'delivered', 'dead');

CREATE TABLE webhook_deliveries (
    id              bigserial PRIMARY KEY,
    subscription_id bigint NOT NULL REFERENCES webhook_subscriptions (id),
    event_id        bigint NOT NULL REFERENCES webhook_events (id),
    seq             bigint NOT NULL,
    status          webhook_delivery_status NOT NULL DEFAULT 'pending',
    attempts        integer NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    -- a worker holds the delivery until then while its attempt runs; a
    -- killed worker's delivery is taken again after it (at least once)
    leased_until    timestamptz,
    last_error      text,
    delivered_at    timestamptz,
    created_at      timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT webhook_deliveries_seq_key UNIQUE (subscription_id, seq)
);

CREATE INDEX webhook_deliveries_pending_idx ON webhook_deliveries (next_attempt_at, id)
    WHERE status = 'pending';

CREATE TABLE webhook_attempts (
    id           bigserial PRIMARY KEY,
    delivery_id  bigint NOT NULL REFERENCES webhook_deliveries (id),
    attempt      integer NOT NULL,
    status_code  integer,
    duration_ms  integer NOT NULL,
    error        text,
    created_at   timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX webhook_attempts_delivery_idx ON webhook_attempts (delivery_id, id);

-- One event, fanned out to every live, active subscription that wants its
-- type; not written at all when none does (a subscription receives the
-- events that happen while it is active). The UPDATE takes each subscription's row lock until commit, so two
-- transactions emitting to one subscription get sequence numbers in their
-- commit order.
CREATE FUNCTION webhook_emit(p_type text, p_data jsonb) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    v_event bigint;
BEGIN
    -- nobody listens: nothing to write, and no lock taken
    IF NOT EXISTS (SELECT 1 FROM webhook_subscriptions s
                   WHERE s.deleted_at IS NULL AND s.active AND p_type = ANY (s.events)) THEN
        RETURN;
    END IF;
    INSERT INTO webhook_events (type, data) VALUES (p_type, p_data) RETURNING id INTO v_event;
    WITH numbered AS (
        UPDATE webhook_subscriptions s SET next_seq = s.next_seq + 1
        WHERE s.deleted_at IS NULL AND s.active AND p_type = ANY (s.events)
        RETURNING s.id, s.next_seq - 1 AS seq
    )
    INSERT INTO webhook_deliveries (subscription_id, event_id, seq)
    SELECT n.id, v_event, n.seq FROM numbered n;
END
$$;

-- order.created: every new order, whatever inserts it.
CREATE FUNCTION webhook_order_created() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM webhook_emit('order.created', jsonb_build_object(
        'order', NEW.uid,
        'user', (SELECT u.uid FROM users u WHERE u.id = NEW.user_id),
        'status', NEW.status,
        'amount', NEW.amount::text,
        'created_at', NEW.created_at));
    RETURN NULL;
END
$$;

CREATE TRIGGER orders_webhook_created
    AFTER INSERT ON orders
    FOR EACH ROW EXECUTE FUNCTION webhook_order_created();

-- order.status_changed: every history row of a change (the lifecycle guard
-- writes one per transition, whatever path makes it).
CREATE FUNCTION webhook_order_status_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.from_status IS NOT NULL THEN
        PERFORM webhook_emit('order.status_changed', jsonb_build_object(
            'order', (SELECT o.uid FROM orders o WHERE o.id = NEW.order_id),
            'from', NEW.from_status,
            'to', NEW.to_status,
            'actor', NEW.actor,
            'reason', NEW.reason,
            'at', NEW.created_at));
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER order_status_history_webhook
    AFTER INSERT ON order_status_history
    FOR EACH ROW EXECUTE FUNCTION webhook_order_status_changed();

-- inventory.adjusted for every ledger row, and product.low_stock when that
-- movement takes the stock from above the threshold to at or below it.
-- Runs after inventory_movements_apply (triggers fire in name order), so
-- the product's stock already includes the delta.
CREATE FUNCTION webhook_inventory_movement() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    v_product products%ROWTYPE;
BEGIN
    SELECT * INTO v_product FROM products WHERE id = NEW.product_id;
    PERFORM webhook_emit('inventory.adjusted', jsonb_build_object(
        'product', v_product.uid,
        'sku', v_product.sku,
        'delta', NEW.delta,
        'reason', NEW.reason,
        'stock', v_product.stock,
        'order', (SELECT o.uid FROM orders o WHERE o.id = NEW.order_id),
        'actor', NEW.actor));
    IF v_product.stock <= v_product.low_stock_threshold
       AND v_product.stock - NEW.delta > v_product.low_stock_threshold THEN
        PERFORM webhook_emit('product.low_stock', jsonb_build_object(
            'product', v_product.uid,
            'sku', v_product.sku,
            'stock', v_product.stock,
            'low_stock_threshold', v_product.low_stock_threshold));
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER inventory_movements_webhook
    AFTER INSERT ON inventory_movements
    FOR EACH ROW EXECUTE FUNCTION webhook_inventory_movement();

-- New deliveries wake the webhook workers (LISTEN orderd_webhooks) at
-- commit; retries that come due are found by their poll.
CREATE FUNCTION webhook_deliveries_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('orderd_webhooks', '');
    RETURN NULL;
END
$$;

CREATE TRIGGER webhook_deliveries_notify
    AFTER INSERT ON webhook_deliveries
    FOR EACH STATEMENT EXECUTE FUNCTION webhook_deliveries_notify();
