import type { RouteObject } from 'react-router-dom';

// The improvement plan pages, relative to a local area (`/t/:tenant`),
// each loaded on demand.
export const actionRoutes: RouteObject[] = [
  {
    path: 'actions',
    lazy: () =>
      import('./components/ImprovementPlanPage').then((m) => ({
        Component: m.ImprovementPlanPage,
      })),
  },
  {
    path: 'actions/:actionId',
    lazy: () => import('./components/ActionPage').then((m) => ({ Component: m.ActionPage })),
  },
  {
    path: 'actions/:actionId/edit',
    lazy: () =>
      import('./components/ActionFormPages').then((m) => ({ Component: m.EditActionPage })),
  },
  {
    path: 'actions/:actionId/follow-ups/new',
    lazy: () => import('./components/FollowUpPage').then((m) => ({ Component: m.NewFollowUpPage })),
  },
  {
    path: 'action-plans/new',
    lazy: () => import('./components/NewPlanPage').then((m) => ({ Component: m.NewPlanPage })),
  },
  {
    path: 'action-plans/:planId',
    lazy: () => import('./components/PlanPage').then((m) => ({ Component: m.PlanPage })),
  },
  {
    path: 'action-plans/:planId/actions/new',
    lazy: () =>
      import('./components/ActionFormPages').then((m) => ({ Component: m.NewActionPage })),
  },
];
