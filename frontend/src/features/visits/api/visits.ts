import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, csrfHeaders, unwrap } from '../../../lib/api';
import type { components } from '../../../lib/api-schema';
import type { Answers } from '../../../lib/instrument/types';
import { parseSession, sessionQuery } from '../../../lib/session';

export type Visit = components['schemas']['Visit'];
export type VisitRequest = components['schemas']['VisitRequest'];
export type YoungPerson = components['schemas']['YoungPerson'];
export type VisitOverview = components['schemas']['VisitOverview'];
export type ReviewRequest = components['schemas']['VisitReviewRequest'];
export type AnswerRequest = components['schemas']['VisitAnswerRequest'];

export const keys = {
  all: (tenant: string) => ['t', tenant, 'visits'] as const,
  list: (tenant: string) => ['t', tenant, 'visits', 'list'] as const,
  one: (tenant: string, id: string) => ['t', tenant, 'visits', 'one', id] as const,
  overview: (tenant: string) => ['t', tenant, 'visits', 'overview'] as const,
  instrument: (tenant: string) => ['t', tenant, 'visits', 'instrument'] as const,
  young: (tenant: string) => ['t', tenant, 'young-people'] as const,
  services: (tenant: string) => ['t', tenant, 'visits', 'services'] as const,
};

export function newIdempotencyKey() {
  return crypto.randomUUID();
}

/** POST /auth/code-login: a young person signs in with code and passphrase. */
export function useCodeLogin() {
  const queryClient = useQueryClient();

  return useMutation({
    mutationFn: async (input: { tenant: string; code: string; passphrase: string }) =>
      parseSession(
        await unwrap(
          api.POST('/api/v1/auth/code-login', { params: { header: csrfHeaders }, body: input }),
        ),
      ),
    onSuccess: (session) => {
      queryClient.clear();
      queryClient.setQueryData(sessionQuery.queryKey, session);
    },
  });
}

export function useYoungPeople(tenant: string) {
  return useQuery({
    queryKey: keys.young(tenant),
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/t/{tenant}/young-people', { params: { path: { tenant } }, signal })),
  });
}

export function useCreateYoungPerson(tenant: string) {
  const client = useQueryClient();

  return useMutation({
    mutationFn: (firstName: string) =>
      unwrap(
        api.POST('/api/v1/t/{tenant}/young-people', {
          params: { path: { tenant }, header: { 'Idempotency-Key': newIdempotencyKey() } },
          body: { first_name: firstName },
        }),
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.young(tenant) }),
  });
}

export function useResetCode(tenant: string) {
  const client = useQueryClient();

  return useMutation({
    mutationFn: (id: string) =>
      unwrap(
        api.POST('/api/v1/t/{tenant}/young-people/{id}/code', { params: { path: { tenant, id } } }),
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.young(tenant) }),
  });
}

export function useVisits(tenant: string) {
  return useQuery({
    queryKey: keys.list(tenant),
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/t/{tenant}/visits', {
          params: { path: { tenant }, query: { limit: 200 } },
          signal,
        }),
      ),
  });
}

export function fetchVisit(tenant: string, id: string, signal?: AbortSignal) {
  return unwrap(
    api.GET('/api/v1/t/{tenant}/visits/{id}', { params: { path: { tenant, id } }, signal }),
  );
}

export function useVisit(tenant: string, id: string) {
  return useQuery({
    queryKey: keys.one(tenant, id),
    queryFn: ({ signal }) => fetchVisit(tenant, id, signal),
  });
}

export function useVisitOverview(tenant: string, enabled = true) {
  return useQuery({
    queryKey: keys.overview(tenant),
    enabled,
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/t/{tenant}/visits/overview', { params: { path: { tenant } }, signal }),
      ),
  });
}

/** The built-in site visit instrument the form asks its questions from. */
export function useVisitInstrument(tenant: string) {
  return useQuery({
    queryKey: keys.instrument(tenant),
    staleTime: Infinity,
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/t/{tenant}/visits/instrument', { params: { path: { tenant } }, signal }),
      ),
  });
}

/** The area's services, for "which service was it?". */
export function useServices(tenant: string) {
  return useQuery({
    queryKey: keys.services(tenant),
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/t/{tenant}/organisations', {
          params: { path: { tenant }, query: { limit: 200 } },
          signal,
        }),
      ),
  });
}

export function createVisit(tenant: string, body: VisitRequest, idempotencyKey: string) {
  return unwrap(
    api.POST('/api/v1/t/{tenant}/visits', {
      params: { path: { tenant }, header: { 'Idempotency-Key': idempotencyKey } },
      body,
    }),
  );
}

export function saveVisit(tenant: string, id: string, version: number, body: VisitRequest) {
  return unwrap(
    api.PUT('/api/v1/t/{tenant}/visits/{id}', {
      params: { path: { tenant, id }, header: { 'If-Match': `"${version}"` } },
      body,
    }),
  );
}

export function submitVisit(tenant: string, id: string, version: number, answers: Answers) {
  return unwrap(
    api.POST('/api/v1/t/{tenant}/visits/{id}/submit', {
      params: { path: { tenant, id }, header: { 'If-Match': `"${version}"` } },
      body: { answers: answers as Record<string, never> } as VisitRequest,
    }),
  );
}

export function uploadPhoto(tenant: string, id: string, file: File) {
  return unwrap(
    api.POST('/api/v1/t/{tenant}/visits/{id}/photos', {
      params: { path: { tenant, id }, header: { 'Idempotency-Key': newIdempotencyKey() } },
      body: file as unknown as string,
      bodySerializer: (body: unknown) => body as BodyInit,
      headers: { 'Content-Type': file.type || 'application/octet-stream' },
    }),
  );
}

export function photoPath(tenant: string, visitId: string, photoId: string) {
  return `/api/v1/t/${encodeURIComponent(tenant)}/visits/${encodeURIComponent(visitId)}/photos/${encodeURIComponent(photoId)}`;
}

function useRefresh(tenant: string) {
  const client = useQueryClient();

  return () => client.invalidateQueries({ queryKey: keys.all(tenant) });
}

export function useReview(tenant: string, id: string) {
  const refresh = useRefresh(tenant);

  return useMutation({
    mutationFn: ({ version, body }: { version: number; body: ReviewRequest }) =>
      unwrap(
        api.POST('/api/v1/t/{tenant}/visits/{id}/review', {
          params: { path: { tenant, id }, header: { 'If-Match': `"${version}"` } },
          body,
        }),
      ),
    onSuccess: refresh,
  });
}

export function useConcern(tenant: string, id: string) {
  const refresh = useRefresh(tenant);

  return useMutation({
    mutationFn: (note: string) =>
      unwrap(
        api.POST('/api/v1/t/{tenant}/visits/{id}/concern', {
          params: { path: { tenant, id } },
          body: { note },
        }),
      ),
    onSuccess: refresh,
  });
}

export function useAnswer(tenant: string, id: string) {
  const refresh = useRefresh(tenant);

  return useMutation({
    mutationFn: ({ version, body }: { version: number; body: AnswerRequest }) =>
      unwrap(
        api.PUT('/api/v1/t/{tenant}/visits/{id}/answer', {
          params: { path: { tenant, id }, header: { 'If-Match': `"${version}"` } },
          body,
        }),
      ),
    onSuccess: refresh,
  });
}
