import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../lib/api';
import type { components } from '../../../lib/api-auth-schema';
import { sessionQuery } from '../../../lib/session';

export type LoginInput = components['schemas']['LoginRequest'];

/** POST /auth/login: sets the session cookies and answers the session. */
export function login(input: LoginInput) {
  return unwrap(api.POST('/api/v1/auth/login', { body: input }));
}

export function useLogin() {
  const queryClient = useQueryClient();

  return useMutation({
    mutationFn: login,
    onSuccess: (session) => {
      // Someone else may have used this browser: drop their cached data.
      queryClient.clear();
      queryClient.setQueryData(sessionQuery.queryKey, session);
    },
  });
}
