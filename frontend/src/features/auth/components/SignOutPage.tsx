import { useEffect, useRef } from 'react';
import { Link } from 'react-router-dom';
import { paths } from '../../../lib/paths';
import { usePageTitle } from '../../../lib/title';
import { useLogout } from '../api/logout';

/** Signs out as it opens, then says so. */
export function SignOutPage() {
  const logout = useLogout();
  const started = useRef(false);
  usePageTitle(logout.isPending ? 'Signing out' : 'You have signed out');

  useEffect(() => {
    // Once only, even when React runs effects twice in development.
    if (started.current) return;
    started.current = true;
    logout.mutate();
  }, [logout]);

  if (logout.isIdle || logout.isPending) {
    return (
      <p className="govuk-body" role="status">
        Signing you out…
      </p>
    );
  }

  return (
    <>
      <h1 className="govuk-heading-l">You have signed out</h1>
      {logout.isError && (
        <p className="govuk-body">
          sendqa could not be reached to end your session, so it will end by itself after a short
          time. Close your browser if this is a shared computer.
        </p>
      )}
      <p className="govuk-body">
        <Link className="govuk-link" to={paths.signIn}>
          Sign in again
        </Link>
      </p>
    </>
  );
}
