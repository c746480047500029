import { Table } from '../../../components/govuk';
import { ScrollRegion } from '../../../components/ScrollRegion';
import type { Breakdown, Count } from '../api/dashboards';

/** How a label reads on screen: requires_improvement as "Requires improvement". */
export function labelWords(label: string) {
  if (label === '') return 'No result';
  const words = label.replaceAll('_', ' ');

  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A count as text: a withheld one says so, without a number; the page says why. */
export function countText(count: Count) {
  return count.suppressed || count.value === null || count.value === undefined
    ? 'Withheld'
    : count.value.toLocaleString('en-GB');
}

/**
 * A breakdown as a table, the text alternative of its chart, and as bars
 * drawn only for the counts shown; a withheld count draws no bar.
 */
export function BreakdownFigure({ breakdown }: { breakdown: Breakdown }) {
  const shown = breakdown.parts.map((p) => p.count.value ?? 0);
  const largest = Math.max(1, ...shown);

  return (
    <div className="govuk-!-margin-bottom-6">
      <h3 className="govuk-heading-s">{breakdown.title}</h3>
      <ul className="govuk-list" aria-hidden="true">
        {breakdown.parts.map((p) => (
          <li key={p.label} className="govuk-!-margin-bottom-2">
            <span className="govuk-body-s">{labelWords(p.label)}</span>
            <div className="app-bar-track">
              <div
                className="app-bar"
                style={{ width: `${((p.count.value ?? 0) / largest) * 100}%` }}
              />
            </div>
          </li>
        ))}
      </ul>
      <ScrollRegion label={breakdown.title}>
        <Table
          caption={`${breakdown.title}: the figures`}
          captionClasses="govuk-table__caption--s"
          head={[{ text: 'Group' }, { text: 'Count', format: 'numeric' }]}
          rows={[
            ...breakdown.parts.map((p) => [
              { text: labelWords(p.label) },
              { text: countText(p.count), format: 'numeric' as const },
            ]),
            [
              { text: 'Total', classes: 'govuk-!-font-weight-bold' },
              { text: countText(breakdown.total), format: 'numeric' as const },
            ],
          ]}
        />
      </ScrollRegion>
    </div>
  );
}
