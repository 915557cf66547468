-- Accounts: users and their refresh tokens.
-- Emails are unique case-insensitively (users_email_key on lower(email)).

CREATE TYPE user_role AS ENUM ('customer', 'staff', 'admin');

CREATE TABLE users (
    id            bigserial PRIMARY KEY,
    uid           uuid NOT NULL DEFAULT gen_random_uuid(),
    name          text NOT NULL,
    email         text NOT NULL,
    password_hash text NOT NULL,
    role          user_role NOT NULL DEFAULT 'customer',
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    deleted_at    timestamptz,
    CONSTRAINT users_uid_key UNIQUE (uid),
    CONSTRAINT users_name_check CHECK (length(name) BETWEEN 1 AND 150)
);

CREATE UNIQUE INDEX users_email_key ON users (lower(email));

-- One row per refresh token ever issued. A login starts a family; each
-- refresh marks the presented token used and issues the next one in the
-- same family. Presenting a used token again revokes the whole family.
CREATE TABLE refresh_tokens (
    jti        uuid PRIMARY KEY,
    family     uuid NOT NULL,
    user_id    bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL,
    used_at    timestamptz,
    revoked_at timestamptz
);

CREATE INDEX refresh_tokens_family_idx ON refresh_tokens (family);
