import { useState, type FormEvent } from 'react';
import { Button, ErrorSummary, Table, TextInput } from '../../../components/govuk';
import { ScrollRegion } from '../../../components/ScrollRegion';
import { useArea } from '../../../lib/area';
import { fieldId, useFormErrors } from '../../../lib/forms';
import { ApiError, networkProblem } from '../../../lib/problem';
import { usePageTitle } from '../../../lib/title';
import { useCreateYoungPerson, useResetCode, useYoungPeople } from '../api/visits';
import { visitPaths } from '../paths';

function when(at: string | undefined) {
  return at
    ? new Date(at).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric' })
    : 'Not yet';
}

/**
 * The participation officer's list of young people: add one by first
 * name, which gives them a code to sign in with, and give a new code to
 * one who has lost theirs or forgotten their secret words.
 */
export function YoungPeoplePage() {
  const { tenant, areaName } = useArea();
  const people = useYoungPeople(tenant);
  const create = useCreateYoungPerson(tenant);
  const reset = useResetCode(tenant);
  const [firstName, setFirstName] = useState('');
  const [issued, setIssued] = useState<{ name: string; code: string }>();
  const errors = useFormErrors();
  usePageTitle('Young people', { error: errors.hasErrors });

  async function add(event: FormEvent) {
    event.preventDefault();
    if (firstName.trim() === '') {
      errors.show([{ field: 'first_name', message: 'Enter the young person’s first name' }]);

      return;
    }
    try {
      const created = await create.mutateAsync(firstName.trim());
      errors.clear();
      setFirstName('');
      setIssued({ name: created.first_name, code: created.code ?? '' });
    } catch (error) {
      errors.showProblem(error instanceof ApiError ? error.problem : networkProblem, 'first_name');
    }
  }

  async function newCode(id: string, name: string) {
    const got = await reset.mutateAsync(id);
    setIssued({ name, code: got.code ?? '' });
  }

  const signInLink = `${window.location.origin}${visitPaths.codeSignIn}?area=${encodeURIComponent(tenant)}`;

  return (
    <>
      {errors.hasErrors && <ErrorSummary errorList={errors.summary} />}
      <span className="govuk-caption-l">{areaName}</span>
      <h1 className="govuk-heading-l">Young people</h1>
      {issued && (
        <div className="govuk-panel govuk-panel--confirmation" role="status">
          <h2 className="govuk-panel__title govuk-!-font-size-36">Code for {issued.name}</h2>
          <div className="govuk-panel__body">
            <span className="app-secret" data-testid="young-person-code">
              {issued.code}
            </span>
          </div>
        </div>
      )}
      {issued && (
        <p className="govuk-body">
          Give {issued.name} this code in person: it is shown only now. They sign in at{' '}
          <span className="app-break-words">{signInLink}</span> and choose their secret words the
          first time.
        </p>
      )}
      <p className="govuk-body">
        Young people sign in with a code and secret words of their own, without an email address.
        sendqa keeps only their first name.
      </p>
      <form noValidate onSubmit={add}>
        <TextInput
          id={fieldId('first_name')}
          name="first_name"
          label={{ text: 'First name', classes: 'govuk-label--m' }}
          hint={{ text: 'Their first name only, nothing else.' }}
          classes="govuk-input--width-20"
          autocomplete="off"
          value={firstName}
          errorMessage={errors.messageFor('first_name')}
          onChange={(event) => setFirstName(event.target.value)}
        />
        <Button text="Add young person" disabled={create.isPending} />
      </form>
      <h2 className="govuk-heading-m">Everyone</h2>
      {people.data && people.data.items.length === 0 && (
        <p className="govuk-body">No young people yet.</p>
      )}
      {people.data && people.data.items.length > 0 && (
        <ScrollRegion label="Young people">
          <Table
            head={[
              { text: 'First name' },
              { text: 'Code given' },
              { text: 'Signed in' },
              { text: 'Action' },
            ]}
            rows={people.data.items.map((y) => [
              { text: y.first_name },
              { text: when(y.code_issued_at) },
              { text: y.has_passphrase ? when(y.last_sign_in_at) : 'Not yet' },
              {
                html: (
                  <button
                    type="button"
                    className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0"
                    onClick={() => void newCode(y.id, y.first_name)}
                  >
                    Give {y.first_name} a new code
                  </button>
                ),
              },
            ])}
          />
        </ScrollRegion>
      )}
    </>
  );
}
