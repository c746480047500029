-- Completing audits: each allocated subject's response (a draft saved as
-- the auditor works, then submitted with its computed result), the
-- evidence files attached to it, the notices people are sent and whether
-- each wants them by e-mail too. The job queue that sends the notices is
-- River's, migrated beside these files (its tables are global and carry
-- ids only).

-- +goose Up

-- Tenant: one auditor's answers to one allocated subject. Answers to
-- personal items (a child's name, date of birth, NHS number) are kept
-- apart in `personal`, sealed like subjects' personal data and bound to
-- this row, so that `answers` holds nothing that identifies a child.
CREATE TABLE responses (
    id                 uuid NOT NULL DEFAULT gen_random_uuid(),
    tenant_id          uuid NOT NULL REFERENCES tenants (id),
    allocation_id      uuid NOT NULL,
    round_id           uuid NOT NULL,
    auditor_id         uuid NOT NULL REFERENCES people (id),
    instrument_key     text NOT NULL,
    instrument_version integer NOT NULL,
    state              text NOT NULL CHECK (state IN ('draft', 'submitted')),
    answers            jsonb NOT NULL DEFAULT '{}',
    personal           bytea,
    personal_key       text,
    result             jsonb,
    as_of              date,
    submitted_at       timestamptz,
    reopened_reason    text NOT NULL DEFAULT '',
    saved_by           uuid REFERENCES people (id),
    version            integer NOT NULL DEFAULT 1,
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, allocation_id),
    FOREIGN KEY (tenant_id, allocation_id) REFERENCES round_subjects (tenant_id, id),
    FOREIGN KEY (tenant_id, round_id) REFERENCES rounds (tenant_id, id),
    CHECK ((personal IS NULL) = (personal_key IS NULL)),
    CHECK ((state = 'submitted') = (result IS NOT NULL))
);
CREATE INDEX responses_round_idx ON responses (tenant_id, round_id, state);

-- Tenant: a file attached to a response or one of its items, stored under
-- a generated key. It may be downloaded only once scan_state is clean.
CREATE TABLE evidence_files (
    id           uuid NOT NULL DEFAULT gen_random_uuid(),
    tenant_id    uuid NOT NULL REFERENCES tenants (id),
    response_id  uuid NOT NULL,
    item_id      text NOT NULL DEFAULT '',
    file_name    text NOT NULL,
    content_type text NOT NULL,
    size_bytes   bigint NOT NULL CHECK (size_bytes >= 0),
    sha256       bytea NOT NULL,
    blob_key     text NOT NULL,
    scan_state   text NOT NULL CHECK (scan_state IN ('pending', 'clean', 'infected')),
    scanned_at   timestamptz,
    uploaded_by  uuid REFERENCES people (id),
    created_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, response_id) REFERENCES responses (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX evidence_files_response_idx ON evidence_files (tenant_id, response_id);

-- Tenant: a notice to one person (allocated, due soon, overdue, reopened).
-- dedupe_key makes a notice happen once however often its job runs;
-- mailed_at records that its e-mail went.
CREATE TABLE notifications (
    id          uuid NOT NULL DEFAULT gen_random_uuid(),
    tenant_id   uuid NOT NULL REFERENCES tenants (id),
    person_id   uuid NOT NULL REFERENCES people (id),
    kind        text NOT NULL CHECK (kind IN ('allocated', 'due_soon', 'overdue', 'reopened')),
    title       text NOT NULL,
    body        text NOT NULL,
    link        text NOT NULL DEFAULT '',
    dedupe_key  text NOT NULL,
    read_at     timestamptz,
    mailed_at   timestamptz,
    created_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, dedupe_key)
);
CREATE INDEX notifications_person_idx ON notifications (tenant_id, person_id, created_at DESC);

-- Tenant: whether a person wants notices by e-mail as well as in the app.
-- A person without a row gets e-mail.
CREATE TABLE notification_preferences (
    tenant_id  uuid NOT NULL REFERENCES tenants (id),
    person_id  uuid NOT NULL REFERENCES people (id),
    email      boolean NOT NULL,
    version    integer NOT NULL DEFAULT 1,
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, person_id)
);

ALTER TABLE responses ENABLE ROW LEVEL SECURITY;
ALTER TABLE responses FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON responses
    USING (tenant_id = app_tenant_id()) WITH CHECK (tenant_id = app_tenant_id());

ALTER TABLE evidence_files ENABLE ROW LEVEL SECURITY;
ALTER TABLE evidence_files FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON evidence_files
    USING (tenant_id = app_tenant_id()) WITH CHECK (tenant_id = app_tenant_id());

ALTER TABLE notifications ENABLE ROW LEVEL SECURITY;
ALTER TABLE notifications FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON notifications
    USING (tenant_id = app_tenant_id()) WITH CHECK (tenant_id = app_tenant_id());

ALTER TABLE notification_preferences ENABLE ROW LEVEL SECURITY;
ALTER TABLE notification_preferences FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON notification_preferences
    USING (tenant_id = app_tenant_id()) WITH CHECK (tenant_id = app_tenant_id());

-- Auditors complete what is allocated to them (the service checks that a
-- response is the caller's own); QA leads and administrators see every
-- response and the results, and QA leads reopen submitted ones. Service
-- managers and viewers see results, with children's data pseudonymised.
-- Everyone in an area has their own notices.
INSERT INTO casbin_rule (ptype, v0, v1, v2, v3, v4) VALUES
    ('p', 'auditor', '*', 'assignments', 'read', 'allow'),
    ('p', 'auditor', '*', 'responses', 'read', 'allow'),
    ('p', 'auditor', '*', 'responses', 'write', 'allow'),
    ('p', 'auditor', '*', 'evidence', 'write', 'allow'),
    ('p', 'auditor', '*', 'evidence', 'read', 'allow'),
    ('p', 'qa_lead', '*', 'assignments', 'read', 'allow'),
    ('p', 'qa_lead', '*', 'responses', 'read', 'allow'),
    ('p', 'qa_lead', '*', 'responses', 'write', 'allow'),
    ('p', 'qa_lead', '*', 'responses', 'read_all', 'allow'),
    ('p', 'qa_lead', '*', 'responses', 'reopen', 'allow'),
    ('p', 'qa_lead', '*', 'evidence', 'write', 'allow'),
    ('p', 'qa_lead', '*', 'evidence', 'read', 'allow'),
    ('p', 'qa_lead', '*', 'results', 'read', 'allow'),
    ('p', 'tenant_admin', '*', 'responses', 'read', 'allow'),
    ('p', 'tenant_admin', '*', 'responses', 'read_all', 'allow'),
    ('p', 'tenant_admin', '*', 'evidence', 'read', 'allow'),
    ('p', 'tenant_admin', '*', 'results', 'read', 'allow'),
    ('p', 'service_manager', '*', 'results', 'read', 'allow'),
    ('p', 'viewer', '*', 'results', 'read', 'allow'),
    ('p', 'tenant_admin', '*', 'notifications', 'read', 'allow'),
    ('p', 'qa_lead', '*', 'notifications', 'read', 'allow'),
    ('p', 'auditor', '*', 'notifications', 'read', 'allow'),
    ('p', 'service_manager', '*', 'notifications', 'read', 'allow'),
    ('p', 'viewer', '*', 'notifications', 'read', 'allow');

-- +goose Down
DELETE FROM casbin_rule WHERE v2 IN ('assignments', 'responses', 'evidence', 'results', 'notifications');
DROP TABLE notification_preferences, notifications, evidence_files, responses;
