-- Queries behind the accounts API (spec/users.api).

-- name: CreateUser :one
INSERT INTO users (name, email, password_hash)
VALUES (@name, @email, @password_hash)
RETURNING id, uid;

-- name: FindUserForLogin :one
SELECT id, uid, role, password_hash
FROM users
WHERE lower(email) = lower(@email::text) AND deleted_at IS NULL;

-- name: StartRefreshFamily :one
-- A login: a new family (migrations/0004_refresh_families.sql) and its
-- first token.
-- One VALUES row with RETURNING: always a row (no 404 to document).
WITH started AS (
    INSERT INTO refresh_families (family, user_id)
    VALUES (gen_random_uuid(), @user_id)
    RETURNING family
)
INSERT INTO refresh_tokens (jti, family, user_id, expires_at)
VALUES (gen_random_uuid(), (SELECT s.family FROM started s), @user_id,
        now() + make_interval(secs => @ttl_seconds::int))
RETURNING jti, family;

-- name: LockRefreshFamily :one
-- The first statement of a refresh's or a logout's transaction: holds the
-- token's family row until the transaction ends, so refreshes and logouts
-- of one family run one after the other, and every later statement of the
-- transaction (READ COMMITTED: a fresh snapshot per statement) sees what
-- the previous holder committed. No row for an unknown jti.
SELECT f.family
FROM refresh_families f
WHERE f.family = (SELECT t.family FROM refresh_tokens t WHERE t.jti = @jti)
FOR UPDATE;

-- name: RotateRefreshToken :one
-- Runs after LockRefreshFamily, in its transaction. Always one row.
-- A usable token (unused, unexpired, its family not revoked, its owner
-- live and the one the token names) is consumed and the next token of the
-- family issued: rotated is true, with the owner and the next jti.
-- Any other presentation of a known token of that owner (a consumed one:
-- reuse; an expired one; a revoked family) revokes the whole family,
-- including tokens issued concurrently, and rotated is false: the
-- transaction commits the revocation and the endpoint answers 401 after it.
-- An unknown jti, or one whose owner is not user_uid, changes nothing.
-- reuse_detected: this presentation revoked the family because the token
-- had been used already (spec/users.api logs refresh_reuse_detected).
WITH presented AS (
    SELECT t.jti, t.family, t.user_id, u.uid, u.role,
           (t.used_at IS NULL AND t.expires_at > now() AND f.revoked_at IS NULL
            AND u.deleted_at IS NULL)::bool AS usable,
           (t.used_at IS NOT NULL)::bool AS used
    FROM refresh_tokens t
    JOIN refresh_families f ON f.family = t.family
    JOIN users u ON u.id = t.user_id
    WHERE t.jti = @jti AND u.uid = @user_uid
), consumed AS (
    UPDATE refresh_tokens t SET used_at = now()
    FROM presented p
    WHERE t.jti = p.jti AND p.usable
    RETURNING t.family, t.user_id
), issued AS (
    INSERT INTO refresh_tokens (jti, family, user_id, expires_at)
    SELECT gen_random_uuid(), c.family, c.user_id,
           now() + make_interval(secs => @ttl_seconds::int)
    FROM consumed c
    RETURNING jti
), revoked AS (
    UPDATE refresh_families f SET revoked_at = now()
    FROM presented p
    WHERE f.family = p.family AND NOT p.usable AND f.revoked_at IS NULL
    RETURNING f.family
)
SELECT exists(SELECT 1 FROM issued) AS rotated,
       exists(SELECT 1 FROM revoked r WHERE (SELECT p.used FROM presented p)) AS reuse_detected,
       (SELECT p.uid FROM presented p)::uuid AS uid,
       (SELECT p.role FROM presented p)::user_role AS role,
       (SELECT i.jti FROM issued i)::uuid AS jti;

-- name: RevokeRefreshFamily :one
-- Logout, after LockRefreshFamily in the same transaction. Always one row:
-- revoked is true when the token is the caller's (user_uid, which must
-- also be the token's user_id claim, token_user) and its family is now
-- revoked (already or by this statement); otherwise nothing changes.
WITH presented AS (
    SELECT t.family
    FROM refresh_tokens t
    JOIN users u ON u.id = t.user_id
    WHERE t.jti = @jti AND u.uid = @user_uid AND u.uid = @token_user
      AND u.deleted_at IS NULL
), revoked AS (
    UPDATE refresh_families f SET revoked_at = now()
    FROM presented p
    WHERE f.family = p.family AND f.revoked_at IS NULL
    RETURNING f.family
)
SELECT exists(SELECT 1 FROM presented) AS revoked;

-- name: AuthenticateUser :one
-- Run by the runtime for every request with a valid access token
-- (runtime/rt_endpoint.c, authenticate()): no row (an unknown or
-- soft-deleted user) is a 401; the role is the user's role now.
SELECT role
FROM users
WHERE uid = @uid AND deleted_at IS NULL;

-- name: GetUser :one
SELECT uid AS id, name, email, role, created_at
FROM users
WHERE uid = @uid AND deleted_at IS NULL;

-- name: SetUserRole :one
UPDATE users SET role = @role, updated_at = now()
WHERE uid = @uid AND deleted_at IS NULL
RETURNING uid AS id, name, email, role, created_at;

-- name: CreateAdmin :one
-- Used by `orderd createadmin` (runtime/orderd.c), not by an endpoint.
INSERT INTO users (name, email, password_hash, role)
VALUES (@name, @email, @password_hash, 'admin')
RETURNING id, uid;

-- name: ListUsers :page
-- For admins finding a user to change their role (GET /users).
-- email: the address contains it, case-insensitively (strpos: no LIKE wildcards).
SELECT u.uid AS id, u.name, u.email, u.role, u.created_at
FROM users u
WHERE u.deleted_at IS NULL
  AND strpos(lower(u.email), lower(@email::text)) > 0           -- filter
  AND u.role = @role                                            -- filter
ORDER BY u.email ASC, u.id ASC  -- ordering: email, name, created_at
