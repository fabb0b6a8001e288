import { describe, expect, it } from 'vitest';
import { sortFloat64 } from './radix-sort.ts';
import { seededRandom } from './seeded-random.ts';

describe('sortFloat64', () => {
  it('sorts as a comparison sort does: negatives, zeros, ties, tiny and huge values', () => {
    const random = seededRandom(3);
    const values = Float64Array.from({ length: 50_000 }, (_, i) => (i % 5 === 0 ? Math.round(random.normal(0, 3)) : i % 7 === 0 ? random.normal(0, 1e-300) : random.normal(0, 1e6)));
    values[10] = -0;
    values[11] = Number.MAX_VALUE;
    values[12] = -Number.MAX_VALUE;
    const expected = Array.from(values).sort((a, b) => a - b);
    const sorted = sortFloat64(values.slice());
    const mismatches = expected.filter((v, i) => v !== sorted[i]).length;
    expect(mismatches).toBe(0);
  });
});
