import { useArea } from '../../../lib/area';
import type { ApiProblem } from '../../../lib/problem';
import { findMembership, useSession } from '../../../lib/session';

/**
 * What the person may do here, by their roles as the API's policy grants
 * them (migrations/00010): QA leads and administrators draw samples and
 * see every moderation; the API decides, this only chooses what to offer.
 */
export function useModerationAccess() {
  const { tenant } = useArea();
  const session = useSession().data;
  const roles = findMembership(session, tenant)?.roles ?? [];

  return {
    personId: session?.person.id ?? '',
    manage: roles.includes('qa_lead') || roles.includes('tenant_admin'),
  };
}

/** Whether an error is the API's problem, which a form shows; anything else fails the page. */
export function fieldOf(error: unknown): error is { problem: ApiProblem } {
  return typeof error === 'object' && error !== null && 'problem' in error;
}
