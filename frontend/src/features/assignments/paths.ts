const area = (tenant: string) => `/t/${encodeURIComponent(tenant)}`;

/** The paths of the audit inbox, form, notices and results pages. */
export const auditPaths = {
  inbox: (tenant: string) => `${area(tenant)}/assignments`,
  response: (tenant: string, id: string) => `${area(tenant)}/responses/${encodeURIComponent(id)}`,
  reopen: (tenant: string, id: string) =>
    `${area(tenant)}/responses/${encodeURIComponent(id)}/reopen`,
  notifications: (tenant: string) => `${area(tenant)}/notifications`,
  results: (tenant: string, roundId: string) =>
    `${area(tenant)}/rounds/${encodeURIComponent(roundId)}/results`,
  evidence: (tenant: string, id: string) =>
    `/api/v1/t/${encodeURIComponent(tenant)}/evidence/${encodeURIComponent(id)}`,
  export: (tenant: string, roundId: string, format: 'csv' | 'xlsx') =>
    `/api/v1/t/${encodeURIComponent(tenant)}/rounds/${encodeURIComponent(roundId)}/results/export?format=${format}`,
};
