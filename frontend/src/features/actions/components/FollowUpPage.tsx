import { useState, type FormEvent } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import {
  BackLink,
  Button,
  ErrorSummary,
  Radios,
  Select,
  Textarea,
  TextInput,
} from '../../../components/govuk';
import { useArea } from '../../../lib/area';
import { fieldId, useFormErrors } from '../../../lib/forms';
import { ApiError, networkProblem, type ApiProblem } from '../../../lib/problem';
import { usePageTitle } from '../../../lib/title';
import {
  followUpPurposes,
  useAction,
  useFollowUpChoices,
  useScheduleFollowUp,
  type FollowUpPurpose,
} from '../api/actions';
import { actionPaths } from '../paths';

const isoDate = (date: Date) => date.toISOString().slice(0, 10);

/**
 * Says which subject each refused local id is: the API names them by
 * their place in the list, but the form holds them in one box.
 */
export function localIdProblems(problem: ApiProblem, ids: string[]): ApiProblem {
  return {
    ...problem,
    errors: problem.errors?.map((error) => {
      const match = /^subject_local_ids\[(\d+)\]$/.exec(error.field);
      if (!match) return error;
      const id = ids[Number(match[1])] ?? '';

      return { field: 'subject_local_ids', message: `${id}: ${error.message}` };
    }),
  };
}

/** Schedules a re-audit or a dip sample that follows an action up. */
export function NewFollowUpPage() {
  const { tenant, areaName } = useArea();
  const { actionId = '' } = useParams();
  const action = useAction(tenant, actionId);
  const { instruments, auditors } = useFollowUpChoices(tenant);
  const schedule = useScheduleFollowUp(tenant, actionId);
  const errors = useFormErrors();
  const navigate = useNavigate();
  usePageTitle(`Schedule a re-audit or dip sample – ${areaName}`, { error: errors.hasErrors });
  const today = new Date();
  const [form, setForm] = useState({
    purpose: 're_audit',
    instrument: 'ehcp_quality_audit:1',
    subject_local_ids: '',
    auditor_id: '',
    opens_on: isoDate(today),
    due_on: isoDate(new Date(today.getTime() + 28 * 86_400_000)),
  });
  const bound = (name: keyof typeof form) => ({
    name,
    value: form[name],
    errorMessage: errors.messageFor(name),
    onChange: (event: { target: { value: string } }) =>
      setForm({ ...form, [name]: event.target.value }),
  });

  if (action.error) throw action.error;
  const back = actionPaths.action(tenant, actionId);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const [key = '', version = '0'] = form.instrument.split(':');
    const ids = form.subject_local_ids
      .split(/[\n,]/)
      .map((id) => id.trim())
      .filter(Boolean);
    try {
      await schedule.mutateAsync({
        purpose: form.purpose as FollowUpPurpose,
        instrument_key: key,
        instrument_version: Number(version),
        subject_local_ids: ids,
        auditor_id: form.auditor_id,
        opens_on: form.opens_on,
        due_on: form.due_on,
      });
      const what = followUpPurposes[form.purpose as FollowUpPurpose];
      navigate(back, { state: { flash: `${what} scheduled and given to the auditor.` } });
    } catch (error) {
      const problem = error instanceof ApiError ? error.problem : networkProblem;
      errors.showProblem(localIdProblems(problem, ids), 'purpose');
    }
  }

  const instrumentItems = (instruments.data?.items ?? []).map((item) => ({
    value: `${item.key}:${item.current_version}`,
    text: `${item.title} (version ${item.current_version})`,
  }));
  const auditorItems = [
    { value: '', text: 'Choose an auditor' },
    ...(auditors.data?.items ?? []).map((a) => ({ value: a.person_id, text: a.name })),
  ];

  return (
    <>
      <BackLink href={back} text={`Back to ${action.data?.title ?? 'the action'}`} />
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          {errors.hasErrors && <ErrorSummary errorList={errors.summary} />}
          {action.data && <span className="govuk-caption-l">{action.data.title}</span>}
          <h1 className="govuk-heading-l">Schedule a re-audit or dip sample</h1>
          <p className="govuk-body">
            The audits are given to the auditor at once. Their results appear on the action as they
            are submitted.
          </p>
          <form noValidate onSubmit={(event) => void submit(event)}>
            <Radios
              idPrefix={fieldId('purpose')}
              {...bound('purpose')}
              fieldset={{
                legend: { text: 'What to schedule', classes: 'govuk-fieldset__legend--s' },
              }}
              items={[
                {
                  value: 're_audit',
                  text: 'Re-audit',
                  hint: { text: 'Audit the same files again with the same instrument' },
                },
                {
                  value: 'dip_sample',
                  text: 'Dip sample',
                  hint: { text: 'Check a few files against the theme of the action' },
                },
              ]}
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
              onChange={(event) => setForm({ ...form, instrument: event.target.value })}
            />
            <Textarea
              id={fieldId('subject_local_ids')}
              {...bound('subject_local_ids')}
              rows={3}
              label={{ text: 'Local ids of the files to audit', classes: 'govuk-label--s' }}
              hint={{ text: 'One per line, as the area records them, such as EHCP-0012' }}
            />
            <Select
              id={fieldId('auditor_id')}
              {...bound('auditor_id')}
              label={{ text: 'Auditor', classes: 'govuk-label--s' }}
              hint={{ text: 'Not someone whose service contributed to the files' }}
              items={auditorItems}
            />
            <TextInput
              id={fieldId('opens_on')}
              {...bound('opens_on')}
              type="date"
              classes="govuk-input--width-10"
              label={{ text: 'Opens on', classes: 'govuk-label--s' }}
            />
            <TextInput
              id={fieldId('due_on')}
              {...bound('due_on')}
              type="date"
              classes="govuk-input--width-10"
              label={{ text: 'Due by', classes: 'govuk-label--s' }}
            />
            <Button text="Schedule" disabled={schedule.isPending} />
          </form>
        </div>
      </div>
    </>
  );
}
