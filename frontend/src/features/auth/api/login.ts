import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, csrfHeaders, unwrap } from '../../../lib/api';
import { parseSession, sessionQuery } from '../../../lib/session';

export interface LoginInput {
  email: string;
  password: string;
}

/** POST /auth/login: sets the session cookies and answers the session. */
export async function login(input: LoginInput) {
  const body = await unwrap(
    api.POST('/api/v1/auth/login', { params: { header: csrfHeaders }, body: input }),
  );

  return parseSession(body);
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
