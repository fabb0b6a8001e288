import { describe, expect, it } from 'vitest';
import { FrameDemuxer, type StdStream } from './frame-demuxer.ts';
import { frame } from './test-support/frame.ts';

/** Runs `chunks` through a demuxer and joins what came out per stream, in order. */
function demux(chunks: Buffer[]): Array<[StdStream, string]> {
  const demuxer = new FrameDemuxer();
  const out: Array<[StdStream, string]> = [];
  for (const chunk of chunks) {
    demuxer.push(chunk, (stream, bytes) => {
      const last = out[out.length - 1];
      // Copy now: a run is only valid until the next push.
      if (last && last[0] === stream) last[1] += bytes.toString('latin1');
      else out.push([stream, bytes.toString('latin1')]);
    });
  }
  expect(demuxer.atFrameBoundary).toBe(true);
  return out;
}

function splitEvery(buffer: Buffer, size: number): Buffer[] {
  const parts: Buffer[] = [];
  for (let i = 0; i < buffer.length; i += size) parts.push(buffer.subarray(i, i + size));
  return parts;
}

describe('FrameDemuxer', () => {
  const wire = Buffer.concat([frame(1, 'out one\n'), frame(1, 'out two\n'), frame(2, 'err one\n'), frame(1, 'out three\n'), frame(2, '')]);
  const expected: Array<[StdStream, string]> = [
    ['stdout', 'out one\nout two\n'],
    ['stderr', 'err one\n'],
    ['stdout', 'out three\n'],
  ];

  it('separates stdout and stderr in order from one chunk', () => {
    expect(demux([wire])).toEqual(expected);
  });

  it('merges consecutive same-stream frames of a chunk into one run', () => {
    const runs: string[] = [];
    new FrameDemuxer().push(Buffer.concat([frame(1, 'a\n'), frame(1, 'b\n'), frame(1, 'c\n')]), (_s, bytes) => runs.push(bytes.toString()));
    expect(runs).toEqual(['a\nb\nc\n']);
  });

  it('handles every chunk size, cutting headers and payloads anywhere', () => {
    for (let size = 1; size <= wire.length; size++) {
      expect(demux(splitEvery(wire, size)), `chunks of ${size}`).toEqual(expected);
    }
  });

  it('handles a header cut into 3 + 5 bytes and a payload spread over many chunks', () => {
    const big = 'x'.repeat(70_000);
    const bytes = Buffer.concat([frame(2, big), frame(1, 'tail')]);
    expect(demux([bytes.subarray(0, 3), bytes.subarray(3, 8), ...splitEvery(bytes.subarray(8), 16_384)])).toEqual([
      ['stderr', big],
      ['stdout', 'tail'],
    ]);
  });

  it('reads frame sizes as unsigned 32-bit big-endian', () => {
    const payload = Buffer.alloc(0x01_02_03, 0x61);
    expect(demux([frame(1, payload)])[0][1].length).toBe(0x01_02_03);
  });
});
