import { Link } from 'react-router-dom';
import { Button, NotificationBanner, Table, Tag } from '../../../components/govuk';
import { ScrollRegion } from '../../../components/ScrollRegion';
import { paths } from '../../../lib/paths';
import { roleLabel } from '../../../lib/roles';
import { usePageTitle } from '../../../lib/title';
import { useInvitations, useMembers } from '../api/members';
import { useArea, useFlash } from '../../../lib/area';

const dateFormat = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium' });

/** The people of a local area and the invitations not yet accepted. */
export function MembersPage() {
  const { tenant, areaName } = useArea();
  const flash = useFlash();
  const members = useMembers(tenant);
  const invitations = useInvitations(tenant);
  usePageTitle(`Members – ${areaName}`);

  if (members.error) throw members.error;
  if (invitations.error) throw invitations.error;

  return (
    <>
      {flash && <NotificationBanner type="success" text={flash} />}
      <span className="govuk-caption-l">{areaName}</span>
      <h1 className="govuk-heading-l">Members</h1>
      <div className="govuk-button-group">
        <Button text="Invite someone" href={paths.inviteMember(tenant)} />
        <Button
          text="Invite from a CSV file"
          href={paths.importInvitations(tenant)}
          classes="govuk-button--secondary"
        />
      </div>
      {!members.data ? (
        <p className="govuk-body" role="status">
          Loading members…
        </p>
      ) : (
        <ScrollRegion label="People with access">
          <Table
            caption="People with access"
            captionClasses="govuk-table__caption--m"
            head={[{ text: 'Name' }, { text: 'Email' }, { text: 'Roles' }, { text: 'Actions' }]}
            rows={members.data.items.map((member) => [
              { text: member.name },
              { html: <span className="app-break-words">{member.email}</span> },
              { text: member.roles.map(roleLabel).join(', ') },
              {
                html: (
                  <ul className="govuk-list">
                    <li>
                      <Link className="govuk-link" to={paths.member(tenant, member.person_id)}>
                        Change roles<span className="govuk-visually-hidden"> of {member.name}</span>
                      </Link>
                    </li>
                    <li>
                      <Link
                        className="govuk-link"
                        to={paths.removeMember(tenant, member.person_id)}
                      >
                        Remove<span className="govuk-visually-hidden"> {member.name}</span>
                      </Link>
                    </li>
                  </ul>
                ),
              },
            ])}
          />
        </ScrollRegion>
      )}
      <h2 className="govuk-heading-m">Invitations not yet accepted</h2>
      {invitations.data && invitations.data.items.length === 0 && (
        <p className="govuk-body">There are no open invitations.</p>
      )}
      {invitations.data && invitations.data.items.length > 0 && (
        <ScrollRegion label="Invitations not yet accepted">
          <Table
            caption="Invitations not yet accepted"
            captionClasses="govuk-visually-hidden"
            head={[
              { text: 'Name' },
              { text: 'Email' },
              { text: 'Roles' },
              { text: 'Expires' },
              { text: 'Action' },
            ]}
            rows={invitations.data.items.map((invitation) => [
              { text: invitation.name },
              { html: <span className="app-break-words">{invitation.email}</span> },
              { text: invitation.roles.map(roleLabel).join(', ') },
              {
                html: invitation.expired ? (
                  <Tag text="Expired" classes="govuk-tag--grey" />
                ) : (
                  dateFormat.format(new Date(invitation.expires_at))
                ),
              },
              {
                html: (
                  <Link className="govuk-link" to={paths.revokeInvitation(tenant, invitation.id)}>
                    Revoke
                    <span className="govuk-visually-hidden">
                      {' '}
                      the invitation of {invitation.name}
                    </span>
                  </Link>
                ),
              },
            ])}
          />
        </ScrollRegion>
      )}
    </>
  );
}
