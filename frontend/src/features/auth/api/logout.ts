import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, csrfHeaders, unwrap } from '../../../lib/api';

/** POST /auth/logout: revokes the refresh token and clears the cookies. */
export function logout() {
  return unwrap(api.POST('/api/v1/auth/logout', { params: { header: csrfHeaders } }));
}

export function useLogout() {
  const queryClient = useQueryClient();

  return useMutation({
    mutationFn: logout,
    // Whatever the server said, nothing of the session stays on screen.
    onSettled: () => queryClient.clear(),
  });
}
