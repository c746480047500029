import { useMutation } from '@tanstack/react-query';
import { api, csrfHeaders, unwrap } from '../../../lib/api';

/** POST /auth/password-resets: mails a link if the address has an account. */
export function useRequestPasswordReset() {
  return useMutation({
    mutationFn: (email: string) =>
      unwrap(
        api.POST('/api/v1/auth/password-resets', {
          params: { header: csrfHeaders },
          body: { email },
        }),
      ),
  });
}

/** POST /auth/password-resets/complete: sets the new password. */
export function useCompletePasswordReset() {
  return useMutation({
    mutationFn: (input: { token: string; password: string }) =>
      unwrap(
        api.POST('/api/v1/auth/password-resets/complete', {
          params: { header: csrfHeaders },
          body: input,
        }),
      ),
  });
}
