import { SummaryList } from '../../../components/govuk';
import { exceptionNames, statusNames } from '../../../components/instrument/ItemField';
import type { Definition, MilestoneAnswer } from '../../../lib/instrument/types';
import type { AuditResponse } from '../api/audits';
import { formatDate, humanise } from './labels';

function outcome(o: { scored: boolean; label: string; value: number; count: number }) {
  if (!o.scored) return 'Not scored';
  const value = Math.round(o.value * 100) / 100;

  return `${o.label ? `${humanise(o.label)} ` : ''}(${value} from ${o.count})`;
}

/** The computed result of a submitted audit, with each statutory clock. */
export function ResultSummary({ def, response }: { def: Definition; response: AuditResponse }) {
  const result = response.result;
  if (!result) return null;
  const items = def.sections.flatMap((section) => section.items);
  const labelOf = (id: string) => items.find((item) => item.id === id)?.label ?? id;
  const answers = response.answers as Record<string, unknown>;

  const milestoneText = (m: (typeof result.milestones)[number]) => {
    const answer = (answers[m.item] ?? {}) as MilestoneAnswer;
    const parts = [statusNames[m.status] ?? m.status];
    if (m.status === 'late' && m.days_late > 0) parts[0] += ` by ${m.days_late} days`;
    if (m.due) parts.push(`due ${formatDate(m.due)}`);
    if (m.actual) parts.push(`done ${formatDate(m.actual)}`);
    if (m.status === 'excused' && answer.exception) {
      const { kind, from, to } = answer.exception;
      const dates =
        from || to ? ` (${from ? formatDate(from) : '…'} to ${to ? formatDate(to) : '…'})` : '';
      parts.push(`exception: ${exceptionNames[kind] ?? kind}${dates}`);
    }
    if (m.status === 'late' && answer.reason) parts.push(`reason: ${answer.reason}`);

    return parts.join('; ');
  };

  return (
    <>
      <h2 className="govuk-heading-m">Result</h2>
      <SummaryList
        rows={[
          { key: { text: 'Overall' }, value: { text: outcome(result.overall) } },
          ...result.sections
            .filter((s) => s.applies && s.outcome.scored)
            .map((s) => ({
              key: { text: def.sections.find((d) => d.id === s.id)?.title ?? s.id },
              value: { text: outcome(s.outcome) },
            })),
          {
            key: { text: 'Statutory timescales' },
            value: {
              text: `On time ${result.statutory_compliance.on_time}, late ${result.statutory_compliance.late}, excused ${result.statutory_compliance.excused}, missing ${result.statutory_compliance.missing}`,
            },
          },
        ]}
      />
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
      {result.milestones.length > 0 && (
        <>
          <h3 className="govuk-heading-s">Milestones</h3>
          <SummaryList
            rows={result.milestones.map((m) => ({
              key: { text: labelOf(m.item) },
              value: { text: milestoneText(m) },
            }))}
          />
        </>
      )}
    </>
  );
}
