import type { LineageEdge, LineageGraph } from '../../../shared/catalog/model.ts';

export interface DisplayEdge extends LineageEdge {
  /** What the edge carries: the artifact folded into it, or the relation when it says more than "feeds". */
  label: string | null;
}

/**
 * The graph to draw: intermediate artifacts become labels on the step → step edges they connect,
 * so a long pipeline stays readable; datasets, steps, features and versions stay nodes.
 */
export function foldArtifacts(graph: LineageGraph): { nodes: LineageGraph['nodes']; edges: DisplayEdge[] } {
  const folded = new Set(graph.nodes.filter((n) => n.kind === 'artifact').map((n) => n.id));
  const labels = new Map(graph.nodes.map((n) => [n.id, n.label]));
  const edges: DisplayEdge[] = [];
  const seen = new Set<string>();
  const push = (edge: DisplayEdge) => {
    const key = `${edge.source}\u0000${edge.target}\u0000${edge.label ?? ''}`;
    if (!seen.has(key)) {
      seen.add(key);
      edges.push(edge);
    }
  };
  for (const edge of graph.edges) {
    if (folded.has(edge.source)) continue;
    if (folded.has(edge.target)) {
      for (const next of graph.edges.filter((e) => e.source === edge.target)) {
        push({ source: edge.source, target: next.target, relation: 'artifact', label: labels.get(edge.target) ?? null });
      }
      continue;
    }
    push({ ...edge, label: edge.relation === 'selected' || edge.relation === 'depends' ? edge.relation : null });
  }
  // A step that depends on another through an artifact needs no second, unlabelled edge.
  const labelled = new Set(edges.filter((e) => e.relation === 'artifact').map((e) => `${e.source}\u0000${e.target}`));
  return { nodes: graph.nodes.filter((n) => !folded.has(n.id)), edges: edges.filter((e) => e.relation !== 'depends' || !labelled.has(`${e.source}\u0000${e.target}`)) };
}
