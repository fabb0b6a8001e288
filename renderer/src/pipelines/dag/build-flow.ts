import { MarkerType, type Edge, type Node } from '@xyflow/react';
import type { GraphStep, PipelineGraph } from '../../../../shared/pipeline/edit/pipeline-graph.ts';

export const NODE_WIDTH = 190;
export const NODE_HEIGHT = 78;

export type StepNodeData = Pick<GraphStep, 'name' | 'image' | 'gpu' | 'retryLimit' | 'cacheEnabled'> & {
  /** Whether an artifact flow enters / leaves the step: only then does the node draw that handle. */
  artifactIn: boolean;
  artifactOut: boolean;
};
export type StepFlowNode = Node<StepNodeData, 'step'>;
export type Positions = ReadonlyMap<string, { x: number; y: number }> | Readonly<Record<string, { x: number; y: number }>>;

const positionIn = (positions: Positions, name: string) => (positions instanceof Map ? positions.get(name) : (positions as Record<string, { x: number; y: number }>)[name]);

/**
 * xyflow nodes for the steps. A node whose data and position did not change is the previous
 * object itself, so that xyflow (and React.memo) leaves it alone.
 */
export function buildNodes(graph: PipelineGraph, positions: Positions, fallback: Positions, previous: readonly StepFlowNode[], selected: string | null): StepFlowNode[] {
  const before = new Map(previous.map((node) => [node.id, node]));
  const artifactSources = new Set<string>();
  const artifactTargets = new Set<string>();
  for (const edge of graph.edges) {
    if (edge.kind !== 'artifact') continue;
    artifactSources.add(edge.source);
    artifactTargets.add(edge.target);
  }
  return graph.steps.map((step, index) => {
    const old = before.get(step.name);
    const position = positionIn(positions, step.name) ?? positionIn(fallback, step.name) ?? old?.position ?? { x: 0, y: index * (NODE_HEIGHT + 20) };
    const isSelected = step.name === selected;
    const artifactIn = artifactTargets.has(step.name);
    const artifactOut = artifactSources.has(step.name);
    if (
      old &&
      old.position.x === position.x &&
      old.position.y === position.y &&
      (old.selected ?? false) === isSelected &&
      old.data.image === step.image &&
      old.data.gpu === step.gpu &&
      old.data.retryLimit === step.retryLimit &&
      old.data.cacheEnabled === step.cacheEnabled &&
      old.data.artifactIn === artifactIn &&
      old.data.artifactOut === artifactOut
    ) {
      return old;
    }
    return {
      id: step.name,
      type: 'step',
      position,
      selected: isSelected,
      deletable: false,
      width: NODE_WIDTH,
      height: NODE_HEIGHT,
      data: { name: step.name, image: step.image, gpu: step.gpu, retryLimit: step.retryLimit, cacheEnabled: step.cacheEnabled, artifactIn, artifactOut },
    };
  });
}

/** Edges: `depends` solid with an arrow (deletable), artifact flows dashed and labelled (they follow the inputs). */
export function buildEdges(graph: PipelineGraph, previous: readonly Edge[]): Edge[] {
  const before = new Map(previous.map((edge) => [edge.id, edge]));
  return graph.edges.map((edge) => {
    const old = before.get(edge.id);
    if (old && (old.label ?? null) === edge.label) return old;
    return edge.kind === 'depends'
      ? { id: edge.id, source: edge.source, target: edge.target, sourceHandle: 'out', targetHandle: 'in', type: 'default', className: 'dag-edge-depends', markerEnd: { type: MarkerType.ArrowClosed }, deletable: true }
      : { id: edge.id, source: edge.source, target: edge.target, sourceHandle: 'artifact-out', targetHandle: 'artifact-in', type: 'artifact', className: 'dag-edge-artifact', label: edge.label ?? undefined, deletable: false, selectable: false };
  });
}
