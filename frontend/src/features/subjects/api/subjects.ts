import { keepPreviousData, queryOptions, useMutation, useQuery } from '@tanstack/react-query';
import { api, csrfHeaders, refreshSession, unwrap } from '../../../lib/api';
import type { components, paths } from '../../../lib/api-schema';
import { ApiError, networkProblem, toProblem } from '../../../lib/problem';

export type Subject = components['schemas']['SubjectResponse'];
export type SubjectImport = components['schemas']['SubjectImportResponse'];
export type SubjectFilters = NonNullable<
  paths['/api/v1/t/{tenant}/subjects']['get']['parameters']['query']
>;
export type SubjectKind = NonNullable<SubjectFilters['kind']>;

/** GET /t/{tenant}/subjects: one page of subjects, filtered. */
export function subjectsQuery(tenant: string, filters: SubjectFilters) {
  return queryOptions({
    queryKey: ['subjects', tenant, 'list', filters] as const,
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/t/{tenant}/subjects', {
          params: { path: { tenant }, query: filters },
          signal,
        }),
      ),
  });
}

export function useSubjects(tenant: string, filters: SubjectFilters) {
  return useQuery({ ...subjectsQuery(tenant, filters), placeholderData: keepPreviousData });
}

/** The address of the CSV export of the subjects that match the filters. */
export function exportHref(tenant: string, filters: SubjectFilters) {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(filters)) {
    if (value !== undefined && value !== '' && name !== 'limit' && name !== 'cursor') {
      query.set(name, String(value));
    }
  }
  const search = query.toString();

  return `/api/v1/t/${encodeURIComponent(tenant)}/subjects/export${search ? `?${search}` : ''}`;
}

export interface UploadInput {
  tenant: string;
  kind: SubjectKind;
  file: File;
  /** Called as the file goes up, with the share sent from 0 to 1. */
  onProgress: (share: number) => void;
}

/**
 * POST /t/{tenant}/subjects/imports: sends the file for a preview.
 * XMLHttpRequest rather than fetch, because only it reports how much of
 * a large file has gone up; the answer is typed from the same schema.
 */
export async function uploadImport(input: UploadInput): Promise<SubjectImport> {
  const send = () =>
    new Promise<{ status: number; body: unknown; response: Response }>((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      const query = new URLSearchParams({ kind: input.kind, file_name: input.file.name });
      xhr.open(
        'POST',
        `/api/v1/t/${encodeURIComponent(input.tenant)}/subjects/imports?${query.toString()}`,
      );
      xhr.withCredentials = true;
      for (const [name, value] of Object.entries(csrfHeaders)) xhr.setRequestHeader(name, value);
      xhr.setRequestHeader('Content-Type', 'text/csv');
      xhr.setRequestHeader('Accept', 'application/json, application/problem+json');
      xhr.upload.onprogress = (event) => {
        if (event.lengthComputable) input.onProgress(event.loaded / event.total);
      };
      xhr.onerror = () => reject(new ApiError(networkProblem));
      xhr.onload = () => {
        let body: unknown;
        try {
          body = JSON.parse(xhr.responseText);
        } catch {
          body = undefined;
        }
        resolve({ status: xhr.status, body, response: new Response(null, { status: xhr.status }) });
      };
      xhr.send(input.file);
    });

  let result = await send();
  // An access cookie that ran out while the page sat open is renewed once.
  if (result.status === 401 && (await refreshSession())) result = await send();
  if (result.status !== 201) throw new ApiError(toProblem(result.body, result.response));
  input.onProgress(1);

  return result.body as SubjectImport;
}

export function useUploadImport() {
  return useMutation({ mutationFn: uploadImport });
}

/** POST /t/{tenant}/subjects/imports/{id}/confirm: writes the valid rows. */
export function useConfirmImport(tenant: string) {
  return useMutation({
    mutationFn: (id: string) =>
      unwrap(
        api.POST('/api/v1/t/{tenant}/subjects/imports/{id}/confirm', {
          params: { path: { tenant, id } },
        }),
      ),
  });
}
