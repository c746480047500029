/** The SPA's own paths, in one place so links and routes agree. */
export const paths = {
  home: '/',
  signIn: '/sign-in',
  signOut: '/sign-out',
  chooseArea: '/choose-area',
  area: (tenant: string) => `/t/${encodeURIComponent(tenant)}`,
  accessibility: '/accessibility',
  privacy: '/privacy',
  cookies: '/cookies',
  forbidden: '/forbidden',
  acceptInvitation: '/invitations/accept',
  forgottenPassword: '/forgotten-password',
  passwordReset: '/password-reset',
  account: '/account',
  changePassword: '/account/password',
  newToken: '/account/tokens/new',
  admin: '/admin',
  tenants: '/admin/tenants',
  newTenant: '/admin/tenants/new',
  regions: '/admin/regions',
  newRegion: '/admin/regions/new',
  members: (tenant: string) => `/t/${encodeURIComponent(tenant)}/members`,
  inviteMember: (tenant: string) => `/t/${encodeURIComponent(tenant)}/members/invite`,
  importInvitations: (tenant: string) => `/t/${encodeURIComponent(tenant)}/members/import`,
  member: (tenant: string, personId: string) =>
    `/t/${encodeURIComponent(tenant)}/members/${encodeURIComponent(personId)}`,
  removeMember: (tenant: string, personId: string) =>
    `/t/${encodeURIComponent(tenant)}/members/${encodeURIComponent(personId)}/remove`,
  revokeInvitation: (tenant: string, id: string) =>
    `/t/${encodeURIComponent(tenant)}/invitations/${encodeURIComponent(id)}/revoke`,
  organisations: (tenant: string) => `/t/${encodeURIComponent(tenant)}/organisations`,
  newOrganisation: (tenant: string) => `/t/${encodeURIComponent(tenant)}/organisations/new`,
  organisation: (tenant: string, id: string) =>
    `/t/${encodeURIComponent(tenant)}/organisations/${encodeURIComponent(id)}`,
  auditLog: (tenant: string) => `/t/${encodeURIComponent(tenant)}/audit-log`,
  // The first pages of the features that keep their other paths beside
  // them, for the menu and the home page.
  instruments: (tenant: string) => `/t/${encodeURIComponent(tenant)}/instruments`,
  subjects: (tenant: string) => `/t/${encodeURIComponent(tenant)}/subjects`,
  rounds: (tenant: string) => `/t/${encodeURIComponent(tenant)}/rounds`,
  assignments: (tenant: string) => `/t/${encodeURIComponent(tenant)}/assignments`,
  moderation: (tenant: string) => `/t/${encodeURIComponent(tenant)}/moderation`,
  agreement: (tenant: string) => `/t/${encodeURIComponent(tenant)}/agreement`,
  feedback: (tenant: string) => `/t/${encodeURIComponent(tenant)}/feedback`,
  providers: (tenant: string) => `/t/${encodeURIComponent(tenant)}/providers`,
  providerInbox: () => '/provider',
  sir: (tenant: string) => `/t/${encodeURIComponent(tenant)}/sir`,
  schedule: (tenant: string) => `/t/${encodeURIComponent(tenant)}/schedule`,
  actions: (tenant: string) => `/t/${encodeURIComponent(tenant)}/actions`,
  programmeDashboard: (tenant: string) => `/t/${encodeURIComponent(tenant)}/dashboards/programme`,
  serviceDashboard: (tenant: string) => `/t/${encodeURIComponent(tenant)}/dashboards/service`,
  boardDashboard: (tenant: string) => `/t/${encodeURIComponent(tenant)}/dashboards/board`,
  benchmarks: (tenant: string) => `/t/${encodeURIComponent(tenant)}/benchmarks`,
  youngPeople: (tenant: string) => `/t/${encodeURIComponent(tenant)}/young-people`,
  visits: (tenant: string) => `/t/${encodeURIComponent(tenant)}/visits`,
  myVisits: (tenant: string) => `/t/${encodeURIComponent(tenant)}/my-visits`,
  triangulation: (tenant: string) => `/t/${encodeURIComponent(tenant)}/triangulation`,
  reports: (tenant: string) => `/t/${encodeURIComponent(tenant)}/reports`,
  personalData: (tenant: string) => `/t/${encodeURIComponent(tenant)}/personal-data`,
  accessRequest: (tenant: string) =>
    `/t/${encodeURIComponent(tenant)}/personal-data/access-request`,
} as const;

/**
 * The sign-in path that comes back to `next` afterwards. Asked to come back
 * to the sign-in page itself (two signals that the session ended can arrive
 * one after the other), it keeps the page that one would return to, so the
 * person never lands on a sign-in page after signing in.
 */
export function signInPath(next?: string, reason?: 'timeout') {
  const params = new URLSearchParams();
  const target = returnTarget(next);
  if (target && target !== '/') params.set('next', target);
  if (reason) params.set('reason', reason);
  const query = params.toString();

  return query ? `${paths.signIn}?${query}` : paths.signIn;
}

function returnTarget(next?: string): string | undefined {
  if (!next) return undefined;
  const [path, query = ''] = next.split('?', 2);
  if (path !== paths.signIn) return next;

  return new URLSearchParams(query).get('next') ?? undefined;
}
