/**
 * A 30-step DAG of busybox `true` steps (two chains, parallelism 2) run by the pipeline executor,
 * against the same `docker run --rm`s driven by `xargs -P 2` in dependency order, alternating in the
 * same run. Ends with `scheduler: ratio=R target<=1.10`.
 */
import { spawnSync } from 'node:child_process';
import { benchService, chainPipeline, median, STEPS, IMAGE, timedRun } from './support/pipelines.ts';

const REPETITIONS = 3;

function baseline(): number {
  const names = Array.from({ length: STEPS }, (_, i) => `s${i}`).join('\n');
  const started = performance.now();
  const result = spawnSync('sh', ['-c', `xargs -P 2 -I{} docker run --rm --label benchtop.test=1 ${IMAGE} true`], { input: names, stdio: ['pipe', 'inherit', 'inherit'] });
  if (result.status !== 0) throw new Error('the xargs baseline failed');
  return performance.now() - started;
}

const { service, close } = benchService();
try {
  const ours: number[] = [];
  const theirs: number[] = [];
  for (let i = 0; i < REPETITIONS; i++) {
    theirs.push(baseline());
    ours.push(await timedRun(service, chainPipeline('bench-scheduler', 2), false));
  }
  const oursMs = median(ours);
  const theirsMs = median(theirs);
  console.log(`executor: median ${oursMs.toFixed(0)} ms over ${REPETITIONS} runs [${ours.map((t) => t.toFixed(0)).join(', ')}], ${((oursMs / STEPS) * 2).toFixed(0)} ms per step per slot`);
  console.log(`xargs -P 2 docker run: median ${theirsMs.toFixed(0)} ms over ${REPETITIONS} runs [${theirs.map((t) => t.toFixed(0)).join(', ')}]`);
  console.log(`scheduler: ratio=${(oursMs / theirsMs).toFixed(2)} target<=1.10`);
} finally {
  close();
}
process.exit(0);
