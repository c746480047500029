import { useState, type FormEvent } from 'react';
import { Button, Checkboxes, ErrorSummary, Radios, TextInput } from '../../../components/govuk';
import { fieldId, type FormErrors } from '../../../lib/forms';
import type { FieldProblem } from '../../../lib/problem';
import { organisationKinds, type OrganisationKind } from '../api/organisations';

/** The fields of the form, as typed; empty strings are fields left blank. */
export interface OrganisationFields {
  kind: OrganisationKind | '';
  name: string;
  urn: string;
  phase: string;
  setting_type: string;
  sir_url: string;
  contact_email: string;
  archived: boolean;
}

export const emptyOrganisation: OrganisationFields = {
  kind: '',
  name: '',
  urn: '',
  phase: '',
  setting_type: '',
  sir_url: '',
  contact_email: '',
  archived: false,
};

type TextField = 'name' | 'urn' | 'phase' | 'setting_type' | 'sir_url' | 'contact_email';

/** Checks in the browser that save a round trip; the API checks them again. */
export function checkOrganisation(fields: OrganisationFields): FieldProblem[] {
  const invalid: FieldProblem[] = [];
  if (fields.kind === '') {
    invalid.push({ field: 'kind', message: 'Select what kind of organisation it is' });
  }
  if (fields.name.trim() === '') {
    invalid.push({ field: 'name', message: 'Enter the name of the organisation' });
  }
  if (fields.urn.trim() !== '' && !/^\d{6,7}$/.test(fields.urn.trim())) {
    invalid.push({ field: 'urn', message: 'Enter a unique reference number of 6 or 7 digits' });
  }
  if (fields.sir_url.trim() !== '' && !/^https?:\/\/\S+$/.test(fields.sir_url.trim())) {
    invalid.push({
      field: 'sir_url',
      message: 'Enter a web address starting with https://, like https://school.example.sch.uk',
    });
  }
  if (
    fields.contact_email.trim() !== '' &&
    !/^[^\s@]+@[^\s@]+$/.test(fields.contact_email.trim())
  ) {
    invalid.push({
      field: 'contact_email',
      message: 'Enter an email address in the correct format, like name@example.org',
    });
  }

  return invalid;
}

/** The text fields trimmed, for a request body. */
export function trimmed(fields: OrganisationFields) {
  return {
    name: fields.name.trim(),
    urn: fields.urn.trim(),
    phase: fields.phase.trim(),
    setting_type: fields.setting_type.trim(),
    sir_url: fields.sir_url.trim(),
    contact_email: fields.contact_email.trim(),
  };
}

/**
 * The organisation's details. The kind is chosen once, when it is added
 * (the API does not change it); `editing` offers archiving instead.
 */
export function OrganisationForm(props: {
  initial: OrganisationFields;
  editing: boolean;
  errors: FormErrors;
  submitText: string;
  pending: boolean;
  onSubmit: (fields: OrganisationFields) => void;
}) {
  const [fields, setFields] = useState(props.initial);
  const { errors } = props;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const invalid = checkOrganisation(fields);
    if (invalid.length > 0) {
      errors.show(invalid);

      return;
    }
    props.onSubmit(fields);
  }

  function text(field: TextField, label: string, extra: { hint?: string; type?: string } = {}) {
    return (
      <TextInput
        id={fieldId(field)}
        name={field}
        type={extra.type}
        label={{ text: label, classes: 'govuk-label--s' }}
        hint={extra.hint ? { text: extra.hint } : undefined}
        autocomplete="off"
        spellcheck={field === 'name' || field === 'phase' || field === 'setting_type'}
        value={fields[field]}
        errorMessage={errors.messageFor(field)}
        onChange={(event) => setFields({ ...fields, [field]: event.target.value })}
      />
    );
  }

  return (
    <>
      {errors.hasErrors && <ErrorSummary errorList={errors.summary} />}
      <form noValidate onSubmit={submit}>
        {!props.editing && (
          <Radios
            idPrefix={fieldId('kind')}
            name="kind"
            fieldset={{
              legend: {
                text: 'What kind of organisation is it?',
                classes: 'govuk-fieldset__legend--m',
              },
            }}
            errorMessage={errors.messageFor('kind')}
            value={fields.kind}
            items={Object.entries(organisationKinds).map(([value, label]) => ({
              value,
              text: label,
            }))}
            onChange={(event) =>
              setFields({ ...fields, kind: event.target.value as OrganisationKind })
            }
          />
        )}
        {text('name', 'Name')}
        {text('urn', 'Unique reference number (URN)', {
          hint: 'For schools and settings: the 6 or 7 digit number from Get Information about Schools',
        })}
        {text('phase', 'Phase', { hint: 'For example, Primary or Secondary' })}
        {text('setting_type', 'Type of setting', { hint: 'For example, Academy or Special' })}
        {text('sir_url', 'Web address of its SEND information report', { type: 'url' })}
        {text('contact_email', 'Contact email address', { type: 'email' })}
        {props.editing && (
          <Checkboxes
            idPrefix={fieldId('archived')}
            name="archived"
            fieldset={{ legend: { text: 'Archive', classes: 'govuk-fieldset__legend--s' } }}
            hint={{
              text: 'An archived organisation stays in past records but is not offered for new ones.',
            }}
            values={fields.archived ? ['archived'] : []}
            items={[{ value: 'archived', text: 'It is no longer in use' }]}
            onChange={(event) => setFields({ ...fields, archived: event.target.checked })}
          />
        )}
        <Button text={props.submitText} disabled={props.pending} />
      </form>
    </>
  );
}
