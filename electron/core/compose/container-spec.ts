import type Docker from 'dockerode';
import type { ComposeProject, ComposeService } from '../../../shared/domain/compose-model.ts';
import { serviceConfigHash } from './config-hash.ts';
import { COMPOSE_VERSION_MARKER, LABEL } from './labels.ts';

/** `{project}-{service}-{n}`, or the service's container_name. */
export function containerName(project: ComposeProject, service: ComposeService, number: number): string {
  return service.containerName ?? `${project.name}-${service.name}-${number}`;
}

/** The Compose v2 labels on a service container (as docker compose v2 sets them), plus the service's own labels. */
export function containerLabels(project: ComposeProject, service: ComposeService, number: number, imageId: string): Record<string, string> {
  return {
    ...service.labels,
    [LABEL.project]: project.name,
    [LABEL.service]: service.name,
    [LABEL.containerNumber]: String(number),
    [LABEL.oneoff]: 'False',
    [LABEL.configHash]: serviceConfigHash(service),
    [LABEL.workingDir]: project.workingDir,
    [LABEL.configFiles]: project.configFiles.join(','),
    [LABEL.version]: COMPOSE_VERSION_MARKER,
    [LABEL.dependsOn]: Object.entries(service.dependsOn)
      .map(([name, spec]) => `${name}:${spec.condition}:${spec.restart}`)
      .join(','),
    [LABEL.image]: imageId,
  };
}

function restartPolicy(restart: string | null): Docker.HostRestartPolicy | undefined {
  if (restart === null || restart === 'no') return undefined;
  const [name, count] = restart.split(':');
  return { Name: name, MaximumRetryCount: count === undefined ? 0 : Number(count) };
}

function portKey(port: { target: number; protocol: string }): string {
  return `${port.target}/${port.protocol}`;
}

/**
 * The Engine API create body of one service container. Networks: the first at create (API 1.41
 * takes one endpoint), the others connected after (see `extraNetworks`).
 */
export function containerCreateOptions(
  project: ComposeProject,
  service: ComposeService,
  number: number,
  imageId: string,
  resolveNetworkMode: (mode: string) => string,
): Docker.ContainerCreateOptions {
  const name = containerName(project, service, number);
  const exposed: Record<string, object> = {};
  const bindings: Record<string, { HostIp: string; HostPort: string }[]> = {};
  for (const port of service.ports) {
    exposed[portKey(port)] = {};
    (bindings[portKey(port)] ??= []).push({ HostIp: port.hostIp ?? '', HostPort: port.published ?? '' });
  }
  for (const expose of service.expose) exposed[expose.includes('/') ? expose : `${expose}/tcp`] = {};

  const binds: string[] = [];
  const mounts: Docker.MountSettings[] = [];
  const anonymous: Record<string, object> = {};
  for (const mount of service.mounts) {
    if (mount.type === 'bind' && mount.createHostPath) {
      binds.push([mount.source, mount.target, [mount.readOnly ? 'ro' : 'rw', ...mount.modes].join(',')].join(':'));
    } else if (mount.type === 'bind') {
      mounts.push({ Type: 'bind', Source: mount.source ?? '', Target: mount.target, ReadOnly: mount.readOnly });
    } else if (mount.type === 'volume' && mount.source === null) {
      anonymous[mount.target] = {};
    } else if (mount.type === 'volume') {
      const volume = project.volumes[mount.source ?? ''];
      mounts.push({ Type: 'volume', Source: volume?.name ?? mount.source ?? '', Target: mount.target, ReadOnly: mount.readOnly });
    } else {
      mounts.push({ Type: 'tmpfs', Source: '', Target: mount.target, ReadOnly: mount.readOnly, ...(mount.tmpfsSize === null ? {} : { TmpfsOptions: { SizeBytes: mount.tmpfsSize, Mode: 0o1777 } }) });
    }
  }

  const networkKeys = Object.keys(service.networks);
  const firstNetwork = networkKeys[0];
  const networkMode = service.networkMode !== null ? resolveNetworkMode(service.networkMode) : firstNetwork ? project.networks[firstNetwork].name : 'default';
  const healthcheck = service.healthcheck;

  return {
    name,
    Image: imageId,
    Cmd: service.command ?? undefined,
    Entrypoint: service.entrypoint ?? undefined,
    Env: Object.entries(service.environment).map(([key, value]) => `${key}=${value}`),
    Labels: containerLabels(project, service, number, imageId),
    WorkingDir: service.workingDir ?? undefined,
    User: service.user ?? undefined,
    Hostname: service.hostname ?? undefined,
    Tty: service.tty,
    OpenStdin: service.stdinOpen,
    AttachStdin: false,
    AttachStdout: true,
    AttachStderr: true,
    ExposedPorts: exposed,
    Volumes: anonymous,
    StopSignal: service.stopSignal ?? undefined,
    StopTimeout: service.stopGracePeriodSeconds ?? undefined,
    Healthcheck: healthcheck
      ? {
          Test: healthcheck.test,
          Interval: healthcheck.intervalNs ?? undefined,
          Timeout: healthcheck.timeoutNs ?? undefined,
          StartPeriod: healthcheck.startPeriodNs ?? undefined,
          Retries: healthcheck.retries ?? undefined,
        }
      : undefined,
    HostConfig: {
      Binds: binds,
      Mounts: mounts,
      PortBindings: bindings,
      RestartPolicy: restartPolicy(service.restart),
      NetworkMode: networkMode,
      ShmSize: service.shmSize ?? undefined,
      IpcMode: service.ipc ?? undefined,
      Ulimits: Object.entries(service.ulimits).map(([Name, limit]) => ({ Name, Soft: limit.soft, Hard: limit.hard })),
      Devices: service.devices.map((device) => {
        const [source, target = source, permissions = 'rwm'] = device.split(':');
        return { PathOnHost: source, PathInContainer: target, CgroupPermissions: permissions };
      }),
      DeviceRequests: service.deviceRequests,
      ExtraHosts: service.extraHosts,
      CapAdd: service.capAdd,
      CapDrop: service.capDrop,
      SecurityOpt: service.securityOpt,
      Init: service.init ?? undefined,
      Privileged: service.privileged,
      ReadonlyRootfs: service.readOnly,
      Runtime: service.runtime ?? undefined,
      NanoCpus: service.nanoCpus ?? undefined,
      Memory: service.memoryBytes ?? undefined,
      MemoryReservation: service.memoryReservationBytes ?? undefined,
      PidsLimit: service.pidsLimit ?? undefined,
      Sysctls: service.sysctls,
      Tmpfs: Object.fromEntries(service.tmpfs.map((entry) => [entry.split(':')[0], entry.split(':').slice(1).join(':')])),
    },
    NetworkingConfig:
      service.networkMode === null && firstNetwork
        ? { EndpointsConfig: { [project.networks[firstNetwork].name]: endpoint(service, firstNetwork, name) } }
        : undefined,
  };
}

/** Compose's endpoint aliases: the container name, the service, then the file's aliases. */
export function endpoint(service: ComposeService, networkKey: string, name: string): Docker.EndpointSettings {
  const settings = service.networks[networkKey];
  return {
    Aliases: [name, service.name, ...settings.aliases],
    ...(settings.ipv4Address ? { IPAMConfig: { IPv4Address: settings.ipv4Address } } : {}),
  };
}

/** Networks after the first, connected once the container exists. */
export function extraNetworks(service: ComposeService): string[] {
  return service.networkMode === null ? Object.keys(service.networks).slice(1) : [];
}
