-- The audit programme's raw material and its cycle: subjects (what is
-- audited) imported from a council's case list, the children's personal
-- data that comes with them, encrypted, and audit rounds with their drawn
-- sample and its allocation to a cohort of auditors.

-- +goose Up

-- Tenant: one thing that can be audited, known by the area's own local id.
-- Children's personal data lives only in `personal`, sealed with a key
-- from configuration (named by personal_key) and bound to this row's
-- tenant and id, so a copied ciphertext opens nowhere else.
CREATE TABLE subjects (
    id             uuid NOT NULL DEFAULT gen_random_uuid(),
    tenant_id      uuid NOT NULL REFERENCES tenants (id),
    kind           text NOT NULL CHECK (kind IN ('ehc_plan', 'ehcna_case', 'advice',
                       'annual_review', 'provider', 'setting', 'service')),
    local_id       text NOT NULL CHECK (length(local_id) BETWEEN 1 AND 40),
    primary_need   text NOT NULL DEFAULT '',
    setting_urn    text NOT NULL DEFAULT '',
    setting_name   text NOT NULL DEFAULT '',
    setting_type   text NOT NULL DEFAULT '',
    ncy            text NOT NULL DEFAULT '',
    key_stage      text NOT NULL DEFAULT '',
    issued_on      date,
    amended        boolean,
    services       text[] NOT NULL DEFAULT '{}',
    personal       bytea,
    personal_key   text,
    personal_since timestamptz,
    version        integer NOT NULL DEFAULT 1,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, local_id),
    CHECK ((personal IS NULL) = (personal_key IS NULL))
);
CREATE INDEX subjects_list_idx ON subjects (tenant_id, kind, local_id);
CREATE INDEX subjects_retention_idx ON subjects (tenant_id, personal_since) WHERE personal IS NOT NULL;

-- Tenant: an uploaded file waiting for its uploader to confirm it. The
-- valid rows are kept sealed like subjects' personal data; rejected rows
-- keep their line and reasons and only the local id they gave.
CREATE TABLE subject_imports (
    id           uuid NOT NULL DEFAULT gen_random_uuid(),
    tenant_id    uuid NOT NULL REFERENCES tenants (id),
    kind         text NOT NULL,
    file_name    text NOT NULL DEFAULT '',
    state        text NOT NULL CHECK (state IN ('previewed', 'confirmed')),
    summary      jsonb NOT NULL,
    rows_sealed  bytea NOT NULL,
    rows_key     text NOT NULL,
    created_by   uuid REFERENCES people (id),
    created_at   timestamptz NOT NULL DEFAULT now(),
    confirmed_at timestamptz,
    expires_at   timestamptz NOT NULL,
    version      integer NOT NULL DEFAULT 1,
    PRIMARY KEY (tenant_id, id)
);

-- Tenant: how long a child's personal data is kept after it was last
-- imported. An area without a row keeps it for the default period.
CREATE TABLE personal_data_rules (
    tenant_id      uuid NOT NULL REFERENCES tenants (id),
    retention_days integer NOT NULL CHECK (retention_days BETWEEN 30 AND 5000),
    version        integer NOT NULL DEFAULT 1,
    updated_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id)
);

-- Tenant: the services an auditor works for, named as subjects'
-- contributing services are, so that conflicts of interest can be found.
CREATE TABLE auditor_services (
    tenant_id  uuid NOT NULL REFERENCES tenants (id),
    person_id  uuid NOT NULL REFERENCES people (id),
    services   text[] NOT NULL DEFAULT '{}',
    version    integer NOT NULL DEFAULT 1,
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, person_id)
);

