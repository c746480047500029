-- Improvement plans: the area's practice improvement plan and a local plan
-- per service, their actions with an owner, a due date, status and RAG,
-- the progress updates written against each action, and a link to the
-- finding that caused an action.

-- +goose Up

-- Tenant: a plan of actions. There is one practice improvement plan per
-- area and at most one local plan per service (an organisation). lead_id
-- is the member who leads the plan: for a local plan, the service's
-- manager, who may then keep that plan and its actions.
CREATE TABLE action_plans (
    id              uuid NOT NULL DEFAULT gen_random_uuid(),
    tenant_id       uuid NOT NULL REFERENCES tenants (id),
    kind            text NOT NULL CHECK (kind IN ('practice', 'local')),
    title           text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    organisation_id uuid,
    lead_id         uuid REFERENCES people (id),
    created_by      uuid REFERENCES people (id),
    version         integer NOT NULL DEFAULT 1,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, organisation_id) REFERENCES organisations (tenant_id, id),
    CHECK ((kind = 'local') = (organisation_id IS NOT NULL))
);
CREATE UNIQUE INDEX action_plans_practice_key ON action_plans (tenant_id) WHERE kind = 'practice';
CREATE UNIQUE INDEX action_plans_local_key ON action_plans (tenant_id, organisation_id)
    WHERE kind = 'local';

-- Tenant: one action of a plan. source_kind and source_id name the finding
-- that caused it (a response, a moderation, feedback to a service), kept
-- without a foreign key so that one column pair serves every kind.
CREATE TABLE actions (
    id           uuid NOT NULL DEFAULT gen_random_uuid(),
    tenant_id    uuid NOT NULL REFERENCES tenants (id),
    plan_id      uuid NOT NULL,
    title        text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
    description  text NOT NULL DEFAULT '' CHECK (length(description) <= 4000),
    owner_id     uuid NOT NULL REFERENCES people (id),
    due_on       date NOT NULL,
    status       text NOT NULL CHECK (status IN ('not_started', 'in_progress', 'completed',
                     'cancelled')),
    rag          text NOT NULL CHECK (rag IN ('red', 'amber', 'green')),
    impact       text NOT NULL DEFAULT '' CHECK (length(impact) <= 4000),
    source_kind  text CHECK (source_kind IN ('response', 'moderation', 'feedback')),
    source_id    uuid,
    created_by   uuid REFERENCES people (id),
    version      integer NOT NULL DEFAULT 1,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, plan_id) REFERENCES action_plans (tenant_id, id),
    CHECK ((source_kind IS NULL) = (source_id IS NULL))
);
CREATE INDEX actions_due_idx ON actions (tenant_id, due_on, id);
CREATE INDEX actions_plan_idx ON actions (tenant_id, plan_id, due_on, id);
CREATE INDEX actions_owner_idx ON actions (tenant_id, owner_id);
CREATE INDEX actions_source_idx ON actions (tenant_id, source_kind, source_id)
    WHERE source_id IS NOT NULL;

-- Tenant: a progress update on an action, dated by its writer. Updates
-- are never changed or removed once written.
CREATE TABLE action_updates (
    id          uuid NOT NULL DEFAULT gen_random_uuid(),
    tenant_id   uuid NOT NULL REFERENCES tenants (id),
    action_id   uuid NOT NULL,
    written_on  date NOT NULL,
    body        text NOT NULL CHECK (length(body) BETWEEN 1 AND 4000),
    author_id   uuid NOT NULL REFERENCES people (id),
    recorded_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, action_id) REFERENCES actions (tenant_id, id)
);
CREATE INDEX action_updates_action_idx ON action_updates (tenant_id, action_id, recorded_at);

-- +goose StatementBegin
CREATE FUNCTION action_updates_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'progress updates are never changed or removed'
        USING ERRCODE = 'insufficient_privilege';
END $$;
-- +goose StatementEnd
CREATE TRIGGER action_updates_append_only BEFORE UPDATE OR DELETE ON action_updates
    FOR EACH ROW EXECUTE FUNCTION action_updates_append_only();

ALTER TABLE action_plans ENABLE ROW LEVEL SECURITY;
ALTER TABLE action_plans FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON action_plans
    USING (tenant_id = app_tenant_id()) WITH CHECK (tenant_id = app_tenant_id());

ALTER TABLE actions ENABLE ROW LEVEL SECURITY;
ALTER TABLE actions FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON actions
    USING (tenant_id = app_tenant_id()) WITH CHECK (tenant_id = app_tenant_id());

ALTER TABLE action_updates ENABLE ROW LEVEL SECURITY;
ALTER TABLE action_updates FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON action_updates
    USING (tenant_id = app_tenant_id()) WITH CHECK (tenant_id = app_tenant_id());

-- QA leads and tenant administrators keep every plan (manage_all); a
-- service manager writes too, but the service lets them change only the
-- plans they lead and add progress to the actions they own. Viewers read.
INSERT INTO casbin_rule (ptype, v0, v1, v2, v3, v4) VALUES
    ('p', 'tenant_admin', '*', 'action_plans', 'read', 'allow'),
    ('p', 'tenant_admin', '*', 'action_plans', 'write', 'allow'),
    ('p', 'tenant_admin', '*', 'action_plans', 'manage_all', 'allow'),
    ('p', 'qa_lead', '*', 'action_plans', 'read', 'allow'),
    ('p', 'qa_lead', '*', 'action_plans', 'write', 'allow'),
    ('p', 'qa_lead', '*', 'action_plans', 'manage_all', 'allow'),
    ('p', 'service_manager', '*', 'action_plans', 'read', 'allow'),
    ('p', 'service_manager', '*', 'action_plans', 'write', 'allow'),
    ('p', 'viewer', '*', 'action_plans', 'read', 'allow');

-- +goose Down
DELETE FROM casbin_rule WHERE v2 = 'action_plans';
DROP TABLE action_updates, actions, action_plans;
DROP FUNCTION action_updates_append_only();
