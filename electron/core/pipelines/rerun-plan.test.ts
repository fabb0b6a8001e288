import { describe, expect, it } from 'vitest';
import { stepsToRerun } from './rerun-plan.ts';

// pull → features → {train-a, train-b} → select; plus an unrelated branch `report`.
const depends = { pull: [], features: ['pull'], 'train-a': ['features'], 'train-b': ['features'], select: ['train-a', 'train-b'], report: [] };
const sorted = (set: Set<string>) => [...set].sort();

describe('stepsToRerun', () => {
  it('failed: the steps that did not succeed and everything downstream of them; succeeded and cached ones are reused', () => {
    const source = { pull: 'cached', features: 'succeeded', 'train-a': 'succeeded', 'train-b': 'failed', select: 'succeeded', report: 'succeeded' } as const;
    expect(sorted(stepsToRerun(depends, source, { kind: 'failed' }))).toEqual(['select', 'train-b']);
  });

  it('failed: upstream_failed, cancelled and skipped steps run again too', () => {
    const source = { pull: 'succeeded', features: 'cancelled', 'train-a': 'upstream_failed', 'train-b': 'upstream_failed', select: 'upstream_failed', report: 'skipped' } as const;
    expect(sorted(stepsToRerun(depends, source, { kind: 'failed' }))).toEqual(['features', 'report', 'select', 'train-a', 'train-b']);
  });

  it('failed on a run that succeeded: nothing to run again', () => {
    const source = Object.fromEntries(Object.keys(depends).map((s) => [s, 'succeeded' as const]));
    expect(stepsToRerun(depends, source, { kind: 'failed' }).size).toBe(0);
  });

  it('from a step: that step and its downstream; upstream and unrelated branches are reused', () => {
    const source = Object.fromEntries(Object.keys(depends).map((s) => [s, 'succeeded' as const]));
    expect(sorted(stepsToRerun(depends, source, { kind: 'from', step: 'train-a' }))).toEqual(['select', 'train-a']);
    expect(sorted(stepsToRerun(depends, source, { kind: 'from', step: 'features' }))).toEqual(['features', 'select', 'train-a', 'train-b']);
  });

  it('all: every step', () => {
    expect(stepsToRerun(depends, {}, { kind: 'all' }).size).toBe(6);
  });
});
