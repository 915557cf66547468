-- Products (the catalog) and the inventory ledger.
--
-- The ledger is the only way stock changes: inserting an
-- inventory_movements row adds its delta to its product's stock in the same
-- statement (the trigger below), and any other change of products.stock is
-- refused. So, whatever path changes stock (an endpoint, a job, hand-written
-- SQL), stock = sum(delta) of the product's movements, in the same
-- transaction; a result below zero breaks products_stock_check and the
-- movement is not written either. `orderd check` verifies the invariant.

CREATE TYPE inventory_reason AS ENUM (
    'initial', 'adjustment', 'order_confirmed', 'order_processing', 'order_cancelled'
);

CREATE TABLE products (
    id                  bigserial PRIMARY KEY,
    uid                 uuid NOT NULL DEFAULT gen_random_uuid(),
    sku                 text NOT NULL,
    name                text NOT NULL,
    description         text,
    price               numeric(12,2) NOT NULL,
    stock               integer NOT NULL DEFAULT 0,
    low_stock_threshold integer NOT NULL DEFAULT 10,
    active              boolean NOT NULL DEFAULT true,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    deleted_at          timestamptz,
    CONSTRAINT products_uid_key UNIQUE (uid),
    CONSTRAINT products_price_check CHECK (price > 0),
    CONSTRAINT products_stock_check CHECK (stock >= 0),
    CONSTRAINT products_low_stock_threshold_check CHECK (low_stock_threshold >= 0)
);

-- A SKU is unique case-insensitively among live products; a deleted
-- product's SKU may be given to a new one.
CREATE UNIQUE INDEX products_sku_key ON products (lower(sku)) WHERE deleted_at IS NULL;
CREATE INDEX products_name_idx ON products (name, id) WHERE deleted_at IS NULL;

CREATE TABLE inventory_movements (
    id          bigserial PRIMARY KEY,
    product_id  bigint NOT NULL REFERENCES products (id),
    delta       integer NOT NULL,
    reason      inventory_reason NOT NULL,
    order_id    bigint REFERENCES orders (id),
    -- who: the same actor as the order history's (set by orderd per tx)
    actor       text NOT NULL DEFAULT coalesce(nullif(current_setting('orderd.actor', true), ''),
                                               'sql:' || current_user),
    created_at  timestamptz NOT NULL DEFAULT now(),
    -- only the initial row of a product created without stock moves nothing
    CONSTRAINT inventory_movements_delta_check CHECK (delta <> 0 OR reason = 'initial'),
    -- a movement caused by an order names it, and only those do
    CONSTRAINT inventory_movements_order_check CHECK (
        (order_id IS NOT NULL) = (reason IN ('order_confirmed', 'order_processing', 'order_cancelled')))
);

CREATE INDEX inventory_movements_product_idx ON inventory_movements (product_id, id);

-- A movement applies its delta to its product (AFTER: the row and its
-- product exist, also when both come from one statement).
CREATE FUNCTION inventory_apply_movement() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE products SET stock = stock + NEW.delta, updated_at = now()
    WHERE id = NEW.product_id;
    RETURN NULL;
END
$$;

CREATE TRIGGER inventory_movements_apply
    AFTER INSERT ON inventory_movements
    FOR EACH ROW EXECUTE FUNCTION inventory_apply_movement();

-- Stock changes only through a movement: the trigger above runs nested
-- (pg_trigger_depth() > 1); a direct INSERT with stock or UPDATE of stock
-- is refused.
CREATE FUNCTION products_stock_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF pg_trigger_depth() < 2 AND
       ((TG_OP = 'INSERT' AND NEW.stock <> 0) OR
        (TG_OP = 'UPDATE' AND NEW.stock IS DISTINCT FROM OLD.stock)) THEN
        RAISE EXCEPTION 'products.stock changes only through inventory_movements';
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER products_stock_guard
    BEFORE INSERT OR UPDATE OF stock ON products
    FOR EACH ROW EXECUTE FUNCTION products_stock_guard();

-- The ledger is append-only: a movement is corrected by another movement.
CREATE FUNCTION inventory_movements_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'inventory_movements is append-only';
END
$$;

CREATE TRIGGER inventory_movements_append_only
    BEFORE UPDATE OR DELETE ON inventory_movements
    FOR EACH STATEMENT EXECUTE FUNCTION inventory_movements_append_only();
