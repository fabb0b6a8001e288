import { describe, expect, it } from 'vitest';
import { readPipelineGraph } from '../../../../shared/pipeline/edit/pipeline-graph.ts';
import { buildEdges, buildNodes } from './build-flow.ts';

const text = (image: string) => `steps:
  a: { image: x, command: [sh] , outputs: { artifacts: { o: { path: /o } } } }
  b: { image: ${image}, command: [sh], depends: [a], inputs: { artifacts: { i: { from: steps.a.outputs.artifacts.o, path: /i } } } }
`;

describe('buildNodes / buildEdges', () => {
  it('keeps the objects of unchanged nodes and edges, so that xyflow and memo skip them', () => {
    const first = readPipelineGraph(text('y'));
    const second = readPipelineGraph(text('z'));
    if (!first || !second) throw new Error('unreadable');
    const nodes = buildNodes(first, {}, new Map([['a', { x: 0, y: 0 }], ['b', { x: 300, y: 0 }]]), [], null);
    const again = buildNodes(second, { a: { x: 0, y: 0 } }, new Map([['b', { x: 300, y: 0 }]]), nodes, null);
    expect(again[0]).toBe(nodes[0]);
    expect(again[1]).not.toBe(nodes[1]);
    expect(again[1].data.image).toBe('z');
    expect(buildNodes(second, { b: { x: 5, y: 6 } }, new Map(), again, null)[1].position).toEqual({ x: 5, y: 6 });
    expect(nodes.every((n) => n.deletable === false)).toBe(true);
    expect(nodes.map((n) => [n.data.artifactOut, n.data.artifactIn])).toEqual([
      [true, false],
      [false, true],
    ]);

    const edges = buildEdges(first, []);
    expect(edges.map((e) => [e.id, e.className, e.deletable])).toEqual([
      ['d:a->b', 'dag-edge-depends', true],
      ['a:a->b', 'dag-edge-artifact', false],
    ]);
    expect(edges[1].label).toBe('o→i');
    expect(buildEdges(second, edges)).toEqual(edges);
    expect(buildEdges(second, edges)[0]).toBe(edges[0]);
  });
});
