import { describe, expect, it } from 'vitest';
import { describeFilterError, parseVersionFilter } from './version-filter.ts';

describe('parseVersionFilter', () => {
  it('reads bare metrics, prefixed fields and AND', () => {
    const result = parseVersionFilter("accuracy > 0.9 and metrics.loss <= 1e-2 AND params.kind = 'forest' AND tags.team == \"vision ml\" AND alias = champion");
    expect(result).toEqual({
      ok: true,
      clauses: [
        { field: { kind: 'metric', key: 'accuracy' }, op: '>', value: 0.9, column: 1 },
        { field: { kind: 'metric', key: 'loss' }, op: '<=', value: 0.01, column: 20 },
        { field: { kind: 'param', key: 'kind' }, op: '=', value: 'forest', column: 45 },
        { field: { kind: 'tag', key: 'team' }, op: '=', value: 'vision ml', column: 72 },
        { field: { kind: 'alias' }, op: '=', value: 'champion', column: 101 },
      ],
    });
  });

  it('takes an empty filter as no clauses, and negative numbers and LIKE', () => {
    expect(parseVersionFilter('   ')).toEqual({ ok: true, clauses: [] });
    expect(parseVersionFilter('delta>-0.5')).toMatchObject({ ok: true, clauses: [{ field: { kind: 'metric', key: 'delta' }, op: '>', value: -0.5 }] });
    expect(parseVersionFilter("name LIKE 'iris%'")).toMatchObject({ ok: true, clauses: [{ field: { kind: 'name' }, op: 'LIKE', value: 'iris%' }] });
  });

  it.each([
    ['accuracy > high', 12, 'compares with a number'],
    ['accuracy >', 11, 'Expected a value'],
    ['accuracy 0.9', 10, 'Expected an operator'],
    ['accuracy > 0.9 OR loss < 1', 16, 'Expected AND'],
    ['accuracy > 0.9 AND', 19, 'A clause must follow AND'],
    ["tags.team = 'vision", 13, 'Unclosed'],
    ['accuracy > 0.9 AND (loss < 1)', 20, 'Unexpected "("'],
    ['tags.team > 3', 11, 'takes =, != or LIKE'],
    ['metrics. > 3', 9, 'Name the metric'],
  ])('%s → error at column %i', (text, column, message) => {
    const result = parseVersionFilter(text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.column).toBe(column);
    expect(result.error.message).toContain(message);
    expect(describeFilterError(text, result.error)).toBe(`Filter "${text}", column ${column}: ${result.error.message}`);
  });
});
