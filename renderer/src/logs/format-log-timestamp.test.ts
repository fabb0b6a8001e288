import { describe, expect, it } from 'vitest';
import { formatLogTimestamp } from './format-log-timestamp.ts';

describe('formatLogTimestamp', () => {
  it('shortens engine timestamps to milliseconds', () => {
    expect(formatLogTimestamp('2025-01-15T12:00:01.123456789Z')).toBe('2025-01-15 12:00:01.123');
    expect(formatLogTimestamp('2025-01-15T12:00:01Z')).toBe('2025-01-15 12:00:01.000');
    expect(formatLogTimestamp('2025-01-15T12:00:01.5+02:00')).toBe('2025-01-15 12:00:01.500 +02:00');
  });

  it('leaves unknown shapes alone', () => {
    expect(formatLogTimestamp('yesterday')).toBe('yesterday');
  });
});
