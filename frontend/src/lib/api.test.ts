import { afterEach, describe, expect, it, vi } from 'vitest';
import { demoSession, json, mockApi, problem } from '../test/fetch';
import { api, onSessionEvent, unwrap } from './api';
import { ApiError } from './problem';

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('the API client', () => {
  it('adds the CSRF header to unsafe methods only', async () => {
    const { requests } = mockApi({
      'GET /auth/me': () => json(200, demoSession),
      'POST /auth/logout': () => json(204, null),
    });

    await api.GET('/api/v1/auth/me');
    await api.POST('/api/v1/auth/logout');

    expect(requests[0]!.headers.get('X-Requested-With')).toBeNull();
    expect(requests[1]!.headers.get('X-Requested-With')).toBe('sendqa');
    expect(requests.every((r) => r.credentials === 'same-origin')).toBe(true);
  });

  it('refreshes once after a 401 and repeats the request', async () => {
    let signedIn = false;
    const { requests } = mockApi({
      'GET /auth/me': () => (signedIn ? json(200, demoSession) : problem(401, 'Not signed in')),
      'POST /auth/refresh': () => {
        signedIn = true;

        return json(204, null);
      },
    });

    const session = await unwrap(api.GET('/api/v1/auth/me'));

    expect(session.person.email).toBe(demoSession.person.email);
    expect(requests.map((r) => `${r.method} ${new URL(r.url).pathname}`)).toEqual([
      'GET /api/v1/auth/me',
      'POST /api/v1/auth/refresh',
      'GET /api/v1/auth/me',
    ]);
    expect(requests[1]!.headers.get('X-Requested-With')).toBe('sendqa');
  });

  it('reports the session over when the refresh is refused', async () => {
    mockApi({
      'GET /auth/me': () => problem(401, 'Not signed in'),
      'POST /auth/refresh': () => problem(401, 'Not signed in'),
    });
    const events: string[] = [];
    const stop = onSessionEvent((event) => events.push(event));

    await expect(unwrap(api.GET('/api/v1/auth/me'))).rejects.toMatchObject({ status: 401 });
    stop();

    expect(events).toEqual(['unauthenticated']);
  });

  it('does not refresh after a failed sign in', async () => {
    const { requests } = mockApi({
      'POST /auth/login': () => problem(401, 'Wrong email or password'),
    });

    const call = unwrap(
      api.POST('/api/v1/auth/login', { body: { email: 'a@b.c', password: 'x' } }),
    );

    await expect(call).rejects.toBeInstanceOf(ApiError);
    expect(requests).toHaveLength(1);
  });

  it('turns a body that is not a problem into one from the status', async () => {
    mockApi({
      'GET /auth/me': () => new Response('<html>Bad gateway</html>', { status: 502 }),
    });

    const error = await unwrap(api.GET('/api/v1/auth/me')).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).problem).toMatchObject({ status: 502 });
  });

  it('turns a network failure into a problem', async () => {
    vi.stubGlobal('fetch', vi.fn().mockRejectedValue(new TypeError('Failed to fetch')));

    const error = await unwrap(api.GET('/api/v1/auth/me')).catch((e: unknown) => e);

    expect((error as ApiError).problem.status).toBe(0);
  });
});
