import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PullProgressTracker, type PullMessage } from './pull-progress.ts';

const recorded = readFileSync(new URL('./fixtures/pull-python-3.12-slim.jsonl', import.meta.url), 'utf8')
  .trim()
  .split('\n')
  .map((line) => JSON.parse(line) as { at: number; message: PullMessage });

function replay(upTo: number) {
  let now = 0;
  const tracker = new PullProgressTracker('python:3.12-slim', () => now);
  for (const { at, message } of recorded.slice(0, upTo)) {
    now = at;
    tracker.apply(message);
  }
  return tracker;
}

describe('PullProgressTracker on a recorded /images/create stream', () => {
  it('keeps one state per layer: exists, waiting, downloading x/y', () => {
    const progress = replay(8).snapshot();
    expect(progress.layers.map((l) => [l.id, l.state])).toEqual([
      ['a2318d6c47ec', 'exists'],
      ['9c94c1b8b1a1', 'downloading'],
      ['4f4fb700ef54', 'waiting'],
    ]);
    expect(progress.layers[1]).toMatchObject({ current: 3_000_000, total: 12_000_000, status: 'Downloading' });
    expect(progress.messages).toEqual(['Pulling from library/python']);
  });

  it('the overall fraction only grows and the ETA follows the download rate', () => {
    let previous = 0;
    for (let i = 1; i <= recorded.length; i++) {
      const fraction = replay(i).snapshot().fraction ?? 0;
      expect(fraction).toBeGreaterThanOrEqual(previous - 1e-9);
      previous = fraction;
    }
    // Halfway through the big layer: 4 MB/s measured, 6 MB + 3.5 MB left → about 2 s.
    const mid = replay(recorded.findIndex((r) => r.message.progressDetail?.current === 6_000_000) + 2).snapshot();
    expect(mid.bytesPerSecond).toBeGreaterThan(3_000_000);
    expect(mid.etaSeconds).toBeGreaterThanOrEqual(1);
    expect(mid.etaSeconds).toBeLessThanOrEqual(4);
    expect(mid.fraction).toBeGreaterThan(0.3);
    expect(mid.fraction).toBeLessThan(0.7);
  });

  it('ends with every layer complete, the digest and status lines, and 100 %', () => {
    const tracker = replay(recorded.length);
    tracker.finish('sha256:abc');
    const done = tracker.snapshot();
    expect(done.layers.map((l) => l.state)).toEqual(['exists', 'complete', 'complete']);
    expect(done.fraction).toBe(1);
    expect(done.etaSeconds).toBe(0);
    expect(done.done).toBe(true);
    expect(done.imageId).toBe('sha256:abc');
    expect(done.messages.at(-1)).toBe('Status: Downloaded newer image for python:3.12-slim');
  });

  it('extraction counts for the last part of a layer', () => {
    const extracting = recorded.findIndex((r) => r.message.status === 'Extracting');
    const before = replay(extracting).snapshot();
    const during = replay(extracting + 2).snapshot();
    const big = during.layers.find((l) => l.id === '9c94c1b8b1a1');
    expect(big).toMatchObject({ state: 'extracting', current: 6_000_000, total: 12_000_000 });
    expect(during.fraction ?? 0).toBeGreaterThan(before.fraction ?? 0);
  });

  it('ignores messages without a status', () => {
    const tracker = new PullProgressTracker('x');
    expect(tracker.apply({})).toBe(false);
    expect(tracker.snapshot().fraction).toBeNull();
  });
});
