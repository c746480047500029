import { useState, type FormEvent } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { Button, ErrorSummary, PasswordInput, TextInput } from '../../../components/govuk';
import { fieldId, useFormErrors } from '../../../lib/forms';
import { ApiError, networkProblem } from '../../../lib/problem';
import { usePageTitle } from '../../../lib/title';
import { useCodeLogin } from '../api/visits';
import { visitPaths } from '../paths';

interface Fields {
  tenant: string;
  code: string;
  passphrase: string;
}

function validate(fields: Fields) {
  const errors = [];
  if (fields.tenant.trim() === '') {
    errors.push({ field: 'tenant', message: 'Write the name of your area, like wolverhampton' });
  }
  if (fields.code.replace(/[\s-]/g, '').length !== 8) {
    errors.push({ field: 'code', message: 'Write the 8 letters and numbers of your code' });
  }
  if (fields.passphrase.trim() === '') {
    errors.push({ field: 'passphrase', message: 'Write your secret words' });
  }

  return errors;
}

/**
 * Young people sign in here with the code their participation officer
 * gave them and secret words they choose the first time. No e-mail.
 */
export function CodeSignInPage() {
  const [params] = useSearchParams();
  const [fields, setFields] = useState<Fields>({
    tenant: params.get('area') ?? '',
    code: '',
    passphrase: '',
  });
  const errors = useFormErrors();
  const login = useCodeLogin();
  const navigate = useNavigate();
  usePageTitle('Sign in with your code', { error: errors.hasErrors });

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const invalid = validate(fields);
    if (invalid.length > 0) {
      errors.show(invalid);

      return;
    }
    try {
      const session = await login.mutateAsync({
        tenant: fields.tenant.trim().toLowerCase(),
        code: fields.code,
        passphrase: fields.passphrase,
      });
      errors.clear();
      const area = session.memberships[0]?.tenant;
      navigate(area ? visitPaths.mine(area) : '/', { replace: true });
    } catch (error) {
      const problem = error instanceof ApiError ? error.problem : networkProblem;
      if (problem.status === 401) {
        errors.show([
          {
            field: 'code',
            message:
              'That code and those words did not work. Check them and try again, or ask your participation officer for a new code',
          },
        ]);

        return;
      }
      errors.showProblem(problem, 'code');
    }
  }

  return (
    <div className="govuk-grid-row app-visit-step">
      <div className="govuk-grid-column-two-thirds">
        {errors.hasErrors && <ErrorSummary errorList={errors.summary} />}
        <h1 className="govuk-heading-l">Sign in with your code</h1>
        <p className="govuk-body">
          Your participation officer gave you a code. The first time, choose some secret words to
          use with it. Two or three words you will remember work well, like “green bus stop”.
        </p>
        <form noValidate onSubmit={submit}>
          <TextInput
            id={fieldId('tenant')}
            name="tenant"
            label={{ text: 'Your area', classes: 'govuk-label--s' }}
            hint={{ text: 'For example, wolverhampton' }}
            autocomplete="off"
            spellcheck={false}
            autocapitalize="none"
            value={fields.tenant}
            errorMessage={errors.messageFor('tenant')}
            onChange={(event) => setFields({ ...fields, tenant: event.target.value })}
          />
          <TextInput
            id={fieldId('code')}
            name="code"
            label={{ text: 'Your code', classes: 'govuk-label--s' }}
            hint={{ text: '8 letters and numbers, like K7PM-X4QA' }}
            classes="govuk-input--width-10"
            autocomplete="off"
            spellcheck={false}
            autocapitalize="characters"
            value={fields.code}
            errorMessage={errors.messageFor('code')}
            onChange={(event) => setFields({ ...fields, code: event.target.value })}
          />
          <PasswordInput
            id={fieldId('passphrase')}
            name="passphrase"
            label={{ text: 'Your secret words', classes: 'govuk-label--s' }}
            hint={{ text: 'At least 8 letters. The first time, these become your secret words.' }}
            autocomplete="current-password"
            value={fields.passphrase}
            errorMessage={errors.messageFor('passphrase')}
            onChange={(event) => setFields({ ...fields, passphrase: event.target.value })}
          />
          <Button text="Sign in" disabled={login.isPending} />
        </form>
        <p className="govuk-body">
          Forgotten your words or lost your code? Ask your participation officer for a new code.
        </p>
      </div>
    </div>
  );
}
