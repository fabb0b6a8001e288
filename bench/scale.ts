/**
 * The Runs and Experiments views at scale, in Chromium through the web host, each size in its own
 * real SQLite home seeded straight through SQL (the tables the core writes): 10,000 pipeline runs
 * (3 steps, 2 params each) and 10,000 tracked (MLflow) runs against 100 of each, in the same run.
 * Measured on each size (medians of REPETITIONS, a fresh page each, the two sizes' web hosts up
 * together and their rounds alternating):
 *  - Runs: navigation click → first row drawn; typing a filter → every drawn row matches it.
 *    (Each time runs from the page's own click/input/key event to the frame that shows it.)
 *  - Experiments: navigation click → first row drawn; a metric filter (`metrics.loss < 0.005`,
 *    submitted) → exactly the matching runs drawn (counted when seeding).
 *  - One tracked run with a 100,000-point `loss` history opened in the run detail → its chart drawn
 *    (the same run at both sizes: printed, and in the ratio too).
 * Ends with `scale: ratio=R target<=2`: R the worst big/small median ratio; the absolute times at
 * 10,000 are printed and must stay under 300 ms (the bound; over it the bench says so and
 * exits 1).
 *
 * The scale measured, plainly: the issue asks for 10,000 tracked runs "with 100,000 metric points
 * each", i.e. 10^9 points: at ~40 bytes a row with its index in SQLite that is ~40 GB and hours of
 * inserts on this machine (2 cores, shared disk), which is not feasible here. This bench seeds
 * 100,000 metric points in total across the 10,000 tracked runs (10 each, which is what their list
 * and filter read: the latest value per key) plus one run with a 100,000-point history, which is
 * what a run's detail reads. The list and filter costs do not depend on the history length (they
 * read `mlflow_run_latest_metrics`, kept by a trigger); the detail's cost does, and is measured on
 * the 100,000-point run.
 *
 * Profiled (page CPU profile, the core with --cpu-prof, WebSocket timestamps): the Runs page listed
 * 1,000 runs for its pipeline filter's choices (170 ms of the core at 10,000, holding up a filter
 * typed just after) and drew 200 rows; the watcher of other processes' runs scanned every run and
 * its steps at each stream open and database write (300 ms at 10,000); Experiments asked for 500
 * runs, sorted every run (MLflow's order had no index) and looked each run's metric up for a filter.
 * Now: `runs.pipelines`, pages of 100 (show more), the first 40 rows drawn first, indexes for both
 * orders and the watcher, metric filters as an indexed set (migration 10). First run of this bench
 * (loaded machine): ratio 4.97 with the Runs filter at 603 ms; now 1.67, every figure at 10,000
 * under 300 ms (Runs paint 145, filter 62; Experiments paint 68, filter 53; detail 201 ms).
 * Later (issue 20, quiet machine): the Experiments filter was the worst ratio, 1.89–2.04 (21–28 ms
 * against 43–53 ms). Its core query takes 0.13 ms at 100 runs and 2.6 ms at 10,000. The rest was
 * drawing: 47 runs match at 10,000 against 1 at 100, and a table of more than 40 rows drew 40 in its
 * first frame and the other 7 a frame later. Short lists (up to 80 rows) are now drawn whole at once:
 * that filter took 34, 47, 44 and 37 ms at 10,000 in four runs (ratios 1.38, 1.84, 1.91, 1.51)
 * against 43 and 53 ms before (1.89, 2.04). Single runs swing by ±10 ms here; the bench stays near
 * its line.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { chromium, type Browser, type Page } from '@playwright/test';
import { startWebHostProcess } from '../e2e/support/web-host.ts';
import { openStore } from '../electron/core/store/database.ts';
import { median } from './support/median.ts';

const SMALL = 100;
const LARGE = 10_000;
const POINTS_PER_RUN = 10;
const LONG_HISTORY = 100_000;
const REPETITIONS = 7;
const BOUND_MS = 300;
const PIPELINES = 10;
const EXPERIMENT_ID = '1';
const LONG_RUN_ID = 'f'.repeat(32);
/** The Experiments filter: `metrics.loss < FILTER_BELOW`. */
const FILTER_BELOW = 0.005;

const hex = (n: number, width = 32) => n.toString(16).padStart(width, '0');

