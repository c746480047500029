import { RouterProvider, createBrowserRouter } from 'react-router-dom';
import { useState } from 'react';
import { AppProviders } from './providers';
import { routes } from './router';

export function App() {
  const [router] = useState(() => createBrowserRouter(routes));

  return (
    <AppProviders>
      <RouterProvider router={router} />
    </AppProviders>
  );
}
