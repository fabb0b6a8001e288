// @vitest-environment happy-dom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MlflowImportSummary } from '../../../../shared/api/methods/mlflow.ts';
import { ApiClientProvider } from '../../api/api-context.tsx';
import { createApiClient } from '../../api/client.ts';
import type { StreamCallbacks, Transport } from '../../api/transport.ts';
import { ImportMlflowButton } from './ImportMlflowDialog.tsx';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

// The dialog is real; the core behind the API is replaced by a transport the test drives by hand
// (the import itself is tested against the real fixtures in electron/core/catalog/mlflow).
const SUMMARY: MlflowImportSummary = {
  source: '/data/mlruns',
  kind: 'mlruns',
  schemaRevision: null,
  experiments: { added: 2, updated: 0, unchanged: 0 },
  runs: { added: 2, updated: 0, unchanged: 0 },
  loggedModels: { added: 0, updated: 0, unchanged: 0 },
  registeredModels: { added: 2, updated: 0, unchanged: 0 },
  versions: { added: 2, updated: 0, unchanged: 0 },
  aliases: { added: 2, updated: 0, unchanged: 0 },
  metricPointsAdded: 57,
  artifactFiles: 10,
  skipped: [{ path: '1/meta.yaml.org', reason: 'stray file' }],
  durationMs: 31,
};

let container: HTMLDivElement;
let root: Root;
let opened: { method: string; input: unknown; callbacks: StreamCallbacks; closed: boolean }[];

beforeEach(() => {
  opened = [];
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
  const transport: Transport = {
    invoke: async () => ({ ok: true, value: null }),
    open: (method, input, callbacks) => {
      const stream = { method, input, callbacks, closed: false };
      opened.push(stream);
      return { send: () => undefined, close: () => void (stream.closed = true) };
    },
  };
  act(() =>
    root.render(
      <QueryClientProvider client={new QueryClient()}>
        <ApiClientProvider client={createApiClient(transport)}>
          <ImportMlflowButton />
        </ApiClientProvider>
      </QueryClientProvider>,
    ),
  );
});

afterEach(() => {
  act(() => root.unmount());
  container.remove();
});

const button = (name: string) => [...container.querySelectorAll('button')].find((b) => b.textContent === name) as HTMLButtonElement;
function click(name: string) {
  act(() => button(name).click());
}
function typePath(value: string) {
  const input = container.querySelector('input') as HTMLInputElement;
  act(() => {
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set?.call(input, value);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

describe('ImportMlflowDialog', () => {
  it('imports the path, shows the phase, then the summary and what was skipped', () => {
    click('Import from MLflow…');
    expect(container.querySelector('[role="dialog"]')?.getAttribute('aria-label')).toBe('Import from MLflow');
    expect(button('Import').disabled).toBe(true);
    typePath('  /data/mlruns ');
    click('Import');
    expect(opened).toHaveLength(1);
    expect(opened[0]).toMatchObject({ method: 'mlflow.import', input: { path: '/data/mlruns' } });
    act(() => opened[0].callbacks.onNext({ phase: 'artifacts', done: 1, total: 4, summary: null }));
    expect(container.querySelector('[role="status"]')?.textContent).toBe('Storing artifact files…');
    expect((container.querySelector('progress') as HTMLProgressElement).value).toBe(0.25);
    act(() => {
      opened[0].callbacks.onNext({ phase: 'done', done: 1, total: 1, summary: SUMMARY });
      opened[0].callbacks.onEnd();
    });
    expect(container.querySelector('[role="status"]')?.textContent).toBe('Imported the folder in 31 ms.');
    const rows = [...container.querySelectorAll('table[aria-label="Import summary"] tbody tr')].map((tr) => tr.textContent);
    expect(rows).toEqual(['Experiments200', 'Runs200', 'Logged models000', 'Registered models200', 'Model versions200', 'Aliases200']);
    expect(container.textContent).toContain('Skipped 1');
    expect(container.textContent).toContain('1/meta.yaml.org: stray file');
  });

  it('shows the core error naming the file, and Cancel closes the stream', () => {
    click('Import from MLflow…');
    typePath('/data/mlruns');
    click('Import');
    act(() => opened[0].callbacks.onEnd({ code: 'invalid_input', message: '/data/mlruns/0/meta.yaml:3:9: not valid YAML' }));
    expect(container.querySelector('[role="alert"]')?.textContent).toContain('/data/mlruns/0/meta.yaml:3:9');
    expect(container.querySelector('[role="status"]')?.textContent).toBe('The import failed and changed nothing.');
    click('Import');
    click('Cancel import');
    expect(opened[1].closed).toBe(true);
    expect(container.querySelector('[role="status"]')?.textContent).toMatch(/^Cancelled/);
  });
});
