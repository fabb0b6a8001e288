import { describe, expect, it } from 'vitest';
import { checkRunName, generateRunName, RUN_NAME_ADJECTIVES, RUN_NAME_NOUNS, runNameWithoutPipeline } from './run-name.ts';

/** A seeded generator (mulberry32), so the test is the same every time. */
function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('run names', () => {
  it('are "<pipeline> <adjective>-<noun>" from our lists', () => {
    expect(generateRunName('train-and-select', new Set(), seeded(1))).toMatch(/^train-and-select [a-z]+-[a-z]+$/);
    expect(new Set(RUN_NAME_ADJECTIVES).size).toBe(RUN_NAME_ADJECTIVES.length);
    expect(new Set(RUN_NAME_NOUNS).size).toBe(RUN_NAME_NOUNS.length);
  });

  it('never repeat within a pipeline, past every pair of words too', () => {
    const taken = new Set<string>();
    const random = seeded(7);
    const total = RUN_NAME_ADJECTIVES.length * RUN_NAME_NOUNS.length + 50;
    for (let i = 0; i < total; i++) {
      const name = generateRunName('p', taken, random);
      expect(taken.has(name)).toBe(false);
      taken.add(name);
    }
    expect(taken.size).toBe(total);
    expect([...taken].filter((n) => /-\d+$/.test(n))).toHaveLength(50);
  });

  it('a random source that always repeats still gives a free name', () => {
    const stuck = () => 0;
    const first = generateRunName('p', new Set(), stuck);
    expect(generateRunName('p', new Set([first]), stuck)).not.toBe(first);
  });

  it('user-given names are trimmed and checked', () => {
    expect(checkRunName('  my   run ')).toEqual({ ok: true, name: 'my run' });
    expect(checkRunName('   ')).toMatchObject({ ok: false, problem: expect.stringContaining('cannot be empty') });
    expect(checkRunName('x'.repeat(121))).toMatchObject({ ok: false, problem: expect.stringContaining('at most 120') });
    expect(checkRunName('a\u0007b')).toMatchObject({ ok: false, problem: expect.stringContaining('control characters') });
  });

  it('drop the pipeline for chart labels', () => {
    expect(runNameWithoutPipeline({ pipeline: 'p', name: 'p brave-otter' })).toBe('brave-otter');
    expect(runNameWithoutPipeline({ pipeline: 'p', name: 'my own' })).toBe('my own');
  });
});
