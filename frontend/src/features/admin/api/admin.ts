import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../lib/api';

// Lists are refetched after a change though no page shows them, so the
// page the change returns to shows it at once.
const keys = { tenants: ['admin', 'tenants'] as const, regions: ['admin', 'regions'] as const };

export function useTenants() {
  return useQuery({
    queryKey: keys.tenants,
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/admin/tenants', { params: { query: { limit: 200 } }, signal })),
  });
}

export function useRegions() {
  return useQuery({
    queryKey: keys.regions,
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/admin/regions', { params: { query: { limit: 200 } }, signal })),
  });
}

export function useCreateTenant() {
  const queryClient = useQueryClient();

  return useMutation({
    mutationFn: (body: { name: string; slug: string; region?: string }) =>
      unwrap(api.POST('/api/v1/admin/tenants', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.tenants, refetchType: 'all' }),
  });
}

export function useCreateRegion() {
  const queryClient = useQueryClient();

  return useMutation({
    mutationFn: (body: { name: string; slug: string }) =>
      unwrap(api.POST('/api/v1/admin/regions', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.regions, refetchType: 'all' }),
  });
}
