import type { Assignment } from '../api/audits';

export const statusNames: Record<Assignment['status'], string> = {
  allocated: 'Not started',
  in_progress: 'In progress',
  submitted: 'Submitted',
};

export const statusTags: Record<Assignment['status'], string> = {
  allocated: 'govuk-tag--grey',
  in_progress: 'govuk-tag--light-blue',
  submitted: 'govuk-tag--green',
};

/** A calendar date (YYYY-MM-DD) or a timestamp, as "2 November 2026". */
export function formatDate(value: string) {
  const date = new Date(value.length === 10 ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(date.getTime())) return value;

  return date.toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: value.length === 10 ? 'UTC' : undefined,
  });
}

/** A timestamp as "10:42 on 2 November 2026", in this computer's time. */
export function formatTime(value: string) {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;

  return `${date.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' })} on ${formatDate(value)}`;
}

export function humanise(key: string) {
  const text = key.replace(/_/g, ' ');

  return text.charAt(0).toUpperCase() + text.slice(1);
}
