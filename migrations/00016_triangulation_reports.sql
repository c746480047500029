-- Triangulation and the practice report: each area's list of themes,
-- the findings recorded against them from every source (audits,
-- moderation, feedback, and the records of sources sendqa does not run,
-- entered or imported), and the practice reports assembled for a period,
-- frozen when published.

-- +goose Up

-- Tenant: a theme the area looks for across its sources. links names the
-- instruments ("ehcp_quality_audit") or their sections
-- ("ehcp_quality_audit/section_e") whose ratings are findings on it.
CREATE TABLE themes (
    id          uuid NOT NULL DEFAULT gen_random_uuid(),
    tenant_id   uuid NOT NULL REFERENCES tenants (id),
    name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    description text NOT NULL DEFAULT '' CHECK (length(description) <= 2000),
    links       text[] NOT NULL DEFAULT '{}',
    position    integer NOT NULL DEFAULT 0,
    archived    boolean NOT NULL DEFAULT false,
    version     integer NOT NULL DEFAULT 1,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id)
);
CREATE UNIQUE INDEX themes_name_key ON themes (tenant_id, lower(name));
CREATE INDEX themes_position_idx ON themes (tenant_id, position, id);

-- Tenant: one finding, a strength or an area for development, on a theme.
-- source_kind is the kind of source it came from, checked by shape so
-- that each capability names its own kinds; source_id is the record it
-- came from when sendqa holds one (a response, a moderation, feedback, an
-- AP audit). derived_key keeps a finding derived from a record once
-- however often derivation runs.
CREATE TABLE findings (
    id           uuid NOT NULL DEFAULT gen_random_uuid(),
    tenant_id    uuid NOT NULL REFERENCES tenants (id),
    theme_id     uuid NOT NULL,
    source_kind  text NOT NULL CHECK (source_kind ~ '^[a-z][a-z_]{1,39}$'),
    source_id    uuid,
    source_label text NOT NULL DEFAULT '' CHECK (length(source_label) <= 300),
    polarity     text NOT NULL CHECK (polarity IN ('strength', 'development')),
    body         text NOT NULL CHECK (length(body) BETWEEN 1 AND 4000),
    found_on     date NOT NULL,
    origin       text NOT NULL CHECK (origin IN ('entered', 'imported', 'derived')),
    derived_key  text,
    created_by   uuid REFERENCES people (id),
    version      integer NOT NULL DEFAULT 1,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, theme_id) REFERENCES themes (tenant_id, id)
);
CREATE INDEX findings_found_idx ON findings (tenant_id, found_on, id);
CREATE INDEX findings_theme_idx ON findings (tenant_id, theme_id, source_kind, found_on);
CREATE UNIQUE INDEX findings_derived_key ON findings (tenant_id, derived_key)
    WHERE derived_key IS NOT NULL;

-- Tenant: a practice report for a period. A draft's figures are worked
-- out from the data whenever it is read; publishing stores them in
-- figures and freezes the report, and the next report compares with it.
CREATE TABLE reports (
    id            uuid NOT NULL DEFAULT gen_random_uuid(),
    tenant_id     uuid NOT NULL REFERENCES tenants (id),
    title         text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    period_from   date NOT NULL,
    period_to     date NOT NULL CHECK (period_to >= period_from),
    state         text NOT NULL CHECK (state IN ('draft', 'published')),
    narrative     jsonb NOT NULL DEFAULT '{}',
    figures       jsonb,
    previous_id   uuid,
    published_at  timestamptz,
    published_by  uuid REFERENCES people (id),
    created_by    uuid REFERENCES people (id),
    version       integer NOT NULL DEFAULT 1,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, previous_id) REFERENCES reports (tenant_id, id),
    CHECK ((state = 'published') = (figures IS NOT NULL AND published_at IS NOT NULL))
);
CREATE INDEX reports_period_idx ON reports (tenant_id, period_to DESC, id);

-- +goose StatementBegin
-- A published report is never changed or removed.
CREATE FUNCTION reports_frozen() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.state = 'published' THEN
        RAISE EXCEPTION 'a published report is frozen'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END $$;
-- +goose StatementEnd
CREATE TRIGGER reports_frozen BEFORE UPDATE OR DELETE ON reports
    FOR EACH ROW EXECUTE FUNCTION reports_frozen();

ALTER TABLE themes ENABLE ROW LEVEL SECURITY;
ALTER TABLE themes FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON themes
    USING (tenant_id = app_tenant_id()) WITH CHECK (tenant_id = app_tenant_id());

ALTER TABLE findings ENABLE ROW LEVEL SECURITY;
ALTER TABLE findings FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON findings
    USING (tenant_id = app_tenant_id()) WITH CHECK (tenant_id = app_tenant_id());

