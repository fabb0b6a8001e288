import type Docker from 'dockerode';
import { ApiError } from '../../../shared/api/errors.ts';
import type { CreateContainerInput } from '../../../shared/domain/container-details.ts';
import { toDeviceRequests, type DeviceRequestReadiness } from '../gpu/device-requests.ts';
import { toApiError } from '../engine/errors.ts';
import { toCreateOptions } from './create-options.ts';

export interface CreatedContainer {
  id: string;
  name: string;
  started: boolean;
  warnings: string[];
}

/** What the GPU probe says about the engine; asked only when the request wants a GPU. */
export type GpuReadinessSource = () => Promise<DeviceRequestReadiness>;

/**
 * Creates (and by default starts) a container from a local image. Checks first so that a bad
 * request creates nothing: the image must be local (Benchtop never pulls here), the name free.
 * When starting fails, the created container is removed again and the engine's reason is given.
 */
export async function createContainer(docker: Docker, input: CreateContainerInput, gpuReadiness: GpuReadinessSource): Promise<CreatedContainer> {
  await requireLocalImage(docker, input.image);
  if (input.name) await requireFreeName(docker, input.name);
  const deviceRequests = input.gpus.mode === 'none' ? [] : toDeviceRequests(input.gpus, await gpuReadiness());

  let container: Docker.Container;
  try {
    container = await docker.createContainer(toCreateOptions(input, deviceRequests));
  } catch (error) {
    throw explainCreateError(error, input);
  }
  const info = await container.inspect().catch(() => null);
  const name = info?.Name.replace(/^\//, '') ?? input.name ?? container.id.slice(0, 12);
  const warnings = ((container as unknown as { Warnings?: string[] | null }).Warnings ?? []).filter(Boolean);
  if (!input.start) return { id: container.id, name, started: false, warnings };
  try {
    await container.start();
  } catch (error) {
    await container.remove({ force: true }).catch(() => {});
    const failure = toApiError(error, `start container ${name}`);
    throw new ApiError(failure.code, `${failure.message} The container was not kept; change the settings and run it again.`, failure.details);
  }
  return { id: container.id, name, started: true, warnings };
}

async function requireLocalImage(docker: Docker, image: string): Promise<void> {
  try {
    await docker.getImage(image).inspect();
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode === 404) throw missingImage(image);
    throw toApiError(error, `look up image ${image}`);
  }
}

async function requireFreeName(docker: Docker, name: string): Promise<void> {
  try {
    await docker.getContainer(name).inspect();
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode === 404) return;
    throw toApiError(error, `look up container ${name}`);
  }
  throw nameClash(name);
}

function nameClash(name: string): ApiError {
  return new ApiError('conflict', `A container named ${name} already exists: choose another name or remove it.`, { name });
}

function missingImage(image: string): ApiError {
  return new ApiError(
    'not_found',
    `The image ${image} is not on this machine, and Benchtop does not pull images when running a container (no registry may be reachable from here): build or load it locally (docker build, docker load), or choose one of the local images.`,
    { image },
  );
}

function explainCreateError(error: unknown, input: CreateContainerInput): ApiError {
  const status = (error as { statusCode?: number }).statusCode;
  if (status === 409 && input.name) return nameClash(input.name);
  if (status === 404) return missingImage(input.image);
  return toApiError(error, `create a container from ${input.image}`);
}
