import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../lib/api';
import type { components } from '../../../lib/api-schema';
import { parseDefinition, type Definition, type Item } from '../../../lib/instrument/types';
import type { InstrumentVersion } from './instrument';

type VersionBody = components['schemas']['InstrumentVersionResponse'];
export type Comparison = components['schemas']['InstrumentComparison'];
export type Share = components['schemas']['ShareResponse'];
type UseBody = components['schemas']['InstrumentUseResponse'];

/** A shared version the area uses, with a layer's whole form read. */
export interface InstrumentUse extends Omit<UseBody, 'definition'> {
  definition?: Definition;
}

// The schema types definitions as bare objects: the server's parser is the
// authority on their shape, and reports every problem by its path.
type Untyped = Record<string, never>;

const ifMatch = (revision: number) => ({ 'If-Match': `"${revision}"` });

function readVersion(body: VersionBody): InstrumentVersion {
  return { ...body, definition: parseDefinition(body.definition) };
}

/** Everything cached about the area's instruments goes stale together. */
function useInvalidate(tenant: string) {
  const queryClient = useQueryClient();

  return () => queryClient.invalidateQueries({ queryKey: ['instruments', tenant] });
}

/** POST /instruments: a new instrument (or next version) as a draft. */
export function useCreateDraft(tenant: string) {
  const invalidate = useInvalidate(tenant);

  return useMutation({
    mutationFn: async (def: Definition) =>
      readVersion(
        await unwrap(
          api.POST('/api/v1/t/{tenant}/instruments', {
            params: { path: { tenant } },
            body: def as unknown as Untyped,
          }),
        ),
      ),
    onSuccess: invalidate,
  });
}

/** PUT .../versions/{n}: replaces a draft, refused if changed meanwhile. */
export function useUpdateDraft(tenant: string, key: string, version: number) {
  const invalidate = useInvalidate(tenant);

  return useMutation({
    mutationFn: async ({ def, revision }: { def: Definition; revision: number }) =>
      readVersion(
        await unwrap(
          api.PUT('/api/v1/t/{tenant}/instruments/{key}/versions/{version}', {
            params: { path: { tenant, key, version }, header: ifMatch(revision) },
            body: def as unknown as Untyped,
          }),
        ),
      ),
    onSuccess: invalidate,
  });
}

/** POST .../publish: freezes a draft and makes it current. */
export function usePublish(tenant: string, key: string) {
  const invalidate = useInvalidate(tenant);

  return useMutation({
    mutationFn: ({ version, revision }: { version: number; revision: number }) =>
      unwrap(
        api.POST('/api/v1/t/{tenant}/instruments/{key}/versions/{version}/publish', {
          params: { path: { tenant, key, version }, header: ifMatch(revision) },
        }),
      ),
    onSuccess: invalidate,
  });
}

/** POST .../retire: no new audit may use the instrument. */
export function useRetire(tenant: string, key: string) {
  const invalidate = useInvalidate(tenant);

  return useMutation({
    mutationFn: (revision: number) =>
      unwrap(
        api.POST('/api/v1/t/{tenant}/instruments/{key}/retire', {
          params: { path: { tenant, key }, header: ifMatch(revision) },
        }),
      ),
    onSuccess: invalidate,
  });
}

/** POST .../versions: copies the published version into a new draft. */
export function useNewVersion(tenant: string, key: string) {
  const invalidate = useInvalidate(tenant);

  return useMutation({
    mutationFn: async () =>
      readVersion(
        await unwrap(
          api.POST('/api/v1/t/{tenant}/instruments/{key}/versions', {
            params: { path: { tenant, key } },
          }),
        ),
      ),
    onSuccess: invalidate,
  });
}

/**
 * POST /instruments/imports: a definition file as a draft. The text goes
 * as it is, so that the server, not the browser, reports a file that is
 * not JSON at all.
 */
