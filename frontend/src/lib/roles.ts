import type { Role } from './session';

/** What each tenant role is called on screen. */
export const roleLabels: Record<Role, string> = {
  tenant_admin: 'Administrator',
  qa_lead: 'Quality assurance lead',
  auditor: 'Auditor',
  service_manager: 'Service manager',
  provider: 'Alternative provision provider',
  young_person: 'Young person',
  participation_officer: 'Participation officer',
  viewer: 'Partnership board member',
};

/** A role's label, or the API's own word for a role the SPA does not know. */
export function roleLabel(role: string): string {
  return (roleLabels as Record<string, string>)[role] ?? role;
}
