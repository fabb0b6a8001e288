/**
 * The same 30-step DAG run twice with the cache on: the second run is fully cached. Ends with
 * `cache: ratio=R target<=0.02` (cached re-run time over first run time, medians).
 */
import { benchService, chainPipeline, median, STEPS, timedRun } from './support/pipelines.ts';

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
  console.log(`cache: ratio=${(cachedMs / firstMs).toFixed(3)} target<=0.02`);
} finally {
  close();
}
process.exit(0);
