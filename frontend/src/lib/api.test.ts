import { afterEach, describe, expect, it, vi } from 'vitest';
import { demoSession, json, mockApi, problem } from '../test/fetch';
import { api, csrfHeaders, onSessionEvent, unwrap, type SessionEvent } from './api';
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
    // Without the header parameter: the middleware adds it regardless.
    await api.POST('/api/v1/auth/logout', { params: { header: {} as typeof csrfHeaders } });

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

    expect(session.person?.email).toBe(demoSession.person.email);
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
    const events: SessionEvent[] = [];
    const stop = onSessionEvent((event) => events.push(event));

    await expect(unwrap(api.GET('/api/v1/auth/me'))).rejects.toMatchObject({ status: 401 });
    stop();

    expect(events).toEqual([{ type: 'unauthenticated' }]);
  });

  it('does not refresh after a failed sign in', async () => {
    const { requests } = mockApi({
      'POST /auth/login': () => problem(401, 'Wrong email or password'),
    });

    const call = unwrap(
      api.POST('/api/v1/auth/login', {
        params: { header: csrfHeaders },
        body: { email: 'a@b.c', password: 'x' },
      }),
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

  it('reports the session expiry, and shares it with the other tabs', async () => {
    mockApi({ 'GET /auth/me': () => json(200, demoSession) });
    const otherTab = new BroadcastChannel('sendqa-session');
    const heard: unknown[] = [];
    otherTab.onmessage = (message) => heard.push(message.data);
    const events: SessionEvent[] = [];
    const stop = onSessionEvent((event) => events.push(event));

    await api.GET('/api/v1/auth/me');
    const later = { type: 'expiry', idleExpiresAt: '2026-12-03T18:00:00Z' };
    otherTab.postMessage(later);

    const expiry = {
      type: 'expiry',
      idleExpiresAt: new Date(demoSession.session.idle_expires_at).toISOString(),
      absoluteExpiresAt: new Date(demoSession.session.absolute_expires_at).toISOString(),
    };
    await vi.waitFor(() => expect(heard).toEqual([expiry]));
    await vi.waitFor(() => expect(events).toEqual([expiry, later]));
    stop();
    otherTab.close();
  });
});

describe('the session expiry', () => {
  it("is moved to this computer's clock when the server's differs", async () => {
    const serverAhead = 5 * 60 * 1000;
    const serverNow = new Date(Date.now() + serverAhead);
    serverNow.setMilliseconds(0);
    const idle = new Date(serverNow.getTime() + 30 * 60 * 1000);
    mockApi({
      'GET /auth/me': () =>
        new Response(
          JSON.stringify({ ...demoSession, session: { idle_expires_at: idle.toISOString() } }),
          {
            status: 200,
            headers: { 'Content-Type': 'application/json', Date: serverNow.toUTCString() },
          },
        ),
    });
    const events: SessionEvent[] = [];
    const stop = onSessionEvent((event) => events.push(event));

    await api.GET('/api/v1/auth/me');
    stop();

    const event = events[0];
    expect(event?.type).toBe('expiry');
    const local = Date.parse((event as { idleExpiresAt: string }).idleExpiresAt);
    // 30 minutes from now on this computer's clock, give or take the test's own time.
    expect(Math.abs(local - (Date.now() + 30 * 60 * 1000))).toBeLessThan(5000);
  });
});
