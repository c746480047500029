import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, csrfHeaders, refreshSession, unwrap } from '../../../lib/api';
import type { components } from '../../../lib/api-schema';
import { ApiError, networkProblem, toProblem } from '../../../lib/problem';

export type SirRound = components['schemas']['SIRRoundResponse'];
export type SirRoundRequest = components['schemas']['SIRRoundRequest'];
export type SirCheck = components['schemas']['SIRCheckResponse'];
export type SirCheckBrief = components['schemas']['SIRCheckBrief'];
export type SirCheckRequest = components['schemas']['SIRCheckRequest'];
export type SirLetter = components['schemas']['SIRLetterResponse'];
export type SirSummary = components['schemas']['SIRSummary'];
export type SirItem = components['schemas']['SIRItem'];
export type SettingImport = components['schemas']['SettingImportResponse'];

const keys = {
  all: (tenant: string) => ['t', tenant, 'sir'] as const,
  settings: (tenant: string) => ['t', tenant, 'sir', 'settings'] as const,
  rounds: (tenant: string) => ['t', tenant, 'sir', 'rounds'] as const,
  round: (tenant: string, id: string) => ['t', tenant, 'sir', 'round', id] as const,
  checks: (tenant: string, roundId: string) => ['t', tenant, 'sir', 'checks', roundId] as const,
  check: (tenant: string, id: string) => ['t', tenant, 'sir', 'check', id] as const,
  letter: (tenant: string, id: string) => ['t', tenant, 'sir', 'letter', id] as const,
  summary: (tenant: string, id: string) => ['t', tenant, 'sir', 'summary', id] as const,
  checklist: (tenant: string) => ['t', tenant, 'sir', 'checklist'] as const,
};

function useInvalidate(tenant: string) {
  const client = useQueryClient();

  return () => client.invalidateQueries({ queryKey: keys.all(tenant) });
}

const ifMatch = (version: number) => ({ 'If-Match': `"${version}"` });

/** GET /t/{tenant}/settings: the register, at most 200 for now. */
export function useSettings(tenant: string) {
  return useQuery({
    queryKey: keys.settings(tenant),
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/t/{tenant}/settings', {
          params: { path: { tenant }, query: { limit: 200 } },
          signal,
        }),
      ),
  });
}

/** POST /t/{tenant}/settings/imports: sends a register file for a preview. */
export async function uploadRegister(tenant: string, file: File): Promise<SettingImport> {
  const send = () =>
    fetch(
      `/api/v1/t/${encodeURIComponent(tenant)}/settings/imports?${new URLSearchParams({
        file_name: file.name,
      }).toString()}`,
      {
        method: 'POST',
        credentials: 'same-origin',
        headers: { ...csrfHeaders, 'Content-Type': 'text/csv' },
        body: file,
      },
    );
  let response: Response;
  try {
    response = await send();
    // An access cookie that ran out while the page sat open is renewed once.
    if (response.status === 401 && (await refreshSession())) response = await send();
  } catch {
    throw new ApiError(networkProblem);
  }
  const body: unknown = await response.json().catch(() => undefined);
  if (response.status !== 201) throw new ApiError(toProblem(body, response));

  return body as SettingImport;
}

export function useUploadRegister(tenant: string) {
  return useMutation({ mutationFn: (file: File) => uploadRegister(tenant, file) });
}

export function useConfirmRegister(tenant: string) {
  const invalidate = useInvalidate(tenant);

  return useMutation({
    mutationFn: (id: string) =>
      unwrap(
        api.POST('/api/v1/t/{tenant}/settings/imports/{id}/confirm', {
          params: { path: { tenant, id } },
        }),
      ),
    onSuccess: invalidate,
  });
}

export function useRounds(tenant: string) {
  return useQuery({
    queryKey: keys.rounds(tenant),
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/t/{tenant}/sir-rounds', { params: { path: { tenant } }, signal })),
  });
}

export function useCreateRound(tenant: string) {
  const invalidate = useInvalidate(tenant);

  return useMutation({
    mutationFn: (body: SirRoundRequest) =>
      unwrap(api.POST('/api/v1/t/{tenant}/sir-rounds', { params: { path: { tenant } }, body })),
    onSuccess: invalidate,
  });
}

export function useRound(tenant: string, id: string) {
  return useQuery({
    queryKey: keys.round(tenant, id),
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/t/{tenant}/sir-rounds/{id}', { params: { path: { tenant, id } }, signal }),
      ),
  });
}

export function useRoundChecks(tenant: string, roundId: string) {
  return useQuery({
    queryKey: keys.checks(tenant, roundId),
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/t/{tenant}/sir-checks', {
          params: { path: { tenant }, query: { round_id: roundId, limit: 200 } },
          signal,
        }),
      ),
  });
}

export function useAllocate(tenant: string, roundId: string) {
  const invalidate = useInvalidate(tenant);

  return useMutation({
    mutationFn: (officerIds: string[]) =>
      unwrap(
        api.POST('/api/v1/t/{tenant}/sir-rounds/{id}/allocation', {
          params: { path: { tenant, id: roundId } },
          body: { officer_ids: officerIds },
        }),
      ),
    onSuccess: invalidate,
  });
}

