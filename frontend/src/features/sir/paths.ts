const area = (tenant: string) => `/t/${encodeURIComponent(tenant)}`;

/** The paths of the SEN information report pages. */
export const sirPaths = {
  rounds: (tenant: string) => `${area(tenant)}/sir`,
  register: (tenant: string) => `${area(tenant)}/sir/register`,
  round: (tenant: string, id: string) => `${area(tenant)}/sir/rounds/${encodeURIComponent(id)}`,
  summary: (tenant: string, id: string) =>
    `${area(tenant)}/sir/rounds/${encodeURIComponent(id)}/summary`,
  check: (tenant: string, id: string) => `${area(tenant)}/sir/checks/${encodeURIComponent(id)}`,
  letterPdf: (tenant: string, id: string) =>
    `/api/v1/t/${encodeURIComponent(tenant)}/sir-checks/${encodeURIComponent(id)}/letter/pdf`,
  summaryExport: (tenant: string, id: string) =>
    `/api/v1/t/${encodeURIComponent(tenant)}/sir-rounds/${encodeURIComponent(id)}/summary/export`,
};
