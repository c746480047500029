import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, csrfHeaders, unwrap } from '../../../lib/api';
import { parseSession, sessionQuery } from '../../../lib/session';

/** GET /auth/invitations/{token}: the invitation behind a link. */
export function invitationQuery(token: string) {
  return queryOptions({
    queryKey: ['auth', 'invitation', token] as const,
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/auth/invitations/{token}', { params: { path: { token } }, signal })),
  });
}

export function useInvitation(token: string) {
  return useQuery({ ...invitationQuery(token), enabled: token !== '' });
}

export interface AcceptInput {
  token: string;
  name?: string;
  password: string;
}

/** POST /auth/invitations/accept: joins the area and starts a session. */
export function useAcceptInvitation() {
  const queryClient = useQueryClient();

  return useMutation({
    mutationFn: async (input: AcceptInput) =>
      parseSession(
        await unwrap(
          api.POST('/api/v1/auth/invitations/accept', {
            params: { header: csrfHeaders },
            body: input,
          }),
        ),
      ),
    onSuccess: (session) => {
      // What was cached belonged to whoever was signed in before. The
      // invitation stays: its page still watches it until it moves on,
      // and fetched again the used link would answer 404.
      queryClient.removeQueries({ predicate: (query) => query.queryKey[1] !== 'invitation' });
      queryClient.setQueryData(sessionQuery.queryKey, session);
    },
  });
}
