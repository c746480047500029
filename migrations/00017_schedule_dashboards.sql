-- The QA schedule and its calendar feeds, and the consent each area gives
-- to show its figures beside its region's in regional benchmarks.

-- +goose Up

-- Tenant: one activity of the area's QA schedule: what is done, by whom,
-- how often and in which months, and the outcome expected. owner_id is
-- the person reminded when it falls due.
CREATE TABLE qa_activities (
    id          uuid NOT NULL DEFAULT gen_random_uuid(),
    tenant_id   uuid NOT NULL REFERENCES tenants (id),
    what        text NOT NULL CHECK (length(what) BETWEEN 1 AND 200),
    who         text NOT NULL DEFAULT '' CHECK (length(who) <= 500),
    frequency   text NOT NULL CHECK (frequency IN ('monthly', 'termly', 'three_times_a_year',
                    'annual')),
    months      integer[] NOT NULL,
    due_day     integer NOT NULL DEFAULT 28 CHECK (due_day BETWEEN 1 AND 28),
    outcome     text NOT NULL DEFAULT '' CHECK (length(outcome) <= 2000),
    owner_id    uuid REFERENCES people (id),
    archived_at timestamptz,
    version     integer NOT NULL DEFAULT 1,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX qa_activities_owner_idx ON qa_activities (tenant_id, owner_id);

-- Tenant: an occurrence of an activity marked done.
CREATE TABLE qa_activity_completions (
    tenant_id    uuid NOT NULL REFERENCES tenants (id),
    activity_id  uuid NOT NULL,
    due_on       date NOT NULL,
    completed_on date NOT NULL,
    completed_by uuid REFERENCES people (id),
    note         text NOT NULL DEFAULT '' CHECK (length(note) <= 2000),
    created_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, activity_id, due_on),
    FOREIGN KEY (tenant_id, activity_id) REFERENCES qa_activities (tenant_id, id)
);

-- Tenant: a person's calendar feed, found by the hash of the secret in
-- its address (calendar programs send no cookies). Revoking it ends the
-- address at once.
CREATE TABLE calendar_feeds (
    id         uuid NOT NULL DEFAULT gen_random_uuid(),
    tenant_id  uuid NOT NULL REFERENCES tenants (id),
    person_id  uuid NOT NULL REFERENCES people (id),
    token_hash bytea NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    revoked_at timestamptz,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, token_hash)
);
CREATE INDEX calendar_feeds_person_idx ON calendar_feeds (tenant_id, person_id);

-- Tenant: the area's consent to show its figures in its region's
-- benchmarks, recorded with who gave it, and ended by withdrawal.
CREATE TABLE benchmark_consents (
    id           uuid NOT NULL DEFAULT gen_random_uuid(),
    tenant_id    uuid NOT NULL REFERENCES tenants (id),
    given_by     uuid REFERENCES people (id),
    given_at     timestamptz NOT NULL DEFAULT now(),
    withdrawn_by uuid REFERENCES people (id),
    withdrawn_at timestamptz,
    PRIMARY KEY (tenant_id, id)
);
CREATE UNIQUE INDEX benchmark_consents_current_key ON benchmark_consents (tenant_id)
    WHERE withdrawn_at IS NULL;

ALTER TABLE qa_activities ENABLE ROW LEVEL SECURITY;
ALTER TABLE qa_activities FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON qa_activities
    USING (tenant_id = app_tenant_id()) WITH CHECK (tenant_id = app_tenant_id());
ALTER TABLE qa_activity_completions ENABLE ROW LEVEL SECURITY;
ALTER TABLE qa_activity_completions FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON qa_activity_completions
    USING (tenant_id = app_tenant_id()) WITH CHECK (tenant_id = app_tenant_id());
ALTER TABLE calendar_feeds ENABLE ROW LEVEL SECURITY;
ALTER TABLE calendar_feeds FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON calendar_feeds
    USING (tenant_id = app_tenant_id()) WITH CHECK (tenant_id = app_tenant_id());
