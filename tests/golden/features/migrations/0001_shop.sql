-- A small shop: enough schema to exercise the language.
CREATE TYPE user_role AS ENUM ('customer', 'staff', 'admin');
CREATE TYPE order_status AS ENUM ('pending', 'confirmed', 'cancelled');

CREATE TABLE users (
    id       bigserial PRIMARY KEY,
    uid      uuid NOT NULL DEFAULT gen_random_uuid(),
    email    text NOT NULL,
    role     user_role NOT NULL DEFAULT 'customer',
    CONSTRAINT users_uid_key UNIQUE (uid)
);
CREATE UNIQUE INDEX users_email_key ON users (lower(email));

CREATE TABLE products (
    id          serial PRIMARY KEY,
    sku         varchar(64) NOT NULL UNIQUE,
    name        text NOT NULL,
    price       numeric(12,2) NOT NULL CHECK (price > 0),
    stock       integer NOT NULL DEFAULT 0 CONSTRAINT products_stock_nonnegative CHECK (stock >= 0),
    active      boolean NOT NULL DEFAULT true
);

CREATE TABLE orders (
    id         bigserial PRIMARY KEY,
    uid        uuid NOT NULL DEFAULT gen_random_uuid(),
    user_id    bigint NOT NULL REFERENCES users (id),
    status     order_status NOT NULL DEFAULT 'pending',
    amount     numeric(12,2) NOT NULL,
    created_at timestamp with time zone NOT NULL DEFAULT now()
);

CREATE TABLE order_lines (
    order_id   bigint NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    product_id integer REFERENCES products (id),
    quantity   integer NOT NULL,
    gift       boolean,
    PRIMARY KEY (order_id, product_id)
);

ALTER TABLE orders ADD COLUMN note text;
ALTER TABLE orders ADD CONSTRAINT orders_amount_positive CHECK (amount > 0);

CREATE OR REPLACE FUNCTION touch() RETURNS trigger AS $$
BEGIN
    RETURN NEW; -- a body with ; inside
END;
$$ LANGUAGE plpgsql;
