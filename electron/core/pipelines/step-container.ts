import { createWriteStream } from 'node:fs';
import type Docker from 'dockerode';
import type { DockerDeviceRequest } from '../gpu/device-requests.ts';
import { isEngineGoneError } from './engine-outage.ts';
import { firstFileOfTar } from './tar-file.ts';

export const RUN_LABEL = 'benchtop.run';
export const STEP_LABEL = 'benchtop.step';
export const ATTEMPT_LABEL = 'benchtop.attempt';
export const PIPELINE_LABEL = 'benchtop.pipeline';

/** Everything one attempt's container needs, placeholders already substituted. */
export interface AttemptPlan {
  runId: string;
  pipeline: string;
  step: string;
  attempt: number;
  image: string;
  entrypoint: string[];
  cmd: string[];
  env: string[];
  binds: string[];
  memoryBytes?: number;
  nanoCpus?: number;
  shmBytes?: number;
  /** Specific GPUs (DeviceIDs), never a count: two steps never share a GPU. */
  deviceRequests?: DockerDeviceRequest[];
  labels?: Record<string, string>;
  /** `host:ip` entries for /etc/hosts (`host.docker.internal:host-gateway` for the tracking endpoint). */
  extraHosts?: string[];
  timeoutMs?: number;
  logPath: string;
  outputParams: Record<string, { path: string; default?: string }>;
  metricsPath?: string;
}

export interface AttemptOutcome {
  state: 'succeeded' | 'failed' | 'errored' | 'cancelled';
  exitCode: number | null;
  oomKilled: boolean;
  reason: string | null;
  outputs: Record<string, string>;
  metrics: Record<string, number>;
  /** A SIGKILL or SIGTERM exit (137, 143) that no timeout, cancel or memory limit here explains: maybe the engine shutting down. */
  unexplainedKill?: boolean;
  /** The engine stopped answering while the attempt was followed (socket gone, connection dropped). */
  engineGone?: boolean;
}

const MAX_PARAM_BYTES = 256 * 1024;

export function containerName(runId: string, step: string, attempt: number): string {
  return `benchtop-${runId}-${step}-${attempt}`;
}

/** Creates (does not start) the attempt's container, labelled so that a later process can adopt it. */
export async function createAttemptContainer(docker: Docker, plan: AttemptPlan): Promise<string> {
  const container = await docker.createContainer({
    name: containerName(plan.runId, plan.step, plan.attempt),
    Image: plan.image,
    Entrypoint: plan.entrypoint,
    Cmd: plan.cmd,
    Env: plan.env,
    Labels: {
      ...plan.labels,
      [RUN_LABEL]: plan.runId,
      [STEP_LABEL]: plan.step,
      [ATTEMPT_LABEL]: String(plan.attempt),
      [PIPELINE_LABEL]: plan.pipeline,
    },
    HostConfig: {
      Binds: plan.binds,
      ...(plan.memoryBytes ? { Memory: plan.memoryBytes, MemorySwap: plan.memoryBytes } : {}),
      ...(plan.nanoCpus ? { NanoCpus: plan.nanoCpus } : {}),
      ...(plan.shmBytes ? { ShmSize: plan.shmBytes } : {}),
      ...(plan.deviceRequests ? { DeviceRequests: plan.deviceRequests } : {}),
      ...(plan.extraHosts && plan.extraHosts.length > 0 ? { ExtraHosts: plan.extraHosts } : {}),
    },
  });
  return container.id;
}

/**
 * Starts the container when asked, writes its log to plan.logPath as it arrives, waits for it to
 * exit (the engine's wait, no polling), names an OOM kill or a timeout, reads the declared output
 * params and metrics, then removes the container. Abort kills it: the outcome is `cancelled`.
 *
 * With `removeLater`, the removal (a stopped container's cleanup and delete, 20–200 ms) is handed
 * to it instead of awaited, so that the outcome (and the step's slot) is free as soon as the
 * container has exited; the caller awaits what it was handed before it calls the run done.
 */
