import { describe, expect, it } from 'vitest';
import { findCycle, leavesOf, topologicalOrder, upstreamOf } from './dag.ts';

const diamond = { pull: [], features: ['pull'], 'train-a': ['features'], 'train-b': ['features'], select: ['train-a', 'train-b'] };

describe('dag', () => {
  it('orders dependencies first and finds leaves and upstream sets', () => {
    expect(topologicalOrder({ select: ['train-a', 'train-b'], 'train-a': ['features'], 'train-b': ['features'], features: ['pull'], pull: [] })).toEqual([
      'pull',
      'features',
      'train-a',
      'train-b',
      'select',
    ]);
    expect(leavesOf(diamond)).toEqual(['select']);
    expect([...upstreamOf(diamond, 'select')].sort()).toEqual(['features', 'pull', 'train-a', 'train-b']);
    expect(findCycle(diamond)).toBeNull();
  });

  it('returns a cycle in the direction work flows', () => {
    expect(findCycle({ a: ['c'], b: ['a'], c: ['b'] })).toEqual(['a', 'b', 'c', 'a']);
  });
});
