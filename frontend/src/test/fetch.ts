import { vi } from 'vitest';

export type Route = (request: Request) => Response | Promise<Response>;

/** A JSON response, as the API writes them. */
export function json(status: number, body: unknown, type = 'application/json') {
  return new Response(status === 204 ? null : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': type },
  });
}

/** An RFC 9457 problem response. */
export function problem(status: number, title: string, extra: Record<string, unknown> = {}) {
  return json(status, { type: 'about:blank', title, status, ...extra }, 'application/problem+json');
}

/**
 * Replaces fetch with routes keyed "METHOD /path" (path without the API's
 * base), and records every request. An unknown route answers 404.
 */
export function mockApi(routes: Record<string, Route>) {
  const requests: Request[] = [];
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(input, init);
    requests.push(request.clone());
    const path = new URL(request.url).pathname.replace(/^\/api\/v1/, '');
    const route = routes[`${request.method} ${path}`];

    return route ? route(request) : problem(404, 'Not found');
  });
  vi.stubGlobal('fetch', fetchMock);

  return { requests, fetchMock };
}

const minutes = 60 * 1000;

/**
 * A session just begun: it ends from now, as the server's would, since the
 * time-out warning (rightly) ends at once a session whose end has passed.
 */
export const demoSession = {
  person: {
    id: '0b7c1c2e-4d47-4d1a-9a55-000000000001',
    email: 'qa_lead@dudley.example.org',
    name: 'Dana Lead',
    platform_admin: false,
  },
  memberships: [
    { tenant: 'dudley', tenant_name: 'Dudley', region: 'black-country', roles: ['qa_lead'] },
  ],
  session: {
    idle_expires_at: new Date(Date.now() + 30 * minutes).toISOString(),
    absolute_expires_at: new Date(Date.now() + 10 * 60 * minutes).toISOString(),
  },
};
