import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { BackLink, Button, ErrorSummary } from '../../../components/govuk';
import { useFormErrors } from '../../../lib/forms';
import { paths } from '../../../lib/paths';
import { ApiError, networkProblem } from '../../../lib/problem';
import { usePageTitle } from '../../../lib/title';
import { useMember, useRemoveMember } from '../api/members';
import { useArea } from '../../../lib/area';

/** Asks before removing someone from the area, then removes them. */
export function RemoveMemberPage() {
  const { tenant, areaName } = useArea();
  const { personId = '' } = useParams();
  const member = useMember(tenant, personId);
  const remove = useRemoveMember(tenant, personId);
  const errors = useFormErrors();
  const navigate = useNavigate();
  const [removing, setRemoving] = useState(false);
  usePageTitle(`Remove a member – ${areaName}`, { error: errors.hasErrors });

  // Once removed, the member is gone: do not show the 404 that follows.
  if (member.error && !removing) throw member.error;
  if (!member.data) {
    return (
      <p className="govuk-body" role="status">
        Loading…
      </p>
    );
  }

  const current = member.data;

  async function confirm() {
    setRemoving(true);
    try {
      await remove.mutateAsync(current.version);
      navigate(paths.members(tenant), {
        state: { flash: `${current.name} has been removed from ${areaName}.` },
      });
    } catch (error) {
      setRemoving(false);
      errors.showProblem(error instanceof ApiError ? error.problem : networkProblem);
    }
  }

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <BackLink href={paths.members(tenant)} text="Back to members" />
        {errors.hasErrors && <ErrorSummary errorList={errors.summary} />}
        <span className="govuk-caption-l">{areaName}</span>
        <h1 className="govuk-heading-l">Are you sure you want to remove {current.name}?</h1>
        <p className="govuk-body">
          They will no longer be able to sign in to {areaName}. What they have already done stays in
          the audit trail. You can invite them again later.
        </p>
        <div className="govuk-button-group">
          <Button
            type="button"
            text="Yes, remove"
            classes="govuk-button--warning"
            disabled={remove.isPending}
            onClick={() => void confirm()}
          />
          <Link className="govuk-link" to={paths.members(tenant)}>
            No, keep them
          </Link>
        </div>
      </div>
    </div>
  );
}
