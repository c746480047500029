import { useParams } from 'react-router-dom';
import { BackLink, ErrorSummary, Link, Table } from '../../../components/govuk';
import { ScrollRegion } from '../../../components/ScrollRegion';
import { ApiError } from '../../../lib/problem';
import { usePageTitle } from '../../../lib/title';
import { useResults, type Results } from '../api/audits';
import { auditPaths } from '../paths';
import { humanise } from './labels';

function percent(part: number, whole: number) {
  return whole > 0 ? Math.round((part / whole) * 100) : 0;
}

/** A round's progress, results per question and grade distribution. */
export function ResultsPage() {
  const params = useParams();
  const tenant = params.tenant ?? '';
  const roundId = params.roundId ?? '';
  const results = useResults(tenant, roundId);
  usePageTitle(results.data ? `Results: ${results.data.round_name}` : 'Results');

  if (results.isError) {
    if (results.error instanceof ApiError && results.error.status === 404) {
      throw new Response('Not found', { status: 404 });
    }

    return (
      <ErrorSummary
        errorList={[{ text: results.error.message }]}
        descriptionText="The results could not be loaded. Try again in a moment."
      />
    );
  }
  if (!results.data) return <p className="govuk-body">Loading the results…</p>;
  const r = results.data;

  return (
    <>
      <BackLink
        href={`/t/${encodeURIComponent(tenant)}/rounds/${encodeURIComponent(roundId)}`}
        text="The round"
      />
      <span className="govuk-caption-l">{r.round_name}</span>
      <h1 className="govuk-heading-l">Results</h1>
      <p className="govuk-body">
        Download every submitted audit:{' '}
        <Link className="govuk-link" href={auditPaths.export(tenant, roundId, 'csv')} download>
          CSV file
        </Link>{' '}
        or{' '}
        <Link className="govuk-link" href={auditPaths.export(tenant, roundId, 'xlsx')} download>
          Excel file (XLSX)
        </Link>
        . Answers about children are pseudonymised unless your role may see them.
      </p>
      <Progress results={r} />
      <GradeDistribution results={r} />
      <Compliance results={r} />
      <ItemResults results={r} />
    </>
  );
}

function Progress({ results: r }: { results: Results }) {
  const p = r.progress;
  // Allocated counts the audits not started yet, apart from the others.
  const started = p.allocated + p.in_progress + p.submitted;

  return (
    <>
      <h2 className="govuk-heading-m">Progress</h2>
      <p className="govuk-body" data-testid="progress">
        {`${p.submitted} of ${started} allocated audits submitted (${percent(p.submitted, started)}%): `}
        {`${p.in_progress} in progress, ${p.allocated} not started, ${p.unallocated} not yet allocated.`}
      </p>
      <ScrollRegion label="Progress by auditor">
        <Table
          caption="By auditor"
          captionClasses="govuk-table__caption--s"
          head={[
            { text: 'Auditor' },
            { text: 'Allocated', format: 'numeric' },
            { text: 'Submitted', format: 'numeric' },
          ]}
          rows={p.by_auditor.map((a) => [
            { text: `${a.name}${a.left ? ' (left)' : ''}` },
            { text: String(a.allocated), format: 'numeric' },
            { text: String(a.submitted), format: 'numeric' },
          ])}
        />
      </ScrollRegion>
      <ScrollRegion label="Progress by service">
        <Table
          caption="By service"
          captionClasses="govuk-table__caption--s"
          head={[
            { text: 'Service' },
            { text: 'Sampled', format: 'numeric' },
            { text: 'Not started', format: 'numeric' },
            { text: 'In progress', format: 'numeric' },
            { text: 'Submitted', format: 'numeric' },
          ]}
          rows={r.by_service.map((s) => [
            { text: s.service },
            { text: String(s.sample), format: 'numeric' },
            { text: String(s.allocated), format: 'numeric' },
            { text: String(s.in_progress), format: 'numeric' },
            { text: String(s.submitted), format: 'numeric' },
          ])}
        />
      </ScrollRegion>
    </>
  );
}

/**
 * The grades as a table (what assistive technology reads) beside a bar
 * chart drawn from the same numbers, hidden from it as a repeat.
 */
function GradeDistribution({ results: r }: { results: Results }) {
  const total = r.grades.reduce((sum, g) => sum + g.count, 0);

  return (
    <>
      <h2 className="govuk-heading-m">Grades</h2>
      {total === 0 ? (
        <p className="govuk-body">
          None of the submitted audits has an overall grade yet: an audit is graded once its answers
          give the instrument something to score.
        </p>
      ) : (
        <>
          <Table
            caption="Overall grade of submitted audits"
            captionClasses="govuk-table__caption--s"
            head={[
              { text: 'Grade' },
              { text: 'Audits', format: 'numeric' },
              { text: 'Share', format: 'numeric' },
            ]}
            rows={r.grades.map((g) => [
              { text: humanise(g.label || 'not_scored') },
              { text: String(g.count), format: 'numeric' },
              { text: `${percent(g.count, total)}%`, format: 'numeric' },
            ])}
          />
          <div className="govuk-!-margin-bottom-6" aria-hidden="true" data-testid="grade-chart">
            {r.grades.map((g) => (
              <div key={g.label} className="govuk-!-margin-bottom-2">
                <span className="govuk-body-s govuk-!-display-block govuk-!-margin-bottom-1">
                  {humanise(g.label || 'not_scored')}: {g.count}
                </span>
                <span
                  style={{
                    display: 'block',
                    height: '1.25rem',
                    width: `${Math.max(percent(g.count, total), 1)}%`,
                    background: '#1d70b8',
                  }}
                />
              </div>
            ))}
          </div>
        </>
      )}
    </>
  );
}

function Compliance({ results: r }: { results: Results }) {
  const rows = [
    ['Statutory timescales', r.statutory_compliance],
    ['All milestones', r.compliance],
  ] as const;

  return (
    <ScrollRegion label="Milestones">
      <Table
        caption="Milestones"
        captionClasses="govuk-table__caption--m"
        head={[
          { text: 'Milestones' },
          { text: 'On time', format: 'numeric' },
          { text: 'Late', format: 'numeric' },
          { text: 'Excused', format: 'numeric' },
          { text: 'Missing', format: 'numeric' },
        ]}
        rows={rows.map(([name, c]) => [
          { text: name },
          { text: String(c.on_time), format: 'numeric' },
          { text: String(c.late), format: 'numeric' },
          { text: String(c.excused), format: 'numeric' },
          { text: String(c.missing), format: 'numeric' },
        ])}
      />
    </ScrollRegion>
  );
}

function ItemResults({ results: r }: { results: Results }) {
  return (
    <>
      <h2 className="govuk-heading-m">Results per question</h2>
      <ScrollRegion label="Results per question">
        <Table
          caption="Results per question"
          captionClasses="govuk-visually-hidden"
          head={[
            { text: 'Question' },
            { text: 'Answered', format: 'numeric' },
            { text: 'Answers' },
          ]}
          rows={r.items.map((item) => [
            { text: item.label },
            { text: String(item.answered), format: 'numeric' },
            {
              text:
                item.options.length > 0
                  ? item.options.map((o) => `${o.label}: ${o.count}`).join(', ')
                  : item.answered > 0 && item.mean !== null
                    ? `Mean ${Math.round(item.mean * 100) / 100}`
                    : '',
            },
          ])}
        />
      </ScrollRegion>
    </>
  );
}
