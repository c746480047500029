import { useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import {
  BackLink,
  Button,
  DateInput,
  ErrorSummary,
  Panel,
  TextInput,
} from '../../../components/govuk';
import { fieldId, useFormErrors } from '../../../lib/forms';
import { paths } from '../../../lib/paths';
import { ApiError, networkProblem, type FieldProblem } from '../../../lib/problem';
import { usePageTitle } from '../../../lib/title';
import { useCreateToken } from '../api/account';

type DateParts = { day?: string; month?: string; year?: string };

/** The date in the three boxes as YYYY-MM-DD, or null when it is not a real date. */
export function isoDate(parts: DateParts): string | null {
  const [day, month, year] = [parts.day, parts.month, parts.year].map((part) =>
    Number((part ?? '').trim()),
  );
  if (!Number.isInteger(day) || !Number.isInteger(month) || !Number.isInteger(year)) return null;
  const date = new Date(Date.UTC(year!, month! - 1, day!));
  if (year! < 1000 || date.getUTCDate() !== day || date.getUTCMonth() !== month! - 1) return null;

  return date.toISOString().slice(0, 10);
}

/** Creates a personal access token and shows its secret, once. */
export function NewTokenPage() {
  const [name, setName] = useState('');
  const [expiry, setExpiry] = useState<DateParts>({});
  const errors = useFormErrors();
  const create = useCreateToken();
  const [copied, setCopied] = useState(false);
  const secret = create.data?.token;
  usePageTitle(secret ? 'Your new token' : 'Create a token', { error: errors.hasErrors });

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const invalid: FieldProblem[] = [];
    if (name.trim() === '') invalid.push({ field: 'name', message: 'Enter a name for the token' });
    const expiresOn = isoDate(expiry);
    if (!expiresOn) {
      invalid.push({ field: 'expires_on', message: 'Enter the expiry date as a real date' });
    } else if (expiresOn <= new Date().toISOString().slice(0, 10)) {
      invalid.push({ field: 'expires_on', message: 'The expiry date must be in the future' });
    }
    if (invalid.length > 0 || !expiresOn) {
      errors.show(invalid);

      return;
    }
    try {
      await create.mutateAsync({ name: name.trim(), expires_on: expiresOn });
      errors.clear();
    } catch (error) {
      errors.showProblem(error instanceof ApiError ? error.problem : networkProblem, 'name');
    }
  }

  if (create.data && secret) {
    return (
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <Panel titleText="Token created" text={create.data.name} />
          <h2 className="govuk-heading-m">Copy your token now</h2>
          <p className="govuk-body">
            This is the only time sendqa shows it. Store it somewhere safe, such as a password
            manager. If you lose it, revoke it and create another.
          </p>
          <p className="govuk-body">
            <code className="app-secret" data-testid="token-secret">
              {secret}
            </code>
          </p>
          <Button
            type="button"
            text={copied ? 'Copied' : 'Copy token'}
            classes="govuk-button--secondary"
            onClick={() => {
              void navigator.clipboard?.writeText(secret).then(() => setCopied(true));
            }}
          />
          <p className="govuk-body">
            <Link className="govuk-link" to={paths.account}>
              Back to your account
            </Link>
          </p>
        </div>
      </div>
    );
  }

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <BackLink href={paths.account} text="Back to your account" />
        {errors.hasErrors && <ErrorSummary errorList={errors.summary} />}
        <h1 className="govuk-heading-l">Create a token</h1>
        <form noValidate onSubmit={submit}>
          <TextInput
            id={fieldId('name')}
            name="name"
            label={{ text: 'Name', classes: 'govuk-label--s' }}
            hint={{ text: 'Say what uses it, for example “Nightly export to the data warehouse”' }}
            autocomplete="off"
            value={name}
            errorMessage={errors.messageFor('name')}
            onChange={(event) => setName(event.target.value)}
          />
          <DateInput
            id={`${fieldId('expires_on')}-date`}
            items={[
              // The day box takes the field's id, so the error summary links to it.
              { name: 'day', id: fieldId('expires_on'), classes: 'govuk-input--width-2' },
              { name: 'month', classes: 'govuk-input--width-2' },
              { name: 'year', classes: 'govuk-input--width-4' },
            ]}
            fieldset={{ legend: { text: 'Expiry date', classes: 'govuk-fieldset__legend--s' } }}
            hint={{ text: 'The token stops working after this day, at most a year from today' }}
            values={expiry}
            errorMessage={errors.messageFor('expires_on')}
            onChange={(part, value) => setExpiry({ ...expiry, [part]: value })}
          />
          <Button text="Create token" disabled={create.isPending} />
        </form>
      </div>
    </div>
  );
}
