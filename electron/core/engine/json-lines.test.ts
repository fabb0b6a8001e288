import { describe, expect, it } from 'vitest';
import { createJsonLineParser } from './json-lines.ts';

function collect() {
  const values: unknown[] = [];
  const invalid: string[] = [];
  const parser = createJsonLineParser(
    (value) => values.push(value),
    (line) => invalid.push(line),
  );
  return { parser, values, invalid };
}

describe('createJsonLineParser', () => {
  it('joins objects split across chunks, mid-object and mid-character', () => {
    const { parser, values } = collect();
    const text = '{"Action":"start","Actor":{"Attributes":{"name":"héllo"}}}\n{"Action":"die"}\n';
    const bytes = Buffer.from(text);
    const cut = bytes.indexOf(Buffer.from('é')) + 1;
    parser.push(bytes.subarray(0, 10));
    parser.push(bytes.subarray(10, cut));
    parser.push(bytes.subarray(cut, bytes.length - 5));
    expect(values).toHaveLength(1);
    parser.push(bytes.subarray(bytes.length - 5));
    expect(values).toEqual([{ Action: 'start', Actor: { Attributes: { name: 'héllo' } } }, { Action: 'die' }]);
  });

  it('handles several objects in one chunk, blank lines, CRLF and a final line without newline', () => {
    const { parser, values } = collect();
    parser.push('{"a":1}\n\n{"a":2}\r\n{"a":3}');
    expect(values).toEqual([{ a: 1 }, { a: 2 }]);
    parser.end();
    expect(values).toEqual([{ a: 1 }, { a: 2 }, { a: 3 }]);
  });

  it('skips a broken line and goes on', () => {
    const { parser, values, invalid } = collect();
    parser.push('{"a":1}\n{not json}\n{"a":2}\n');
    expect(values).toEqual([{ a: 1 }, { a: 2 }]);
    expect(invalid).toEqual(['{not json}']);
  });
});
