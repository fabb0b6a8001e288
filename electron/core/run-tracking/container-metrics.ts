import type Docker from 'dockerode';
import type { GpuMetricsMessage, GpuProcesses } from '../../../shared/domain/gpu.ts';
import { gpuAssignmentFromInspect } from '../gpu/container-gpus.ts';
import { streamContainerStats } from '../stats/stream-stats.ts';
import { SystemMetricsAccumulator, type MetricPoint } from './system-metrics.ts';

/** What the sampler needs of the GPU service (GpuService fits). */
export interface GpuSource {
  subscribeMetrics(intervalMs: number, listener: (message: GpuMetricsMessage) => void): () => void;
  processes(): Promise<GpuProcesses>;
}

export interface ContainerMetricsOptions {
  docker: Docker;
  containerId: string;
  /** GPUs handed to the container (its device requests), in its order; more are found from the process list. */
  gpuIds?: readonly string[];
  /** null: GPUs are never asked about. */
  gpu?: GpuSource | null;
  /** How often averaged points are written (MLflow's monitor: 10 s). */
  intervalMs?: number;
  write(points: MetricPoint[]): void;
}

export interface ContainerMetricsSampler {
  /** Writes what is left, stops the engine stream and the GPU subscription. */
  stop(): Promise<void>;
}

export const DEFAULT_SYSTEM_METRICS_INTERVAL_MS = 5000;

/**
 * Samples one container from outside while it runs: the engine's stats stream (an entry about
 * every second, no polling) and, when the container was given GPUs (its device requests, a GPU
 * runtime) or the caller names some, the GPU service's shared poll plus its per-container process
 * attribution. Every interval the averages become `system/*` points (SystemMetricsAccumulator).
 * Nothing is needed inside the container (no psutil, no pynvml). Errors end sampling quietly: the
 * step itself never fails because of it.
 */
export function sampleContainerMetrics(options: ContainerMetricsOptions): ContainerMetricsSampler {
  const controller = new AbortController();
  const intervalMs = options.intervalMs ?? DEFAULT_SYSTEM_METRICS_INTERVAL_MS;
  const accumulator = new SystemMetricsAccumulator(options.gpuIds ?? []);
  let stopGpu: () => void = () => undefined;
  let latestGpu: GpuMetricsMessage | null = null;
  let processesPending: Promise<void> | null = null;
  let usage: GpuProcesses['byContainer'] | null = null;
  const flush = () => {
    if (latestGpu) {
      accumulator.addGpu(latestGpu.samples, usage, options.containerId);
      latestGpu = null;
    }
    const points = accumulator.flush(Date.now());
    if (points.length > 0) {
      try {
        options.write(points);
      } catch {
        // A write that failed (the store closed) loses these points, not the step.
      }
    }
  };
  const timer = setInterval(flush, intervalMs);
  timer.unref?.();

  const watchGpus = async () => {
    const gpu = options.gpu;
    if (!gpu) return;
    let wanted = (options.gpuIds?.length ?? 0) > 0;
    if (!wanted) {
      const info = await options.docker.getContainer(options.containerId).inspect().catch(() => null);
      wanted = info !== null && gpuAssignmentFromInspect(info as Parameters<typeof gpuAssignmentFromInspect>[0]).via !== null;
    }
    if (!wanted || controller.signal.aborted) return;
    stopGpu = gpu.subscribeMetrics(Math.min(intervalMs, 2000), (message) => {
      latestGpu = message;
      processesPending ??= gpu
        .processes()
        .then((processes) => {
          usage = processes.byContainer;
        })
        .catch(() => undefined)
        .finally(() => (processesPending = null));
    });
  };
  void watchGpus().catch(() => undefined);

  const streaming = streamContainerStats(options.docker, options.containerId, { next: (sample) => accumulator.addStats(sample), end: () => undefined }, controller.signal).catch(() => undefined);

  return {
    async stop() {
      clearInterval(timer);
      controller.abort();
      stopGpu();
      await streaming;
      await processesPending;
      flush();
    },
  };
}
