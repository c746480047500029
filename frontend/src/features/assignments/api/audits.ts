import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../lib/api';
import type { components } from '../../../lib/api-schema';
import type { Answers } from '../../../lib/instrument/types';

export type Assignment = components['schemas']['AssignmentResponse'];
export type AuditResponse = components['schemas']['ResponseResponse'];
export type Evidence = components['schemas']['EvidenceResponse'];
export type Score = components['schemas']['ScoreResponse'];
export type Notice = components['schemas']['NotificationResponse'];
export type Results = components['schemas']['ResultsResponse'];

export const keys = {
  all: (tenant: string) => ['t', tenant, 'audits'] as const,
  assignments: (tenant: string) => ['t', tenant, 'audits', 'assignments'] as const,
  response: (tenant: string, id: string) => ['t', tenant, 'audits', 'response', id] as const,
  notices: (tenant: string) => ['t', tenant, 'audits', 'notifications'] as const,
  preference: (tenant: string) => ['t', tenant, 'audits', 'preference'] as const,
  results: (tenant: string, id: string) => ['t', tenant, 'audits', 'results', id] as const,
};

const etag = (version: number) => `"${version}"`;

/** A fresh key for one attempt at an unsafe request, so a retry replays it. */
export function newIdempotencyKey() {
  return crypto.randomUUID();
}

/** GET /t/{tenant}/assignments: the caller's own audits. */
export function useAssignments(tenant: string) {
  return useQuery({
    queryKey: keys.assignments(tenant),
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/t/{tenant}/assignments', {
          params: { path: { tenant } },
          signal,
        }),
      ),
  });
}

/** POST /t/{tenant}/responses: a new draft, or the one already started. */
export function useStartResponse(tenant: string) {
  return useMutation({
    mutationFn: (allocationId: string) =>
      unwrap(
        api.POST('/api/v1/t/{tenant}/responses', {
          params: { path: { tenant }, header: { 'Idempotency-Key': newIdempotencyKey() } },
          body: { allocation_id: allocationId },
        }),
      ),
  });
}

export function fetchResponse(tenant: string, id: string, signal?: AbortSignal) {
  return unwrap(
    api.GET('/api/v1/t/{tenant}/responses/{id}', { params: { path: { tenant, id } }, signal }),
  );
}

export function useResponse(tenant: string, id: string) {
  return useQuery({
    queryKey: keys.response(tenant, id),
    queryFn: ({ signal }) => fetchResponse(tenant, id, signal),
    // The form owns its answers once loaded: a refetch in the background
    // must not replace what the auditor is typing.
    staleTime: Infinity,
    refetchOnWindowFocus: false,
  });
}

/** PUT answers at a version; a newer save elsewhere answers 412. */
export function saveAnswers(tenant: string, id: string, version: number, answers: Answers) {
  return unwrap(
    api.PUT('/api/v1/t/{tenant}/responses/{id}/answers', {
      params: { path: { tenant, id }, header: { 'If-Match': etag(version) } },
      body: { answers: answers as Record<string, never> },
    }),
  );
}

export interface Submission {
  id: string;
  version: number;
  answers: Answers;
  idempotencyKey: string;
}

export function useSubmitResponse(tenant: string) {
  const queryClient = useQueryClient();

  return useMutation({
    mutationFn: (s: Submission) =>
      unwrap(
        api.POST('/api/v1/t/{tenant}/responses/{id}/submit', {
          params: {
            path: { tenant, id: s.id },
            header: { 'If-Match': etag(s.version), 'Idempotency-Key': s.idempotencyKey },
          },
          body: { answers: s.answers as Record<string, never> },
        }),
      ),
    onSuccess: (response) => {
      queryClient.setQueryData(keys.response(tenant, response.id), response);
      void queryClient.invalidateQueries({ queryKey: keys.assignments(tenant) });
    },
  });
}

