// Test support for page tests in happy-dom: a React root per test, and a page drawn over a core
// that answers each call from a table (the real core is behind the e2e specs).
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, type ReactElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, vi } from 'vitest';
import { ApiClientProvider } from '../api/api-context.tsx';
import { createApiClient } from '../api/client.ts';
import type { StreamCallbacks, Transport } from '../api/transport.ts';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

/** A fresh element and React root for each test of the file, unmounted after it. */
export function testRoot(): { container(): HTMLDivElement; root(): Root } {
  let container: HTMLDivElement;
  let root: Root;
  beforeEach(() => {
    container = document.createElement('div');
    document.body.append(container);
    root = createRoot(container);
  });
  afterEach(() => {
    act(() => root.unmount());
    container.remove();
    vi.restoreAllMocks();
  });
  return { container: () => container, root: () => root };
}

/**
 * A core that answers each call from `answers` (by method; others fail as the engine being away
 * would). Its streams stay silent unless `onOpen` takes their callbacks to drive them.
 */
export function tableTransport(answers: Record<string, unknown>, onOpen?: (method: string, callbacks: StreamCallbacks) => void): Transport {
  return {
    invoke: async (method) => (method in answers ? { ok: true, value: answers[method] } : { ok: false, error: { code: 'engine_unavailable', message: `no ${method} in this test` } }) as never,
    open: (method, _input, callbacks) => {
      onOpen?.(method, callbacks);
      return { send: () => undefined, close: () => undefined };
    },
  };
}

/**
 * Draws `page` over `tableTransport(answers)`, then lets the answers arrive. Resolves with the
 * intervals the window's clock was set to meanwhile (`useNow`'s ticking).
 */
export async function drawPage(root: Root, page: ReactElement, answers: Record<string, unknown>): Promise<{ clockIntervals: number[] }> {
  const intervals = vi.spyOn(window, 'setInterval');
  const transport = tableTransport(answers);
  act(() =>
    root.render(
      <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
        <ApiClientProvider client={createApiClient(transport)}>{page}</ApiClientProvider>
      </QueryClientProvider>,
    ),
  );
  await act(async () => {
    for (let i = 0; i < 5; i++) await new Promise((resolve) => setTimeout(resolve, 0));
  });
  return { clockIntervals: intervals.mock.calls.map((call) => Number(call[1])) };
}
