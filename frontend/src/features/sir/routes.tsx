import type { RouteObject } from 'react-router-dom';

// The SEN information report pages, relative to a local area
// (`/t/:tenant`), each loaded on demand.
export const sirRoutes: RouteObject[] = [
  {
    path: 'sir',
    lazy: () => import('./components/RoundsPage').then((m) => ({ Component: m.RoundsPage })),
  },
  {
    path: 'sir/register',
    lazy: () => import('./components/RegisterPage').then((m) => ({ Component: m.RegisterPage })),
  },
  {
    path: 'sir/rounds/:roundId',
    lazy: () => import('./components/RoundPage').then((m) => ({ Component: m.RoundPage })),
  },
  {
    path: 'sir/rounds/:roundId/summary',
    lazy: () => import('./components/SummaryPage').then((m) => ({ Component: m.SummaryPage })),
  },
  {
    path: 'sir/checks/:checkId',
    lazy: () => import('./components/CheckPage').then((m) => ({ Component: m.CheckPage })),
  },
];
