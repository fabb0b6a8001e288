import { describe, expect, it } from 'vitest';
import { contract } from './contract.ts';

describe('the API contract', () => {
  it.each(Object.entries(contract))('%s takes a strict object: unknown and __proto__ keys are refused', (_name, spec) => {
    for (const input of [{ unexpected: 1 }, JSON.parse('{"__proto__": {"polluted": true}}')]) {
      const result = spec.input.safeParse(input);
      expect(result.success).toBe(false);
      expect(result.error?.issues.some((issue) => issue.code === 'unrecognized_keys')).toBe(true);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('names methods area.action and kinds query, mutation or stream', () => {
    for (const [name, spec] of Object.entries(contract)) {
      expect(name).toMatch(/^[a-z]+\.[a-zA-Z]+$/);
      expect(['query', 'mutation', 'stream']).toContain(spec.kind);
    }
  });

  it('defaults the logs tail to the last 1,000 lines, following', () => {
    expect(contract['containers.logs'].input.parse({ id: 'x' })).toEqual({ id: 'x', tail: 1000, follow: true, timestamps: false });
    expect(contract['containers.logs'].input.safeParse({ id: 'x', tail: -5 }).success).toBe(false);
    expect(contract['containers.logs'].input.parse({ id: 'x', tail: 'all', follow: false }).tail).toBe('all');
  });
});
