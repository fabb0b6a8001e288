import type Docker from 'dockerode';
import type { ResourceUser } from '../../../shared/domain/volumes.ts';

/** One container list entry reduced to what volumes, networks and prune need. */
export interface ContainerUse {
  user: ResourceUser;
  state: string;
  imageId: string;
  /** Named volumes it mounts. */
  volumes: string[];
  /** Ids of the networks it is configured on. */
  networkIds: string[];
  labels: Record<string, string>;
}

export function toContainerUse(info: Docker.ContainerInfo): ContainerUse {
  const name = (info.Names?.[0] ?? info.Id.slice(0, 12)).replace(/^\//, '');
  const volumes = (info.Mounts ?? []).filter((m) => m.Type === 'volume' && m.Name).map((m) => m.Name as string);
  const networks = info.NetworkSettings?.Networks ?? {};
  const networkIds = Object.values(networks)
    .map((n) => n.NetworkID)
    .filter((id): id is string => typeof id === 'string' && id.length > 0);
  return { user: { id: info.Id, name }, state: info.State, imageId: info.ImageID, volumes, networkIds, labels: info.Labels ?? {} };
}

export async function listContainerUses(docker: Docker): Promise<ContainerUse[]> {
  const infos = await docker.listContainers({ all: true });
  return infos.map(toContainerUse).sort((a, b) => a.user.name.localeCompare(b.user.name));
}
