import { useState, type FormEvent } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { BackLink, Button, ErrorSummary, SummaryList } from '../../../components/govuk';
import { useFormErrors } from '../../../lib/forms';
import { paths } from '../../../lib/paths';
import { ApiError, networkProblem } from '../../../lib/problem';
import { usePageTitle } from '../../../lib/title';
import { useChangeRoles, useMember } from '../api/members';
import { RoleCheckboxes } from './RoleCheckboxes';
import { useArea } from '../../../lib/area';

/** Changes the roles of one member. */
export function ChangeRolesPage() {
  const { tenant, areaName } = useArea();
  const { personId = '' } = useParams();
  const member = useMember(tenant, personId);
  const change = useChangeRoles(tenant, personId);
  const [roles, setRoles] = useState<string[]>();
  const errors = useFormErrors();
  const navigate = useNavigate();
  usePageTitle(`Change roles – ${areaName}`, { error: errors.hasErrors });

  if (member.error) throw member.error;
  if (!member.data) {
    return (
      <p className="govuk-body" role="status">
        Loading…
      </p>
    );
  }

  const current = member.data;
  const chosen = roles ?? current.roles;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (chosen.length === 0) {
      errors.show([{ field: 'roles', message: 'Select at least one role' }]);

      return;
    }
    try {
      await change.mutateAsync({ roles: chosen, version: current.version });
      navigate(paths.members(tenant), {
        state: { flash: `The roles of ${current.name} have been changed.` },
      });
    } catch (error) {
      const problem = error instanceof ApiError ? error.problem : networkProblem;
      if (problem.status === 412) {
        // Someone else changed them first: show theirs and ask again.
        await member.refetch();
        setRoles(undefined);
        errors.show([
          {
            field: 'roles',
            message:
              'Someone else changed these roles while you were editing: check them and save again',
          },
        ]);

        return;
      }
      errors.showProblem(problem, 'roles');
    }
  }

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <BackLink href={paths.members(tenant)} text="Back to members" />
        {errors.hasErrors && <ErrorSummary errorList={errors.summary} />}
        <span className="govuk-caption-l">{areaName}</span>
        <h1 className="govuk-heading-l">Change the roles of {current.name}</h1>
        <SummaryList
          rows={[
            { key: { text: 'Email' }, value: { text: current.email } },
            {
              key: { text: 'Joined' },
              value: { text: new Date(current.joined_at).toLocaleDateString('en-GB') },
            },
          ]}
        />
        <form noValidate onSubmit={submit}>
          <RoleCheckboxes
            legend="Roles"
            values={chosen}
            errorMessage={errors.messageFor('roles')}
            onChange={setRoles}
          />
          <Button text="Save roles" disabled={change.isPending} />
        </form>
      </div>
    </div>
  );
}
