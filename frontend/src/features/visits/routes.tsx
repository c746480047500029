import type { RouteObject } from 'react-router-dom';

// Young people's site visits and their accounts, relative to a local area
// (`/t/:tenant`), each loaded on demand.
export const visitRoutes: RouteObject[] = [
  {
    path: 'young-people',
    lazy: () =>
      import('./components/YoungPeoplePage').then((m) => ({ Component: m.YoungPeoplePage })),
  },
  {
    path: 'my-visits',
    lazy: () => import('./components/MyVisitsPage').then((m) => ({ Component: m.MyVisitsPage })),
  },
  {
    path: 'my-visits/new',
    lazy: () =>
      import('./components/RecordVisitPage').then((m) => ({ Component: m.RecordVisitPage })),
  },
  {
    path: 'my-visits/:visitId',
    lazy: () => import('./components/MyVisitPage').then((m) => ({ Component: m.MyVisitPage })),
  },
  {
    path: 'visits',
    lazy: () => import('./components/VisitsPage').then((m) => ({ Component: m.VisitsPage })),
  },
  {
    path: 'visits/:visitId',
    lazy: () => import('./components/VisitPage').then((m) => ({ Component: m.VisitPage })),
  },
];

/** The young people's sign-in, outside any area. */
export const codeSignInRoute: RouteObject = {
  path: '/sign-in/code',
  lazy: () => import('./components/CodeSignInPage').then((m) => ({ Component: m.CodeSignInPage })),
};
