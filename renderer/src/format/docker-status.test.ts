import { describe, expect, it } from 'vitest';
import { humanDuration, parseDockerStatus, parseHumanDuration, statusAt } from './docker-status.ts';

describe('humanDuration (Docker words)', () => {
  it('writes each range as Docker does', () => {
    expect(humanDuration(300)).toBe('Less than a second');
    expect(humanDuration(1000)).toBe('1 second');
    expect(humanDuration(42_000)).toBe('42 seconds');
    expect(humanDuration(90_000)).toBe('About a minute');
    expect(humanDuration(5 * 60_000)).toBe('5 minutes');
    expect(humanDuration(3600_000)).toBe('About an hour');
    expect(humanDuration(5 * 3600_000)).toBe('5 hours');
    expect(humanDuration(3 * 86_400_000)).toBe('3 days');
    expect(humanDuration(21 * 86_400_000)).toBe('3 weeks');
    expect(humanDuration(100 * 86_400_000)).toBe('3 months');
    expect(humanDuration(800 * 86_400_000)).toBe('2 years');
  });
  it('reads its own words back', () => {
    for (const ms of [0, 1000, 42_000, 60_000, 300_000, 3600_000, 18_000_000]) expect(parseHumanDuration(humanDuration(ms))).toBe(ms);
    expect(parseHumanDuration('soon')).toBeNull();
  });
});

describe('statusAt', () => {
  it('ticks "Up Less than a second" forward', () => {
    expect(statusAt('Up Less than a second', 1_000, 1_500)).toBe('Up Less than a second');
    expect(statusAt('Up Less than a second', 1_000, 6_000)).toBe('Up 5 seconds');
    expect(statusAt('Up Less than a second', 0, 61_000)).toBe('Up About a minute');
  });
  it('keeps health and pause notes and past events', () => {
    expect(statusAt('Up 2 minutes (healthy)', 0, 60_000)).toBe('Up 3 minutes (healthy)');
    expect(statusAt('Up 10 seconds (Paused)', 0, 5_000)).toBe('Up 15 seconds (Paused)');
    expect(statusAt('Exited (137) 5 seconds ago', 0, 10_000)).toBe('Exited (137) 15 seconds ago');
    expect(statusAt('Restarting (1) Less than a second ago', 0, 2_000)).toBe('Restarting (1) 2 seconds ago');
  });
  it('leaves a status without a duration alone', () => {
    expect(statusAt('Created', 0, 99_000)).toBe('Created');
    expect(statusAt('Removal In Progress', 0, 99_000)).toBe('Removal In Progress');
    expect(parseDockerStatus('Dead')).toBeNull();
  });
});
