// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import type { RunSummary } from '../../../shared/pipeline/run-model.ts';
import { drawPage, testRoot } from '../test-support/render-page.tsx';
import { RunHistory } from './RunHistory.tsx';

// The page is real; the core answers the run list from a table (real runs in e2e/runs.spec.ts).
// What is checked: how often the window's clock ticks for the table's durations.
const run = (id: string, finishedAt: string | null): RunSummary => ({
  id,
  name: `busybox-select ${id}`,
  pipeline: 'busybox-select',
  file: null,
  state: finishedAt ? 'succeeded' : 'running',
  message: null,
  params: {},
  createdAt: new Date(Date.now() - 5_000).toISOString(),
  finishedAt,
  rerunOf: null,
  rerunMode: null,
  steps: {},
});

const page = testRoot();

async function intervalsFor(runs: RunSummary[]): Promise<number[]> {
  const { clockIntervals } = await drawPage(page.root(), <RunHistory />, { 'runs.list': runs, 'runs.pipelines': [] });
  expect(page.container().querySelectorAll('tbody tr')).toHaveLength(runs.length);
  return clockIntervals;
}

describe('RunHistory', () => {
  it('ticks durations every second while a listed run runs', async () => {
    expect(await intervalsFor([run('a', null), run('b', new Date().toISOString())])).toContain(1000);
  });

  it('stays still when every listed run has finished (once a minute)', async () => {
    const intervals = await intervalsFor([run('b', new Date().toISOString())]);
    expect(intervals).not.toContain(1000);
    expect(intervals).toContain(60_000);
  });
});
