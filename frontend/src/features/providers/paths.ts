const area = (tenant: string) => `/t/${encodeURIComponent(tenant)}`;

/** The paths of the AP quality assurance pages. */
export const providerPaths = {
  register: (tenant: string) => `${area(tenant)}/providers`,
  invite: (tenant: string) => `${area(tenant)}/providers/invite`,
  provider: (tenant: string, id: string) => `${area(tenant)}/providers/${encodeURIComponent(id)}`,
  audit: (tenant: string, id: string) =>
    `${area(tenant)}/provider-audits/${encodeURIComponent(id)}`,
  councilEvidence: (tenant: string, audit: string, file: string) =>
    `/api/v1/t/${encodeURIComponent(tenant)}/provider-audits/${encodeURIComponent(audit)}/evidence/${encodeURIComponent(file)}`,
  shared: (tenant: string) => `${area(tenant)}/provider-results`,
  sharedResult: (tenant: string, id: string) =>
    `${area(tenant)}/provider-results/${encodeURIComponent(id)}`,
  /** The provider's own pages, across every council. */
  inbox: () => '/provider',
  ownAudit: (id: string) => `/provider/audits/${encodeURIComponent(id)}`,
  ownEvidence: (audit: string, file: string) =>
    `/api/v1/provider/audits/${encodeURIComponent(audit)}/evidence/${encodeURIComponent(file)}`,
};