/** A home with `count` pipeline runs and `count` tracked runs (+ the long-history run). */
function seedHome(count: number): { home: string; matching: number } {
  const home = mkdtempSync(join(tmpdir(), `benchtop-bench-scale-${count}-`));
  const store = openStore(join(home, 'benchtop.db'));
  const db = store.db;
  const started = performance.now();
  const base = Date.UTC(2026, 0, 1);
  store.transaction(() => {
    const run = db.prepare("INSERT INTO pipeline_runs (id, pipeline, file, spec, state, use_cache, created_at, finished_at) VALUES (?, ?, NULL, ?, 'succeeded', 1, ?, ?)");
    const param = db.prepare('INSERT INTO run_params (run_id, name, value) VALUES (?, ?, ?)');
    const step = db.prepare("INSERT INTO run_steps (run_id, step, position, state, started_at, finished_at) VALUES (?, ?, ?, 'succeeded', ?, ?)");
    for (let i = 0; i < count; i++) {
      const at = new Date(base + i * 60_000);
      const id = `${at.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15)}-${hex(i, 6)}`;
      const pipeline = `scale-${i % PIPELINES}`;
      const spec = JSON.stringify({ apiVersion: 'benchtop/v1', kind: 'Pipeline', metadata: { name: pipeline }, steps: {} });
      run.run(id, pipeline, spec, at.toISOString(), new Date(at.getTime() + 30_000).toISOString());
      param.run(id, 'seed', String(i));
      param.run(id, 'model', i % 2 ? 'forest' : 'linear');
      for (const [position, name] of ['prepare', 'train', 'evaluate'].entries()) step.run(id, name, position, at.toISOString(), at.toISOString());
    }

    db.prepare("INSERT INTO mlflow_experiments (experiment_id, name, artifact_location, lifecycle_stage, creation_time, last_update_time) VALUES (?, 'scale', NULL, 'active', ?, ?)").run(EXPERIMENT_ID, base, base);
    const tracked = db.prepare("INSERT INTO mlflow_runs (run_id, experiment_id, run_name, user_id, status, start_time, end_time, artifact_uri, lifecycle_stage) VALUES (?, ?, ?, 'bench', 'FINISHED', ?, ?, NULL, 'active')");
    const trackedParam = db.prepare('INSERT INTO mlflow_run_params (run_id, key, value) VALUES (?, ?, ?)');
    const metric = db.prepare('INSERT INTO mlflow_metrics (run_id, key, step, timestamp, value, is_nan) VALUES (?, ?, ?, ?, ?, 0)');
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let i = 0; i < count; i++) {
      const id = hex(i);
      const start = base + i * 60_000;
      tracked.run(id, EXPERIMENT_ID, `run-${i}`, start, start + 30_000);
      trackedParam.run(id, 'lr', String([0.1, 0.01, 0.001][i % 3]));
      // 10 points a run (100,000 in all at 10,000 runs): a falling loss ending anywhere in [0, 1).
      const last = random();
      for (let s = 0; s < POINTS_PER_RUN; s++) metric.run(id, 'loss', s, start + s * 1000, last + (POINTS_PER_RUN - 1 - s) * 0.1);
    }
    const start = base + count * 60_000;
    tracked.run(LONG_RUN_ID, EXPERIMENT_ID, 'long-history', start, start + 3_600_000);
    for (let s = 0; s < LONG_HISTORY; s++) metric.run(LONG_RUN_ID, 'loss', s, start + s * 10, 1 / (1 + s / 1000) + 0.01 * Math.sin(s / 50));
  });
  const matching = (db.prepare("SELECT COUNT(*) AS n FROM mlflow_run_latest_metrics WHERE key = 'loss' AND value < ?").get(FILTER_BELOW) as { n: number }).n;
  store.close();
  console.log(`seeded ${count} pipeline runs and ${count} tracked runs (${count * POINTS_PER_RUN} metric points + one run of ${LONG_HISTORY}) in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return { home, matching };
}

/** Polls `check` in the page every frame; it returns the page's performance.now() once its condition holds. */
async function frameWhen<A extends string | number | null>(page: Page, check: (arg: A) => number | false, arg: A): Promise<number> {
  const handle = await page.waitForFunction(check as (arg: unknown) => number | false, arg, { polling: 'raf', timeout: 60_000 });
  return (await handle.jsonValue()) as number;
}

interface Sample {
  runsPaint: number;
  runsFilter: number;
  experimentsPaint: number;
  experimentsFilter: number;
  detail: number;
}

/** The time of the person's last click, input or key press in the page (event.timeStamp, the page's performance.now()). */
const lastEvent = (page: Page, type: 'click' | 'input' | 'keydown') => page.evaluate((t) => (window as unknown as { benchLast: Record<string, number> }).benchLast[t], type);

async function measureOnce(browser: Browser, url: string, matching: number): Promise<Sample> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
  // Times run from the event itself, not from when Playwright was asked to act: finding a button
  // by its role walks the whole page, which is the test driver's cost, not the app's.
  await page.addInitScript(() => {
    const last: Record<string, number> = {};
    (window as unknown as { benchLast: Record<string, number> }).benchLast = last;
    for (const type of ['click', 'input', 'keydown']) window.addEventListener(type, (event) => (last[type] = event.timeStamp), { capture: true });
  });
  try {
    await page.goto(url);
    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('button', { name: 'Home', exact: true }).waitFor();

    // Runs: first paint, then a text filter.
    await nav.getByRole('button', { name: 'Runs', exact: true }).click();
    let t1 = await frameWhen(page, () => document.querySelector('table[aria-label="Runs"] tbody tr') !== null && performance.now(), null);
    const runsPaint = t1 - (await lastEvent(page, 'click'));
    await page.locator('input[aria-label="Filter runs"]').fill('scale-3');
    t1 = await frameWhen(
      page,
      () => {
        const rows = [...document.querySelectorAll('table[aria-label="Runs"] tbody tr')];
        return rows.length > 0 && rows.every((row) => row.textContent?.includes('scale-3')) && performance.now();
      },
      null,
    );
    const runsFilter = t1 - (await lastEvent(page, 'input'));

    // Experiments: first paint, then a metric filter.
    await nav.getByRole('button', { name: 'Experiments', exact: true }).click();
    t1 = await frameWhen(page, () => document.querySelector('table[aria-label="Tracking runs"] tbody tr') !== null && performance.now(), null);
    const experimentsPaint = t1 - (await lastEvent(page, 'click'));
    const box = page.getByRole('textbox', { name: 'Filter runs' });
    await box.fill(`metrics.loss < ${FILTER_BELOW}`);
    await box.press('Enter');
    // The seeded losses end anywhere in [0, 1): about 0.5 % of the runs match (counted when seeding).
    t1 = await frameWhen(page, (n) => document.querySelectorAll('table[aria-label="Tracking runs"] tbody tr').length === n && performance.now(), matching);
    const experimentsFilter = t1 - (await lastEvent(page, 'keydown'));

    // The long-history run's detail: its chart drawn.
    await box.fill('attributes.run_name = "long-history"');
    await box.press('Enter');
    const open = page.getByRole('button', { name: `Open tracking run ${LONG_RUN_ID}` });
    await open.waitFor();
    await open.click();
    t1 = await frameWhen(page, (id) => document.querySelector(`section[aria-label="Tracking run ${id}"] .metric-line-chart svg`) !== null && performance.now(), LONG_RUN_ID);
    const detail = t1 - (await lastEvent(page, 'click'));
    return { runsPaint, runsFilter, experimentsPaint, experimentsFilter, detail };
  } finally {
    await page.close();
  }
}

/** Both sizes side by side: the rounds alternate (small, large, small…) so that the machine's load swings hit both alike. */
async function measureBoth(browser: Browser): Promise<[Sample, Sample]> {
  const homes = [seedHome(SMALL), seedHome(LARGE)];
  const hosts = [];
  try {
    for (const { home } of homes) hosts.push(await startWebHostProcess({ BENCHTOP_HOME: home }));
    const samples: Sample[][] = [[], []];
    for (let i = 0; i < 2; i++) await measureOnce(browser, hosts[i].url, homes[i].matching); // warm-up: bundle parse, statement caches
    for (let round = 0; round < REPETITIONS; round++) for (let i = 0; i < 2; i++) samples[i].push(await measureOnce(browser, hosts[i].url, homes[i].matching));
    const pick = (list: Sample[]): Sample => {
      const m = (key: keyof Sample) => median(list.map((s) => s[key]));
      return { runsPaint: m('runsPaint'), runsFilter: m('runsFilter'), experimentsPaint: m('experimentsPaint'), experimentsFilter: m('experimentsFilter'), detail: m('detail') };
    };
    return [pick(samples[0]), pick(samples[1])];
  } finally {
    for (const host of hosts) await host.stop();
    for (const { home } of homes) rmSync(home, { recursive: true, force: true });
  }
}

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
try {
  const [small, large] = await measureBoth(browser);
  const labels: Record<keyof Sample, string> = {
    runsPaint: 'Runs first paint',
    runsFilter: 'Runs text filter',
    experimentsPaint: 'Experiments first paint',
    experimentsFilter: 'Experiments metric filter',
    detail: `run detail, ${LONG_HISTORY.toLocaleString('en')}-point history`,
  };
  let ratio = 0;
  let over = false;
  for (const key of Object.keys(labels) as (keyof Sample)[]) {
    const r = large[key] / small[key];
    ratio = Math.max(ratio, r);
    if (key !== 'detail' && large[key] > BOUND_MS) over = true;
    console.log(`${labels[key]}: ${SMALL} ${small[key].toFixed(0)} ms, ${LARGE.toLocaleString('en')} ${large[key].toFixed(0)} ms, ratio ${r.toFixed(2)} (medians of ${REPETITIONS})`);
  }
  if (over) {
    console.error(`scale: a first paint or filter at ${LARGE.toLocaleString('en')} took over ${BOUND_MS} ms`);
    process.exitCode = 1;
  }
  console.log(`scale: ratio=${ratio.toFixed(2)} target<=2`);
} finally {
  await browser.close();
}
