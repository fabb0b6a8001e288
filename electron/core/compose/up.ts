import type Docker from 'dockerode';
import { ApiError } from '../../../shared/api/errors.ts';
import type { ComposeProject, ComposeService } from '../../../shared/domain/compose-model.ts';
import type { ComposeProgress } from '../../../shared/domain/compose-plan.ts';
import { toApiError } from '../engine/errors.ts';
import { pullImage } from '../images/pull.ts';
import { containerCreateOptions, containerName, endpoint, extraNetworks } from './container-spec.ts';
import { COMPOSE_VERSION_MARKER, LABEL } from './labels.ts';
import { planUp, readEngineState, type ContainerStep, type UpPlan } from './plan.ts';
import { waitCompleted, waitHealthy, type ContainerEventSource } from './wait-for.ts';

export interface ComposeEngine {
  docker: Docker;
  events: ContainerEventSource;
}

export type ProgressSink = (progress: ComposeProgress) => void;

/**
 * Brings a project up through the Engine API: networks and volumes, then every service as soon
 * as what it depends on is ready (started, healthy, or completed), independent services in
 * parallel. Unchanged containers are kept. Returns how many resources changed.
 */
/** docker compose up's --force-recreate and --remove-orphans. */
export interface UpOptions {
  forceRecreate?: boolean;
  removeOrphans?: boolean;
}

