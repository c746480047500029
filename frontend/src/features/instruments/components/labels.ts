/** Names on screen for the library's filter values. */
export const subjectNames: Record<string, string> = {
  ehc_plan: 'EHC plan',
  ehcna_case: 'Needs assessment case',
  advice: 'Advice',
  annual_review: 'Annual review',
  provider: 'Provider',
  setting: 'School or setting',
  service: 'Service',
  visit: 'Visit',
  conversation: 'Conversation',
  theme: 'Theme',
};

export const sourceNames: Record<string, string> = {
  built_in: 'Built in',
  own: 'Your area’s own',
  shared: 'Shared with your area',
};

export const stateNames: Record<string, string> = {
  draft: 'Draft',
  published: 'Published',
  retired: 'Retired',
};

export const stateTagClasses: Record<string, string> = {
  draft: 'govuk-tag--yellow',
  published: 'govuk-tag--green',
  retired: 'govuk-tag--grey',
};
