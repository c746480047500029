-- Alternative provision quality assurance: providers as organisations with
-- their own people, known to each council that audits them; audits of a
-- provider against the quality standards, with evidence and a statement
-- per standard, a rating and feedback per standard, challenges, the
-- overall result and decision; and a council's explicit, recorded and
-- revocable share of a result with its region.

-- +goose Up

-- Global: one alternative provision provider, however many councils know
-- it. It holds the organisation's name only, nothing about children.
CREATE TABLE providers (
    id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name       text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    created_at timestamptz NOT NULL DEFAULT now()
);

-- Global: the people of a provider. A person speaks for one provider.
CREATE TABLE provider_people (
    provider_id uuid NOT NULL REFERENCES providers (id),
    person_id   uuid NOT NULL REFERENCES people (id),
    created_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (provider_id, person_id),
    UNIQUE (person_id)
);

-- Whether the request's person belongs to a provider. SECURITY INVOKER
-- (the default): provider_people is global and readable by the runtime
-- role; it names no child.
CREATE FUNCTION app_is_provider_person(provider uuid) RETURNS boolean
LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT EXISTS (SELECT FROM provider_people pp
                   WHERE pp.provider_id = provider AND pp.person_id = app_person_id())
$$;

-- Tenant: a council's knowledge of a provider, and whether the provider's
-- people may still work with it. access_until ends access after a set
-- period without an audit; ending it is recorded, never deleted.
CREATE TABLE tenant_providers (
    tenant_id    uuid NOT NULL REFERENCES tenants (id),
    provider_id  uuid NOT NULL REFERENCES providers (id),
    state        text NOT NULL CHECK (state IN ('active', 'ended')),
    contact_email text NOT NULL DEFAULT '',
    access_until date NOT NULL,
    invited_by   uuid REFERENCES people (id),
    ended_by     uuid REFERENCES people (id),
    ended_at     timestamptz,
    version      integer NOT NULL DEFAULT 1,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, provider_id),
    CHECK ((state = 'ended') = (ended_at IS NOT NULL))
);
CREATE INDEX tenant_providers_provider_idx ON tenant_providers (tenant_id, provider_id, state);

-- Whether the request's person belongs to a provider that a council still
-- works with: the provider's own rows across councils. Fails closed
-- without a person.
CREATE FUNCTION app_provider_reaches(tenant uuid, provider uuid) RETURNS boolean
LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT app_is_provider_person(provider) AND EXISTS (
        SELECT FROM tenant_providers l
        WHERE l.tenant_id = tenant AND l.provider_id = provider
          AND l.state = 'active' AND l.access_until >= current_date)
$$;

-- Tenant: one audit of a provider against an instrument's standards. The
-- definition is the version used, kept whole so that results stay
-- explainable.
CREATE TABLE provider_audits (
    id                 uuid NOT NULL DEFAULT gen_random_uuid(),
    tenant_id          uuid NOT NULL REFERENCES tenants (id),
    provider_id        uuid NOT NULL REFERENCES providers (id),
    instrument_key     text NOT NULL,
    instrument_version integer NOT NULL CHECK (instrument_version >= 1),
    definition         jsonb NOT NULL,
    state              text NOT NULL
        CHECK (state IN ('requested', 'submitted', 'more_evidence', 'decided')),
    evidence_due_on    date NOT NULL,
    extension_until    date,
    extension_reason   text NOT NULL DEFAULT '' CHECK (length(extension_reason) <= 2000),
    visit_on           date,
    visit_notes        text NOT NULL DEFAULT '' CHECK (length(visit_notes) <= 10000),
    overall            text,
    decision           text CHECK (decision IN ('approved', 'approved_with_conditions', 'not_approved')),
    conditions         text NOT NULL DEFAULT '' CHECK (length(conditions) <= 4000),
    review_on          date,
    decided_by         uuid REFERENCES people (id),
    decided_at         timestamptz,
    submitted_at       timestamptz,
    opened_by          uuid REFERENCES people (id),
    version            integer NOT NULL DEFAULT 1,
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, provider_id) REFERENCES tenant_providers (tenant_id, provider_id),
    CHECK ((state = 'decided') = (decision IS NOT NULL AND overall IS NOT NULL AND review_on IS NOT NULL))
);
CREATE INDEX provider_audits_provider_idx ON provider_audits (tenant_id, provider_id, created_at DESC);

