import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../lib/api';
import type { components } from '../../../lib/api-schema';

export type Moderation = components['schemas']['ModerationResponse'];
export type Comparison = components['schemas']['ComparisonResponse'];
export type Agreement = components['schemas']['AgreementResponse'];
export type AgreementGroup = components['schemas']['AgreementGroup'];
export type Feedback = components['schemas']['FeedbackResponse'];
export type DrawRequest = components['schemas']['DrawModerationRequest'];

const keys = {
  all: (tenant: string) => ['t', tenant, 'moderation'] as const,
  list: (tenant: string, roundId?: string) => ['t', tenant, 'moderation', 'list', roundId] as const,
  one: (tenant: string, id: string) => ['t', tenant, 'moderation', 'one', id] as const,
  comparison: (tenant: string, id: string) => ['t', tenant, 'moderation', 'cmp', id] as const,
  agreement: (tenant: string, roundId?: string) =>
    ['t', tenant, 'moderation', 'agreement', roundId] as const,
  feedback: (tenant: string) => ['t', tenant, 'moderation', 'feedback'] as const,
  feedbackOne: (tenant: string, id: string) => ['t', tenant, 'moderation', 'feedback', id] as const,
};

function useInvalidate(tenant: string) {
  const client = useQueryClient();

  return () => client.invalidateQueries({ queryKey: keys.all(tenant) });
}

/** GET /t/{tenant}/moderations: a QA lead's every one, a moderator's own. */
export function useModerations(tenant: string, roundId?: string) {
  return useQuery({
    queryKey: keys.list(tenant, roundId),
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/t/{tenant}/moderations', {
          params: { path: { tenant }, query: roundId ? { round_id: roundId } : {} },
          signal,
        }),
      ),
  });
}

export function useModeration(tenant: string, id: string) {
  return useQuery({
    queryKey: keys.one(tenant, id),
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/t/{tenant}/moderations/{id}', {
          params: { path: { tenant, id } },
          signal,
        }),
      ),
  });
}

export function useComparison(tenant: string, id: string) {
  return useQuery({
    queryKey: keys.comparison(tenant, id),
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/t/{tenant}/moderations/{id}/comparison', {
          params: { path: { tenant, id } },
          signal,
        }),
      ),
  });
}

export function useDraw(tenant: string) {
  const invalidate = useInvalidate(tenant);

  return useMutation({
    mutationFn: (body: DrawRequest) =>
      unwrap(api.POST('/api/v1/t/{tenant}/moderations', { params: { path: { tenant } }, body })),
    onSuccess: invalidate,
  });
}

/** Submits the moderator's answers, under the version they loaded. */
export function useSubmitModeration(tenant: string, id: string) {
  const invalidate = useInvalidate(tenant);

  return useMutation({
    mutationFn: ({ answers, version }: { answers: Record<string, unknown>; version: number }) =>
      unwrap(
        api.POST('/api/v1/t/{tenant}/moderations/{id}/submit', {
          params: { path: { tenant, id }, header: { 'If-Match': `"${version}"` } },
          body: { answers: answers as Record<string, never> },
        }),
      ),
    onSuccess: invalidate,
  });
}

export function useAgree(tenant: string, id: string) {
  const invalidate = useInvalidate(tenant);

  return useMutation({
    mutationFn: ({
      label,
      discussion,
      version,
    }: {
      label: string;
      discussion: string;
      version: number;
    }) =>
      unwrap(
        api.POST('/api/v1/t/{tenant}/moderations/{id}/agreement', {
          params: { path: { tenant, id }, header: { 'If-Match': `"${version}"` } },
          body: { agreed_label: label, discussion },
        }),
      ),
    onSuccess: invalidate,
  });
}

export function useAgreement(tenant: string, roundId?: string) {
  return useQuery({
    queryKey: keys.agreement(tenant, roundId),
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/t/{tenant}/agreement', {
          params: { path: { tenant }, query: roundId ? { round_id: roundId } : {} },
          signal,
        }),
      ),
  });
}

export function useFeedbackList(tenant: string) {
  return useQuery({
    queryKey: keys.feedback(tenant),
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/t/{tenant}/feedback', { params: { path: { tenant } }, signal })),
  });
}

export function useFeedback(tenant: string, id: string) {
  return useQuery({
    queryKey: keys.feedbackOne(tenant, id),
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/t/{tenant}/feedback/{id}', { params: { path: { tenant, id } }, signal }),
      ),
  });
}

export function useReply(tenant: string, id: string) {
  const invalidate = useInvalidate(tenant);

  return useMutation({
    mutationFn: ({ reply, version }: { reply: string; version: number }) =>
      unwrap(
        api.PUT('/api/v1/t/{tenant}/feedback/{id}/reply', {
          params: { path: { tenant, id }, header: { 'If-Match': `"${version}"` } },
          body: { reply },
        }),
      ),
    onSuccess: invalidate,
  });
}

/** The words for an instrument's result labels, such as requires_improvement. */
export function labelText(label: string | null | undefined): string {
  if (!label) return '';
  const words = label.replace(/_/g, ' ');

  return words.charAt(0).toUpperCase() + words.slice(1);
}

export const stateNames: Record<Moderation['state'], string> = {
  allocated: 'Not started',
  draft: 'In progress',
  submitted: 'Submitted, to agree',
  agreed: 'Agreed',
};

/** The area's rounds, to choose one to moderate or to measure. */
export function useRoundChoices(tenant: string) {
  return useQuery({
    queryKey: ['t', tenant, 'moderation', 'rounds'],
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/t/{tenant}/rounds', {
          params: { path: { tenant }, query: { limit: 200 } },
          signal,
        }),
      ),
  });
}

export type ActionRequest = components['schemas']['ActionRequest'];

/** Adds a remedial action to a plan, linked to the feedback that caused it. */
export function useAddRemedialAction(tenant: string) {
  const client = useQueryClient();

  return useMutation({
    mutationFn: (body: ActionRequest) =>
      unwrap(api.POST('/api/v1/t/{tenant}/actions', { params: { path: { tenant } }, body })),
    onSuccess: () => client.invalidateQueries({ queryKey: ['t', tenant] }),
  });
}

/** Queues the feedback rule for every submitted audit of a round. */
export function useReleaseFeedback(tenant: string) {
  const invalidate = useInvalidate(tenant);

  return useMutation({
    mutationFn: (roundId: string) =>
      unwrap(
        api.POST('/api/v1/t/{tenant}/feedback/release', {
          params: { path: { tenant } },
          body: { round_id: roundId },
        }),
      ),
    onSuccess: invalidate,
  });
}

/** Saves the moderator's answers so far, under the version they loaded. */
export function useSaveModeration(tenant: string, id: string) {
  const invalidate = useInvalidate(tenant);

  return useMutation({
    mutationFn: ({ answers, version }: { answers: Record<string, unknown>; version: number }) =>
      unwrap(
        api.PUT('/api/v1/t/{tenant}/moderations/{id}/answers', {
          params: { path: { tenant, id }, header: { 'If-Match': `"${version}"` } },
          body: { answers: answers as Record<string, never> },
        }),
      ),
    onSuccess: invalidate,
  });
}
