import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../lib/api';
import type { components } from '../../../lib/api-schema';

export type Round = components['schemas']['RoundResponse'];
export type RoundRequest = components['schemas']['RoundRequest'];
export type Allocation = components['schemas']['AllocationResponse'];
export type Auditor = components['schemas']['AuditorResponse'];

/** GET /t/{tenant}/rounds: the newest rounds first. */
export function useRounds(tenant: string) {
  return useQuery({
    queryKey: ['rounds', tenant, 'list'],
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/t/{tenant}/rounds', {
          params: { path: { tenant }, query: { limit: 200 } },
          signal,
        }),
      ),
  });
}

export function roundQuery(tenant: string, id: string) {
  return queryOptions({
    queryKey: ['rounds', tenant, 'round', id] as const,
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/t/{tenant}/rounds/{id}', { params: { path: { tenant, id } }, signal }),
      ),
  });
}

export function useRound(tenant: string, id: string) {
  return useQuery(roundQuery(tenant, id));
}

export function useAllocations(tenant: string, id: string) {
  return useQuery({
    queryKey: ['rounds', tenant, 'allocations', id],
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/t/{tenant}/rounds/{id}/allocations', {
          params: { path: { tenant, id } },
          signal,
        }),
      ),
  });
}

export function useAuditors(tenant: string) {
  return useQuery({
    queryKey: ['auditors', tenant],
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/t/{tenant}/auditors', { params: { path: { tenant } }, signal })),
  });
}

/** The published instruments a round can use, for the form. */
export function usePublishedInstruments(tenant: string) {
  return useQuery({
    queryKey: ['rounds', tenant, 'instruments'],
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/t/{tenant}/instruments', {
          params: { path: { tenant }, query: { state: 'published', limit: 200 } },
          signal,
        }),
      ),
  });
}

/** After any change, the round, its allocations and the list reload. */
function useRefresh(tenant: string) {
  const client = useQueryClient();

  return () => client.invalidateQueries({ queryKey: ['rounds', tenant] });
}

export function useCreateRound(tenant: string) {
  const refresh = useRefresh(tenant);

  return useMutation({
    mutationFn: (body: RoundRequest) =>
      unwrap(api.POST('/api/v1/t/{tenant}/rounds', { params: { path: { tenant } }, body })),
    onSuccess: refresh,
  });
}

export function useDraw(tenant: string) {
  const refresh = useRefresh(tenant);

  return useMutation({
    mutationFn: (input: { round: Round; seed?: number }) =>
      unwrap(
        api.POST('/api/v1/t/{tenant}/rounds/{id}/draw', {
          params: {
            path: { tenant, id: input.round.id },
            header: { 'If-Match': `"${input.round.version}"` },
          },
          body: input.seed === undefined ? {} : { seed: input.seed },
        }),
      ),
    onSuccess: refresh,
  });
}

export function useAllocate(tenant: string) {
  const refresh = useRefresh(tenant);

  return useMutation({
    mutationFn: (round: Round) =>
      unwrap(
        api.POST('/api/v1/t/{tenant}/rounds/{id}/allocations', {
          params: { path: { tenant, id: round.id }, header: { 'If-Match': `"${round.version}"` } },
          body: {},
        }),
      ),
    onSuccess: refresh,
  });
}

export function useMoveAllocation(tenant: string) {
  const refresh = useRefresh(tenant);

  return useMutation({
    mutationFn: (input: {
      roundId: string;
      allocation: Allocation;
      auditorId: string;
      reason: string;
    }) =>
      unwrap(
        api.PATCH('/api/v1/t/{tenant}/rounds/{id}/allocations/{allocation}', {
          params: {
            path: { tenant, id: input.roundId, allocation: input.allocation.id },
            header: { 'If-Match': `"${input.allocation.version}"` },
          },
          body: { auditor_id: input.auditorId, reason: input.reason },
        }),
      ),
    onSuccess: refresh,
  });
}

export function useReassignLeaver(tenant: string) {
  const refresh = useRefresh(tenant);

  return useMutation({
    mutationFn: (input: { roundId: string; auditorId: string; reason: string }) =>
      unwrap(
        api.POST('/api/v1/t/{tenant}/rounds/{id}/allocations/reassign', {
          params: { path: { tenant, id: input.roundId } },
          body: { auditor_id: input.auditorId, reason: input.reason },
        }),
      ),
    onSuccess: refresh,
  });
}

/** The area's services, by name: what an auditor can belong to. */
export function useAreaServices(tenant: string) {
  return useQuery({
    queryKey: ['auditors', tenant, 'services'],
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/t/{tenant}/organisations', {
          params: { path: { tenant }, query: { kind: 'service', archived: false, limit: 200 } },
          signal,
        }),
      ),
  });
}

/** PUT /t/{tenant}/auditors/{person}/services, at the version shown. */
export function useSetAuditorServices(tenant: string) {
  const client = useQueryClient();

  return useMutation({
    mutationFn: (input: { auditor: Auditor; services: string[] }) =>
      unwrap(
        api.PUT('/api/v1/t/{tenant}/auditors/{person}/services', {
          params: {
            path: { tenant, person: input.auditor.person_id },
            header: { 'If-Match': `"${input.auditor.version}"` },
          },
          body: { services: input.services },
        }),
      ),
    // Saved or refused as stale, the list is read again.
    onSettled: () => client.invalidateQueries({ queryKey: ['auditors', tenant] }),
  });
}
