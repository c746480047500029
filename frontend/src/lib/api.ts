import createClient, { type Middleware } from 'openapi-fetch';
import type { paths as authPaths } from './api-auth-schema';
import type { paths as generatedPaths } from './api-schema';
import { ApiError, networkProblem, toProblem } from './problem';

/**
 * Every route the SPA may call: the generated paths, plus the hand-kept
 * auth routes until the OpenAPI document has them (it wins once it does).
 */
export type ApiPaths = generatedPaths & Omit<authPaths, keyof generatedPaths>;

/**
 * What the API layer tells the app about the session. The client only
 * reports; the app decides what to show or where to go.
 */
export type SessionEvent =
  /** A request succeeded, so the server saw activity on the session. */
  | 'activity'
  /** A request was refused as not signed in, even after a refresh. */
  | 'unauthenticated';

type Listener = (event: SessionEvent) => void;
const listeners = new Set<Listener>();

/** Subscribes to session events; returns the unsubscribe function. */
export function onSessionEvent(listener: Listener) {
  listeners.add(listener);

  return () => {
    listeners.delete(listener);
  };
}

function emit(event: SessionEvent) {
  for (const listener of listeners) listener(event);
}

/** An absolute address on this origin: fetch outside a browser needs one. */
function absolute(path = '') {
  return new URL(path, window.location.origin).href;
}
const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The API refuses unsafe requests authenticated by cookie without this
 * header (its CSRF defence): a cross-site form cannot set it, and a
 * cross-site script cannot send it without a CORS grant.
 */
export const csrfHeader = { name: 'X-Requested-With', value: 'sendqa' };

// Routes where a 401 means what it says, so no refresh is tried.
const authRoutes = ['/api/v1/auth/login', '/api/v1/auth/refresh', '/api/v1/auth/logout'];

let refreshing: Promise<boolean> | null = null;

/**
 * Asks for a new access cookie. Concurrent callers share one request: the
 * refresh token rotates, and a second use of the old one could be taken
 * for theft and end the session.
 */
export function refreshSession(): Promise<boolean> {
  refreshing ??= fetch(absolute('/api/v1/auth/refresh'), {
    method: 'POST',
    credentials: 'same-origin',
    headers: { [csrfHeader.name]: csrfHeader.value },
  })
    .then((response) => response.ok)
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
      request.headers.set(csrfHeader.name, csrfHeader.value);
    }
    request.headers.set('Accept', 'application/json, application/problem+json');
    if (!authRoutes.includes(schemaPath)) retryable.set(id, request.clone());

    return request;
  },

  async onResponse({ response, id, schemaPath }) {
    const copy = retryable.get(id);
    retryable.delete(id);

    if (response.status !== 401 || authRoutes.includes(schemaPath)) {
      if (response.ok) emit('activity');

      return response;
    }

    // The access cookie lives minutes; a refresh and one retry hide its
    // expiry from the person. A second 401 means the session is over.
    if (copy && (await refreshSession())) {
      const retried = await fetch(copy);
      if (retried.status !== 401) {
        if (retried.ok) emit('activity');

        return retried;
      }
    }
    emit('unauthenticated');

    return response;
  },

  onError({ id }) {
    retryable.delete(id);
  },
};

/**
 * The typed API client. The session lives in HttpOnly cookies that the
 * SPA never sees; nothing here reads or stores a token.
 */
export const api = createClient<ApiPaths>({
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
