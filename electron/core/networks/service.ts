import type Docker from 'dockerode';
import { ApiError } from '../../../shared/api/errors.ts';
import { BUILT_IN_NETWORKS, type NetworkSummary } from '../../../shared/domain/networks.ts';
import type { ResourceUser } from '../../../shared/domain/volumes.ts';
import { toApiError } from '../engine/errors.ts';
import { listContainerUses, type ContainerUse } from '../system/container-users.ts';
import { toNetworkSummary } from './network-summary.ts';

export interface CreateNetworkRequest {
  name: string;
  driver: string;
  subnet?: string;
  internal: boolean;
  labels: Record<string, string>;
}

export interface NetworkService {
  list(): Promise<NetworkSummary[]>;
  /** Refuses a name that exists (the engine would allow a duplicate name with another id). */
  create(request: CreateNetworkRequest): Promise<NetworkSummary>;
  /** Refuses the built-in networks and networks with containers, naming them; changes nothing then. */
  remove(id: string): Promise<void>;
}

export function createNetworkService(client: () => Promise<Docker>): NetworkService {
  async function usesByNetwork(docker: Docker): Promise<Map<string, ContainerUse[]>> {
    const uses = new Map<string, ContainerUse[]>();
    for (const use of await listContainerUses(docker)) {
      for (const id of use.networkIds) uses.set(id, [...(uses.get(id) ?? []), use]);
    }
    return uses;
  }

  async function listWithUses(docker: Docker): Promise<{ networks: NetworkSummary[]; uses: Map<string, ContainerUse[]> }> {
    try {
      const [networks, uses] = await Promise.all([docker.listNetworks(), usesByNetwork(docker)]);
      return {
        networks: networks
          .map((n) => toNetworkSummary(n, (uses.get(n.Id) ?? []).map((u): ResourceUser => u.user)))
          .sort((a, b) => Number(b.builtIn) - Number(a.builtIn) || a.name.localeCompare(b.name)),
        uses,
      };
    } catch (error) {
      throw toApiError(error, 'list networks');
    }
  }

  const list = async (docker: Docker) => (await listWithUses(docker)).networks;

  return {
    async list() {
      return list(await client());
    },

    async create({ name, driver, subnet, internal, labels }) {
      const docker = await client();
      const existing = (await list(docker)).find((n) => n.name === name);
      if (existing) throw new ApiError('conflict', `A network named "${name}" already exists: pick another name.`, { name, id: existing.id });
      let id: string;
      try {
        const network = await docker.createNetwork({
          Name: name,
          Driver: driver,
          Internal: internal,
          Labels: labels,
          CheckDuplicate: true,
          ...(subnet ? { IPAM: { Driver: 'default', Config: [{ Subnet: subnet }] } } : {}),
        });
        id = network.id;
      } catch (error) {
        throw toApiError(error, `create network ${name}`);
      }
      const created = (await list(docker)).find((n) => n.id === id);
      if (!created) throw new ApiError('engine_error', `The engine created network "${name}" but cannot find it now: refresh the list.`);
      return created;
    },

    async remove(id) {
      const docker = await client();
      const { networks, uses } = await listWithUses(docker);
      const network = networks.find((n) => n.id === id || n.name === id);
      if (!network) throw new ApiError('not_found', `There is no network "${id}": it may have been removed already.`, { id });
      if (BUILT_IN_NETWORKS.includes(network.name)) {
        throw new ApiError('conflict', `"${network.name}" is one of the engine's own networks and cannot be removed.`, { id });
      }
      if (network.containers.length > 0) {
        const names = (uses.get(network.id) ?? []).map((c) => `${c.user.name} (${c.state})`).join(', ');
        throw new ApiError('conflict', `Network "${network.name}" has containers: ${names}. Disconnect or remove them first.`, {
          id,
          containers: network.containers,
        });
      }
      try {
        await docker.getNetwork(network.id).remove();
      } catch (error) {
        throw toApiError(error, `remove network ${network.name}`);
      }
    },
  };
}
