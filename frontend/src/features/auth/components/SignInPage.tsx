import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import {
  Button,
  ErrorSummary,
  NotificationBanner,
  PasswordInput,
  TextInput,
} from '../../../components/govuk';
import { fieldId, useFormErrors } from '../../../lib/forms';
import { ApiError, networkProblem } from '../../../lib/problem';
import { safeNextPath } from '../../../lib/session';
import { paths } from '../../../lib/paths';
import { usePageTitle } from '../../../lib/title';
import { useLogin } from '../api/login';

interface Fields {
  email: string;
  password: string;
}

/** Checks in the browser that save a round trip; the API checks again. */
function validate(fields: Fields) {
  const errors = [];
  if (fields.email.trim() === '') {
    errors.push({ field: 'email', message: 'Enter your email address' });
  } else if (!/^[^\s@]+@[^\s@]+$/.test(fields.email.trim())) {
    errors.push({
      field: 'email',
      message: 'Enter an email address in the correct format, like name@example.org',
    });
  }
  if (fields.password === '') {
    errors.push({ field: 'password', message: 'Enter your password' });
  }

  return errors;
}

export function SignInPage() {
  const [fields, setFields] = useState<Fields>({ email: '', password: '' });
  const errors = useFormErrors();
  const login = useLogin();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const timedOut = params.get('reason') === 'timeout';
  usePageTitle('Sign in', { error: errors.hasErrors });

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const invalid = validate(fields);
    if (invalid.length > 0) {
      errors.show(invalid);

      return;
    }

    try {
      const session = await login.mutateAsync({
        email: fields.email.trim(),
        password: fields.password,
      });
      errors.clear();
      navigate(nextPage(params.get('next'), session.memberships), { replace: true });
    } catch (error) {
      const problem = error instanceof ApiError ? error.problem : networkProblem;
      if (problem.status === 401) {
        // Which of the two was wrong is not said, so that nobody can find
        // out who has an account.
        errors.show([
          {
            field: 'email',
            message: 'Enter the email address and password of your sendqa account',
          },
        ]);

        return;
      }
      errors.showProblem(problem, 'email');
    }
  }

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        {errors.hasErrors && <ErrorSummary errorList={errors.summary} />}
        {timedOut && !errors.hasErrors && (
          <NotificationBanner
            titleText="Important"
            text="You were signed out because you had not done anything for a while. Sign in to carry on."
          />
        )}
        <h1 className="govuk-heading-l">Sign in to sendqa</h1>
        <p className="govuk-body">
          Use the email address your local area gave sendqa. If you do not have an account, ask the
          sendqa administrator in your council or NHS team.
        </p>
        <form noValidate onSubmit={submit}>
          <TextInput
            id={fieldId('email')}
            name="email"
            type="email"
            label={{ text: 'Email address', classes: 'govuk-label--s' }}
            autocomplete="username"
            spellcheck={false}
            autocapitalize="none"
            value={fields.email}
            errorMessage={errors.messageFor('email')}
            onChange={(event) => setFields({ ...fields, email: event.target.value })}
          />
          <PasswordInput
            id={fieldId('password')}
            name="password"
            label={{ text: 'Password', classes: 'govuk-label--s' }}
            value={fields.password}
            errorMessage={errors.messageFor('password')}
            onChange={(event) => setFields({ ...fields, password: event.target.value })}
          />
          <Button text="Sign in" disabled={login.isPending} />
        </form>
        <p className="govuk-body">
          <Link className="govuk-link" to={paths.forgottenPassword}>
            I have forgotten my password
          </Link>
        </p>
      </div>
    </div>
  );
}

/** The page to open after signing in. */
function nextPage(next: string | null, memberships: Array<{ tenant: string }>) {
  const safe = safeNextPath(next);
  if (safe) return safe;
  if (memberships.length === 1) return paths.area(memberships[0]!.tenant);

  return '/';
}
