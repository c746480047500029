import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../lib/api';
import type { components } from '../../../lib/api-schema';

export type AuditEvent = components['schemas']['AuditEvent'];
type Action = 'create' | 'update' | 'delete' | 'view' | 'export';

/** The API's filter: times are RFC 3339, `to` is exclusive. */
export interface AuditFilter {
  entity?: string;
  action?: string;
  actor_id?: string;
  from?: string;
  to?: string;
  cursor?: string;
}

/** GET /t/{tenant}/audit-log: one page of 50, newest first. */
export function useAuditEvents(tenant: string, filter: AuditFilter) {
  return useQuery({
    queryKey: ['t', tenant, 'audit-log', filter] as const,
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/t/{tenant}/audit-log', {
          params: {
            path: { tenant },
            query: {
              limit: 50,
              ...Object.fromEntries(Object.entries(filter).filter(([, value]) => value)),
              ...(filter.action ? { action: filter.action as Action } : {}),
            },
          },
          signal,
        }),
      ),
    placeholderData: keepPreviousData,
  });
}
