import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../lib/api';
import type { components } from '../../../lib/api-schema';

export type Personal = components['schemas']['PersonalData'];
export type Retention = components['schemas']['RetentionResponse'];

/** GET /t/{tenant}/subjects/{id}: one subject, without personal data. */
export function useSubject(tenant: string, id: string) {
  return useQuery({
    queryKey: ['subjects', tenant, 'subject', id],
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/t/{tenant}/subjects/{id}', { params: { path: { tenant, id } }, signal }),
      ),
  });
}

/**
 * GET /t/{tenant}/subjects/{id}?include=personal: the child's personal
 * data. A mutation rather than a query, as each view writes a trail row:
 * it runs only when the person asks, never again on its own.
 */
export function useRevealPersonal(tenant: string, id: string) {
  return useMutation({
    mutationFn: async (): Promise<Personal | undefined> =>
      (
        await unwrap(
          api.GET('/api/v1/t/{tenant}/subjects/{id}', {
            params: { path: { tenant, id }, query: { include: 'personal' } },
          }),
        )
      ).personal,
  });
}

/**
 * The address of the subject access export of a child's record: a JSON
 * file the browser downloads, and the API records in the trail.
 */
export function accessExportHref(tenant: string, id: string) {
  return `/api/v1/t/${encodeURIComponent(tenant)}/subjects/${encodeURIComponent(id)}/access-export`;
}

function retentionQuery(tenant: string) {
  return queryOptions({
    queryKey: ['personal-data', tenant, 'retention'] as const,
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/t/{tenant}/personal-data/retention', {
          params: { path: { tenant } },
          signal,
        }),
      ),
  });
}

/** GET /t/{tenant}/personal-data/retention: how long the area keeps it. */
export function useRetention(tenant: string) {
  return useQuery(retentionQuery(tenant));
}

/** PUT /t/{tenant}/personal-data/retention, at the version shown. */
export function useSetRetention(tenant: string) {
  const client = useQueryClient();

  return useMutation({
    mutationFn: (input: { days: number; version: number }) =>
      unwrap(
        api.PUT('/api/v1/t/{tenant}/personal-data/retention', {
          params: { path: { tenant }, header: { 'If-Match': `"${input.version}"` } },
          body: { retention_days: input.days },
        }),
      ),
    onSuccess: (saved) => client.setQueryData(retentionQuery(tenant).queryKey, saved),
    // A refusal for a stale version shows the saved period on the next try.
    onError: () => client.invalidateQueries({ queryKey: retentionQuery(tenant).queryKey }),
  });
}

/** POST /t/{tenant}/personal-data/purge: removes what is past its period. */
export function usePurge(tenant: string) {
  const client = useQueryClient();

  return useMutation({
    mutationFn: () =>
      unwrap(api.POST('/api/v1/t/{tenant}/personal-data/purge', { params: { path: { tenant } } })),
    onSuccess: () => client.invalidateQueries({ queryKey: ['subjects', tenant] }),
  });
}
