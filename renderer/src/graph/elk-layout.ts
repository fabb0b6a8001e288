import type { ELK, ElkNode } from 'elkjs/lib/elk-api.js';

export interface LayoutNodeInput {
  id: string;
  width: number;
  height: number;
}

export interface LayoutEdgeInput {
  id: string;
  source: string;
  target: string;
}

export interface LayoutInput {
  nodes: readonly LayoutNodeInput[];
  edges: readonly LayoutEdgeInput[];
}

export interface LayoutOptions {
  /** 'RIGHT' (default): sources on the left, edges run left to right. */
  direction?: 'RIGHT' | 'DOWN';
  /** Space between layers (columns), px. */
  layerSpacing?: number;
  /** Space between nodes of one layer, px. */
  nodeSpacing?: number;
}

export interface LayoutResult {
  /** Top-left corner of each node, by id. */
  positions: Map<string, { x: number; y: number }>;
  width: number;
  height: number;
}

let elk: Promise<ELK> | null = null;

/** elkjs (1.5 MB) loads on the first layout, in its own chunk. */
function loadElk(): Promise<ELK> {
  // elkjs is CommonJS: its module.exports is the constructor, which TypeScript types as the module.
  elk ??= import('elkjs/lib/elk.bundled.js').then((module) => new (module.default as unknown as new () => ELK)());
  return elk;
}

/**
 * Lays a directed graph out in layers with elkjs (left to right by default). Edges whose
 * source or target is not a node are ignored, so callers can pass a graph that is being edited.
 */
export async function layoutGraph(input: LayoutInput, options: LayoutOptions = {}): Promise<LayoutResult> {
  const engine = await loadElk();
  const ids = new Set(input.nodes.map((node) => node.id));
  const graph: ElkNode = {
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': options.direction ?? 'RIGHT',
      'elk.layered.spacing.nodeNodeBetweenLayers': String(options.layerSpacing ?? 80),
      'elk.spacing.nodeNode': String(options.nodeSpacing ?? 24),
      'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
      'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
      // 7 by default; 2 keeps crossings low on pipeline-shaped graphs at a third of the time (200 nodes: ~150 ms).
      'elk.layered.thoroughness': '2',
      'elk.separateConnectedComponents': 'true',
    },
    children: input.nodes.map((node) => ({ id: node.id, width: node.width, height: node.height })),
    edges: input.edges
      .filter((edge) => ids.has(edge.source) && ids.has(edge.target) && edge.source !== edge.target)
      .map((edge) => ({ id: edge.id, sources: [edge.source], targets: [edge.target] })),
  };
  const laid = await engine.layout(graph);
  const positions = new Map<string, { x: number; y: number }>();
  for (const child of laid.children ?? []) positions.set(child.id, { x: child.x ?? 0, y: child.y ?? 0 });
  return { positions, width: laid.width ?? 0, height: laid.height ?? 0 };
}
