import type { ContainerState } from '../../../shared/domain/containers.ts';

/** A coloured badge whose text is the engine's state word ("running", "exited"…). */
export function StateBadge({ state }: { state: ContainerState }) {
  return <span className={`badge badge-${state}`}>{state}</span>;
}
