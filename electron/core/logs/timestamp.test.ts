import { describe, expect, it } from 'vitest';
import { splitTimestamp } from './timestamp.ts';

describe('splitTimestamp', () => {
  it('moves the engine timestamp into ts', () => {
    expect(splitTimestamp('2024-05-01T12:00:00.123456789Z hello world')).toEqual({ ts: '2024-05-01T12:00:00.123456789Z', text: 'hello world' });
    expect(splitTimestamp('2024-05-01T12:00:00Z x')).toEqual({ ts: '2024-05-01T12:00:00Z', text: 'x' });
  });

  it('keeps an empty text after the timestamp', () => {
    expect(splitTimestamp('2024-05-01T12:00:00.5Z ')).toEqual({ ts: '2024-05-01T12:00:00.5Z', text: '' });
  });

  it('leaves a line without a timestamp alone', () => {
    expect(splitTimestamp('hello world')).toEqual({ ts: null, text: 'hello world' });
    expect(splitTimestamp('')).toEqual({ ts: null, text: '' });
    expect(splitTimestamp('2024-05-01 12:00:00 not the engine format')).toEqual({ ts: null, text: '2024-05-01 12:00:00 not the engine format' });
  });
});
