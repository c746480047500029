import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router-dom';
import {
  BackLink,
  Button,
  ErrorSummary,
  FileUpload,
  Radios,
  Select,
  TextInput,
  Textarea,
} from '../../../components/govuk';
import { useArea } from '../../../lib/area';
import { fieldId, useFormErrors } from '../../../lib/forms';
import { ApiError, networkProblem, type FieldProblem } from '../../../lib/problem';
import { usePageTitle } from '../../../lib/title';
import { useImportFindings, useRecordFinding, useThemes } from '../api/reports';
import { reportPaths } from '../paths';

/** The sources whose findings are entered by hand or imported. */
export const enteredSources = [
  { value: 'complaints_compliments', text: 'Complaints and compliments' },
  { value: 'parent_carer_forum', text: 'Parent carer forum' },
  { value: 'iass', text: 'Information, advice and support service' },
  { value: 'senco_survey', text: 'SENCO survey' },
  { value: 'practice_week', text: 'Practice week' },
  { value: 'local_offer', text: 'Local offer feedback' },
];

interface FindingFields {
  theme_id: string;
  source_kind: string;
  source_label: string;
  polarity: string;
  body: string;
  found_on: string;
}

export function checkFinding(f: FindingFields): FieldProblem[] {
  const out: FieldProblem[] = [];
  if (!f.theme_id) out.push({ field: 'theme_id', message: 'Select the theme of the finding' });
  if (!f.source_kind) out.push({ field: 'source_kind', message: 'Select where it came from' });
  if (!f.polarity) {
    out.push({ field: 'polarity', message: 'Select strength or area for development' });
  }
  if (!f.body.trim()) out.push({ field: 'body', message: 'Enter the finding' });
  if (!f.found_on) out.push({ field: 'found_on', message: 'Enter the date of the finding' });

  return out;
}

/** Records a finding from a source sendqa does not run itself. */
export function NewFindingPage() {
  const { tenant, areaName } = useArea();
  const themes = useThemes(tenant);
  const record = useRecordFinding(tenant);
  const errors = useFormErrors();
  const navigate = useNavigate();
  const [fields, setFields] = useState<FindingFields>({
    theme_id: '',
    source_kind: '',
    source_label: '',
    polarity: '',
    body: '',
    found_on: '',
  });
  usePageTitle(`Record a finding – ${areaName}`, { error: errors.hasErrors });
  if (themes.error) throw themes.error;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const invalid = checkFinding(fields);
    if (invalid.length > 0) {
      errors.show(invalid);

      return;
    }
    try {
      await record.mutateAsync({
        ...fields,
        polarity: fields.polarity as 'strength' | 'development',
      });
      navigate(reportPaths.triangulation(tenant));
    } catch (error) {
      errors.showProblem(error instanceof ApiError ? error.problem : networkProblem, 'body');
    }
  }

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <BackLink href={reportPaths.triangulation(tenant)} text="Back to triangulation" />
        <span className="govuk-caption-l">{areaName}</span>
        <h1 className="govuk-heading-l">Record a finding</h1>
        {errors.hasErrors && <ErrorSummary errorList={errors.summary} />}
        <form noValidate onSubmit={(event) => void submit(event)}>
          <Select
            id={fieldId('theme_id')}
            name="theme_id"
            label={{ text: 'Theme', classes: 'govuk-label--s' }}
            value={fields.theme_id}
            errorMessage={errors.messageFor('theme_id')}
            items={[
              { value: '', text: 'Choose a theme' },
              ...(themes.data?.items ?? []).map((t) => ({ value: t.id, text: t.name })),
            ]}
            onChange={(e) => setFields({ ...fields, theme_id: e.target.value })}
          />
          <Select
            id={fieldId('source_kind')}
            name="source_kind"
            label={{ text: 'Source', classes: 'govuk-label--s' }}
            value={fields.source_kind}
            errorMessage={errors.messageFor('source_kind')}
            items={[{ value: '', text: 'Choose a source' }, ...enteredSources]}
            onChange={(e) => setFields({ ...fields, source_kind: e.target.value })}
          />
          <TextInput
            id={fieldId('source_label')}
            name="source_label"
            label={{ text: 'Where (optional)', classes: 'govuk-label--s' }}
            hint={{ text: 'The meeting, survey or complaint it came from' }}
            value={fields.source_label}
            onChange={(e) => setFields({ ...fields, source_label: e.target.value })}
          />
          <Radios
            idPrefix={fieldId('polarity')}
            name="polarity"
            fieldset={{
              legend: { text: 'Is it a strength?', classes: 'govuk-fieldset__legend--s' },
            }}
            value={fields.polarity}
            errorMessage={errors.messageFor('polarity')}
            items={[
              { value: 'strength', text: 'Strength' },
              { value: 'development', text: 'Area for development' },
            ]}
            onChange={(e) => setFields({ ...fields, polarity: e.target.value })}
          />
          <Textarea
            id={fieldId('body')}
            name="body"
            label={{ text: 'Finding', classes: 'govuk-label--s' }}
            value={fields.body}
            errorMessage={errors.messageFor('body')}
            onChange={(e) => setFields({ ...fields, body: e.target.value })}
          />
          <TextInput
            id={fieldId('found_on')}
            name="found_on"
            type="date"
            classes="govuk-input--width-10"
            label={{ text: 'Date', classes: 'govuk-label--s' }}
            value={fields.found_on}
            errorMessage={errors.messageFor('found_on')}
            onChange={(e) => setFields({ ...fields, found_on: e.target.value })}
          />
          <Button text="Record finding" disabled={record.isPending} />
        </form>
      </div>
    </div>
  );
}

/** Imports a CSV file of findings, all of it or none. */
export function ImportFindingsPage() {
  const { tenant, areaName } = useArea();
  const importer = useImportFindings(tenant);
  const errors = useFormErrors();
  const navigate = useNavigate();
  const [file, setFile] = useState<File>();
  usePageTitle(`Import findings – ${areaName}`, { error: errors.hasErrors });

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!file) {
      errors.show([{ field: 'file', message: 'Choose a CSV file of findings' }]);

      return;
    }
    try {
      await importer.mutateAsync(await file.text());
      navigate(reportPaths.triangulation(tenant));
    } catch (error) {
      errors.showProblem(error instanceof ApiError ? error.problem : networkProblem, 'file');
    }
  }

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <BackLink href={reportPaths.triangulation(tenant)} text="Back to triangulation" />
        <span className="govuk-caption-l">{areaName}</span>
        <h1 className="govuk-heading-l">Import findings</h1>
        {errors.hasErrors && <ErrorSummary errorList={errors.summary} />}
        <p className="govuk-body">
          The first line names the columns <code>theme</code>, <code>source</code>,{' '}
          <code>polarity</code>, <code>finding</code>, <code>date</code> and, if you wish,{' '}
          <code>where</code>. A source is one of {enteredSources.map((s) => s.value).join(', ')}. A
          file with any problem records nothing, and each problem is listed by row.
        </p>
        <form noValidate onSubmit={(event) => void submit(event)}>
          <FileUpload
            id={fieldId('file')}
            name="file"
            label={{ text: 'Upload a CSV file', classes: 'govuk-label--s' }}
            errorMessage={errors.messageFor('file')}
            attributes={{ accept: '.csv,text/csv' }}
            onChange={(event) => setFile(event.target.files?.[0])}
          />
          <Button text="Import findings" disabled={importer.isPending} />
        </form>
      </div>
    </div>
  );
}
