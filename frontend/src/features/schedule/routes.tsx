import type { RouteObject } from 'react-router-dom';

// The QA schedule, relative to a local area (`/t/:tenant`), loaded on demand.
export const scheduleRoutes: RouteObject[] = [
  {
    path: 'schedule',
    lazy: () => import('./components/SchedulePage').then((m) => ({ Component: m.SchedulePage })),
  },
];
