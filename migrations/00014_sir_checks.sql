-- SEN information report checks: the register of settings imported from
-- CSV, a yearly round that samples settings at random by a recorded seed,
-- each setting's check against Schedule 1 of the SEND Regulations 2014,
-- and the feedback letter sent to its SENCO with the PDF attached. The
-- settings themselves are the area's organisations, which already carry
-- their URN, phase, type, report address and contact e-mail.

-- +goose Up

-- Tenant: a register file, checked, waiting to be confirmed. rows holds
-- the valid rows as JSON; a register names schools, never children.
CREATE TABLE setting_imports (
    id            uuid NOT NULL DEFAULT gen_random_uuid(),
    tenant_id     uuid NOT NULL REFERENCES tenants (id),
    file_name     text NOT NULL DEFAULT '' CHECK (length(file_name) <= 100),
    state         text NOT NULL CHECK (state IN ('previewed', 'confirmed')),
    total_rows    integer NOT NULL,
    new_count     integer NOT NULL,
    updated_count integer NOT NULL,
    unchanged     integer NOT NULL,
    rows          jsonb NOT NULL DEFAULT '[]',
    rejected      jsonb NOT NULL DEFAULT '[]',
    ignored       jsonb NOT NULL DEFAULT '[]',
    created_by    uuid REFERENCES people (id),
    created_at    timestamptz NOT NULL DEFAULT now(),
    confirmed_at  timestamptz,
    expires_at    timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, id)
);

-- Tenant: one year's SEN information report round. seed and the strata
-- drawn record the sample so that it can be drawn again and explained.
CREATE TABLE sir_rounds (
    id            uuid NOT NULL DEFAULT gen_random_uuid(),
    tenant_id     uuid NOT NULL REFERENCES tenants (id),
    name          text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    year          integer NOT NULL CHECK (year BETWEEN 2014 AND 2100),
    sample_size   integer NOT NULL CHECK (sample_size BETWEEN 1 AND 1000),
    by_phase      boolean NOT NULL DEFAULT false,
    seed          bigint NOT NULL,
    strata        jsonb NOT NULL DEFAULT '[]',
    population    integer NOT NULL,
    due_on        date NOT NULL,
    created_by    uuid REFERENCES people (id),
    version       integer NOT NULL DEFAULT 1,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id)
);
CREATE UNIQUE INDEX sir_rounds_name_key ON sir_rounds (tenant_id, lower(name));
CREATE INDEX sir_rounds_list_idx ON sir_rounds (tenant_id, year DESC, id);

-- Tenant: the check of one sampled setting's report. ratings maps each
-- Schedule 1 item to its rating and comment. The captured copy is kept in
-- the evidence bucket under copy_key, since the report itself changes.
CREATE TABLE sir_checks (
    id              uuid NOT NULL DEFAULT gen_random_uuid(),
    tenant_id       uuid NOT NULL REFERENCES tenants (id),
    round_id        uuid NOT NULL,
    organisation_id uuid NOT NULL,
    stratum         text NOT NULL DEFAULT '',
    officer_id      uuid REFERENCES people (id),
    state           text NOT NULL CHECK (state IN ('unallocated', 'allocated', 'completed')),
    report_url      text NOT NULL DEFAULT '' CHECK (length(report_url) <= 500),
    checked_on      date,
    published       boolean,
    last_updated    date,
    ratings         jsonb NOT NULL DEFAULT '{}',
    copy_key        text,
    copy_name       text NOT NULL DEFAULT '',
    copy_type       text NOT NULL DEFAULT '',
    copy_size       bigint NOT NULL DEFAULT 0,
    completed_at    timestamptz,
    saved_by        uuid REFERENCES people (id),
    version         integer NOT NULL DEFAULT 1,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, round_id, organisation_id),
    FOREIGN KEY (tenant_id, round_id) REFERENCES sir_rounds (tenant_id, id),
    FOREIGN KEY (tenant_id, organisation_id) REFERENCES organisations (tenant_id, id),
    CHECK ((state = 'unallocated') = (officer_id IS NULL)),
    CHECK ((state = 'completed') = (completed_at IS NOT NULL))
);
CREATE INDEX sir_checks_organisation_idx ON sir_checks (tenant_id, organisation_id);
CREATE INDEX sir_checks_officer_idx ON sir_checks (tenant_id, officer_id);

