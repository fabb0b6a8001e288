import { randomBytes } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { get as httpGet } from 'node:http';
import type Docker from 'dockerode';
import { ApiError } from '../../../shared/api/errors.ts';
import type { GpuReadiness } from '../../../shared/domain/gpu.ts';
import { appBasePath, appEnvironment, type LaunchedApp } from '../../../shared/environments/apps.ts';
import { chooseGpuRequest } from '../../../shared/environments/gpu-choice.ts';
import { DEVCONTAINER_LABEL, ENV_LABEL } from '../../../shared/environments/labels.ts';
import type { Lockfile } from '../../../shared/environments/lockfile.ts';
import type { EnvironmentProgress } from '../../../shared/environments/progress.ts';
import type { ResolvedEnvironment } from '../../../shared/environments/resolved.ts';
import { environmentId, environmentsFromContainers, type EnvironmentSummary } from '../../../shared/environments/summary.ts';
import { toContainerSummary } from '../containers/summary.ts';
import { toApiError } from '../engine/errors.ts';
import { toDeviceRequests } from '../gpu/device-requests.ts';
import { buildImage, type BuildDeps } from '../images/build.ts';
import { pullImage } from '../images/pull.ts';
import type { TaskRegistry } from '../tasks/registry.ts';
import { environmentCreateOptions } from './create-options.ts';
import { runLifecycleCommand } from './lifecycle.ts';
import { writeLockfile } from './lockfile-io.ts';
import { firstFreePort, portOwner } from './port-owner.ts';

export interface LaunchDeps {
  docker(): Promise<Docker>;
  tasks: TaskRegistry;
  build: BuildDeps;
  gpuReadiness(): Promise<GpuReadiness | null>;
  version: string;
  /**
   * MLflow tracking for what the environment runs: MLFLOW_TRACKING_URI, an experiment-scoped
   * MLFLOW_TRACKING_TOKEN and MLFLOW_EXPERIMENT_NAME (the environment's name), plus the host alias;
   * null when turned off or unavailable (see run-tracking/environment-tracking.ts). Never locked.
   */
  tracking?(environmentName: string): Promise<{ env: Record<string, string>; extraHosts: string[] } | null>;
}

export type Emit = (progress: EnvironmentProgress) => void;

export type ImageSpec =
  | { kind: 'reference'; reference: string }
  | { kind: 'build'; dockerfile: string; context: string; args: Record<string, string>; target: string | null; tag: string }
  /** Reproduce: exactly this image ID (pulled by repo digest when missing and one is known). */
  | { kind: 'pinned'; id: string; reference: string; repoDigests: string[] };

export interface LaunchRequest {
  resolved: ResolvedEnvironment;
  localFolder: string;
  /** The devcontainer.config_file label: the devcontainer.json, or the lockfile for a template. */
  configFile: string;
  image: ImageSpec;
  gpu: 'auto' | 'none';
  /** The environment's benchtop.lock.json (labelled on the container), or null. */
  lockFile: string | null;
  /** Write the lockfile (launch) or leave it as it is (reproduce). */
  writeLock: boolean;
  lockSource: string;
  /** Remove an existing container of this environment first, even a running one (reproduce, rebuild). */
  replace: boolean;
}

/** Benchtop's container name for an environment: readable, and unique per (folder, config). */
export function defaultContainerName(localFolder: string, id: string): string {
  const base = (localFolder.split('/').filter(Boolean).pop() ?? 'env').toLowerCase().replace(/[^a-z0-9_.-]+/g, '-').replace(/^[-_.]+/, '');
  return `benchtop-env-${base || 'env'}-${id.slice(0, 6)}`;
}

/** The environment's container, found by the reference CLI's pair of labels. */
export async function findEnvironmentContainer(docker: Docker, localFolder: string, configFile: string): Promise<Docker.ContainerInfo | null> {
  const found = await docker
    .listContainers({ all: true, filters: { label: [`${DEVCONTAINER_LABEL.localFolder}=${localFolder}`, `${DEVCONTAINER_LABEL.configFile}=${configFile}`] } })
    .catch((error: unknown) => {
      throw toApiError(error, 'list environment containers');
    });
  return found[0] ?? null;
}