export async function composeUp(engine: ComposeEngine, project: ComposeProject, emit: ProgressSink, signal: AbortSignal, options: UpOptions = {}): Promise<number> {
  const { docker } = engine;
  const state = await readEngineState(docker, project);
  let plan = planUp(project, state, options);
  if (options.removeOrphans) {
    for (const orphan of state.containers.filter((c) => !project.services[c.Labels?.[LABEL.service] ?? ''])) {
      const name = (orphan.Names?.[0] ?? orphan.Id).replace(/^\//, '');
      emit({ type: 'resource', kind: 'container', name, service: orphan.Labels?.[LABEL.service] ?? null, status: 'removing', detail: 'orphan (--remove-orphans)' });
      await engineCall(`remove orphan container ${name}`, () => docker.getContainer(orphan.Id).remove({ force: true }));
      emit({ type: 'resource', kind: 'container', name, service: orphan.Labels?.[LABEL.service] ?? null, status: 'removed' });
    }
  }
  checkExternals(project, plan);
  let images = state.images;
  if (plan.missingImages.length > 0) {
    await pullMissing(engine, project, plan.missingImages, emit, signal);
    const pulled = await readEngineState(docker, project);
    plan = planUp(project, pulled, options);
    images = pulled.images;
  }
  // The state's inspects already named every image: no second round of inspects.
  const imageIds = await resolveImageIds(docker, project, images);
  throwIfCancelled(signal, project.name);

  let changed = 0;
  await Promise.all([
    ...plan.steps
      .filter((step) => step.kind === 'network' && step.action === 'create')
      .map(async (step) => {
        const key = Object.keys(project.networks).find((k) => project.networks[k].name === step.name) as string;
        const network = project.networks[key];
        emit({ type: 'resource', kind: 'network', name: network.name, service: null, status: 'creating' });
        await engineCall(`create network ${network.name}`, () =>
          docker.createNetwork({
            Name: network.name,
            Driver: network.driver ?? undefined,
            Options: network.driverOpts,
            Internal: network.internal,
            Attachable: network.attachable,
            CheckDuplicate: true,
            Labels: { ...network.labels, [LABEL.project]: project.name, [LABEL.network]: key, [LABEL.version]: COMPOSE_VERSION_MARKER },
          }),
        );
        changed++;
        emit({ type: 'resource', kind: 'network', name: network.name, service: null, status: 'created' });
      }),
    ...plan.steps
      .filter((step) => step.kind === 'volume' && step.action === 'create')
      .map(async (step) => {
        const key = Object.keys(project.volumes).find((k) => project.volumes[k].name === step.name) as string;
        const volume = project.volumes[key];
        emit({ type: 'resource', kind: 'volume', name: volume.name, service: null, status: 'creating' });
        // Never a config-hash on a volume: compose would prompt to recreate it (and lose the data).
        await engineCall(`create volume ${volume.name}`, () =>
          docker.createVolume({
            Name: volume.name,
            Driver: volume.driver ?? 'local',
            DriverOpts: volume.driverOpts,
            Labels: { ...volume.labels, [LABEL.project]: project.name, [LABEL.volume]: key, [LABEL.version]: COMPOSE_VERSION_MARKER },
          }),
        );
        changed++;
        emit({ type: 'resource', kind: 'volume', name: volume.name, service: null, status: 'created' });
      }),
  ]);
  throwIfCancelled(signal, project.name);

  // One failure stops everything still waiting; what already started stays (as compose does).
  const stop = new AbortController();
  const onAbort = () => stop.abort();
  signal.addEventListener('abort', onAbort, { once: true });
  const started = new Map<string, Promise<string[]>>();
  const startService = (service: ComposeService): Promise<string[]> => {
    const existing = started.get(service.name);
    if (existing) return existing;
    const task = (async () => {
      await Promise.all(dependenciesOf(project, service).map(([name, condition]) => ready(name, condition)));
      if (stop.signal.aborted) throw new ApiError('cancelled', `Cancelled: up of ${project.name}.`);
      const steps = plan.containerSteps.filter((step) => step.service === service.name);
      const ids = await Promise.all(steps.map((step) => converge(engine, project, service, step, imageIds.get(service.image) as string, emit)));
      changed += steps.filter((step) => step.action !== 'keep').length;
      return ids.filter((id): id is string => id !== null);
    })();
    started.set(service.name, task);
    return task;
  };
  const ready = async (name: string, condition: string): Promise<void> => {
    const dependency = project.services[name];
    const ids = await startService(dependency);
    if (condition === 'service_healthy' || condition === 'service_completed_successfully') {
      await Promise.all(
        ids.map(async (id, index) => {
          const label = containerName(project, dependency, index + 1);
          emit({ type: 'resource', kind: 'container', name: label, service: name, status: 'waiting', detail: condition === 'service_healthy' ? 'until healthy' : 'until it completes' });
          if (condition === 'service_healthy') await waitHealthy(docker, engine.events, id, label, stop.signal);
          else await waitCompleted(docker, id, label, stop.signal);
          emit({ type: 'resource', kind: 'container', name: label, service: name, status: condition === 'service_healthy' ? 'healthy' : 'exited', detail: condition === 'service_healthy' ? undefined : 'completed successfully' });
        }),
      );
    }
  };
  try {
    const results = await Promise.allSettled(
      Object.values(project.services).map((service) =>
        startService(service).catch((error: unknown) => {
          stop.abort();
          throw error;
        }),
      ),
    );
    const failure = results.find((r): r is PromiseRejectedResult => r.status === 'rejected' && !(r.reason instanceof ApiError && r.reason.code === 'cancelled'));
    if (failure) throw failure.reason;
    throwIfCancelled(signal, project.name);
    const anyCancelled = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (anyCancelled) throw anyCancelled.reason;
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
  return changed;
}

/** depends_on plus the implicit dependency of network_mode: service:X. */
function dependenciesOf(project: ComposeProject, service: ComposeService): [string, string][] {
  const result: [string, string][] = Object.entries(service.dependsOn)
    .filter(([name]) => project.services[name])
    .map(([name, spec]) => [name, spec.condition]);
  const shared = service.networkMode?.match(/^service:(.+)$/)?.[1];
  if (shared && !service.dependsOn[shared]) result.push([shared, 'service_started']);
  return result;
}

/** Makes one container match its plan step; returns its id (null when removed). */
async function converge(engine: ComposeEngine, project: ComposeProject, service: ComposeService, step: ContainerStep, imageId: string, emit: ProgressSink): Promise<string | null> {
  const { docker } = engine;
  const report = (status: string, detail?: string) => emit({ type: 'resource', kind: 'container', name: step.name, service: service.name, status, ...(detail ? { detail } : {}) });
  if (step.action === 'keep') {
    report('unchanged', 'running');
    return step.existing?.Id ?? null;
  }
  if (step.action === 'start') {
    report('starting');
    await start(docker, step.existing?.Id as string, step.name);
    report('started');
    return step.existing?.Id ?? null;
  }
  if (step.existing) {
    report(step.action === 'remove' ? 'removing' : 'recreating', step.reason);
    await engineCall(`remove container ${step.name}`, () => docker.getContainer(step.existing?.Id as string).remove({ force: true }));
    if (step.action === 'remove') {
      report('removed');
      return null;
    }
  } else report('creating');
  const options = containerCreateOptions(project, service, step.number, imageId, (mode) => {
    const shared = mode.match(/^service:(.+)$/)?.[1];
    return shared ? `container:${containerName(project, project.services[shared], 1)}` : mode;
  });
  const container = await engineCall(`create container ${step.name}`, () => docker.createContainer(options));
  for (const key of extraNetworks(service)) {
    await engineCall(`connect ${step.name} to network ${project.networks[key].name}`, () =>
      docker.getNetwork(project.networks[key].name).connect({ Container: container.id, EndpointConfig: endpoint(service, key, step.name) }),
    );
  }
  report(step.action === 'recreate' ? 'recreated' : 'created');
  report('starting');
  await start(docker, container.id, step.name);
  report('started');
  return container.id;
}

async function start(docker: Docker, id: string, name: string): Promise<void> {
  try {
    await docker.getContainer(id).start();
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode === 304) return;
    throw toApiError(error, `start container ${name}`);
  }
}

async function engineCall<T>(action: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw toApiError(error, action);
  }
}

