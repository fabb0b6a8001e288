import type Docker from 'dockerode';
import { localPath, type ResolvedEnvironment } from '../../../shared/environments/resolved.ts';
import type { DockerDeviceRequest } from '../gpu/device-requests.ts';

/** The reference CLI's keep-alive when overrideCommand is on: the image's command is replaced. */
export const KEEP_ALIVE_SCRIPT = 'echo Container started\ntrap "exit 0" 15\nexec "$@"\nwhile sleep 1 & wait $!; do :; done';

export interface ContainerPlan {
  name: string;
  image: string;
  localFolder: string;
  /** Container port/protocol → the host port chosen. */
  hostPorts: Map<string, number>;
  deviceRequests: DockerDeviceRequest[];
  labels: Record<string, string>;
  /** Extra variables (the app token), not written to the lockfile. */
  extraEnv: Record<string, string>;
  /** More /etc/hosts entries (host.docker.internal:host-gateway for the tracking endpoint). */
  extraHosts?: string[];
}

/** Engine API create options for an environment's container (what `docker run` gets from the CLI). */
export function environmentCreateOptions(env: ResolvedEnvironment, plan: ContainerPlan): Docker.ContainerCreateOptions {
  const exposed: Record<string, object> = {};
  const bindings: Record<string, { HostIp: string; HostPort: string }[]> = {};
  for (const port of env.ports) {
    const key = `${port.containerPort}/${port.protocol}`;
    exposed[key] = {};
    const host = plan.hostPorts.get(key) ?? port.hostPort;
    (bindings[key] ??= []).push({ HostIp: port.hostIp ?? '', HostPort: host === null ? '' : String(host) });
  }
  const host = env.host;
  return {
    name: plan.name,
    Image: plan.image,
    Env: Object.entries({ ...env.env, ...plan.extraEnv }).map(([k, v]) => `${k}=${v}`),
    Labels: { ...host.labels, ...plan.labels },
    ...(env.overrideCommand ? { Entrypoint: ['/bin/sh'], Cmd: ['-c', KEEP_ALIVE_SCRIPT, '-'] } : {}),
    ...(env.containerUser ? { User: env.containerUser } : {}),
    // With the keep-alive command the image's own working folder means nothing: terminals open in the workspace.
    ...(host.workdir ? { WorkingDir: host.workdir } : env.overrideCommand ? { WorkingDir: env.workspaceFolder } : {}),
    ...(host.hostname ? { Hostname: host.hostname } : {}),
    ExposedPorts: exposed,
    HostConfig: {
      Mounts: env.mounts.map((mount) => ({
        Type: mount.type,
        Source: mount.type === 'bind' && mount.source ? localPath(plan.localFolder, mount.source) : (mount.source ?? ''),
        Target: mount.target,
        ReadOnly: mount.readOnly,
      })),
      PortBindings: bindings,
      ...(host.shmSizeBytes !== null ? { ShmSize: host.shmSizeBytes } : {}),
      CapAdd: host.capAdd,
      CapDrop: host.capDrop,
      SecurityOpt: host.securityOpt,
      ...(host.ipc ? { IpcMode: host.ipc } : {}),
      ...(host.pid ? { PidMode: host.pid } : {}),
      Ulimits: host.ulimits.map((u) => ({ Name: u.name, Soft: u.soft, Hard: u.hard })),
      Devices: host.devices.map((device) => {
        const [source, target = source, permissions = 'rwm'] = device.split(':');
        return { PathOnHost: source, PathInContainer: target, CgroupPermissions: permissions };
      }),
      ...(host.runtime ? { Runtime: host.runtime } : {}),
      ...(host.network ? { NetworkMode: host.network } : {}),
      Privileged: host.privileged,
      Init: host.init,
      // The engine starts it again when it comes back from a restart, unless the person stopped it.
      RestartPolicy: { Name: 'unless-stopped' },
      ExtraHosts: [...host.addHosts, ...(plan.extraHosts ?? []).filter((entry) => !host.addHosts.some((h) => h.split(':')[0] === entry.split(':')[0]))],
      ...(host.memoryBytes !== null ? { Memory: host.memoryBytes } : {}),
      ...(host.nanoCpus !== null ? { NanoCpus: host.nanoCpus } : {}),
      ...(plan.deviceRequests.length > 0 ? { DeviceRequests: plan.deviceRequests } : {}),
    },
  };
}
