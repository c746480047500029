import type { RouteObject } from 'react-router-dom';

// The pages of subjects and of children's personal data, relative to a
// local area (`/t/:tenant`). Each loads on demand.
export const subjectRoutes: RouteObject[] = [
  {
    path: 'subjects',
    lazy: () => import('./components/SubjectsPage').then((m) => ({ Component: m.SubjectsPage })),
  },
  {
    path: 'subjects/import',
    lazy: () =>
      import('./components/ImportSubjectsPage').then((m) => ({
        Component: m.ImportSubjectsPage,
      })),
  },
  {
    path: 'subjects/:subjectId',
    lazy: () => import('./components/SubjectPage').then((m) => ({ Component: m.SubjectPage })),
  },
  {
    path: 'personal-data',
    lazy: () => import('./components/RetentionPage').then((m) => ({ Component: m.RetentionPage })),
  },
  {
    path: 'personal-data/purge',
    lazy: () => import('./components/PurgePage').then((m) => ({ Component: m.PurgePage })),
  },
  {
    path: 'personal-data/access-request',
    lazy: () =>
      import('./components/AccessRequestPage').then((m) => ({ Component: m.AccessRequestPage })),
  },
];
