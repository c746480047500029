const area = (tenant: string) => `/t/${encodeURIComponent(tenant)}`;

/** The paths of the improvement plan pages. */
export const actionPaths = {
  plan: (tenant: string) => `${area(tenant)}/actions`,
  newLocalPlan: (tenant: string) => `${area(tenant)}/action-plans/new`,
  localPlan: (tenant: string, planId: string) =>
    `${area(tenant)}/action-plans/${encodeURIComponent(planId)}`,
  newAction: (tenant: string, planId: string) =>
    `${area(tenant)}/action-plans/${encodeURIComponent(planId)}/actions/new`,
  action: (tenant: string, id: string) => `${area(tenant)}/actions/${encodeURIComponent(id)}`,
  editAction: (tenant: string, id: string) =>
    `${area(tenant)}/actions/${encodeURIComponent(id)}/edit`,
  newFollowUp: (tenant: string, id: string) =>
    `${area(tenant)}/actions/${encodeURIComponent(id)}/follow-ups/new`,
  /** A round's page, where a follow-up's audits are managed. */
  round: (tenant: string, id: string) => `${area(tenant)}/rounds/${encodeURIComponent(id)}`,
};
