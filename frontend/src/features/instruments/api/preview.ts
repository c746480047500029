import { useMutation } from '@tanstack/react-query';
import { api, unwrap } from '../../../lib/api';
import type { components } from '../../../lib/api-schema';
import type { Answers } from '../../../lib/instrument/types';

export type ScoreResult = components['schemas']['ScoreResponse'];

export interface PreviewInput {
  tenant: string;
  key: string;
  version: number;
  answers: Answers;
  asOf: string;
  /** `draft` checks types only; `submit` also what a submission needs. */
  mode: 'draft' | 'submit';
}

/**
 * POST .../versions/{version}/preview: scores answers without saving
 * them. Scoring lives on the server alone, so the result shown while
 * answering is always the one a submission would get.
 */
export function previewScore(input: PreviewInput, signal?: AbortSignal) {
  // Empty answers are left out rather than sent as blanks.
  const answers = Object.fromEntries(
    Object.entries(input.answers).filter(([, value]) => value !== undefined && value !== ''),
  );

  return unwrap(
    api.POST('/api/v1/t/{tenant}/instruments/{key}/versions/{version}/preview', {
      params: {
        path: { tenant: input.tenant, key: input.key, version: input.version },
        query: { mode: input.mode },
      },
      // The schema types answers as a bare object; DecodeAnswers is
      // the authority on their shape.
      body: { answers: answers as Record<string, never>, as_of: input.asOf },
      signal,
    }),
  );
}

export function useSubmitPreview() {
  return useMutation({ mutationFn: (input: PreviewInput) => previewScore(input) });
}
