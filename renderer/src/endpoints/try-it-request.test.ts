import { describe, expect, it } from 'vitest';
import { buildTryItBody, defaultValue } from './try-it-request.ts';

describe('the Try it request', () => {
  const columns = [
    { name: 'a', type: 'double' },
    { name: 'n', type: 'long' },
    { name: 'flag', type: 'boolean' },
    { name: 'city', type: 'string' },
  ];

  it('types each value by its signature column, in dataframe_split form', () => {
    expect(JSON.parse(buildTryItBody(columns, { a: '1.5', n: '3', flag: 'true', city: 'Oslo' }))).toEqual({ dataframe_split: { columns: ['a', 'n', 'flag', 'city'], data: [[1.5, 3, true, 'Oslo']] } });
  });

  it('starts from a default per type and sends text that is not a number as typed (the endpoint names the column)', () => {
    expect(columns.map(defaultValue)).toEqual(['0', '0', 'false', '']);
    expect(JSON.parse(buildTryItBody(columns, { a: 'abc' })).dataframe_split.data[0]).toEqual(['abc', 0, false, '']);
  });
});
