import type Docker from 'dockerode';
import type { ContainerSummary } from '../../../shared/domain/containers.ts';
import { toApiError } from '../engine/errors.ts';
import { toContainerSummary } from './summary.ts';

export interface ContainerService {
  list(all: boolean): Promise<ContainerSummary[]>;
  /**
   * One container by id, or null when it no longer exists. `afterExit`: the engine just reported
   * the container's `die`; engines before 23 still list it running until they have finished
   * handling the exit (draining its log among other things), so wait for that first.
   */
  find(id: string, options?: { afterExit?: boolean }): Promise<ContainerSummary | null>;
  start(id: string): Promise<void>;
  stop(id: string, timeoutSeconds?: number): Promise<void>;
  restart(id: string): Promise<void>;
  remove(id: string, options: { force: boolean; volumes: boolean }): Promise<void>;
}

/** 304 from start/stop means "already in that state": what the user asked for holds. */
const NOT_MODIFIED = 304;

export function createContainerService(client: () => Promise<Docker>): ContainerService {
  async function act(action: string, id: string, run: (container: Docker.Container) => Promise<unknown>): Promise<void> {
    const docker = await client();
    try {
      await run(docker.getContainer(id));
    } catch (error) {
      if ((error as { statusCode?: number }).statusCode === NOT_MODIFIED) return;
      throw toApiError(error, `${action} container ${id}`);
    }
  }

  return {
    async list(all) {
      const docker = await client();
      try {
        const infos = await docker.listContainers({ all });
        return infos.map(toContainerSummary).sort((a, b) => b.created - a.created || a.name.localeCompare(b.name));
      } catch (error) {
        throw toApiError(error, 'list containers');
      }
    },
    async find(id, options = {}) {
      const docker = await client();
      try {
        // Inspecting takes the container's lock, which the engine holds until its list shows the exit.
        if (options.afterExit) await docker.getContainer(id).inspect().catch(() => undefined);
        const infos = await docker.listContainers({ all: true, filters: { id: [id] } });
        const exact = infos.find((info) => info.Id === id) ?? infos[0];
        return exact ? toContainerSummary(exact) : null;
      } catch (error) {
        throw toApiError(error, `look up container ${id}`);
      }
    },
    start: (id) => act('start', id, (c) => c.start()),
    stop: (id, timeoutSeconds) => act('stop', id, (c) => c.stop(timeoutSeconds === undefined ? {} : { t: timeoutSeconds })),
    restart: (id) => act('restart', id, (c) => c.restart()),
    remove: (id, options) => act('remove', id, (c) => c.remove({ force: options.force, v: options.volumes })),
  };
}
