import type { StatsSample } from '../../../shared/domain/container-details.ts';

/** Samples kept per container: about a minute at the engine's one per second. */
export const STATS_HISTORY = 60;

/** The history with `sample` appended, the oldest dropped past `limit`. */
export function appendSample(history: readonly StatsSample[], sample: StatsSample, limit = STATS_HISTORY): StatsSample[] {
  const next = history.length >= limit ? history.slice(history.length - limit + 1) : history.slice();
  next.push(sample);
  return next;
}

/** Bytes per second between consecutive samples of a cumulative counter. */
export function ratesOf(history: readonly StatsSample[], counter: (sample: StatsSample) => number): number[] {
  const rates: number[] = [];
  for (let i = 1; i < history.length; i++) {
    const seconds = (history[i].at - history[i - 1].at) / 1000;
    const delta = counter(history[i]) - counter(history[i - 1]);
    rates.push(seconds > 0 && delta >= 0 ? delta / seconds : 0);
  }
  return rates;
}
