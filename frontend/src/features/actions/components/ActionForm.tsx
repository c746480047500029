import { useState, type FormEvent } from 'react';
import {
  Button,
  DateInput,
  ErrorSummary,
  Radios,
  Select,
  Textarea,
  TextInput,
} from '../../../components/govuk';
import { fieldId, type FormErrors } from '../../../lib/forms';
import type { FieldProblem } from '../../../lib/problem';
import { rags, statuses, type Action, type ActionStatus, type Rag } from '../api/actions';

export interface DateParts {
  day: string;
  month: string;
  year: string;
}

/** The fields of the form, as typed; empty strings are fields left blank. */
export interface ActionFields {
  title: string;
  description: string;
  owner_id: string;
  due: DateParts;
  status: ActionStatus;
  rag: Rag;
  impact: string;
}

export const emptyAction: ActionFields = {
  title: '',
  description: '',
  owner_id: '',
  due: { day: '', month: '', year: '' },
  status: 'not_started',
  rag: 'amber',
  impact: '',
};

/** The three boxes as YYYY-MM-DD, or null when they do not make a real date. */
export function dueDate(parts: DateParts): string | null {
  const text = [parts.year, parts.month, parts.day].map((part) => part.trim());
  if (!text.every((part) => /^\d+$/.test(part))) return null;
  const [year, month, day] = text.map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  const real = year >= 2000 && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;

  return real ? date.toISOString().slice(0, 10) : null;
}

export function partsOf(iso: string): DateParts {
  const [year = '', month = '', day = ''] = iso.split('-');

  return { day: String(Number(day)), month: String(Number(month)), year };
}

/** Checks in the browser that save a round trip; the API checks them again. */
export function checkAction(fields: ActionFields): FieldProblem[] {
  const invalid: FieldProblem[] = [];
  if (fields.title.trim() === '') {
    invalid.push({ field: 'title', message: 'Enter what the action is' });
  } else if (fields.title.trim().length > 300) {
    invalid.push({ field: 'title', message: 'The action must be 300 characters or fewer' });
  }
  if (!fields.owner_id) {
    invalid.push({ field: 'owner_id', message: 'Select who owns the action' });
  }
  const { day, month, year } = fields.due;
  if (!day.trim() && !month.trim() && !year.trim()) {
    invalid.push({ field: 'due_on', message: 'Enter the date the action is due' });
  } else if (dueDate(fields.due) === null) {
    invalid.push({ field: 'due_on', message: 'The due date must be a real date, like 1 12 2026' });
  }

  return invalid;
}

/** The action's details: what, who, by when, how it is going and its impact. */
export function ActionForm(props: {
  initial: ActionFields;
  owners: { value: string; text: string }[];
  errors: FormErrors;
  submitText: string;
  pending: boolean;
  onSubmit: (fields: ActionFields) => void;
}) {
  const [fields, setFields] = useState(props.initial);
  const { errors } = props;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const invalid = checkAction(fields);
    if (invalid.length > 0) {
      errors.show(invalid);

      return;
    }
    props.onSubmit(fields);
  }

  return (
    <>
      {errors.hasErrors && <ErrorSummary errorList={errors.summary} />}
      <form noValidate onSubmit={submit}>
        <TextInput
          id={fieldId('title')}
          name="title"
          label={{ text: 'Action', classes: 'govuk-label--s' }}
          hint={{ text: 'What will be done, in a sentence' }}
          autocomplete="off"
          value={fields.title}
          errorMessage={errors.messageFor('title')}
          onChange={(event) => setFields({ ...fields, title: event.target.value })}
        />
        <Textarea
          id={fieldId('description')}
          name="description"
          label={{ text: 'Details (optional)', classes: 'govuk-label--s' }}
          value={fields.description}
          errorMessage={errors.messageFor('description')}
          onChange={(event) => setFields({ ...fields, description: event.target.value })}
        />
        <Select
          id={fieldId('owner_id')}
          name="owner_id"
          label={{ text: 'Owner', classes: 'govuk-label--s' }}
          value={fields.owner_id}
          errorMessage={errors.messageFor('owner_id')}
          items={[{ value: '', text: 'Choose a person' }, ...props.owners]}
          onChange={(event) => setFields({ ...fields, owner_id: event.target.value })}
        />
        <DateInput
          id={`${fieldId('due_on')}-date`}
          items={[
            // The day box takes the field's id, so the error summary links to it.
            { name: 'day', id: fieldId('due_on'), classes: 'govuk-input--width-2' },
            { name: 'month', classes: 'govuk-input--width-2' },
            { name: 'year', classes: 'govuk-input--width-4' },
          ]}
          fieldset={{ legend: { text: 'Due date', classes: 'govuk-fieldset__legend--s' } }}
          hint={{ text: 'For example, 1 12 2026' }}
          values={fields.due}
          errorMessage={errors.messageFor('due_on')}
          onChange={(part, value) =>
            setFields({ ...fields, due: { ...fields.due, [part]: value } })
          }
        />
        <Radios
          idPrefix={fieldId('status')}
          name="status"
          fieldset={{ legend: { text: 'Status', classes: 'govuk-fieldset__legend--s' } }}
          errorMessage={errors.messageFor('status')}
          value={fields.status}
          items={Object.entries(statuses).map(([value, text]) => ({ value, text }))}
          onChange={(event) => setFields({ ...fields, status: event.target.value as ActionStatus })}
        />
        <Radios
          idPrefix={fieldId('rag')}
          name="rag"
          fieldset={{ legend: { text: 'RAG rating', classes: 'govuk-fieldset__legend--s' } }}
          errorMessage={errors.messageFor('rag')}
          value={fields.rag}
          items={Object.entries(rags).map(([value, text]) => ({ value, text }))}
          onChange={(event) => setFields({ ...fields, rag: event.target.value as Rag })}
        />
        <Textarea
          id={fieldId('impact')}
          name="impact"
          label={{ text: 'Evidence of impact (optional)', classes: 'govuk-label--s' }}
          hint={{ text: 'What changed for children and families because of this action' }}
          value={fields.impact}
          errorMessage={errors.messageFor('impact')}
          onChange={(event) => setFields({ ...fields, impact: event.target.value })}
        />
        <Button text={props.submitText} disabled={props.pending} />
      </form>
    </>
  );
}

export function fieldsOf(action: Action): ActionFields {
  return {
    title: action.title,
    description: action.description,
    owner_id: action.owner_id,
    due: partsOf(action.due_on),
    status: action.status,
    rag: action.rag,
    impact: action.impact,
  };
}

/** The fields as a request body. */
export function bodyOf(fields: ActionFields) {
  return {
    title: fields.title.trim(),
    description: fields.description.trim(),
    owner_id: fields.owner_id,
    due_on: dueDate(fields.due) ?? '',
    status: fields.status,
    rag: fields.rag,
    impact: fields.impact.trim(),
  };
}
