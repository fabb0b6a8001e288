import type { RunState, StepState } from '../../../shared/pipeline/run-model.ts';

/** A run's or step's state as a coloured pill (colours per state in the runs section of styles.css). */
export function RunStateBadge({ state }: { state: RunState | StepState }) {
  return <span className={`badge run-state run-state-${state}`}>{state.replace('_', ' ')}</span>;
}
