import type Docker from 'dockerode';
import { BUILT_IN_NETWORKS, type NetworkSummary } from '../../../shared/domain/networks.ts';
import type { ResourceUser } from '../../../shared/domain/volumes.ts';

/** Engine network + the containers configured on it → the summary the Networks page shows. */
export function toNetworkSummary(network: Docker.NetworkInspectInfo, containers: ResourceUser[]): NetworkSummary {
  return {
    key: network.Id,
    id: network.Id,
    name: network.Name,
    driver: network.Driver,
    scope: network.Scope,
    subnets: (network.IPAM?.Config ?? []).map((c) => c.Subnet).filter((s): s is string => typeof s === 'string' && s.length > 0),
    internal: network.Internal === true,
    builtIn: BUILT_IN_NETWORKS.includes(network.Name),
    createdAt: network.Created || null,
    labels: network.Labels ?? {},
    containers,
  };
}
