import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { ApiError } from '../lib/problem';

function shouldRetry(failureCount: number, error: Error) {
  // A 4xx answer will not change by asking again; a network blip might.
  if (error instanceof ApiError && error.status >= 400 && error.status < 500) {
    return false;
  }

  return failureCount < 2;
}

export function createQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: { retry: shouldRetry, refetchOnWindowFocus: false },
      mutations: { retry: false },
    },
  });
}

export function AppProviders(props: { children: ReactNode; client?: QueryClient }) {
  const [client] = useState(() => props.client ?? createQueryClient());

  return <QueryClientProvider client={client}>{props.children}</QueryClientProvider>;
}