export async function summaryOf(docker: Docker, containerId: string): Promise<EnvironmentSummary> {
  const infos = await docker.listContainers({ all: true, filters: { id: [containerId] } });
  const summary = environmentsFromContainers(infos.map(toContainerSummary))[0];
  if (!summary) throw new ApiError('not_found', `The environment's container ${containerId.slice(0, 12)} is gone: start the environment again.`);
  return summary;
}

/**
 * Starts an environment: finds or builds the image, checks the ports, creates and starts the
 * container with the devcontainer labels, runs the lifecycle commands and writes the lockfile.
 * Whatever fails, nothing half-made stays: the container is removed, an image tag this launch
 * built for the first time is removed, and no lockfile is written.
 */
export async function launchEnvironment(deps: LaunchDeps, request: LaunchRequest, emit: Emit, signal: AbortSignal): Promise<EnvironmentSummary> {
  const started = Date.now();
  const docker = await deps.docker();
  const { resolved, localFolder, configFile } = request;
  const id = environmentId(localFolder, configFile);
  if (!existsSync(localFolder) || !statSync(localFolder).isDirectory()) {
    throw new ApiError('invalid_input', `The project folder ${localFolder} does not exist: create it or pick another one.`);
  }

  const existing = await findEnvironmentContainer(docker, localFolder, configFile);
  if (existing) {
    if (existing.State === 'running' && !request.replace) {
      emit({ type: 'step', message: `${resolved.name} is already running (${existing.Names[0]?.replace(/^\//, '')}).` });
      const summary = await summaryOf(docker, existing.Id);
      emit({ type: 'ready', environment: summary, lockFile: request.lockFile, elapsedMs: Date.now() - started });
      return summary;
    }
    emit({ type: 'step', message: `Removing the ${existing.State} container of this environment to create it afresh` });
    await docker
      .getContainer(existing.Id)
      .remove({ force: true })
      .catch((error: unknown) => {
        throw toApiError(error, `remove the old container of ${resolved.name}`);
      });
  }

  const cleanup: (() => Promise<void>)[] = [];
  const undo = async () => {
    for (const step of cleanup.reverse()) await step().catch(() => {});
  };
  try {
    const image = await obtainImage(deps, docker, request.image, resolved.name, emit, signal, cleanup);
    const imageInfo = await docker.getImage(image.reference).inspect();
    throwIfCancelled(signal);

    const hostPorts = await choosePorts(docker, resolved);
    const readiness = resolved.gpu.from === 'none' ? null : await deps.gpuReadiness().catch(() => null);
    const gpu = chooseGpuRequest(resolved.gpu, readiness, request.gpu);
    if (gpu.note) emit({ type: 'warning', message: gpu.note });
    const deviceRequests = gpu.request.mode === 'none' || !readiness ? [] : toDeviceRequests(gpu.request, readiness);

    const extraEnv: Record<string, string> = {};
    let appLabel: string | null = null;
    // One token per token variable: the template's app and a declared app on the same variable share it.
    const tokens = new Map<string, string>();
    const tokenFor = (variable: string | null) => {
      const key = variable ?? '';
      if (!tokens.has(key)) tokens.set(key, randomBytes(24).toString('hex'));
      return tokens.get(key) as string;
    };
    const apps: LaunchedApp[] = resolved.apps.map((app) => ({ ...app, token: app.tokenEnv ? tokenFor(app.tokenEnv) : null }));
    Object.assign(extraEnv, appEnvironment(apps, id, resolved.env));
    if (resolved.app) {
      const token = tokenFor(resolved.app.tokenEnv);
      if (resolved.app.tokenEnv) extraEnv[resolved.app.tokenEnv] = token;
      // A declared app on the same port that knows its base path: the legacy path lives under it.
      const same = apps.find((app) => app.port === resolved.app?.port && app.basePath);
      const path = (same ? `${appBasePath(id, same.name)}${resolved.app.path.replace(/^\/+/, '')}` : resolved.app.path).replaceAll('{token}', token);
      appLabel = JSON.stringify({ label: resolved.app.label, port: resolved.app.port, path });
    }
    const tracked = (await deps.tracking?.(resolved.name).catch(() => null)) ?? null;
    if (tracked) for (const [key, value] of Object.entries(tracked.env)) if (!(key in resolved.env)) extraEnv[key] = value;
    const name = resolved.containerName ?? defaultContainerName(localFolder, id);
    const labels: Record<string, string> = {
      [DEVCONTAINER_LABEL.localFolder]: localFolder,
      [DEVCONTAINER_LABEL.configFile]: configFile,
      [DEVCONTAINER_LABEL.metadata]: metadataLabel(imageInfo.Config?.Labels?.[DEVCONTAINER_LABEL.metadata], resolved.metadata),
      [ENV_LABEL.id]: id,
      [ENV_LABEL.name]: resolved.name,
      [ENV_LABEL.kind]: resolved.kind,
      ...(resolved.templateId ? { [ENV_LABEL.template]: resolved.templateId } : {}),
      ...(request.lockFile ? { [ENV_LABEL.lockFile]: request.lockFile } : {}),
      ...(appLabel ? { [ENV_LABEL.app]: appLabel } : {}),
      ...(apps.length > 0 ? { [ENV_LABEL.apps]: JSON.stringify(apps) } : {}),
      ...(resolved.lifecycle.postStartCommand ? { [ENV_LABEL.onStart]: onStartLabel(resolved) } : {}),
    };

    emit({ type: 'step', message: `Creating container ${name} from ${image.reference}` });
    let container: Docker.Container;
    try {
      container = await docker.createContainer(
        environmentCreateOptions(resolved, { name, image: image.reference, localFolder, hostPorts, deviceRequests, labels, extraEnv, extraHosts: tracked?.extraHosts }),
      );
    } catch (error) {
      const failure = toApiError(error, `create the container ${name}`);
      if ((failure.details as { statusCode?: number } | undefined)?.statusCode === 409) {
        throw new ApiError('conflict', `A container named ${name} already exists and is not this environment's: remove it, or change --name in runArgs.`);
      }
      throw failure;
    }
    cleanup.push(() => container.remove({ force: true }));
    try {
      await container.start();
    } catch (error) {
      throw toApiError(error, `start the container ${name}`);
    }

    await runLifecycle(docker, container.id, resolved, ['onCreateCommand', 'updateContentCommand', 'postCreateCommand', 'postStartCommand', 'postAttachCommand'], emit, signal);

    if (request.lockFile && request.writeLock) {
      const lock: Lockfile = {
        lockfileVersion: 1,
        kind: 'container',
        createdBy: `benchtop ${deps.version}`,
        createdAt: new Date().toISOString(),
        source: request.lockSource,
        image: { reference: image.reference, id: imageInfo.Id, repoDigests: imageInfo.RepoDigests ?? [], built: request.image.kind === 'build' },
        gpu: { requested: gpu.request.mode === 'none' ? 'none' : JSON.stringify(gpu.request), deviceRequests: deviceRequests as unknown as Record<string, unknown>[], readiness: readiness?.state ?? null },
        resolved,
      };
      emit({ type: 'step', message: `Writing ${request.lockFile}` });
      await writeLockfile(request.lockFile, lock);
    }

    const summary = await summaryOf(docker, container.id);
    if (summary.app?.url) {
      const port = summary.ports.find((p) => p.containerPort === summary.app?.containerPort);
      if (port) {
        emit({ type: 'step', message: `Waiting for ${summary.app.label} on port ${port.hostPort}` });
        const answered = await waitForPort(port.hostPort, 90_000, signal);
        if (!answered) emit({ type: 'warning', message: `${summary.app.label} did not answer on port ${port.hostPort} within 90 s: open its logs to see why.` });
      }
    }
    throwIfCancelled(signal);
    emit({ type: 'ready', environment: summary, lockFile: request.lockFile, elapsedMs: Date.now() - started });
    return summary;
  } catch (error) {
    await undo();
    if (signal.aborted) throw new ApiError('cancelled', `Cancelled: ${resolved.name} was not started, and what this launch had made was removed.`);
    throw error;
  }
}

