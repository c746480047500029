import type { RouteObject } from 'react-router-dom';

// The dashboards and regional benchmarks, relative to a local area
// (`/t/:tenant`), loaded on demand.
export const dashboardRoutes: RouteObject[] = [
  {
    path: 'dashboards/:kind',
    lazy: () => import('./components/DashboardPage').then((m) => ({ Component: m.DashboardPage })),
  },
  {
    path: 'benchmarks',
    lazy: () =>
      import('./components/BenchmarksPage').then((m) => ({ Component: m.BenchmarksPage })),
  },
];
