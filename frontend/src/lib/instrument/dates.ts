/** A calendar date without a time of day or a zone, as the clocks count. */
export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

function daysIn(year: number, month: number) {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * Reads a date written exactly as YYYY-MM-DD, refusing dates that do not
 * exist (2025-02-29), as the server's ParseDate does.
 */
export function parseDate(text: string): CalendarDate | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) {
    return undefined;
  }

  return { year, month, day };
}

/** Writes a date as YYYY-MM-DD. */
export function formatDate(date: CalendarDate): string {
  const pad = (n: number, width: number) => String(n).padStart(width, '0');

  return `${pad(date.year, 4)}-${pad(date.month, 2)}-${pad(date.day, 2)}`;
}

/** -1, 0 or +1 as `a` is before, the same as or after `b`. */
export function compareDates(a: CalendarDate, b: CalendarDate): number {
  const diff = a.year - b.year || a.month - b.month || a.day - b.day;

  return Math.sign(diff);
}

function epochDay(date: CalendarDate) {
  // Date.UTC maps years 0 to 99 to 1900 onwards; setUTCFullYear does not.
  const at = new Date(Date.UTC(2000, date.month - 1, date.day));
  at.setUTCFullYear(date.year);

  return Math.round(at.getTime() / 86_400_000);
}

/** Days from `from` to `to`, negative when `to` is earlier. */
export function daysBetween(from: CalendarDate, to: CalendarDate): number {
  return epochDay(to) - epochDay(from);
}

/** Whole years from birth to `at`; a 29 February birthday counts on 1 March. */
export function ageAt(birth: CalendarDate, at: CalendarDate): number {
  let years = at.year - birth.year;
  if (at.month < birth.month || (at.month === birth.month && at.day < birth.day)) years -= 1;

  return years;
}

/** Today's date in the browser's own zone. */
export function today(): string {
  const now = new Date();

  return formatDate({ year: now.getFullYear(), month: now.getMonth() + 1, day: now.getDate() });
}
