import type Docker from 'dockerode';
import type { CreateContainerInput } from '../../../shared/domain/container-details.ts';
import type { DockerDeviceRequest } from '../gpu/device-requests.ts';

/** The create dialog's request as Engine API `POST /containers/create` options. */
export function toCreateOptions(input: CreateContainerInput, deviceRequests: DockerDeviceRequest[]): Docker.ContainerCreateOptions {
  const exposed: Record<string, object> = {};
  const bindings: Record<string, { HostIp: string; HostPort: string }[]> = {};
  for (const port of input.ports) {
    const key = `${port.containerPort}/${port.protocol}`;
    exposed[key] = {};
    (bindings[key] ??= []).push({ HostIp: port.hostIp ?? '', HostPort: port.hostPort === undefined ? '' : String(port.hostPort) });
  }
  return {
    Image: input.image,
    ...(input.name ? { name: input.name } : {}),
    ...(input.command.length > 0 ? { Cmd: input.command } : {}),
    Env: input.env,
    Labels: input.labels,
    ExposedPorts: exposed,
    HostConfig: {
      PortBindings: bindings,
      Mounts: input.mounts.map((mount) => ({ Type: mount.type, Source: mount.source, Target: mount.target, ReadOnly: mount.readOnly })),
      RestartPolicy: { Name: input.restartPolicy === 'no' ? '' : input.restartPolicy, ...(input.restartPolicy === 'on-failure' ? { MaximumRetryCount: 0 } : {}) },
      ...(deviceRequests.length > 0 ? { DeviceRequests: deviceRequests } : {}),
    },
  };
}
