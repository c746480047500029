import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../lib/api';
import type { components } from '../../../lib/api-schema';

export type Dashboard = components['schemas']['DashboardResponse'];
export type Breakdown = components['schemas']['BreakdownResponse'];
export type Count = components['schemas']['CountResponse'];
export type Benchmark = components['schemas']['BenchmarkResponse'];
export type DashboardKind = 'programme' | 'service' | 'board';

/** What a dashboard is narrowed to; every field comes from the address. */
export interface DashboardFilter {
  from?: string;
  to?: string;
  primary_need?: string;
  key_stage?: string;
  setting_type?: string;
}

const paths = {
  programme: '/api/v1/t/{tenant}/dashboards/programme',
  service: '/api/v1/t/{tenant}/dashboards/service',
  board: '/api/v1/t/{tenant}/dashboards/board',
} as const;

/** GET /t/{tenant}/dashboards/{kind}: the figures, small counts withheld. */
export function useDashboard(tenant: string, kind: DashboardKind, filter: DashboardFilter) {
  const query = Object.fromEntries(Object.entries(filter).filter(([, v]) => v));

  return useQuery({
    queryKey: ['t', tenant, 'dashboards', kind, query],
    queryFn: ({ signal }) =>
      unwrap(api.GET(paths[kind], { params: { path: { tenant }, query }, signal })),
  });
}

/** GET /regions/{region}/benchmarks for one instrument. */
export function useBenchmark(region: string, instrument: string) {
  return useQuery({
    queryKey: ['regions', region, 'benchmarks', instrument],
    enabled: region !== '' && instrument !== '',
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/regions/{region}/benchmarks', {
          params: { path: { region }, query: { instrument } },
          signal,
        }),
      ),
  });
}

const consentKey = (tenant: string) => ['t', tenant, 'benchmark-consent'] as const;

export function useConsent(tenant: string) {
  return useQuery({
    queryKey: consentKey(tenant),
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/t/{tenant}/benchmark-consent', { params: { path: { tenant } }, signal }),
      ),
  });
}

/** Gives or withdraws the area's consent; benchmarks reload either way. */
export function useChangeConsent(tenant: string) {
  const client = useQueryClient();

  return useMutation({
    mutationFn: (give: boolean) =>
      give
        ? unwrap(api.POST('/api/v1/t/{tenant}/benchmark-consent', { params: { path: { tenant } } }))
        : unwrap(
            api.DELETE('/api/v1/t/{tenant}/benchmark-consent', { params: { path: { tenant } } }),
          ),
    onSuccess: (data) => {
      client.setQueryData(consentKey(tenant), data);
      void client.invalidateQueries({ queryKey: ['regions'] });
    },
  });
}

/** The published instruments, to choose what to compare. */
export function useInstrumentChoices(tenant: string) {
  return useQuery({
    queryKey: ['t', tenant, 'dashboards', 'instruments'],
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/t/{tenant}/instruments', {
          params: { path: { tenant }, query: { state: 'published', limit: 200 } },
          signal,
        }),
      ),
  });
}
