import type Docker from 'dockerode';
import type { ContainerDetails } from '../../../shared/domain/container-details.ts';

/** `docker inspect` → the friendly summary of the details view. */
export function toContainerDetails(info: Docker.ContainerInspectInfo): ContainerDetails {
  const config = info.Config ?? ({} as Docker.ContainerInspectInfo['Config']);
  const host = info.HostConfig ?? ({} as Docker.HostConfig);
  const state = info.State ?? ({} as Docker.ContainerInspectInfo['State']);
  const health = (state as { Health?: { Status?: string; FailingStreak?: number; Log?: { Output?: string }[] } }).Health;
  const healthcheck = (config as { Healthcheck?: { Test?: string[] } }).Healthcheck;
  return {
    id: info.Id,
    name: (info.Name ?? '').replace(/^\//, ''),
    image: config.Image ?? '',
    imageId: info.Image ?? '',
    created: info.Created ?? '',
    state: {
      status: state.Status ?? 'unknown',
      running: Boolean(state.Running),
      exitCode: typeof state.ExitCode === 'number' ? state.ExitCode : null,
      startedAt: realTime(state.StartedAt),
      finishedAt: realTime(state.FinishedAt),
      error: state.Error ? state.Error : null,
      restartCount: info.RestartCount ?? 0,
    },
    health: health?.Status
      ? {
          status: health.Status,
          failingStreak: health.FailingStreak ?? 0,
          lastOutput: health.Log?.at(-1)?.Output?.trim() || null,
          test: healthcheck?.Test ?? [],
        }
      : null,
    entrypoint: toWords(config.Entrypoint),
    command: toWords(config.Cmd),
    workingDir: config.WorkingDir ?? '',
    user: config.User ?? '',
    tty: Boolean(config.Tty),
    env: (config.Env ?? []).map(splitEnv),
    mounts: (info.Mounts ?? []).map((mount) => ({
      type: mount.Type ?? 'bind',
      source: mount.Source ?? '',
      destination: mount.Destination,
      readOnly: mount.RW === false,
      name: mount.Name ?? null,
    })),
    ports: toPorts(info.NetworkSettings?.Ports, config.ExposedPorts),
    networks: Object.entries(info.NetworkSettings?.Networks ?? {}).map(([name, network]) => ({
      name,
      ipAddress: network.IPAddress ?? '',
      gateway: network.Gateway ?? '',
      macAddress: network.MacAddress ?? '',
      aliases: network.Aliases ?? [],
    })),
    labels: config.Labels ?? {},
    restartPolicy: { name: host.RestartPolicy?.Name || 'no', maximumRetryCount: host.RestartPolicy?.MaximumRetryCount ?? 0 },
    deviceRequests: (host.DeviceRequests ?? []).map((request) => ({
      driver: request.Driver ?? '',
      count: request.Count ?? 0,
      deviceIds: request.DeviceIDs ?? [],
      capabilities: request.Capabilities ?? [],
    })),
  };
}

function splitEnv(entry: string): { key: string; value: string } {
  const eq = entry.indexOf('=');
  return eq === -1 ? { key: entry, value: '' } : { key: entry.slice(0, eq), value: entry.slice(eq + 1) };
}

function toWords(value: string | string[] | null | undefined): string[] {
  if (!value) return [];
  return Array.isArray(value) ? value : [value];
}

/** The engine writes "0001-01-01T00:00:00Z" for "never". */
function realTime(value: string | undefined): string | null {
  return value && !value.startsWith('0001-') ? value : null;
}

type PortMap = Record<string, { HostIp?: string; HostPort?: string }[] | null>;

/** Published ports, and exposed ones with a null host port. */
function toPorts(published: PortMap | undefined, exposed: Record<string, unknown> | undefined): ContainerDetails['ports'] {
  const result: ContainerDetails['ports'] = [];
  const keys = new Set([...Object.keys(published ?? {}), ...Object.keys(exposed ?? {})]);
  for (const key of keys) {
    const [port, protocol = 'tcp'] = key.split('/');
    const containerPort = Number(port);
    if (!Number.isInteger(containerPort)) continue;
    const bindings = published?.[key] ?? [];
    if (bindings.length === 0) result.push({ containerPort, protocol, hostIp: null, hostPort: null });
    for (const binding of bindings) {
      result.push({ containerPort, protocol, hostIp: binding.HostIp || null, hostPort: binding.HostPort ? Number(binding.HostPort) : null });
    }
  }
  return result.sort((a, b) => a.containerPort - b.containerPort || (a.hostPort ?? 0) - (b.hostPort ?? 0));
}
