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
    path: 'instruments/new',
    lazy: () => import('./components/EditorPage').then((m) => ({ Component: m.NewInstrumentPage })),
  },
  {
    path: 'instruments/import',
    lazy: () => import('./components/ImportPage').then((m) => ({ Component: m.ImportPage })),
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
  {
    path: 'instruments/:key/versions/:version/edit',
    lazy: () => import('./components/EditorPage').then((m) => ({ Component: m.EditDraftPage })),
  },
  {
    path: 'instruments/:key/compare',
    lazy: () => import('./components/ComparePage').then((m) => ({ Component: m.ComparePage })),
  },
  {
    path: 'instruments/:key/use',
    lazy: () =>
      import('./components/LocalLayerPage').then((m) => ({ Component: m.LocalLayerPage })),
  },
  {
    path: 'instruments/:key/adopt',
    lazy: () => import('./components/AdoptPage').then((m) => ({ Component: m.AdoptPage })),
  },
];
