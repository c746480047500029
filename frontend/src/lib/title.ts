import { useEffect } from 'react';

export const serviceName = 'sendqa';

/**
 * Sets the document title to "<page> – sendqa", prefixed with "Error: "
 * while the page shows validation errors, so that screen reader users hear
 * both as the page changes.
 */
export function usePageTitle(page: string, options?: { error?: boolean }) {
  const error = options?.error ?? false;

  useEffect(() => {
    document.title = `${error ? 'Error: ' : ''}${page} – ${serviceName}`;
  }, [page, error]);
}
