import type Docker from 'dockerode';
import { ApiError } from '../../../shared/api/errors.ts';
import type { ComposeDeviceRequest, ComposeProject, ComposeService } from '../../../shared/domain/compose-model.ts';
import type { GpuReadiness } from '../../../shared/domain/gpu.ts';
import { chooseGpuRequest } from '../../../shared/environments/gpu-choice.ts';
import { DEVCONTAINER_LABEL, ENV_LABEL } from '../../../shared/environments/labels.ts';
import type { ComposeDevcontainer, ComposeLockfile, LockedImage } from '../../../shared/environments/lockfile.ts';
import type { DevcontainerConfig } from '../../../shared/environments/model.ts';
import { basenameOf } from '../../../shared/environments/paths.ts';
import { localPath, portablePath, type GpuSource, type ResolvedEnvironment } from '../../../shared/environments/resolved.ts';
import { environmentId, type EnvironmentSummary } from '../../../shared/environments/summary.ts';
import { composeDown } from '../compose/down.ts';
import { LABEL } from '../compose/labels.ts';
import { normalizeProjectName } from '../compose/project-name.ts';
import type { ComposeStackService } from '../compose/service.ts';
import { buildStackImages } from '../compose/stack-images.ts';
import { composeUp } from '../compose/up.ts';
import type { ContainerEventSource } from '../compose/wait-for.ts';
import { pullImage } from '../images/pull.ts';
import { KEEP_ALIVE_SCRIPT } from './create-options.ts';
import { metadataLabel, onStartLabel } from './environment-labels.ts';
import { summaryOf, type LaunchDeps } from './launch.ts';
import { runLifecycle, type Emit, type LifecycleView } from './lifecycle.ts';
import { writeLockfile } from './lockfile-io.ts';

export interface ComposeVariantDeps extends LaunchDeps {
  compose: ComposeStackService;
  events: ContainerEventSource;
}

/** The reference CLI's project name: `<folder>_devcontainer` when the files sit in .devcontainer/. */
export function devcontainerProjectName(localFolder: string, configFile: string): string {
  const base = normalizeProjectName(basenameOf(localFolder)) || 'project';
  return configFile.includes('/.devcontainer/') ? `${base}_devcontainer` : base;
}

/** The services `runServices` keeps: those named, the opened service, and what they depend on. */
function keptServices(project: ComposeProject, service: string, runServices: string[] | null): Set<string> {
  const keep = new Set<string>();
  const visit = (name: string) => {
    const found = project.services[name];
    if (!found || keep.has(name)) return;
    keep.add(name);
    for (const dependency of Object.keys(found.dependsOn)) visit(dependency);
    const shared = found.networkMode?.match(/^service:(.+)$/)?.[1];
    if (shared) visit(shared);
  };
  for (const name of runServices ?? Object.keys(project.services)) visit(name);
  visit(service);
  return keep;
}

/** Every host path inside the project folder as `${localWorkspaceFolder}/…` (toward the lockfile), or back. */
function mapPaths<T>(value: T, map: (path: string) => string): T {
  if (typeof value === 'string') return (value.startsWith('/') || value.startsWith('${') ? map(value) : value) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => mapPaths(item, map)) as T;
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, mapPaths(item, map)])) as T;
  return value;
}

export const portableProject = (project: ComposeProject, localFolder: string): ComposeProject => mapPaths(project, (path) => portablePath(localFolder, path));
export const localProject = (project: ComposeProject, localFolder: string): ComposeProject => mapPaths(project, (path) => localPath(localFolder, path));

/** The GPU request of a compose environment's opened service, as compose writes one. */
function gpuDeviceRequests(request: ReturnType<typeof chooseGpuRequest>['request']): ComposeDeviceRequest[] {
  if (request.mode === 'none') return [];
  return [{ Driver: '', Count: request.mode === 'count' ? request.count : request.mode === 'all' ? -1 : 0, DeviceIDs: request.mode === 'devices' ? request.deviceIds : [], Capabilities: [['gpu']], Options: {} }];
}

