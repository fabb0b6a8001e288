import { describe, expect, it } from 'vitest';
import type { LogLine } from '../domain/logs.ts';
import { engineSince, logTimestampNanos, LogResumeCursor } from './log-resume.ts';

const line = (ts: string | null, text: string, stream: LogLine['stream'] = 'stdout'): LogLine => ({ stream, ts, text });
const texts = (lines: LogLine[]) => lines.map((l) => l.text);

describe('logTimestampNanos / engineSince', () => {
  it('reads the engine timestamps with their trimmed nanoseconds and any offset', () => {
    expect(logTimestampNanos('2026-01-02T03:04:05.123456789Z')).toBe(1767323045123456789n);
    // The engine trims trailing zeros: .1 is 100,000,000 ns, so .1 > .09 although it sorts first as text.
    expect(logTimestampNanos('2026-01-02T03:04:05.1Z')! > logTimestampNanos('2026-01-02T03:04:05.09Z')!).toBe(true);
    expect(logTimestampNanos('2026-01-02T03:04:05Z')).toBe(1767323045000000000n);
    expect(logTimestampNanos('2026-01-02T04:04:05.5+01:00')).toBe(1767323045500000000n);
    expect(logTimestampNanos('yesterday')).toBeNull();
    expect(engineSince('2026-01-02T03:04:05.000000042Z')).toBe('1767323045.000000042');
    expect(engineSince('2026-01-02T03:04:05.5Z')).toBe('1767323045.500000000');
  });
});

describe('LogResumeCursor', () => {
  it('drops the boundary lines an inclusive since sends again, once each, and keeps the rest', () => {
    const cursor = new LogResumeCursor();
    const first = [line('2026-01-01T00:00:01Z', '1'), line('2026-01-01T00:00:02.5Z', '2'), line('2026-01-01T00:00:02.5Z', '3', 'stderr')];
    expect(texts(cursor.accept(first))).toEqual(['1', '2', '3']);
    expect(cursor.newestTimestamp).toBe('2026-01-01T00:00:02.5Z');
    cursor.resume();
    // The engine sends every line at or after 00:00:02.5 again, then the new ones.
    const again = [line('2026-01-01T00:00:02.5Z', '2'), line('2026-01-01T00:00:02.5Z', '3', 'stderr'), line('2026-01-01T00:00:03Z', '4'), line('2026-01-01T00:00:04Z', '5')];
    expect(texts(cursor.accept(again))).toEqual(['4', '5']);
  });

  it('keeps a new line that shares the boundary timestamp, and repeated text as often as it is new', () => {
    const cursor = new LogResumeCursor();
    cursor.accept([line('2026-01-01T00:00:01Z', 'same'), line('2026-01-01T00:00:01Z', 'same')]);
    cursor.resume();
    const again = [line('2026-01-01T00:00:01Z', 'same'), line('2026-01-01T00:00:01Z', 'same'), line('2026-01-01T00:00:01Z', 'same'), line('2026-01-01T00:00:01Z', 'other')];
    expect(texts(cursor.accept(again))).toEqual(['same', 'other']);
  });

  it('drops lines older than the newest shown while resuming, and stops skipping past the boundary', () => {
    const cursor = new LogResumeCursor();
    cursor.accept([line('2026-01-01T00:00:05Z', 'a')]);
    cursor.resume();
    expect(texts(cursor.accept([line('2026-01-01T00:00:04Z', 'old'), line('2026-01-01T00:00:05Z', 'a'), line('2026-01-01T00:00:06Z', 'b')]))).toEqual(['b']);
    // Not resuming any more: a line repeating 'b' at a later time is a new line.
    expect(texts(cursor.accept([line('2026-01-01T00:00:07Z', 'b')]))).toEqual(['b']);
  });

  it('resumes twice in a row (a second drop before any line came) without losing the boundary', () => {
    const cursor = new LogResumeCursor();
    cursor.accept([line('2026-01-01T00:00:05Z', 'a')]);
    cursor.resume();
    cursor.resume();
    expect(texts(cursor.accept([line('2026-01-01T00:00:05Z', 'a'), line('2026-01-01T00:00:06Z', 'b')]))).toEqual(['b']);
  });

  it('passes lines without a timestamp through and has nothing to resume from before a stamped line', () => {
    const cursor = new LogResumeCursor();
    expect(texts(cursor.accept([line(null, 'x')]))).toEqual(['x']);
    expect(cursor.newestTimestamp).toBeNull();
    cursor.resume();
    expect(texts(cursor.accept([line(null, 'x')]))).toEqual(['x']);
  });

  it('numbered lines split by any number of drops come out each once, in order', () => {
    // 200 lines, 4 per millisecond; the stream breaks after every 7th line shown and resumes from the newest timestamp.
    const all = Array.from({ length: 200 }, (_, i) => line(`2026-01-01T00:00:00.${String(Math.floor(i / 4)).padStart(3, '0')}Z`, String(i)));
    const cursor = new LogResumeCursor();
    const shown: string[] = [];
    let from = 0;
    while (from < all.length) {
      const batch = all.slice(from, from + 7);
      shown.push(...texts(cursor.accept(batch)));
      if (from + 7 >= all.length) break;
      cursor.resume();
      const since = logTimestampNanos(cursor.newestTimestamp!)!;
      from = all.findIndex((l) => logTimestampNanos(l.ts!)! >= since);
    }
    expect(shown).toEqual(all.map((l) => l.text));
  });
});
