import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../lib/api';
import type { components } from '../../../lib/api-schema';

export type AccessToken = components['schemas']['AccessToken'];

const tokensKey = ['auth', 'tokens'] as const;

/** POST /auth/password: needs the current password as well as the new one. */
export function useChangePassword() {
  return useMutation({
    mutationFn: (body: { current_password: string; new_password: string }) =>
      unwrap(api.POST('/api/v1/auth/password', { body })),
  });
}

export function useTokens() {
  return useQuery({
    queryKey: tokensKey,
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/auth/tokens', { signal })),
  });
}

/** POST /auth/tokens: the answer carries the secret, once. */
export function useCreateToken() {
  const queryClient = useQueryClient();

  return useMutation({
    mutationFn: (body: { name: string; expires_on: string }) =>
      unwrap(api.POST('/api/v1/auth/tokens', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: tokensKey }),
  });
}

export function useRevokeToken() {
  const queryClient = useQueryClient();

  return useMutation({
    mutationFn: (id: string) =>
      unwrap(api.DELETE('/api/v1/auth/tokens/{id}', { params: { path: { id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: tokensKey }),
  });
}
