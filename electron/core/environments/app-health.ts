import { request as httpRequest } from 'node:http';
import type Docker from 'dockerode';
import { appHealthPath, parseAppsLabel, type AppHealth, type LaunchedApp } from '../../../shared/environments/apps.ts';
import { ENV_LABEL } from '../../../shared/environments/labels.ts';
import type { DockerEvent } from '../engine/events.ts';

export interface ProbeResult {
  ok: boolean;
  /** The answer's status line or the error, when not ok. */
  reason: string | null;
}

export interface AppHealthDeps {
  docker(): Promise<Docker>;
  /** Container events (start, die…): a watched environment is looked at again at once. */
  subscribeEvents?(listener: (event: DockerEvent) => void): () => void;
  probe?(port: number, path: string, timeoutMs: number): Promise<ProbeResult>;
  now?(): number;
  /** Log lines kept for an unhealthy app. */
  logLines?: number;
}

export interface AppHealthMonitor {
  /**
   * Watches the apps of one environment: `onChange` gets every app's state at once and whenever
   * one changes. Probing runs only while someone watches; the returned function stops watching.
   */
  watch(environmentId: string, onChange: (apps: AppHealth[]) => void): () => void;
  /** Stops every watch (the core is closing). */
  close(): void;
}

/** While starting: 0.5 s, doubling to 5 s. Unhealthy: 2 s, doubling to 30 s. Stopped: the next container event (or 30 s). */
const STARTING_FIRST_MS = 500;
const STARTING_MAX_MS = 5_000;
const UNHEALTHY_FIRST_MS = 2_000;
const UNHEALTHY_MAX_MS = 30_000;
const STOPPED_MS = 30_000;
const PROBE_TIMEOUT_MS = 3_000;

interface Watch {
  listeners: Set<(apps: AppHealth[]) => void>;
  timer: NodeJS.Timeout | null;
  running: boolean;
  closed: boolean;
  /** Per app: ever healthy since this container start, consecutive backoff step. */
  started: string | null;
  everHealthy: Set<string>;
  step: number;
  last: AppHealth[];
  containerId: string | null;
}

/**
 * Health probes for environments' apps (`customizations.benchtop.apps`): an HTTP GET of each app's
 * health path on its published loopback port; 2xx is healthy. An app is `starting` until its first
 * healthy answer, and `unhealthy` (with the container's last log lines) once `startupSeconds` pass
 * without one, or when a healthy app stops answering. Nothing is probed for an environment no one
 * watches; probes back off while an app is starting or unhealthy.
 */
