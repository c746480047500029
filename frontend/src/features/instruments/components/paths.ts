import { paths } from '../../../lib/paths';

/** The feature's own paths, kept beside its pages. */
export const instrumentsPath = paths.instruments;

export const instrumentPath = (tenant: string, key: string) =>
  `${instrumentsPath(tenant)}/${encodeURIComponent(key)}`;

export const previewPath = (tenant: string, key: string, version: number) =>
  `${instrumentPath(tenant, key)}/versions/${version}/preview`;

export const newInstrumentPath = (tenant: string) => `${instrumentsPath(tenant)}/new`;

export const importPath = (tenant: string) => `${instrumentsPath(tenant)}/import`;

export const editPath = (tenant: string, key: string, version: number) =>
  `${instrumentPath(tenant, key)}/versions/${version}/edit`;

export const comparePath = (tenant: string, key: string, from?: number, to?: number) =>
  `${instrumentPath(tenant, key)}/compare${from && to ? `?from=${from}&to=${to}` : ''}`;

export const localLayerPath = (tenant: string, key: string) => `${instrumentPath(tenant, key)}/use`;

export const adoptPath = (tenant: string, key: string) => `${instrumentPath(tenant, key)}/adopt`;
