import type Docker from 'dockerode';
import { ApiError } from '../../../shared/api/errors.ts';
import type { ComposeProject, ComposeService } from '../../../shared/domain/compose-model.ts';
import type { GpuReadiness } from '../../../shared/domain/gpu.ts';
import { chooseGpuRequest } from '../../../shared/environments/gpu-choice.ts';
import { DEVCONTAINER_LABEL, ENV_LABEL } from '../../../shared/environments/labels.ts';
import type { DevcontainerConfig } from '../../../shared/environments/model.ts';
import { basenameOf } from '../../../shared/environments/paths.ts';
import type { ResolvedEnvironment } from '../../../shared/environments/resolved.ts';
import { environmentId, type EnvironmentSummary } from '../../../shared/environments/summary.ts';
import { composeDown } from '../compose/down.ts';
import { LABEL } from '../compose/labels.ts';
import { normalizeProjectName } from '../compose/project-name.ts';
import type { ComposeStackService } from '../compose/service.ts';
import { buildStackImages } from '../compose/stack-images.ts';
import { composeUp } from '../compose/up.ts';
import type { ContainerEventSource } from '../compose/wait-for.ts';
import { KEEP_ALIVE_SCRIPT } from './create-options.ts';
import { metadataLabel, onStartLabel, runLifecycle, summaryOf, type Emit, type LaunchDeps, type LifecycleView } from './launch.ts';

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

/**
 * dockerComposeFile + service: the project goes up through Benchtop's compose engine with the
 * devcontainer labels (and overrideCommand, containerEnv, GPUs) put on the opened service; then
 * the lifecycle commands run in its container. A failed first up takes the project down again.
 */
export async function launchComposeEnvironment(
  deps: ComposeVariantDeps,
  config: DevcontainerConfig,
  localFolder: string,
  gpuWanted: 'auto' | 'none',
  emit: Emit,
  signal: AbortSignal,
): Promise<EnvironmentSummary> {
  if (config.source.kind !== 'compose') throw new Error('not a compose config');
  const started = Date.now();
  const { files, service: serviceName, runServices } = config.source;
  const docker: Docker = await deps.docker();
  const projectName = devcontainerProjectName(localFolder, config.file);
  const loaded = deps.compose.load({ files, projectName });
  const opened = loaded.services[serviceName];
  if (!opened) {
    throw new ApiError('invalid_input', `${config.file}: "service": "${serviceName}" is not a service of ${files.join(', ')} (it has ${Object.keys(loaded.services).join(', ')}).`);
  }
  const id = environmentId(localFolder, config.file);
  const readiness: GpuReadiness | null = config.gpu !== null || config.runArgs.gpus !== null ? await deps.gpuReadiness().catch(() => null) : null;
  const gpu = chooseGpuRequest(
    config.runArgs.gpus !== null ? { from: 'runArgs', value: config.runArgs.gpus, required: true } : config.gpu ? { from: 'hostRequirements', value: JSON.stringify(config.gpu), required: config.gpu !== 'optional' } : { from: 'none', value: null, required: false },
    readiness,
    gpuWanted,
  );
  if (gpu.note) emit({ type: 'warning', message: gpu.note });
  const lifecycleView: LifecycleView = {
    lifecycle: config.lifecycle as ResolvedEnvironment['lifecycle'],
    remoteUser: config.remoteUser,
    containerUser: config.containerUser,
    workspaceFolder: config.workspaceFolder ?? '/',
    remoteEnv: config.remoteEnv,
  };
  const service: ComposeService = {
    ...opened,
    labels: {
      ...opened.labels,
      [DEVCONTAINER_LABEL.localFolder]: localFolder,
      [DEVCONTAINER_LABEL.configFile]: config.file,
      [DEVCONTAINER_LABEL.metadata]: metadataLabel(undefined, config.metadata),
      [ENV_LABEL.id]: id,
      [ENV_LABEL.name]: config.name ?? basenameOf(localFolder),
      [ENV_LABEL.kind]: 'compose',
      ...(config.lifecycle.postStartCommand ? { [ENV_LABEL.onStart]: onStartLabel(lifecycleView) } : {}),
    },
    environment: { ...opened.environment, ...config.containerEnv },
    ...(config.overrideCommand === true ? { entrypoint: ['/bin/sh'], command: ['-c', KEEP_ALIVE_SCRIPT, '-'] } : {}),
    ...(config.containerUser ? { user: config.containerUser } : {}),
    deviceRequests:
      gpu.request.mode === 'none' ? opened.deviceRequests : [...opened.deviceRequests, { Driver: '', Count: gpu.request.mode === 'count' ? gpu.request.count : -1, DeviceIDs: gpu.request.mode === 'devices' ? gpu.request.deviceIds : [], Capabilities: [['gpu']], Options: {} }],
  };
  const keep = keptServices(loaded, serviceName, runServices);
  const project: ComposeProject = {
    ...loaded,
    services: Object.fromEntries(Object.entries(loaded.services).filter(([name]) => keep.has(name)).map(([name, s]) => [name, name === serviceName ? service : s])),
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
    await runLifecycle(docker, container.Id, lifecycleView, ['onCreateCommand', 'updateContentCommand', 'postCreateCommand', 'postStartCommand', 'postAttachCommand'], emit, signal);
    emit({ type: 'warning', message: 'Compose environments are not written to benchtop.lock.json (Reproduce covers image and Dockerfile environments); pin the images in the compose file instead.' });
    const summary = await summaryOf(docker, container.Id);
    emit({ type: 'ready', environment: summary, lockFile: null, elapsedMs: Date.now() - started });
    return summary;
  } catch (error) {
    if (before.length === 0) await composeDown(engine, project.name, { volumes: false }, () => {}, new AbortController().signal).catch(() => 0);
    throw error;
  }
}
