import { findMembership, useSession, type Role } from './session';

/**
 * The roles that hold each permission the SPA offers pages for, as the
 * API's policy (casbin_rule in migrations/) grants them. The API decides:
 * this copy only chooses which links and buttons to show, so that nobody
 * is led to a page that answers "forbidden". permissions.test.ts checks
 * it against the migrations.
 */
export const permissions = {
  'instruments:read': [
    'tenant_admin',
    'qa_lead',
    'auditor',
    'service_manager',
    'participation_officer',
    'viewer',
  ],
  'organisations:read': [
    'tenant_admin',
    'qa_lead',
    'auditor',
    'service_manager',
    'participation_officer',
    'viewer',
    'young_person',
  ],
  'audit_log:read': ['tenant_admin', 'qa_lead'],
  'members:write': ['tenant_admin'],
  'subjects:read': ['tenant_admin', 'qa_lead'],
  'subjects:write': ['tenant_admin', 'qa_lead'],
  'personal_data:read': ['qa_lead'],
  'personal_data:access_request': ['tenant_admin', 'qa_lead'],
  'personal_data:retention': ['tenant_admin'],
  'rounds:read': ['tenant_admin', 'qa_lead'],
  'assignments:read': ['auditor', 'qa_lead'],
  'rounds:write': ['tenant_admin', 'qa_lead'],
  'auditors:write': ['tenant_admin', 'qa_lead'],
  'moderations:read': ['tenant_admin', 'qa_lead', 'auditor'],
  'agreement:read': ['tenant_admin', 'qa_lead', 'viewer'],
  'feedback:read': ['tenant_admin', 'qa_lead', 'service_manager'],
  'providers:read': ['tenant_admin', 'qa_lead', 'viewer'],
  'provider_audits:answer': ['provider'],
  'sir:read': ['qa_lead', 'auditor', 'tenant_admin', 'viewer'],
  'schedule:read': [
    'tenant_admin',
    'qa_lead',
    'auditor',
    'service_manager',
    'participation_officer',
    'viewer',
  ],
  'schedule:write': ['tenant_admin', 'qa_lead'],
  'action_plans:read': ['tenant_admin', 'qa_lead', 'service_manager', 'viewer'],
  'dashboards:programme': ['tenant_admin', 'qa_lead'],
  'dashboards:service': ['service_manager'],
  'dashboards:board': ['tenant_admin', 'qa_lead', 'viewer'],
  'benchmarks:read': ['tenant_admin', 'qa_lead', 'viewer'],
  'benchmarks:consent': ['tenant_admin', 'qa_lead'],
  'young_people:write': ['tenant_admin', 'participation_officer'],
  'visits:write': ['young_person'],
  'visits:review': ['participation_officer'],
  'visits:overview': ['participation_officer', 'service_manager', 'qa_lead', 'viewer'],
  'action_plans:manage_all': ['tenant_admin', 'qa_lead'],
  'triangulation:read': ['tenant_admin', 'qa_lead', 'service_manager', 'viewer'],
  'triangulation:write': ['tenant_admin', 'qa_lead'],
  'reports:read': ['tenant_admin', 'qa_lead', 'service_manager', 'viewer'],
  'reports:write': ['tenant_admin', 'qa_lead'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof permissions;

/** Whether any of the roles holds the permission. */
export function may(roles: readonly Role[], permission: Permission): boolean {
  const holders: readonly Role[] = permissions[permission];

  return roles.some((role) => holders.includes(role));
}

/** Whether the person signed in may do this in the area, by their roles there. */
export function useMay(tenant: string, permission: Permission): boolean {
  return may(findMembership(useSession().data, tenant)?.roles ?? [], permission);
}
