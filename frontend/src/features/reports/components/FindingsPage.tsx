import { useSearchParams } from 'react-router-dom';
import { BackLink, Table } from '../../../components/govuk';
import { CursorPagination } from '../../../components/CursorPagination';
import { ScrollRegion } from '../../../components/ScrollRegion';
import { useArea } from '../../../lib/area';
import { usePageTitle } from '../../../lib/title';
import { useFindings, type FindingFilter } from '../api/reports';
import { reportPaths } from '../paths';

const filterNames = ['from', 'to', 'theme_id', 'source_kind', 'polarity'] as const;

/** The findings behind a cell of the triangulation, or any filtered list. */
export function FindingsPage() {
  const { tenant, areaName } = useArea();
  const [params] = useSearchParams();
  const filter: FindingFilter = {};
  const query: Record<string, string> = {};
  for (const name of filterNames) {
    const v = params.get(name);
    if (v) query[name] = v;
  }
  Object.assign(filter, query, { cursor: params.get('cursor') ?? undefined });
  const findings = useFindings(tenant, filter);
  usePageTitle(`Findings – ${areaName}`);
  if (findings.error) throw findings.error;
  const items = findings.data?.items ?? [];
  const first = items[0];
  const heading =
    first && query.theme_id
      ? `${first.theme_name}${query.source_kind ? `: ${first.source_name}` : ''}`
      : 'Findings';

  return (
    <>
      <BackLink
        href={`${reportPaths.triangulation(tenant)}${query.from || query.to ? `?${new URLSearchParams({ ...(query.from ? { from: query.from } : {}), ...(query.to ? { to: query.to } : {}) }).toString()}` : ''}`}
        text="Back to triangulation"
      />
      <span className="govuk-caption-l">{areaName}</span>
      <h1 className="govuk-heading-l">{heading}</h1>
      {!findings.data ? (
        <p className="govuk-body" role="status">
          Loading…
        </p>
      ) : items.length === 0 ? (
        <p className="govuk-body">No finding matches.</p>
      ) : (
        <ScrollRegion label="Findings">
          <Table
            caption="Findings, oldest first"
            captionClasses="govuk-visually-hidden"
            head={[
              { text: 'Date' },
              { text: 'Theme' },
              { text: 'Source' },
              { text: 'Strength or development' },
              { text: 'Finding' },
            ]}
            rows={items.map((f) => [
              { text: f.found_on },
              { text: f.theme_name },
              { text: f.source_label ? `${f.source_name}: ${f.source_label}` : f.source_name },
              { text: f.polarity === 'strength' ? 'Strength' : 'Area for development' },
              { text: f.body },
            ])}
          />
        </ScrollRegion>
      )}
      <CursorPagination
        cursor={params.get('cursor')}
        next={findings.data?.next_cursor}
        href={(cursor) => reportPaths.findings(tenant, { ...query, ...(cursor ? { cursor } : {}) })}
      />
      <p className="govuk-body">{findings.data && `${items.length} shown.`}</p>
    </>
  );
}
