import type { SelectProps } from './govuk';

/** The options of a filter select: "Any" first, then every named value. */
export function filterItems(names: Record<string, string>, chosen: string): SelectProps['items'] {
  return [
    { value: '', text: 'Any', selected: chosen === '' },
    ...Object.entries(names).map(([value, text]) => ({
      value,
      text,
      selected: chosen === value,
    })),
  ];
}
