import { randomBytes } from 'node:crypto';
import type Docker from 'dockerode';
import type { DockerDeviceRequest } from '../gpu/device-requests.ts';
import type { ServingConfig } from './serving-config.ts';
import { ENDPOINT_LABEL } from '../../../shared/serving/endpoint.ts';

export { ENDPOINT_LABEL };
export const ENDPOINT_HOME_LABEL = 'benchtop.endpoint.home';
export const ENDPOINT_MODEL_LABEL = 'benchtop.endpoint.model';
export const ENDPOINT_VERSION_LABEL = 'benchtop.endpoint.version';
export const ENDPOINT_SOCKET_LABEL = 'benchtop.endpoint.socket';

/** Where things are inside the endpoint container. */
export const CONTAINER_MODEL_DIR = '/opt/benchtop/model';
export const CONTAINER_SERVER_PATH = '/opt/benchtop/benchtop_scoring_server.py';
export const CONTAINER_RUN_DIR = '/run/benchtop-serving';
export const SOCKET_NAME = 's.sock';

export interface EndpointContainerPlan {
  endpoint: string;
  homeId: string;
  image: string;
  config: ServingConfig;
  /** Host folder with the version's files (mounted read-only). */
  modelDir: string;
  /** Host path of the scoring server file (mounted read-only). */
  serverPath: string;
  /** Host folder the server's Unix socket appears in. */
  runDir: string;
  deviceRequests?: DockerDeviceRequest[];
  labels?: Record<string, string>;
}

/** `sh -c` finds python3 (or python) in the image, whatever its PATH layout. */
export function scoringCommand(args: readonly string[]): string[] {
  return ['/bin/sh', '-c', 'exec "$(command -v python3 || command -v python)" "$0" "$@"', CONTAINER_SERVER_PATH, ...args];
}

/**
 * Creates and starts the endpoint's container: the version's image, its files and the scoring
 * server mounted read-only, no network at all (the proxy reaches the server through a Unix socket in
 * a mounted folder), labels that let a later process adopt it, and a restart policy so a crashed
 * server comes back.
 */
export async function startEndpointContainer(docker: Docker, plan: EndpointContainerPlan): Promise<string> {
  const container = await docker.createContainer({
    name: `benchtop-ep-${plan.endpoint}-v${plan.config.version}-${randomBytes(3).toString('hex')}`,
    Image: plan.image,
    Entrypoint: scoringCommand(['--model', CONTAINER_MODEL_DIR, '--unix', `${CONTAINER_RUN_DIR}/${SOCKET_NAME}`]),
    Cmd: [],
    Env: [`BENCHTOP_SERVING_CONFIG=${JSON.stringify(plan.config)}`, 'PYTHONDONTWRITEBYTECODE=1', 'PYTHONUNBUFFERED=1'],
    WorkingDir: CONTAINER_MODEL_DIR,
    Labels: {
      ...plan.labels,
      [ENDPOINT_LABEL]: plan.endpoint,
      [ENDPOINT_HOME_LABEL]: plan.homeId,
      [ENDPOINT_MODEL_LABEL]: plan.config.model,
      [ENDPOINT_VERSION_LABEL]: String(plan.config.version),
      [ENDPOINT_SOCKET_LABEL]: `${plan.runDir}/${SOCKET_NAME}`,
    },
    HostConfig: {
      NetworkMode: 'none',
      RestartPolicy: { Name: 'unless-stopped' },
      Binds: [`${plan.modelDir}:${CONTAINER_MODEL_DIR}:ro`, `${plan.serverPath}:${CONTAINER_SERVER_PATH}:ro`, `${plan.runDir}:${CONTAINER_RUN_DIR}`],
      ...(plan.deviceRequests?.length ? { DeviceRequests: plan.deviceRequests } : {}),
    },
  });
  try {
    await container.start();
  } catch (error) {
    await container.remove({ force: true }).catch(() => undefined);
    throw error;
  }
  return container.id;
}

/** The endpoint containers of this home on the engine (running or not). */
export async function listEndpointContainers(docker: Docker, homeId: string, endpoint?: string): Promise<Docker.ContainerInfo[]> {
  const label = [`${ENDPOINT_HOME_LABEL}=${homeId}`, ...(endpoint ? [`${ENDPOINT_LABEL}=${endpoint}`] : [])];
  return docker.listContainers({ all: true, filters: { label } });
}

/** The last lines of a container's output (stdout and stderr), as text. */
export async function containerLogTail(docker: Docker, containerId: string, lines = 40): Promise<string> {
  try {
    const buffer = (await docker.getContainer(containerId).logs({ stdout: true, stderr: true, tail: lines, follow: false })) as unknown as Buffer;
    return demux(buffer);
  } catch {
    return '';
  }
}

/** Docker's multiplexed log frames (8-byte headers) → text; plain text passes through. */
export function demux(buffer: Buffer): string {
  const parts: Buffer[] = [];
  let offset = 0;
  while (offset + 8 <= buffer.length && (buffer[offset] === 1 || buffer[offset] === 2 || buffer[offset] === 0) && buffer[offset + 1] === 0) {
    const size = buffer.readUInt32BE(offset + 4);
    parts.push(buffer.subarray(offset + 8, offset + 8 + size));
    offset += 8 + size;
  }
  if (offset === 0) return buffer.toString('utf8');
  return Buffer.concat(parts).toString('utf8');
}

export async function removeContainer(docker: Docker, containerId: string): Promise<void> {
  await docker
    .getContainer(containerId)
    .remove({ force: true })
    .catch(() => undefined);
}