/** Runs the named lifecycle commands in order as the remote user; the first failure stops the rest. */
export async function runLifecycle(docker: Docker, containerId: string, resolved: LifecycleView, keys: string[], emit: Emit, signal: AbortSignal): Promise<void> {
  for (const key of keys) {
    const command = resolved.lifecycle[key];
    if (!command) continue;
    emit({ type: 'step', message: `Running ${key}` });
    await runLifecycleCommand(
      {
        docker,
        containerId,
        user: resolved.remoteUser ?? resolved.containerUser,
        workdir: resolved.workspaceFolder,
        env: resolved.remoteEnv,
        signal,
        onLine: (source, line) => emit({ type: 'output', source, line }),
      },
      key,
      command,
    );
  }
}

/** What the lifecycle commands need: which, as whom, where, with which variables. */
export type LifecycleView = Pick<ResolvedEnvironment, 'lifecycle' | 'remoteUser' | 'containerUser' | 'workspaceFolder' | 'remoteEnv'>;

/** What a later Start needs to run postStartCommand again. */
export function onStartLabel(resolved: LifecycleView): string {
  return JSON.stringify({
    command: resolved.lifecycle.postStartCommand,
    user: resolved.remoteUser ?? resolved.containerUser,
    workdir: resolved.workspaceFolder,
    env: resolved.remoteEnv,
  });
}

