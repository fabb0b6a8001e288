import { upstreamOf, type DependencyMap } from '../../../shared/pipeline/dag.ts';
import { SUCCESS_STEP_STATES, type StepState } from '../../../shared/pipeline/run-model.ts';

/** How a re-run treats its source run: every step again (through the cache), only what did not succeed, or from one step on. */
export type RerunMode = { kind: 'all' } | { kind: 'failed' } | { kind: 'from'; step: string };

export function rerunModeLabel(mode: RerunMode): string {
  return mode.kind === 'from' ? `from:${mode.step}` : mode.kind;
}

/**
 * The steps a re-run runs again; the others are reused from the source run as they are. A step
 * runs again when it did not succeed in the source (failed, upstream_failed, cancelled, skipped…),
 * when it is the chosen step (mode from), or when anything it depends on, directly or not, runs
 * again — so a reused result never sits downstream of a new one.
 */
export function stepsToRerun(depends: DependencyMap, source: Readonly<Record<string, StepState>>, mode: RerunMode): Set<string> {
  if (mode.kind === 'all') return new Set(Object.keys(depends));
  const seeds = new Set(Object.keys(depends).filter((step) => !SUCCESS_STEP_STATES.has(source[step] ?? 'pending')));
  if (mode.kind === 'from') seeds.add(mode.step);
  const rerun = new Set<string>();
  for (const step of Object.keys(depends)) {
    if (seeds.has(step) || [...upstreamOf(depends, step)].some((up) => seeds.has(up))) rerun.add(step);
  }
  return rerun;
}
