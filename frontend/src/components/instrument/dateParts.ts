import { parseDate } from '../../lib/instrument/dates';

export interface DateParts {
  day?: string;
  month?: string;
  year?: string;
}

/** Splits YYYY-MM-DD into the three boxes of a GOV.UK date input. */
export function toParts(value: string | undefined): DateParts {
  const date = value ? parseDate(value) : undefined;
  if (!date) return {};

  return { day: String(date.day), month: String(date.month), year: String(date.year) };
}

/**
 * Joins the three boxes into YYYY-MM-DD; undefined while all are empty.
 * A partial or impossible date is still passed on as written, so that the
 * server's check names it rather than the answer silently vanishing.
 */
export function fromParts(parts: DateParts): string | undefined {
  const day = (parts.day ?? '').trim();
  const month = (parts.month ?? '').trim();
  const year = (parts.year ?? '').trim();
  if (!day && !month && !year) return undefined;

  return `${year.padStart(4, '0')}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
}
