/**
 * The same 30-step DAG run twice with the cache on: the second run is fully cached. Ends with
 * `cache: ratio=R target<=0.002` (cached re-run time over first run time, medians).
 *
 * Where a cached re-run's time went (CPU profile of 20 re-runs, issue 20; CPU per re-run of 30
 * steps on the shared, loaded 2-core machine), and the change that removed it:
 * - preparing SQL statements on every store call: ~16 ms → a statement cache in the pipeline
 *   store (`store/statement-cache.ts`) prepares each text once;
 * - parsing the same pipeline YAML again: ~14 ms → `PipelineParseCache` keeps the last 16 texts'
 *   (frozen) results;
 * - looking up the step's previous key fields (a join over the run history) on every step, though
 *   only a miss uses them: ~7 ms → only a miss does;
 * - one commit per write of a hit (decision, result, state): the hit's writes now share one
 *   transaction (not measured on its own).
 * Before: cached re-run 113 ms median (ratio 0.004); after, three runs on the same (shared, load
 * 20–30) machine: 12.8 ms (0.0007), 20.6 ms (0.0010), and once 415 ms (0.014) when two of the three
 * re-runs stalled at load 30 (20 re-runs in a row right after measured 10–16 ms median). Image digests were already looked up once per
 * image per run. What is left: the run's own rows and events (about 0.4 ms per step).
 */
import { benchService, chainPipeline, STEPS, timedRun } from './support/pipelines.ts';
import { median } from './support/median.ts';

const REPETITIONS = 3;
const { service, close } = benchService();
try {
  const first: number[] = [];
  const cached: number[] = [];
  for (let i = 0; i < REPETITIONS; i++) {
    // A salt per repetition makes every step new for the first run.
    const text = chainPipeline('bench-cache', 2).replace(/parallelism: 2\n/, `parallelism: 2\ndefaults: { cache: { salt: 'r${i}-${Date.now()}' } }\n`);
    first.push(await timedRun(service, text, true));
    cached.push(await timedRun(service, text, true));
    const detail = service.list(1)[0];
    if (Object.values(detail.steps).some((s) => s !== 'cached')) throw new Error('the re-run was not fully cached');
  }
  const firstMs = median(first);
  const cachedMs = median(cached);
  console.log(`first run: median ${firstMs.toFixed(0)} ms [${first.map((t) => t.toFixed(0)).join(', ')}]`);
  console.log(`cached re-run: median ${cachedMs.toFixed(1)} ms [${cached.map((t) => t.toFixed(1)).join(', ')}], ${(cachedMs / STEPS).toFixed(2)} ms per step`);
  console.log(`cache: ratio=${(cachedMs / firstMs).toFixed(4)} target<=0.002`);
} finally {
  close();
}
process.exit(0);
