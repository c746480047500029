-- The foundation: regions, tenants, people, memberships, organisations,
-- the audit trail and idempotency records, with row-level security on
-- every table that belongs to a tenant.

-- +goose Up

-- The request's scope is set with set_config(..., true) inside its
-- transaction. These helpers read it and fail closed: an unset, empty or
-- malformed setting yields NULL, which matches no row.
CREATE FUNCTION app_setting_uuid(name text) RETURNS uuid
LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT CASE
        WHEN current_setting(name, true) ~*
            '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
        THEN current_setting(name, true)::uuid
    END
$$;

CREATE FUNCTION app_tenant_id() RETURNS uuid
LANGUAGE sql STABLE PARALLEL SAFE AS $$ SELECT app_setting_uuid('app.tenant_id') $$;

CREATE FUNCTION app_person_id() RETURNS uuid
LANGUAGE sql STABLE PARALLEL SAFE AS $$ SELECT app_setting_uuid('app.person_id') $$;

CREATE FUNCTION app_region_id() RETURNS uuid
LANGUAGE sql STABLE PARALLEL SAFE AS $$ SELECT app_setting_uuid('app.region_id') $$;

-- Global: regions group tenants that may share instruments and results.
CREATE TABLE regions (
    id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    slug       text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    name       text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    version    integer NOT NULL DEFAULT 1,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);

-- Global: one tenant per local area.
CREATE TABLE tenants (
    id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    slug       text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    name       text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    region_id  uuid REFERENCES regions (id),
    version    integer NOT NULL DEFAULT 1,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX tenants_region_idx ON tenants (region_id);

-- Global: a person is one identity across tenants. Nothing about children
-- lives here; e-mail is unique across the instance.
CREATE TABLE people (
    id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    email          text,
    name           text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    platform_admin boolean NOT NULL DEFAULT false,
    version        integer NOT NULL DEFAULT 1,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX people_email_key ON people (lower(email)) WHERE email IS NOT NULL;

-- Global: changes to the platform's own records (tenants, regions). It holds
-- ids and names of local areas, never anything about a child.
CREATE TABLE platform_audit_events (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    occurred_at timestamptz NOT NULL DEFAULT now(),
    actor_id    uuid,
    action      text NOT NULL,
    entity      text NOT NULL,
    entity_id   uuid,
    before      jsonb,
    after       jsonb,
    request_id  text NOT NULL DEFAULT ''
);
CREATE INDEX platform_audit_events_time_idx ON platform_audit_events (occurred_at DESC, id);

-- Tenant: a person's roles in one local area.
CREATE TABLE memberships (
    id         uuid NOT NULL DEFAULT gen_random_uuid(),
    tenant_id  uuid NOT NULL REFERENCES tenants (id),
    person_id  uuid NOT NULL REFERENCES people (id),
    roles      text[] NOT NULL CHECK (cardinality(roles) > 0 AND roles <@ ARRAY[
        'tenant_admin', 'qa_lead', 'auditor', 'service_manager', 'provider',
        'young_person', 'participation_officer', 'viewer']::text[]),
    version    integer NOT NULL DEFAULT 1,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, person_id)
);
-- Sign-in reads a person's memberships in every tenant at once.
CREATE INDEX memberships_person_idx ON memberships (person_id);

-- Tenant: services, teams, schools and settings, and providers.
CREATE TABLE organisations (
    id          uuid NOT NULL DEFAULT gen_random_uuid(),
    tenant_id   uuid NOT NULL REFERENCES tenants (id),
    kind        text NOT NULL CHECK (kind IN ('service', 'team', 'school', 'setting', 'provider')),
    name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    parent_id   uuid,
    urn         text CHECK (urn ~ '^[0-9]{6,7}$'),
    phase       text NOT NULL DEFAULT '',
    setting_type text NOT NULL DEFAULT '',
    sir_url     text NOT NULL DEFAULT '',
    contact_email text NOT NULL DEFAULT '',
    archived    boolean NOT NULL DEFAULT false,
    version     integer NOT NULL DEFAULT 1,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, parent_id) REFERENCES organisations (tenant_id, id)
);
CREATE UNIQUE INDEX organisations_name_key ON organisations (tenant_id, kind, lower(name));
CREATE UNIQUE INDEX organisations_urn_key ON organisations (tenant_id, urn) WHERE urn IS NOT NULL;
CREATE INDEX organisations_list_idx ON organisations (tenant_id, lower(name), id);

-- Tenant: the append-only trail of every change and every view of a
-- child's record. The runtime role may insert and read, never change.
CREATE TABLE audit_events (
    id          uuid NOT NULL DEFAULT gen_random_uuid(),
    tenant_id   uuid NOT NULL REFERENCES tenants (id),
    occurred_at timestamptz NOT NULL DEFAULT now(),
    actor_id    uuid,
    action      text NOT NULL,
    entity      text NOT NULL,
    entity_id   uuid,
    before      jsonb,
    after       jsonb,
    request_id  text NOT NULL DEFAULT '',
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX audit_events_time_idx ON audit_events (tenant_id, occurred_at DESC, id DESC);
CREATE INDEX audit_events_entity_idx ON audit_events (tenant_id, entity, entity_id);

-- Tenant or personal: the first response to a create request that carried
-- an Idempotency-Key, replayed for 24 hours. Platform routes have no
-- tenant, so their keys belong to the person alone.
CREATE TABLE idempotency_keys (
    tenant_id     uuid REFERENCES tenants (id),
    person_id     uuid NOT NULL REFERENCES people (id),
    route         text NOT NULL,
    key           text NOT NULL,
    request_hash  bytea NOT NULL,
    status        integer NOT NULL,
    content_type  text NOT NULL,
    body          bytea NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    expires_at    timestamptz NOT NULL
);
CREATE UNIQUE INDEX idempotency_keys_key ON idempotency_keys (tenant_id, person_id, route, key)
    NULLS NOT DISTINCT;
CREATE INDEX idempotency_keys_expiry_idx ON idempotency_keys (expires_at);

-- Row-level security. FORCE binds the owner too unless it has BYPASSRLS.
ALTER TABLE memberships ENABLE ROW LEVEL SECURITY;
ALTER TABLE memberships FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON memberships
    USING (tenant_id = app_tenant_id()) WITH CHECK (tenant_id = app_tenant_id());
-- A person reads their own memberships in every tenant, to sign in.
CREATE POLICY own_rows ON memberships FOR SELECT
    USING (person_id = app_person_id());

ALTER TABLE organisations ENABLE ROW LEVEL SECURITY;
ALTER TABLE organisations FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON organisations
    USING (tenant_id = app_tenant_id()) WITH CHECK (tenant_id = app_tenant_id());

ALTER TABLE audit_events ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_events FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON audit_events
    USING (tenant_id = app_tenant_id()) WITH CHECK (tenant_id = app_tenant_id());

ALTER TABLE idempotency_keys ENABLE ROW LEVEL SECURITY;
ALTER TABLE idempotency_keys FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON idempotency_keys
    USING (tenant_id = app_tenant_id() AND person_id = app_person_id())
    WITH CHECK (tenant_id = app_tenant_id() AND person_id = app_person_id());
CREATE POLICY own_rows ON idempotency_keys
    USING (tenant_id IS NULL AND person_id = app_person_id())
    WITH CHECK (tenant_id IS NULL AND person_id = app_person_id());

-- +goose Down
DROP TABLE idempotency_keys, audit_events, organisations, memberships,
    platform_audit_events, people, tenants, regions;
DROP FUNCTION app_region_id(), app_person_id(), app_tenant_id(), app_setting_uuid(text);