-- Tenant: one audit round on the termly calendar. The seed is recorded at
-- the draw so that the same sample can be drawn again and explained.
CREATE TABLE rounds (
    id                 uuid NOT NULL DEFAULT gen_random_uuid(),
    tenant_id          uuid NOT NULL REFERENCES tenants (id),
    name               text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    instrument_key     text NOT NULL,
    instrument_version integer NOT NULL CHECK (instrument_version >= 1),
    subject_kind       text NOT NULL,
    term               text NOT NULL CHECK (term IN ('autumn', 'spring', 'summer')),
    academic_year      integer NOT NULL CHECK (academic_year BETWEEN 2000 AND 2100),
    opens_on           date NOT NULL,
    due_on             date NOT NULL CHECK (due_on >= opens_on),
    sampling_method    text NOT NULL CHECK (sampling_method IN ('random', 'stratified')),
    strata_by          text NOT NULL DEFAULT '' CHECK (strata_by IN ('', 'primary_need',
                           'setting_type', 'key_stage')),
    sample_size        integer CHECK (sample_size >= 1),
    per_auditor        integer NOT NULL DEFAULT 2 CHECK (per_auditor BETWEEN 1 AND 50),
    seed               bigint,
    strata             jsonb NOT NULL DEFAULT '[]',
    state              text NOT NULL CHECK (state IN ('planned', 'drawn', 'allocated')),
    drawn_at           timestamptz,
    allocated_at       timestamptz,
    created_by         uuid REFERENCES people (id),
    version            integer NOT NULL DEFAULT 1,
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id),
    CHECK ((sampling_method = 'stratified') = (strata_by <> ''))
);
CREATE INDEX rounds_list_idx ON rounds (tenant_id, academic_year DESC, created_at DESC, id);

-- Tenant: the auditors a round was allocated to, with the services each
-- worked for then. left_at marks one whose audits were handed on.
CREATE TABLE round_auditors (
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    round_id  uuid NOT NULL,
    person_id uuid NOT NULL REFERENCES people (id),
    services  text[] NOT NULL DEFAULT '{}',
    left_at   timestamptz,
    PRIMARY KEY (tenant_id, round_id, person_id),
    FOREIGN KEY (tenant_id, round_id) REFERENCES rounds (tenant_id, id) ON DELETE CASCADE
);

-- Tenant: one sampled subject of a round and, once allocated, its auditor.
-- reason says why a person moved it by hand.
CREATE TABLE round_subjects (
    id          uuid NOT NULL DEFAULT gen_random_uuid(),
    tenant_id   uuid NOT NULL REFERENCES tenants (id),
    round_id    uuid NOT NULL,
    subject_id  uuid NOT NULL,
    stratum     text NOT NULL DEFAULT '',
    position    integer NOT NULL,
    auditor_id  uuid REFERENCES people (id),
    status      text NOT NULL DEFAULT 'sampled' CHECK (status IN ('sampled', 'allocated',
                    'in_progress', 'submitted')),
    reason      text NOT NULL DEFAULT '',
    version     integer NOT NULL DEFAULT 1,
    updated_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, round_id, subject_id),
    FOREIGN KEY (tenant_id, round_id) REFERENCES rounds (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, subject_id) REFERENCES subjects (tenant_id, id)
);
CREATE INDEX round_subjects_auditor_idx ON round_subjects (tenant_id, auditor_id);

ALTER TABLE subjects ENABLE ROW LEVEL SECURITY;
ALTER TABLE subjects FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON subjects
    USING (tenant_id = app_tenant_id()) WITH CHECK (tenant_id = app_tenant_id());

ALTER TABLE subject_imports ENABLE ROW LEVEL SECURITY;
ALTER TABLE subject_imports FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON subject_imports
    USING (tenant_id = app_tenant_id()) WITH CHECK (tenant_id = app_tenant_id());

ALTER TABLE personal_data_rules ENABLE ROW LEVEL SECURITY;
ALTER TABLE personal_data_rules FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON personal_data_rules
    USING (tenant_id = app_tenant_id()) WITH CHECK (tenant_id = app_tenant_id());

ALTER TABLE auditor_services ENABLE ROW LEVEL SECURITY;
ALTER TABLE auditor_services FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON auditor_services
    USING (tenant_id = app_tenant_id()) WITH CHECK (tenant_id = app_tenant_id());

