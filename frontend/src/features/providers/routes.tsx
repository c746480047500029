import type { RouteObject } from 'react-router-dom';

// A council's AP pages, relative to a local area (`/t/:tenant`), each
// loaded on demand.
export const providerRoutes: RouteObject[] = [
  {
    path: 'providers',
    lazy: () => import('./components/RegisterPage').then((m) => ({ Component: m.RegisterPage })),
  },
  {
    path: 'providers/invite',
    lazy: () =>
      import('./components/RegisterPage').then((m) => ({ Component: m.InviteProviderPage })),
  },
  {
    path: 'providers/:providerId',
    lazy: () => import('./components/RegisterPage').then((m) => ({ Component: m.ProviderPage })),
  },
  {
    path: 'provider-audits/:auditId',
    lazy: () =>
      import('./components/OfficerAuditPage').then((m) => ({ Component: m.OfficerAuditPage })),
  },
  {
    path: 'provider-results',
    lazy: () =>
      import('./components/SharedPages').then((m) => ({ Component: m.SharedResultsPage })),
  },
  {
    path: 'provider-results/:auditId',
    lazy: () => import('./components/SharedPages').then((m) => ({ Component: m.SharedResultPage })),
  },
];

// The provider's own pages: one inbox across every council.
export const providerInboxRoutes: RouteObject[] = [
  {
    path: 'provider',
    lazy: () => import('./components/InboxPage').then((m) => ({ Component: m.InboxPage })),
  },
  {
    path: 'provider/audits/:auditId',
    lazy: () => import('./components/InboxPage').then((m) => ({ Component: m.OwnAuditPage })),
  },
];
