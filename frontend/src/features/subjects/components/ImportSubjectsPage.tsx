import { useState, type FormEvent } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import {
  BackLink,
  Button,
  ErrorSummary,
  FileUpload,
  NotificationBanner,
  Select,
  SummaryList,
  Table,
} from '../../../components/govuk';
import { ScrollRegion } from '../../../components/ScrollRegion';
import { fieldId, useFormErrors } from '../../../lib/forms';
import { ApiError, networkProblem } from '../../../lib/problem';
import { usePageTitle } from '../../../lib/title';
import {
  useConfirmImport,
  useUploadImport,
  type SubjectImport,
  type SubjectKind,
} from '../api/subjects';
import { kindNames, personalFieldNames, subjectsPath } from './labels';

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * Imports subjects from a CSV file in two steps: the file is checked and
 * every row that cannot be imported is listed with its line and reasons,
 * then the valid rows are written only when the person confirms.
 */
export function ImportSubjectsPage() {
  const tenant = useParams().tenant ?? '';
  const [kind, setKind] = useState<SubjectKind>('ehc_plan');
  const [file, setFile] = useState<File>();
  const [progress, setProgress] = useState<number>();
  const [preview, setPreview] = useState<SubjectImport>();
  const errors = useFormErrors();
  const upload = useUploadImport();
  const confirm = useConfirmImport(tenant);
  const navigate = useNavigate();
  usePageTitle('Import subjects', { error: errors.hasErrors });

  async function check(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!file) {
      errors.show([{ field: 'file', message: 'Select a CSV file' }]);

      return;
    }
    setPreview(undefined);
    setProgress(0);
    try {
      setPreview(await upload.mutateAsync({ tenant, kind, file, onProgress: setProgress }));
      errors.clear();
    } catch (error) {
      errors.showProblem(error instanceof ApiError ? error.problem : networkProblem, 'file');
      setProgress(undefined);
    }
  }

  async function write() {
    if (!preview) return;
    try {
      const done = await confirm.mutateAsync(preview.id);
      navigate(subjectsPath(tenant), {
        state: {
          flash: `${plural(done.new_subjects, 'subject', 'subjects')} added and ${done.updated_subjects} updated.`,
        },
      });
    } catch (error) {
      errors.showProblem(error instanceof ApiError ? error.problem : networkProblem, 'file');
    }
  }

  return (
    <>
      <BackLink href={subjectsPath(tenant)} text="Back to subjects" />
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          {errors.hasErrors && <ErrorSummary errorList={errors.summary} />}
          <h1 className="govuk-heading-l">Import subjects</h1>
          <p className="govuk-body">
            The first line names the columns. <code>local_id</code> is needed; the others are{' '}
            <code>child_name</code>, <code>date_of_birth</code>, <code>nhs_number</code>,{' '}
            <code>ncy</code>, <code>primary_need</code>, <code>setting_urn</code>,{' '}
            <code>plan_issued_on</code>, <code>amended</code> and <code>contributing_services</code>{' '}
            (separated by semicolons).
          </p>
          <p className="govuk-body">
            We check the file first and nothing changes until you confirm. A local id already known
            updates that subject. Personal data that none of your instruments asks for is not kept.
          </p>
          <form noValidate onSubmit={(event) => void check(event)}>
            <Select
              id="kind"
              name="kind"
              label={{ text: 'What the file lists', classes: 'govuk-label--s' }}
              items={Object.entries(kindNames).map(([value, text]) => ({ value, text }))}
              value={kind}
              onChange={(event) => setKind(event.target.value as SubjectKind)}
            />
            <FileUpload
              id={fieldId('file')}
              name="file"
              label={{ text: 'Upload a CSV file', classes: 'govuk-label--s' }}
              hint={{ text: 'UTF-8, at most 16 MB and 50,000 rows' }}
              errorMessage={errors.messageFor('file')}
              attributes={{ accept: '.csv,text/csv' }}
              onChange={(event) => {
                setFile(event.target.files?.[0]);
                setPreview(undefined);
                setProgress(undefined);
              }}
            />
            {progress !== undefined && (
              <div className="govuk-form-group">
                <label className="govuk-label" htmlFor="upload-progress">
                  {progress < 1 ? 'Sending the file' : 'File sent'}
                </label>
                <progress
                  id="upload-progress"
                  className="govuk-!-width-full"
                  max={100}
                  value={Math.round(progress * 100)}
                >
                  {Math.round(progress * 100)}%
                </progress>
              </div>
            )}
            <Button
              text="Check the file"
              classes={preview ? 'govuk-button--secondary' : undefined}
              disabled={upload.isPending}
            />
          </form>
        </div>
      </div>
      {preview && (
        <Preview preview={preview} onConfirm={() => void write()} busy={confirm.isPending} />
      )}
    </>
  );
}

function Preview(props: { preview: SubjectImport; onConfirm: () => void; busy: boolean }) {
  const { preview } = props;
  const dropped = preview.dropped_personal_fields.map((f) => personalFieldNames[f] ?? f);

  return (
    <>
      <h2 className="govuk-heading-m">What the file holds</h2>
      <SummaryList
        rows={[
          { key: { text: 'Rows' }, value: { text: String(preview.total_rows) } },
          { key: { text: 'Ready to import' }, value: { text: String(preview.valid_rows) } },
          { key: { text: 'New subjects' }, value: { text: String(preview.new_subjects) } },
          { key: { text: 'Subjects updated' }, value: { text: String(preview.updated_subjects) } },
          { key: { text: 'Rows not imported' }, value: { text: String(preview.rejected.length) } },
        ]}
      />
      {dropped.length > 0 && (
        <NotificationBanner
          titleText="Important"
          text={`The file has ${dropped.join(' and ')}, which none of your instruments asks for: they will not be kept.`}
        />
      )}
      {preview.rejected.length > 0 && (
        <>
          <h2 className="govuk-heading-m">Rows that will not be imported</h2>
          <p className="govuk-body">
            Correct these rows in your file and import it again; the other rows can be imported now.
          </p>
          <ScrollRegion label="Rows that will not be imported">
            <Table
              caption="Rows that will not be imported"
              captionClasses="govuk-visually-hidden"
              head={[{ text: 'Line' }, { text: 'Local id' }, { text: 'Problem' }]}
              rows={preview.rejected.map((row) => [
                { text: String(row.line) },
                { text: row.local_id || 'none' },
                {
                  html: (
                    <ul className="govuk-list">
                      {row.problems.map((p) => (
                        <li key={p.field + p.message}>{p.message}</li>
                      ))}
                    </ul>
                  ),
                },
              ])}
            />
          </ScrollRegion>
        </>
      )}
      {preview.valid_rows > 0 && (
        <Button
          type="button"
          text={`Import ${plural(preview.valid_rows, 'subject', 'subjects')}`}
          disabled={props.busy}
          onClick={props.onConfirm}
        />
      )}
    </>
  );
}
