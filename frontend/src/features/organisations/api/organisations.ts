import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../lib/api';
import type { components } from '../../../lib/api-schema';

export type Organisation = components['schemas']['OrganisationResponse'];
export type OrganisationRequest = components['schemas']['OrganisationRequest'];
export type OrganisationPatch = components['schemas']['OrganisationPatchRequest'];
export type OrganisationKind = OrganisationRequest['kind'];

export const organisationKinds: Record<OrganisationKind, string> = {
  service: 'Service',
  team: 'Team',
  school: 'School',
  setting: 'Early years or post-16 setting',
  provider: 'Alternative provision provider',
};

/** The label of a kind, or the API's own word for one the SPA does not know. */
export function kindLabel(kind: string) {
  return (organisationKinds as Record<string, string>)[kind] ?? kind;
}

/** What the list is narrowed to; every field comes from the page's address. */
export interface OrganisationFilter {
  kind?: string;
  q?: string;
  archived?: boolean;
  cursor?: string;
}

const keys = {
  lists: (tenant: string) => ['t', tenant, 'organisations', 'list'] as const,
  list: (tenant: string, filter: OrganisationFilter) =>
    ['t', tenant, 'organisations', 'list', filter] as const,
  one: (tenant: string, id: string) => ['t', tenant, 'organisations', 'one', id] as const,
};

/** GET /t/{tenant}/organisations: one page of 50, by name. */
export function useOrganisations(tenant: string, filter: OrganisationFilter) {
  return useQuery({
    queryKey: keys.list(tenant, filter),
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/t/{tenant}/organisations', {
          params: {
            path: { tenant },
            query: {
              limit: 50,
              ...(filter.kind ? { kind: filter.kind as OrganisationKind } : {}),
              ...(filter.q ? { q: filter.q } : {}),
              ...(filter.archived === undefined ? {} : { archived: filter.archived }),
              ...(filter.cursor ? { cursor: filter.cursor } : {}),
            },
          },
          signal,
        }),
      ),
    // The table stays while the next page or filter loads, so it does not flash.
    placeholderData: keepPreviousData,
  });
}

export function useOrganisation(tenant: string, id: string) {
  return useQuery({
    queryKey: keys.one(tenant, id),
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/t/{tenant}/organisations/{id}', {
          params: { path: { tenant, id } },
          signal,
        }),
      ),
  });
}

export function useCreateOrganisation(tenant: string) {
  const queryClient = useQueryClient();

  return useMutation({
    mutationFn: (body: OrganisationRequest) =>
      unwrap(api.POST('/api/v1/t/{tenant}/organisations', { params: { path: { tenant } }, body })),
    onSuccess: () =>
      queryClient.invalidateQueries({
        queryKey: keys.lists(tenant),
        // Refetched though no page shows them, so the list a change returns to shows it.
        refetchType: 'all',
      }),
  });
}

/** PATCH with If-Match, so a change made meanwhile by someone else is not lost. */
export function useUpdateOrganisation(tenant: string, id: string) {
  const queryClient = useQueryClient();

  return useMutation({
    mutationFn: ({ patch, version }: { patch: OrganisationPatch; version: number }) =>
      unwrap(
        api.PATCH('/api/v1/t/{tenant}/organisations/{id}', {
          params: { path: { tenant, id }, header: { 'If-Match': `"${version}"` } },
          body: patch,
        }),
      ),
    onSuccess: async (saved) => {
      queryClient.setQueryData(keys.one(tenant, id), saved);
      await queryClient.invalidateQueries({
        queryKey: keys.lists(tenant),
        // Refetched though no page shows them, so the list a change returns to shows it.
        refetchType: 'all',
      });
    },
  });
}
