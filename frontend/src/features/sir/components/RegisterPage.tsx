import { useState, type FormEvent } from 'react';
import {
  BackLink,
  Button,
  ErrorSummary,
  FileUpload,
  NotificationBanner,
  SummaryList,
  Table,
} from '../../../components/govuk';
import { ScrollRegion } from '../../../components/ScrollRegion';
import { useArea } from '../../../lib/area';
import { fieldId, useFormErrors } from '../../../lib/forms';
import { ApiError, networkProblem } from '../../../lib/problem';
import { usePageTitle } from '../../../lib/title';
import { useConfirmRegister, useSettings, useUploadRegister, type SettingImport } from '../api/sir';
import { sirPaths } from '../paths';
import { useSirAccess } from './access';

/**
 * The register of schools and settings, and its import from CSV in two
 * steps: the file is checked and each row it cannot take is listed with
 * its line and reasons; nothing changes until the person confirms.
 */
export function RegisterPage() {
  const { tenant, areaName } = useArea();
  const access = useSirAccess();
  const settings = useSettings(tenant);
  const [done, setDone] = useState<string>();
  usePageTitle(`Register of settings – ${areaName}`);
  if (settings.error) throw settings.error;

  return (
    <>
      <BackLink href={sirPaths.rounds(tenant)} text="Back to SEN information reports" />
      {done && <NotificationBanner type="success" text={done} />}
      <h1 className="govuk-heading-l">Register of settings</h1>
      {access.keepRegister && <ImportForm tenant={tenant} onDone={setDone} />}
      <h2 className="govuk-heading-m">Settings</h2>
      {!settings.data ? (
        <p className="govuk-body" role="status">
          Loading…
        </p>
      ) : settings.data.items.length === 0 ? (
        <p className="govuk-body">The register is empty. Import it from a CSV file.</p>
      ) : (
        <ScrollRegion label="Settings">
          <Table
            caption={`${settings.data.items.length} settings by name`}
            captionClasses="govuk-table__caption--s"
            head={[
              { text: 'Setting' },
              { text: 'URN' },
              { text: 'Phase' },
              { text: 'Type' },
              { text: 'SENCO e-mail' },
            ]}
            rows={settings.data.items.map((s) => [
              { text: s.name },
              { text: s.urn },
              { text: s.phase },
              { text: s.setting_type },
              { text: s.senco_email },
            ])}
          />
        </ScrollRegion>
      )}
    </>
  );
}

function ImportForm(props: { tenant: string; onDone: (message: string) => void }) {
  const [file, setFile] = useState<File>();
  const [preview, setPreview] = useState<SettingImport>();
  const errors = useFormErrors();
  const upload = useUploadRegister(props.tenant);
  const confirm = useConfirmRegister(props.tenant);

  async function check(event: FormEvent) {
    event.preventDefault();
    if (!file) {
      errors.show([{ field: 'file', message: 'Select a CSV file' }]);

      return;
    }
    setPreview(undefined);
    try {
      setPreview(await upload.mutateAsync(file));
      errors.clear();
    } catch (error) {
      errors.showProblem(error instanceof ApiError ? error.problem : networkProblem, 'file');
    }
  }

  async function write() {
    if (!preview) return;
    try {
      const out = await confirm.mutateAsync(preview.id);
      setPreview(undefined);
      props.onDone(
        `${out.new_settings} settings added, ${out.updated_settings} updated and ${out.unchanged_settings} unchanged.`,
      );
    } catch (error) {
      errors.showProblem(error instanceof ApiError ? error.problem : networkProblem, 'file');
    }
  }

  return (
    <>
      {errors.hasErrors && <ErrorSummary errorList={errors.summary} />}
      <h2 className="govuk-heading-m">Import the register</h2>
      <p className="govuk-body">
        The first line names the columns: <code>urn</code>, <code>name</code>, <code>phase</code>,{' '}
        <code>type</code>, <code>sir_url</code> and <code>senco_email</code>. A URN already in the
        register brings that setting up to date.
      </p>
      <form noValidate onSubmit={(event) => void check(event)}>
        <FileUpload
          id={fieldId('file')}
          name="file"
          label={{ text: 'Upload a CSV file', classes: 'govuk-label--s' }}
          hint={{ text: 'UTF-8, at most 4 MB' }}
          errorMessage={errors.messageFor('file')}
          attributes={{ accept: '.csv,text/csv' }}
          onChange={(event) => {
            setFile(event.target.files?.[0]);
            setPreview(undefined);
          }}
        />
        <Button
          text="Check the file"
          classes={preview ? 'govuk-button--secondary' : undefined}
          disabled={upload.isPending}
        />
      </form>
      {preview && (
        <>
          <h3 className="govuk-heading-s">What the file holds</h3>
          <SummaryList
            rows={[
              { key: { text: 'Rows' }, value: { text: String(preview.total_rows) } },
              { key: { text: 'New settings' }, value: { text: String(preview.new_settings) } },
              {
                key: { text: 'Settings updated' },
                value: { text: String(preview.updated_settings) },
              },
              {
                key: { text: 'Unchanged' },
                value: { text: String(preview.unchanged_settings) },
              },
              {
                key: { text: 'Rows not imported' },
                value: { text: String(preview.rejected.length) },
              },
            ]}
          />
          {preview.rejected.length > 0 && (
            <ScrollRegion label="Rows that will not be imported">
              <Table
                caption="Rows that will not be imported"
                captionClasses="govuk-table__caption--s"
                head={[{ text: 'Line' }, { text: 'URN' }, { text: 'Problem' }]}
                rows={preview.rejected.map((row) => [
                  { text: String(row.line) },
                  { text: row.urn || 'none' },
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
          )}
          {preview.valid_rows > 0 && (
            <Button
              type="button"
              text={`Import ${preview.valid_rows} settings`}
              disabled={confirm.isPending}
              onClick={() => void write()}
            />
          )}
        </>
      )}
    </>
  );
}
