import type { gpuMethods } from '../../../shared/api/methods/gpu.ts';
import type { HandlersFor } from '../api/dispatcher.ts';
import type { GpuService } from './service.ts';

export function createGpuHandlers(gpu: GpuService): HandlersFor<keyof typeof gpuMethods> {
  return {
    'gpu.inventory': ({ refresh }) => gpu.inventory(refresh),
    'gpu.processes': () => gpu.processes(),
    'gpu.test': ({ image }) => gpu.test(image),
    'gpu.metrics': ({ intervalMs }, sink, signal) =>
      new Promise<void>((resolve) => {
        if (signal.aborted) return resolve();
        const unsubscribe = gpu.subscribeMetrics(intervalMs, (message) => sink.next(message));
        signal.addEventListener(
          'abort',
          () => {
            unsubscribe();
            resolve();
          },
          { once: true },
        );
      }),
  };
}
