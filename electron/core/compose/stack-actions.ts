import type Docker from 'dockerode';
import { ApiError } from '../../../shared/api/errors.ts';
import { toApiError } from '../engine/errors.ts';
import { stopWaves } from './down.ts';
import { LABEL, projectFilter } from './labels.ts';

export type StackAction = 'stop' | 'start' | 'restart';

/** Stops, starts or restarts every service container of a project, or of one of its services (dependencies first on start). Returns how many it acted on. */
export async function runStackAction(docker: Docker, project: string, action: StackAction, service?: string): Promise<number> {
  let containers: Docker.ContainerInfo[];
  try {
    containers = (await docker.listContainers({ all: true, filters: projectFilter(project) })).filter((c) => c.Labels?.[LABEL.oneoff] !== 'True' && (service === undefined || c.Labels?.[LABEL.service] === service));
  } catch (error) {
    throw toApiError(error, `list the containers of ${project}`);
  }
  if (containers.length === 0 && service !== undefined) throw new ApiError('not_found', `The compose project "${project}" has no containers of service "${service}": check the name (benchtop compose ps lists them).`);
  if (containers.length === 0) throw new ApiError('not_found', `No containers belong to the compose project "${project}": check the name (benchtop compose ps lists them).`);
  const waves = stopWaves(containers);
  const ordered = action === 'stop' ? waves : [...waves].reverse();
  for (const wave of ordered) {
    await Promise.all(
      wave.map(async (info) => {
        const container = docker.getContainer(info.Id);
        try {
          if (action === 'stop') await container.stop();
          else if (action === 'start') await container.start();
          else await container.restart();
        } catch (error) {
          if ((error as { statusCode?: number }).statusCode === 304) return;
          throw toApiError(error, `${action} container ${(info.Names?.[0] ?? info.Id).replace(/^\//, '')}`);
        }
      }),
    );
  }
  return containers.length;
}