export function useReopenResponse(tenant: string) {
  const queryClient = useQueryClient();

  return useMutation({
    mutationFn: (r: { id: string; version: number; reason: string }) =>
      unwrap(
        api.POST('/api/v1/t/{tenant}/responses/{id}/reopen', {
          params: { path: { tenant, id: r.id }, header: { 'If-Match': etag(r.version) } },
          body: { reason: r.reason },
        }),
      ),
    onSuccess: (response) => {
      queryClient.setQueryData(keys.response(tenant, response.id), response);
    },
  });
}

/** POST evidence: the file itself is the body, typed by its own type. */
export function uploadEvidence(tenant: string, responseId: string, file: File, itemId?: string) {
  return unwrap(
    api.POST('/api/v1/t/{tenant}/evidence', {
      params: {
        path: { tenant },
        query: {
          response_id: responseId,
          file_name: file.name,
          ...(itemId ? { item_id: itemId } : {}),
        },
        header: { 'Idempotency-Key': newIdempotencyKey() },
      },
      body: file as unknown as string,
      bodySerializer: (body: unknown) => body as BodyInit,
      headers: { 'Content-Type': file.type || 'application/octet-stream' },
    }),
  );
}

export function useNotices(tenant: string) {
  return useQuery({
    queryKey: keys.notices(tenant),
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/t/{tenant}/notifications', {
          params: { path: { tenant }, query: { limit: 100 } },
          signal,
        }),
      ),
  });
}

export function useMarkRead(tenant: string) {
  const queryClient = useQueryClient();

  return useMutation({
    mutationFn: (id: string) =>
      unwrap(
        api.POST('/api/v1/t/{tenant}/notifications/{id}/read', {
          params: { path: { tenant, id } },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.notices(tenant) }),
  });
}

export function usePreference(tenant: string) {
  return useQuery({
    queryKey: keys.preference(tenant),
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/t/{tenant}/notification-preferences', {
          params: { path: { tenant } },
          signal,
        }),
      ),
  });
}

export function useSetPreference(tenant: string) {
  const queryClient = useQueryClient();

  return useMutation({
    mutationFn: (p: { email: boolean; version: number }) =>
      unwrap(
        api.PUT('/api/v1/t/{tenant}/notification-preferences', {
          params: { path: { tenant }, header: { 'If-Match': etag(p.version) } },
          body: { email: p.email },
        }),
      ),
    onSuccess: (preference) => queryClient.setQueryData(keys.preference(tenant), preference),
  });
}

export function useResults(tenant: string, roundId: string) {
  return useQuery({
    queryKey: keys.results(tenant, roundId),
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/t/{tenant}/rounds/{id}/results', {
          params: { path: { tenant, id: roundId } },
          signal,
        }),
      ),
  });
}

/**
 * The server's score of answers not yet submitted, for the milestones'
 * statutory clocks as the auditor answers; nothing is saved.
 */
export function useDraftScore(
  tenant: string,
  draft: { key: string; version: number; answers: Answers; asOf: string } | undefined,
) {
  return useQuery({
    queryKey: ['t', tenant, 'audits', 'score', draft] as const,
    enabled: Boolean(draft),
    queryFn: ({ signal }) =>
      unwrap(
        api.POST('/api/v1/t/{tenant}/instruments/{key}/versions/{version}/preview', {
          params: {
            path: { tenant, key: draft?.key ?? '', version: draft?.version ?? 0 },
            query: { mode: 'draft' },
          },
          body: { answers: draft?.answers as Record<string, never>, as_of: draft?.asOf },
          signal,
        }),
      ),
    placeholderData: keepPreviousData,
    retry: false,
    staleTime: Infinity,
  });
}

export function useOrganisations(tenant: string, enabled: boolean) {
  return useQuery({
    queryKey: ['t', tenant, 'audits', 'organisations'] as const,
    enabled,
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/t/{tenant}/organisations', {
          params: { path: { tenant }, query: { limit: 200, archived: false } },
          signal,
        }),
      ),
    staleTime: 5 * 60 * 1000,
  });
}
