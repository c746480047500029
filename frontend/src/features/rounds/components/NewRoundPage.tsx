import { useState, type FormEvent } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import {
  BackLink,
  Button,
  ErrorSummary,
  Radios,
  Select,
  TextInput,
} from '../../../components/govuk';
import { fieldId, useFormErrors } from '../../../lib/forms';
import { ApiError, networkProblem } from '../../../lib/problem';
import { usePageTitle } from '../../../lib/title';
import { useCreateRound, usePublishedInstruments, type RoundRequest } from '../api/rounds';
import { roundPath, roundsPath, strataNames, termNames } from './labels';

/** The school year a date falls in, by the year it starts. */
function schoolYear(today = new Date()) {
  return today.getMonth() >= 8 ? today.getFullYear() : today.getFullYear() - 1;
}

/** Plans a round: its instrument, term, dates and sampling rule. */
export function NewRoundPage() {
  const tenant = useParams().tenant ?? '';
  const instruments = usePublishedInstruments(tenant);
  const create = useCreateRound(tenant);
  const errors = useFormErrors();
  const navigate = useNavigate();
  usePageTitle('Plan a round', { error: errors.hasErrors });
  const [form, setForm] = useState({
    name: '',
    instrument: 'ehcp_quality_audit:1',
    term: 'autumn',
    academic_year: String(schoolYear()),
    opens_on: '',
    due_on: '',
    sampling_method: 'random',
    strata_by: 'primary_need',
    sample_size: '',
    per_auditor: '2',
  });
  const set = (name: keyof typeof form) => (event: { target: { value: string } }) =>
    setForm({ ...form, [name]: event.target.value });
  // What every field but the instrument takes from its name in the request.
  const bound = (name: Exclude<keyof typeof form, 'instrument'>) => ({
    name,
    value: form[name],
    errorMessage: errors.messageFor(name),
    onChange: set(name),
  });

  async function submit(event: FormEvent) {
    event.preventDefault();
    const [key = '', version = '0'] = form.instrument.split(':');
    const body: RoundRequest = {
      name: form.name,
      instrument_key: key,
      instrument_version: Number(version),
      term: form.term as RoundRequest['term'],
      academic_year: Number(form.academic_year),
      opens_on: form.opens_on,
      due_on: form.due_on,
      sampling_method: form.sampling_method as RoundRequest['sampling_method'],
      per_auditor: Number(form.per_auditor) || 0,
    };
    if (form.sampling_method === 'stratified') {
      body.strata_by = form.strata_by as RoundRequest['strata_by'];
    }
    if (form.sample_size) body.sample_size = Number(form.sample_size);
    try {
      const round = await create.mutateAsync(body);
      navigate(roundPath(tenant, round.id), { state: { flash: `${round.name} is planned.` } });
    } catch (error) {
      errors.showProblem(error instanceof ApiError ? error.problem : networkProblem, 'name');
    }
  }

  const instrumentItems = (instruments.data?.items ?? []).map((item) => ({
    value: `${item.key}:${item.current_version}`,
    text: `${item.title} (version ${item.current_version})`,
  }));

  return (
    <>
      <BackLink href={roundsPath(tenant)} text="Back to rounds" />
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          {errors.hasErrors && <ErrorSummary errorList={errors.summary} />}
          <h1 className="govuk-heading-l">Plan a round</h1>
          <form noValidate onSubmit={(event) => void submit(event)}>
            <TextInput
              id={fieldId('name')}
              {...bound('name')}
              label={{ text: 'Name', classes: 'govuk-label--s' }}
            />
            <Select
              id={fieldId('instrument_version')}
              name="instrument"
              label={{ text: 'Instrument', classes: 'govuk-label--s' }}
              items={instrumentItems}
              value={form.instrument}
              errorMessage={
                errors.messageFor('instrument_version') ?? errors.messageFor('instrument_key')
              }
              onChange={set('instrument')}
            />
            <Radios
              idPrefix={fieldId('term')}
              {...bound('term')}
              fieldset={{ legend: { text: 'Term', classes: 'govuk-fieldset__legend--s' } }}
              items={Object.entries(termNames).map(([value, text]) => ({ value, text }))}
            />
            <TextInput
              id={fieldId('academic_year')}
              {...bound('academic_year')}
              inputmode="numeric"
              classes="govuk-input--width-4"
              label={{ text: 'School year it starts in', classes: 'govuk-label--s' }}
              hint={{ text: 'For example, 2026 for 2026 to 2027' }}
            />
            <TextInput
              id={fieldId('opens_on')}
              {...bound('opens_on')}
              type="date"
              classes="govuk-input--width-10"
              label={{ text: 'Audits open on', classes: 'govuk-label--s' }}
            />
            <TextInput
              id={fieldId('due_on')}
              {...bound('due_on')}
              type="date"
              classes="govuk-input--width-10"
              label={{ text: 'Audits due by', classes: 'govuk-label--s' }}
            />
            <Radios
              idPrefix={fieldId('sampling_method')}
              {...bound('sampling_method')}
              fieldset={{
                legend: { text: 'How to draw the sample', classes: 'govuk-fieldset__legend--s' },
              }}
              items={[
                { value: 'random', text: 'At random' },
                { value: 'stratified', text: 'In proportion to groups' },
              ]}
            />
            <Select
              id={fieldId('strata_by')}
              {...bound('strata_by')}
              label={{ text: 'Group by', classes: 'govuk-label--s' }}
              hint={{ text: 'For a sample in proportion to groups' }}
              items={Object.entries(strataNames).map(([value, text]) => ({ value, text }))}
            />
            <TextInput
              id={fieldId('per_auditor')}
              {...bound('per_auditor')}
              inputmode="numeric"
              classes="govuk-input--width-3"
              label={{ text: 'Audits for each auditor', classes: 'govuk-label--s' }}
            />
            <TextInput
              id={fieldId('sample_size')}
              {...bound('sample_size')}
              inputmode="numeric"
              classes="govuk-input--width-4"
              label={{ text: 'Sample size (optional)', classes: 'govuk-label--s' }}
              hint={{ text: 'Leave empty for the number of auditors times the audits each' }}
            />
            <Button text="Plan the round" disabled={create.isPending} />
          </form>
        </div>
      </div>
    </>
  );
}