ALTER TABLE reports ENABLE ROW LEVEL SECURITY;
ALTER TABLE reports FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON reports
    USING (tenant_id = app_tenant_id()) WITH CHECK (tenant_id = app_tenant_id());

-- +goose StatementBegin
-- seed_themes gives an area the framework's proposed dip themes
-- (Appendix C), each linked to the instruments and plan sections whose
-- ratings speak to it. It runs as the schema owner, for a new tenant
-- before any request has set that tenant.
CREATE FUNCTION seed_themes(area uuid) RETURNS void
LANGUAGE sql SECURITY DEFINER SET search_path = public AS $$
    INSERT INTO themes (tenant_id, name, links, position)
    SELECT area, t.name, t.links, t.position
    FROM (VALUES
        (1, 'Social care advice',
            '{ehcp_quality_audit/section_d,ehcp_quality_audit/section_h}'::text[]),
        (2, 'Alternative provision', '{ap_quality_standards}'::text[]),
        (3, 'Transitions and continuity of support',
            '{ehcp_quality_audit/section_i,annual_review_compliance}'::text[]),
        (4, 'Quality of education advice (SNEYS and EPS)',
            '{eps_advice_quality,ehcp_quality_audit/section_f}'::text[]),
        (5, 'Quality of health advice',
            '{health_advice_quality,ehcp_quality_audit/section_c,ehcp_quality_audit/section_g}'::text[]),
        (6, 'Preparation for adulthood and independence',
            '{ehcp_quality_audit/preparation_for_adulthood}'::text[]),
        (7, 'Short breaks', '{}'::text[]),
        (8, 'Youth justice service and diversion', '{}'::text[]),
        (9, 'Identification of SEND primary area of need',
            '{ehcp_quality_audit/section_b}'::text[]),
        (10, 'Children and young people in care', '{}'::text[]),
        (11, 'Provision for SEN support',
            '{sen_information_report_check,ehcp_quality_audit/section_e,ehcp_quality_audit/golden_thread}'::text[]),
        (12, 'Early help', '{}'::text[]),
        (13, 'SEMH', '{}'::text[]),
        (14, 'Provision for children and young people not educated in schools', '{}'::text[]),
        (15, 'Health and wellbeing (including access to public health services)', '{}'::text[]),
        (16, 'Social participation (community and leisure, sport, youth voice, volunteering)',
            '{hy5_site_visit,ehcp_quality_audit/section_a}'::text[])
    ) AS t (position, name, links)
    ON CONFLICT DO NOTHING;
$$;

CREATE FUNCTION tenants_seed_themes() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
    PERFORM seed_themes(NEW.id);
    RETURN NEW;
END $$;
-- +goose StatementEnd
REVOKE ALL ON FUNCTION seed_themes(uuid) FROM PUBLIC;
CREATE TRIGGER tenants_seed_themes AFTER INSERT ON tenants
    FOR EACH ROW EXECUTE FUNCTION tenants_seed_themes();
SELECT seed_themes(id) FROM tenants;

-- QA leads and administrators keep themes, findings and reports; service
-- managers and board members (viewers) read them.
INSERT INTO casbin_rule (ptype, v0, v1, v2, v3, v4) VALUES
    ('p', 'tenant_admin', '*', 'triangulation', 'read', 'allow'),
    ('p', 'tenant_admin', '*', 'triangulation', 'write', 'allow'),
    ('p', 'qa_lead', '*', 'triangulation', 'read', 'allow'),
    ('p', 'qa_lead', '*', 'triangulation', 'write', 'allow'),
    ('p', 'service_manager', '*', 'triangulation', 'read', 'allow'),
    ('p', 'viewer', '*', 'triangulation', 'read', 'allow'),
    ('p', 'tenant_admin', '*', 'reports', 'read', 'allow'),
    ('p', 'tenant_admin', '*', 'reports', 'write', 'allow'),
    ('p', 'qa_lead', '*', 'reports', 'read', 'allow'),
    ('p', 'qa_lead', '*', 'reports', 'write', 'allow'),
    ('p', 'service_manager', '*', 'reports', 'read', 'allow'),
    ('p', 'viewer', '*', 'reports', 'read', 'allow');

-- +goose Down
DELETE FROM casbin_rule WHERE v2 IN ('triangulation', 'reports');
DROP TRIGGER tenants_seed_themes ON tenants;
DROP FUNCTION tenants_seed_themes();
DROP FUNCTION seed_themes(uuid);
DROP TABLE reports, findings, themes;
DROP FUNCTION reports_frozen();
