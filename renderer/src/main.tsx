import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ApiCallError } from './api/api-call-error.ts';
import { ApiClientProvider } from './api/api-context.tsx';
import { createDefaultApiClient } from './api/client.ts';
import { startUrlSync } from './routing/url-sync.ts';
import { App } from './shell/App.tsx';
import './styles.css';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // Live data arrives through streams; nothing refetches on a timer, on focus or on reconnect.
      staleTime: Infinity,
      refetchOnWindowFocus: false,
      refetchOnReconnect: false,
      refetchInterval: false,
      // The core's own answers are final; a dropped transport is worth one more try.
      retry: (failureCount, error) => !(error instanceof ApiCallError) && failureCount < 2,
    },
    mutations: { retry: false },
  },
});

// Before the first render: the address (a reload, a pasted link) decides the page and its detail.
startUrlSync();

const root = document.getElementById('root');
if (!root) throw new Error('index.html lacks <div id="root">.');

createRoot(root).render(
  <StrictMode>
    <ApiClientProvider client={createDefaultApiClient()}>
      <QueryClientProvider client={queryClient}>
        <App />
      </QueryClientProvider>
    </ApiClientProvider>
  </StrictMode>,
);
