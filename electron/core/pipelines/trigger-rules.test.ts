import { describe, expect, it } from 'vitest';
import { decideTrigger } from './trigger-rules.ts';
import { backoffMs, shouldRetry } from './retry-policy.ts';

describe('trigger rules', () => {
  it.each([
    ['all_success', ['succeeded', 'cached'], 'run'],
    ['all_success', ['succeeded', 'failed'], 'upstream_failed'],
    ['all_success', ['succeeded', 'skipped'], 'skipped'],
    ['all_done', ['failed', 'errored'], 'run'],
    ['all_done_min_one_success', ['failed', 'succeeded'], 'run'],
    ['all_done_min_one_success', ['failed', 'errored'], 'upstream_failed'],
    ['all_done_min_one_success', ['skipped', 'skipped'], 'skipped'],
    ['none_failed', ['succeeded', 'skipped'], 'run'],
    ['none_failed', ['succeeded', 'upstream_failed'], 'upstream_failed'],
  ] as const)('%s over %j → %s', (rule, upstream, expected) => {
    expect(decideTrigger(rule, upstream)).toBe(expected);
  });
});

describe('retry policy', () => {
  const retry = { limit: 2, policy: 'OnFailure' as const, backoff: { duration: '1s', factor: 3, maxDuration: '5s' } };
  it('retries failures up to the limit, by policy', () => {
    expect(shouldRetry(retry, 1, 'failed')).toBe(true);
    expect(shouldRetry(retry, 3, 'failed')).toBe(false);
    expect(shouldRetry(retry, 1, 'errored')).toBe(false);
    expect(shouldRetry({ ...retry, policy: 'OnError' }, 1, 'errored')).toBe(true);
    expect(shouldRetry({ ...retry, policy: 'OnError' }, 1, 'failed')).toBe(false);
    expect(shouldRetry(undefined, 1, 'failed')).toBe(false);
  });
  it('backs off exponentially up to the cap', () => {
    expect([1, 2, 3].map((n) => backoffMs(retry, n))).toEqual([1000, 3000, 5000]);
  });
});
