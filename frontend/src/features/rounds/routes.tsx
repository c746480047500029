import type { RouteObject } from 'react-router-dom';

// The pages of audit rounds and their auditors, relative to a local area
// (`/t/:tenant`). Each loads on demand.
export const roundRoutes: RouteObject[] = [
  {
    path: 'rounds',
    lazy: () => import('./components/RoundsPage').then((m) => ({ Component: m.RoundsPage })),
  },
  {
    path: 'rounds/new',
    lazy: () => import('./components/NewRoundPage').then((m) => ({ Component: m.NewRoundPage })),
  },
  {
    path: 'rounds/auditors',
    lazy: () => import('./components/AuditorsPage').then((m) => ({ Component: m.AuditorsPage })),
  },
  {
    path: 'rounds/auditors/:personId',
    lazy: () =>
      import('./components/AuditorServicesPage').then((m) => ({
        Component: m.AuditorServicesPage,
      })),
  },
  {
    path: 'rounds/:roundId',
    lazy: () => import('./components/RoundPage').then((m) => ({ Component: m.RoundPage })),
  },
  {
    path: 'rounds/:roundId/reassign',
    lazy: () => import('./components/ReassignPage').then((m) => ({ Component: m.ReassignPage })),
  },
  {
    path: 'rounds/:roundId/allocations/:allocationId/move',
    lazy: () =>
      import('./components/MoveAllocationPage').then((m) => ({
        Component: m.MoveAllocationPage,
      })),
  },
];
