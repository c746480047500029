import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../lib/api';
import type { components } from '../../../lib/api-schema';

export type ProviderLink = components['schemas']['ProviderResponse'];
export type ProviderAudit = components['schemas']['ProviderAuditResponse'];
export type Standard = components['schemas']['ProviderStandard'];
export type Challenge = components['schemas']['ProviderChallenge'];
export type ProviderEvidence = components['schemas']['ProviderEvidence'];
export type InviteRequest = components['schemas']['ProviderInviteRequest'];
export type DecisionRequest = components['schemas']['ProviderDecisionRequest'];

const etag = (version: number) => `"${version}"`;
const key = () => crypto.randomUUID();

const keys = {
  council: (tenant: string) => ['t', tenant, 'providers'] as const,
  register: (tenant: string) => ['t', tenant, 'providers', 'register'] as const,
  link: (tenant: string, id: string) => ['t', tenant, 'providers', 'link', id] as const,
  audits: (tenant: string, providerId?: string) =>
    ['t', tenant, 'providers', 'audits', providerId] as const,
  audit: (tenant: string, id: string) => ['t', tenant, 'providers', 'audit', id] as const,
  shared: (tenant: string) => ['t', tenant, 'providers', 'shared'] as const,
  sharedOne: (tenant: string, id: string) => ['t', tenant, 'providers', 'shared', id] as const,
  own: ['provider'] as const,
  ownAudit: (id: string) => ['provider', 'audit', id] as const,
};

function useInvalidateCouncil(tenant: string) {
  const client = useQueryClient();

  return () => client.invalidateQueries({ queryKey: keys.council(tenant) });
}

function useInvalidateOwn() {
  const client = useQueryClient();

  return () => client.invalidateQueries({ queryKey: keys.own });
}

/** GET /t/{tenant}/providers: the council's register. */
export function useRegister(tenant: string) {
  return useQuery({
    queryKey: keys.register(tenant),
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/t/{tenant}/providers', {
          params: { path: { tenant }, query: { limit: 200 } },
          signal,
        }),
      ),
  });
}

export function useProviderLink(tenant: string, id: string) {
  return useQuery({
    queryKey: keys.link(tenant, id),
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/t/{tenant}/providers/{id}', { params: { path: { tenant, id } }, signal }),
      ),
  });
}

export function useInviteProvider(tenant: string) {
  const invalidate = useInvalidateCouncil(tenant);

  return useMutation({
    mutationFn: (body: InviteRequest) =>
      unwrap(
        api.POST('/api/v1/t/{tenant}/providers', {
          params: { path: { tenant }, header: { 'Idempotency-Key': key() } },
          body,
        }),
      ),
    onSuccess: invalidate,
  });
}

/** Puts the provider of a result shared by the region on the register. */
export function useAddSharedProvider(tenant: string) {
  const invalidate = useInvalidateCouncil(tenant);

  return useMutation({
    mutationFn: (auditId: string) =>
      unwrap(
        api.POST('/api/v1/t/{tenant}/providers/from-share', {
          params: { path: { tenant }, header: { 'Idempotency-Key': key() } },
          body: { audit_id: auditId },
        }),
      ),
    onSuccess: invalidate,
  });
}

export function useAudits(tenant: string, providerId?: string) {
  return useQuery({
    queryKey: keys.audits(tenant, providerId),
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/t/{tenant}/provider-audits', {
          params: { path: { tenant }, query: providerId ? { provider_id: providerId } : {} },
          signal,
        }),
      ),
  });
}

export function useOpenAudit(tenant: string) {
  const invalidate = useInvalidateCouncil(tenant);

  return useMutation({
    mutationFn: (body: { provider_id: string; evidence_due_on: string }) =>
      unwrap(
        api.POST('/api/v1/t/{tenant}/provider-audits', {
          params: { path: { tenant }, header: { 'Idempotency-Key': key() } },
          body,
        }),
      ),
    onSuccess: invalidate,
  });
}

