import { describe, expect, it } from 'vitest';
import { missedTickToRun, nextTick, ticksBetween } from './cron.ts';

const iso = (dates: Date[]) => dates.map((d) => d.toISOString());

describe('cron maths', () => {
  it('follows the time zone across a spring-forward change (Paris, 29 March 2026)', () => {
    // 02:30 does not exist that night: it fires at 03:00 CEST; the days around stay at 02:30 local.
    expect(iso(ticksBetween(['30 2 * * *'], 'Europe/Paris', new Date('2026-03-27T12:00:00Z'), new Date('2026-03-30T12:00:00Z')))).toEqual([
      '2026-03-28T01:30:00.000Z',
      '2026-03-29T01:00:00.000Z',
      '2026-03-30T00:30:00.000Z',
    ]);
  });

  it('fires once on a fall-back day (New York, 1 November 2026)', () => {
    expect(iso(ticksBetween(['30 1 * * *'], 'America/New_York', new Date('2026-10-31T12:00:00Z'), new Date('2026-11-02T12:00:00Z')))).toEqual([
      '2026-11-01T05:30:00.000Z',
      '2026-11-02T06:30:00.000Z',
    ]);
  });

  it('takes the earliest of several expressions', () => {
    expect(nextTick(['0 12 * * *', '0 6 * * *'], 'UTC', new Date('2026-01-01T00:00:00Z'))?.toISOString()).toBe('2026-01-01T06:00:00.000Z');
  });

  it('runs a missed tick at most once, and only within the starting deadline', () => {
    const missed = ticksBetween(['0 * * * *'], 'UTC', new Date('2026-01-01T00:30:00Z'), new Date('2026-01-01T05:10:00Z'));
    expect(missed).toHaveLength(5);
    expect(missedTickToRun(missed, new Date('2026-01-01T05:10:00Z'), 60 * 60_000)?.toISOString()).toBe('2026-01-01T05:00:00.000Z');
    expect(missedTickToRun(missed, new Date('2026-01-01T07:10:00Z'), 60 * 60_000)).toBeNull();
    expect(missedTickToRun([], new Date(), 1)).toBeNull();
  });
});