-- Tenant: one standard of an audit: the provider's statement, the
-- officer's rating and feedback, and any request for more evidence.
-- provider_id repeats the audit's so that the provider's policy reads it
-- without a join.
CREATE TABLE provider_standards (
    tenant_id    uuid NOT NULL REFERENCES tenants (id),
    audit_id     uuid NOT NULL,
    provider_id  uuid NOT NULL REFERENCES providers (id),
    key          text NOT NULL CHECK (key ~ '^[a-z][a-z0-9_]{0,63}$'),
    position     integer NOT NULL,
    theme        text NOT NULL,
    title        text NOT NULL,
    guidance     text NOT NULL DEFAULT '',
    state        text NOT NULL CHECK (state IN ('requested', 'draft', 'submitted', 'rated')),
    statement    text NOT NULL DEFAULT '' CHECK (length(statement) <= 10000),
    rating       text CHECK (rating IN ('red', 'amber', 'green')),
    feedback     text NOT NULL DEFAULT '' CHECK (length(feedback) <= 4000),
    more_request text NOT NULL DEFAULT '' CHECK (length(more_request) <= 2000),
    saved_by     uuid REFERENCES people (id),
    version      integer NOT NULL DEFAULT 1,
    updated_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, audit_id, key),
    FOREIGN KEY (tenant_id, audit_id) REFERENCES provider_audits (tenant_id, id) ON DELETE CASCADE,
    CHECK ((state = 'rated') = (rating IS NOT NULL))
);

-- Tenant: a provider's challenge of one standard's rating, with its answer.
CREATE TABLE provider_challenges (
    id           uuid NOT NULL DEFAULT gen_random_uuid(),
    tenant_id    uuid NOT NULL REFERENCES tenants (id),
    audit_id     uuid NOT NULL,
    provider_id  uuid NOT NULL REFERENCES providers (id),
    standard_key text NOT NULL,
    rating       text NOT NULL CHECK (rating IN ('red', 'amber', 'green')),
    reasons      text NOT NULL CHECK (length(reasons) BETWEEN 1 AND 4000),
    raised_by    uuid NOT NULL REFERENCES people (id),
    raised_at    timestamptz NOT NULL DEFAULT now(),
    outcome      text CHECK (outcome IN ('upheld', 'not_upheld')),
    answer       text NOT NULL DEFAULT '' CHECK (length(answer) <= 4000),
    new_rating   text CHECK (new_rating IN ('red', 'amber', 'green')),
    answered_by  uuid REFERENCES people (id),
    answered_at  timestamptz,
    version      integer NOT NULL DEFAULT 1,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, audit_id, standard_key)
        REFERENCES provider_standards (tenant_id, audit_id, key) ON DELETE CASCADE,
    CHECK ((outcome IS NULL) = (answered_at IS NULL))
);
CREATE INDEX provider_challenges_audit_idx ON provider_challenges (tenant_id, audit_id);

