import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../lib/api';
import type { components } from '../../../lib/api-schema';

export type Plan = components['schemas']['ActionPlanResponse'];
export type PlanRequest = components['schemas']['ActionPlanRequest'];
export type Action = components['schemas']['ActionResponse'];
export type ActionRequest = components['schemas']['ActionRequest'];
export type ActionPatch = components['schemas']['ActionPatchRequest'];
export type ActionStatus = Action['status'];
export type Rag = Action['rag'];

export const statuses: Record<ActionStatus, string> = {
  not_started: 'Not started',
  in_progress: 'In progress',
  completed: 'Completed',
  cancelled: 'Cancelled',
};

export const rags: Record<Rag, string> = {
  red: 'Red: off track',
  amber: 'Amber: at risk',
  green: 'Green: on track',
};

/** The tag colour and short word of a RAG rating. */
export const ragTags: Record<Rag, { text: string; classes: string }> = {
  red: { text: 'Red', classes: 'govuk-tag--red' },
  amber: { text: 'Amber', classes: 'govuk-tag--orange' },
  green: { text: 'Green', classes: 'govuk-tag--green' },
};

/** What the action list is narrowed to; every field comes from the address. */
export interface ActionFilter {
  plan_id?: string;
  owner_id?: string;
  status?: ActionStatus;
  overdue?: boolean;
  cursor?: string;
}

const keys = {
  all: (tenant: string) => ['t', tenant, 'action-plans'] as const,
  plans: (tenant: string) => ['t', tenant, 'action-plans', 'plans'] as const,
  plan: (tenant: string, id: string) => ['t', tenant, 'action-plans', 'plan', id] as const,
  actions: (tenant: string, filter: ActionFilter) =>
    ['t', tenant, 'action-plans', 'actions', filter] as const,
  action: (tenant: string, id: string) => ['t', tenant, 'action-plans', 'action', id] as const,
};

/** GET /t/{tenant}/action-plans: the practice plan first, then local plans. */
export function usePlans(tenant: string) {
  return useQuery({
    queryKey: keys.plans(tenant),
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/t/{tenant}/action-plans', {
          params: { path: { tenant }, query: { limit: 200 } },
          signal,
        }),
      ),
  });
}

export function usePlan(tenant: string, id: string) {
  return useQuery({
    queryKey: keys.plan(tenant, id),
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/t/{tenant}/action-plans/{id}', {
          params: { path: { tenant, id } },
          signal,
        }),
      ),
  });
}

/** GET /t/{tenant}/actions: one page of 50, soonest due first. */
export function useActions(tenant: string, filter: ActionFilter) {
  return useQuery({
    queryKey: keys.actions(tenant, filter),
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/t/{tenant}/actions', {
          params: {
            path: { tenant },
            query: {
              limit: 50,
              ...(filter.plan_id ? { plan_id: filter.plan_id } : {}),
              ...(filter.owner_id ? { owner_id: filter.owner_id } : {}),
              ...(filter.status ? { status: filter.status } : {}),
              ...(filter.overdue ? { overdue: true } : {}),
              ...(filter.cursor ? { cursor: filter.cursor } : {}),
            },
          },
          signal,
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

export function useAction(tenant: string, id: string) {
  return useQuery({
    queryKey: keys.action(tenant, id),
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/t/{tenant}/actions/{id}', { params: { path: { tenant, id } }, signal }),
      ),
  });
}

/** Every change refetches the lists, so the page a change returns to shows it. */
function useInvalidate(tenant: string) {
  const queryClient = useQueryClient();

  return () => queryClient.invalidateQueries({ queryKey: keys.all(tenant), refetchType: 'all' });
}

export function useCreatePlan(tenant: string) {
  const invalidate = useInvalidate(tenant);

  return useMutation({
    mutationFn: (body: PlanRequest) =>
      unwrap(api.POST('/api/v1/t/{tenant}/action-plans', { params: { path: { tenant } }, body })),
    onSuccess: invalidate,
  });
}

export function useCreateAction(tenant: string) {
  const invalidate = useInvalidate(tenant);

  return useMutation({
    mutationFn: (body: ActionRequest) =>
      unwrap(api.POST('/api/v1/t/{tenant}/actions', { params: { path: { tenant } }, body })),
    onSuccess: invalidate,
  });
}

/** PATCH with If-Match, so a change made meanwhile by someone else is not lost. */
export function useUpdateAction(tenant: string, id: string) {
  const invalidate = useInvalidate(tenant);

  return useMutation({
    mutationFn: ({ patch, version }: { patch: ActionPatch; version: number }) =>
      unwrap(
        api.PATCH('/api/v1/t/{tenant}/actions/{id}', {
          params: { path: { tenant, id }, header: { 'If-Match': `"${version}"` } },
          body: patch,
        }),
      ),
    onSuccess: invalidate,
  });
}

export function useAddUpdate(tenant: string, id: string) {
  const invalidate = useInvalidate(tenant);

  return useMutation({
    mutationFn: (body: { body: string }) =>
      unwrap(
        api.POST('/api/v1/t/{tenant}/actions/{id}/updates', {
          params: { path: { tenant, id } },
          body,
        }),
      ),
    onSuccess: invalidate,
  });
}

export type FollowUp = components['schemas']['FollowUpResponse'];
export type FollowUpRequest = components['schemas']['FollowUpRequest'];
export type FollowUpPurpose = FollowUpRequest['purpose'];

export const followUpPurposes: Record<FollowUpPurpose, string> = {
  re_audit: 'Re-audit',
  dip_sample: 'Dip sample',
};

const followUpKey = (tenant: string, id: string) =>
  ['t', tenant, 'action-plans', 'follow-ups', id] as const;

/** GET /t/{tenant}/actions/{id}/follow-ups: the re-audits and dip samples, newest first. */
export function useFollowUps(tenant: string, id: string) {
  return useQuery({
    queryKey: followUpKey(tenant, id),
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/t/{tenant}/actions/{id}/follow-ups', {
          params: { path: { tenant, id } },
          signal,
        }),
      ),
  });
}

export function useScheduleFollowUp(tenant: string, id: string) {
  const invalidate = useInvalidate(tenant);

  return useMutation({
    mutationFn: (body: FollowUpRequest) =>
      unwrap(
        api.POST('/api/v1/t/{tenant}/actions/{id}/follow-ups', {
          params: { path: { tenant, id } },
          body,
        }),
      ),
    onSuccess: invalidate,
  });
}

/** The published instruments and the area's auditors, for the follow-up form. */
export function useFollowUpChoices(tenant: string) {
  const instruments = useQuery({
    queryKey: ['t', tenant, 'action-plans', 'instruments'],
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/t/{tenant}/instruments', {
          params: { path: { tenant }, query: { state: 'published', limit: 200 } },
          signal,
        }),
      ),
  });
  const auditors = useQuery({
    queryKey: ['t', tenant, 'action-plans', 'auditors'],
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/t/{tenant}/auditors', { params: { path: { tenant } }, signal })),
  });

  return { instruments, auditors };
}
