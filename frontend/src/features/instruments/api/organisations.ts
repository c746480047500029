import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../lib/api';

/**
 * GET /t/{tenant}/organisations: the first 200 of the area's services and
 * settings, for an organisation question.
 */
export function organisationOptionsQuery(tenant: string) {
  return queryOptions({
    queryKey: ['instruments', tenant, 'organisation-options'] as const,
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

export function useOrganisationOptions(tenant: string, enabled: boolean) {
  return useQuery({ ...organisationOptionsQuery(tenant), enabled });
}
