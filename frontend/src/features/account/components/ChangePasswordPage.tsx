import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router-dom';
import { BackLink, Button, ErrorSummary, PasswordInput } from '../../../components/govuk';
import { fieldId, useFormErrors } from '../../../lib/forms';
import { paths } from '../../../lib/paths';
import { ApiError, networkProblem, type FieldProblem } from '../../../lib/problem';
import { usePageTitle } from '../../../lib/title';
import { useChangePassword } from '../api/account';

export function ChangePasswordPage() {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const errors = useFormErrors();
  const change = useChangePassword();
  const navigate = useNavigate();
  usePageTitle('Change your password', { error: errors.hasErrors });

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const invalid: FieldProblem[] = [];
    if (current === '') {
      invalid.push({ field: 'current_password', message: 'Enter your current password' });
    }
    if (next === '') invalid.push({ field: 'new_password', message: 'Enter a new password' });
    if (invalid.length > 0) {
      errors.show(invalid);

      return;
    }
    try {
      await change.mutateAsync({ current_password: current, new_password: next });
      navigate(paths.account, { state: { flash: 'Your password has been changed.' } });
    } catch (error) {
      errors.showProblem(
        error instanceof ApiError ? error.problem : networkProblem,
        'current_password',
      );
    }
  }

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <BackLink href={paths.account} text="Back to your account" />
        {errors.hasErrors && <ErrorSummary errorList={errors.summary} />}
        <h1 className="govuk-heading-l">Change your password</h1>
        <form noValidate onSubmit={submit}>
          <PasswordInput
            id={fieldId('current_password')}
            name="current_password"
            label={{ text: 'Current password', classes: 'govuk-label--s' }}
            autocomplete="current-password"
            value={current}
            errorMessage={errors.messageFor('current_password')}
            onChange={(event) => setCurrent(event.target.value)}
          />
          <PasswordInput
            id={fieldId('new_password')}
            name="new_password"
            label={{ text: 'New password', classes: 'govuk-label--s' }}
            hint={{ text: 'Use at least 8 characters. A few unrelated words make a strong one.' }}
            autocomplete="new-password"
            value={next}
            errorMessage={errors.messageFor('new_password')}
            onChange={(event) => setNext(event.target.value)}
          />
          <Button text="Change password" disabled={change.isPending} />
        </form>
      </div>
    </div>
  );
}