-- Tenant: the auditing council's share of a decided result with its
-- region. Withdrawal keeps the row as the record that the share existed.
CREATE TABLE provider_shares (
    id           uuid NOT NULL DEFAULT gen_random_uuid(),
    tenant_id    uuid NOT NULL REFERENCES tenants (id),
    audit_id     uuid NOT NULL,
    provider_id  uuid NOT NULL REFERENCES providers (id),
    region_id    uuid NOT NULL REFERENCES regions (id),
    shared_by    uuid REFERENCES people (id),
    shared_at    timestamptz NOT NULL DEFAULT now(),
    withdrawn_by uuid REFERENCES people (id),
    withdrawn_at timestamptz,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, audit_id) REFERENCES provider_audits (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX provider_shares_audit_idx ON provider_shares (tenant_id, audit_id);
CREATE UNIQUE INDEX provider_shares_in_force_key ON provider_shares (tenant_id, audit_id)
    WHERE withdrawn_at IS NULL;

-- Evidence for a provider audit reuses the evidence files of responses:
-- each file belongs to exactly one response or one provider audit.
ALTER TABLE evidence_files ALTER COLUMN response_id DROP NOT NULL;
ALTER TABLE evidence_files ADD COLUMN provider_audit_id uuid;
ALTER TABLE evidence_files ADD FOREIGN KEY (tenant_id, provider_audit_id)
    REFERENCES provider_audits (tenant_id, id) ON DELETE CASCADE;
ALTER TABLE evidence_files ADD CONSTRAINT evidence_files_owner_check
    CHECK (num_nonnulls(response_id, provider_audit_id) = 1);
CREATE INDEX evidence_files_provider_audit_idx ON evidence_files (tenant_id, provider_audit_id);

ALTER TABLE tenant_providers ENABLE ROW LEVEL SECURITY;
ALTER TABLE tenant_providers FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON tenant_providers
    USING (tenant_id = app_tenant_id()) WITH CHECK (tenant_id = app_tenant_id());

ALTER TABLE provider_audits ENABLE ROW LEVEL SECURITY;
ALTER TABLE provider_audits FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON provider_audits
    USING (tenant_id = app_tenant_id()) WITH CHECK (tenant_id = app_tenant_id());

ALTER TABLE provider_standards ENABLE ROW LEVEL SECURITY;
ALTER TABLE provider_standards FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON provider_standards
    USING (tenant_id = app_tenant_id()) WITH CHECK (tenant_id = app_tenant_id());

ALTER TABLE provider_challenges ENABLE ROW LEVEL SECURITY;
ALTER TABLE provider_challenges FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON provider_challenges
    USING (tenant_id = app_tenant_id()) WITH CHECK (tenant_id = app_tenant_id());

ALTER TABLE provider_shares ENABLE ROW LEVEL SECURITY;
ALTER TABLE provider_shares FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON provider_shares
    USING (tenant_id = app_tenant_id()) WITH CHECK (tenant_id = app_tenant_id());

-- The person exception of the security brief: a provider's people read
-- their own provider's rows in every council that still works with it.
-- SELECT only; their writes run in the council's tenant, under
-- tenant_isolation.
CREATE POLICY provider_own_rows ON tenant_providers FOR SELECT
    USING (app_is_provider_person(provider_id));
CREATE POLICY provider_own_rows ON provider_audits FOR SELECT
    USING (app_provider_reaches(tenant_id, provider_id));
CREATE POLICY provider_own_rows ON provider_standards FOR SELECT
    USING (app_provider_reaches(tenant_id, provider_id));
CREATE POLICY provider_own_rows ON provider_challenges FOR SELECT
    USING (app_provider_reaches(tenant_id, provider_id));

-- The sharing exception: a share in force reaches the other tenants of
-- the sharing council's region, read-only, through app_share_reaches of
-- the instrument sharing migration. Only decided audits are shared.
CREATE POLICY shared_with_region ON provider_shares FOR SELECT
    USING (app_share_reaches(tenant_id, 'region', withdrawn_at));
CREATE POLICY shared_with_region ON provider_audits FOR SELECT
    USING (state = 'decided' AND EXISTS (
        SELECT FROM provider_shares s
        WHERE s.tenant_id = provider_audits.tenant_id AND s.audit_id = provider_audits.id
          AND app_share_reaches(s.tenant_id, 'region', s.withdrawn_at)));
CREATE POLICY shared_with_region ON provider_standards FOR SELECT
    USING (EXISTS (
        SELECT FROM provider_shares s
        WHERE s.tenant_id = provider_standards.tenant_id AND s.audit_id = provider_standards.audit_id
          AND app_share_reaches(s.tenant_id, 'region', s.withdrawn_at)));

-- Councils: QA leads and administrators invite providers, open audits,
-- rate, decide and share; viewers read the register. Providers answer
-- their own audits through their inbox, checked in the council's tenant,
-- and read the notices each council sends them.
INSERT INTO casbin_rule (ptype, v0, v1, v2, v3, v4) VALUES
    ('p', 'qa_lead', '*', 'providers', 'read', 'allow'),
    ('p', 'qa_lead', '*', 'providers', 'write', 'allow'),
    ('p', 'tenant_admin', '*', 'providers', 'read', 'allow'),
    ('p', 'tenant_admin', '*', 'providers', 'write', 'allow'),
    ('p', 'viewer', '*', 'providers', 'read', 'allow'),
    ('p', 'qa_lead', '*', 'provider_audits', 'read', 'allow'),
    ('p', 'qa_lead', '*', 'provider_audits', 'write', 'allow'),
    ('p', 'qa_lead', '*', 'provider_audits', 'share', 'allow'),
    ('p', 'tenant_admin', '*', 'provider_audits', 'read', 'allow'),
    ('p', 'tenant_admin', '*', 'provider_audits', 'share', 'allow'),
    ('p', 'viewer', '*', 'provider_audits', 'read', 'allow'),
    ('p', 'provider', '*', 'provider_audits', 'answer', 'allow'),
    ('p', 'provider', '*', 'notifications', 'read', 'allow');

-- +goose Down
DELETE FROM casbin_rule WHERE v2 IN ('providers', 'provider_audits');
DELETE FROM casbin_rule WHERE v0 = 'provider' AND v2 = 'notifications';
DELETE FROM evidence_files WHERE provider_audit_id IS NOT NULL;
ALTER TABLE evidence_files DROP CONSTRAINT evidence_files_owner_check;
DROP INDEX evidence_files_provider_audit_idx;
ALTER TABLE evidence_files DROP COLUMN provider_audit_id;
ALTER TABLE evidence_files ALTER COLUMN response_id SET NOT NULL;
DROP TABLE provider_shares, provider_challenges, provider_standards, provider_audits;
DROP FUNCTION app_provider_reaches(uuid, uuid);
DROP TABLE tenant_providers;
DROP FUNCTION app_is_provider_person(uuid);
DROP TABLE provider_people, providers;
