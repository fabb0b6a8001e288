import { describe, expect, it } from 'vitest';
import { layoutGraph, type LayoutInput } from './elk-layout.ts';

function chainOfDiamonds(count: number): LayoutInput {
  const nodes = Array.from({ length: count }, (_, i) => ({ id: `s${i}`, width: 180 + (i % 3) * 10, height: 60 }));
  const edges = nodes.slice(1).flatMap((node, i) => {
    const index = i + 1;
    const sources = [Math.floor((index - 1) / 2), index - 1].filter((value, at, all) => all.indexOf(value) === at);
    return sources.map((source) => ({ id: `s${source}->${node.id}`, source: `s${source}`, target: node.id }));
  });
  return { nodes, edges };
}

function overlaps(a: { x: number; y: number; width: number; height: number }, b: { x: number; y: number; width: number; height: number }): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

describe('layoutGraph', () => {
  it('places every node, sends every edge left to right and overlaps nothing', async () => {
    const input = chainOfDiamonds(40);
    const { positions, width, height } = await layoutGraph(input);
    expect([...positions.keys()].sort()).toEqual(input.nodes.map((n) => n.id).sort());
    const boxes = input.nodes.map((node) => ({ ...node, ...(positions.get(node.id) as { x: number; y: number }) }));
    for (const box of boxes) {
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(width);
      expect(box.y + box.height).toBeLessThanOrEqual(height);
    }
    for (const edge of input.edges) {
      const source = boxes.find((b) => b.id === edge.source);
      const target = boxes.find((b) => b.id === edge.target);
      expect(source && target && source.x + source.width).toBeLessThan(target?.x ?? 0);
    }
    for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) expect(overlaps(boxes[i], boxes[j]), `${boxes[i].id} vs ${boxes[j].id}`).toBe(false);
  });

  it('lays out top-down on request and ignores edges to unknown nodes or to themselves', async () => {
    const { positions } = await layoutGraph(
      { nodes: [{ id: 'a', width: 50, height: 20 }, { id: 'b', width: 50, height: 20 }], edges: [{ id: '1', source: 'a', target: 'b' }, { id: '2', source: 'a', target: 'ghost' }, { id: '3', source: 'b', target: 'b' }] },
      { direction: 'DOWN' },
    );
    expect(positions.size).toBe(2);
    expect((positions.get('a')?.y ?? 0) + 20).toBeLessThan(positions.get('b')?.y ?? 0);
  });

  it('handles an empty graph', async () => {
    const result = await layoutGraph({ nodes: [], edges: [] });
    expect(result.positions.size).toBe(0);
  });
});