export function lifecycleViewOf(devcontainer: ComposeDevcontainer): LifecycleView {
  return {
    lifecycle: devcontainer.lifecycle as ResolvedEnvironment['lifecycle'],
    remoteUser: devcontainer.remoteUser,
    containerUser: devcontainer.containerUser,
    workspaceFolder: devcontainer.workspaceFolder,
    remoteEnv: devcontainer.remoteEnv,
  };
}

/**
 * The opened service with what the devcontainer.json puts on it: containerEnv, overrideCommand,
 * containerUser and GPUs, and (when labels are given) the devcontainer and Benchtop labels.
 */
export function withDevcontainer(service: ComposeService, devcontainer: ComposeDevcontainer, gpu: ComposeDeviceRequest[], labels: Record<string, string>): ComposeService {
  return {
    ...service,
    labels: { ...service.labels, ...labels },
    environment: { ...service.environment, ...devcontainer.containerEnv },
    ...(devcontainer.overrideCommand === true ? { entrypoint: ['/bin/sh'], command: ['-c', KEEP_ALIVE_SCRIPT, '-'] } : {}),
    ...(devcontainer.containerUser ? { user: devcontainer.containerUser } : {}),
    deviceRequests: [...service.deviceRequests, ...gpu],
  };
}

function devcontainerOf(config: DevcontainerConfig, localFolder: string): ComposeDevcontainer {
  if (config.source.kind !== 'compose') throw new Error('not a compose config');
  return {
    name: config.name ?? basenameOf(localFolder),
    service: config.source.service,
    runServices: config.source.runServices,
    workspaceFolder: config.workspaceFolder ?? '/',
    containerEnv: config.containerEnv,
    remoteEnv: config.remoteEnv,
    overrideCommand: config.overrideCommand,
    containerUser: config.containerUser,
    remoteUser: config.remoteUser,
    lifecycle: config.lifecycle as ComposeDevcontainer['lifecycle'],
    metadata: config.metadata,
    gpu: config.runArgs.gpus !== null ? { from: 'runArgs', value: config.runArgs.gpus, required: true } : config.gpu ? { from: 'hostRequirements', value: JSON.stringify(config.gpu), required: config.gpu !== 'optional' } : { from: 'none', value: null, required: false },
  };
}

interface ComposeLaunch {
  /** The started services as loaded (runServices applied), before the devcontainer settings. */
  project: ComposeProject;
  devcontainer: ComposeDevcontainer;
  localFolder: string;
  configFile: string;
  lockFile: string;
  /** launch: write the lockfile after success; reproduce: use the locked images and leave it. */
  mode: { kind: 'launch'; source: string } | { kind: 'reproduce'; images: Record<string, LockedImage> };
  gpuWanted: 'auto' | 'none';
}

/**
 * dockerComposeFile + service: the project goes up through Benchtop's compose engine with the
 * devcontainer labels (and overrideCommand, containerEnv, GPUs) put on the opened service; then
 * the lifecycle commands run in its container and the lockfile is written. A failed first up takes
 * the project down again, and writes no lockfile.
 */
export async function launchComposeEnvironment(
  deps: ComposeVariantDeps,
  config: DevcontainerConfig,
  localFolder: string,
  lockFile: string,
  lockSource: string,
  gpuWanted: 'auto' | 'none',
  emit: Emit,
  signal: AbortSignal,
): Promise<EnvironmentSummary> {
  if (config.source.kind !== 'compose') throw new Error('not a compose config');
  const { files, service: serviceName, runServices } = config.source;
  const loaded = deps.compose.load({ files, projectName: devcontainerProjectName(localFolder, config.file) });
  if (!loaded.services[serviceName]) {
    throw new ApiError('invalid_input', `${config.file}: "service": "${serviceName}" is not a service of ${files.join(', ')} (it has ${Object.keys(loaded.services).join(', ')}).`);
  }
  const keep = keptServices(loaded, serviceName, runServices);
  const project: ComposeProject = { ...loaded, services: Object.fromEntries(Object.entries(loaded.services).filter(([name]) => keep.has(name))) };
  return runComposeEnvironment(deps, { project, devcontainer: devcontainerOf(config, localFolder), localFolder, configFile: config.file, lockFile, mode: { kind: 'launch', source: lockSource }, gpuWanted }, emit, signal);
}

