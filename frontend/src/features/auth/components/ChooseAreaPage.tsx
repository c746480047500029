import { useState, type FormEvent } from 'react';
import { Navigate, useNavigate } from 'react-router-dom';
import { Button, ErrorSummary, Radios } from '../../../components/govuk';
import { useFormErrors } from '../../../lib/forms';
import { paths } from '../../../lib/paths';
import { useSession } from '../../../lib/session';
import { usePageTitle } from '../../../lib/title';

/**
 * For people in several local areas (ICB staff serve all four Black
 * Country areas): the area chosen here goes into every page's address.
 */
export function ChooseAreaPage() {
  const session = useSession().data;
  const [tenant, setTenant] = useState('');
  const errors = useFormErrors();
  const navigate = useNavigate();
  usePageTitle('Choose a local area', { error: errors.hasErrors });

  if (!session) return null;
  if (session.memberships.length === 0) {
    return <NoAreaPage platformAdmin={session.person.platform_admin} />;
  }
  if (session.memberships.length === 1) {
    return <Navigate to={paths.area(session.memberships[0]!.tenant)} replace />;
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!tenant) {
      errors.show([{ field: 'tenant', message: 'Select the local area you want to work in' }]);

      return;
    }
    navigate(paths.area(tenant));
  }

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        {errors.hasErrors && <ErrorSummary errorList={errors.summary} />}
        <form noValidate onSubmit={submit}>
          <Radios
            name="tenant"
            fieldset={{
              legend: {
                text: 'Which local area do you want to work in?',
                isPageHeading: true,
                classes: 'govuk-fieldset__legend--l',
              },
            }}
            hint={{ text: 'You can change area at any time from the menu.' }}
            errorMessage={errors.messageFor('tenant')}
            value={tenant}
            onChange={(event) => setTenant(event.target.value)}
            items={session.memberships.map((membership) => ({
              value: membership.tenant,
              text: membership.tenant_name,
            }))}
          />
          <Button text="Continue" />
        </form>
      </div>
    </div>
  );
}

function NoAreaPage(props: { platformAdmin: boolean }) {
  const title = props.platformAdmin ? 'Platform administration' : 'You are not in a local area yet';
  usePageTitle(title);

  if (props.platformAdmin) {
    return (
      <>
        <h1 className="govuk-heading-l">{title}</h1>
        <p className="govuk-body">
          You run this sendqa instance. The pages for creating local areas and regions are coming in
          a later release; until then, use the API under /api/v1/admin.
        </p>
        <p className="govuk-body">
          You do not see any local area&apos;s records unless that area makes you one of its
          members.
        </p>
      </>
    );
  }

  return (
    <>
      <h1 className="govuk-heading-l">{title}</h1>
      <p className="govuk-body">
        Your account is not part of any local area&apos;s quality assurance. Ask the sendqa
        administrator in your council or NHS team to add you.
      </p>
    </>
  );
}
