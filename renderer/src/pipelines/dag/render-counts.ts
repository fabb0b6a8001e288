import { useLiveRunStore } from './live-run-store.ts';

/** How many times each step node rendered: read by the render-count test and bench/dag.ts. */
export const stepNodeRenders = new Map<string, number>();

export function countStepNodeRender(name: string): void {
  stepNodeRenders.set(name, (stepNodeRenders.get(name) ?? 0) + 1);
}

/**
 * bench/dag.ts reads the counts from the page and feeds the live-run store the event shape that
 * runs.events delivers, so that it can count renders without starting 200 containers.
 */
export interface DagProbe {
  renders: ReadonlyMap<string, number>;
  liveRun: typeof useLiveRunStore;
}

if (typeof window !== 'undefined') (window as Window & { benchtopDagProbe?: DagProbe }).benchtopDagProbe = { renders: stepNodeRenders, liveRun: useLiveRunStore };
