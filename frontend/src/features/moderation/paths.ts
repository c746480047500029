const area = (tenant: string) => `/t/${encodeURIComponent(tenant)}`;

/** The paths of the moderation, agreement and feedback pages. */
export const moderationPaths = {
  list: (tenant: string) => `${area(tenant)}/moderation`,
  moderation: (tenant: string, id: string) =>
    `${area(tenant)}/moderation/${encodeURIComponent(id)}`,
  comparison: (tenant: string, id: string) =>
    `${area(tenant)}/moderation/${encodeURIComponent(id)}/comparison`,
  agreement: (tenant: string) => `${area(tenant)}/agreement`,
  feedbackList: (tenant: string) => `${area(tenant)}/feedback`,
  /** An action's page in the improvement plan. */
  action: (tenant: string, id: string) => `${area(tenant)}/actions/${encodeURIComponent(id)}`,
  feedback: (tenant: string, id: string) => `${area(tenant)}/feedback/${encodeURIComponent(id)}`,
};
