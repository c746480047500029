import { useSearchParams } from 'react-router-dom';
import { Button, Link, NotificationBanner, Tag, TextInput } from '../../../components/govuk';
import { ScrollRegion } from '../../../components/ScrollRegion';
import { useArea } from '../../../lib/area';
import { useMay } from '../../../lib/permissions';
import { usePageTitle } from '../../../lib/title';
import { useDeriveFindings, useTriangulation } from '../api/reports';
import { reportPaths } from '../paths';

/**
 * Themes against sources for a period: each cell counts the findings of
 * one theme from one source, strengths and areas for development apart,
 * and opens them; a theme seen in three or more sources is marked.
 */
export function TriangulationPage() {
  const { tenant, areaName } = useArea();
  const [params] = useSearchParams();
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  const matrix = useTriangulation(tenant, { from, to });
  const derive = useDeriveFindings(tenant);
  const mayWrite = useMay(tenant, 'triangulation:write');
  const mayAct = useMay(tenant, 'action_plans:manage_all');
  usePageTitle(`Triangulation – ${areaName}`);
  if (matrix.error) throw matrix.error;

  const period = { ...(from ? { from } : {}), ...(to ? { to } : {}) };
  const sources = matrix.data?.sources ?? [];

  return (
    <>
      <span className="govuk-caption-l">{areaName}</span>
      <h1 className="govuk-heading-l">Triangulation</h1>
      <p className="govuk-body">
        Findings on each theme from every source. A theme that three or more sources speak to is
        marked as triangulated: it belongs in the practice report and may need an action.
      </p>
      {derive.data && (
        <NotificationBanner
          type="success"
          text={
            derive.data.derived === 1
              ? '1 new finding was derived from audits, moderation and feedback.'
              : `${derive.data.derived} new findings were derived from audits, moderation and feedback.`
          }
        />
      )}
      <form method="get" className="govuk-!-margin-bottom-4">
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-one-quarter">
            <TextInput
              id="from"
              name="from"
              type="date"
              label={{ text: 'From' }}
              defaultValue={from}
            />
          </div>
          <div className="govuk-grid-column-one-quarter">
            <TextInput id="to" name="to" type="date" label={{ text: 'To' }} defaultValue={to} />
          </div>
        </div>
        <Button type="submit" text="Show period" classes="govuk-button--secondary" />
      </form>
      {mayWrite && (
        <div className="govuk-button-group">
          <Button
            type="button"
            text="Derive findings from audits"
            classes="govuk-button--secondary"
            disabled={derive.isPending}
            onClick={() => derive.mutate({ from: from || '2000-01-01', to: to || '2100-12-31' })}
          />
          <Link className="govuk-link" href={reportPaths.newFinding(tenant)}>
            Record a finding
          </Link>
          <Link className="govuk-link" href={reportPaths.importFindings(tenant)}>
            Import findings from CSV
          </Link>
        </div>
      )}
      {!matrix.data ? (
        <p className="govuk-body" role="status">
          Loading…
        </p>
      ) : (
        <ScrollRegion label="Themes against sources">
          <table className="govuk-table">
            <caption className="govuk-table__caption govuk-table__caption--m">
              Themes against sources: strengths / areas for development
            </caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header">
                  Theme
                </th>
                {sources.map((s) => (
                  <th key={s.kind} scope="col" className="govuk-table__header">
                    {s.label}
                  </th>
                ))}
                <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                  Sources
                </th>
                {mayAct && (
                  <th scope="col" className="govuk-table__header">
                    Action
                  </th>
                )}
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {matrix.data.rows.map((row) => (
                <tr key={row.theme.id} className="govuk-table__row">
                  <th scope="row" className="govuk-table__header">
                    {row.theme.name}
                    {row.triangulated && (
                      <>
                        {' '}
                        <Tag text="Triangulated" classes="govuk-tag--purple" />
                      </>
                    )}
                  </th>
                  {row.cells.map((cell, i) => {
                    const total = cell.strengths + cell.developments;
                    const label = `${cell.strengths} / ${cell.developments}`;

                    return (
                      <td key={cell.kind} className="govuk-table__cell">
                        {total === 0 ? (
                          <span aria-label="none">–</span>
                        ) : (
                          <Link
                            className="govuk-link"
                            href={reportPaths.findings(tenant, {
                              ...period,
                              theme_id: row.theme.id,
                              source_kind: cell.kind,
                            })}
                          >
                            {label}
                            <span className="govuk-visually-hidden">
                              {' '}
                              strengths and areas for development: {row.theme.name} from{' '}
                              {sources[i]?.label}
                            </span>
                          </Link>
                        )}
                      </td>
                    );
                  })}
                  <td className="govuk-table__cell govuk-table__cell--numeric">{row.sources}</td>
                  {mayAct && (
                    <td className="govuk-table__cell">
                      <Link
                        className="govuk-link"
                        href={reportPaths.themeAction(tenant, row.theme.id)}
                      >
                        Turn into an action
                        <span className="govuk-visually-hidden"> for {row.theme.name}</span>
                      </Link>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </>
  );
}
