import { describe, expect, it } from 'vitest';
import { ChunkedDecoder } from './chunked-decoder.ts';

function chunked(parts: string[], trailer = ''): Buffer {
  return Buffer.from(parts.map((p) => `${Buffer.byteLength(p).toString(16)}\r\n${p}\r\n`).join('') + `0\r\n${trailer}\r\n`);
}

function decodeIn(pieces: Buffer[]): { body: string; done: boolean } {
  const decoder = new ChunkedDecoder();
  let body = '';
  for (const piece of pieces) body += decoder.push(piece).toString('latin1');
  return { body, done: decoder.done };
}

describe('ChunkedDecoder', () => {
  const wire = chunked(['hello ', 'chunked', 'x'.repeat(300), 'end']);
  const body = `hello chunked${'x'.repeat(300)}end`;

  it('joins the chunks of one read into one buffer and sees the end', () => {
    expect(decodeIn([wire])).toEqual({ body, done: true });
  });

  it('decodes the same body whatever the read boundaries', () => {
    for (let size = 1; size <= 40; size++) {
      const pieces: Buffer[] = [];
      for (let i = 0; i < wire.length; i += size) pieces.push(wire.subarray(i, i + size));
      expect(decodeIn(pieces), `reads of ${size}`).toEqual({ body, done: true });
    }
  });

  it('accepts upper-case hex sizes, chunk extensions and trailers', () => {
    const raw = Buffer.from(`A;name=value\r\n0123456789\r\n0\r\nX-Trailer: 1\r\n\r\n`);
    expect(decodeIn([raw])).toEqual({ body: '0123456789', done: true });
  });

  it('is not done until the terminating chunk arrives', () => {
    expect(decodeIn([Buffer.from('3\r\nabc\r\n')])).toEqual({ body: 'abc', done: false });
  });

  it('rejects a malformed size line', () => {
    expect(() => new ChunkedDecoder().push(Buffer.from('zz\r\n'))).toThrow(/Malformed chunked body/);
  });
});