/** Reproduce of a compose lockfile: the locked project, every service on its locked image ID. */
export async function reproduceComposeEnvironment(
  deps: ComposeVariantDeps,
  lock: ComposeLockfile,
  lockFile: string,
  configFile: string,
  localFolder: string,
  gpuWanted: 'auto' | 'none',
  emit: Emit,
  signal: AbortSignal,
): Promise<EnvironmentSummary> {
  const project = localProject(lock.project, localFolder);
  const missing = Object.keys(project.services).filter((name) => !lock.images[name]);
  if (missing.length > 0) throw new ApiError('invalid_input', `${lockFile}: no locked image for the service(s) ${missing.join(', ')}; launch the config again to rewrite the lockfile.`);
  const devcontainer = { ...lock.devcontainer, containerEnv: mapPaths(lock.devcontainer.containerEnv, (p) => localPath(localFolder, p)) };
  return runComposeEnvironment(deps, { project, devcontainer, localFolder, configFile, lockFile, mode: { kind: 'reproduce', images: lock.images }, gpuWanted }, emit, signal);
}

/** A locked image by ID: here already, or pulled by its registry digest; otherwise refused naming the service. */
async function pinnedImage(docker: Docker, service: string, locked: LockedImage, emit: Emit, signal: AbortSignal): Promise<string> {
  const local = await docker.getImage(locked.id).inspect().catch(() => null);
  if (local) {
    const byReference = await docker.getImage(locked.reference).inspect().catch(() => null);
    return byReference?.Id === locked.id ? locked.reference : locked.id;
  }
  const byDigest = locked.repoDigests[0];
  if (!byDigest) {
    throw new ApiError('not_found', `The locked image ${locked.id} of the service ${service} (${locked.reference}, built locally) is not on this engine and has no registry digest to pull: load it (docker save / docker load) or launch the config again to rebuild it.`, { service, image: locked.id });
  }
  emit({ type: 'step', message: `Pulling ${byDigest} for ${service}` });
  try {
    await pullImage(docker, byDigest, () => {}, signal);
  } catch (error) {
    throw new ApiError('not_found', `The locked image ${byDigest} of the service ${service} is not on this engine and could not be pulled (${error instanceof Error ? error.message : String(error)}): make the registry reachable or load the image, then reproduce again.`, { service, image: byDigest });
  }
  const pulled = await docker.getImage(byDigest).inspect();
  if (pulled.Id !== locked.id) throw new ApiError('conflict', `${byDigest} (service ${service}) resolved to ${pulled.Id}, not the locked ${locked.id}: the lockfile and the registry disagree.`);
  return byDigest;
}