export function useChecklist(tenant: string) {
  return useQuery({
    queryKey: keys.checklist(tenant),
    staleTime: Infinity,
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/t/{tenant}/sir-checklist', { params: { path: { tenant } }, signal })),
  });
}

export function useCheck(tenant: string, id: string) {
  return useQuery({
    queryKey: keys.check(tenant, id),
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/t/{tenant}/sir-checks/{id}', { params: { path: { tenant, id } }, signal }),
      ),
  });
}

export function useSaveCheck(tenant: string, id: string) {
  const invalidate = useInvalidate(tenant);

  return useMutation({
    mutationFn: ({ body, version }: { body: SirCheckRequest; version: number }) =>
      unwrap(
        api.PUT('/api/v1/t/{tenant}/sir-checks/{id}', {
          params: { path: { tenant, id }, header: ifMatch(version) },
          body,
        }),
      ),
    onSuccess: invalidate,
  });
}

export function useCompleteCheck(tenant: string, id: string) {
  const invalidate = useInvalidate(tenant);

  return useMutation({
    mutationFn: (version: number) =>
      unwrap(
        api.POST('/api/v1/t/{tenant}/sir-checks/{id}/complete', {
          params: { path: { tenant, id }, header: ifMatch(version) },
        }),
      ),
    onSuccess: invalidate,
  });
}

/** PUT /t/{tenant}/sir-checks/{id}/copy: keeps the captured copy of the report. */
export function useSaveCopy(tenant: string, id: string) {
  const invalidate = useInvalidate(tenant);

  return useMutation({
    mutationFn: async ({ file, version }: { file: File; version: number }) => {
      const response = await fetch(
        `/api/v1/t/${encodeURIComponent(tenant)}/sir-checks/${encodeURIComponent(id)}/copy?${new URLSearchParams({ file_name: file.name }).toString()}`,
        {
          method: 'PUT',
          credentials: 'same-origin',
          headers: {
            ...csrfHeaders,
            ...ifMatch(version),
            'Content-Type': file.type || 'application/octet-stream',
          },
          body: file,
        },
      ).catch(() => {
        throw new ApiError(networkProblem);
      });
      const body: unknown = await response.json().catch(() => undefined);
      if (!response.ok) throw new ApiError(toProblem(body, response));

      return body as SirCheck;
    },
    onSuccess: invalidate,
  });
}

export function useLetter(tenant: string, checkId: string, enabled: boolean) {
  return useQuery({
    queryKey: keys.letter(tenant, checkId),
    enabled,
    retry: false,
    queryFn: async ({ signal }) => {
      try {
        return await unwrap(
          api.GET('/api/v1/t/{tenant}/sir-checks/{id}/letter', {
            params: { path: { tenant, id: checkId } },
            signal,
          }),
        );
      } catch (error) {
        if (error instanceof ApiError && error.problem.status === 404) return null;
        throw error;
      }
    },
  });
}

export function useGenerateLetter(tenant: string, checkId: string) {
  const invalidate = useInvalidate(tenant);

  return useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/t/{tenant}/sir-checks/{id}/letter', {
          params: { path: { tenant, id: checkId } },
        }),
      ),
    onSuccess: invalidate,
  });
}

export function useLetterStep(tenant: string, checkId: string, step: 'review' | 'send') {
  const invalidate = useInvalidate(tenant);

  return useMutation({
    mutationFn: (version: number) =>
      step === 'review'
        ? unwrap(
            api.POST('/api/v1/t/{tenant}/sir-checks/{id}/letter/review', {
              params: { path: { tenant, id: checkId }, header: ifMatch(version) },
            }),
          )
        : unwrap(
            api.POST('/api/v1/t/{tenant}/sir-checks/{id}/letter/send', {
              params: { path: { tenant, id: checkId }, header: ifMatch(version) },
            }),
          ),
    onSuccess: invalidate,
  });
}

export function useSummary(tenant: string, roundId: string) {
  return useQuery({
    queryKey: keys.summary(tenant, roundId),
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/t/{tenant}/sir-rounds/{id}/summary', {
          params: { path: { tenant, id: roundId } },
          signal,
        }),
      ),
  });
}

export const ratingNames: Record<string, string> = {
  met: 'Met',
  partially_met: 'Partially met',
  not_met: 'Not met',
};

export const stateNames: Record<string, string> = {
  unallocated: 'Not allocated',
  allocated: 'To do',
  completed: 'Completed',
};

export const letterNames: Record<string, string> = {
  '': 'Not written',
  draft: 'Drafted',
  reviewed: 'Reviewed',
  sent: 'Sent',
};

export type SirFindingList = SirLetter['not_met'];

/** GET /t/{tenant}/settings/{id}/sir-history: a setting's checks year on year. */
export function useHistory(tenant: string, settingId: string) {
  return useQuery({
    queryKey: [...keys.all(tenant), 'history', settingId] as const,
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/t/{tenant}/settings/{id}/sir-history', {
          params: { path: { tenant, id: settingId } },
          signal,
        }),
      ),
  });
}
