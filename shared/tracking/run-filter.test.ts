import { describe, expect, it } from 'vitest';
import { parseRunFilter, parseRunOrderBy } from './run-filter.ts';

describe('MLflow run filter grammar', () => {
  it('parses metrics, params, tags, attributes and datasets joined with AND', () => {
    const text = `metrics.acc > 0.9 and params.lr = '0.01' AND tags."mlflow.runName" LIKE 'cnn%' and attributes.status != "FAILED" and attribute.run_id IN ('a', "b") and datasets.name = 'train' and metric.loss <= -1e-3`;
    const at = (start: string) => text.indexOf(start) + 1;
    const result = parseRunFilter(text);
    expect(result).toEqual({
      ok: true,
      clauses: [
        { entity: 'metric', key: 'acc', op: '>', value: 0.9, column: 1 },
        { entity: 'param', key: 'lr', op: '=', value: '0.01', column: at('params.lr') },
        { entity: 'tag', key: 'mlflow.runName', op: 'LIKE', value: 'cnn%', column: at('tags."mlflow') },
        { entity: 'attribute', key: 'status', op: '!=', value: 'FAILED', column: at('attributes.status') },
        { entity: 'attribute', key: 'run_id', op: 'IN', value: ['a', 'b'], column: at('attribute.run_id') },
        { entity: 'dataset', key: 'name', op: '=', value: 'train', column: at('datasets.name') },
        { entity: 'metric', key: 'loss', op: '<=', value: -0.001, column: at('metric.loss') },
      ],
    });
  });

  it('keys with dots, slashes and backquotes; created is start_time; empty is no clause', () => {
    expect(parseRunFilter('metrics.val/loss < 1 and tags.`my tag` = "x" and attributes.created > 5')).toMatchObject({
      ok: true,
      clauses: [
        { entity: 'metric', key: 'val/loss' },
        { entity: 'tag', key: 'my tag' },
        { entity: 'attribute', key: 'start_time', value: 5 },
      ],
    });
    expect(parseRunFilter('')).toEqual({ ok: true, clauses: [] });
    expect(parseRunFilter('tags.note IS NULL')).toMatchObject({ ok: true, clauses: [{ entity: 'tag', key: 'note', op: 'IS NULL', value: null }] });
  });

  it.each([
    ['metrics.acc > high', /Expected a number/],
    ["params.lr > '0.1'", /does not compare strings/],
    ['metrics.a > 1 or metrics.b > 1', /AND only/],
    ['accuracy > 0.9', /use a prefix/],
    ['foo.bar = 1', /Invalid entity type "foo"/],
    ['attributes.color = "red"', /Invalid attribute key "color"/],
    ["params.lr = 'x", /Unterminated quote/],
    ['metrics.acc >', /Expected a value/],
    ['metrics.acc IN (1)', /IN works on string attributes/],
    ["params.lr = 'a' and", /ends after AND/],
  ])('rejects %s with a message and a column', (filter, message) => {
    const result = parseRunFilter(filter);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.message).toMatch(message);
      expect(result.column).toBeGreaterThan(0);
    }
  });

  it('parses order_by entries', () => {
    expect(parseRunOrderBy('metrics.acc DESC')).toEqual({ ok: true, order: { entity: 'metric', key: 'acc', ascending: false } });
    expect(parseRunOrderBy('start_time')).toEqual({ ok: true, order: { entity: 'attribute', key: 'start_time', ascending: true } });
    expect(parseRunOrderBy('params.`a b` asc')).toEqual({ ok: true, order: { entity: 'param', key: 'a b', ascending: true } });
    expect(parseRunOrderBy('colour DESC').ok).toBe(false);
  });
});