export function createAppHealthMonitor(deps: AppHealthDeps): AppHealthMonitor {
  const now = deps.now ?? Date.now;
  const probe = deps.probe ?? httpProbe;
  const logLines = deps.logLines ?? 20;
  const watches = new Map<string, Watch>();
  let unsubscribeEvents: (() => void) | null = null;

  const ensureEvents = () => {
    if (unsubscribeEvents || !deps.subscribeEvents) return;
    unsubscribeEvents = deps.subscribeEvents((event) => {
      if (event.Type !== 'container') return;
      const id = event.Actor.Attributes[ENV_LABEL.id];
      const watch = id ? watches.get(id) : undefined;
      if (watch && ['start', 'die', 'stop', 'destroy', 'restart'].includes(event.Action)) schedule(id as string, watch, 0);
    });
  };

  const schedule = (id: string, watch: Watch, delayMs: number) => {
    if (watch.closed) return;
    if (watch.timer) clearTimeout(watch.timer);
    watch.timer = setTimeout(() => void cycle(id, watch), delayMs);
  };

  const cycle = async (id: string, watch: Watch) => {
    watch.timer = null;
    if (watch.running || watch.closed) return;
    watch.running = true;
    let delay = STOPPED_MS;
    try {
      const result = await look(id, watch);
      delay = result.delayMs;
      publish(watch, result.apps);
    } catch (error) {
      delay = UNHEALTHY_MAX_MS;
      publish(watch, watch.last.map((app) => ({ ...app, reason: `Could not reach the engine: ${error instanceof Error ? error.message : String(error)}` })));
    } finally {
      watch.running = false;
    }
    schedule(id, watch, delay);
  };

  const look = async (id: string, watch: Watch): Promise<{ apps: AppHealth[]; delayMs: number }> => {
    const docker = await deps.docker();
    const [info] = await docker.listContainers({ all: true, filters: { label: [`${ENV_LABEL.id}=${id}`] } });
    if (!info) return { apps: [], delayMs: STOPPED_MS };
    watch.containerId = info.Id;
    const apps = parseAppsLabel(info.Labels?.[ENV_LABEL.apps]);
    const checkedAt = now();
    const stopped = () => {
      watch.started = null;
      watch.everHealthy.clear();
      watch.step = 0;
      return { apps: apps.map((app): AppHealth => ({ name: app.name, state: 'stopped', reason: null, logTail: [], checkedAt })), delayMs: STOPPED_MS };
    };
    if (info.State !== 'running') return stopped();
    // Right after a `die`, engines before 23 still list the container running; inspect waits for them.
    const inspected = await docker.getContainer(info.Id).inspect();
    if (!inspected.State.Running) return stopped();
    const startedAt = inspected.State.StartedAt;
    if (startedAt !== watch.started) {
      watch.started = startedAt;
      watch.everHealthy.clear();
      watch.step = 0;
    }
    const upMs = checkedAt - Date.parse(startedAt);
    const results: AppHealth[] = [];
    let anyStarting = false;
    let anyUnhealthy = false;
    let interval = Number.POSITIVE_INFINITY;
    for (const app of apps) {
      interval = Math.min(interval, app.health.intervalSeconds * 1000);
      const port = info.Ports.find((p) => p.PrivatePort === app.port && p.Type === 'tcp' && p.PublicPort)?.PublicPort;
      const answer: ProbeResult = port ? await probe(port, appHealthPath(app, id), PROBE_TIMEOUT_MS) : { ok: false, reason: `port ${app.port} is not published` };
      if (answer.ok) {
        watch.everHealthy.add(app.name);
        results.push({ name: app.name, state: 'healthy', reason: null, logTail: [], checkedAt });
        continue;
      }
      const stillStarting = !watch.everHealthy.has(app.name) && upMs < app.health.startupSeconds * 1000;
      if (stillStarting) {
        anyStarting = true;
        results.push({ name: app.name, state: 'starting', reason: answer.reason, logTail: [], checkedAt });
        continue;
      }
      anyUnhealthy = true;
      results.push({ name: app.name, state: 'unhealthy', reason: unhealthyReason(app, answer, watch.everHealthy.has(app.name)), logTail: await lastLogLines(docker, info.Id, logLines), checkedAt });
    }
    let delayMs: number;
    if (anyStarting) delayMs = Math.min(STARTING_FIRST_MS * 2 ** watch.step, STARTING_MAX_MS);
    else if (anyUnhealthy) delayMs = Math.min(UNHEALTHY_FIRST_MS * 2 ** watch.step, UNHEALTHY_MAX_MS);
    else delayMs = Number.isFinite(interval) ? interval : STOPPED_MS;
    watch.step = anyStarting || anyUnhealthy ? watch.step + 1 : 0;
    return { apps: results, delayMs };
  };

  const publish = (watch: Watch, apps: AppHealth[]) => {
    const changed = apps.length !== watch.last.length || apps.some((app, i) => app.state !== watch.last[i]?.state || app.name !== watch.last[i]?.name || (app.state === 'unhealthy' && app.reason !== watch.last[i]?.reason));
    if (!changed && watch.last.length > 0) return;
    watch.last = apps;
    for (const listener of watch.listeners) listener(apps);
  };

  return {
    watch(environmentId, onChange) {
      ensureEvents();
      let watch = watches.get(environmentId);
      if (!watch) {
        watch = { listeners: new Set(), timer: null, running: false, closed: false, started: null, everHealthy: new Set(), step: 0, last: [], containerId: null };
        watches.set(environmentId, watch);
        schedule(environmentId, watch, 0);
      } else if (watch.last.length > 0) {
        const snapshot = watch.last;
        queueMicrotask(() => onChange(snapshot));
      }
      const current = watch;
      current.listeners.add(onChange);
      return () => {
        current.listeners.delete(onChange);
        if (current.listeners.size > 0) return;
        current.closed = true;
        if (current.timer) clearTimeout(current.timer);
        watches.delete(environmentId);
        if (watches.size === 0 && unsubscribeEvents) {
          unsubscribeEvents();
          unsubscribeEvents = null;
        }
      };
    },
    close() {
      for (const watch of watches.values()) {
        watch.closed = true;
        if (watch.timer) clearTimeout(watch.timer);
      }
      watches.clear();
      unsubscribeEvents?.();
      unsubscribeEvents = null;
    },
  };
}

function unhealthyReason(app: LaunchedApp, answer: ProbeResult, wasHealthy: boolean): string {
  const why = answer.reason ?? 'no answer';
  return wasHealthy
    ? `${app.label} stopped answering its health check (${why}).`
    : `${app.label} did not answer its health check within ${app.health.startupSeconds} s (${why}).`;
}

/** GET http://127.0.0.1:port/path; ok on 2xx. */
export function httpProbe(port: number, path: string, timeoutMs: number): Promise<ProbeResult> {
  return new Promise((resolve) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, method: 'GET', timeout: timeoutMs, headers: { Accept: 'application/json, text/html' } }, (res) => {
      res.resume();
      const status = res.statusCode ?? 0;
      resolve(status >= 200 && status < 300 ? { ok: true, reason: null } : { ok: false, reason: `HTTP ${status} from ${path.split('?')[0]}` });
    });
    req.once('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs / 1000} s`)));
    req.once('error', (error) => resolve({ ok: false, reason: error.message }));
    req.end();
  });
}

/** The container's last log lines (stdout and stderr together, multiplexing headers removed). */
async function lastLogLines(docker: Docker, containerId: string, count: number): Promise<string[]> {
  try {
    const raw = (await docker.getContainer(containerId).logs({ stdout: true, stderr: true, tail: count, follow: false })) as unknown as Buffer;
    return demultiplex(Buffer.isBuffer(raw) ? raw : Buffer.from(String(raw)))
      .split('\n')
      .map((line) => line.replace(/\r$/, ''))
      .filter((line) => line.length > 0)
      .slice(-count);
  } catch {
    return [];
  }
}

function demultiplex(buffer: Buffer): string {
  // Non-TTY logs: frames of [stream, 0, 0, 0, size(4)] + payload. A TTY container's logs are plain.
  if (buffer.length < 8 || buffer[1] !== 0 || buffer[2] !== 0 || buffer[3] !== 0 || buffer[0] > 2) return buffer.toString('utf8');
  const parts: Buffer[] = [];
  let offset = 0;
  while (offset + 8 <= buffer.length) {
    const size = buffer.readUInt32BE(offset + 4);
    parts.push(buffer.subarray(offset + 8, offset + 8 + size));
    offset += 8 + size;
  }
  return Buffer.concat(parts).toString('utf8');
}
