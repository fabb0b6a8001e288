// @vitest-environment happy-dom
import { ReactFlowProvider } from '@xyflow/react';
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readPipelineGraph } from '../../../../shared/pipeline/edit/pipeline-graph.ts';
import { DagCanvas } from './DagCanvas.tsx';
import { useLiveRunStore } from './live-run-store.ts';
import { stepNodeRenders } from './render-counts.ts';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

// happy-dom has no layout engine: xyflow is given node sizes up front, and the canvas a size here.
class NoResizeObserver {
  observe() {}
  unobserve() {}
  disconnect() {}
}
(globalThis as { ResizeObserver?: unknown }).ResizeObserver ??= NoResizeObserver;

function pipeline(steps: number): string {
  const lines = ['apiVersion: benchtop/v1', 'kind: Pipeline', 'metadata: { name: render-count }', 'steps:'];
  for (let i = 0; i < steps; i++) {
    lines.push(`  s${i}:`, '    image: benchtop-test/busybox', "    command: [sh, -c, 'true']", '    outputs: { artifacts: { out: { path: /out } } }');
    if (i > 0) lines.push(`    depends: [s${Math.floor((i - 1) / 2)}]`, `    inputs: { artifacts: { in: { from: steps.s${Math.floor((i - 1) / 2)}.outputs.artifacts.out, path: /in } } }`);
  }
  return lines.join('\n');
}

const flush = async (ms = 50) => {
  for (let i = 0; i < 4; i++) await act(() => new Promise((resolve) => setTimeout(resolve, ms)));
};

let container: HTMLDivElement;
let root: Root;

beforeEach(() => {
  container = document.createElement('div');
  container.style.width = '1200px';
  container.style.height = '800px';
  document.body.append(container);
  root = createRoot(container);
  stepNodeRenders.clear();
  useLiveRunStore.setState({ runId: null, runState: null, steps: {}, problems: {} });
});

afterEach(() => {
  act(() => root.unmount());
  container.remove();
});

const noop = () => undefined;

describe('DagCanvas', () => {
  it('draws a node per step and re-renders only the node whose state changed', async () => {
    const graph = readPipelineGraph(pipeline(12));
    if (!graph) throw new Error('unreadable test pipeline');
    await act(async () =>
      root.render(
        <ReactFlowProvider>
          <DagCanvas graph={graph} saved={{}} selected={null} onSelect={noop} onMoved={noop} onConnect={noop} onDeleteDependency={noop} />
        </ReactFlowProvider>,
      ),
    );
    // elkjs loads and lays out asynchronously.
    for (let waited = 0; waited < 15_000 && container.querySelectorAll('[data-testid^="step-node-"]').length < 12; waited += 100) await flush(25);
    expect(container.querySelectorAll('[data-testid^="step-node-"]')).toHaveLength(12);
    // Edges need measured handle positions, which happy-dom cannot give: e2e/pipelines.spec.ts checks them in Chromium.

    await act(async () => useLiveRunStore.getState().watch('run-1'));
    await flush(10);
    const before = new Map(stepNodeRenders);
    await act(async () => useLiveRunStore.getState().apply({ type: 'step', runId: 'run-1', step: 's5', state: 'running', attempt: 1, message: null, at: new Date().toISOString() }));
    await flush(10);
    const rendered = [...stepNodeRenders].filter(([step, count]) => count !== before.get(step)).map(([step]) => step);
    expect(rendered).toEqual(['s5']);
    expect(container.querySelector('[data-testid="step-node-s5"]')?.getAttribute('data-state')).toBe('running');
    expect(container.querySelector('[data-testid="step-node-s4"]')?.getAttribute('data-state')).toBe('idle');

    // A validation problem on one step outlines that node only.
    const beforeProblems = new Map(stepNodeRenders);
    await act(async () => useLiveRunStore.getState().setProblems({ s3: ['7:5 Step "s3" depends on "ghost"'] }));
    await flush(10);
    expect([...stepNodeRenders].filter(([step, count]) => count !== beforeProblems.get(step)).map(([step]) => step)).toEqual(['s3']);
    const s3 = container.querySelector('[data-testid="step-node-s3"]');
    expect(s3?.classList.contains('dag-node-invalid')).toBe(true);
    expect(s3?.getAttribute('title')).toContain('ghost');
  });
});
