import { Navigate, Outlet, useParams, type RouteObject } from 'react-router-dom';
// The error pages load with the frame: they must show when a page's own
// code is what failed to load.
import { ErrorPage } from '../features/errors/components/ErrorPage';
import { ForbiddenPage } from '../features/errors/components/ForbiddenPage';
import { NotFoundPage } from '../features/errors/components/NotFoundPage';
import { actionRoutes } from '../features/actions/routes';
import { auditRoutes } from '../features/assignments/routes';
import { instrumentRoutes } from '../features/instruments/routes';
import { moderationRoutes } from '../features/moderation/routes';
import { providerInboxRoutes, providerRoutes } from '../features/providers/routes';
import { scheduleRoutes } from '../features/schedule/routes';
import { dashboardRoutes } from '../features/dashboards/routes';
import { reportRoutes } from '../features/reports/routes';
import { roundRoutes } from '../features/rounds/routes';
import { sirRoutes } from '../features/sir/routes';
import { subjectRoutes } from '../features/subjects/routes';
import { codeSignInRoute, visitRoutes } from '../features/visits/routes';
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
  acceptInvitation: () =>
    import('../features/auth/components/AcceptInvitationPage').then((m) => ({
      Component: m.AcceptInvitationPage,
    })),
  forgottenPassword: () =>
    import('../features/auth/components/ForgottenPasswordPage').then((m) => ({
      Component: m.ForgottenPasswordPage,
    })),
  passwordReset: () =>
    import('../features/auth/components/PasswordResetPage').then((m) => ({
      Component: m.PasswordResetPage,
    })),
  account: () =>
    import('../features/account/components/AccountPage').then((m) => ({
      Component: m.AccountPage,
    })),
  changePassword: () =>
    import('../features/account/components/ChangePasswordPage').then((m) => ({
      Component: m.ChangePasswordPage,
    })),
  newToken: () =>
    import('../features/account/components/NewTokenPage').then((m) => ({
      Component: m.NewTokenPage,
    })),
  members: () =>
    import('../features/members/components/MembersPage').then((m) => ({
      Component: m.MembersPage,
    })),
  inviteMember: () =>
    import('../features/members/components/InvitePage').then((m) => ({ Component: m.InvitePage })),
  importInvitations: () =>
    import('../features/members/components/ImportInvitationsPage').then((m) => ({
      Component: m.ImportInvitationsPage,
    })),
  changeRoles: () =>
    import('../features/members/components/ChangeRolesPage').then((m) => ({
      Component: m.ChangeRolesPage,
    })),
  removeMember: () =>
    import('../features/members/components/RemoveMemberPage').then((m) => ({
      Component: m.RemoveMemberPage,
    })),
  revokeInvitation: () =>
    import('../features/members/components/RevokeInvitationPage').then((m) => ({
      Component: m.RevokeInvitationPage,
    })),
  organisations: () =>
    import('../features/organisations/components/OrganisationsPage').then((m) => ({
      Component: m.OrganisationsPage,
    })),
  newOrganisation: () =>
    import('../features/organisations/components/OrganisationFormPages').then((m) => ({
      Component: m.NewOrganisationPage,
    })),
  editOrganisation: () =>
    import('../features/organisations/components/OrganisationFormPages').then((m) => ({
      Component: m.EditOrganisationPage,
    })),
  auditLog: () =>
    import('../features/audit/components/AuditLogPage').then((m) => ({
      Component: m.AuditLogPage,
    })),
  tenants: () =>
    import('../features/admin/components/AdminListPage').then((m) => ({
      Component: m.TenantsPage,
    })),
  regions: () =>
    import('../features/admin/components/AdminListPage').then((m) => ({
      Component: m.RegionsPage,
    })),
  newTenant: () =>
    import('../features/admin/components/AdminFormPages').then((m) => ({
      Component: m.NewTenantPage,
    })),
  newRegion: () =>
    import('../features/admin/components/AdminFormPages').then((m) => ({
      Component: m.NewRegionPage,
    })),
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

  if (session.memberships.length === 0 && session.person.platform_admin) {
    return <Navigate to={paths.tenants} replace />;
  }

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

/** Pages for the platform administrator only; anyone else is forbidden. */
function PlatformPages() {
  const session = useSession().data;

  if (!session) return <Loading />;
  if (!session.person.platform_admin) return <ForbiddenPage />;

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
          codeSignInRoute,
          { path: paths.signOut, lazy: page.signOut },
          { path: paths.accessibility, lazy: page.accessibility },
          { path: paths.privacy, lazy: page.privacy },
          { path: paths.cookies, lazy: page.cookies },
          { path: paths.forbidden, element: <ForbiddenPage /> },
          { path: paths.acceptInvitation, lazy: page.acceptInvitation },
          { path: paths.forgottenPassword, lazy: page.forgottenPassword },
          { path: paths.passwordReset, lazy: page.passwordReset },
          {
            element: <Protected />,
            children: [
              { index: true, element: <StartPage /> },
              { path: paths.chooseArea, lazy: page.chooseArea },
              { path: paths.account, lazy: page.account },
              { path: paths.changePassword, lazy: page.changePassword },
              { path: paths.newToken, lazy: page.newToken },
              ...providerInboxRoutes,
              {
                element: <PlatformPages />,
                children: [
                  { path: paths.tenants, lazy: page.tenants },
                  { path: paths.newTenant, lazy: page.newTenant },
                  { path: paths.regions, lazy: page.regions },
                  { path: paths.newRegion, lazy: page.newRegion },
                ],
              },
              {
                path: 't/:tenant',
                element: <AreaPages />,
                children: [
                  { index: true, lazy: page.home },
                  ...subjectRoutes,
                  ...roundRoutes,
                  ...instrumentRoutes,
                  ...actionRoutes,
                  ...moderationRoutes,
                  ...providerRoutes,
                  ...sirRoutes,
                  ...scheduleRoutes,
                  ...dashboardRoutes,
                  ...reportRoutes,
                  ...auditRoutes,
                  ...visitRoutes,
                  { path: 'members', lazy: page.members },
                  { path: 'members/invite', lazy: page.inviteMember },
                  { path: 'members/import', lazy: page.importInvitations },
                  { path: 'members/:personId', lazy: page.changeRoles },
                  { path: 'members/:personId/remove', lazy: page.removeMember },
                  { path: 'invitations/:invitationId/revoke', lazy: page.revokeInvitation },
                  { path: 'organisations', lazy: page.organisations },
                  { path: 'organisations/new', lazy: page.newOrganisation },
                  { path: 'organisations/:organisationId', lazy: page.editOrganisation },
                  { path: 'audit-log', lazy: page.auditLog },
                ],
              },
            ],
          },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
];