function throwIfCancelled(signal: AbortSignal, project: string): void {
  if (signal.aborted) throw new ApiError('cancelled', `Cancelled: up of ${project}. What was already created stays; run up again to finish, or down to remove it.`);
}

function checkExternals(project: ComposeProject, plan: UpPlan): void {
  const missing = plan.warnings.find((w) => w.startsWith('external '));
  if (missing) throw new ApiError('conflict', `Project ${project.name}: ${missing}`);
}

async function resolveImageIds(docker: Docker, project: ComposeProject, known: ReadonlyMap<string, string | null>): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const image of new Set(Object.values(project.services).map((s) => s.image))) {
    const id = known.get(image) ?? (await engineCall(`inspect image ${image}`, () => docker.getImage(image).inspect())).Id;
    ids.set(image, id);
  }
  return ids;
}

/** Pulls images the engine lacks (services with build: are refused: build them first). */
async function pullMissing(engine: ComposeEngine, project: ComposeProject, images: string[], emit: ProgressSink, signal: AbortSignal): Promise<void> {
  for (const image of images) {
    const builder = Object.values(project.services).find((s) => s.image === image && s.build !== null);
    if (builder) {
      throw new ApiError(
        'conflict',
        `Service ${builder.name} builds its image ${image}, which is not on the engine yet: build it first (docker build -t ${image} ${builder.build?.context ?? '.'}), then run up again.`,
      );
    }
  }
  for (const image of images) {
    throwIfCancelled(signal, project.name);
    emit({ type: 'resource', kind: 'container', name: image, service: null, status: 'pulling' });
    try {
      // The one pull of Benchtop (images/pull.ts): its error already says what the registry answered.
      await pullImage(engine.docker, image, () => undefined, signal);
    } catch (error) {
      if (signal.aborted) throwIfCancelled(signal, project.name);
      const said = error instanceof Error ? error.message : String(error);
      throw new ApiError('engine_error', `Image ${image} is not on the engine and could not be pulled (${said.replace(/\.$/, '')}). Pull or load it, then run up again.`);
    }
    emit({ type: 'resource', kind: 'container', name: image, service: null, status: 'pulled' });
  }
}