ALTER TABLE rounds ENABLE ROW LEVEL SECURITY;
ALTER TABLE rounds FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON rounds
    USING (tenant_id = app_tenant_id()) WITH CHECK (tenant_id = app_tenant_id());

ALTER TABLE round_auditors ENABLE ROW LEVEL SECURITY;
ALTER TABLE round_auditors FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON round_auditors
    USING (tenant_id = app_tenant_id()) WITH CHECK (tenant_id = app_tenant_id());

ALTER TABLE round_subjects ENABLE ROW LEVEL SECURITY;
ALTER TABLE round_subjects FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON round_subjects
    USING (tenant_id = app_tenant_id()) WITH CHECK (tenant_id = app_tenant_id());

-- The trail is append-only for the runtime role, yet retention must take
-- children's personal data out of it too. This is the one change allowed:
-- dropping the sealed `personal` copy from the current tenant's events
-- about the given subjects. It runs with its owner's rights and touches
-- nothing outside the request's tenant.
CREATE FUNCTION app_purge_trail_personal(subject_ids uuid[]) RETURNS integer
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public AS $$
    WITH purged AS (
        UPDATE audit_events
        SET before = CASE WHEN before ? 'personal' THEN before - 'personal' ELSE before END,
            after = CASE WHEN after ? 'personal' THEN after - 'personal' ELSE after END
        WHERE tenant_id = app_tenant_id() AND entity = 'subject'
          AND entity_id = ANY (subject_ids)
          AND (coalesce(before ? 'personal', false) OR coalesce(after ? 'personal', false))
        RETURNING 1)
    SELECT count(*)::integer FROM purged
$$;

-- Subjects and rounds: QA leads and tenant administrators run the
-- programme. Children's personal data is for the QA lead, who pulls the
-- files; administrators answer subject access requests and set retention.
-- Viewers, service managers and others see none of it.
INSERT INTO casbin_rule (ptype, v0, v1, v2, v3, v4) VALUES
    ('p', 'tenant_admin', '*', 'subjects', 'read', 'allow'),
    ('p', 'tenant_admin', '*', 'subjects', 'write', 'allow'),
    ('p', 'tenant_admin', '*', 'subjects', 'export', 'allow'),
    ('p', 'tenant_admin', '*', 'personal_data', 'access_request', 'allow'),
    ('p', 'tenant_admin', '*', 'personal_data', 'retention', 'allow'),
    ('p', 'tenant_admin', '*', 'rounds', 'read', 'allow'),
    ('p', 'tenant_admin', '*', 'rounds', 'write', 'allow'),
    ('p', 'tenant_admin', '*', 'auditors', 'read', 'allow'),
    ('p', 'tenant_admin', '*', 'auditors', 'write', 'allow'),
    ('p', 'qa_lead', '*', 'subjects', 'read', 'allow'),
    ('p', 'qa_lead', '*', 'subjects', 'write', 'allow'),
    ('p', 'qa_lead', '*', 'subjects', 'export', 'allow'),
    ('p', 'qa_lead', '*', 'personal_data', 'read', 'allow'),
    ('p', 'qa_lead', '*', 'personal_data', 'access_request', 'allow'),
    ('p', 'qa_lead', '*', 'rounds', 'read', 'allow'),
    ('p', 'qa_lead', '*', 'rounds', 'write', 'allow'),
    ('p', 'qa_lead', '*', 'auditors', 'read', 'allow'),
    ('p', 'qa_lead', '*', 'auditors', 'write', 'allow');

-- +goose Down
DELETE FROM casbin_rule WHERE v2 IN ('subjects', 'personal_data', 'rounds', 'auditors');
DROP FUNCTION app_purge_trail_personal(uuid[]);
DROP TABLE round_subjects, round_auditors, rounds, auditor_services, personal_data_rules,
    subject_imports, subjects;
