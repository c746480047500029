const area = (tenant: string) => `/t/${encodeURIComponent(tenant)}`;
const apiArea = (tenant: string) => `/api/v1/t/${encodeURIComponent(tenant)}`;

/** The paths of the triangulation and practice report pages. */
export const reportPaths = {
  triangulation: (tenant: string) => `${area(tenant)}/triangulation`,
  findings: (tenant: string, query: Record<string, string> = {}) => {
    const q = new URLSearchParams(query).toString();

    return `${area(tenant)}/findings${q ? `?${q}` : ''}`;
  },
  newFinding: (tenant: string) => `${area(tenant)}/findings/new`,
  importFindings: (tenant: string) => `${area(tenant)}/findings/import`,
  themeAction: (tenant: string, themeId: string) =>
    `${area(tenant)}/themes/${encodeURIComponent(themeId)}/action`,
  reports: (tenant: string) => `${area(tenant)}/reports`,
  report: (tenant: string, id: string) => `${area(tenant)}/reports/${encodeURIComponent(id)}`,
  download: (tenant: string, id: string, format: 'pdf' | 'xlsx') =>
    `${apiArea(tenant)}/reports/${encodeURIComponent(id)}/${format}`,
  action: (tenant: string, id: string) => `${area(tenant)}/actions/${encodeURIComponent(id)}`,
};
