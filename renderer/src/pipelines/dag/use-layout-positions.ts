import { useMemo } from 'react';
import type { PipelineGraph } from '../../../../shared/pipeline/edit/pipeline-graph.ts';
import { layoutLayered } from '../../graph/layered-layout.ts';
import { NODE_HEIGHT, NODE_WIDTH } from './build-flow.ts';

const EMPTY: ReadonlyMap<string, { x: number; y: number }> = new Map();

/**
 * Layered positions for the graph's structure, computed in the render that first shows it (the
 * layout is synchronous: a few ms for 200 steps) and again only when steps or edges change, not on
 * other edits. `ready` is kept for the canvas's contract (always true once there is a graph).
 */
export function useLayoutPositions(graph: PipelineGraph | null): { positions: ReadonlyMap<string, { x: number; y: number }>; ready: boolean } {
  const signature = useMemo(() => (graph ? JSON.stringify([graph.steps.map((s) => s.name), graph.edges.map((e) => e.id)]) : null), [graph]);
  const positions = useMemo(
    () =>
      graph
        ? layoutLayered({ nodes: graph.steps.map((s) => ({ id: s.name, width: NODE_WIDTH, height: NODE_HEIGHT })), edges: graph.edges }, { layerSpacing: 56, nodeSpacing: 20 }).positions
        : EMPTY,
    // The graph object changes on every edit; its structure is the signature.
    [signature],
  );
  return { positions, ready: graph !== null };
}
