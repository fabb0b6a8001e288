import type { EndpointStats, LatencyPoint } from '../../../shared/serving/endpoint.ts';

const WINDOW_SECONDS = 300;
const SERIES_SECONDS = 120;
/** Latencies kept per second for the percentiles; past it, a reservoir sample keeps them fair. */
const SAMPLES_PER_SECOND = 1000;

interface Bucket {
  second: number;
  requests: number;
  errors: number;
  latencies: number[];
}

/**
 * An endpoint's traffic by second for the last 5 minutes: p50/p95 latency, requests per minute,
 * errors, and a per-second series for the chart. Recording is O(1); percentiles are computed when
 * read (a person looks about once a second).
 */
export class LatencyWindow {
  readonly #buckets: Bucket[] = [];
  #requests = 0;
  #errors = 0;
  readonly #now: () => number;

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  record(latencyMs: number, failed: boolean): void {
    const second = Math.floor(this.#now() / 1000);
    let bucket = this.#buckets.at(-1);
    if (!bucket || bucket.second !== second) {
      bucket = { second, requests: 0, errors: 0, latencies: [] };
      this.#buckets.push(bucket);
      while (this.#buckets.length > 0 && this.#buckets[0].second <= second - WINDOW_SECONDS) this.#buckets.shift();
    }
    bucket.requests += 1;
    this.#requests += 1;
    if (failed) {
      bucket.errors += 1;
      this.#errors += 1;
    }
    if (bucket.latencies.length < SAMPLES_PER_SECOND) bucket.latencies.push(latencyMs);
    else {
      const slot = Math.floor(Math.random() * bucket.requests);
      if (slot < SAMPLES_PER_SECOND) bucket.latencies[slot] = latencyMs;
    }
  }

  stats(): EndpointStats {
    const nowSecond = Math.floor(this.#now() / 1000);
    const live = this.#buckets.filter((b) => b.second > nowSecond - WINDOW_SECONDS);
    const all = live.flatMap((b) => b.latencies).sort((a, b) => a - b);
    const lastMinute = live.filter((b) => b.second > nowSecond - 60).reduce((sum, b) => sum + b.requests, 0);
    const series: LatencyPoint[] = live
      .filter((b) => b.second > nowSecond - SERIES_SECONDS)
      .map((b) => {
        const sorted = [...b.latencies].sort((x, y) => x - y);
        return { t: b.second * 1000, requests: b.requests, errors: b.errors, p50: percentile(sorted, 0.5), p95: percentile(sorted, 0.95) };
      });
    return { p50Ms: percentile(all, 0.5), p95Ms: percentile(all, 0.95), requestsPerMinute: lastMinute, requests: this.#requests, errors: this.#errors, series };
  }
}

/** Nearest-rank percentile of sorted values (null when empty), rounded to 0.01 ms. */
export function percentile(sorted: readonly number[], q: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return Math.round(sorted[rank] * 100) / 100;
}

export const EMPTY_STATS: EndpointStats = { p50Ms: null, p95Ms: null, requestsPerMinute: 0, requests: 0, errors: 0, series: [] };
