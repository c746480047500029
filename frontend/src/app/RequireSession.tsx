import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { ApiError } from '../lib/problem';
import { useSession } from '../lib/session';
import { signInPath } from '../lib/paths';
import { Loading } from './Loading';

/** Renders its children only for someone signed in. */
export function RequireSession(props: { children: ReactNode }) {
  const session = useSession();
  const location = useLocation();

  if (session.isPending) return <Loading />;
  if (session.error) {
    if (session.error instanceof ApiError && session.error.status === 401) {
      const next = location.pathname + location.search;

      return <Navigate to={signInPath(next)} replace />;
    }
    throw session.error;
  }

  return props.children;
}
