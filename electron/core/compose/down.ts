import type Docker from 'dockerode';
import { ApiError } from '../../../shared/api/errors.ts';
import { toApiError } from '../engine/errors.ts';
import { LABEL, projectFilter } from './labels.ts';
import type { ComposeEngine, ProgressSink } from './up.ts';

const nameOf = (info: Docker.ContainerInfo) => (info.Names?.[0] ?? info.Id).replace(/^\//, '');

/**
 * Removes exactly what carries the project's label: its containers (stopped first, dependents
 * before what they depend on), its networks, and with `volumes` its volumes. Works for stacks
 * any tool started, with or without the file. Returns how many resources it removed.
 */
export async function composeDown(engine: ComposeEngine, project: string, options: { volumes: boolean; timeout?: number }, emit: ProgressSink, signal: AbortSignal): Promise<number> {
  const { docker } = engine;
  const containers = await call(`list the containers of ${project}`, () => docker.listContainers({ all: true, filters: projectFilter(project) }));
  let removed = 0;
  for (const wave of stopWaves(containers)) {
    cancelledCheck(signal, project);
    await Promise.all(
      wave.map(async (info) => {
        const name = nameOf(info);
        const service = info.Labels?.[LABEL.service] ?? null;
        if (info.State === 'running' || info.State === 'restarting' || info.State === 'paused') {
          emit({ type: 'resource', kind: 'container', name, service, status: 'stopping' });
          await call(`stop container ${name}`, () => docker.getContainer(info.Id).stop(options.timeout === undefined ? {} : { t: options.timeout }), [304, 404]);
          emit({ type: 'resource', kind: 'container', name, service, status: 'stopped' });
        }
        emit({ type: 'resource', kind: 'container', name, service, status: 'removing' });
        await call(`remove container ${name}`, () => docker.getContainer(info.Id).remove({ force: true, v: options.volumes }), [404]);
        removed++;
        emit({ type: 'resource', kind: 'container', name, service, status: 'removed' });
      }),
    );
  }
  cancelledCheck(signal, project);
  const networks = await call(`list the networks of ${project}`, () => docker.listNetworks({ filters: projectFilter(project) }));
  for (const network of networks) {
    emit({ type: 'resource', kind: 'network', name: network.Name, service: null, status: 'removing' });
    await call(`remove network ${network.Name}`, () => docker.getNetwork(network.Id).remove(), [404]);
    removed++;
    emit({ type: 'resource', kind: 'network', name: network.Name, service: null, status: 'removed' });
  }
  if (options.volumes) {
    cancelledCheck(signal, project);
    const volumes = (await call(`list the volumes of ${project}`, () => docker.listVolumes({ filters: projectFilter(project) }))).Volumes ?? [];
    for (const volume of volumes) {
      emit({ type: 'resource', kind: 'volume', name: volume.Name, service: null, status: 'removing' });
      await call(`remove volume ${volume.Name}`, () => docker.getVolume(volume.Name).remove(), [404]);
      removed++;
      emit({ type: 'resource', kind: 'volume', name: volume.Name, service: null, status: 'removed' });
    }
  }
  return removed;
}

/** Containers grouped so that a service stops before anything it depends on (from the depends_on label). */
export function stopWaves(containers: Docker.ContainerInfo[]): Docker.ContainerInfo[][] {
  const dependsOn = new Map<string, Set<string>>();
  for (const info of containers) {
    const service = info.Labels?.[LABEL.service] ?? info.Id;
    const deps = (info.Labels?.[LABEL.dependsOn] ?? '').split(',').filter(Boolean).map((entry) => entry.split(':')[0]);
    dependsOn.set(service, new Set([...(dependsOn.get(service) ?? []), ...deps]));
  }
  const remaining = new Set(dependsOn.keys());
  const waves: Docker.ContainerInfo[][] = [];
  while (remaining.size > 0) {
    // Services nobody remaining depends on go first.
    const needed = new Set([...remaining].flatMap((s) => [...(dependsOn.get(s) ?? [])]));
    let wave = [...remaining].filter((s) => !needed.has(s));
    if (wave.length === 0) wave = [...remaining];
    for (const service of wave) remaining.delete(service);
    waves.push(containers.filter((info) => wave.includes(info.Labels?.[LABEL.service] ?? info.Id)));
  }
  return waves;
}

async function call<T>(action: string, run: () => Promise<T>, tolerated: number[] = []): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (tolerated.includes((error as { statusCode?: number }).statusCode ?? -1)) return undefined as T;
    throw toApiError(error, action);
  }
}

function cancelledCheck(signal: AbortSignal, project: string): void {
  if (signal.aborted) throw new ApiError('cancelled', `Cancelled: down of ${project}. Run down again to remove the rest.`);
}
