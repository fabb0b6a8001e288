import { describe, expect, it } from 'vitest';
import { cacheKey, canonicalJson, differingFields, type CacheFields } from './cache-key.ts';

const fields: CacheFields = {
  imageDigest: 'sha256:aa',
  command: ['python', 'train.py'],
  args: ['--lr', '0.1'],
  env: { SEED: '1' },
  params: { lr: '0.1' },
  inputs: { data: 'd1' },
  outputs: { artifacts: { model: { path: '/m' } } },
  salt: '',
};

describe('cache key', () => {
  it('does not depend on key order', () => {
    expect(canonicalJson({ b: 1, a: [2, { d: 1, c: 2 }] })).toBe('{"a":[2,{"c":2,"d":1}],"b":1}');
    expect(cacheKey({ ...fields, env: { SEED: '1' } })).toBe(cacheKey(JSON.parse(JSON.stringify(fields)) as CacheFields));
  });
  it('changes with any field and names what changed', () => {
    const changed = { ...fields, args: ['--lr', '0.2'], params: { lr: '0.2' }, inputs: { data: 'd2' } };
    expect(cacheKey(changed)).not.toBe(cacheKey(fields));
    expect(differingFields(changed, fields)).toEqual(['the args', 'param lr', 'input artifact data']);
    expect(differingFields(fields, fields)).toEqual([]);
  });
});
