import type { containerDetailMethods } from '../../../shared/api/methods/container-details.ts';
import type { HandlersFor } from '../api/dispatcher.ts';
import type { EngineConnection } from '../engine/connection.ts';
import { toApiError } from '../engine/errors.ts';
import { streamExec } from '../exec/stream-exec.ts';
import { streamContainerStats } from '../stats/stream-stats.ts';
import { createContainer, type GpuReadinessSource } from './create-container.ts';
import { toContainerDetails } from './details.ts';
import { listImageChoices } from './image-choices.ts';

/** Until a GPU probe is wired in, a GPU request goes out as docker's `--gpus` would send it. */
const ASSUME_DEVICE_REQUESTS: GpuReadinessSource = async () => ({ state: 'likely_gpus', cdiDevices: [] });

export function createContainerDetailHandlers(
  engine: EngineConnection,
  gpuReadiness: GpuReadinessSource = ASSUME_DEVICE_REQUESTS,
): HandlersFor<keyof typeof containerDetailMethods> {
  return {
    'containers.inspect': async ({ id }) => {
      const docker = await engine.client();
      try {
        const raw = await docker.getContainer(id).inspect();
        return { details: toContainerDetails(raw), raw: raw as unknown as Record<string, unknown> };
      } catch (error) {
        throw toApiError(error, `inspect container ${id}`);
      }
    },
    'containers.stats': async ({ id }, sink, signal) => streamContainerStats(await engine.client(), id, sink, signal),
    'containers.exec': async (input, sink, signal, messages) => streamExec(await engine.client(), engine.events, input, sink, signal, messages),
    'containers.create': async (input) => createContainer(await engine.client(), input, gpuReadiness),
    'containers.imageChoices': async () => listImageChoices(await engine.client()),
  };
}
