import { useParams } from 'react-router-dom';
import { BackLink, SummaryList, Table } from '../../../components/govuk';
import { ScrollRegion } from '../../../components/ScrollRegion';
import { useArea } from '../../../lib/area';
import { usePageTitle } from '../../../lib/title';
import { useSummary, type SirSummary } from '../api/sir';
import { sirPaths } from '../paths';

/** The picture across a round's sample: compliance per item and phase, and the common gaps. */
export function SummaryPage() {
  const { tenant, areaName } = useArea();
  const roundId = useParams().roundId ?? '';
  const summary = useSummary(tenant, roundId);
  usePageTitle(`Summary of ${summary.data?.round.name ?? 'a round'} – ${areaName}`);
  if (summary.error) throw summary.error;
  if (!summary.data) {
    return (
      <p className="govuk-body" role="status">
        Loading…
      </p>
    );
  }
  const s = summary.data;

  return (
    <>
      <BackLink href={sirPaths.round(tenant, roundId)} text={`Back to ${s.round.name}`} />
      <span className="govuk-caption-l">{s.round.name}</span>
      <h1 className="govuk-heading-l">Summary across the sample</h1>
      <SummaryList
        rows={[
          { key: { text: 'Settings sampled' }, value: { text: String(s.sampled) } },
          { key: { text: 'Checks completed' }, value: { text: String(s.completed) } },
          {
            key: { text: 'Reports over 12 months old' },
            value: { text: String(s.stale) },
          },
          { key: { text: 'Reports not published' }, value: { text: String(s.not_published) } },
        ]}
      />
      <p className="govuk-body">
        <a className="govuk-link" href={sirPaths.summaryExport(tenant, roundId)} download>
          Download these figures (CSV)
        </a>
      </p>
      {s.completed === 0 ? (
        <p className="govuk-body">No check is completed yet.</p>
      ) : (
        <>
          <Gaps summary={s} />
          <ComplianceChart summary={s} />
          <ItemTable summary={s} />
          <PhaseTable summary={s} />
        </>
      )}
    </>
  );
}

function Gaps({ summary }: { summary: SirSummary }) {
  return (
    <>
      <h2 className="govuk-heading-m">Common gaps</h2>
      {summary.common_gaps.length === 0 ? (
        <p className="govuk-body">Every item was met in every completed check.</p>
      ) : (
        <ol className="govuk-list govuk-list--number" aria-label="Items most often not fully met">
          {summary.common_gaps.map((g) => (
            <li key={g.id}>
              {g.label}: not met in {g.not_met}, partially met in {g.partially_met} of{' '}
              {summary.completed}
            </li>
          ))}
        </ol>
      )}
    </>
  );
}

/** Compliance per item as bars; the figures are in the text, the bars only show them. */
function ComplianceChart({ summary }: { summary: SirSummary }) {
  return (
    <figure className="govuk-!-margin-0 govuk-!-margin-bottom-6">
      <h2 className="govuk-heading-m">Compliance per item</h2>
      <ul className="govuk-list" aria-label="Share of completed checks that met each item">
        {summary.items.map((it) => (
          <li key={it.id} className="govuk-!-margin-bottom-2">
            <span className="govuk-body-s">
              {it.label}: {it.compliance_percent}% met
            </span>
            <div aria-hidden="true" style={{ background: '#f3f2f1', height: '0.75rem' }}>
              <div
                style={{
                  background: '#1d70b8',
                  height: '0.75rem',
                  width: `${it.compliance_percent}%`,
                }}
              />
            </div>
          </li>
        ))}
      </ul>
    </figure>
  );
}

function ItemTable({ summary }: { summary: SirSummary }) {
  return (
    <ScrollRegion label="Compliance per item">
      <Table
        caption="Ratings per item"
        captionClasses="govuk-table__caption--m"
        head={[
          { text: 'Item' },
          { text: 'Met', format: 'numeric' },
          { text: 'Partially met', format: 'numeric' },
          { text: 'Not met', format: 'numeric' },
          { text: 'Compliance', format: 'numeric' },
        ]}
        rows={summary.items.map((it) => [
          { text: it.label },
          { text: String(it.met), format: 'numeric' },
          { text: String(it.partially_met), format: 'numeric' },
          { text: String(it.not_met), format: 'numeric' },
          { text: `${it.compliance_percent}%`, format: 'numeric' },
        ])}
      />
    </ScrollRegion>
  );
}

function PhaseTable({ summary }: { summary: SirSummary }) {
  return (
    <ScrollRegion label="Compliance per phase">
      <Table
        caption="Compliance per phase"
        captionClasses="govuk-table__caption--m"
        head={[
          { text: 'Phase' },
          { text: 'Checks', format: 'numeric' },
          { text: 'Items met', format: 'numeric' },
          { text: 'Over 12 months old', format: 'numeric' },
          { text: 'Not published', format: 'numeric' },
        ]}
        rows={summary.phases.map((p) => [
          { text: p.phase || 'Not given' },
          { text: String(p.checks), format: 'numeric' },
          { text: `${p.compliance_percent}%`, format: 'numeric' },
          { text: String(p.stale), format: 'numeric' },
          { text: String(p.not_published), format: 'numeric' },
        ])}
      />
    </ScrollRegion>
  );
}
