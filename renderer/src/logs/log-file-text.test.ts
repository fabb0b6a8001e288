import { describe, expect, it } from 'vitest';
import { logFileText } from './log-file-text.ts';

describe('logFileText', () => {
  it('writes one plain line per log line, with the timestamp when there is one', () => {
    expect(
      logFileText([
        { stream: 'stdout', ts: null, text: '\x1b[32mready\x1b[0m' },
        { stream: 'stderr', ts: '2025-01-15T12:00:01.000000000Z', text: 'warn' },
      ]),
    ).toBe('ready\n2025-01-15T12:00:01.000000000Z warn\n');
    expect(logFileText([])).toBe('');
  });
});