async function runComposeEnvironment(deps: ComposeVariantDeps, launch: ComposeLaunch, emit: Emit, signal: AbortSignal): Promise<EnvironmentSummary> {
  const started = Date.now();
  const { devcontainer, localFolder, configFile, lockFile, mode } = launch;
  const serviceName = devcontainer.service;
  const docker: Docker = await deps.docker();
  const base: ComposeProject = { ...launch.project, services: { ...launch.project.services } };
  if (mode.kind === 'reproduce') {
    for (const [name, service] of Object.entries(base.services)) base.services[name] = { ...service, image: await pinnedImage(docker, name, mode.images[name], emit, signal), build: null };
  }
  const opened = base.services[serviceName];
  if (!opened) throw new ApiError('invalid_input', `The compose project has no service ${serviceName}: launch the config again.`);

  const readiness: GpuReadiness | null = devcontainer.gpu.from !== 'none' ? await deps.gpuReadiness().catch(() => null) : null;
  const gpu = chooseGpuRequest(devcontainer.gpu as GpuSource, readiness, launch.gpuWanted);
  if (gpu.note) emit({ type: 'warning', message: gpu.note });
  const addedGpus = gpuDeviceRequests(gpu.request);
  const view = lifecycleViewOf(devcontainer);
  const tracked = (await deps.tracking?.(devcontainer.name).catch(() => null)) ?? null;
  const services = tracked ? Object.fromEntries(Object.entries(base.services).map(([name, s]) => [name, withTracking(s, tracked)])) : base.services;
  const project: ComposeProject = {
    ...base,
    services: {
      ...services,
      [serviceName]: withDevcontainer(services[serviceName] ?? opened, devcontainer, addedGpus, {
        [DEVCONTAINER_LABEL.localFolder]: localFolder,
        [DEVCONTAINER_LABEL.configFile]: configFile,
        [DEVCONTAINER_LABEL.metadata]: metadataLabel(undefined, devcontainer.metadata),
        [ENV_LABEL.id]: environmentId(localFolder, configFile),
        [ENV_LABEL.name]: devcontainer.name,
        [ENV_LABEL.kind]: 'compose',
        [ENV_LABEL.lockFile]: lockFile,
        ...(devcontainer.lifecycle.postStartCommand ? { [ENV_LABEL.onStart]: onStartLabel(view) } : {}),
      }),
    },
  };

  const before = await docker.listContainers({ all: true, filters: { label: [`${LABEL.project}=${project.name}`] } });
  const engine = { docker, events: deps.events };
  try {
    const toBuild: ComposeProject = { ...project, services: {} };
    for (const [name, s] of Object.entries(project.services)) {
      if (s.build !== null && !(await docker.getImage(s.image).inspect().then(() => true, () => false))) toBuild.services[name] = s;
    }
    if (Object.keys(toBuild.services).length > 0) {
      emit({ type: 'step', message: `Building ${Object.keys(toBuild.services).join(', ')}` });
      await buildStackImages(deps.build, deps.tasks, toBuild, (p) => emit({ type: 'output', source: 'build', line: `${p.service ?? p.image}: ${p.status}${p.detail ? ` ${p.detail}` : ''}` }), signal);
    }
    emit({ type: 'step', message: `Starting compose project ${project.name}` });
    await composeUp(engine, project, (p) => {
      if (p.type === 'resource') emit({ type: 'output', source: 'compose', line: `${p.kind} ${p.name}: ${p.status}${p.detail ? ` (${p.detail})` : ''}` });
    }, signal);
    const [container] = await docker.listContainers({ all: true, filters: { label: [`${LABEL.project}=${project.name}`, `${LABEL.service}=${serviceName}`] } });
    if (!container) throw new ApiError('internal', `The compose project ${project.name} has no ${serviceName} container after up.`);
    await runLifecycle(docker, container.Id, view, ['onCreateCommand', 'updateContentCommand', 'postCreateCommand', 'postStartCommand', 'postAttachCommand'], emit, signal);
    if (mode.kind === 'launch') {
      const images: Record<string, LockedImage> = {};
      for (const [name, s] of Object.entries(base.services)) {
        const info = await docker.getImage(s.image).inspect();
        images[name] = { reference: s.image, id: info.Id, repoDigests: info.RepoDigests ?? [], built: s.build !== null };
      }
      const lock: ComposeLockfile = {
        lockfileVersion: 1,
        kind: 'compose',
        createdBy: `benchtop ${deps.version}`,
        createdAt: new Date().toISOString(),
        source: mode.source,
        project: portableProject(base, localFolder),
        images,
        devcontainer: { ...devcontainer, containerEnv: mapPaths(devcontainer.containerEnv, (p) => portablePath(localFolder, p)) },
        gpu: { requested: gpu.request.mode === 'none' ? 'none' : JSON.stringify(gpu.request), deviceRequests: addedGpus, readiness: readiness?.state ?? null },
      };
      emit({ type: 'step', message: `Writing ${lockFile}` });
      await writeLockfile(lockFile, lock);
    }
    const summary = await summaryOf(docker, container.Id);
    emit({ type: 'ready', environment: summary, lockFile, elapsedMs: Date.now() - started });
    return summary;
  } catch (error) {
    if (before.length === 0) await composeDown(engine, project.name, { volumes: false }, () => {}, new AbortController().signal).catch(() => 0);
    throw error;
  }
}

/** A service with the tracking env (its own variables win) and the host alias (its own entry wins). */
function withTracking(service: ComposeService, tracked: { env: Record<string, string>; extraHosts: string[] }): ComposeService {
  const hosts = new Set(service.extraHosts.map((entry) => entry.split(':')[0]));
  return {
    ...service,
    environment: { ...tracked.env, ...service.environment },
    extraHosts: [...service.extraHosts, ...tracked.extraHosts.filter((entry) => !hosts.has(entry.split(':')[0]))],
  };
}
