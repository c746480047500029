-- Sharing instruments between local areas: an owner's explicit,
-- recorded and revocable share of an instrument with its region or with
-- every tenant, and each tenant's record of the shared versions it uses
-- (with a local layer of its own items) or adopted as a copy.

-- +goose Up

-- Tenant: one share of an instrument by its owner. A null version_number
-- shares every published version, present and future. Withdrawal stops new
-- use; the row stays as the record that the share existed.
CREATE TABLE instrument_shares (
    id             uuid NOT NULL DEFAULT gen_random_uuid(),
    tenant_id      uuid NOT NULL REFERENCES tenants (id),
    instrument_id  uuid NOT NULL,
    version_number integer CHECK (version_number >= 1),
    scope          text NOT NULL CHECK (scope IN ('region', 'all')),
    created_by     uuid REFERENCES people (id),
    created_at     timestamptz NOT NULL DEFAULT now(),
    withdrawn_by   uuid REFERENCES people (id),
    withdrawn_at   timestamptz,
    version        integer NOT NULL DEFAULT 1,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, instrument_id) REFERENCES instruments (tenant_id, id)
);
CREATE INDEX instrument_shares_instrument_idx ON instrument_shares (tenant_id, instrument_id);

-- Tenant: a shared version another tenant uses. A layer keeps the whole
-- definition it uses (the owner's core plus the tenant's own section) so
-- that neither a new version from the owner nor a withdrawal changes it;
-- an adoption points at the tenant's own copy. source_* name the origin
-- by id: no foreign key may cross tenants.
CREATE TABLE instrument_uses (
    id                    uuid NOT NULL DEFAULT gen_random_uuid(),
    tenant_id             uuid NOT NULL REFERENCES tenants (id),
    kind                  text NOT NULL CHECK (kind IN ('layer', 'adopted')),
    source_tenant_id      uuid NOT NULL REFERENCES tenants (id),
    source_instrument_id  uuid NOT NULL,
    source_key            text NOT NULL,
    source_version        integer NOT NULL CHECK (source_version >= 1),
    definition            jsonb,
    adopted_instrument_id uuid,
    created_by            uuid REFERENCES people (id),
    created_at            timestamptz NOT NULL DEFAULT now(),
    version               integer NOT NULL DEFAULT 1,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, adopted_instrument_id) REFERENCES instruments (tenant_id, id),
    CHECK (kind <> 'layer' OR definition IS NOT NULL),
    CHECK (kind <> 'adopted' OR adopted_instrument_id IS NOT NULL)
);
CREATE INDEX instrument_uses_source_idx ON instrument_uses (tenant_id, source_instrument_id);

ALTER TABLE instrument_shares ENABLE ROW LEVEL SECURITY;
ALTER TABLE instrument_shares FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON instrument_shares
    USING (tenant_id = app_tenant_id()) WITH CHECK (tenant_id = app_tenant_id());

ALTER TABLE instrument_uses ENABLE ROW LEVEL SECURITY;
ALTER TABLE instrument_uses FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON instrument_uses
    USING (tenant_id = app_tenant_id()) WITH CHECK (tenant_id = app_tenant_id());

-- Whether a share, in force, reaches the requesting tenant: shared with
-- everyone, or with the region the owner is in, which must also be the
-- requesting tenant's own region and the one the request runs in. It fails
-- closed: without a real tenant in the request nothing is shared.
-- SECURITY INVOKER (the default), so it reads only what the caller may.
CREATE FUNCTION app_share_reaches(owner uuid, scope text, withdrawn timestamptz)
RETURNS boolean
LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT withdrawn IS NULL AND EXISTS (
        SELECT FROM tenants me
        WHERE me.id = app_tenant_id() AND (
            scope = 'all' OR (
                scope = 'region' AND me.region_id = app_region_id()
                AND EXISTS (SELECT FROM tenants t
                            WHERE t.id = owner AND t.region_id = me.region_id))))
$$;

-- The sharing exception of the security brief. Each policy is SELECT only,
-- so every write stays under tenant_isolation: others read, never change.
CREATE POLICY shared_with_region ON instrument_shares FOR SELECT
    USING (app_share_reaches(tenant_id, scope, withdrawn_at));

CREATE POLICY shared_with_region ON instruments FOR SELECT
    USING (EXISTS (
        SELECT FROM instrument_shares s
        WHERE s.tenant_id = instruments.tenant_id AND s.instrument_id = instruments.id
          AND app_share_reaches(s.tenant_id, s.scope, s.withdrawn_at)));

-- Drafts are never shared: only versions published once.
CREATE POLICY shared_with_region ON instrument_versions FOR SELECT
    USING (state <> 'draft' AND EXISTS (
        SELECT FROM instrument_shares s
        WHERE s.tenant_id = instrument_versions.tenant_id
          AND s.instrument_id = instrument_versions.instrument_id
          AND (s.version_number IS NULL OR s.version_number = instrument_versions.number)
          AND app_share_reaches(s.tenant_id, s.scope, s.withdrawn_at)));

-- Writing instruments (drafts, publication, retirement, layers, copies)
-- and sharing them: QA leads and tenant administrators.
INSERT INTO casbin_rule (ptype, v0, v1, v2, v3, v4) VALUES
    ('p', 'tenant_admin', '*', 'instruments', 'write', 'allow'),
    ('p', 'tenant_admin', '*', 'instruments', 'share', 'allow'),
    ('p', 'qa_lead', '*', 'instruments', 'write', 'allow'),
    ('p', 'qa_lead', '*', 'instruments', 'share', 'allow');

-- +goose Down
DELETE FROM casbin_rule WHERE v2 = 'instruments' AND v3 IN ('write', 'share');
DROP POLICY shared_with_region ON instrument_versions;
DROP POLICY shared_with_region ON instruments;
DROP TABLE instrument_uses, instrument_shares;
DROP FUNCTION app_share_reaches(uuid, text, timestamptz);
