// @vitest-environment happy-dom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiClientProvider } from '../api/api-context.tsx';
import { createApiClient } from '../api/client.ts';
import type { StreamCallbacks, Transport } from '../api/transport.ts';
import { HomePage } from './HomePage.tsx';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

// Home is real; the core behind it is a transport that answers each method as the test says
// (the sections' data comes from real runs in e2e/first-run.spec.ts). Here: one section's query
// fails, another's data breaks its drawing, and the rest of Home must stay.
const RUN = {
  id: '20261207-101010-abc123',
  pipeline: 'busybox-select',
  name: 'busybox-select brave-otter',
  file: '/home/me/examples/busybox-select/pipeline.yaml',
  state: 'succeeded',
  message: null,
  params: {},
  createdAt: '2026-12-07T10:10:10.000Z',
  finishedAt: '2026-12-07T10:10:22.400Z',
  rerunOf: null,
  rerunMode: null,
  steps: { pull: 'succeeded' },
};

const answers: Record<string, () => unknown> = {
  'runs.list': () => ({ ok: true, value: [RUN] }),
  'models.list': () => ({ ok: false, error: { code: 'internal', message: 'the catalog database is locked' } }),
  // No `stats`: drawing this endpoint throws; its section says so, alone.
  'endpoints.list': () => ({ ok: true, value: [{ name: 'scorer', model: 'busybox-scorer', version: 2, state: 'running' }] }),
  'monitors.list': () => ({ ok: true, value: [] }),
  'workspaces.files': () => ({ ok: true, value: { files: [], truncated: false } }),
};

/** The streams Home opened, by method: a test pushes engine changes through them. */
const streams = new Map<string, StreamCallbacks>();
const calls: string[] = [];
/** Every stream Home opened, in order. */
const opened: string[] = [];

let container: HTMLDivElement;
let root: Root;

/** Draws Home afresh on a transport that answers from `answers` and keeps the streams it opens. */
function renderHome(): void {
  act(() => root.unmount());
  streams.clear();
  calls.length = 0;
  opened.length = 0;
  root = createRoot(container);
  const transport: Transport = {
    invoke: async (method) => (calls.push(method), answers[method]?.() ?? { ok: false, error: { code: 'engine_unavailable', message: `no ${method} in this test` } }) as never,
    open: (method, _input, callbacks) => {
      streams.set(method, callbacks);
      opened.push(method);
      return { send: () => undefined, close: () => undefined };
    },
  };
  act(() =>
    root.render(
      <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
        <ApiClientProvider client={createApiClient(transport)}>
          <HomePage />
        </ApiClientProvider>
      </QueryClientProvider>,
    ),
  );
}

beforeEach(() => {
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
  vi.spyOn(console, 'error').mockImplementation(() => undefined); // React reports the caught render error
  renderHome();
});

afterEach(() => {
  act(() => root.unmount());
  container.remove();
  vi.restoreAllMocks();
});

const section = (name: string) => container.querySelector(`section[aria-label="${name}"]`);

async function settle() {
  for (let i = 0; i < 5; i++) await act(async () => new Promise((resolve) => setTimeout(resolve, 10)));
}

describe('Home', () => {
  it('keeps every section on its own: a failed query and a broken section leave the others whole', async () => {
    await settle();
    const runs = section('Recent runs');
    expect(runs?.textContent).toContain('busybox-select');
    expect(runs?.textContent).toContain('20261207-101010-abc123');
    expect(runs?.textContent).toContain('12 s');
    expect(runs?.querySelector('button[aria-label="Open run 20261207-101010-abc123 of busybox-select"]')).not.toBeNull();

    expect(section('Champions')?.querySelector('[role="alert"]')?.textContent).toBe('Could not read the models: the catalog database is locked');
    expect(section('Endpoints')?.querySelector('[role="alert"]')?.textContent).toMatch(/^This part of Home failed to draw/);
    expect(section('Monitoring alerts')?.textContent).toContain('No monitor');
    expect(section('Engine health')).not.toBeNull();
  });

  it('leads with the first-run guide while no pipeline has run', async () => {
    await settle();
    const guide = section('Get started');
    expect(guide).not.toBeNull();
    expect([...guide!.querySelectorAll('li .first-run-step-title')].map((el) => el.textContent)).toEqual(['Open the examples', 'Run one', 'See its run and its model']);
    expect([...guide!.querySelectorAll('button')].map((b) => b.textContent)).toEqual(['Open the examples']);
    expect(container.querySelector('.home-layout')?.firstElementChild?.getAttribute('aria-label')).toBe('ML work');
  });

  it('asks for the endpoints again when an endpoint container comes or goes (no polling while none serves)', async () => {
    const broken = answers['endpoints.list'];
    answers['endpoints.list'] = () => ({ ok: true, value: [] });
    try {
      renderHome();
      await settle();
      const asked = () => calls.filter((m) => m === 'endpoints.list').length;
      const before = asked();
      expect(section('Endpoints')?.textContent).toContain('Nothing served');
      const changes = streams.get('containers.changes');
      expect(changes).toBeDefined();
      // The Containers tile and the Endpoints section share one stream.
      expect(opened.filter((m) => m === 'containers.changes')).toHaveLength(1);
      const item = (id: string, labels: Record<string, string>) => ({ id, name: id, image: 'i', state: 'running', status: 'Up', created: 1, ports: [], composeProject: null, composeService: null, labels });
      act(() => changes!.onNext({ type: 'snapshot', items: [item('a1', {})] }));
      await settle();
      // Another container (not an endpoint's): nothing to ask.
      act(() => changes!.onNext({ type: 'upsert', item: item('b2', { 'com.example': 'x' }) }));
      await settle();
      expect(asked()).toBe(before);

      answers['endpoints.list'] = () => ({ ok: true, value: [{ name: 'scorer', model: 'busybox-scorer', version: 2, state: 'stopped', stats: { p50Ms: null, p95Ms: null } }] });
      act(() => changes!.onNext({ type: 'upsert', item: item('e3', { 'benchtop.endpoint': 'scorer' }) }));
      await settle();
      expect(asked()).toBe(before + 1);
      expect(section('Endpoints')?.textContent).toContain('scorer');
      expect(section('Endpoints')?.textContent).toContain('busybox-scorer v2');
    } finally {
      answers['endpoints.list'] = broken;
    }
  });
});
