-- Orders, their lines and status history.
-- Amounts are numeric(12,2) end to end (never a binary float).

CREATE TYPE order_status AS ENUM (
    'pending', 'processing', 'completed', 'confirmed', 'shipped', 'delivered', 'cancelled'
);

CREATE TABLE orders (
    id            bigserial PRIMARY KEY,
    uid           uuid NOT NULL DEFAULT gen_random_uuid(),
    user_id       bigint NOT NULL REFERENCES users (id),
    status        order_status NOT NULL DEFAULT 'pending',
    -- What the order list shows: the product of a single-line order (the
    -- first API's orders had exactly these), the first line's otherwise.
    product_name  text NOT NULL,
    quantity      integer NOT NULL,
    amount        numeric(12,2) NOT NULL,
    processing_job_id bigint,
    cancel_reason text,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    deleted_at    timestamptz,
    CONSTRAINT orders_uid_key UNIQUE (uid),
    CONSTRAINT orders_quantity_check CHECK (quantity >= 1),
    CONSTRAINT orders_amount_check CHECK (amount >= 0)
);

CREATE INDEX orders_user_created_idx ON orders (user_id, created_at DESC, id DESC);
CREATE INDEX orders_status_idx ON orders (status) WHERE deleted_at IS NULL;

-- A line is either free-form (product_id NULL: the first API's single-line
-- orders) or a catalog line (product_id set, prices from the catalog).
CREATE TABLE order_lines (
    id            bigserial PRIMARY KEY,
    order_id      bigint NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    product_id    bigint,
    product_name  text NOT NULL,
    quantity      integer NOT NULL,
    unit_price    numeric(12,2) NOT NULL,
    amount        numeric(12,2) NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT order_lines_quantity_check CHECK (quantity BETWEEN 1 AND 10000),
    CONSTRAINT order_lines_unit_price_check CHECK (unit_price >= 0),
    CONSTRAINT order_lines_amount_check CHECK (amount >= 0)
);

CREATE INDEX order_lines_order_idx ON order_lines (order_id);

-- Every status change, whoever made it (written by the lifecycle trigger).
CREATE TABLE order_status_history (
    id          bigserial PRIMARY KEY,
    order_id    bigint NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    from_status order_status,
    to_status   order_status NOT NULL,
    actor       text NOT NULL,
    reason      text,
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX order_status_history_order_idx ON order_status_history (order_id, id);

-- Notifications recorded by the order_created job (as the ERP's Celery task did).
CREATE TABLE notifications (
    id         bigserial PRIMARY KEY,
    order_id   bigint NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    kind       text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT notifications_order_kind_key UNIQUE (order_id, kind)
);
