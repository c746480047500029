import { labelText } from '../api/moderation';

/** An answer as words: option keys as labels, lists joined, dates as given. */
export function answerText(value: unknown): string {
  if (value === null || value === undefined || value === '') return 'Not answered';
  if (Array.isArray(value)) return value.map(answerText).join(', ');
  if (typeof value === 'string') return labelText(value);
  if (typeof value === 'object') {
    const actual = (value as { actual?: string }).actual;

    return actual ? `Happened on ${actual}` : 'Answered';
  }

  return String(value);
}
