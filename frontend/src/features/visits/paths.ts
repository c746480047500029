const area = (tenant: string) => `/t/${encodeURIComponent(tenant)}`;

/** The paths of young people's site visits and their accounts. */
export const visitPaths = {
  codeSignIn: '/sign-in/code',
  youngPeople: (tenant: string) => `${area(tenant)}/young-people`,
  list: (tenant: string) => `${area(tenant)}/visits`,
  mine: (tenant: string) => `${area(tenant)}/my-visits`,
  record: (tenant: string) => `${area(tenant)}/my-visits/new`,
  form: (tenant: string, id: string) => `${area(tenant)}/my-visits/${encodeURIComponent(id)}`,
  visit: (tenant: string, id: string) => `${area(tenant)}/visits/${encodeURIComponent(id)}`,
};
