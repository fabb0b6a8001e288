// @vitest-environment happy-dom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiClientProvider } from '../../api/api-context.tsx';
import { createApiClient } from '../../api/client.ts';
import type { Transport } from '../../api/transport.ts';
import { RunDialog } from './RunDialog.tsx';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

// The form under test is real; only the core behind the API is replaced by a transport that
// records the pipelines.run call (the core's own handling of params is tested in core/pipelines).
const PIPELINE = `apiVersion: benchtop/v1
kind: Pipeline
metadata: { name: form-test }
params:
  dataset: { description: "Where the rows come from." }
  rows: { type: int, default: 100, description: "How many rows to read." }
  rate: { type: float, default: 0.5 }
  shuffle: { type: bool, default: true }
  model: { enum: [linear, forest, boost], default: forest }
steps:
  only: { image: benchtop-test/busybox, command: ['true'] }
`;

let container: HTMLDivElement;
let root: Root;
let calls: { method: string; input: unknown }[];
let started: string[];

function render(text = PIPELINE) {
  const transport: Transport = {
    invoke: async (method: string, input: unknown) => {
      calls.push({ method, input });
      return { ok: true, value: { runId: 'run-1' } };
    },
    open: () => ({ send: () => undefined, close: () => undefined }),
  } as unknown as Transport;
  act(() =>
    root.render(
      <QueryClientProvider client={new QueryClient()}>
        <ApiClientProvider client={createApiClient(transport)}>
          <RunDialog text={text} file="/work/p.yaml" onClose={() => undefined} onStarted={(id) => started.push(id)} />
        </ApiClientProvider>
      </QueryClientProvider>,
    ),
  );
}

const field = <T extends HTMLElement>(id: string) => container.querySelector<T>(`#run-param-${id}`) as T;
function type(id: string, value: string) {
  const input = field<HTMLInputElement>(id);
  act(() => {
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set?.call(input, value);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}
function choose(id: string, value: string) {
  const select = field<HTMLSelectElement>(id);
  act(() => {
    select.value = value;
    select.dispatchEvent(new Event('change', { bubbles: true }));
  });
}
const submit = async () => {
  await act(async () => {
    (container.querySelector('button[type=submit]') as HTMLButtonElement).click();
  });
};
const errors = () => [...container.querySelectorAll('.run-param-error')].map((e) => e.textContent);

beforeEach(() => {
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
  calls = [];
  started = [];
});
afterEach(() => {
  act(() => root.unmount());
  container.remove();
});

describe('run dialog params form', () => {
  it('builds a field per param: text, number, checkbox and select, with defaults, descriptions and the required mark', () => {
    render();
    expect(field<HTMLInputElement>('dataset').value).toBe('');
    expect(field<HTMLInputElement>('dataset').required).toBe(true);
    expect(container.querySelector('label[for=run-param-dataset]')?.textContent).toContain('*');
    expect(container.textContent).toContain('Where the rows come from.');
    expect(field<HTMLInputElement>('rows').value).toBe('100');
    expect(field<HTMLInputElement>('rows').inputMode).toBe('numeric');
    expect(field<HTMLInputElement>('rate').inputMode).toBe('decimal');
    expect(field<HTMLInputElement>('shuffle').type).toBe('checkbox');
    expect(field<HTMLInputElement>('shuffle').checked).toBe(true);
    expect(field<HTMLSelectElement>('model').tagName).toBe('SELECT');
    expect([...field<HTMLSelectElement>('model').options].map((o) => o.value)).toEqual(['linear', 'forest', 'boost']);
    expect(field<HTMLSelectElement>('model').value).toBe('forest');
    expect(container.querySelector('label[for=run-param-rows]')?.textContent).not.toContain('*');
  });

  it('shows each invalid value under its field and does not start the run', async () => {
    render();
    type('rows', '12.5');
    expect(errors()).toEqual(['Param "rows" is a int; "12.5" is not.']);
    type('rate', 'fast');
    await submit();
    expect(errors()).toEqual(['Required.', 'Param "rows" is a int; "12.5" is not.', 'Param "rate" is a float; "fast" is not.']);
    expect(field<HTMLInputElement>('rows').getAttribute('aria-invalid')).toBe('true');
    expect(calls).toEqual([]);
    type('rows', '');
    expect(errors()).toContain('Give a int (the default is 100).');
  });

  it('sends the typed values as strings, with the no-cache choice, and reports the new run', async () => {
    render();
    type('dataset', 's3://bucket/rows.csv');
    type('rows', '250');
    type('rate', '0.25');
    act(() => field<HTMLInputElement>('shuffle').click());
    choose('model', 'boost');
    act(() => (container.querySelector('input[type=checkbox]:not([id])') as HTMLInputElement).click());
    await submit();
    expect(errors()).toEqual([]);
    expect(calls).toEqual([
      {
        method: 'pipelines.run',
        input: { text: PIPELINE, file: '/work/p.yaml', params: { dataset: 's3://bucket/rows.csv', rows: '250', rate: '0.25', shuffle: 'false', model: 'boost' }, noCache: true, detach: false },
      },
    ]);
    expect(started).toEqual(['run-1']);
  });

  it('an invalid pipeline shows its problems with line and column instead of a form', () => {
    render(PIPELINE.replace('kind: Pipeline', 'kind: Workflow'));
    expect(container.querySelector('form')).toBeNull();
    expect(container.textContent).toMatch(/\/work\/p\.yaml:2:1: Set kind: Pipeline\./);
  });
});
