-- HY5! site visits: young people's sign-in without e-mail, the visits
-- they record together with the built-in site visit instrument, their
-- photos, the participation officer's review, safeguarding concerns
-- raised from a visit, and the service's answer ("you said, we did").

-- +goose Up

-- Tenant: how a young person signs in. A young person is a person with a
-- first name and no e-mail; the participation officer gives them an
-- invitation code, unique in the area and kept hashed, and at their first
-- sign-in they choose a passphrase (argon2id, like passwords). There is
-- no lockout: attempts are rate limited per code and per address, and the
-- officer can issue a new code, which clears the passphrase.
CREATE TABLE young_person_logins (
    tenant_id        uuid NOT NULL REFERENCES tenants (id),
    person_id        uuid NOT NULL REFERENCES people (id),
    code_hash        bytea NOT NULL,
    passphrase_hash  text,
    code_issued_at   timestamptz NOT NULL DEFAULT now(),
    issued_by        uuid REFERENCES people (id),
    last_sign_in_at  timestamptz,
    created_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, person_id),
    UNIQUE (tenant_id, code_hash),
    FOREIGN KEY (tenant_id, person_id) REFERENCES memberships (tenant_id, person_id)
);

-- Tenant: one visit to a service or place, recorded by one or more young
-- people. A draft is seen only by the young people who went; the
-- participation officer reviews a submitted visit, may hide parts with a
-- reason, and approves it for the service, whose manager answers it. A
-- visit with a safeguarding concern is seen by participation officers
-- only.
CREATE TABLE visits (
    id               uuid NOT NULL DEFAULT gen_random_uuid(),
    tenant_id        uuid NOT NULL REFERENCES tenants (id),
    organisation_id  uuid,
    place            text NOT NULL CHECK (length(place) BETWEEN 1 AND 200),
    visit_date       date NOT NULL,
    state            text NOT NULL CHECK (state IN ('draft', 'submitted', 'approved', 'answered')),
    answers          jsonb NOT NULL DEFAULT '{}',
    overall_label    text,
    ratings          jsonb NOT NULL DEFAULT '{}',
    hidden           jsonb NOT NULL DEFAULT '[]',
    review_note      text NOT NULL DEFAULT '' CHECK (length(review_note) <= 4000),
    safeguarding     boolean NOT NULL DEFAULT false,
    answer           text NOT NULL DEFAULT '' CHECK (length(answer) <= 4000),
    created_by       uuid NOT NULL REFERENCES people (id),
    submitted_at     timestamptz,
    approved_by      uuid REFERENCES people (id),
    approved_at      timestamptz,
    answered_by      uuid REFERENCES people (id),
    answered_at      timestamptz,
    version          integer NOT NULL DEFAULT 1,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, organisation_id) REFERENCES organisations (tenant_id, id),
    CHECK ((state = 'draft') = (submitted_at IS NULL)),
    CHECK ((state IN ('approved', 'answered')) = (approved_at IS NOT NULL)),
    CHECK ((state = 'answered') = (answered_at IS NOT NULL))
);
CREATE INDEX visits_state_idx ON visits (tenant_id, state, visit_date DESC);
CREATE INDEX visits_organisation_idx ON visits (tenant_id, organisation_id, visit_date DESC);

