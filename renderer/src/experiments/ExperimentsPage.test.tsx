// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import type { TrackingRun } from '../../../shared/api/methods/tracking.ts';
import { drawPage, testRoot } from '../test-support/render-page.tsx';
import { ExperimentsPage } from './ExperimentsPage.tsx';

// The page is real; the core answers the runs from a table (real runs in e2e/experiments.spec.ts).
// What is checked: how often the window's clock ticks for the runs table's durations.
const run = (runId: string, endTime: number | null): TrackingRun => ({
  runId,
  experimentId: '1',
  experimentName: 'demo',
  runName: `run ${runId}`,
  status: endTime === null ? 'RUNNING' : 'FINISHED',
  startTime: Date.now() - 5_000,
  endTime,
  lifecycleStage: 'active',
  parentRunId: null,
  metrics: {},
  params: {},
  tags: {},
});

const page = testRoot();

async function intervalsFor(runs: TrackingRun[]): Promise<number[]> {
  const { clockIntervals } = await drawPage(page.root(), <ExperimentsPage />, {
    'tracking.runs': { runs, metricKeys: [], paramKeys: [], tagKeys: [], truncated: false },
    'tracking.experiments': [],
    'settings.get': { key: 'experiments.columns', value: null },
  });
  expect(page.container().querySelectorAll('table[aria-label="Tracking runs"] tbody tr')).toHaveLength(runs.length);
  return clockIntervals;
}

describe('ExperimentsPage runs table', () => {
  it('ticks durations every second while a listed run runs', async () => {
    expect(await intervalsFor([run('a', null), run('b', Date.now())])).toContain(1000);
  });

  it('stays still when every listed run has ended (once a minute)', async () => {
    const intervals = await intervalsFor([run('b', Date.now())]);
    expect(intervals).not.toContain(1000);
    expect(intervals).toContain(60_000);
  });
});
