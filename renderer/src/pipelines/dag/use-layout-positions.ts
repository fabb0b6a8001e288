import { useEffect, useMemo, useState } from 'react';
import type { PipelineGraph } from '../../../../shared/pipeline/edit/pipeline-graph.ts';
import { layoutGraph } from '../../graph/elk-layout.ts';
import { NODE_HEIGHT, NODE_WIDTH } from './build-flow.ts';

const EMPTY: ReadonlyMap<string, { x: number; y: number }> = new Map();

/** elk positions for the graph's structure; recomputed only when steps or edges change, not on other edits. */
export function useElkPositions(graph: PipelineGraph | null): { positions: ReadonlyMap<string, { x: number; y: number }>; ready: boolean } {
  const signature = useMemo(() => (graph ? JSON.stringify([graph.steps.map((s) => s.name), graph.edges.map((e) => e.id)]) : null), [graph]);
  const [result, setResult] = useState<{ signature: string | null; positions: ReadonlyMap<string, { x: number; y: number }> }>({ signature: null, positions: EMPTY });
  useEffect(() => {
    if (!graph || signature === null) return;
    let cancelled = false;
    void layoutGraph({ nodes: graph.steps.map((s) => ({ id: s.name, width: NODE_WIDTH, height: NODE_HEIGHT })), edges: graph.edges }, { layerSpacing: 56, nodeSpacing: 20 }).then((laid) => {
      if (!cancelled) setResult({ signature, positions: laid.positions });
    });
    return () => {
      cancelled = true;
    };
    // The graph object changes on every edit; its structure is the signature.
  }, [signature]);
  return { positions: result.positions, ready: result.signature === signature };
}