/** `devcontainer.metadata`: the image's own snippets (an array or one object), then this config's. */
export function metadataLabel(fromImage: string | undefined, snippet: Record<string, unknown>): string {
  let base: unknown[] = [];
  if (fromImage) {
    try {
      const parsed = JSON.parse(fromImage) as unknown;
      base = Array.isArray(parsed) ? parsed : [parsed];
    } catch {
      base = [];
    }
  }
  return JSON.stringify([...base, snippet]);
}

async function obtainImage(deps: LaunchDeps, docker: Docker, spec: ImageSpec, name: string, emit: Emit, signal: AbortSignal, cleanup: (() => Promise<void>)[]): Promise<{ reference: string }> {
  if (spec.kind === 'reference') {
    if (await imageExists(docker, spec.reference)) return { reference: spec.reference };
    emit({ type: 'step', message: `Pulling ${spec.reference}` });
    const task = deps.tasks.start({ kind: 'pull', title: `Pull ${spec.reference} (${name})`, signal });
    try {
      await pullImage(docker, spec.reference, () => {}, task.signal, { task });
      task.succeed(`Pulled ${spec.reference}`);
    } catch (error) {
      if (task.signal.aborted) task.cancelled();
      else task.fail(error instanceof Error ? error.message : String(error));
      throw new ApiError('not_found', `The image ${spec.reference} is not on this machine and could not be pulled (${error instanceof Error ? error.message : String(error)}): load or build it, or fix "image" in the config.`, { image: spec.reference });
    }
    return { reference: spec.reference };
  }
  if (spec.kind === 'pinned') {
    const local = await docker.getImage(spec.id).inspect().catch(() => null);
    if (local) return { reference: (local.RepoTags ?? []).find((tag) => tag !== '<none>:<none>') ?? spec.id };
    const byDigest = spec.repoDigests[0];
    if (!byDigest) {
      throw new ApiError('not_found', `The locked image ${spec.id} (${spec.reference}, built locally) is not on this engine and has no registry digest to pull: load it (docker save / docker load) or launch the config again to rebuild it.`, { image: spec.id });
    }
    emit({ type: 'step', message: `Pulling ${byDigest}` });
    try {
      await pullImage(docker, byDigest, () => {}, signal);
    } catch (error) {
      throw new ApiError('not_found', `The locked image ${byDigest} is not on this engine and could not be pulled (${error instanceof Error ? error.message : String(error)}): make the registry reachable or load the image, then reproduce again.`, { image: byDigest });
    }
    const pulled = await docker.getImage(byDigest).inspect();
    if (pulled.Id !== spec.id) throw new ApiError('conflict', `${byDigest} resolved to ${pulled.Id}, not the locked ${spec.id}: the lockfile and the registry disagree.`);
    return { reference: byDigest };
  }
  if (!existsSync(spec.dockerfile)) throw new ApiError('invalid_input', `The Dockerfile ${spec.dockerfile} named by "build.dockerfile" does not exist: fix the path (it is relative to the devcontainer.json).`, { dockerfile: spec.dockerfile });
  if (!existsSync(spec.context) || !statSync(spec.context).isDirectory()) throw new ApiError('invalid_input', `The build context ${spec.context} named by "build.context" is not a folder: fix the path (it is relative to the devcontainer.json).`, { context: spec.context });
  const existed = await imageExists(docker, spec.tag);
  emit({ type: 'step', message: `Building ${spec.tag} from ${spec.dockerfile}` });
  const task = deps.tasks.start({ kind: 'build', title: `Build ${spec.tag} (${name})`, signal });
  let result;
  try {
    result = await buildImage(
      deps.build,
      { context: spec.context, dockerfile: spec.dockerfile, tags: [spec.tag], buildArgs: spec.args, ...(spec.target ? { target: spec.target } : {}), builder: 'auto', labels: {} },
      (event) => {
        if (event.type === 'log') for (const line of event.lines) emit({ type: 'output', source: 'build', line: line.text });
      },
      task.signal,
      task,
    );
  } catch (error) {
    if (task.signal.aborted) task.cancelled();
    else task.fail(error instanceof Error ? error.message : String(error));
    throw error;
  }
  if (result.type === 'failed') {
    task.fail(result.message);
    throw new ApiError('invalid_input', `The image build failed${result.failedStep ? ` at ${result.failedStep}` : ''}: ${result.message} Fix the Dockerfile and start again.`, { output: result.stepOutput });
  }
  task.succeed(`Built ${spec.tag}`);
  if (!existed) cleanup.push(() => docker.getImage(spec.tag).remove({ force: true }).then(() => undefined));
  return { reference: spec.tag };
}

