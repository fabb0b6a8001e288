import { describe, expect, it } from 'vitest';
import { PipelineParseCache } from './parse-cache.ts';

const text = `apiVersion: benchtop/v1
kind: Pipeline
metadata: { name: p }
steps:
  a: { image: busybox, command: ['true'] }
`;

describe('PipelineParseCache', () => {
  it('parses a text once and hands back the same frozen result', () => {
    const cache = new PipelineParseCache();
    const first = cache.parse(text);
    expect(first.ok).toBe(true);
    expect(cache.parse(text)).toBe(first);
    expect(Object.isFrozen(first.ok && first.spec.steps.a)).toBe(true);
    expect(cache.parse(`${text}  b: { image: busybox, command: ['true'] }\n`)).not.toBe(first);
  });

  it('keeps problems of an invalid text too', () => {
    const cache = new PipelineParseCache();
    const bad = cache.parse('kind: [');
    expect(bad.ok).toBe(false);
    expect(cache.parse('kind: [')).toBe(bad);
  });
});
