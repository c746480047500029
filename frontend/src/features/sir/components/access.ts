import { useArea } from '../../../lib/area';
import type { ApiProblem } from '../../../lib/problem';
import { findMembership, useSession } from '../../../lib/session';

/**
 * What the person may do here, by their roles as the API's policy grants
 * them (migrations/00014): QA leads run rounds and keep the register with
 * administrators; officers (auditors and QA leads) complete their checks.
 * The API decides; this only chooses what to offer.
 */
export function useSirAccess() {
  const { tenant } = useArea();
  const session = useSession().data;
  const roles = findMembership(session, tenant)?.roles ?? [];

  return {
    personId: session?.person.id ?? '',
    manage: roles.includes('qa_lead'),
    keepRegister: roles.includes('qa_lead') || roles.includes('tenant_admin'),
  };
}

/** Whether an error is the API's problem, which a form shows; anything else fails the page. */
export function isProblem(error: unknown): error is { problem: ApiProblem } {
  return typeof error === 'object' && error !== null && 'problem' in error;
}
