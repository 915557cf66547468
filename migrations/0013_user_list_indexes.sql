-- Indexes for the admins' user list (GET /users, ListUsers in
-- spec/users.sql): each declared ordering (email, name, created_at) and
-- the role filter is served by an index led by its column, the id second
-- as the tie-breaker, partial on live rows as the list is (specc warns
-- when a declared ordering or filter has none: README, "Pages and counts").
CREATE INDEX users_live_email_idx ON users (email, id) WHERE deleted_at IS NULL;
CREATE INDEX users_live_name_idx ON users (name, id) WHERE deleted_at IS NULL;
CREATE INDEX users_live_created_idx ON users (created_at, id) WHERE deleted_at IS NULL;
CREATE INDEX users_live_role_idx ON users (role, email, id) WHERE deleted_at IS NULL;
