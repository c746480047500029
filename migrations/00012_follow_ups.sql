-- Following results up: an action of an improvement plan may schedule a
-- re-audit or a dip sample, which is a small round of its own that names
-- the action, so that its result can be read from the action; and the
-- feedback rule records each response it has settled, so that a daily
-- sweep can queue the responses whose deadline has passed unmoderated
-- without queueing the same ones every day.

-- +goose Up
ALTER TABLE rounds ADD COLUMN purpose text NOT NULL DEFAULT 'programme'
    CHECK (purpose IN ('programme', 're_audit', 'dip_sample'));
ALTER TABLE rounds ADD COLUMN action_id uuid;
ALTER TABLE rounds ADD CONSTRAINT rounds_action_fkey
    FOREIGN KEY (tenant_id, action_id) REFERENCES actions (tenant_id, id);
ALTER TABLE rounds ADD CONSTRAINT rounds_purpose_action_check
    CHECK ((purpose = 'programme') = (action_id IS NULL));
CREATE INDEX rounds_action_idx ON rounds (tenant_id, action_id) WHERE action_id IS NOT NULL;

-- Tenant: a response the feedback rule has settled, with the result it
-- read. A settled response is never queued by the sweep again.
CREATE TABLE feedback_rulings (
    tenant_id   uuid NOT NULL REFERENCES tenants (id),
    response_id uuid NOT NULL,
    overall     text NOT NULL,
    poor        boolean NOT NULL,
    ruled_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, response_id),
    FOREIGN KEY (tenant_id, response_id) REFERENCES responses (tenant_id, id)
);

ALTER TABLE feedback_rulings ENABLE ROW LEVEL SECURITY;
ALTER TABLE feedback_rulings FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON feedback_rulings
    USING (tenant_id = app_tenant_id()) WITH CHECK (tenant_id = app_tenant_id());

-- +goose Down
DROP TABLE feedback_rulings;
DROP INDEX rounds_action_idx;
ALTER TABLE rounds DROP CONSTRAINT rounds_purpose_action_check;
ALTER TABLE rounds DROP CONSTRAINT rounds_action_fkey;
ALTER TABLE rounds DROP COLUMN action_id;
ALTER TABLE rounds DROP COLUMN purpose;
