import type { StatsSample } from '../../../shared/domain/container-details.ts';
import type { GpuContainerUsage, GpuSample } from '../../../shared/domain/gpu.ts';

/** One metric point as the tracking store takes it (MLflow's Metric: key, value, timestamp ms, step). */
export interface MetricPoint {
  key: string;
  value: number;
  timestamp: number;
  step: number;
}

/** MLflow's prefix for system metrics (mlflow/system_metrics/system_metrics_monitor.py). */
export const SYSTEM_PREFIX = 'system/';

const MIB_TO_MB = 1.048576;

interface Sums {
  count: number;
  cpu: number;
  memoryBytes: number;
  memoryPct: number;
  memoryPctCount: number;
}

interface GpuSums {
  count: number;
  util: number;
  utilCount: number;
  memMB: number;
  memCount: number;
  memPct: number;
  memPctCount: number;
  power: number;
  powerCount: number;
  powerPct: number;
  powerPctCount: number;
}

const emptyGpu = (): GpuSums => ({ count: 0, util: 0, utilCount: 0, memMB: 0, memCount: 0, memPct: 0, memPctCount: 0, power: 0, powerCount: 0, powerPct: 0, powerPctCount: 0 });

/**
 * Turns what the engine and the GPU tools say about one container into MLflow system metrics,
 * named as MLflow's own monitor names them (`system/cpu_utilization_percentage`,
 * `system/system_memory_usage_megabytes`, `system/gpu_0_utilization_percentage`…), averaged over
 * each logging interval as MLflow does, one `step` per interval starting at 0. Pure: the caller
 * feeds samples and asks for points.
 *
 * - CPU: the engine's CPU % (of one CPU) divided by the online CPUs, so 0–100 of the machine like
 *   psutil's `cpu_percent()` that MLflow logs.
 * - Memory: usage minus page cache (as `docker stats`), in MB (1e6 bytes, as MLflow), and its share
 *   of the container's limit (the machine's memory when unlimited).
 * - Network: bytes received/sent since the container started, in MB (MLflow logs them since its
 *   monitor started).
 * - GPUs: those attributed to the container, numbered 0.. in the order given (the order the
 *   container sees them): device utilisation and power, and memory used by the container's own
 *   processes when the GPU tools list them per process, else the device's memory in use.
 */
export class SystemMetricsAccumulator {
  readonly #gpuIds: string[];
  #sums: Sums = { count: 0, cpu: 0, memoryBytes: 0, memoryPct: 0, memoryPctCount: 0 };
  #network: { rx: number; tx: number } | null = null;
  #gpus = new Map<string, GpuSums>();
  #step = 0;

  /** `gpuIds`: the GPUs handed to the container (e.g. `nvidia:GPU-…`), in the container's order. */
  constructor(gpuIds: readonly string[] = []) {
    this.#gpuIds = [...gpuIds];
  }

  /** The GPUs metrics are written for, in index order. */
  get gpuIds(): readonly string[] {
    return this.#gpuIds;
  }

  addStats(sample: StatsSample): void {
    const sums = this.#sums;
    sums.count += 1;
    sums.cpu += sample.cpuPercent / Math.max(1, sample.onlineCpus);
    sums.memoryBytes += sample.memoryBytes;
    if (sample.memoryLimitBytes > 0) {
      sums.memoryPct += (sample.memoryBytes / sample.memoryLimitBytes) * 100;
      sums.memoryPctCount += 1;
    }
    this.#network = { rx: sample.networkRxBytes, tx: sample.networkTxBytes };
  }

