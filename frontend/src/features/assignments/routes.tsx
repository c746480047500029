import type { RouteObject } from 'react-router-dom';

// The audit pages, relative to a local area (`/t/:tenant`), each loaded
// on demand.
export const auditRoutes: RouteObject[] = [
  {
    path: 'assignments',
    lazy: () => import('./components/InboxPage').then((m) => ({ Component: m.InboxPage })),
  },
  {
    path: 'responses/:responseId',
    lazy: () => import('./components/ResponsePage').then((m) => ({ Component: m.ResponsePage })),
  },
  {
    path: 'responses/:responseId/reopen',
    lazy: () => import('./components/ReopenPage').then((m) => ({ Component: m.ReopenPage })),
  },
  {
    path: 'notifications',
    lazy: () =>
      import('./components/NotificationsPage').then((m) => ({ Component: m.NotificationsPage })),
  },
  {
    path: 'rounds/:roundId/results',
    lazy: () => import('./components/ResultsPage').then((m) => ({ Component: m.ResultsPage })),
  },
];
