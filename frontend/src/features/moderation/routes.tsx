import type { RouteObject } from 'react-router-dom';

// The moderation, agreement and feedback pages, relative to a local area
// (`/t/:tenant`), each loaded on demand.
export const moderationRoutes: RouteObject[] = [
  {
    path: 'moderation',
    lazy: () =>
      import('./components/ModerationsPage').then((m) => ({ Component: m.ModerationsPage })),
  },
  {
    path: 'moderation/:moderationId',
    lazy: () =>
      import('./components/ModerationFormPage').then((m) => ({
        Component: m.ModerationFormPage,
      })),
  },
  {
    path: 'moderation/:moderationId/comparison',
    lazy: () =>
      import('./components/ComparisonPage').then((m) => ({ Component: m.ComparisonPage })),
  },
  {
    path: 'agreement',
    lazy: () => import('./components/AgreementPage').then((m) => ({ Component: m.AgreementPage })),
  },
  {
    path: 'feedback',
    lazy: () =>
      import('./components/FeedbackListPage').then((m) => ({ Component: m.FeedbackListPage })),
  },
  {
    path: 'feedback/:feedbackId',
    lazy: () => import('./components/FeedbackPage').then((m) => ({ Component: m.FeedbackPage })),
  },
];
