import type { RetrySpec } from '../../../shared/pipeline/schema.ts';
import { durationMs } from '../../../shared/pipeline/units.ts';

/** How an attempt ended, as retry policies see it: failed = the step's own fault, errored = Docker's or ours, lost = container vanished. */
export type AttemptEnd = 'failed' | 'errored' | 'lost';

/** Whether attempt number `attempt` (1-based) that ended as `end` gets another try. */
export function shouldRetry(retry: RetrySpec | undefined, attempt: number, end: AttemptEnd): boolean {
  if (!retry || attempt > retry.limit) return false;
  if (retry.policy === 'Always') return true;
  if (retry.policy === 'OnFailure') return end === 'failed' || end === 'lost';
  return end === 'errored' || end === 'lost';
}

/** The wait before attempt `attempt + 1`: duration × factor^(attempt−1), capped by maxDuration. */
export function backoffMs(retry: RetrySpec | undefined, attempt: number): number {
  if (!retry?.backoff) return 0;
  const base = durationMs(retry.backoff.duration) * retry.backoff.factor ** (attempt - 1);
  const cap = retry.backoff.maxDuration ? durationMs(retry.backoff.maxDuration) : Number.POSITIVE_INFINITY;
  return Math.round(Math.min(base, cap));
}
