import { Link } from 'react-router-dom';
import { usePageTitle } from '../../../lib/title';

export function ForbiddenPage() {
  usePageTitle('You cannot see this page');

  return (
    <>
      <h1 className="govuk-heading-l">You cannot see this page</h1>
      <p className="govuk-body">
        Your role in this local area does not include this page. If you need it for your work, ask
        the sendqa administrator in your area to change your role.
      </p>
      <p className="govuk-body">
        <Link className="govuk-link" to="/">
          Go to the sendqa home page
        </Link>
      </p>
    </>
  );
}
