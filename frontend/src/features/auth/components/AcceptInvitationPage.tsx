import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { Button, ErrorSummary, PasswordInput, TextInput } from '../../../components/govuk';
import { fieldId, useFormErrors } from '../../../lib/forms';
import { paths } from '../../../lib/paths';
import { ApiError, networkProblem } from '../../../lib/problem';
import { roleLabel } from '../../../lib/roles';
import { usePageTitle } from '../../../lib/title';
import { useAcceptInvitation, useInvitation } from '../api/invitations';

/**
 * Where an invitation link lands: someone new chooses a password, someone
 * with an account confirms it is them with their current one.
 */
export function AcceptInvitationPage() {
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const invitation = useInvitation(token);
  const accept = useAcceptInvitation();
  const navigate = useNavigate();
  const errors = useFormErrors();
  const [name, setName] = useState<string>();
  const [password, setPassword] = useState('');
  const welcome = invitation.data;
  usePageTitle(welcome ? `Join ${welcome.tenant_name}` : 'Accept an invitation', {
    error: errors.hasErrors,
  });

  if (token === '' || invitation.error) return <LinkProblem />;
  if (!welcome) {
    return (
      <p className="govuk-body" role="status">
        Checking your invitation…
      </p>
    );
  }

  const shownName = name ?? welcome.name;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const invalid = [];
    if (!welcome!.has_password && shownName.trim() === '') {
      invalid.push({ field: 'name', message: 'Enter your full name' });
    }
    if (password === '') {
      invalid.push({
        field: 'password',
        message: welcome!.has_password ? 'Enter your password' : 'Enter a password',
      });
    }
    if (invalid.length > 0) {
      errors.show(invalid);

      return;
    }

    try {
      await accept.mutateAsync({
        token,
        password,
        ...(welcome!.has_password ? {} : { name: shownName.trim() }),
      });
      navigate(paths.area(welcome!.tenant), { replace: true });
    } catch (error) {
      errors.showProblem(error instanceof ApiError ? error.problem : networkProblem, 'password');
    }
  }

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        {errors.hasErrors && <ErrorSummary errorList={errors.summary} />}
        <span className="govuk-caption-l">{welcome.tenant_name}</span>
        <h1 className="govuk-heading-l">Join {welcome.tenant_name} on sendqa</h1>
        <p className="govuk-body">
          You have been invited as <span className="app-break-words">{welcome.email}</span> with{' '}
          {welcome.roles.length === 1 ? 'the role' : 'the roles'}:{' '}
          {welcome.roles.map(roleLabel).join(', ')}.
        </p>
        <form noValidate onSubmit={submit}>
          {!welcome.has_password && (
            <TextInput
              id={fieldId('name')}
              name="name"
              label={{ text: 'Full name', classes: 'govuk-label--s' }}
              autocomplete="name"
              spellcheck={false}
              value={shownName}
              errorMessage={errors.messageFor('name')}
              onChange={(event) => setName(event.target.value)}
            />
          )}
          <PasswordInput
            id={fieldId('password')}
            name="password"
            label={{
              text: welcome.has_password ? 'Your sendqa password' : 'Create a password',
              classes: 'govuk-label--s',
            }}
            hint={
              welcome.has_password
                ? { text: 'You already have a sendqa account. Enter its password to join.' }
                : { text: 'Use at least 8 characters. A few unrelated words make a strong one.' }
            }
            autocomplete={welcome.has_password ? 'current-password' : 'new-password'}
            value={password}
            errorMessage={errors.messageFor('password')}
            onChange={(event) => setPassword(event.target.value)}
          />
          <Button text="Accept invitation" disabled={accept.isPending} />
        </form>
      </div>
    </div>
  );
}

function LinkProblem() {
  usePageTitle('This invitation link does not work');

  return (
    <>
      <h1 className="govuk-heading-l">This invitation link does not work</h1>
      <p className="govuk-body">
        The link may have expired, been used already or been copied incompletely.
      </p>
      <p className="govuk-body">
        Ask the administrator who invited you to send a new invitation, or{' '}
        <Link className="govuk-link" to={paths.signIn}>
          sign in
        </Link>{' '}
        if you already joined.
      </p>
    </>
  );
}