  /**
   * One GPU poll. `usage`: per-container GPU memory from the process list (GpuService.processes()),
   * or null when it is not known; GPUs the process list shows this container using are attributed
   * too (a container started with all GPUs, an adopted one).
   */
  addGpu(samples: readonly GpuSample[], usage: readonly GpuContainerUsage[] | null, containerId: string | null): void {
    const own = (usage ?? []).filter((u) => containerId !== null && sameContainer(u.containerId, containerId) && u.gpuId !== null);
    for (const u of own) if (!this.#gpuIds.includes(u.gpuId!)) this.#gpuIds.push(u.gpuId!);
    for (const gpuId of this.#gpuIds) {
      const sample = samples.find((s) => s.gpuId === gpuId);
      if (!sample) continue;
      const sums = this.#gpus.get(gpuId) ?? emptyGpu();
      sums.count += 1;
      if (sample.utilPct !== null) {
        sums.util += sample.utilPct;
        sums.utilCount += 1;
      }
      const ownMiB = usage === null ? null : own.filter((u) => u.gpuId === gpuId).reduce((total, u) => total + u.usedMemoryMiB, 0);
      const usedMiB = ownMiB !== null && own.some((u) => u.gpuId === gpuId) ? ownMiB : sample.memUsedMiB;
      if (usedMiB !== null) {
        sums.memMB += usedMiB * MIB_TO_MB;
        sums.memCount += 1;
        if (sample.memTotalMiB) {
          sums.memPct += (usedMiB / sample.memTotalMiB) * 100;
          sums.memPctCount += 1;
        }
      }
      if (sample.powerW !== null) {
        sums.power += sample.powerW;
        sums.powerCount += 1;
        if (sample.powerLimitW) {
          sums.powerPct += (sample.powerW / sample.powerLimitW) * 100;
          sums.powerPctCount += 1;
        }
      }
      this.#gpus.set(gpuId, sums);
    }
  }

  /** The averages since the last flush as points at `timestamp`, one step further each time; nothing when nothing came. */
  flush(timestamp: number): MetricPoint[] {
    const points: MetricPoint[] = [];
    const step = this.#step;
    const add = (key: string, value: number) => {
      if (Number.isFinite(value)) points.push({ key: SYSTEM_PREFIX + key, value: round(value), timestamp, step });
    };
    const sums = this.#sums;
    if (sums.count > 0) {
      add('cpu_utilization_percentage', sums.cpu / sums.count);
      add('system_memory_usage_megabytes', sums.memoryBytes / sums.count / 1e6);
      if (sums.memoryPctCount > 0) add('system_memory_usage_percentage', sums.memoryPct / sums.memoryPctCount);
      if (this.#network) {
        add('network_receive_megabytes', this.#network.rx / 1e6);
        add('network_transmit_megabytes', this.#network.tx / 1e6);
      }
    }
    this.#gpuIds.forEach((gpuId, index) => {
      const gpu = this.#gpus.get(gpuId);
      if (!gpu || gpu.count === 0) return;
      if (gpu.utilCount > 0) add(`gpu_${index}_utilization_percentage`, gpu.util / gpu.utilCount);
      if (gpu.memCount > 0) add(`gpu_${index}_memory_usage_megabytes`, gpu.memMB / gpu.memCount);
      if (gpu.memPctCount > 0) add(`gpu_${index}_memory_usage_percentage`, gpu.memPct / gpu.memPctCount);
      if (gpu.powerCount > 0) add(`gpu_${index}_power_usage_watts`, gpu.power / gpu.powerCount);
      if (gpu.powerPctCount > 0) add(`gpu_${index}_power_usage_percentage`, gpu.powerPct / gpu.powerPctCount);
    });
    this.#sums = { count: 0, cpu: 0, memoryBytes: 0, memoryPct: 0, memoryPctCount: 0 };
    this.#gpus = new Map();
    if (points.length > 0) this.#step += 1;
    return points;
  }
}

/** Container ids match in full or as a prefix (the engine's short ids). */
function sameContainer(a: string, b: string): boolean {
  return a === b || (a.length >= 12 && b.startsWith(a)) || (b.length >= 12 && a.startsWith(b));
}

const round = (value: number) => Math.round(value * 1000) / 1000;
