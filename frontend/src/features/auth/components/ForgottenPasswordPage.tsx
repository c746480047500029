import { useState, type FormEvent } from 'react';
import { BackLink, Button, ErrorSummary, Panel, TextInput } from '../../../components/govuk';
import { fieldId, useFormErrors } from '../../../lib/forms';
import { paths } from '../../../lib/paths';
import { ApiError, networkProblem } from '../../../lib/problem';
import { usePageTitle } from '../../../lib/title';
import { useRequestPasswordReset } from '../api/passwordResets';

/** Asks for a reset link; says the same whether or not the address has an account. */
export function ForgottenPasswordPage() {
  const [email, setEmail] = useState('');
  const errors = useFormErrors();
  const request = useRequestPasswordReset();
  usePageTitle(request.isSuccess ? 'Check your email' : 'Reset your password', {
    error: errors.hasErrors,
  });

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!/^[^\s@]+@[^\s@]+$/.test(email.trim())) {
      errors.show([
        {
          field: 'email',
          message: 'Enter an email address in the correct format, like name@example.org',
        },
      ]);

      return;
    }
    try {
      await request.mutateAsync(email.trim());
      errors.clear();
    } catch (error) {
      errors.showProblem(error instanceof ApiError ? error.problem : networkProblem, 'email');
    }
  }

  if (request.isSuccess) {
    return (
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <Panel titleText="Check your email" />
          <p className="govuk-body">
            If <span className="app-break-words">{email.trim()}</span> has a sendqa account, we have
            sent it a link to reset the password. The link works once, for a short time.
          </p>
          <p className="govuk-body">
            If nothing arrives within a few minutes, check your spam folder.
          </p>
        </div>
      </div>
    );
  }

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <BackLink href={paths.signIn} />
        {errors.hasErrors && <ErrorSummary errorList={errors.summary} />}
        <h1 className="govuk-heading-l">Reset your password</h1>
        <p className="govuk-body">We will email you a link to choose a new password.</p>
        <form noValidate onSubmit={submit}>
          <TextInput
            id={fieldId('email')}
            name="email"
            type="email"
            label={{ text: 'Email address', classes: 'govuk-label--s' }}
            autocomplete="email"
            spellcheck={false}
            autocapitalize="none"
            value={email}
            errorMessage={errors.messageFor('email')}
            onChange={(event) => setEmail(event.target.value)}
          />
          <Button text="Send reset link" disabled={request.isPending} />
        </form>
      </div>
    </div>
  );
}
