-- scripts/bench-data.sql - the bench's data set, built with SQL (not HTTP):
-- :users customers (default 10,000), :orders orders (default 1,000,000)
-- spread over the last 365 days with one to three lines each, :pending of
-- them pending (what the scheduler drains), 500 products, then VACUUM
-- ANALYZE. Run by scripts/bench.sh on a migrated, empty database:
--
--   psql -v users=10000 -v orders=1000000 -v pending=100000 -f scripts/bench-data.sql
--
-- Triggers (the lifecycle guard, the stock ledger) and foreign-key checks
-- are off for the load (session_replication_role = replica): the rows are
-- consistent by construction, and the load stays well under two minutes.
\set ON_ERROR_STOP 1
SET session_replication_role = replica;
SET synchronous_commit = off;
SET maintenance_work_mem = '256MB';

INSERT INTO users (name, email, password_hash, role, created_at)
SELECT 'Bench customer ' || n, 'bench-' || n || '@example.com',
       '$2b$04$benchbenchbenchbenchbeOo6Vj8cQmSxH6fOgE5oT9mXyBq1Q7Sy', 'customer',
       now() - interval '400 days'
FROM generate_series(1, :users) AS n;

INSERT INTO products (sku, name, price, stock, low_stock_threshold)
SELECT 'BENCH-' || n, 'Bench product ' || n, (1 + n % 200) + 0.99, n % 50, 10
FROM generate_series(1, 500) AS n;

-- Statuses: the first :pending orders are pending, the rest cycle through
-- the others (completed and delivered ones count as revenue).
INSERT INTO orders (uid, user_id, status, product_name, quantity, amount, created_at, updated_at)
SELECT gen_random_uuid(),
       (SELECT min(id) FROM users) + (n::bigint * 7919) % :users,
       CASE WHEN n <= :pending THEN 'pending'
            ELSE (ARRAY['completed', 'delivered', 'confirmed', 'shipped', 'cancelled',
                        'completed'])[1 + n % 6] END::order_status,
       'Bench product ' || (1 + n % 500), 1 + n % 5,
       ((1 + n % 5) * ((1 + n % 200) + 0.99))::numeric(12,2),
       now() - (random() * interval '365 days'),
       now()
FROM generate_series(1, :orders) AS n;

-- One to three lines an order; the first carries the order's own product.
INSERT INTO order_lines (order_id, product_id, sku, product_name, quantity, unit_price, amount,
                         created_at)
SELECT o.id, p.id, p.sku, p.name, 1 + (o.id + k) % 5, p.price,
       (1 + (o.id + k) % 5) * p.price, o.created_at
FROM orders o
CROSS JOIN LATERAL generate_series(0, (o.id % 3)::int) AS k
JOIN products p ON p.sku = 'BENCH-' || (1 + (o.id + k * 37) % 500);

RESET session_replication_role;
VACUUM ANALYZE users;
VACUUM ANALYZE products;
VACUUM ANALYZE orders;
VACUUM ANALYZE order_lines;
