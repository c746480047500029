import { paths } from '../../../lib/paths';

/** The feature's own paths, kept beside its pages. */
export const roundsPath = paths.rounds;
export const newRoundPath = (tenant: string) => `${roundsPath(tenant)}/new`;
export const roundPath = (tenant: string, id: string) =>
  `${roundsPath(tenant)}/${encodeURIComponent(id)}`;
export const reassignPath = (tenant: string, id: string) => `${roundPath(tenant, id)}/reassign`;
export const auditorsPath = (tenant: string) => `${roundsPath(tenant)}/auditors`;
export const auditorPath = (tenant: string, person: string) =>
  `${auditorsPath(tenant)}/${encodeURIComponent(person)}`;
export const movePath = (tenant: string, id: string, allocation: string) =>
  `${roundPath(tenant, id)}/allocations/${encodeURIComponent(allocation)}/move`;

export const termNames: Record<string, string> = {
  autumn: 'Autumn (allocated in October)',
  spring: 'Spring (allocated in February or March)',
  summer: 'Summer (allocated in June)',
};

export const stateNames: Record<string, string> = {
  planned: 'Planned',
  drawn: 'Sample drawn',
  allocated: 'Allocated',
};

export const stateTagClasses: Record<string, string> = {
  planned: 'govuk-tag--grey',
  drawn: 'govuk-tag--blue',
  allocated: 'govuk-tag--green',
};

export const strataNames: Record<string, string> = {
  primary_need: 'primary need',
  setting_type: 'type of setting',
  key_stage: 'key stage',
};

export const statusNames: Record<string, string> = {
  sampled: 'Not allocated',
  allocated: 'Allocated',
  in_progress: 'In progress',
  submitted: 'Submitted',
};

/** "Autumn 2026/27" for a term of a school year. */
export function termLabel(term: string, year: number) {
  const name = term.charAt(0).toUpperCase() + term.slice(1);

  return `${name} ${year}/${String((year + 1) % 100).padStart(2, '0')}`;
}
