import { Link, useNavigate, useParams } from 'react-router-dom';
import { BackLink, Button, ErrorSummary } from '../../../components/govuk';
import { useFormErrors } from '../../../lib/forms';
import { paths } from '../../../lib/paths';
import { ApiError, networkProblem } from '../../../lib/problem';
import { usePageTitle } from '../../../lib/title';
import { useInvitations, useRevokeInvitation } from '../api/members';
import { useArea } from '../../../lib/area';

/** Asks before revoking an invitation, so its link stops working. */
export function RevokeInvitationPage() {
  const { tenant, areaName } = useArea();
  const { invitationId = '' } = useParams();
  const invitations = useInvitations(tenant);
  const revoke = useRevokeInvitation(tenant);
  const errors = useFormErrors();
  const navigate = useNavigate();
  usePageTitle(`Revoke an invitation – ${areaName}`, { error: errors.hasErrors });

  if (invitations.error) throw invitations.error;
  if (!invitations.data) {
    return (
      <p className="govuk-body" role="status">
        Loading…
      </p>
    );
  }

  const invitation = invitations.data.items.find((item) => item.id === invitationId);
  if (!invitation) throw new ApiError({ type: 'about:blank', title: 'Not Found', status: 404 });

  async function confirm() {
    try {
      await revoke.mutateAsync(invitationId);
      navigate(paths.members(tenant), {
        state: { flash: `The invitation of ${invitation!.name} has been revoked.` },
      });
    } catch (error) {
      errors.showProblem(error instanceof ApiError ? error.problem : networkProblem);
    }
  }

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <BackLink href={paths.members(tenant)} text="Back to members" />
        {errors.hasErrors && <ErrorSummary errorList={errors.summary} />}
        <span className="govuk-caption-l">{areaName}</span>
        <h1 className="govuk-heading-l">
          Are you sure you want to revoke the invitation of {invitation.name}?
        </h1>
        <p className="govuk-body">
          The link we emailed to <span className="app-break-words">{invitation.email}</span> will
          stop working.
        </p>
        <div className="govuk-button-group">
          <Button
            type="button"
            text="Yes, revoke"
            classes="govuk-button--warning"
            disabled={revoke.isPending}
            onClick={() => void confirm()}
          />
          <Link className="govuk-link" to={paths.members(tenant)}>
            No, keep it
          </Link>
        </div>
      </div>
    </div>
  );
}
