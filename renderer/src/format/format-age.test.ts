import { describe, expect, it } from 'vitest';
import { formatAge } from './format-age.ts';

const now = Date.UTC(2025, 0, 15, 12, 0, 0);
const secondsAgo = (s: number) => now / 1000 - s;

describe('formatAge', () => {
  it('says "just now" under a minute and when the engine clock is ahead', () => {
    expect(formatAge(secondsAgo(0), now)).toBe('just now');
    expect(formatAge(secondsAgo(59), now)).toBe('just now');
    expect(formatAge(secondsAgo(-30), now)).toBe('just now');
  });

  it('uses the largest whole unit, singular and plural', () => {
    expect(formatAge(secondsAgo(60), now)).toBe('1 minute ago');
    expect(formatAge(secondsAgo(2 * 60 + 59), now)).toBe('2 minutes ago');
    expect(formatAge(secondsAgo(3600), now)).toBe('1 hour ago');
    expect(formatAge(secondsAgo(5 * 3600 + 10), now)).toBe('5 hours ago');
    expect(formatAge(secondsAgo(2 * 86400), now)).toBe('2 days ago');
    expect(formatAge(secondsAgo(15 * 86400), now)).toBe('2 weeks ago');
    expect(formatAge(secondsAgo(65 * 86400), now)).toBe('2 months ago');
    expect(formatAge(secondsAgo(800 * 86400), now)).toBe('2 years ago');
  });
});
