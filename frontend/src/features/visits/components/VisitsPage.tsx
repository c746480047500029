import { Link, Table } from '../../../components/govuk';
import { ScrollRegion } from '../../../components/ScrollRegion';
import { useArea } from '../../../lib/area';
import { useMay } from '../../../lib/permissions';
import { usePageTitle } from '../../../lib/title';
import { useVisitOverview, useVisits, type Visit } from '../api/visits';
import { visitPaths } from '../paths';
import { formatDate, overallNames } from './VisitParts';

const stateNames: Record<string, string> = {
  submitted: 'Waiting for review',
  approved: 'Waiting for the service’s answer',
  answered: 'Answered',
};

/** A rating out of 5, in words and figures. */
function rating(mean: number, count?: number) {
  if (count === 0) return 'No ratings';

  return `${mean.toFixed(1)} out of 5`;
}

function monthName(month: string) {
  return new Date(`${month}-01T00:00:00Z`).toLocaleDateString('en-GB', {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

function visitRows(tenant: string, visits: Visit[]) {
  return visits.map((v) => [
    {
      html: (
        <Link className="govuk-link" href={visitPaths.visit(tenant, v.id)}>
          {v.place}
        </Link>
      ),
    },
    { text: formatDate(v.visit_date) },
    { text: v.organisation_name || 'Not given' },
    { text: overallNames[v.overall_label ?? ''] ?? '' },
    { text: `${stateNames[v.state] ?? v.state}${v.safeguarding ? ' (safeguarding)' : ''}` },
  ]);
}

/**
 * Site visits for participation officers and services: the visits to
 * review or answer, and the picture across them: by service, by theme,
 * and the overall rating month by month.
 */
export function VisitsPage() {
  const { tenant, areaName } = useArea();
  const visits = useVisits(tenant);
  const overview = useVisitOverview(tenant, useMay(tenant, 'visits:overview'));
  usePageTitle('Site visits');
  if (visits.isError) throw visits.error;
  const items = visits.data?.items ?? [];
  const o = overview.data;
  const head = [
    { text: 'Place' },
    { text: 'Date' },
    { text: 'Service' },
    { text: 'Overall' },
    { text: 'Where it is' },
  ];

  return (
    <>
      <span className="govuk-caption-l">{areaName}</span>
      <h1 className="govuk-heading-l">Site visits</h1>
      <p className="govuk-body">
        HY5! young people visit services and say what works. Ratings run from 1 (very unhappy) to 5
        (very happy).
      </p>
      <h2 className="govuk-heading-m">Visits</h2>
      {!visits.data && <p className="govuk-body">Loading the visits…</p>}
      {visits.data && items.length === 0 && <p className="govuk-body">No visits to show yet.</p>}
      {items.length > 0 && (
        <ScrollRegion label="Visits">
          <Table head={head} rows={visitRows(tenant, items)} />
        </ScrollRegion>
      )}
      {o && o.visits > 0 && (
        <>
          <h2 className="govuk-heading-m">By service</h2>
          <ScrollRegion label="Visits by service">
            <Table
              head={[
                { text: 'Service' },
                { text: 'Visits', format: 'numeric' },
                { text: 'Overall rating', format: 'numeric' },
              ]}
              rows={o.services.map((s) => [
                { text: s.name },
                { text: String(s.visits), format: 'numeric' },
                { text: rating(s.mean_overall), format: 'numeric' },
              ])}
            />
          </ScrollRegion>
          <h2 className="govuk-heading-m">Themes</h2>
          <ScrollRegion label="Themes">
            <Table
              head={[
                { text: 'Theme' },
                { text: 'Average', format: 'numeric' },
                { text: 'Visits rated', format: 'numeric' },
              ]}
              rows={o.themes.map((t) => [
                { text: t.label },
                { text: rating(t.mean, t.count), format: 'numeric' },
                { text: String(t.count), format: 'numeric' },
              ])}
            />
          </ScrollRegion>
          <h2 className="govuk-heading-m">Ratings over time</h2>
          <ScrollRegion label="Ratings over time">
            <Table
              head={[
                { text: 'Month' },
                { text: 'Visits', format: 'numeric' },
                { text: 'Overall rating', format: 'numeric' },
              ]}
              rows={o.months.map((m) => [
                { text: monthName(m.month) },
                { text: String(m.visits), format: 'numeric' },
                { text: rating(m.mean_overall), format: 'numeric' },
              ])}
            />
          </ScrollRegion>
        </>
      )}
    </>
  );
}
