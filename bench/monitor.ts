/**
 * A drift report on 1,000,000 rows × 20 columns (10 numerical, 10 categorical) against Evidently
 * 0.7's default DataDriftPreset on the same data, in the same run. Both read the same two CSV files
 * (reference and current, 1,000,000 rows each, written here with a seeded generator); what is timed
 * is the compute from loaded data: Benchtop's computeDriftReport on the parsed typed columns, and
 * Evidently's Report.run on the pandas DataFrames (median of 3 runs for Benchtop; one run for Evidently, which takes minutes at this size). Needs the test peers
 * (.venv-peers, scripts/install-test-peers.sh). Ends with `monitor: ratio=R target<=0.1`.
 */
import { execFileSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { readCsvFrame } from '../electron/core/monitoring/csv-frame.ts';
import { peerPython } from '../electron/core/monitoring/python-peer.ts';
import { computeDriftReport } from '../shared/monitoring/drift-report.ts';
import { seededRandom } from '../shared/monitoring/seeded-random.ts';
import { median } from './support/median.ts';

const ROWS = Number(process.env.BENCH_MONITOR_ROWS ?? 1_000_000);
const RUNS = 3;
const NUMERICAL = 10;
const CATEGORICAL = 10;

async function writeTable(path: string, seed: number, drift: boolean): Promise<void> {
  const random = seededRandom(seed);
  const out = createWriteStream(path);
  const header = [...Array.from({ length: NUMERICAL }, (_, i) => `num_${i}`), ...Array.from({ length: CATEGORICAL }, (_, i) => `cat_${i}`)];
  let buffer = header.join(',') + '\n';
  for (let row = 0; row < ROWS; row++) {
    const cells: string[] = [];
    for (let i = 0; i < NUMERICAL; i++) {
      const shift = drift && i < 3 ? 0.3 : 0;
      cells.push((i % 2 ? Math.exp(random.normal(shift, 0.5)) : random.normal(10 * i + shift, 1 + i)).toFixed(4));
    }
    for (let i = 0; i < CATEGORICAL; i++) {
      const categories = 3 + 5 * i;
      const tilt = drift && i < 3 ? 0.5 : 1;
      cells.push(`c${i}_${Math.floor(random.uniform() ** tilt * categories)}`);
    }
    buffer += cells.join(',') + '\n';
    if (buffer.length > 1 << 20) {
      if (!out.write(buffer)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
      buffer = '';
    }
  }
  out.end(buffer);
  await new Promise<void>((resolve) => out.once('finish', () => resolve()));
}

async function main(): Promise<void> {
  const python = peerPython();
  if (!python) {
    console.error('bench monitor needs the test peers (.venv-peers with evidently): run scripts/install-test-peers.sh');
    process.exit(1);
  }
  const dir = mkdtempSync(join(tmpdir(), 'benchtop-bench-monitor-'));
  try {
    const reference = join(dir, 'reference.csv');
    const current = join(dir, 'current.csv');
    let started = performance.now();
    await writeTable(reference, 1, false);
    await writeTable(current, 2, true);
    console.log(`wrote 2 × ${ROWS.toLocaleString('en')} rows × ${NUMERICAL + CATEGORICAL} columns in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    started = performance.now();
    const [refFrame, curFrame] = [await readCsvFrame(reference), await readCsvFrame(current)];
    console.log(`benchtop: loaded the CSV files in ${((performance.now() - started) / 1000).toFixed(1)} s (not timed below)`);
    const times: number[] = [];
    let report = computeDriftReport(refFrame, curFrame);
    for (let run = 0; run < RUNS; run++) {
      started = performance.now();
      report = computeDriftReport(refFrame, curFrame);
      times.push((performance.now() - started) / 1000);
    }
    const ours = median(times);
    console.log(`benchtop: report from loaded data ${ours.toFixed(3)} s (median of ${RUNS}); drift share ${report.driftShare}`);
    const evidently = JSON.parse(execFileSync(python, [join(import.meta.dirname, 'monitor-evidently.py'), reference, current, '1'], { encoding: 'utf8', maxBuffer: 1 << 26 })) as {
      seconds: number;
      share: number;
      columns: Record<string, [string, number]>;
    };
    console.log(`evidently: Report([DataDriftPreset()]).run from loaded DataFrames ${evidently.seconds.toFixed(3)} s (one run); drift share ${evidently.share}`);
    const disagreements = report.columns.filter((c) => {
      const theirs = evidently.columns[c.name];
      return !theirs || Math.abs((c.pValue ?? c.statistic ?? NaN) - theirs[1]) > 1e-6;
    });
    console.log(disagreements.length ? `differences: ${disagreements.map((c) => `${c.name} ${c.statistic} vs ${evidently.columns[c.name]?.[1]}`).join('; ')}` : 'same test and score (to 1e-6) on every column, same drift share');
    console.log(`monitor: ratio=${(ours / evidently.seconds).toFixed(3)} target<=0.1`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
