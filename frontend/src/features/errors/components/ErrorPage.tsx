import { isRouteErrorResponse, Link, useRouteError } from 'react-router-dom';
import { ApiError } from '../../../lib/problem';
import { usePageTitle } from '../../../lib/title';
import { ForbiddenPage } from './ForbiddenPage';
import { NotFoundPage } from './NotFoundPage';

/** Shown in place of a page that failed; 403 and 404 get their own pages. */
export function ErrorPage() {
  const error = useRouteError();
  const status =
    error instanceof ApiError ? error.status : isRouteErrorResponse(error) ? error.status : 0;

  if (status === 403) return <ForbiddenPage />;
  if (status === 404) return <NotFoundPage />;

  return <ServiceProblem />;
}

export function ServiceProblem() {
  usePageTitle('Sorry, there is a problem with the service');

  return (
    <>
      <h1 className="govuk-heading-l">Sorry, there is a problem with the service</h1>
      <p className="govuk-body">Try again later.</p>
      <p className="govuk-body">
        Anything you saved before the problem is safe. Anything you had not saved may need to be
        entered again.
      </p>
      <p className="govuk-body">
        <Link className="govuk-link" to="/">
          Go to the sendqa home page
        </Link>
      </p>
    </>
  );
}
