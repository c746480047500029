-- Sign-in: password credentials, browser sessions with rotating refresh
-- tokens, personal access tokens for programs, rate limits, invitations,
-- password resets and the outbox of mail. Credentials and sessions belong
-- to people, who are global; invitations belong to a tenant.

-- +goose Up
CREATE TABLE credentials (
    person_id       uuid PRIMARY KEY REFERENCES people (id) ON DELETE CASCADE,
    password_hash   text NOT NULL,
    changed_at      timestamptz NOT NULL DEFAULT now(),
    failed_attempts integer NOT NULL DEFAULT 0,
    locked_until    timestamptz
);

-- One row per refresh token. A family is one sign-in; each refresh adds a
-- row and marks its parent rotated. Presenting a rotated token after the
-- grace period revokes the whole family.
CREATE TABLE sessions (
    id                  uuid PRIMARY KEY,
    family_id           uuid NOT NULL,
    person_id           uuid NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    refresh_hash        bytea NOT NULL UNIQUE,
    started_at          timestamptz NOT NULL,
    idle_expires_at     timestamptz NOT NULL,
    absolute_expires_at timestamptz NOT NULL,
    rotated_at          timestamptz,
    successor_sealed    bytea,
    revoked_at          timestamptz,
    created_at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sessions_family_idx ON sessions (family_id);
CREATE INDEX sessions_person_idx ON sessions (person_id);

CREATE TABLE access_tokens (
    id           uuid PRIMARY KEY,
    person_id    uuid NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    name         text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    token_hash   bytea NOT NULL UNIQUE,
    expires_on   date NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    last_used_at timestamptz,
    revoked_at   timestamptz
);
CREATE INDEX access_tokens_person_idx ON access_tokens (person_id);

-- Fixed-window counters shared by every replica: sign-in attempts per
-- address, reset requests per address and so on.
CREATE TABLE rate_limits (
    key          text PRIMARY KEY,
    window_start timestamptz NOT NULL,
    hits         integer NOT NULL
);

CREATE TABLE password_resets (
    id         uuid PRIMARY KEY,
    person_id  uuid NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    token_hash bytea NOT NULL UNIQUE,
    expires_at timestamptz NOT NULL,
    used_at    timestamptz,
    created_at timestamptz NOT NULL DEFAULT now()
);

-- Tenant: an invitation to join a tenant with roles, accepted by setting a
-- password (or, for someone who has one, by signing in).
CREATE TABLE invitations (
    id          uuid NOT NULL DEFAULT gen_random_uuid(),
    tenant_id   uuid NOT NULL REFERENCES tenants (id),
    email       text NOT NULL,
    name        text NOT NULL,
    roles       text[] NOT NULL CHECK (cardinality(roles) > 0),
    token_hash  bytea NOT NULL,
    invited_by  uuid REFERENCES people (id),
    expires_at  timestamptz NOT NULL,
    accepted_at timestamptz,
    revoked_at  timestamptz,
    created_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, token_hash)
);
CREATE INDEX invitations_email_idx ON invitations (tenant_id, lower(email));
-- Accepting an invitation happens before the invitee has any scope, so the
-- token itself is the key: a lookup by its hash only, never a listing.
CREATE INDEX invitations_token_idx ON invitations (token_hash);

ALTER TABLE invitations ENABLE ROW LEVEL SECURITY;
ALTER TABLE invitations FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON invitations
    USING (tenant_id = app_tenant_id()) WITH CHECK (tenant_id = app_tenant_id());

-- Returns the one open invitation whose token hashes to token_hash, for
-- the person accepting it, who has no tenant scope yet.
CREATE FUNCTION find_invitation(token_hash bytea)
RETURNS TABLE (id uuid, tenant_id uuid, email text, name text, roles text[], expires_at timestamptz)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
    SELECT i.id, i.tenant_id, i.email, i.name, i.roles, i.expires_at
    FROM invitations i
    WHERE i.token_hash = find_invitation.token_hash
      AND i.accepted_at IS NULL AND i.revoked_at IS NULL AND i.expires_at > now()
$$;

-- Mail waiting to be sent, written in the same transaction as the change
-- that causes it.
CREATE TABLE outbound_mail (
    id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    recipient  text NOT NULL,
    subject    text NOT NULL,
    text_body  text NOT NULL,
    html_body  text NOT NULL DEFAULT '',
    created_at timestamptz NOT NULL DEFAULT now(),
    sent_at    timestamptz
);
CREATE INDEX outbound_mail_unsent_idx ON outbound_mail (created_at) WHERE sent_at IS NULL;

INSERT INTO casbin_rule (ptype, v0, v1, v2, v3, v4) VALUES
    ('p', 'tenant_admin', '*', 'invitations', 'write', 'allow');

-- +goose Down
DELETE FROM casbin_rule WHERE v2 = 'invitations';
DROP TABLE outbound_mail;
DROP FUNCTION find_invitation(bytea);
DROP TABLE invitations, password_resets, rate_limits, access_tokens, sessions, credentials;
