import { useSearchParams } from 'react-router-dom';
import { Button, Select, Table } from '../../../components/govuk';
import { ScrollRegion } from '../../../components/ScrollRegion';
import { useArea } from '../../../lib/area';
import { usePageTitle } from '../../../lib/title';
import { labelText, useAgreement, type AgreementGroup, useRoundChoices } from '../api/moderation';

type ScaleStatistics = AgreementGroup['by_scale'][number];
type Kappa = ScaleStatistics['kappa'];

/** Landis and Koch's words for a kappa. */
const bands: Record<string, string> = {
  poor: 'Poor',
  slight: 'Slight',
  fair: 'Fair',
  moderate: 'Moderate',
  substantial: 'Substantial',
  almost_perfect: 'Almost perfect',
};

const percent = (value: number | null | undefined) =>
  value === null || value === undefined ? 'No pairs' : `${Math.round(value * 100)}%`;

const kappaText = (k: Kappa | undefined) =>
  !k || k.value === null || k.value === undefined ? 'Cannot be worked out' : k.value.toFixed(2);

/** The statistics of a group's main scale: grades when it has them. */
function mainScale(group: AgreementGroup): ScaleStatistics | undefined {
  return group.by_scale.find((s) => s.scale === 'grade') ?? group.by_scale[0];
}

/** Agreement between first audits and moderations, as tables and a chart. */
export function AgreementPage() {
  const { tenant, areaName } = useArea();
  const [params] = useSearchParams();
  const roundId = params.get('round_id') ?? undefined;
  const rounds = useRoundChoices(tenant);
  const report = useAgreement(tenant, roundId);
  usePageTitle(`Agreement between auditors – ${areaName}`);
  if (report.error) throw report.error;

  return (
    <>
      <h1 className="govuk-heading-l">Agreement between auditors</h1>
      <p className="govuk-body">
        How often a moderator gave the same answer as the first auditor, and Cohen’s kappa, which
        discounts the agreement expected by chance. Weighted kappa counts a near miss on an ordered
        scale, such as grades, as partly agreed. Bands follow Landis and Koch.
      </p>
      <form method="get" className="govuk-!-margin-bottom-6">
        <Select
          id="round_id"
          name="round_id"
          label={{ text: 'Round' }}
          value={roundId ?? ''}
          items={[
            { value: '', text: 'Every round' },
            ...(rounds.data?.items ?? []).map((r) => ({ value: r.id, text: r.name })),
          ]}
        />
        <Button type="submit" text="Show" classes="govuk-button--secondary" />
      </form>
      {!report.data ? (
        <p className="govuk-body" role="status">
          Loading…
        </p>
      ) : report.data.moderations === 0 ? (
        <p className="govuk-body">No moderation has been submitted yet.</p>
      ) : (
        <>
          <p className="govuk-body">
            From {report.data.moderations} moderated{' '}
            {report.data.moderations === 1 ? 'audit' : 'audits'}.
          </p>
          <TrendChart groups={report.data.trend} />
          <GroupTable caption="By round" groups={report.data.by_round} />
          <Confusion groups={report.data.by_round} />
          <GroupTable caption="By section" groups={report.data.by_section} />
          <GroupTable caption="By pair of auditors" groups={report.data.by_auditor_pair} />
          <GroupTable caption="By question" groups={report.data.by_item} />
        </>
      )}
    </>
  );
}

/** Agreement per round as bars; the figures are in the text, the bars only show them. */
function TrendChart({ groups }: { groups: AgreementGroup[] }) {
  return (
    <>
      <h2 className="govuk-heading-m">Agreement across rounds</h2>
      <ul className="govuk-list" aria-label="Agreement in each round, oldest first">
        {groups.map((g) => {
          const k = mainScale(g)?.kappa;
          const share = g.agreement ?? 0;

          return (
            <li key={g.key} className="govuk-!-margin-bottom-3">
              <span className="govuk-body govuk-!-font-weight-bold">{g.label}</span>:{' '}
              {percent(g.agreement)} agreement, kappa {kappaText(k)}
              {k?.band ? ` (${bands[k.band] ?? k.band})` : ''}
              {g.change !== null && g.change !== undefined
                ? `, ${g.change >= 0 ? 'up' : 'down'} ${Math.abs(Math.round(g.change * 100))} points`
                : ''}
              <div
                aria-hidden="true"
                style={{ background: '#f3f2f1', height: '1rem', maxWidth: '100%' }}
              >
                <div style={{ background: '#1d70b8', height: '1rem', width: `${share * 100}%` }} />
              </div>
            </li>
          );
        })}
      </ul>
    </>
  );
}

function GroupTable({ caption, groups }: { caption: string; groups: AgreementGroup[] }) {
  return (
    <ScrollRegion label={caption}>
      <Table
        caption={caption}
        captionClasses="govuk-table__caption--m"
        head={[
          { text: 'Group' },
          { text: 'Pairs', format: 'numeric' },
          { text: 'Agreement', format: 'numeric' },
          { text: 'Kappa', format: 'numeric' },
          { text: 'Linear weighted', format: 'numeric' },
          { text: 'Quadratic weighted', format: 'numeric' },
          { text: 'Band' },
        ]}
        rows={groups.map((g) => {
          const s = mainScale(g);

          return [
            { text: g.label },
            { text: String(g.pairs), format: 'numeric' },
            { text: percent(g.agreement), format: 'numeric' },
            { text: kappaText(s?.kappa), format: 'numeric' },
            { text: kappaText(s?.linear), format: 'numeric' },
            { text: kappaText(s?.quadratic), format: 'numeric' },
            { text: s?.kappa.band ? (bands[s.kappa.band] ?? s.kappa.band) : '' },
          ];
        })}
      />
    </ScrollRegion>
  );
}

/** The grade confusion matrix of the latest round: first auditor down, moderator across. */
function Confusion({ groups }: { groups: AgreementGroup[] }) {
  const latest = groups[groups.length - 1];
  const grades = latest && mainScale(latest);
  if (!grades) return null;

  return (
    <ScrollRegion label="Confusion matrix">
      <Table
        caption={`Confusion matrix, ${latest.label}: first auditor’s answer down, moderator’s across`}
        captionClasses="govuk-table__caption--m"
        firstCellIsHeader
        head={[
          { text: 'First auditor' },
          ...grades.categories.map((c) => ({ text: labelText(c), format: 'numeric' as const })),
        ]}
        rows={grades.matrix.map((row, i) => [
          { text: labelText(grades.categories[i]) },
          ...row.map((n) => ({ text: String(n), format: 'numeric' as const })),
        ])}
      />
    </ScrollRegion>
  );
}
