import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router';
import { ApiError } from './lib/api';
import { sessionKey } from './lib/hooks';
import { router } from './routes';
import './styles.css';

// A 401 anywhere means the session ended (signed out elsewhere, secret rotated): show the signed-out state.
// A 403 or 404 may mean the person's membership changed since the session was read (removed from the
// business, or given another role): read the session again, so the shell stops offering what is gone.
const onError = (error: unknown) => {
  if (!(error instanceof ApiError)) return;
  if (error.status === 401) queryClient.setQueryData(sessionKey, null);
  else if (error.status === 403 || error.status === 404) void queryClient.invalidateQueries({ queryKey: sessionKey });
};

const queryClient = new QueryClient({
  queryCache: new QueryCache({ onError }),
  mutationCache: new MutationCache({ onError }),
  defaultOptions: {
    queries: {
      staleTime: 15_000,
      // The server's refusals are answers, not glitches: retry only what might pass next time.
      retry: (count, error) => count < 2 && (!(error instanceof ApiError) || error.status === 0 || error.status >= 500),
    },
  },
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  </StrictMode>,
);
