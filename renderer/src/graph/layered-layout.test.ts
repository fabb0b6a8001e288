import { describe, expect, it } from 'vitest';
import type { LayoutInput, LayoutResult } from './elk-layout.ts';
import { layoutLayered } from './layered-layout.ts';

/** The shape the dag bench draws: step i waits for one or two of the ten before it. */
function pipelineShaped(count: number): LayoutInput {
  const nodes = Array.from({ length: count }, (_, i) => ({ id: `s${i}`, width: 190, height: 78 }));
  const edges = nodes.slice(1).flatMap((node, index) => {
    const i = index + 1;
    const sources = [...new Set([Math.max(0, i - 1 - (i % 7)), Math.max(0, i - 1 - ((i * 3) % 10))])];
    return sources.map((source) => ({ id: `s${source}->${node.id}`, source: `s${source}`, target: node.id }));
  });
  return { nodes, edges };
}

function overlaps(a: { x: number; y: number; width: number; height: number }, b: { x: number; y: number; width: number; height: number }): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

function expectSound(input: LayoutInput, { positions, width, height }: LayoutResult, direction: 'RIGHT' | 'DOWN' = 'RIGHT'): void {
  expect([...positions.keys()].sort()).toEqual(input.nodes.map((n) => n.id).sort());
  const boxes = new Map(input.nodes.map((node) => [node.id, { ...node, ...(positions.get(node.id) as { x: number; y: number }) }]));
  for (const box of boxes.values()) {
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(width);
    expect(box.y + box.height).toBeLessThanOrEqual(height);
  }
  for (const edge of input.edges) {
    const source = boxes.get(edge.source);
    const target = boxes.get(edge.target);
    if (!source || !target || source === target) continue;
    if (direction === 'RIGHT') expect(source.x + source.width, `${edge.id}`).toBeLessThan(target.x);
    else expect(source.y + source.height, `${edge.id}`).toBeLessThan(target.y);
  }
  const list = [...boxes.values()];
  for (let i = 0; i < list.length; i++) for (let j = i + 1; j < list.length; j++) expect(overlaps(list[i], list[j]), `${list[i].id} vs ${list[j].id}`).toBe(false);
}

describe('layoutLayered', () => {
  it('places 200 pipeline steps without overlaps, every edge left to right', () => {
    const input = pipelineShaped(200);
    expectSound(input, layoutLayered(input, { layerSpacing: 56, nodeSpacing: 20 }));
  });

  it('puts a source just before its first consumer and a step after every step it waits for', () => {
    const input: LayoutInput = {
      nodes: ['a', 'b', 'c', 'late'].map((id) => ({ id, width: 100, height: 40 })),
      edges: [
        { id: '1', source: 'a', target: 'b' },
        { id: '2', source: 'b', target: 'c' },
        { id: '3', source: 'late', target: 'c' },
      ],
    };
    const { positions } = layoutLayered(input);
    expectSound(input, layoutLayered(input));
    expect(positions.get('late')?.x).toBe(positions.get('b')?.x);
  });

  it('lays out top-down on request, survives a cycle, and ignores edges to unknown nodes or to themselves', () => {
    const input: LayoutInput = {
      nodes: ['a', 'b', 'c'].map((id) => ({ id, width: 50, height: 20 })),
      edges: [
        { id: '1', source: 'a', target: 'b' },
        { id: '2', source: 'a', target: 'ghost' },
        { id: '3', source: 'b', target: 'b' },
        { id: '4', source: 'b', target: 'c' },
      ],
    };
    expectSound(input, layoutLayered(input, { direction: 'DOWN' }), 'DOWN');
    const cyclic = layoutLayered({ nodes: input.nodes, edges: [...input.edges, { id: '5', source: 'c', target: 'a' }] });
    expect(cyclic.positions.size).toBe(3);
    for (const p of cyclic.positions.values()) expect(Number.isFinite(p.x) && Number.isFinite(p.y)).toBe(true);
  });

  it('handles an empty graph and lone nodes', () => {
    expect(layoutLayered({ nodes: [], edges: [] }).positions.size).toBe(0);
    const lone: LayoutInput = { nodes: ['x', 'y'].map((id) => ({ id, width: 10, height: 10 })), edges: [] };
    expectSound(lone, layoutLayered(lone));
  });
});