export async function followAttempt(
  docker: Docker,
  containerId: string,
  plan: AttemptPlan,
  signal: AbortSignal,
  start: boolean,
  onStarted?: () => void,
  removeLater?: (removal: Promise<void>) => void,
): Promise<AttemptOutcome> {
  const container = docker.getContainer(containerId);
  const empty = { outputs: {}, metrics: {} };
  let timedOut = false;
  let cancelled = false;
  const kill = () => container.kill().catch(() => undefined);
  const onAbort = () => {
    cancelled = true;
    void kill();
  };
  let timer: ReturnType<typeof setTimeout> | null = null;
  let keep = false;
  try {
    if (start) await container.start();
    onStarted?.();
    const logDone = copyLogs(docker, container, plan.logPath);
    // When the engine goes away mid-wait, the wait fails first: the log copy's failure is not news then.
    logDone.catch(() => undefined);
    signal.addEventListener('abort', onAbort, { once: true });
    if (signal.aborted) onAbort();
    if (plan.timeoutMs !== undefined) {
      timer = setTimeout(() => {
        timedOut = true;
        void kill();
      }, plan.timeoutMs);
    }
    await waitForExit(container, logDone);
    if (timer) clearTimeout(timer);
    await logDone;
    const info = await container.inspect();
    const exitCode = info.State.ExitCode;
    // Docker 20.10 on cgroup v1 can handle the exit before the OOM event and leave OOMKilled false:
    // a SIGKILL exit we did not cause, under a memory limit, is the OOM killer too.
    const oomKilled = info.State.OOMKilled || (exitCode === 137 && plan.memoryBytes !== undefined && !timedOut && !cancelled);
    if (cancelled) return { state: 'cancelled', exitCode, oomKilled, reason: 'cancelled: the container was stopped', ...empty };
    if (oomKilled) {
      const limit = plan.memoryBytes ? ` (limit ${Math.round(plan.memoryBytes / 2 ** 20)} MiB)` : '';
      return { state: 'failed', exitCode, oomKilled, reason: `killed: out of memory${limit}; raise resources.memory or use less`, ...empty };
    }
    if (timedOut) return { state: 'failed', exitCode, oomKilled, reason: `timed out after ${Math.round((plan.timeoutMs ?? 0) / 1000)}s and was killed`, ...empty };
    if (exitCode !== 0) return { state: 'failed', exitCode, oomKilled, reason: `exit code ${exitCode}${exitCode === 137 ? ' (killed)' : ''}`, ...(exitCode === 137 || exitCode === 143 ? { unexplainedKill: true } : {}), ...empty };
    try {
      const outputs = await readOutputParams(container, plan.outputParams);
      const metrics = plan.metricsPath ? await readMetrics(container, plan.metricsPath) : {};
      return { state: 'succeeded', exitCode, oomKilled, reason: null, outputs, metrics };
    } catch (error) {
      return { state: 'failed', exitCode, oomKilled, reason: error instanceof Error ? error.message : String(error), ...empty };
    }
  } catch (error) {
    if (timer) clearTimeout(timer);
    if (cancelled) return { state: 'cancelled', exitCode: null, oomKilled: false, reason: 'cancelled', ...empty };
    // The engine went away: the container may survive it (live-restore) and be followed again, so it stays.
    keep = isEngineGoneError(error);
    return { state: 'errored', exitCode: null, oomKilled: false, reason: `the engine failed: ${engineSaid(error)}`, engineGone: keep, ...empty };
  } finally {
    signal.removeEventListener('abort', onAbort);
    if (!keep) {
      const removal = container.remove({ force: true }).then(
        () => undefined,
        () => undefined,
      );
      if (removeLater) removeLater(removal);
      else await removal;
    }
  }
}

/** Removes a container that was created but never started (a pre-created one nobody needs). */
export async function removeUnstarted(docker: Docker, containerId: string): Promise<void> {
  await docker
    .getContainer(containerId)
    .remove({ force: true })
    .catch(() => undefined);
}

const settle = (promise: Promise<unknown>) => promise.then(
  () => undefined,
  () => undefined,
);

