import type { ServiceNavigationProps } from '../components/govuk';
import { paths } from '../lib/paths';
import { may, type Permission } from '../lib/permissions';
import type { Membership, Session } from '../lib/session';

type ServiceNavigationItem = ServiceNavigationProps['navigation'][number];

/** A page of a local area, and the permission its API needs. */
export interface AreaPage {
  text: string;
  href: (tenant: string) => string;
  permission: Permission;
}

/**
 * The area's pages in the menu, in this order: the day-to-day work. The
 * menu stays short enough to read on one line at desktop widths, so the
 * pages used now and then (organisations, the trail, personal data) are
 * linked from the home page's panels instead.
 */
export const menuPages: AreaPage[] = [
  { text: 'Instruments', href: paths.instruments, permission: 'instruments:read' },
  { text: 'Subjects', href: paths.subjects, permission: 'subjects:read' },
  { text: 'Rounds', href: paths.rounds, permission: 'rounds:read' },
  { text: 'Members', href: paths.members, permission: 'members:write' },
];

/** Every page of an area that a link may lead to, menu or home page. */
export const areaPages: AreaPage[] = [
  ...menuPages,
  { text: 'Your audits', href: paths.assignments, permission: 'assignments:read' },
  { text: 'Organisations', href: paths.organisations, permission: 'organisations:read' },
  { text: 'Audit trail', href: paths.auditLog, permission: 'audit_log:read' },
  { text: 'Moderation', href: paths.moderation, permission: 'moderations:read' },
  { text: 'Agreement between auditors', href: paths.agreement, permission: 'agreement:read' },
  { text: 'Feedback to services', href: paths.feedback, permission: 'feedback:read' },
  { text: 'Alternative provision providers', href: paths.providers, permission: 'providers:read' },
  // The provider's inbox spans every council that audits it.
  {
    text: 'Your quality standards audits',
    href: paths.providerInbox,
    permission: 'provider_audits:answer',
  },
  { text: 'SEN information reports', href: paths.sir, permission: 'sir:read' },
  { text: 'QA schedule', href: paths.schedule, permission: 'schedule:read' },
  { text: 'Improvement plan', href: paths.actions, permission: 'action_plans:read' },
  {
    text: 'Programme at a glance',
    href: paths.programmeDashboard,
    permission: 'dashboards:programme',
  },
  { text: 'Your services', href: paths.serviceDashboard, permission: 'dashboards:service' },
  { text: 'Headline indicators', href: paths.boardDashboard, permission: 'dashboards:board' },
  { text: 'Regional benchmarks', href: paths.benchmarks, permission: 'benchmarks:read' },
  { text: 'My visits', href: paths.myVisits, permission: 'visits:write' },
  { text: 'Young people', href: paths.youngPeople, permission: 'young_people:write' },
  { text: 'Site visits', href: paths.visits, permission: 'visits:overview' },
  { text: 'Triangulation', href: paths.triangulation, permission: 'triangulation:read' },
  { text: 'Practice reports', href: paths.reports, permission: 'reports:read' },
  { text: 'Personal data', href: paths.personalData, permission: 'personal_data:retention' },
  {
    text: 'Subject access requests',
    href: paths.accessRequest,
    permission: 'personal_data:access_request',
  },
];

interface Link {
  text: string;
  href: string;
  /** Whether the pages under href belong to this link too. */
  section?: boolean;
}

/**
 * Marks the link of the page being shown: `current` on the page itself,
 * `active` anywhere under it (a round is in "Rounds").
 */
function mark(link: Link, pathname: string): ServiceNavigationItem {
  const here = pathname.replace(/\/+$/, '') || '/';
  const current = here === link.href;
  const active = !current && link.section !== false && here.startsWith(`${link.href}/`);

  return { text: link.text, href: link.href, current, active };
}

/**
 * The menu for a person: their area's home and the pages their roles may
 * use, the platform's pages for its administrators, then their account.
 */
export function navigationFor(
  session: Session | undefined,
  membership: Membership | undefined,
  pathname: string,
): ServiceNavigationItem[] {
  if (!session) return [];
  const links: Link[] = [];
  if (membership) {
    const tenant = membership.tenant;
    links.push({ text: 'Home', href: paths.area(tenant), section: false });
    for (const page of menuPages) {
      if (may(membership.roles, page.permission)) {
        links.push({ text: page.text, href: page.href(tenant) });
      }
    }
  }
  if (session.person.platform_admin) {
    links.push({ text: 'Local areas', href: paths.tenants });
    links.push({ text: 'Regions', href: paths.regions });
  }
  if (session.memberships.length > 1) {
    links.push({ text: 'Change local area', href: paths.chooseArea });
  }
  links.push({ text: 'Your account', href: paths.account });
  links.push({ text: 'Sign out', href: paths.signOut });

  return links.map((link) => mark(link, pathname));
}
