import type { StepState } from '../../../shared/pipeline/run-model.ts';
import type { TriggerRule } from '../../../shared/pipeline/schema.ts';

export type TriggerDecision = 'run' | 'skipped' | 'upstream_failed';

const SUCCESS = new Set<StepState>(['succeeded', 'cached']);
const FAILURE = new Set<StepState>(['failed', 'errored', 'upstream_failed', 'lost', 'cancelled']);

/**
 * Decides a step once every step it depends on is final (as Argo's dag.go does, so no eager rules):
 * - all_success: every upstream succeeded; a failure upstream → upstream_failed, else a skip → skipped.
 * - all_done: runs whatever happened upstream.
 * - all_done_min_one_success: runs when at least one upstream succeeded; else upstream_failed (skipped when all were skipped).
 * - none_failed: runs when nothing upstream failed (skips are fine).
 */
export function decideTrigger(rule: TriggerRule, upstream: readonly StepState[]): TriggerDecision {
  if (upstream.length === 0) return 'run';
  const anyFailure = upstream.some((s) => FAILURE.has(s));
  const anySuccess = upstream.some((s) => SUCCESS.has(s));
  switch (rule) {
    case 'all_success':
      return anyFailure ? 'upstream_failed' : upstream.every((s) => SUCCESS.has(s)) ? 'run' : 'skipped';
    case 'all_done':
      return 'run';
    case 'all_done_min_one_success':
      return anySuccess ? 'run' : anyFailure ? 'upstream_failed' : 'skipped';
    case 'none_failed':
      return anyFailure ? 'upstream_failed' : 'run';
  }
}
