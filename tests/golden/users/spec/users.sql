-- Queries behind the accounts API (spec/users.api).

-- name: CreateUser :one
INSERT INTO users (name, email, password_hash)
VALUES (@name, @email, @password_hash)
RETURNING id, uid;

-- name: FindUserForLogin :one
SELECT id, uid, role, password_hash
FROM users
WHERE lower(email) = lower(@email::text) AND deleted_at IS NULL;

-- name: CreateRefreshToken :one
-- A NULL family starts a new one (a login); otherwise the token continues
-- the family of the token it replaces (a refresh).
INSERT INTO refresh_tokens (jti, family, user_id, expires_at)
VALUES (gen_random_uuid(), coalesce(@family::uuid, gen_random_uuid()), @user_id,
        now() + make_interval(secs => @ttl_seconds::int))
RETURNING jti, family;

-- name: RotateRefreshToken :one
-- Marks an unused, unrevoked, unexpired token used and returns its owner.
-- Presenting a token that was already used revokes its whole family
-- (reuse detection): the statement commits even though it returns no row.
WITH rotated AS (
    UPDATE refresh_tokens SET used_at = now()
    WHERE jti = @jti AND used_at IS NULL AND revoked_at IS NULL
      AND expires_at > now()
    RETURNING user_id, family
), reused AS (
    UPDATE refresh_tokens SET revoked_at = now()
    WHERE revoked_at IS NULL
      AND family IN (SELECT family FROM refresh_tokens
                     WHERE jti = @jti AND used_at IS NOT NULL)
)
SELECT u.id, u.uid, u.role, r.family
FROM rotated r JOIN users u ON u.id = r.user_id
WHERE u.deleted_at IS NULL;

-- name: RevokeRefreshFamily :exec
UPDATE refresh_tokens SET revoked_at = now()
WHERE revoked_at IS NULL
  AND family = (SELECT family FROM refresh_tokens WHERE jti = @jti)
  AND user_id = (SELECT id FROM users WHERE uid = @user_uid);

-- name: GetUser :one
SELECT uid AS id, name, email, role, created_at
FROM users
WHERE uid = @uid AND deleted_at IS NULL;

-- name: SetUserRole :one
UPDATE users SET role = @role, updated_at = now()
WHERE uid = @uid AND deleted_at IS NULL
RETURNING uid AS id, name, email, role;

-- name: CreateAdmin :one
-- Used by `orderd createadmin` (runtime/orderd.c), not by an endpoint.
INSERT INTO users (name, email, password_hash, role)
VALUES (@name, @email, @password_hash, 'admin')
RETURNING id, uid;