/**
 * The engine's wait, guarded: when dockerd goes away mid-request the wait's connection can close
 * without an answer and docker-modem then never settles. The log stream ends when the container
 * exits or the connection drops; if the wait has not answered shortly after, the container is
 * asked directly: that throws while the engine is gone (the executor then waits for it), and a
 * container still running under a restarted engine (live-restore) means the outage happened.
 */
async function waitForExit(container: Docker.Container, logDone: Promise<void>): Promise<void> {
  const wait = container.wait();
  settle(wait);
  const first = await Promise.race([wait.then(() => 'exited' as const), settle(logDone).then(() => 'logs ended' as const)]);
  if (first === 'exited') return;
  const second = await Promise.race([wait.then(() => 'exited' as const), new Promise<'silent'>((resolve) => setTimeout(() => resolve('silent'), 1_500))]);
  if (second === 'exited') return;
  const info = await container.inspect();
  if (info.State.Running) throw Object.assign(new Error('the engine restarted while the step ran (its container survived)'), { code: 'ECONNRESET' });
  await container.wait();
}

async function copyLogs(docker: Docker, container: Docker.Container, path: string): Promise<void> {
  const file = createWriteStream(path, { flags: 'w' });
  // A log file that cannot be written (a full disk) must not crash the process: its error is
  // kept (later writes fail quietly too) and reported once the container's stream has ended.
  let fileError: Error | null = null;
  file.on('error', (error) => (fileError ??= error));
  try {
    const stream = (await container.logs({ follow: true, stdout: true, stderr: true })) as NodeJS.ReadableStream;
    await new Promise<void>((resolve, reject) => {
      docker.modem.demuxStream(stream, file, file);
      stream.on('end', resolve);
      stream.on('close', resolve);
      stream.on('error', reject);
    });
  } finally {
    await new Promise<void>((resolve) => {
      if (fileError || file.destroyed) resolve();
      else {
        file.once('error', () => resolve());
        file.end(resolve);
      }
    });
  }
  if (fileError) throw fileError;
}

async function readFileFromContainer(container: Docker.Container, path: string): Promise<Buffer> {
  const stream = (await container.getArchive({ path })) as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    size += (chunk as Buffer).length;
    if (size > MAX_PARAM_BYTES + 64 * 1024) throw new Error(`${path} is larger than 256 kB: write large results as an output artifact`);
    chunks.push(chunk as Buffer);
  }
  return firstFileOfTar(Buffer.concat(chunks));
}

async function readOutputParams(container: Docker.Container, params: AttemptPlan['outputParams']): Promise<Record<string, string>> {
  const values: Record<string, string> = {};
  for (const [name, spec] of Object.entries(params)) {
    try {
      values[name] = (await readFileFromContainer(container, spec.path)).toString('utf8').replace(/\r?\n$/, '');
    } catch (error) {
      if (spec.default !== undefined) values[name] = spec.default;
      else throw new Error(`output param "${name}" could not be read from ${spec.path} (${describeReadError(error)}); write it there or give it a default`, { cause: error });
    }
  }
  return values;
}

async function readMetrics(container: Docker.Container, path: string): Promise<Record<string, number>> {
  let text: string;
  try {
    text = (await readFileFromContainer(container, path)).toString('utf8');
  } catch (error) {
    throw new Error(`metrics could not be read from ${path} (${describeReadError(error)})`, { cause: error });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Error(`metrics at ${path} are not JSON: write a flat object of numbers, e.g. {"auc": 0.91}`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new Error(`metrics at ${path} must be a JSON object of numbers`);
  const metrics: Record<string, number> = {};
  for (const [key, entry] of Object.entries(value)) {
    if (typeof entry !== 'number' || !Number.isFinite(entry)) throw new Error(`metric "${key}" at ${path} is not a number`);
    metrics[key] = entry;
  }
  return metrics;
}

function describeReadError(error: unknown): string {
  const status = (error as { statusCode?: number }).statusCode;
  if (status === 404) return 'no such file';
  return error instanceof Error ? error.message : String(error);
}

function engineSaid(error: unknown): string {
  const json = (error as { json?: { message?: string } }).json;
  if (json && typeof json.message === 'string') return json.message;
  return error instanceof Error ? error.message.replace(/^\(HTTP code \d+\)\s*/, '') : String(error);
}