-- Tenant: the feedback letter of one check: drafted from the check,
-- reviewed by the officer, then sent to the setting's SENCO.
CREATE TABLE sir_letters (
    id           uuid NOT NULL DEFAULT gen_random_uuid(),
    tenant_id    uuid NOT NULL REFERENCES tenants (id),
    check_id     uuid NOT NULL,
    state        text NOT NULL CHECK (state IN ('draft', 'reviewed', 'sent')),
    findings     jsonb NOT NULL,
    respond_by   date NOT NULL,
    pdf          bytea NOT NULL,
    generated_by uuid REFERENCES people (id),
    generated_at timestamptz NOT NULL DEFAULT now(),
    reviewed_by  uuid REFERENCES people (id),
    reviewed_at  timestamptz,
    sent_to      text NOT NULL DEFAULT '',
    sent_at      timestamptz,
    version      integer NOT NULL DEFAULT 1,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, check_id),
    FOREIGN KEY (tenant_id, check_id) REFERENCES sir_checks (tenant_id, id),
    CHECK ((state = 'sent') = (sent_at IS NOT NULL))
);

-- A letter goes with its PDF attached. The outbox is global (the job
-- that sends it needs no tenant); a letter names a school, never a child.
ALTER TABLE outbound_mail
    ADD COLUMN attachment_name text NOT NULL DEFAULT '',
    ADD COLUMN attachment_type text NOT NULL DEFAULT '',
    ADD COLUMN attachment bytea;

ALTER TABLE setting_imports ENABLE ROW LEVEL SECURITY;
ALTER TABLE setting_imports FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON setting_imports
    USING (tenant_id = app_tenant_id()) WITH CHECK (tenant_id = app_tenant_id());

ALTER TABLE sir_rounds ENABLE ROW LEVEL SECURITY;
ALTER TABLE sir_rounds FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON sir_rounds
    USING (tenant_id = app_tenant_id()) WITH CHECK (tenant_id = app_tenant_id());

ALTER TABLE sir_checks ENABLE ROW LEVEL SECURITY;
ALTER TABLE sir_checks FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON sir_checks
    USING (tenant_id = app_tenant_id()) WITH CHECK (tenant_id = app_tenant_id());

ALTER TABLE sir_letters ENABLE ROW LEVEL SECURITY;
ALTER TABLE sir_letters FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON sir_letters
    USING (tenant_id = app_tenant_id()) WITH CHECK (tenant_id = app_tenant_id());

-- The register is read by everyone who works on the programme and kept by
-- QA leads and administrators. QA leads run SIR rounds (manage); officers
-- (auditors and QA leads) complete the checks allocated to them and send
-- their letters (write); administrators and viewers read the results.
INSERT INTO casbin_rule (ptype, v0, v1, v2, v3, v4) VALUES
    ('p', 'qa_lead', '*', 'settings', 'read', 'allow'),
    ('p', 'qa_lead', '*', 'settings', 'write', 'allow'),
    ('p', 'tenant_admin', '*', 'settings', 'read', 'allow'),
    ('p', 'tenant_admin', '*', 'settings', 'write', 'allow'),
    ('p', 'auditor', '*', 'settings', 'read', 'allow'),
    ('p', 'viewer', '*', 'settings', 'read', 'allow'),
    ('p', 'qa_lead', '*', 'sir', 'read', 'allow'),
    ('p', 'qa_lead', '*', 'sir', 'write', 'allow'),
    ('p', 'qa_lead', '*', 'sir', 'manage', 'allow'),
    ('p', 'auditor', '*', 'sir', 'read', 'allow'),
    ('p', 'auditor', '*', 'sir', 'write', 'allow'),
    ('p', 'tenant_admin', '*', 'sir', 'read', 'allow'),
    ('p', 'viewer', '*', 'sir', 'read', 'allow');

-- +goose Down
DELETE FROM casbin_rule WHERE v2 IN ('settings', 'sir');
ALTER TABLE outbound_mail DROP COLUMN attachment_name, DROP COLUMN attachment_type,
    DROP COLUMN attachment;
DROP TABLE sir_letters, sir_checks, sir_rounds, setting_imports;
