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
} as const;

/** The sign-in path that comes back to `next` afterwards. */
export function signInPath(next?: string, reason?: 'timeout') {
  const params = new URLSearchParams();
  if (next && next !== '/') params.set('next', next);
  if (reason) params.set('reason', reason);
  const query = params.toString();

  return query ? `${paths.signIn}?${query}` : paths.signIn;
}
