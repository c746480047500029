import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from './api';

/** The cache key of an area's members, for the features that change them. */
export const membersKey = (tenant: string) => ['t', tenant, 'members'] as const;

/**
 * GET /t/{tenant}/members, at most 200: a page, not paging, for now. Shared
 * by the members pages and by pages that name people, such as the trail.
 */
export function membersQuery(tenant: string) {
  return queryOptions({
    queryKey: membersKey(tenant),
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/t/{tenant}/members', {
          params: { path: { tenant }, query: { limit: 200 } },
          signal,
        }),
      ),
  });
}

export function useMembers(tenant: string) {
  return useQuery(membersQuery(tenant));
}
