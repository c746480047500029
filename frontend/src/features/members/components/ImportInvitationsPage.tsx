import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router-dom';
import {
  BackLink,
  Button,
  ErrorSummary,
  FileUpload,
  NotificationBanner,
  Table,
} from '../../../components/govuk';
import { ScrollRegion } from '../../../components/ScrollRegion';
import { fieldId, useFormErrors } from '../../../lib/forms';
import { paths } from '../../../lib/paths';
import { ApiError, networkProblem, type FieldProblem } from '../../../lib/problem';
import { usePageTitle } from '../../../lib/title';
import { useImportInvitations, type InvitationImport } from '../api/members';
import { useArea } from '../../../lib/area';

/** A row problem from the API, `rows[<line>].<column>`, split for a table. */
export interface RowProblem {
  line: number;
  column: string;
  message: string;
}

export function rowProblems(errors: FieldProblem[]): RowProblem[] {
  return errors.flatMap((error) => {
    const match = /^rows\[(\d+)\]\.?(.*)$/.exec(error.field);
    if (!match) return [];

    return [{ line: Number(match[1]), column: match[2] ?? '', message: error.message }];
  });
}

/**
 * Invites many people from a CSV file: first a check that lists each bad
 * row with its line, then the invitations themselves.
 */
export function ImportInvitationsPage() {
  const { tenant, areaName } = useArea();
  const [file, setFile] = useState<File>();
  const [checked, setChecked] = useState<InvitationImport>();
  const [bad, setBad] = useState<RowProblem[]>([]);
  const errors = useFormErrors();
  const upload = useImportInvitations(tenant);
  const navigate = useNavigate();
  usePageTitle(`Invite from a CSV file – ${areaName}`, { error: errors.hasErrors });

  async function send(dryRun: boolean) {
    if (!file) {
      errors.show([{ field: 'file', message: 'Select a CSV file' }]);

      return;
    }
    try {
      const result = await upload.mutateAsync({ file, dryRun });
      errors.clear();
      setBad([]);
      if (dryRun) {
        setChecked(result);

        return;
      }
      navigate(paths.members(tenant), {
        state: { flash: `${result.invited} people have been invited.` },
      });
    } catch (error) {
      const problem = error instanceof ApiError ? error.problem : networkProblem;
      const rows = rowProblems(problem.errors ?? []);
      setChecked(undefined);
      setBad(rows);
      if (rows.length > 0) {
        // Each bad row is listed below; the summary says what to do.
        errors.show([
          {
            field: 'file',
            message: `The file has ${rows.length} ${rows.length === 1 ? 'problem' : 'problems'}: correct the rows listed and check it again`,
          },
        ]);

        return;
      }
      errors.showProblem(problem, 'file');
    }
  }

  function check(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void send(true);
  }

  return (
    <>
      <BackLink href={paths.members(tenant)} text="Back to members" />
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          {errors.hasErrors && <ErrorSummary errorList={errors.summary} />}
          {checked && (
            <NotificationBanner
              titleText="Important"
              text={`The file is ready: ${checked.rows} ${checked.rows === 1 ? 'person' : 'people'} will be invited${checked.replaced > 0 ? `, replacing ${checked.replaced} open invitations` : ''}. Nobody has been invited yet.`}
            />
          )}
          <span className="govuk-caption-l">{areaName}</span>
          <h1 className="govuk-heading-l">Invite from a CSV file</h1>
          <p className="govuk-body">
            The first line names the columns: <code>name</code> and <code>email</code> are needed;{' '}
            <code>roles</code>, separated by semicolons, is optional. People without roles become
            auditors.
          </p>
          <p className="govuk-body">
            We check the whole file first. Nobody is invited until every row is right.
          </p>
          <form noValidate onSubmit={check}>
            <FileUpload
              id={fieldId('file')}
              name="file"
              label={{ text: 'Upload a CSV file', classes: 'govuk-label--s' }}
              hint={{ text: 'At most 1 MB' }}
              errorMessage={errors.messageFor('file')}
              attributes={{ accept: '.csv,text/csv' }}
              onChange={(event) => {
                setFile(event.target.files?.[0]);
                setChecked(undefined);
              }}
            />
            <div className="govuk-button-group">
              <Button
                text="Check the file"
                classes={checked ? 'govuk-button--secondary' : undefined}
                disabled={upload.isPending}
              />
              {checked && (
                <Button
                  type="button"
                  text="Send invitations"
                  disabled={upload.isPending}
                  onClick={() => void send(false)}
                />
              )}
            </div>
          </form>
        </div>
      </div>
      {bad.length > 0 && (
        <>
          <h2 className="govuk-heading-m">Rows to correct</h2>
          <ScrollRegion label="Rows to correct">
            <Table
              caption="Rows to correct"
              captionClasses="govuk-visually-hidden"
              head={[{ text: 'Line' }, { text: 'Column' }, { text: 'Problem' }]}
              rows={bad.map((row) => [
                { text: String(row.line) },
                { text: row.column || 'whole row' },
                { text: row.message },
              ])}
            />
          </ScrollRegion>
        </>
      )}
    </>
  );
}
