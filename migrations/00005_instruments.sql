-- Instruments: the built-in library, global and read-only, and each
-- tenant's own instruments with their versions. A version that is
-- published never changes, so results always point at the exact form
-- that produced them.

-- +goose Up

-- Global: every version of every built-in instrument, loaded by `migrate`
-- from the definitions shipped in the binary. A changed definition adds a
-- version; old ones stay because responses refer to them. Definitions are
-- forms, never answers: nothing about a child lives here. The runtime role
-- may only read it (see EnsureRuntimeRole).
CREATE TABLE library_instruments (
    key        text NOT NULL CHECK (key ~ '^[a-z][a-z0-9_]*$'),
    version    integer NOT NULL CHECK (version >= 1),
    title      text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    subject    text NOT NULL,
    definition jsonb NOT NULL,
    -- SHA-256 of the definition as shipped, to tell a changed file from an
    -- unchanged one on the next `migrate`.
    digest     bytea NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (key, version)
);

-- Tenant: an instrument a local area wrote or copied. Title, subject and
-- the current version mirror the version that is current (the newest
-- published one, or else the newest), so that lists need no join.
CREATE TABLE instruments (
    id              uuid NOT NULL DEFAULT gen_random_uuid(),
    tenant_id       uuid NOT NULL REFERENCES tenants (id),
    key             text NOT NULL CHECK (key ~ '^[a-z][a-z0-9_]*$'),
    title           text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    description     text NOT NULL DEFAULT '',
    subject         text NOT NULL,
    current_version integer NOT NULL CHECK (current_version >= 1),
    state           text NOT NULL CHECK (state IN ('draft', 'published', 'retired')),
    created_by      uuid REFERENCES people (id),
    version         integer NOT NULL DEFAULT 1,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, key)
);
CREATE INDEX instruments_list_idx ON instruments (tenant_id, lower(title), key);

-- Tenant: one version of a tenant's instrument. Only a draft may change.
CREATE TABLE instrument_versions (
    id            uuid NOT NULL DEFAULT gen_random_uuid(),
    tenant_id     uuid NOT NULL REFERENCES tenants (id),
    instrument_id uuid NOT NULL,
    number        integer NOT NULL CHECK (number >= 1),
    state         text NOT NULL CHECK (state IN ('draft', 'published', 'retired')),
    definition    jsonb NOT NULL,
    created_by    uuid REFERENCES people (id),
    published_at  timestamptz,
    retired_at    timestamptz,
    version       integer NOT NULL DEFAULT 1,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, instrument_id, number),
    FOREIGN KEY (tenant_id, instrument_id) REFERENCES instruments (tenant_id, id)
);

ALTER TABLE instruments ENABLE ROW LEVEL SECURITY;
ALTER TABLE instruments FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON instruments
    USING (tenant_id = app_tenant_id()) WITH CHECK (tenant_id = app_tenant_id());

ALTER TABLE instrument_versions ENABLE ROW LEVEL SECURITY;
ALTER TABLE instrument_versions FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON instrument_versions
    USING (tenant_id = app_tenant_id()) WITH CHECK (tenant_id = app_tenant_id());

-- Reading instruments and scoring answers without saving them: everyone
-- who takes part in quality assurance. Providers and young people see the
-- forms they are given, not the catalogue.
INSERT INTO casbin_rule (ptype, v0, v1, v2, v3, v4) VALUES
    ('p', 'tenant_admin', '*', 'instruments', 'read', 'allow'),
    ('p', 'tenant_admin', '*', 'instruments', 'preview', 'allow'),
    ('p', 'qa_lead', '*', 'instruments', 'read', 'allow'),
    ('p', 'qa_lead', '*', 'instruments', 'preview', 'allow'),
    ('p', 'auditor', '*', 'instruments', 'read', 'allow'),
    ('p', 'auditor', '*', 'instruments', 'preview', 'allow'),
    ('p', 'service_manager', '*', 'instruments', 'read', 'allow'),
    ('p', 'service_manager', '*', 'instruments', 'preview', 'allow'),
    ('p', 'participation_officer', '*', 'instruments', 'read', 'allow'),
    ('p', 'participation_officer', '*', 'instruments', 'preview', 'allow'),
    ('p', 'viewer', '*', 'instruments', 'read', 'allow'),
    ('p', 'viewer', '*', 'instruments', 'preview', 'allow');

-- +goose Down
DELETE FROM casbin_rule WHERE v2 = 'instruments';
DROP TABLE instrument_versions, instruments, library_instruments;
