import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../lib/api';
import type { components } from '../../../lib/api-schema';

export type Theme = components['schemas']['ThemeResponse'];
export type Finding = components['schemas']['ThemeFindingResponse'];
export type FindingRequest = components['schemas']['FindingRequest'];
export type Triangulation = components['schemas']['TriangulationResponse'];
export type ThemeActionRequest = components['schemas']['ThemeActionRequest'];
export type Report = components['schemas']['ReportResponse'];
export type ReportSummary = components['schemas']['ReportSummary'];
export type ReportRequest = components['schemas']['ReportRequest'];

export interface Period {
  from?: string;
  to?: string;
}

export interface FindingFilter extends Period {
  theme_id?: string;
  source_kind?: string;
  polarity?: 'strength' | 'development';
  cursor?: string;
}

const keys = {
  all: (tenant: string) => ['t', tenant, 'triangulation'] as const,
  themes: (tenant: string) => ['t', tenant, 'triangulation', 'themes'] as const,
  matrix: (tenant: string, p: Period) => ['t', tenant, 'triangulation', 'matrix', p] as const,
  findings: (tenant: string, f: FindingFilter) =>
    ['t', tenant, 'triangulation', 'findings', f] as const,
  reports: (tenant: string) => ['t', tenant, 'reports'] as const,
  report: (tenant: string, id: string) => ['t', tenant, 'reports', id] as const,
};

function useInvalidate(tenant: string) {
  const client = useQueryClient();

  return () =>
    Promise.all([
      client.invalidateQueries({ queryKey: keys.all(tenant), refetchType: 'all' }),
      client.invalidateQueries({ queryKey: keys.reports(tenant), refetchType: 'all' }),
      client.invalidateQueries({ queryKey: ['t', tenant, 'actions'], refetchType: 'all' }),
    ]);
}

const periodQuery = (p: Period) => ({
  ...(p.from ? { from: p.from } : {}),
  ...(p.to ? { to: p.to } : {}),
});

/** GET /t/{tenant}/themes: the area's themes in order. */
export function useThemes(tenant: string) {
  return useQuery({
    queryKey: keys.themes(tenant),
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/t/{tenant}/themes', { params: { path: { tenant } }, signal })),
  });
}

/** GET /t/{tenant}/triangulation: themes against sources for a period. */
export function useTriangulation(tenant: string, period: Period) {
  return useQuery({
    queryKey: keys.matrix(tenant, period),
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/t/{tenant}/triangulation', {
          params: { path: { tenant }, query: periodQuery(period) },
          signal,
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

/** GET /t/{tenant}/findings: a page of 50, oldest first. */
export function useFindings(tenant: string, filter: FindingFilter) {
  return useQuery({
    queryKey: keys.findings(tenant, filter),
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/t/{tenant}/findings', {
          params: {
            path: { tenant },
            query: {
              limit: 50,
              ...periodQuery(filter),
              ...(filter.theme_id ? { theme_id: filter.theme_id } : {}),
              ...(filter.source_kind ? { source_kind: filter.source_kind } : {}),
              ...(filter.polarity ? { polarity: filter.polarity } : {}),
              ...(filter.cursor ? { cursor: filter.cursor } : {}),
            },
          },
          signal,
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

export function useRecordFinding(tenant: string) {
  const invalidate = useInvalidate(tenant);

  return useMutation({
    mutationFn: (body: FindingRequest) =>
      unwrap(api.POST('/api/v1/t/{tenant}/findings', { params: { path: { tenant } }, body })),
    onSuccess: invalidate,
  });
}

/** Sends a CSV file of findings; the API records all of it or none. */
export function useImportFindings(tenant: string) {
  const invalidate = useInvalidate(tenant);

  return useMutation({
    mutationFn: (text: string) =>
      unwrap(
        api.POST('/api/v1/t/{tenant}/findings/imports', {
          params: { path: { tenant } },
          body: text,
          bodySerializer: (body) => body,
          headers: { 'Content-Type': 'text/csv' },
        }),
      ),
    onSuccess: invalidate,
  });
}

/** Derives the findings of a period's audits, moderations and feedback. */
export function useDeriveFindings(tenant: string) {
  const invalidate = useInvalidate(tenant);

  return useMutation({
    mutationFn: (body: { from: string; to: string }) =>
      unwrap(
        api.POST('/api/v1/t/{tenant}/findings/derivations', {
          params: { path: { tenant } },
          body,
        }),
      ),
    onSuccess: invalidate,
  });
}

/** Turns a theme into an action of the practice improvement plan. */
export function useThemeAction(tenant: string, themeId: string) {
  const invalidate = useInvalidate(tenant);

  return useMutation({
    mutationFn: (body: ThemeActionRequest) =>
      unwrap(
        api.POST('/api/v1/t/{tenant}/themes/{id}/actions', {
          params: { path: { tenant, id: themeId } },
          body,
        }),
      ),
    onSuccess: invalidate,
  });
}

export function useReports(tenant: string) {
  return useQuery({
    queryKey: keys.reports(tenant),
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/t/{tenant}/reports', {
          params: { path: { tenant }, query: { limit: 50 } },
          signal,
        }),
      ),
  });
}

export function useReport(tenant: string, id: string) {
  return useQuery({
    queryKey: keys.report(tenant, id),
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/t/{tenant}/reports/{id}', { params: { path: { tenant, id } }, signal }),
      ),
  });
}

export function useCreateReport(tenant: string) {
  const invalidate = useInvalidate(tenant);

  return useMutation({
    mutationFn: (body: ReportRequest) =>
      unwrap(api.POST('/api/v1/t/{tenant}/reports', { params: { path: { tenant } }, body })),
    onSuccess: invalidate,
  });
}

/** Saves a draft's narrative under the version it was loaded at. */
export function useSaveNarrative(tenant: string, id: string) {
  const invalidate = useInvalidate(tenant);

  return useMutation({
    mutationFn: ({ narrative, version }: { narrative: Record<string, string>; version: number }) =>
      unwrap(
        api.PATCH('/api/v1/t/{tenant}/reports/{id}', {
          params: { path: { tenant, id }, header: { 'If-Match': `"${version}"` } },
          body: { narrative },
        }),
      ),
    onSuccess: invalidate,
  });
}

export function usePublishReport(tenant: string, id: string) {
  const invalidate = useInvalidate(tenant);

  return useMutation({
    mutationFn: (version: number) =>
      unwrap(
        api.POST('/api/v1/t/{tenant}/reports/{id}/publication', {
          params: { path: { tenant, id }, header: { 'If-Match': `"${version}"` } },
        }),
      ),
    onSuccess: invalidate,
  });
}

/** Words a code for people: "requires_improvement" reads "Requires improvement". */
export function labelText(code: string) {
  const s = code.replace(/_/g, ' ');

  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** A share from 0 to 1 as a whole percentage, or "No data". */
export function percent(v: number | null | undefined) {
  return v === null || v === undefined ? 'No data' : `${Math.round(v * 100)}%`;
}
