import type { RouteObject } from 'react-router-dom';

// The instrument pages, relative to a local area (`/t/:tenant`). Each loads
// on demand, so that the library's code stays out of the sign-in page.
export const instrumentRoutes: RouteObject[] = [
  {
    path: 'instruments',
    lazy: () =>
      import('./components/InstrumentsPage').then((m) => ({ Component: m.InstrumentsPage })),
  },
  {
    path: 'instruments/:key',
    lazy: () =>
      import('./components/InstrumentPage').then((m) => ({ Component: m.InstrumentPage })),
  },
  {
    path: 'instruments/:key/versions/:version/preview',
    lazy: () => import('./components/PreviewPage').then((m) => ({ Component: m.PreviewPage })),
  },
];
