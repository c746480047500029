import { paths } from '../../../lib/paths';

/** The feature's own paths, kept beside its pages. */
export const subjectsPath = paths.subjects;
export const importSubjectsPath = (tenant: string) => `${subjectsPath(tenant)}/import`;
export const subjectPath = (tenant: string, id: string) =>
  `${subjectsPath(tenant)}/${encodeURIComponent(id)}`;
export const personalDataPath = paths.personalData;
export const purgePath = (tenant: string) => `${personalDataPath(tenant)}/purge`;
export const accessRequestPath = paths.accessRequest;

export const kindNames: Record<string, string> = {
  ehc_plan: 'EHC plan',
  ehcna_case: 'Needs assessment case',
  advice: "A professional's advice",
  annual_review: 'Annual review',
  provider: 'Provider',
  setting: 'School or setting',
  service: 'Service',
};

export const needNames: Record<string, string> = {
  SPLD: 'Specific learning difficulty (SPLD)',
  MLD: 'Moderate learning difficulty (MLD)',
  SLD: 'Severe learning difficulty (SLD)',
  PMLD: 'Profound and multiple learning difficulty (PMLD)',
  SLCN: 'Speech, language and communication needs (SLCN)',
  ASD: 'Autistic spectrum disorder (ASD)',
  SEMH: 'Social, emotional and mental health (SEMH)',
  HI: 'Hearing impairment (HI)',
  VI: 'Vision impairment (VI)',
  MSI: 'Multi-sensory impairment (MSI)',
  PD: 'Physical disability (PD)',
  OTH: 'Other difficulty or disability (OTH)',
  NSA: 'No specialist assessment (NSA)',
};

export const keyStageNames: Record<string, string> = {
  EYFS: 'Early years',
  KS1: 'Key stage 1',
  KS2: 'Key stage 2',
  KS3: 'Key stage 3',
  KS4: 'Key stage 4',
  post_16: 'Post-16',
  post_19: 'Post-19',
};

export const personalFieldNames: Record<string, string> = {
  name: 'names',
  date_of_birth: 'dates of birth',
  nhs_number: 'NHS numbers',
};
