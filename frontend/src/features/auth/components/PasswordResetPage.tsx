import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { Button, ErrorSummary, Panel, PasswordInput } from '../../../components/govuk';
import { fieldId, useFormErrors } from '../../../lib/forms';
import { paths } from '../../../lib/paths';
import { ApiError, networkProblem } from '../../../lib/problem';
import { usePageTitle } from '../../../lib/title';
import { useCompletePasswordReset } from '../api/passwordResets';

/** Where a reset link lands: choose a new password. */
export function PasswordResetPage() {
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const [password, setPassword] = useState('');
  const errors = useFormErrors();
  const complete = useCompletePasswordReset();
  usePageTitle(complete.isSuccess ? 'Your password has been reset' : 'Choose a new password', {
    error: errors.hasErrors,
  });

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (password === '') {
      errors.show([{ field: 'password', message: 'Enter a new password' }]);

      return;
    }
    try {
      await complete.mutateAsync({ token, password });
      errors.clear();
    } catch (error) {
      const problem = error instanceof ApiError ? error.problem : networkProblem;
      // An unknown, used or expired link is one answer, tied to the form.
      errors.showProblem(problem, 'password');
    }
  }

  if (complete.isSuccess) {
    return (
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <Panel titleText="Your password has been reset" />
          <p className="govuk-body">
            Every other session you had has been signed out.{' '}
            <Link className="govuk-link" to={paths.signIn}>
              Sign in with your new password
            </Link>
            .
          </p>
        </div>
      </div>
    );
  }

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        {errors.hasErrors && <ErrorSummary errorList={errors.summary} />}
        <h1 className="govuk-heading-l">Choose a new password</h1>
        <form noValidate onSubmit={submit}>
          <PasswordInput
            id={fieldId('password')}
            name="password"
            label={{ text: 'New password', classes: 'govuk-label--s' }}
            hint={{ text: 'Use at least 8 characters. A few unrelated words make a strong one.' }}
            autocomplete="new-password"
            value={password}
            errorMessage={errors.messageFor('password')}
            onChange={(event) => setPassword(event.target.value)}
          />
          <Button text="Reset password" disabled={complete.isPending} />
        </form>
        <p className="govuk-body">
          Link not working?{' '}
          <Link className="govuk-link" to={paths.forgottenPassword}>
            Ask for a new one
          </Link>
          .
        </p>
      </div>
    </div>
  );
}
