-- Refresh-token families as rows of their own (issue #6, "Hardening").
--
-- A login starts a family; each refresh consumes the presented token and
-- issues the next one in the same family. Refresh and logout lock the
-- family row (SELECT ... FOR UPDATE) as the first statement of their
-- transaction, so they are serialised per family and each later statement
-- sees what the previous holder committed. A family is revoked as a whole
-- (reuse of a consumed token, logout): a refresh token is valid only while
-- its family's revoked_at is NULL. refresh_tokens.revoked_at is no longer
-- written; it is kept because applied migrations are never rewritten.

CREATE TABLE refresh_families (
    family     uuid PRIMARY KEY,
    user_id    bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL DEFAULT now(),
    revoked_at timestamptz
);

CREATE INDEX refresh_families_user_idx ON refresh_families (user_id);

-- Every existing family; one revoked token revoked its whole family, so a
-- family with any revoked token is revoked.
INSERT INTO refresh_families (family, user_id, created_at, revoked_at)
SELECT family, min(user_id), min(created_at), max(revoked_at)
FROM refresh_tokens
GROUP BY family;

ALTER TABLE refresh_tokens
    ADD CONSTRAINT refresh_tokens_family_fkey
    FOREIGN KEY (family) REFERENCES refresh_families (family) ON DELETE CASCADE;
