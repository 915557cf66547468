-- The golden "orders" case: pages, filters, orderings, jobs, a lifecycle.
CREATE TYPE user_role AS ENUM ('customer', 'staff', 'admin');
CREATE TYPE order_status AS ENUM
    ('pending', 'processing', 'completed', 'confirmed', 'shipped', 'delivered', 'cancelled');

CREATE TABLE users (
    id    bigserial PRIMARY KEY,
    uid   uuid NOT NULL DEFAULT gen_random_uuid() UNIQUE,
    email text NOT NULL,
    role  user_role NOT NULL DEFAULT 'customer'
);

CREATE TABLE orders (
    id           bigserial PRIMARY KEY,
    uid          uuid NOT NULL DEFAULT gen_random_uuid() UNIQUE,
    user_id      bigint NOT NULL REFERENCES users (id),
    product_name text NOT NULL,
    quantity     integer NOT NULL CHECK (quantity BETWEEN 1 AND 10000),
    amount       numeric(12,2) NOT NULL CHECK (amount > 0),
    status       order_status NOT NULL DEFAULT 'pending',
    created_at   timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE order_status_history (
    id          bigserial PRIMARY KEY,
    order_id    bigint NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    from_status order_status,
    to_status   order_status NOT NULL,
    actor       text NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE notifications (
    id         bigserial PRIMARY KEY,
    order_id   bigint NOT NULL REFERENCES orders (id),
    kind       text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT notifications_once UNIQUE (order_id, kind)
);

-- The list's orderings and filters are served (specc warns otherwise).
CREATE INDEX orders_status_idx ON orders (status);
CREATE INDEX orders_created_idx ON orders (created_at);
CREATE INDEX orders_amount_idx ON orders (amount);
