import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../lib/api';
import type { components } from '../../../lib/api-schema';
import { parseDefinition, type Definition } from '../../../lib/instrument/types';

type InstrumentBody = components['schemas']['InstrumentResponse'];
type VersionBody = components['schemas']['InstrumentVersionResponse'];
export type VersionSummary = components['schemas']['InstrumentVersionSummary'];

/** An instrument with its current definition read into the engine's type. */
export interface Instrument extends Omit<InstrumentBody, 'definition'> {
  definition: Definition;
}

/** One version of an instrument, with its definition. */
export interface InstrumentVersion extends Omit<VersionBody, 'definition'> {
  definition: Definition;
}

/** GET /t/{tenant}/instruments/{key}: the current version and the list. */
export function instrumentQuery(tenant: string, key: string) {
  return queryOptions({
    queryKey: ['instruments', tenant, 'one', key] as const,
    queryFn: async ({ signal }): Promise<Instrument> => {
      const body = await unwrap(
        api.GET('/api/v1/t/{tenant}/instruments/{key}', {
          params: { path: { tenant, key } },
          signal,
        }),
      );

      return { ...body, definition: parseDefinition(body.definition) };
    },
  });
}

export function useInstrument(tenant: string, key: string) {
  return useQuery(instrumentQuery(tenant, key));
}

/** GET .../versions/{version}: one version's definition. */
export function versionQuery(tenant: string, key: string, version: number) {
  return queryOptions({
    queryKey: ['instruments', tenant, 'one', key, 'version', version] as const,
    queryFn: async ({ signal }): Promise<InstrumentVersion> => {
      const body = await unwrap(
        api.GET('/api/v1/t/{tenant}/instruments/{key}/versions/{version}', {
          params: { path: { tenant, key, version } },
          signal,
        }),
      );

      return { ...body, definition: parseDefinition(body.definition) };
    },
    // A published version never changes.
    staleTime: Infinity,
  });
}

export function useInstrumentVersion(tenant: string, key: string, version: number) {
  return useQuery({ ...versionQuery(tenant, key, version), enabled: Number.isInteger(version) });
}

/** Where a version's definition downloads as JSON. */
export function exportHref(tenant: string, key: string, version: number) {
  const parts = [tenant, key, String(version)].map(encodeURIComponent);

  return `/api/v1/t/${parts[0]}/instruments/${parts[1]}/versions/${parts[2]}/export`;
}