ALTER TABLE benchmark_consents ENABLE ROW LEVEL SECURITY;
ALTER TABLE benchmark_consents FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON benchmark_consents
    USING (tenant_id = app_tenant_id()) WITH CHECK (tenant_id = app_tenant_id());

-- The designed exception for regional benchmarks: counts of submitted
-- results by overall label, per consenting area of the caller's region
-- (app.region_id), for one instrument. It runs with its owner's rights so
-- that it can count across areas, and returns counts only: no response,
-- subject or person leaves it. An area without current consent is not
-- counted at all.
CREATE FUNCTION region_result_counts(instrument text, from_day date, to_day date)
RETURNS TABLE (tenant_id uuid, label text, responses bigint)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    WITH areas AS MATERIALIZED (
        SELECT t.id FROM tenants t
        WHERE t.region_id = app_region_id()
          AND EXISTS (SELECT 1 FROM benchmark_consents c
                      WHERE c.tenant_id = t.id AND c.withdrawn_at IS NULL))
    SELECT r.tenant_id, coalesce(r.result->'overall'->>'label', ''), count(*)
    FROM areas a
    JOIN responses r ON r.tenant_id = a.id
    WHERE r.state = 'submitted'
      AND r.result->'overall'->>'scored' = 'true'
      AND r.instrument_key = instrument
      AND r.submitted_at >= from_day::timestamptz
      AND r.submitted_at < (to_day + 1)::timestamptz
    GROUP BY 1, 2
$$;

-- The areas of the caller's region that consent to benchmarks now, so
-- that a benchmark can list an area that consents but has no results.
CREATE FUNCTION region_consenting_areas()
RETURNS TABLE (tenant_id uuid)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT c.tenant_id FROM benchmark_consents c JOIN tenants t ON t.id = c.tenant_id
    WHERE t.region_id = app_region_id() AND c.withdrawn_at IS NULL
$$;

-- QA leads keep the schedule; everyone in the area reads it and may have
-- a calendar feed of it. Dashboards are read by the roles each is for;
-- QA leads and administrators give or withdraw benchmark consent, and
-- read benchmarks with viewers.
INSERT INTO casbin_rule (ptype, v0, v1, v2, v3, v4) VALUES
    ('p', 'qa_lead', '*', 'schedule', 'read', 'allow'),
    ('p', 'qa_lead', '*', 'schedule', 'write', 'allow'),
    ('p', 'tenant_admin', '*', 'schedule', 'read', 'allow'),
    ('p', 'tenant_admin', '*', 'schedule', 'write', 'allow'),
    ('p', 'auditor', '*', 'schedule', 'read', 'allow'),
    ('p', 'service_manager', '*', 'schedule', 'read', 'allow'),
    ('p', 'participation_officer', '*', 'schedule', 'read', 'allow'),
    ('p', 'viewer', '*', 'schedule', 'read', 'allow'),
    ('p', 'qa_lead', '*', 'dashboards', 'programme', 'allow'),
    ('p', 'tenant_admin', '*', 'dashboards', 'programme', 'allow'),
    ('p', 'service_manager', '*', 'dashboards', 'service', 'allow'),
    ('p', 'qa_lead', '*', 'dashboards', 'board', 'allow'),
    ('p', 'tenant_admin', '*', 'dashboards', 'board', 'allow'),
    ('p', 'viewer', '*', 'dashboards', 'board', 'allow'),
    ('p', 'qa_lead', '*', 'benchmarks', 'read', 'allow'),
    ('p', 'tenant_admin', '*', 'benchmarks', 'read', 'allow'),
    ('p', 'viewer', '*', 'benchmarks', 'read', 'allow'),
    ('p', 'qa_lead', '*', 'benchmarks', 'consent', 'allow'),
    ('p', 'tenant_admin', '*', 'benchmarks', 'consent', 'allow');

-- +goose Down
DELETE FROM casbin_rule WHERE v2 IN ('schedule', 'dashboards', 'benchmarks');
DROP FUNCTION region_result_counts(text, date, date);
DROP FUNCTION region_consenting_areas();
DROP TABLE benchmark_consents, calendar_feeds, qa_activity_completions, qa_activities;