export function useImportDefinition(tenant: string) {
  const invalidate = useInvalidate(tenant);

  return useMutation({
    mutationFn: async (text: string) =>
      readVersion(
        await unwrap(
          api.POST('/api/v1/t/{tenant}/instruments/imports', {
            params: { path: { tenant } },
            body: text as unknown as Untyped,
            bodySerializer: (body) => body as unknown as string,
            headers: { 'Content-Type': 'application/json' },
          }),
        ),
      ),
    onSuccess: invalidate,
  });
}

/** GET .../compare: how one version's items differ from another's. */
export function useComparison(tenant: string, key: string, from: number, to: number) {
  return useQuery({
    queryKey: ['instruments', tenant, 'one', key, 'compare', from, to] as const,
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/t/{tenant}/instruments/{key}/compare', {
          params: { path: { tenant, key }, query: { from, to } },
          signal,
        }),
      ),
    enabled: from > 0 && to > 0,
  });
}

/** GET .../shares: every share of an own instrument, withdrawn ones too. */
export function useShares(tenant: string, key: string, enabled: boolean) {
  return useQuery({
    queryKey: ['instruments', tenant, 'one', key, 'shares'] as const,
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/t/{tenant}/instruments/{key}/shares', {
          params: { path: { tenant, key } },
          signal,
        }),
      ),
    enabled,
  });
}

export function useShare(tenant: string, key: string) {
  const invalidate = useInvalidate(tenant);

  return useMutation({
    mutationFn: (scope: 'region' | 'all') =>
      unwrap(
        api.POST('/api/v1/t/{tenant}/instruments/{key}/shares', {
          params: { path: { tenant, key } },
          body: { scope },
        }),
      ),
    onSuccess: invalidate,
  });
}

/** DELETE .../shares/{id}: stops new use; results already collected stay. */
export function useWithdrawShare(tenant: string, key: string) {
  const invalidate = useInvalidate(tenant);

  return useMutation({
    mutationFn: (share: Share) =>
      unwrap(
        api.DELETE('/api/v1/t/{tenant}/instruments/{key}/shares/{id}', {
          params: { path: { tenant, key, id: share.id }, header: ifMatch(share.version) },
        }),
      ),
    onSuccess: invalidate,
  });
}

function readUse(body: UseBody): InstrumentUse {
  return {
    ...body,
    definition: body.definition ? parseDefinition(body.definition) : undefined,
  };
}

/** GET /instrument-uses: the shared versions the area uses or adopted. */
export function usesQuery(tenant: string) {
  return queryOptions({
    queryKey: ['instruments', tenant, 'uses'] as const,
    queryFn: async ({ signal }) => {
      const body = await unwrap(
        api.GET('/api/v1/t/{tenant}/instrument-uses', {
          params: { path: { tenant }, query: { limit: 200 } },
          signal,
        }),
      );

      return body.items.map(readUse);
    },
  });
}

export function useInstrumentUses(tenant: string, enabled: boolean) {
  return useQuery({ ...usesQuery(tenant), enabled });
}

/** POST .../local-layers: uses a shared version, with local items. */
export function useAddLocalLayer(tenant: string, key: string) {
  const invalidate = useInvalidate(tenant);

  return useMutation({
    mutationFn: async (input: { version: number; title: string; items: Item[] }) =>
      readUse(
        await unwrap(
          api.POST('/api/v1/t/{tenant}/instruments/{key}/local-layers', {
            params: { path: { tenant, key } },
            body: {
              instrument_version: input.version,
              title: input.title || undefined,
              items: input.items as unknown as Untyped[],
            },
          }),
        ),
      ),
    onSuccess: invalidate,
  });
}

/** POST .../adopt: a copy of the area's own that remembers its origin. */
export function useAdopt(tenant: string, key: string) {
  const invalidate = useInvalidate(tenant);

  return useMutation({
    mutationFn: async (input: { version: number; key: string }) =>
      unwrap(
        api.POST('/api/v1/t/{tenant}/instruments/{key}/adopt', {
          params: { path: { tenant, key } },
          body: { instrument_version: input.version, key: input.key || undefined },
        }),
      ),
    onSuccess: invalidate,
  });
}