export function useAudit(tenant: string, id: string) {
  return useQuery({
    queryKey: keys.audit(tenant, id),
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/t/{tenant}/provider-audits/{id}', {
          params: { path: { tenant, id } },
          signal,
        }),
      ),
  });
}

/** The officer's changes to one audit, each under the version loaded. */
export function useOfficer(tenant: string, id: string) {
  const invalidate = useInvalidateCouncil(tenant);
  const path = { tenant, id };

  const rate = useMutation({
    mutationFn: (v: { key: string; version: number; rating: string; feedback: string }) =>
      unwrap(
        api.PUT('/api/v1/t/{tenant}/provider-audits/{id}/standards/{key}/rating', {
          params: { path: { ...path, key: v.key }, header: { 'If-Match': etag(v.version) } },
          body: { rating: v.rating as 'red', feedback: v.feedback },
        }),
      ),
    onSuccess: invalidate,
  });
  const more = useMutation({
    mutationFn: (v: { version: number; key: string; request: string }) =>
      unwrap(
        api.POST('/api/v1/t/{tenant}/provider-audits/{id}/more-evidence', {
          params: { path, header: { 'If-Match': etag(v.version) } },
          body: { standards: [{ key: v.key, request: v.request }] },
        }),
      ),
    onSuccess: invalidate,
  });
  const visit = useMutation({
    mutationFn: (v: { version: number; visit_on?: string; visit_notes: string }) =>
      unwrap(
        api.PATCH('/api/v1/t/{tenant}/provider-audits/{id}', {
          params: { path, header: { 'If-Match': etag(v.version) } },
          body: { visit_on: v.visit_on || undefined, visit_notes: v.visit_notes },
        }),
      ),
    onSuccess: invalidate,
  });
  const extension = useMutation({
    mutationFn: (v: { version: number }) =>
      unwrap(
        api.POST('/api/v1/t/{tenant}/provider-audits/{id}/extension', {
          params: { path, header: { 'If-Match': etag(v.version) } },
          body: {},
        }),
      ),
    onSuccess: invalidate,
  });
  const answer = useMutation({
    mutationFn: (v: {
      challenge: string;
      version: number;
      outcome: string;
      answer: string;
      new_rating?: string;
    }) =>
      unwrap(
        api.POST('/api/v1/t/{tenant}/provider-audits/{id}/challenges/{challenge}/answer', {
          params: {
            path: { ...path, challenge: v.challenge },
            header: { 'If-Match': etag(v.version) },
          },
          body: {
            outcome: v.outcome as 'upheld',
            answer: v.answer,
            new_rating: (v.new_rating || undefined) as 'red' | undefined,
          },
        }),
      ),
    onSuccess: invalidate,
  });
  const decide = useMutation({
    mutationFn: (v: DecisionRequest & { version: number }) =>
      unwrap(
        api.POST('/api/v1/t/{tenant}/provider-audits/{id}/decision', {
          params: { path, header: { 'If-Match': etag(v.version) } },
          body: { decision: v.decision, conditions: v.conditions, review_on: v.review_on },
        }),
      ),
    onSuccess: invalidate,
  });
  const share = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/t/{tenant}/provider-audits/{id}/shares', {
          params: { path, header: { 'Idempotency-Key': key() } },
        }),
      ),
    onSuccess: invalidate,
  });
  const withdraw = useMutation({
    mutationFn: (v: { share: string; version: number }) =>
      unwrap(
        api.DELETE('/api/v1/t/{tenant}/provider-audits/{id}/shares/{share}', {
          params: { path: { ...path, share: v.share }, header: { 'If-Match': etag(v.version) } },
        }),
      ),
    onSuccess: invalidate,
  });

  return { rate, more, visit, extension, answer, decide, share, withdraw };
}

export function useSharedResults(tenant: string) {
  return useQuery({
    queryKey: keys.shared(tenant),
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/t/{tenant}/provider-audits/shared', {
          params: { path: { tenant } },
          signal,
        }),
      ),
  });
}

