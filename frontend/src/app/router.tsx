import { Navigate, Outlet, useParams, type RouteObject } from 'react-router-dom';
// The error pages load with the frame: they must show when a page's own
// code is what failed to load.
import { ErrorPage } from '../features/errors/components/ErrorPage';
import { ForbiddenPage } from '../features/errors/components/ForbiddenPage';
import { NotFoundPage } from '../features/errors/components/NotFoundPage';
import { paths } from '../lib/paths';
import { findMembership, useSession } from '../lib/session';
import { Layout } from './Layout';
import { Loading } from './Loading';
import { RequireSession } from './RequireSession';

// Pages load on demand, so that the sign-in page carries only its own code.
const page = {
  signIn: () =>
    import('../features/auth/components/SignInPage').then((m) => ({ Component: m.SignInPage })),
  signOut: () =>
    import('../features/auth/components/SignOutPage').then((m) => ({ Component: m.SignOutPage })),
  chooseArea: () =>
    import('../features/auth/components/ChooseAreaPage').then((m) => ({
      Component: m.ChooseAreaPage,
    })),
  home: () =>
    import('../features/home/components/HomePage').then((m) => ({ Component: m.HomePage })),
  accessibility: () =>
    import('../features/info/components/AccessibilityPage').then((m) => ({
      Component: m.AccessibilityPage,
    })),
  privacy: () =>
    import('../features/info/components/PrivacyPage').then((m) => ({ Component: m.PrivacyPage })),
  cookies: () =>
    import('../features/info/components/CookiesPage').then((m) => ({ Component: m.CookiesPage })),
};

function Protected() {
  return (
    <RequireSession>
      <Outlet />
    </RequireSession>
  );
}

/** Sends people to their area, or to choose one when they have several. */
function StartPage() {
  const session = useSession().data;
  if (!session) return <Loading />;
  const [only] = session.memberships;

  if (session.memberships.length === 1 && only) {
    return <Navigate to={paths.area(only.tenant)} replace />;
  }

  return <Navigate to={paths.chooseArea} replace />;
}

/**
 * The pages of one local area. An area the person is not in is "not
 * found", as the API answers, so that nobody learns which areas exist.
 */
function AreaPages() {
  const { tenant } = useParams();
  const session = useSession().data;

  if (!session) return <Loading />;
  if (!findMembership(session, tenant)) {
    return <Navigate to="/page-not-found" replace />;
  }

  return <Outlet />;
}

export const routes: RouteObject[] = [
  {
    element: <Layout />,
    errorElement: <ErrorPage />,
    children: [
      {
        // Errors inside a page keep the frame around them.
        errorElement: <ErrorPage />,
        hydrateFallbackElement: <Loading />,
        children: [
          { path: paths.signIn, lazy: page.signIn },
          { path: paths.signOut, lazy: page.signOut },
          { path: paths.accessibility, lazy: page.accessibility },
          { path: paths.privacy, lazy: page.privacy },
          { path: paths.cookies, lazy: page.cookies },
          { path: paths.forbidden, element: <ForbiddenPage /> },
          {
            element: <Protected />,
            children: [
              { index: true, element: <StartPage /> },
              { path: paths.chooseArea, lazy: page.chooseArea },
              {
                path: 't/:tenant',
                element: <AreaPages />,
                children: [{ index: true, lazy: page.home }],
              },
            ],
          },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
];
