import type { RouteObject } from 'react-router-dom';

// The triangulation and practice report pages, relative to a local area
// (`/t/:tenant`), each loaded on demand.
export const reportRoutes: RouteObject[] = [
  {
    path: 'triangulation',
    lazy: () =>
      import('./components/TriangulationPage').then((m) => ({ Component: m.TriangulationPage })),
  },
  {
    path: 'findings',
    lazy: () => import('./components/FindingsPage').then((m) => ({ Component: m.FindingsPage })),
  },
  {
    path: 'findings/new',
    lazy: () =>
      import('./components/FindingFormPages').then((m) => ({ Component: m.NewFindingPage })),
  },
  {
    path: 'findings/import',
    lazy: () =>
      import('./components/FindingFormPages').then((m) => ({ Component: m.ImportFindingsPage })),
  },
  {
    path: 'themes/:themeId/action',
    lazy: () =>
      import('./components/ThemeActionPage').then((m) => ({ Component: m.ThemeActionPage })),
  },
  {
    path: 'reports',
    lazy: () => import('./components/ReportsPage').then((m) => ({ Component: m.ReportsPage })),
  },
  {
    path: 'reports/:reportId',
    lazy: () => import('./components/ReportPage').then((m) => ({ Component: m.ReportPage })),
  },
];
