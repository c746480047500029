import { useMemo } from 'react';
import { ErrorSummary } from './govuk';

export interface LoadErrorProps {
  /** What went wrong, as the API or the network said it. */
  message: string;
  /** What it means for the page, and what to do. */
  description: string;
}

/**
 * The summary a page shows when what it lists could not be loaded. The
 * summary takes focus when the failure appears or its message changes, but
 * not on every re-render of the page: a person typing in the filters below
 * keeps their place.
 */
export function LoadError({ message, description }: LoadErrorProps) {
  const errorList = useMemo(() => [{ text: message }], [message]);

  return <ErrorSummary errorList={errorList} descriptionText={description} />;
}