export function useSharedResult(tenant: string, id: string) {
  return useQuery({
    queryKey: keys.sharedOne(tenant, id),
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/t/{tenant}/provider-audits/shared/{id}', {
          params: { path: { tenant, id } },
          signal,
        }),
      ),
  });
}

/** GET /provider/audits: the provider's one inbox across councils. */
export function useInbox() {
  return useQuery({
    queryKey: keys.own,
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/provider/audits', { params: { query: { limit: 200 } }, signal })),
  });
}

export function useOwnAudit(id: string) {
  return useQuery({
    queryKey: keys.ownAudit(id),
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/provider/audits/{id}', { params: { path: { id } }, signal })),
  });
}

/** The provider's changes to its own audit. */
export function useProviderActions(id: string) {
  const invalidate = useInvalidateOwn();

  const statement = useMutation({
    mutationFn: (v: { key: string; version: number; statement: string }) =>
      unwrap(
        api.PUT('/api/v1/provider/audits/{id}/standards/{key}', {
          params: { path: { id, key: v.key }, header: { 'If-Match': etag(v.version) } },
          body: { statement: v.statement },
        }),
      ),
    onSuccess: invalidate,
  });
  const upload = useMutation({
    mutationFn: (v: { key: string; file: File }) =>
      unwrap(
        api.POST('/api/v1/provider/audits/{id}/standards/{key}/evidence', {
          params: {
            path: { id, key: v.key },
            query: { file_name: v.file.name },
            header: { 'Idempotency-Key': key() },
          },
          body: v.file as unknown as string,
          bodySerializer: (body: unknown) => body as BodyInit,
          headers: { 'Content-Type': v.file.type || 'application/octet-stream' },
        }),
      ),
    onSuccess: invalidate,
  });
  const submit = useMutation({
    mutationFn: (v: { version: number }) =>
      unwrap(
        api.POST('/api/v1/provider/audits/{id}/submit', {
          params: { path: { id }, header: { 'If-Match': etag(v.version) } },
        }),
      ),
    onSuccess: invalidate,
  });
  const extension = useMutation({
    mutationFn: (v: { version: number; until: string; reason: string }) =>
      unwrap(
        api.POST('/api/v1/provider/audits/{id}/extension-request', {
          params: { path: { id }, header: { 'If-Match': etag(v.version) } },
          body: { until: v.until, reason: v.reason },
        }),
      ),
    onSuccess: invalidate,
  });
  const challenge = useMutation({
    mutationFn: (v: { standard_key: string; reasons: string }) =>
      unwrap(
        api.POST('/api/v1/provider/audits/{id}/challenges', {
          params: { path: { id }, header: { 'Idempotency-Key': key() } },
          body: v,
        }),
      ),
    onSuccess: invalidate,
  });

  return { statement, upload, submit, extension, challenge };
}

export const ratingText: Record<string, string> = {
  red: 'Red',
  amber: 'Amber',
  green: 'Green',
};

export const decisionText: Record<string, string> = {
  approved: 'Approved',
  approved_with_conditions: 'Approved with conditions',
  not_approved: 'Not approved',
};

export const stateText: Record<string, string> = {
  requested: 'Evidence requested',
  submitted: 'Evidence submitted',
  more_evidence: 'More evidence requested',
  decided: 'Decided',
};

export const standardStateText: Record<string, string> = {
  requested: 'To do',
  draft: 'Draft saved',
  submitted: 'Submitted',
  rated: 'Rated',
};

/** Groups standards by theme, in the instrument's order. */
export function byTheme(standards: Standard[]): [string, Standard[]][] {
  const groups = new Map<string, Standard[]>();
  for (const s of standards) {
    groups.set(s.theme, [...(groups.get(s.theme) ?? []), s]);
  }

  return [...groups.entries()];
}

export function formatDate(date?: string | null) {
  if (!date) return '';

  return new Date(`${date.slice(0, 10)}T00:00:00Z`).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
}
