-- Row versions for ETags and conditional writes (README, The API: ETags).
--
-- Every change of an order or a product bumps its version, whatever makes
-- it: an endpoint, the lifecycle guard and its stock effects, a job, the
-- ledger's stock trigger, hand-written SQL. The database keeps the column,
-- not callers: the BEFORE UPDATE trigger below sets NEW.version from OLD, so
-- an UPDATE cannot choose it. The API's ETag is the version in quotes
-- ("3"), and a conditional write compares it under the row's lock.

ALTER TABLE orders ADD COLUMN version bigint NOT NULL DEFAULT 1;
ALTER TABLE products ADD COLUMN version bigint NOT NULL DEFAULT 1;

CREATE FUNCTION row_version_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.version := OLD.version + 1;
    RETURN NEW;
END
$$;

CREATE TRIGGER orders_version_bump
    BEFORE UPDATE ON orders
    FOR EACH ROW EXECUTE FUNCTION row_version_bump();

CREATE TRIGGER products_version_bump
    BEFORE UPDATE ON products
    FOR EACH ROW EXECUTE FUNCTION row_version_bump();
