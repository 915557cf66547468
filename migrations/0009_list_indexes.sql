-- Indexes for lists at scale (README, "Pages and counts"; "Speed"): every
-- ordering and filter the staff order list and the products list declare
-- is served by an index whose first column is its key (specc warns when
-- one is not), with the tie-breaker (id) second so that a keyset page
-- (a cursor) reads only its own rows in index order. Partial on live rows,
-- as the lists are.

-- Orders: ordering created_at (the default), amount, status; filters
-- status (with the default ordering), created_after/before, min/max_amount.
-- The reports read status with amount (revenue) and created_at (sales).
CREATE INDEX orders_live_created_idx ON orders (created_at, id) WHERE deleted_at IS NULL;
CREATE INDEX orders_live_amount_idx ON orders (amount, id) WHERE deleted_at IS NULL;
CREATE INDEX orders_live_status_idx ON orders (status, id) WHERE deleted_at IS NULL;
CREATE INDEX orders_live_status_created_idx ON orders (status, created_at, id)
    INCLUDE (amount) WHERE deleted_at IS NULL;
-- Replaced by the two above (same leading columns, with the tie-breaker).
DROP INDEX orders_created_idx;
DROP INDEX orders_status_idx;

-- Products: orderings name (products_name_idx, 0006), price, stock,
-- created_at; filters active, min/max_price.
CREATE INDEX products_live_price_idx ON products (price, id) WHERE deleted_at IS NULL;
CREATE INDEX products_live_stock_idx ON products (stock, id) WHERE deleted_at IS NULL;
CREATE INDEX products_live_created_idx ON products (created_at, id) WHERE deleted_at IS NULL;
CREATE INDEX products_live_active_idx ON products (active, name, id) WHERE deleted_at IS NULL;
