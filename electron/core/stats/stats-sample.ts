import type { StatsSample } from '../../../shared/domain/container-details.ts';
import { cpuPercent, onlineCpus, type CpuStatsLike } from './cpu-percent.ts';

/** The parts of one Engine API stats entry (GET /containers/{id}/stats) that a sample reads. */
export interface EngineStats {
  read?: string;
  cpu_stats?: CpuStatsLike;
  precpu_stats?: CpuStatsLike;
  memory_stats?: { usage?: number; limit?: number; stats?: Record<string, number> };
  networks?: Record<string, { rx_bytes?: number; tx_bytes?: number }>;
  blkio_stats?: { io_service_bytes_recursive?: { op?: string; value?: number }[] | null };
  pids_stats?: { current?: number };
}

/**
 * One engine stats entry as a sample. Memory excludes the page cache the way docker/cli does
 * (cgroup v1 `total_inactive_file`, v2 `inactive_file`); block IO sums Read/Write over devices.
 */
export function toStatsSample(stats: EngineStats): StatsSample {
  const memory = stats.memory_stats ?? {};
  const cache = memory.stats?.total_inactive_file ?? memory.stats?.inactive_file ?? 0;
  const usage = memory.usage ?? 0;
  let rx = 0;
  let tx = 0;
  for (const network of Object.values(stats.networks ?? {})) {
    rx += network.rx_bytes ?? 0;
    tx += network.tx_bytes ?? 0;
  }
  let blockRead = 0;
  let blockWrite = 0;
  for (const entry of stats.blkio_stats?.io_service_bytes_recursive ?? []) {
    const op = entry.op?.toLowerCase();
    if (op === 'read') blockRead += entry.value ?? 0;
    else if (op === 'write') blockWrite += entry.value ?? 0;
  }
  const at = stats.read ? Date.parse(stats.read) : NaN;
  return {
    at: Number.isFinite(at) && at > 0 ? at : Date.now(),
    cpuPercent: round(cpuPercent(stats.cpu_stats, stats.precpu_stats)),
    onlineCpus: onlineCpus(stats.cpu_stats),
    memoryBytes: usage > cache ? usage - cache : usage,
    memoryLimitBytes: memory.limit ?? 0,
    networkRxBytes: rx,
    networkTxBytes: tx,
    blockReadBytes: blockRead,
    blockWriteBytes: blockWrite,
    pids: stats.pids_stats?.current ?? 0,
  };
}

const round = (value: number) => Math.round(value * 100) / 100;
