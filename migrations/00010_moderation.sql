-- Moderation and the feedback loop: a second, blind audit of a sample of
-- each round's submitted responses by an auditor without a conflict, the
-- result the two auditors agree, and the feedback sent to the services
-- that contributed to a plan whose result was poor, with their reply.

-- +goose Up

-- Tenant: one sampled response audited again by a moderator. The
-- moderator's answers and result are kept here; the first response is
-- never changed. agreed_label is the result the QA lead or the moderator
-- records after comparing the two audits.
CREATE TABLE moderations (
    id            uuid NOT NULL DEFAULT gen_random_uuid(),
    tenant_id     uuid NOT NULL REFERENCES tenants (id),
    round_id      uuid NOT NULL,
    response_id   uuid NOT NULL,
    moderator_id  uuid NOT NULL REFERENCES people (id),
    state         text NOT NULL CHECK (state IN ('allocated', 'draft', 'submitted', 'agreed')),
    answers       jsonb NOT NULL DEFAULT '{}',
    result        jsonb,
    submitted_at  timestamptz,
    due_on        date NOT NULL,
    discussion    text NOT NULL DEFAULT '' CHECK (length(discussion) <= 4000),
    agreed_label  text,
    agreed_by     uuid REFERENCES people (id),
    agreed_at     timestamptz,
    saved_by      uuid REFERENCES people (id),
    version       integer NOT NULL DEFAULT 1,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, response_id),
    FOREIGN KEY (tenant_id, response_id) REFERENCES responses (tenant_id, id),
    FOREIGN KEY (tenant_id, round_id) REFERENCES rounds (tenant_id, id),
    CHECK ((state IN ('submitted', 'agreed')) = (result IS NOT NULL)),
    CHECK ((state = 'agreed') = (agreed_label IS NOT NULL))
);
CREATE INDEX moderations_round_idx ON moderations (tenant_id, round_id);
CREATE INDEX moderations_moderator_idx ON moderations (tenant_id, moderator_id);

-- Tenant: the findings of a poor result sent to one contributing service,
-- named as the subject names it, and matched to the area's organisation
-- of that name when there is one. There is at most one per response and
-- service, however often the job that sends it runs.
CREATE TABLE feedback (
    id              uuid NOT NULL DEFAULT gen_random_uuid(),
    tenant_id       uuid NOT NULL REFERENCES tenants (id),
    response_id     uuid NOT NULL,
    moderation_id   uuid,
    round_id        uuid NOT NULL,
    service         text NOT NULL CHECK (length(service) BETWEEN 1 AND 200),
    organisation_id uuid,
    overall         text NOT NULL,
    findings        jsonb NOT NULL DEFAULT '[]',
    state           text NOT NULL CHECK (state IN ('sent', 'answered')),
    reply           text NOT NULL DEFAULT '' CHECK (length(reply) <= 4000),
    replied_by      uuid REFERENCES people (id),
    replied_at      timestamptz,
    version         integer NOT NULL DEFAULT 1,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, response_id) REFERENCES responses (tenant_id, id),
    FOREIGN KEY (tenant_id, moderation_id) REFERENCES moderations (tenant_id, id),
    FOREIGN KEY (tenant_id, round_id) REFERENCES rounds (tenant_id, id),
    FOREIGN KEY (tenant_id, organisation_id) REFERENCES organisations (tenant_id, id),
    CHECK ((state = 'answered') = (replied_at IS NOT NULL))
);
CREATE UNIQUE INDEX feedback_once_key ON feedback (tenant_id, response_id, lower(service));
CREATE INDEX feedback_organisation_idx ON feedback (tenant_id, organisation_id, created_at DESC);

ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check;
ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check
    CHECK (kind IN ('allocated', 'due_soon', 'overdue', 'reopened', 'moderation', 'feedback'));

ALTER TABLE moderations ENABLE ROW LEVEL SECURITY;
ALTER TABLE moderations FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON moderations
    USING (tenant_id = app_tenant_id()) WITH CHECK (tenant_id = app_tenant_id());

ALTER TABLE feedback ENABLE ROW LEVEL SECURITY;
ALTER TABLE feedback FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON feedback
    USING (tenant_id = app_tenant_id()) WITH CHECK (tenant_id = app_tenant_id());

-- QA leads draw moderation samples, compare audits and record agreed
-- results (manage); a moderator completes their own moderations and may
-- record the agreed result of one they moderated. Agreement statistics
-- are for QA leads, administrators and viewers. Service managers read and
-- answer the feedback to the services whose local plan they lead; QA
-- leads and administrators read all of it.
INSERT INTO casbin_rule (ptype, v0, v1, v2, v3, v4) VALUES
    ('p', 'qa_lead', '*', 'moderations', 'read', 'allow'),
    ('p', 'qa_lead', '*', 'moderations', 'write', 'allow'),
    ('p', 'qa_lead', '*', 'moderations', 'manage', 'allow'),
    ('p', 'tenant_admin', '*', 'moderations', 'read', 'allow'),
    ('p', 'tenant_admin', '*', 'moderations', 'manage', 'allow'),
    ('p', 'auditor', '*', 'moderations', 'read', 'allow'),
    ('p', 'auditor', '*', 'moderations', 'write', 'allow'),
    ('p', 'qa_lead', '*', 'agreement', 'read', 'allow'),
    ('p', 'tenant_admin', '*', 'agreement', 'read', 'allow'),
    ('p', 'viewer', '*', 'agreement', 'read', 'allow'),
    ('p', 'qa_lead', '*', 'feedback', 'read', 'allow'),
    ('p', 'qa_lead', '*', 'feedback', 'write', 'allow'),
    ('p', 'qa_lead', '*', 'feedback', 'read_all', 'allow'),
    ('p', 'tenant_admin', '*', 'feedback', 'read', 'allow'),
    ('p', 'tenant_admin', '*', 'feedback', 'read_all', 'allow'),
    ('p', 'service_manager', '*', 'feedback', 'read', 'allow'),
    ('p', 'service_manager', '*', 'feedback', 'write', 'allow');

-- +goose Down
DELETE FROM casbin_rule WHERE v2 IN ('moderations', 'agreement', 'feedback');
DELETE FROM notifications WHERE kind IN ('moderation', 'feedback');
ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check;
ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check
    CHECK (kind IN ('allocated', 'due_soon', 'overdue', 'reopened'));
DROP TABLE feedback, moderations;
