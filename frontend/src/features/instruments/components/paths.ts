/** The feature's own paths, kept beside its pages. */
const area = (tenant: string) => `/t/${encodeURIComponent(tenant)}`;

export const instrumentsPath = (tenant: string) => `${area(tenant)}/instruments`;

export const instrumentPath = (tenant: string, key: string) =>
  `${instrumentsPath(tenant)}/${encodeURIComponent(key)}`;

export const previewPath = (tenant: string, key: string, version: number) =>
  `${instrumentPath(tenant, key)}/versions/${version}/preview`;
