import type Docker from 'dockerode';
import type { ComposePlan, ComposePlanStep } from '../../../shared/domain/compose-plan.ts';
import type { ComposeProject } from '../../../shared/domain/compose-model.ts';
import { toApiError } from '../engine/errors.ts';
import { serviceConfigHash } from './config-hash.ts';
import { containerName } from './container-spec.ts';
import { LABEL, projectFilter } from './labels.ts';
import { describeGpuReservation } from './describe-gpus.ts';

/** What the engine holds of a project, read once before planning. */
export interface EngineState {
  containers: Docker.ContainerInfo[];
  networks: ReadonlySet<string>;
  volumes: ReadonlySet<string>;
  /** Image reference → image ID, or null when the engine does not have it. */
  images: ReadonlyMap<string, string | null>;
}

export async function readEngineState(docker: Docker, project: ComposeProject): Promise<EngineState> {
  try {
    // One round trip's worth of waiting: the lists and the image inspects go out together.
    const images = new Map<string, string | null>();
    const [containers, networks, volumes] = await Promise.all([
      docker.listContainers({ all: true, filters: projectFilter(project.name) }),
      docker.listNetworks(),
      docker.listVolumes(),
      ...[...new Set(Object.values(project.services).map((s) => s.image))].map(async (image) => {
        try {
          images.set(image, (await docker.getImage(image).inspect()).Id);
        } catch (error) {
          if ((error as { statusCode?: number }).statusCode !== 404) throw error;
          images.set(image, null);
        }
      }),
    ]);
    return {
      containers: containers.filter((c) => c.Labels?.[LABEL.oneoff] !== 'True'),
      networks: new Set(networks.map((n) => n.Name)),
      volumes: new Set((volumes.Volumes ?? []).map((v) => v.Name)),
      images,
    };
  } catch (error) {
    throw toApiError(error, `read the state of project ${project.name}`);
  }
}

/** One container's planned fate; `existing` is the container it replaces, starts or keeps. */
export interface ContainerStep extends ComposePlanStep {
  kind: 'container';
  service: string;
  number: number;
  existing: Docker.ContainerInfo | null;
}

export interface UpPlan extends ComposePlan {
  containerSteps: ContainerStep[];
}

/** Compares the project with what the engine holds: the "what will change" of `up`. Reads nothing itself. */
export function planUp(project: ComposeProject, state: EngineState, options: { forceRecreate?: boolean } = {}): UpPlan {
  const steps: ComposePlanStep[] = [];
  const warnings = [...project.warnings];
  for (const network of Object.values(project.networks)) {
    if (network.external) {
      if (!state.networks.has(network.name)) warnings.push(`external network ${network.name} does not exist: create it with docker network create ${network.name}.`);
      continue;
    }
    steps.push({ kind: 'network', name: network.name, service: null, action: state.networks.has(network.name) ? 'keep' : 'create', reason: state.networks.has(network.name) ? 'exists' : 'missing' });
  }
  for (const volume of Object.values(project.volumes)) {
    if (volume.external) {
      if (!state.volumes.has(volume.name)) warnings.push(`external volume ${volume.name} does not exist: create it with docker volume create ${volume.name}.`);
      continue;
    }
    steps.push({ kind: 'volume', name: volume.name, service: null, action: state.volumes.has(volume.name) ? 'keep' : 'create', reason: state.volumes.has(volume.name) ? 'exists' : 'missing' });
  }

  const containerSteps: ContainerStep[] = [];
  for (const service of Object.values(project.services).sort((a, b) => a.name.localeCompare(b.name))) {
    const hash = serviceConfigHash(service);
    const imageId = state.images.get(service.image) ?? null;
    const mine = state.containers
      .filter((c) => c.Labels?.[LABEL.service] === service.name)
      .sort((a, b) => Number(a.Labels?.[LABEL.containerNumber]) - Number(b.Labels?.[LABEL.containerNumber]));
    const byNumber = new Map(mine.map((c) => [Number(c.Labels?.[LABEL.containerNumber]), c]));
    for (let number = 1; number <= service.replicas; number++) {
      const existing = byNumber.get(number) ?? null;
      const name = containerName(project, service, number);
      let action: ComposePlanStep['action'];
      let reason: string;
      if (!existing) {
        action = 'create';
        reason = 'no container yet';
      } else if (existing.Labels?.[LABEL.configHash] !== hash) {
        action = 'recreate';
        reason = 'the configuration changed';
      } else if (imageId !== null && existing.Labels?.[LABEL.image] !== imageId) {
        action = 'recreate';
        reason = 'the image changed';
      } else if (options.forceRecreate) {
        action = 'recreate';
        reason = 'forced (--force-recreate)';
      } else if (existing.State !== 'running') {
        action = 'start';
        reason = `it is ${existing.State}`;
      } else {
        action = 'keep';
        reason = 'up to date';
      }
      const gpus = describeGpuReservation(service.deviceRequests);
      containerSteps.push({ kind: 'container', name, service: service.name, number, action, reason, existing, ...(gpus ? { gpus } : {}) });
    }
    for (const extra of mine.filter((c) => Number(c.Labels?.[LABEL.containerNumber]) > service.replicas)) {
      containerSteps.push({
        kind: 'container',
        name: (extra.Names?.[0] ?? extra.Id).replace(/^\//, ''),
        service: service.name,
        number: Number(extra.Labels?.[LABEL.containerNumber]),
        action: 'remove',
        reason: `scaled to ${service.replicas}`,
        existing: extra,
      });
    }
  }
  const orphans = state.containers
    .filter((c) => !project.services[c.Labels?.[LABEL.service] ?? ''])
    .map((c) => (c.Names?.[0] ?? c.Id).replace(/^\//, ''));
  const missingImages = [...state.images].filter(([, id]) => id === null).map(([image]) => image);
  return {
    project: project.name,
    steps: [...steps, ...containerSteps.map(({ existing: _existing, number: _number, ...step }) => step)],
    containerSteps,
    orphans,
    missingImages,
    warnings,
  };
}

/** The plan as the contract carries it (no engine objects). */
export function publicPlan(plan: UpPlan): ComposePlan {
  const { containerSteps: _steps, ...rest } = plan;
  return rest;
}
