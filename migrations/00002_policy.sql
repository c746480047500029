-- Role policies for Casbin (RBAC with domains, the domain being a tenant).
-- The permissions of each role live in casbin_rule, created here rather
-- than by the adapter's AutoMigrate. Who holds which role lives only in
-- memberships; the enforcer mirrors it through policy_grants().

-- +goose Up
CREATE TABLE casbin_rule (
    id    bigserial PRIMARY KEY,
    ptype varchar(100) NOT NULL,
    v0    varchar(100) NOT NULL DEFAULT '',
    v1    varchar(100) NOT NULL DEFAULT '',
    v2    varchar(100) NOT NULL DEFAULT '',
    v3    varchar(100) NOT NULL DEFAULT '',
    v4    varchar(100) NOT NULL DEFAULT '',
    v5    varchar(100) NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX idx_casbin_rule ON casbin_rule (ptype, v0, v1, v2, v3, v4, v5);

-- p, role, domain ("*" for every tenant), object, action, effect
INSERT INTO casbin_rule (ptype, v0, v1, v2, v3, v4) VALUES
    ('p', 'tenant_admin', '*', 'organisations', 'read', 'allow'),
    ('p', 'tenant_admin', '*', 'organisations', 'write', 'allow'),
    ('p', 'tenant_admin', '*', 'audit_log', 'read', 'allow'),
    ('p', 'tenant_admin', '*', 'members', 'read', 'allow'),
    ('p', 'tenant_admin', '*', 'members', 'write', 'allow'),
    ('p', 'qa_lead', '*', 'organisations', 'read', 'allow'),
    ('p', 'qa_lead', '*', 'organisations', 'write', 'allow'),
    ('p', 'qa_lead', '*', 'audit_log', 'read', 'allow'),
    ('p', 'qa_lead', '*', 'members', 'read', 'allow'),
    ('p', 'auditor', '*', 'organisations', 'read', 'allow'),
    ('p', 'service_manager', '*', 'organisations', 'read', 'allow'),
    ('p', 'participation_officer', '*', 'organisations', 'read', 'allow'),
    ('p', 'viewer', '*', 'organisations', 'read', 'allow');

-- Every role grant in every tenant, for the policy enforcer of each
-- replica. It runs with its owner's rights because the enforcer must see
-- all tenants; it returns ids and role names only, nothing about children.
CREATE FUNCTION policy_grants()
RETURNS TABLE (person_id uuid, role text, tenant_id uuid)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
    SELECT m.person_id, r.role, m.tenant_id
    FROM memberships m, unnest(m.roles) AS r(role)
$$;

-- A change of roles or permissions is announced when it commits, so that
-- every replica reloads its enforcer within moments.
-- +goose StatementBegin
CREATE FUNCTION notify_policy_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('sendqa_policy', TG_TABLE_NAME);
    RETURN NULL;
END $$;
-- +goose StatementEnd

CREATE TRIGGER memberships_policy_change
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON memberships
    FOR EACH STATEMENT EXECUTE FUNCTION notify_policy_change();
CREATE TRIGGER casbin_rule_policy_change
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON casbin_rule
    FOR EACH STATEMENT EXECUTE FUNCTION notify_policy_change();

-- +goose Down
DROP TRIGGER casbin_rule_policy_change ON casbin_rule;
DROP TRIGGER memberships_policy_change ON memberships;
DROP FUNCTION notify_policy_change();
DROP FUNCTION policy_grants();
DROP TABLE casbin_rule;