async function imageExists(docker: Docker, reference: string): Promise<boolean> {
  try {
    await docker.getImage(reference).inspect();
    return true;
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode === 404) return false;
    throw toApiError(error, `look up the image ${reference}`);
  }
}

/** Host ports: exact ones must be free (else: which, and held by what); preferred ones move up to the next free port. */
async function choosePorts(docker: Docker, resolved: ResolvedEnvironment): Promise<Map<string, number>> {
  const chosen = new Map<string, number>();
  const taken = new Set<number>();
  for (const port of resolved.ports) {
    if (port.hostPort === null) continue;
    const key = `${port.containerPort}/${port.protocol}`;
    if (port.protocol === 'udp') {
      chosen.set(key, port.hostPort);
      continue;
    }
    if (port.policy === 'prefer') {
      const free = await firstFreePort(docker, port.hostPort, port.hostIp, taken);
      if (free === 0) throw new ApiError('conflict', `No free host port from ${port.hostPort} up for ${resolved.app?.label ?? 'the app'}: free one, then start again.`);
      chosen.set(key, free);
      taken.add(free);
      continue;
    }
    const owner = taken.has(port.hostPort) ? 'another port of this environment' : await portOwner(docker, port.hostPort, port.hostIp);
    if (owner) {
      throw new ApiError(
        'conflict',
        `Host port ${port.hostPort} (${port.origin} ${port.containerPort}) is already taken by ${owner}: stop it, or change the port in the config.`,
        { port: port.hostPort, owner },
      );
    }
    chosen.set(key, port.hostPort);
    taken.add(port.hostPort);
  }
  return chosen;
}

/**
 * Resolves true once http://127.0.0.1:port/ gives any HTTP response, false at the deadline. A TCP
 * connect is not enough: docker-proxy accepts connections before the app inside listens.
 */
export async function waitForPort(port: number, timeoutMs: number, signal: AbortSignal): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !signal.aborted) {
    const open = await new Promise<boolean>((resolve) => {
      const request = httpGet({ host: '127.0.0.1', port, path: '/', timeout: 1000 }, (response) => {
        response.resume();
        resolve(true);
      });
      request.once('timeout', () => request.destroy());
      request.once('error', () => resolve(false));
    });
    if (open) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return false;
}

function throwIfCancelled(signal: AbortSignal): void {
  if (signal.aborted) throw new ApiError('cancelled', 'Cancelled.');
}
