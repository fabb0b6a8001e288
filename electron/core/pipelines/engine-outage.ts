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

/** The settings (the app's settings store) that hold the outage policy; the environment variables BENCHTOP_ENGINE_WAIT/RERUNS override them. */
export const ENGINE_WAIT_SETTING = 'engine.waitLimit';
export const ENGINE_RERUNS_SETTING = 'engine.reruns';

/** "90s", "10m", "1h", "500ms", or a number of seconds → milliseconds; null when it is none of those. */
export function parseWaitLimit(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value * 1000 : null;
  if (typeof value !== 'string') return null;
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(value.trim());
  if (!match) return null;
  return Number(match[1]) * { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[(match[2] ?? 's') as 'ms' | 's' | 'm' | 'h'];
}

function parseReruns(value: unknown): number | null {
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof number === 'number' && Number.isInteger(number) && number >= 0 && number <= 100 ? number : null;
}

/** Why a value cannot be stored under one of the outage settings; null when it can (or the key is not one of them). */
export function outageSettingProblem(key: string, value: unknown): string | null {
  if (key === ENGINE_WAIT_SETTING && parseWaitLimit(value) === null) {
    return `${ENGINE_WAIT_SETTING} is how long a run waits for the engine: a number of seconds or a duration such as "90s", "10m", "1h" (got ${JSON.stringify(value)}).`;
  }
  if (key === ENGINE_RERUNS_SETTING && parseReruns(value) === null) {
    return `${ENGINE_RERUNS_SETTING} is how many times a step may run again after outages: a whole number from 0 to 100 (got ${JSON.stringify(value)}).`;
  }
  return null;
}

/** The policy from the settings store (engine.waitLimit, engine.reruns), each overridden by its environment variable (BENCHTOP_ENGINE_WAIT, BENCHTOP_ENGINE_RERUNS: CI). */
export function outagePolicy(env: NodeJS.ProcessEnv, settings?: { getSetting(key: string): unknown }): EngineOutagePolicy {
  const policy = { ...DEFAULT_ENGINE_OUTAGE_POLICY };
  const wait = (env.BENCHTOP_ENGINE_WAIT?.trim() ? parseWaitLimit(env.BENCHTOP_ENGINE_WAIT) : null) ?? parseWaitLimit(settings?.getSetting(ENGINE_WAIT_SETTING));
  if (wait !== null) policy.waitMs = wait;
  const reruns = (env.BENCHTOP_ENGINE_RERUNS?.trim() ? parseReruns(env.BENCHTOP_ENGINE_RERUNS) : null) ?? parseReruns(settings?.getSetting(ENGINE_RERUNS_SETTING));
  if (reruns !== null) policy.reruns = reruns;
  return policy;
}

/** The policy from the environment alone: BENCHTOP_ENGINE_WAIT (seconds, or 90s/10m/1h), BENCHTOP_ENGINE_RERUNS. */
export function outagePolicyFromEnv(env: NodeJS.ProcessEnv): EngineOutagePolicy {
  return outagePolicy(env);
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
