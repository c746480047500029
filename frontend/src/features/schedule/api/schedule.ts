import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../lib/api';
import type { components } from '../../../lib/api-schema';

export type Activity = components['schemas']['ActivityResponse'];

export const frequencies: Record<Activity['frequency'], string> = {
  monthly: 'Monthly',
  termly: 'Termly',
  three_times_a_year: 'Three times a year',
  annual: 'Once a year',
};

const keys = {
  all: (tenant: string) => ['t', tenant, 'schedule'] as const,
  feed: (tenant: string) => ['t', tenant, 'schedule', 'feed'] as const,
};

/** GET /t/{tenant}/schedule: every activity with its overdue and next occurrences. */
export function useSchedule(tenant: string) {
  return useQuery({
    queryKey: keys.all(tenant),
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/t/{tenant}/schedule', { params: { path: { tenant } }, signal })),
  });
}

function useRefresh(tenant: string) {
  const client = useQueryClient();

  return () => client.invalidateQueries({ queryKey: keys.all(tenant) });
}

export function useStartFromFramework(tenant: string) {
  const refresh = useRefresh(tenant);

  return useMutation({
    mutationFn: () =>
      unwrap(api.POST('/api/v1/t/{tenant}/schedule/framework', { params: { path: { tenant } } })),
    onSuccess: refresh,
  });
}

export function useMarkDone(tenant: string) {
  const refresh = useRefresh(tenant);

  return useMutation({
    mutationFn: ({ id, dueOn }: { id: string; dueOn: string }) =>
      unwrap(
        api.POST('/api/v1/t/{tenant}/schedule/{id}/completions', {
          params: { path: { tenant, id } },
          body: { due_on: dueOn, note: '' },
        }),
      ),
    onSuccess: refresh,
  });
}

/** GET /t/{tenant}/schedule/feed: whether the person has a calendar feed. */
export function useFeed(tenant: string) {
  return useQuery({
    queryKey: keys.feed(tenant),
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/t/{tenant}/schedule/feed', { params: { path: { tenant } }, signal })),
  });
}

export function useNewFeed(tenant: string) {
  const client = useQueryClient();

  return useMutation({
    mutationFn: () =>
      unwrap(api.POST('/api/v1/t/{tenant}/schedule/feed', { params: { path: { tenant } } })),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.feed(tenant) }),
  });
}

export function useRevokeFeed(tenant: string) {
  const client = useQueryClient();

  return useMutation({
    mutationFn: () =>
      unwrap(api.DELETE('/api/v1/t/{tenant}/schedule/feed', { params: { path: { tenant } } })),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.feed(tenant) }),
  });
}
