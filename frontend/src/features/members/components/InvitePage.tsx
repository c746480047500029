import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router-dom';
import { BackLink, Button, ErrorSummary, TextInput } from '../../../components/govuk';
import { fieldId, useFormErrors } from '../../../lib/forms';
import { paths } from '../../../lib/paths';
import { ApiError, networkProblem, type FieldProblem } from '../../../lib/problem';
import { usePageTitle } from '../../../lib/title';
import { useInvite } from '../api/members';
import { RoleCheckboxes } from './RoleCheckboxes';
import { useArea } from '../../../lib/area';

/** Invites one person into the area by email. */
export function InvitePage() {
  const { tenant, areaName } = useArea();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [roles, setRoles] = useState<string[]>([]);
  const errors = useFormErrors();
  const invite = useInvite(tenant);
  const navigate = useNavigate();
  usePageTitle(`Invite someone – ${areaName}`, { error: errors.hasErrors });

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const invalid: FieldProblem[] = [];
    if (name.trim() === '') invalid.push({ field: 'name', message: 'Enter their full name' });
    if (!/^[^\s@]+@[^\s@]+$/.test(email.trim())) {
      invalid.push({
        field: 'email',
        message: 'Enter an email address in the correct format, like name@example.org',
      });
    }
    if (roles.length === 0) invalid.push({ field: 'roles', message: 'Select at least one role' });
    if (invalid.length > 0) {
      errors.show(invalid);

      return;
    }

    try {
      await invite.mutateAsync({ name: name.trim(), email: email.trim(), roles });
      navigate(paths.members(tenant), {
        state: { flash: `${name.trim()} has been invited. We have emailed them a link to join.` },
      });
    } catch (error) {
      errors.showProblem(error instanceof ApiError ? error.problem : networkProblem, 'email');
    }
  }

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <BackLink href={paths.members(tenant)} text="Back to members" />
        {errors.hasErrors && <ErrorSummary errorList={errors.summary} />}
        <span className="govuk-caption-l">{areaName}</span>
        <h1 className="govuk-heading-l">Invite someone</h1>
        <p className="govuk-body">
          We will email them a link to join. The members page shows when the link expires.
        </p>
        <form noValidate onSubmit={submit}>
          <TextInput
            id={fieldId('name')}
            name="name"
            label={{ text: 'Full name', classes: 'govuk-label--s' }}
            autocomplete="off"
            spellcheck={false}
            value={name}
            errorMessage={errors.messageFor('name')}
            onChange={(event) => setName(event.target.value)}
          />
          <TextInput
            id={fieldId('email')}
            name="email"
            type="email"
            label={{ text: 'Email address', classes: 'govuk-label--s' }}
            autocomplete="off"
            spellcheck={false}
            autocapitalize="none"
            value={email}
            errorMessage={errors.messageFor('email')}
            onChange={(event) => setEmail(event.target.value)}
          />
          <RoleCheckboxes
            legend="Roles"
            values={roles}
            errorMessage={errors.messageFor('roles')}
            onChange={setRoles}
          />
          <Button text="Send invitation" disabled={invite.isPending} />
        </form>
      </div>
    </div>
  );
}
