import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from './api';
import type { components } from './api-auth-schema';

export type Session = components['schemas']['Session'];
export type Membership = components['schemas']['Membership'];
export type Role = components['schemas']['Role'];

/**
 * Who is signed in, from GET /auth/me. Shared by every feature: the app's
 * frame shows the area, pages choose what to offer by role.
 */
export const sessionQuery = queryOptions({
  queryKey: ['auth', 'me'] as const,
  queryFn: ({ signal }) => unwrap(api.GET('/api/v1/auth/me', { signal })),
  staleTime: 5 * 60 * 1000,
});

/** Fetches the session; for pages that need someone signed in. */
export function useSession() {
  return useQuery(sessionQuery);
}

/**
 * The session if it is already known, without asking the server: for the
 * frame of public pages such as sign in, which must not depend on the API.
 */
export function useKnownSession(): Session | undefined {
  return useQuery({ ...sessionQuery, enabled: false }).data;
}

/** The membership for a tenant slug, if the person has one. */
export function findMembership(session: Session | undefined, tenant?: string) {
  return session?.memberships.find((membership) => membership.tenant === tenant);
}

/**
 * Where to go after signing in: a path inside sendqa from `next`, never
 * another site (`//host` or `/\host` would leave it).
 */
export function safeNextPath(next: string | null | undefined): string | null {
  if (!next || !next.startsWith('/')) return null;
  if (next.startsWith('//') || next.startsWith('/\\')) return null;
  if (next.startsWith('/sign-in') || next.startsWith('/sign-out')) return null;

  return next;
}
