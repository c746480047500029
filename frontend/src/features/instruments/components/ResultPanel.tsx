import type { ScoreResult } from '../api/preview';
import { humanise } from '../../../lib/instrument/describe';
import type { Definition } from '../../../lib/instrument/types';
import { statusNames } from '../../../components/instrument/ItemField';

function outcomeText(outcome: ScoreResult['overall']) {
  if (!outcome.scored) return 'Not scored yet';
  const value = Math.round(outcome.value * 100) / 100;
  const label = outcome.label ? `${humanise(outcome.label)} ` : '';

  return `${label}(${value}${outcome.count ? ` from ${outcome.count}` : ''})`;
}

export interface ResultPanelProps {
  def: Definition;
  result?: ScoreResult;
  /** The server is working out a newer result than the one shown. */
  updating: boolean;
  /** The last answers could not be scored (e.g. a date half typed). */
  stale: boolean;
}

/**
 * "Result so far": the server's score of the answers given, announced
 * politely to screen readers as it changes.
 */
export function ResultPanel({ def, result, updating, stale }: ResultPanelProps) {
  const labelOf = (id: string) =>
    def.sections.flatMap((section) => section.items).find((item) => item.id === id)?.label ?? id;
  const titleOf = (id: string) => def.sections.find((section) => section.id === id)?.title ?? id;
  // Only sections with a rule of their own have a result worth listing.
  const ruled = (id: string) =>
    Boolean(def.scoring.sections) ||
    Boolean(def.sections.find((section) => section.id === id)?.rule);
  const scoredSections =
    result?.sections.filter((section) => section.applies && ruled(section.id)) ?? [];

  return (
    <aside className="app-result-panel" aria-labelledby="result-so-far">
      <h2 className="govuk-heading-m" id="result-so-far">
        Result so far
      </h2>
      <div aria-live="polite" aria-atomic="false">
        {!result ? (
          <p className="govuk-body">
            {updating ? 'Working out the result…' : 'Answer a question to see the result.'}
          </p>
        ) : (
          <>
            <p className="govuk-body" data-testid="overall-result">
              <strong>Overall:</strong> {outcomeText(result.overall)}
            </p>
            {result.poor && (
              <div className="govuk-warning-text">
                <span className="govuk-warning-text__icon" aria-hidden="true">
                  !
                </span>
                <strong className="govuk-warning-text__text">
                  <span className="govuk-visually-hidden">Warning</span>
                  This result is poor: {def.follow_up?.description ?? 'it calls for follow-up.'}
                </strong>
              </div>
            )}
            {scoredSections.length > 0 && (
              <ul className="govuk-list govuk-body-s">
                {scoredSections.map((section) => (
                  <li key={section.id}>
                    {titleOf(section.id)}: {outcomeText(section.outcome)}
                  </li>
                ))}
              </ul>
            )}
            {result.milestones.length > 0 && (
              <>
                <h3 className="govuk-heading-s">Milestones</h3>
                <ul className="govuk-list govuk-body-s">
                  {result.milestones.map((milestone) => (
                    <li key={milestone.item}>
                      {labelOf(milestone.item)}: {statusNames[milestone.status] ?? milestone.status}
                      {milestone.status === 'late' && milestone.days_late > 0
                        ? ` by ${milestone.days_late} days`
                        : ''}
                      {milestone.statutory ? ' (statutory)' : ''}
                    </li>
                  ))}
                </ul>
                <p className="govuk-body-s">
                  On time: {result.compliance.on_time}, late: {result.compliance.late}, excused:{' '}
                  {result.compliance.excused}, missing: {result.compliance.missing}.
                </p>
              </>
            )}
            {stale && (
              <p className="govuk-body-s">
                Some answers are not complete yet, so this is the result before them.
              </p>
            )}
          </>
        )}
      </div>
      <p className="govuk-body-s govuk-!-margin-bottom-0">
        Rule version {def.scoring.rule_version}.
      </p>
    </aside>
  );
}
