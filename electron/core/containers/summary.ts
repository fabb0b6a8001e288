import type Docker from 'dockerode';
import { containerStateSchema, type ContainerState, type ContainerSummary, type PortBinding } from '../../../shared/domain/containers.ts';

const COMPOSE_PROJECT = 'com.docker.compose.project';
const COMPOSE_SERVICE = 'com.docker.compose.service';

/** The Engine API's container list entry, as the Containers page shows it. */
export function toContainerSummary(info: Docker.ContainerInfo): ContainerSummary {
  const labels = info.Labels ?? {};
  return {
    id: info.Id,
    name: (info.Names?.[0] ?? info.Id.slice(0, 12)).replace(/^\//, ''),
    image: info.Image,
    state: toState(info.State),
    status: info.Status ?? '',
    created: info.Created,
    ports: uniquePorts(info.Ports ?? []),
    composeProject: labels[COMPOSE_PROJECT] ?? null,
    composeService: labels[COMPOSE_SERVICE] ?? null,
    labels,
  };
}

function toState(state: string): ContainerState {
  const parsed = containerStateSchema.safeParse(state?.toLowerCase());
  return parsed.success ? parsed.data : 'dead';
}

/** The engine lists a port once per host address (0.0.0.0 and ::); people want it once. */
function uniquePorts(ports: Docker.Port[]): PortBinding[] {
  const seen = new Set<string>();
  const result: PortBinding[] = [];
  for (const port of ports) {
    const type = port.Type === 'udp' || port.Type === 'sctp' ? port.Type : 'tcp';
    const key = `${port.PrivatePort}/${type}->${port.PublicPort ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    result.push({ ip: port.IP ?? null, privatePort: port.PrivatePort, publicPort: port.PublicPort ?? null, type });
  }
  return result.sort((a, b) => a.privatePort - b.privatePort || (a.publicPort ?? 0) - (b.publicPort ?? 0));
}
