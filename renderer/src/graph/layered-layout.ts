import type { LayoutInput, LayoutOptions, LayoutResult } from './elk-layout.ts';

/** Barycentre sweeps (down then up) that order each layer to keep crossings low. */
const ORDERING_SWEEPS = 4;

/**
 * A small layered (Sugiyama-style) layout for pipeline-shaped DAGs, synchronous and linear-ish in
 * the graph's size: cycles broken by a depth-first pass (back edges ignored), longest-path layers
 * with sources pulled next to their first consumer, barycentre ordering sweeps, then each node
 * placed at the mean of its upstream neighbours and pushed clear of the one above it. Same input,
 * options and result as `layoutGraph` (elk), without elk's 1.5 MB chunk and its time: 200 steps
 * take a few ms here against 150 ms-2 s with elk (quiet vs loaded machine). The pipelines DAG uses
 * it; the catalog's lineage keeps elk.
 */
export function layoutLayered(input: LayoutInput, options: LayoutOptions = {}): LayoutResult {
  const layerSpacing = options.layerSpacing ?? 80;
  const nodeSpacing = options.nodeSpacing ?? 24;
  const down = options.direction === 'DOWN';
  const nodes = input.nodes;
  const count = nodes.length;
  if (count === 0) return { positions: new Map(), width: 0, height: 0 };
  // "along" runs with the edges (x when left to right), "across" within a layer.
  const along = nodes.map((n) => (down ? n.height : n.width));
  const across = nodes.map((n) => (down ? n.width : n.height));

  const indexOf = new Map(nodes.map((node, i) => [node.id, i]));
  const out: number[][] = nodes.map(() => []);
  const seen = new Set<string>();
  for (const edge of input.edges) {
    const s = indexOf.get(edge.source);
    const t = indexOf.get(edge.target);
    if (s === undefined || t === undefined || s === t || seen.has(`${s} ${t}`)) continue;
    seen.add(`${s} ${t}`);
    out[s].push(t);
  }

  // Break cycles (a graph being edited may have one): drop edges back to a node on the DFS stack.
  const succ: number[][] = nodes.map(() => []);
  const pred: number[][] = nodes.map(() => []);
  const state = new Uint8Array(count); // 0 new, 1 on the stack, 2 done
  for (let root = 0; root < count; root++) {
    if (state[root] !== 0) continue;
    const stack: [number, number][] = [[root, 0]];
    state[root] = 1;
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      const [v, next] = top;
      if (next >= out[v].length) {
        state[v] = 2;
        stack.pop();
        continue;
      }
      top[1]++;
      const w = out[v][next];
      if (state[w] === 1) continue;
      succ[v].push(w);
      pred[w].push(v);
      if (state[w] === 0) {
        state[w] = 1;
        stack.push([w, 0]);
      }
    }
  }

  // Longest-path layers in topological order (Kahn, model order for ties).
  const layer = new Int32Array(count);
  const waiting = pred.map((p) => p.length);
  const queue: number[] = [];
  for (let v = 0; v < count; v++) if (waiting[v] === 0) queue.push(v);
  for (let head = 0; head < queue.length; head++) {
    const v = queue[head];
    for (const w of succ[v]) {
      layer[w] = Math.max(layer[w], layer[v] + 1);
      if (--waiting[w] === 0) queue.push(w);
    }
  }
  // A source feeding only later layers sits just before its first consumer (shorter edges).
  for (let v = 0; v < count; v++) {
    if (pred[v].length === 0 && succ[v].length > 0) layer[v] = Math.max(0, Math.min(...succ[v].map((w) => layer[w])) - 1);
  }

  const layerCount = Math.max(...layer) + 1;
  const layers: number[][] = Array.from({ length: layerCount }, () => []);
  for (let v = 0; v < count; v++) layers[layer[v]].push(v);

  // Order within layers: barycentres of the neighbours' relative positions, down then up.
  const rank = new Float64Array(count);
  const setRanks = (members: number[]) => members.forEach((v, i) => (rank[v] = (i + 0.5) / members.length));
  layers.forEach(setRanks);
  const sortBy = (members: number[], neighbours: number[][]) => {
    const key = new Map<number, number>();
    for (const v of members) {
      const list = neighbours[v];
      key.set(v, list.length === 0 ? rank[v] : list.reduce((sum, u) => sum + rank[u], 0) / list.length);
    }
    members.sort((a, b) => (key.get(a) as number) - (key.get(b) as number) || rank[a] - rank[b]);
    setRanks(members);
  };
  for (let sweep = 0; sweep < ORDERING_SWEEPS; sweep++) {
    if (sweep % 2 === 0) for (let l = 1; l < layerCount; l++) sortBy(layers[l], pred);
    else for (let l = layerCount - 2; l >= 0; l--) sortBy(layers[l], succ);
  }

  // Along: each layer as deep as its deepest node. Across: at the mean centre of the upstream
  // neighbours (stacked when there are none), then pushed clear of the node before it.
  const layerStart: number[] = [];
  let cursor = 0;
  for (const members of layers) {
    layerStart.push(cursor);
    cursor += Math.max(...members.map((v) => along[v])) + layerSpacing;
  }
  const position = new Float64Array(count);
  const place = (members: number[], neighbours: number[][]) => {
    let floor = -Infinity;
    for (const v of members) {
      const list = neighbours[v];
      const wanted = list.length === 0 ? floor : list.reduce((sum, u) => sum + position[u] + across[u] / 2, 0) / list.length - across[v] / 2;
      position[v] = Math.max(wanted, floor === -Infinity ? wanted : floor);
      if (!Number.isFinite(position[v])) position[v] = 0;
      floor = position[v] + across[v] + nodeSpacing;
    }
  };
  for (const members of layers) place(members, pred);
  // Sources (no upstream) move next to their consumers, then their layer is settled again.
  for (const members of layers) {
    if (!members.some((v) => pred[v].length === 0 && succ[v].length > 0)) continue;
    const neighbours = members.map((v) => (pred[v].length === 0 ? succ[v] : pred[v]));
    const byMember = new Map(members.map((v, i) => [v, neighbours[i]]));
    place(
      members,
      nodes.map((_, v) => byMember.get(v) ?? []),
    );
  }

  let minAcross = Infinity;
  for (let v = 0; v < count; v++) minAcross = Math.min(minAcross, position[v]);
  const positions = new Map<string, { x: number; y: number }>();
  let width = 0;
  let height = 0;
  for (let v = 0; v < count; v++) {
    const a = layerStart[layer[v]];
    const c = position[v] - minAcross;
    const x = down ? c : a;
    const y = down ? a : c;
    positions.set(nodes[v].id, { x, y });
    width = Math.max(width, x + nodes[v].width);
    height = Math.max(height, y + nodes[v].height);
  }
  return { positions, width, height };
}
