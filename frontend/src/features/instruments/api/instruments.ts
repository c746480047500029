import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../lib/api';
import type { components, paths } from '../../../lib/api-schema';

export type InstrumentSummary = components['schemas']['InstrumentSummary'];
export type InstrumentFilters = NonNullable<
  paths['/api/v1/t/{tenant}/instruments']['get']['parameters']['query']
>;

/** GET /t/{tenant}/instruments: one page of the library, filtered. */
export function instrumentsQuery(tenant: string, filters: InstrumentFilters) {
  return queryOptions({
    queryKey: ['instruments', tenant, 'list', filters] as const,
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/t/{tenant}/instruments', {
          params: { path: { tenant }, query: filters },
          signal,
        }),
      ),
  });
}

export function useInstruments(tenant: string, filters: InstrumentFilters) {
  // The last page stays on screen while the next loads, so the list does
  // not flash empty as someone types a search.
  return useQuery({ ...instrumentsQuery(tenant, filters), placeholderData: keepPreviousData });
}
