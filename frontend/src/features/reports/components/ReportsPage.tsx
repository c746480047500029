import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router-dom';
import { Button, ErrorSummary, Link, Radios, Table } from '../../../components/govuk';
import { useArea } from '../../../lib/area';
import { fieldId, useFormErrors } from '../../../lib/forms';
import { useMay } from '../../../lib/permissions';
import { ApiError, networkProblem } from '../../../lib/problem';
import { usePageTitle } from '../../../lib/title';
import { useCreateReport, useReports } from '../api/reports';
import { reportPaths } from '../paths';
import { termsAround } from './terms';

/** The area's practice reports, and a form to generate one for a term. */
export function ReportsPage() {
  const { tenant, areaName } = useArea();
  const reports = useReports(tenant);
  const create = useCreateReport(tenant);
  const mayWrite = useMay(tenant, 'reports:write');
  const errors = useFormErrors();
  const navigate = useNavigate();
  const terms = termsAround(new Date());
  const [term, setTerm] = useState('');
  usePageTitle(`Practice reports – ${areaName}`, { error: errors.hasErrors });
  if (reports.error) throw reports.error;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const chosen = terms.find((t) => t.key === term);
    if (!chosen) {
      errors.show([{ field: 'term', message: 'Select the term the report covers' }]);

      return;
    }
    try {
      const report = await create.mutateAsync({
        title: `${chosen.name} practice report`,
        from: chosen.from,
        to: chosen.to,
      });
      navigate(reportPaths.report(tenant, report.id));
    } catch (error) {
      errors.showProblem(error instanceof ApiError ? error.problem : networkProblem, 'term');
    }
  }

  return (
    <>
      <span className="govuk-caption-l">{areaName}</span>
      <h1 className="govuk-heading-l">Practice reports</h1>
      {errors.hasErrors && <ErrorSummary errorList={errors.summary} />}
      {!reports.data ? (
        <p className="govuk-body" role="status">
          Loading…
        </p>
      ) : reports.data.items.length === 0 ? (
        <p className="govuk-body">No report has been generated yet.</p>
      ) : (
        <Table
          caption="Reports, latest period first"
          captionClasses="govuk-table__caption--m"
          head={[{ text: 'Report' }, { text: 'Period' }, { text: 'State' }]}
          rows={reports.data.items.map((r) => [
            {
              html: (
                <Link className="govuk-link" href={reportPaths.report(tenant, r.id)}>
                  {r.title}
                </Link>
              ),
            },
            { text: `${r.from} to ${r.to}` },
            { text: r.state === 'published' ? 'Published' : 'Draft' },
          ])}
        />
      )}
      {mayWrite && (
        <form noValidate onSubmit={(event) => void submit(event)}>
          <Radios
            idPrefix={fieldId('term')}
            name="term"
            fieldset={{
              legend: { text: 'Generate a report', classes: 'govuk-fieldset__legend--m' },
            }}
            hint={{ text: 'Its figures follow the data until you publish it' }}
            value={term}
            errorMessage={errors.messageFor('term')}
            items={terms.map((t) => ({ value: t.key, text: `${t.name} (${t.from} to ${t.to})` }))}
            onChange={(e) => setTerm(e.target.value)}
          />
          <Button text="Generate report" disabled={create.isPending} />
        </form>
      )}
    </>
  );
}
