import { randomBytes } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import type Docker from 'dockerode';
import { ApiError } from '../../../shared/api/errors.ts';
import type { GpuReadiness } from '../../../shared/domain/gpu.ts';
import { appBasePath, appEnvironment, type LaunchedApp } from '../../../shared/environments/apps.ts';
import { chooseGpuRequest } from '../../../shared/environments/gpu-choice.ts';
import { DEVCONTAINER_LABEL, ENV_LABEL } from '../../../shared/environments/labels.ts';
import type { Lockfile } from '../../../shared/environments/lockfile.ts';
import type { ResolvedEnvironment } from '../../../shared/environments/resolved.ts';
import { environmentId, environmentsFromContainers, type EnvironmentSummary } from '../../../shared/environments/summary.ts';
import { toContainerSummary } from '../containers/summary.ts';
import { toApiError } from '../engine/errors.ts';
import { toDeviceRequests } from '../gpu/device-requests.ts';
import { environmentCreateOptions } from './create-options.ts';
import { choosePorts, waitForPort } from './host-ports.ts';
import { obtainImage, type ImageDeps, type ImageSpec } from './environment-image.ts';
import { metadataLabel, onStartLabel } from './environment-labels.ts';
import { runLifecycle, type Emit } from './lifecycle.ts';
import { writeLockfile } from './lockfile-io.ts';

export interface LaunchDeps extends ImageDeps {
  docker(): Promise<Docker>;
  gpuReadiness(): Promise<GpuReadiness | null>;
  version: string;
  /**
   * MLflow tracking for what the environment runs: MLFLOW_TRACKING_URI, an experiment-scoped
   * MLFLOW_TRACKING_TOKEN and MLFLOW_EXPERIMENT_NAME (the environment's name), plus the host alias;
   * null when turned off or unavailable (see run-tracking/environment-tracking.ts). Never locked.
   */
  tracking?(environmentName: string): Promise<{ env: Record<string, string>; extraHosts: string[] } | null>;
}

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

  // The lookup of this environment's container and of a named image go out together (both only read).
  const [existing, imageAhead] = await Promise.all([
    findEnvironmentContainer(docker, localFolder, configFile),
    request.image.kind === 'reference' ? docker.getImage(request.image.reference).inspect().catch(() => null) : Promise.resolve(null),
  ]);
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
    // An image already here needs nothing more; else it is pulled or built first (ports are chosen after a long build, not before).
    const image = imageAhead ? { reference: (request.image as { reference: string }).reference } : await obtainImage(deps, docker, request.image, resolved.name, emit, signal, cleanup);
    throwIfCancelled(signal);
    // Independent questions, asked at once: the image's labels, free host ports, GPU readiness, tracking.
    const [imageInfo, hostPorts, readiness, tracked] = await Promise.all([
      imageAhead ?? docker.getImage(image.reference).inspect(),
      choosePorts(docker, resolved),
      resolved.gpu.from === 'none' ? null : deps.gpuReadiness().catch(() => null),
      deps.tracking ? deps.tracking(resolved.name).catch(() => null) : null,
    ]);
    throwIfCancelled(signal);
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

    // The summary (a container list) is read while the lifecycle commands run: they change neither labels nor ports.
    const summaryAhead = summaryOf(docker, container.id);
    summaryAhead.catch(() => undefined);
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

    const summary = await summaryAhead;
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

function throwIfCancelled(signal: AbortSignal): void {
  if (signal.aborted) throw new ApiError('cancelled', 'Cancelled.');
}
