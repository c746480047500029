import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../lib/api';
import type { components } from '../../../lib/api-schema';
import { membersKey } from '../../../lib/members';

export { useMembers } from '../../../lib/members';

export type Member = components['schemas']['Member'];
export type Invitation = components['schemas']['Invitation'];
export type InvitationImport = components['schemas']['InvitationImport'];

const keys = {
  member: (tenant: string, personId: string) => ['t', tenant, 'members', personId] as const,
  invitations: (tenant: string) => ['t', tenant, 'invitations'] as const,
};

export function useMember(tenant: string, personId: string) {
  return useQuery({
    queryKey: keys.member(tenant, personId),
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/t/{tenant}/members/{person_id}', {
          params: { path: { tenant, person_id: personId } },
          signal,
        }),
      ),
  });
}

export function useInvitations(tenant: string) {
  return useQuery({
    queryKey: keys.invitations(tenant),
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/t/{tenant}/invitations', {
          params: { path: { tenant }, query: { limit: 200 } },
          signal,
        }),
      ),
  });
}

/**
 * Refetches a list even while no page shows it, so the page a change
 * returns to shows the change at once, not the list from before it.
 * Exact, so a removed member's own query is not asked for again.
 */
function listRefetch(queryKey: readonly unknown[]) {
  return { queryKey, exact: true, refetchType: 'all' } as const;
}

/** Refetches the members and invitations lists after a change. */
function useInvalidate(tenant: string) {
  const queryClient = useQueryClient();

  return () =>
    Promise.all([
      queryClient.invalidateQueries(listRefetch(membersKey(tenant))),
      queryClient.invalidateQueries(listRefetch(keys.invitations(tenant))),
    ]);
}

export function useInvite(tenant: string) {
  const invalidate = useInvalidate(tenant);

  return useMutation({
    mutationFn: (body: { name: string; email: string; roles: string[] }) =>
      unwrap(api.POST('/api/v1/t/{tenant}/invitations', { params: { path: { tenant } }, body })),
    onSuccess: invalidate,
  });
}

/**
 * POST /t/{tenant}/invitations/imports: a CSV file, only checked when
 * `dryRun`. A file with a wrong row fails as a whole with a 422 whose
 * errors name each row as `rows[<line>].<column>`.
 */
export function useImportInvitations(tenant: string) {
  const invalidate = useInvalidate(tenant);

  return useMutation({
    mutationFn: ({ file, dryRun }: { file: File; dryRun: boolean }) => {
      const form = new FormData();
      form.append('file', file);

      return unwrap(
        api.POST('/api/v1/t/{tenant}/invitations/imports', {
          params: { path: { tenant }, query: { dry_run: dryRun } },
          // openapi-fetch would write JSON; the route takes the form as is.
          body: form as unknown as { file: string },
          bodySerializer: (body) => body as unknown as FormData,
        }),
      );
    },
    onSuccess: (result) => (result.dry_run ? undefined : invalidate()),
  });
}

export function useChangeRoles(tenant: string, personId: string) {
  const invalidate = useInvalidate(tenant);
  const queryClient = useQueryClient();

  return useMutation({
    mutationFn: ({ roles, version }: { roles: string[]; version: number }) =>
      unwrap(
        api.PATCH('/api/v1/t/{tenant}/members/{person_id}', {
          params: {
            path: { tenant, person_id: personId },
            header: { 'If-Match': `"${version}"` },
          },
          body: { roles },
        }),
      ),
    onSuccess: async (member) => {
      queryClient.setQueryData(keys.member(tenant, personId), member);
      await invalidate();
    },
  });
}

export function useRemoveMember(tenant: string, personId: string) {
  const invalidate = useInvalidate(tenant);

  return useMutation({
    mutationFn: (version: number) =>
      unwrap(
        api.DELETE('/api/v1/t/{tenant}/members/{person_id}', {
          params: {
            path: { tenant, person_id: personId },
            header: { 'If-Match': `"${version}"` },
          },
        }),
      ),
    onSuccess: invalidate,
  });
}

export function useRevokeInvitation(tenant: string) {
  const invalidate = useInvalidate(tenant);

  return useMutation({
    mutationFn: (id: string) =>
      unwrap(
        api.DELETE('/api/v1/t/{tenant}/invitations/{id}', {
          params: { path: { tenant, id } },
        }),
      ),
    onSuccess: invalidate,
  });
}
