import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from './api';
import type { components } from './api-schema';

type MeBody = components['schemas']['Me'];

export const roles = [
  'tenant_admin',
  'qa_lead',
  'auditor',
  'service_manager',
  'provider',
  'young_person',
  'participation_officer',
  'viewer',
] as const;

export type Role = (typeof roles)[number];

export interface Membership {
  /** The tenant's slug, e.g. `wolverhampton`. */
  tenant: string;
  tenant_name: string;
  region: string;
  roles: Role[];
}

/** Who is signed in, as the SPA relies on it (see parseSession). */
export interface Session {
  person: { id: string; email: string; name: string; platform_admin: boolean };
  memberships: Membership[];
}

function isRole(value: string): value is Role {
  return (roles as readonly string[]).includes(value);
}

/**
 * Converts a session body (`Me`) from the API into the SPA's Session.
 * Its expiry goes to the time-out through lib/api's session events. Roles the SPA does not know (added to the API before the SPA learns
 * them) are dropped rather than shown.
 */
export function parseSession(body: MeBody): Session {
  return {
    person: {
      id: body.person.id,
      email: body.person.email,
      name: body.person.name,
      platform_admin: body.person.platform_admin,
    },
    memberships: body.memberships.map((membership) => ({
      tenant: membership.tenant,
      tenant_name: membership.tenant_name,
      region: membership.region,
      roles: membership.roles.filter(isRole),
    })),
  };
}

/**
 * Who is signed in, from GET /auth/me. Shared by every feature: the app's
 * frame shows the area, pages choose what to offer by role.
 */
export const sessionQuery = queryOptions({
  queryKey: ['auth', 'me'] as const,
  queryFn: async ({ signal }) => parseSession(await unwrap(api.GET('/api/v1/auth/me', { signal }))),
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
