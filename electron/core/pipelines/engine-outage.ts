import type Docker from 'dockerode';
import { ApiError } from '../../../shared/api/errors.ts';

/**
 * Engine outages (dockerd stopped, restarted, its socket gone) are not step failures: an attempt
 * the outage took is `lost`, the run waits for the engine and then runs it again without spending
 * the step's retry budget. This file holds the outage settings and the questions the executor asks
 * the engine: is it there, did it just go, and when is it back.
 */
export interface EngineOutagePolicy {
  /** How long a run waits for the engine before it fails naming the outage (default 10 minutes). */
  waitMs: number;
  /** How many times one step may be re-run because of outages (a cap separate from `retry`; default 3). */
  reruns: number;
  /** After a SIGKILL exit nobody asked for, how long to watch whether the engine is shutting down (default 3 s). */
  shutdownGraceMs: number;
}

export const DEFAULT_ENGINE_OUTAGE_POLICY: EngineOutagePolicy = { waitMs: 10 * 60_000, reruns: 3, shutdownGraceMs: 3_000 };

/** Every attempt an outage took carries this at the start of its reason (how its re-runs are counted after a restart). */
export const ENGINE_LOST_PREFIX = 'engine outage:';

/** The policy from the environment: BENCHTOP_ENGINE_WAIT (seconds, or 90s/10m/1h), BENCHTOP_ENGINE_RERUNS. */
export function outagePolicyFromEnv(env: NodeJS.ProcessEnv): EngineOutagePolicy {
  const policy = { ...DEFAULT_ENGINE_OUTAGE_POLICY };
  const wait = env.BENCHTOP_ENGINE_WAIT?.trim();
  if (wait) {
    const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(wait);
    if (match) policy.waitMs = Number(match[1]) * { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[(match[2] ?? 's') as 'ms' | 's' | 'm' | 'h'];
  }
  const reruns = Number(env.BENCHTOP_ENGINE_RERUNS);
  if (env.BENCHTOP_ENGINE_RERUNS && Number.isInteger(reruns) && reruns >= 0) policy.reruns = reruns;
  return policy;
}

const GONE_CODES = new Set(['ENOENT', 'ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH']);

/** Whether an error says the engine is not there (socket gone, refused, connection dropped) rather than that it refused a request. */
export function isEngineGoneError(error: unknown): boolean {
  if (error instanceof ApiError) return error.code === 'engine_unavailable';
  const failure = error as { code?: unknown; message?: unknown; statusCode?: unknown } | null;
  if (!failure || typeof failure !== 'object') return false;
  if (typeof failure.statusCode === 'number') return false;
  if (typeof failure.code === 'string' && GONE_CODES.has(failure.code)) return true;
  return typeof failure.message === 'string' && /socket hang up|ENOENT|ECONNREFUSED|ECONNRESET|EPIPE|connection (?:was )?(?:reset|closed)/i.test(failure.message);
}

/** True when the engine answers a ping within `timeoutMs`. */
export async function engineAnswers(docker: () => Promise<Docker>, timeoutMs = 2_000): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('ping timed out')), timeoutMs)));
    await Promise.race([docker().then((client) => client.ping()), timeout]);
    return true;
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });

/**
 * A SIGKILL exit (137) nobody here asked for: dockerd kills its containers when it shuts down
 * (without live-restore) and answers for about a second more. Watches the engine for `graceMs`
 * (a ping every 200 ms, bounded): true when it stopped answering, i.e. the kill was the engine's.
 */
export async function engineWentAway(docker: () => Promise<Docker>, graceMs: number): Promise<boolean> {
  const until = Date.now() + graceMs;
  while (Date.now() < until) {
    if (!(await engineAnswers(docker, 1_000))) return true;
    await sleep(200);
  }
  return false;
}

/**
 * Waits for the engine to answer again: a ping after 250 ms, doubling to 5 s, until `limitMs`
 * passed or `signal` aborted. Resolves true when it answered.
 */
export async function waitForEngine(docker: () => Promise<Docker>, limitMs: number, signal?: AbortSignal): Promise<boolean> {
  const until = Date.now() + limitMs;
  let delay = 250;
  for (;;) {
    if (signal?.aborted) return false;
    if (await engineAnswers(docker, 2_000)) return true;
    const left = until - Date.now();
    if (left <= 0) return false;
    await sleep(Math.min(delay, left), signal);
    delay = Math.min(delay * 2, 5_000);
  }
}

/** "4m 10s" / "12s": how long an outage lasted, in words. */
export function outageDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  return s >= 60 ? `${Math.floor(s / 60)}m ${s % 60}s` : `${s}s`;
}
