import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './api-schema';
import { ApiError, networkProblem, toProblem } from './problem';

/**
 * What the API layer tells the app about the session. The client only
 * reports; the app decides what to show or where to go.
 */
export type SessionEvent =
  /**
   * The server said when the session ends (sign in, who am I, refresh):
   * `idleExpiresAt` moves on at each refresh, `absoluteExpiresAt` never.
   */
  | { type: 'expiry'; idleExpiresAt: string; absoluteExpiresAt?: string }
  /** A request was refused as not signed in, even after a refresh. */
  | { type: 'unauthenticated' };

type Listener = (event: SessionEvent) => void;
const listeners = new Set<Listener>();

/** Subscribes to session events; returns the unsubscribe function. */
export function onSessionEvent(listener: Listener) {
  listeners.add(listener);

  return () => {
    listeners.delete(listener);
  };
}

/**
 * Tabs of one browser share one session, so a refresh in one tab moves
 * the end of the session for all: otherwise an idle tab would warn about,
 * and then end, the session a busy tab keeps alive. The channel carries
 * only the expiry times.
 */
const tabs = typeof BroadcastChannel === 'function' ? new BroadcastChannel('sendqa-session') : null;
tabs?.addEventListener('message', (message: MessageEvent<SessionEvent>) => {
  if (message.data?.type === 'expiry') notify(message.data);
});

let lastExpiry: Extract<SessionEvent, { type: 'expiry' }> | undefined;

/** The latest expiry the server reported, in this computer's time. */
export function latestExpiry() {
  return lastExpiry;
}

function notify(event: SessionEvent) {
  if (event.type === 'expiry') lastExpiry = event;
  for (const listener of listeners) listener(event);
}

function emit(event: SessionEvent) {
  notify(event);
  if (event.type === 'expiry') tabs?.postMessage(event);
}

/**
 * How far the server's clock is ahead of this computer's, from the Date
 * header: a computer whose clock is a few minutes out would otherwise
 * warn too early or too late.
 */
function clockSkew(response: Response) {
  const server = Date.parse(response.headers.get('Date') ?? '');

  return Number.isNaN(server) ? 0 : server - Date.now();
}

function toLocalClock(time: string, skew: number) {
  const at = Date.parse(time);

  return Number.isNaN(at) ? time : new Date(at - skew).toISOString();
}

/**
 * Reports the expiry in a session body (`Me`), if it has one, in this
 * computer's time.
 */
async function emitExpiry(response: Response) {
  try {
    const body = (await response.clone().json()) as {
      session?: { idle_expires_at?: string; absolute_expires_at?: string };
    };
    const idle = body.session?.idle_expires_at;
    if (idle) {
      const absolute = body.session?.absolute_expires_at;
      const skew = clockSkew(response);
      emit({
        type: 'expiry',
        idleExpiresAt: toLocalClock(idle, skew),
        absoluteExpiresAt: absolute ? toLocalClock(absolute, skew) : undefined,
      });
    }
  } catch {
    // A body that is not JSON carries no expiry.
  }
}

/** An absolute address on this origin: fetch outside a browser needs one. */
function absolute(path = '') {
  return new URL(path, window.location.origin).href;
}

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The API refuses unsafe requests authenticated by cookie without this
 * header (its CSRF defence): a cross-site form cannot set it, and a
 * cross-site script cannot send it without a CORS grant. The middleware
 * adds it to every unsafe request; the OpenAPI document also lists it as
 * a parameter, so typed calls pass it too.
 */
export const csrfHeaders = { 'X-Requested-With': 'sendqa' } as const;

// Routes where a 401 means what it says, so no refresh is tried.
const authRoutes = ['/api/v1/auth/login', '/api/v1/auth/refresh', '/api/v1/auth/logout'];
// Routes that answer the session, with its expiry.
const sessionRoutes = ['/api/v1/auth/login', '/api/v1/auth/me'];

let refreshing: Promise<boolean> | null = null;

/**
 * Asks for a new access cookie, which also moves the idle limit on.
 * Concurrent callers share one request: the refresh token rotates, and a
 * second use of the old one could be taken for theft and end the session.
 */
export function refreshSession(): Promise<boolean> {
  refreshing ??= fetch(absolute('/api/v1/auth/refresh'), {
    method: 'POST',
    credentials: 'same-origin',
    headers: { ...csrfHeaders, Accept: 'application/json, application/problem+json' },
  })
    .then(async (response) => {
      if (response.ok) await emitExpiry(response);

      return response.ok;
    })
    .catch(() => false)
    .finally(() => {
      refreshing = null;
    });

  return refreshing;
}

// Copies of requests in flight, kept so one can be sent again after a
// refresh (a body can be read only once).
const retryable = new Map<string, Request>();

export const sessionMiddleware: Middleware = {
  onRequest({ request, id, schemaPath }) {
    if (!safeMethods.has(request.method)) {
      for (const [name, value] of Object.entries(csrfHeaders)) request.headers.set(name, value);
    }
    request.headers.set('Accept', 'application/json, application/problem+json');
    if (!authRoutes.includes(schemaPath)) retryable.set(id, request.clone());

    return request;
  },

  async onResponse({ response, id, schemaPath }) {
    const copy = retryable.get(id);
    retryable.delete(id);

    if (response.status !== 401 || authRoutes.includes(schemaPath)) {
      if (response.ok && sessionRoutes.includes(schemaPath)) await emitExpiry(response);

      return response;
    }

    // The access cookie lives minutes; a refresh and one retry hide its
    // expiry from the person. A second 401 means the session is over.
    if (copy && (await refreshSession())) {
      const retried = await fetch(copy);
      if (retried.status !== 401) {
        if (retried.ok && sessionRoutes.includes(schemaPath)) await emitExpiry(retried);

        return retried;
      }
    }
    emit({ type: 'unauthenticated' });

    return response;
  },

  onError({ id }) {
    retryable.delete(id);
  },
};

/**
 * The typed API client, from the generated OpenAPI schema. The session
 * lives in HttpOnly cookies that the SPA never sees; nothing here reads
 * or stores a token.
 */
export const api = createClient<paths>({
  // The OpenAPI document's paths carry /api/v1 themselves.
  baseUrl: absolute('/').replace(/\/$/, ''),
  credentials: 'same-origin',
  // Looked up on each call rather than captured once, so tests can stub it.
  fetch: (request) => globalThis.fetch(request),
});
api.use(sessionMiddleware);

interface FetchResult<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/**
 * Returns a call's data or throws an ApiError carrying its problem, for
 * TanStack Query's query and mutation functions.
 */
export async function unwrap<T>(call: Promise<FetchResult<T>>): Promise<T> {
  let result: FetchResult<T>;
  try {
    result = await call;
  } catch {
    throw new ApiError(networkProblem);
  }
  if (result.error !== undefined || !result.response.ok) {
    throw new ApiError(toProblem(result.error, result.response));
  }

  return result.data as T;
}