-- Tenant: who went on a visit. Each of them sees the visit and its answer.
CREATE TABLE visit_people (
    tenant_id  uuid NOT NULL REFERENCES tenants (id),
    visit_id   uuid NOT NULL,
    person_id  uuid NOT NULL REFERENCES people (id),
    PRIMARY KEY (tenant_id, visit_id, person_id),
    FOREIGN KEY (tenant_id, visit_id) REFERENCES visits (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX visit_people_person_idx ON visit_people (tenant_id, person_id);

-- Tenant: a photo of a visit, stored re-encoded with no metadata under a
-- generated key.
CREATE TABLE visit_photos (
    id            uuid NOT NULL DEFAULT gen_random_uuid(),
    tenant_id     uuid NOT NULL REFERENCES tenants (id),
    visit_id      uuid NOT NULL,
    content_type  text NOT NULL CHECK (content_type IN ('image/jpeg', 'image/png')),
    size          bigint NOT NULL,
    blob_key      text NOT NULL,
    hidden        boolean NOT NULL DEFAULT false,
    uploaded_by   uuid NOT NULL REFERENCES people (id),
    created_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, visit_id) REFERENCES visits (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX visit_photos_visit_idx ON visit_photos (tenant_id, visit_id);

-- Tenant: a safeguarding concern raised by a participation officer from a
-- visit, for the council's safeguarding route. It never reaches the
-- service.
CREATE TABLE safeguarding_concerns (
    id          uuid NOT NULL DEFAULT gen_random_uuid(),
    tenant_id   uuid NOT NULL REFERENCES tenants (id),
    visit_id    uuid NOT NULL,
    note        text NOT NULL CHECK (length(note) BETWEEN 1 AND 4000),
    raised_by   uuid NOT NULL REFERENCES people (id),
    created_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, visit_id) REFERENCES visits (tenant_id, id)
);
CREATE INDEX safeguarding_concerns_visit_idx ON safeguarding_concerns (tenant_id, visit_id);

ALTER TABLE young_person_logins ENABLE ROW LEVEL SECURITY;
ALTER TABLE young_person_logins FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON young_person_logins
    USING (tenant_id = app_tenant_id()) WITH CHECK (tenant_id = app_tenant_id());

ALTER TABLE visits ENABLE ROW LEVEL SECURITY;
ALTER TABLE visits FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON visits
    USING (tenant_id = app_tenant_id()) WITH CHECK (tenant_id = app_tenant_id());
-- A draft is the young people's own until they send it: only the people
-- who went see it, whatever the role of the caller. Restrictive, so it
-- narrows the tenant policy and never widens it beyond the tenant.
CREATE POLICY drafts_own_rows ON visits AS RESTRICTIVE
    USING (state <> 'draft' OR created_by = app_person_id() OR EXISTS (
        SELECT 1 FROM visit_people vp
        WHERE vp.tenant_id = visits.tenant_id AND vp.visit_id = visits.id
          AND vp.person_id = app_person_id()));

ALTER TABLE visit_people ENABLE ROW LEVEL SECURITY;
ALTER TABLE visit_people FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON visit_people
    USING (tenant_id = app_tenant_id()) WITH CHECK (tenant_id = app_tenant_id());

ALTER TABLE visit_photos ENABLE ROW LEVEL SECURITY;
ALTER TABLE visit_photos FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON visit_photos
    USING (tenant_id = app_tenant_id()) WITH CHECK (tenant_id = app_tenant_id());

ALTER TABLE safeguarding_concerns ENABLE ROW LEVEL SECURITY;
ALTER TABLE safeguarding_concerns FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON safeguarding_concerns
    USING (tenant_id = app_tenant_id()) WITH CHECK (tenant_id = app_tenant_id());

-- Participation officers and administrators create young people's
-- accounts and issue codes (write); young people read the first names of
-- their group, to say who went. Young people record their own visits
-- (write); participation officers review them (review) and see every
-- visit sent (read_all); service managers answer the approved visits to
-- the services whose local plan they lead, QA leads any (answer). The
-- overview of visits is for officers, managers, QA leads and viewers.
INSERT INTO casbin_rule (ptype, v0, v1, v2, v3, v4) VALUES
    ('p', 'participation_officer', '*', 'young_people', 'read', 'allow'),
    ('p', 'participation_officer', '*', 'young_people', 'write', 'allow'),
    ('p', 'tenant_admin', '*', 'young_people', 'read', 'allow'),
    ('p', 'tenant_admin', '*', 'young_people', 'write', 'allow'),
    ('p', 'young_person', '*', 'young_people', 'read', 'allow'),
    ('p', 'young_person', '*', 'visits', 'read', 'allow'),
    ('p', 'young_person', '*', 'visits', 'write', 'allow'),
    ('p', 'young_person', '*', 'organisations', 'read', 'allow'),
    ('p', 'young_person', '*', 'notifications', 'read', 'allow'),
    ('p', 'participation_officer', '*', 'visits', 'read', 'allow'),
    ('p', 'participation_officer', '*', 'visits', 'review', 'allow'),
    ('p', 'participation_officer', '*', 'visits', 'overview', 'allow'),
    ('p', 'participation_officer', '*', 'notifications', 'read', 'allow'),
    ('p', 'service_manager', '*', 'visits', 'read', 'allow'),
    ('p', 'service_manager', '*', 'visits', 'answer', 'allow'),
    ('p', 'service_manager', '*', 'visits', 'overview', 'allow'),
    ('p', 'qa_lead', '*', 'visits', 'read', 'allow'),
    ('p', 'qa_lead', '*', 'visits', 'answer', 'allow'),
    ('p', 'qa_lead', '*', 'visits', 'overview', 'allow'),
    ('p', 'viewer', '*', 'visits', 'overview', 'allow');

-- +goose Down
DELETE FROM casbin_rule WHERE v2 IN ('young_people', 'visits');
DELETE FROM casbin_rule WHERE v0 = 'young_person' AND v2 IN ('organisations', 'notifications');
DELETE FROM casbin_rule WHERE v0 = 'participation_officer' AND v2 = 'notifications';
DROP TABLE safeguarding_concerns, visit_photos, visit_people, visits, young_person_logins;
