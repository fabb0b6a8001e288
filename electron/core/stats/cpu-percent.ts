/** The parts of an Engine API stats entry that CPU % needs. */
export interface CpuStatsLike {
  cpu_usage?: { total_usage?: number; percpu_usage?: number[] | null };
  system_cpu_usage?: number;
  online_cpus?: number;
}

/**
 * CPU % as `docker stats` computes it (docker/cli calculateCPUPercentUnix): the container's CPU
 * time delta over the host's, times the online CPUs, times 100. 0 without a previous reading
 * (the first sample) and when either delta is not positive (a counter reset).
 */
export function cpuPercent(current: CpuStatsLike | undefined, previous: CpuStatsLike | undefined): number {
  if (!previous?.system_cpu_usage) return 0;
  const cpuDelta = (current?.cpu_usage?.total_usage ?? 0) - (previous?.cpu_usage?.total_usage ?? 0);
  const systemDelta = (current?.system_cpu_usage ?? 0) - (previous?.system_cpu_usage ?? 0);
  if (cpuDelta <= 0 || systemDelta <= 0) return 0;
  return (cpuDelta / systemDelta) * onlineCpus(current) * 100;
}

/** `online_cpus`, else the length of the per-CPU list (older engines), else 1. */
export function onlineCpus(stats: CpuStatsLike | undefined): number {
  if (stats?.online_cpus && stats.online_cpus > 0) return stats.online_cpus;
  const perCpu = stats?.cpu_usage?.percpu_usage?.length ?? 0;
  return perCpu > 0 ? perCpu : 1;
}
