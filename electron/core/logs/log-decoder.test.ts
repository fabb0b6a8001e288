import { describe, expect, it } from 'vitest';
import type { LogLine } from '../../../shared/domain/logs.ts';
import { frame } from './test-support/frame.ts';
import { LogDecoder, type LogDecoderOptions } from './log-decoder.ts';

function decode(chunks: Buffer[], options: LogDecoderOptions): LogLine[] {
  const decoder = new LogDecoder(options);
  const out: LogLine[] = [];
  for (const chunk of chunks) decoder.push(chunk, out);
  decoder.end(out);
  return out;
}

const plain = { tty: false, timestamps: false };
const out = (text: string, ts: string | null = null): LogLine => ({ stream: 'stdout', ts, text });
const err = (text: string, ts: string | null = null): LogLine => ({ stream: 'stderr', ts, text });

describe('LogDecoder', () => {
  it('decodes both streams into lines, in order', () => {
    const wire = Buffer.concat([frame(1, 'one\ntwo\n'), frame(2, 'oops\n'), frame(1, 'three\n')]);
    expect(decode([wire], plain)).toEqual([out('one'), out('two'), err('oops'), out('three')]);
  });

  it('keeps a UTF-8 character whole when a chunk boundary cuts it, per stream', () => {
    // "é" is C3 A9, "€" is E2 82 AC, "🚀" is F0 9F 9A 80; the stderr frame comes between the halves.
    const outBytes = Buffer.from('café €5 🚀\n');
    const cut = outBytes.indexOf(0x9f);
    const wire = Buffer.concat([frame(1, outBytes.subarray(0, cut)), frame(2, 'ß\n'), frame(1, outBytes.subarray(cut))]);
    expect(decode([wire], plain)).toEqual([err('ß'), out('café €5 🚀')]);
    for (let at = 1; at < wire.length; at++) {
      expect(decode([wire.subarray(0, at), wire.subarray(at)], plain), `cut at ${at}`).toEqual([err('ß'), out('café €5 🚀')]);
    }
  });

  it('collapses carriage-return progress and keeps ANSI escapes', () => {
    const tqdm = 'epoch 1:   0%|          | 0/100\repoch 1:  50%|█████     | 50/100\repoch 1: 100%|██████████| 100/100\n';
    const wire = Buffer.concat([frame(2, tqdm.slice(0, 40)), frame(2, tqdm.slice(40)), frame(1, '\x1b[32mok\x1b[0m\r\n')]);
    expect(decode([wire], plain)).toEqual([err('epoch 1: 100%|██████████| 100/100'), out('\x1b[32mok\x1b[0m')]);
  });

  it('reads a TTY container raw: everything is stdout, \\r\\n ends lines', () => {
    const raw = Buffer.from('prompt\r\nstep 1/3\rstep 3/3\r\nno newline');
    expect(decode([raw.subarray(0, 5), raw.subarray(5)], { tty: true, timestamps: false })).toEqual([out('prompt'), out('step 3/3'), out('no newline')]);
  });

  it('moves timestamps into ts before collapsing progress', () => {
    const wire = Buffer.concat([
      frame(1, '2024-05-01T12:00:00.000000001Z first\n'),
      frame(2, '2024-05-01T12:00:01.5Z 10%\r100%\n'),
    ]);
    expect(decode([wire], { tty: false, timestamps: true })).toEqual([
      out('first', '2024-05-01T12:00:00.000000001Z'),
      err('100%', '2024-05-01T12:00:01.5Z'),
    ]);
  });

  it('emits an unfinished last line at the end, per stream', () => {
    const wire = Buffer.concat([frame(1, 'partial out'), frame(2, 'partial err')]);
    expect(decode([wire], plain)).toEqual([out('partial out'), err('partial err')]);
  });
});
