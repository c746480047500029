import { findMembership, useSession, type Role } from '../../../lib/session';
import type { Plan } from '../api/actions';

// The roles the policy lets keep every plan (action_plans:manage_all).
const managers: Role[] = ['tenant_admin', 'qa_lead'];

/**
 * Whether the person may keep plans: every plan for QA leads and
 * administrators, and the plans they lead for anyone else. The API checks
 * again; this only hides buttons that would be refused.
 */
export function usePlanAccess(tenant: string) {
  const session = useSession().data;
  const roles = findMembership(session, tenant)?.roles ?? [];
  const managesAll = roles.some((role) => managers.includes(role));
  const personId = session?.person.id;

  return {
    managesAll,
    personId,
    mayKeep: (plan: Plan) => managesAll || (plan.lead_id !== null && plan.lead_id === personId),
  };
}
