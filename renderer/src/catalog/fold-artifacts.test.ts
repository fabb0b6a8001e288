import { describe, expect, it } from 'vitest';
import type { LineageGraph } from '../../../shared/catalog/model.ts';
import { foldArtifacts } from './fold-artifacts.ts';

const node = (id: string, kind: LineageGraph['nodes'][number]['kind'], label = id) => ({ id, kind, label, runId: 'r', step: null, digest: null });

describe('foldArtifacts', () => {
  it('keeps datasets, steps and versions as nodes and turns intermediate artifacts into edge labels', () => {
    const graph: LineageGraph = {
      nodes: [node('pull', 'step'), node('raw', 'dataset', 'pull.raw'), node('features', 'step'), node('table', 'artifact', 'features.table'), node('train', 'step'), node('m', 'model_version'), node('select', 'step')],
      edges: [
        { source: 'pull', target: 'raw', relation: 'produced' },
        { source: 'raw', target: 'features', relation: 'consumed' },
        { source: 'features', target: 'table', relation: 'produced' },
        { source: 'table', target: 'train', relation: 'consumed' },
        { source: 'features', target: 'train', relation: 'depends' },
        { source: 'train', target: 'm', relation: 'registered' },
        { source: 'select', target: 'm', relation: 'selected' },
      ],
    };
    const display = foldArtifacts(graph);
    expect(display.nodes.map((n) => n.id)).toEqual(['pull', 'raw', 'features', 'train', 'm', 'select']);
    expect(display.edges).toEqual([
      { source: 'pull', target: 'raw', relation: 'produced', label: null },
      { source: 'raw', target: 'features', relation: 'consumed', label: null },
      { source: 'features', target: 'train', relation: 'artifact', label: 'features.table' },
      { source: 'train', target: 'm', relation: 'registered', label: null },
      { source: 'select', target: 'm', relation: 'selected', label: 'selected' },
    ]);
  });
});
