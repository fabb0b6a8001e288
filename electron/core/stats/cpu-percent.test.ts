import { describe, expect, it } from 'vitest';
import { cpuPercent, onlineCpus } from './cpu-percent.ts';
import { toStatsSample } from './stats-sample.ts';

describe('cpuPercent', () => {
  it('is cpu delta over system delta times online CPUs times 100, as docker stats computes it', () => {
    const previous = { cpu_usage: { total_usage: 1_000_000_000 }, system_cpu_usage: 100_000_000_000, online_cpus: 4 };
    const current = { cpu_usage: { total_usage: 1_500_000_000 }, system_cpu_usage: 104_000_000_000, online_cpus: 4 };
    // 0.5 s of CPU over 4 s of host time (4 CPUs × 1 s) → 12.5 % of the host → 50 % of one CPU.
    expect(cpuPercent(current, previous)).toBeCloseTo(50, 10);
  });

  it('is 0 on the first sample and when a counter goes backwards', () => {
    expect(cpuPercent({ cpu_usage: { total_usage: 5 }, system_cpu_usage: 10, online_cpus: 2 }, {})).toBe(0);
    expect(cpuPercent({ cpu_usage: { total_usage: 5 }, system_cpu_usage: 10 }, { cpu_usage: { total_usage: 9 }, system_cpu_usage: 5 })).toBe(0);
  });

  it('falls back to the per-CPU list, then 1, for online CPUs', () => {
    expect(onlineCpus({ cpu_usage: { percpu_usage: [1, 2, 3] } })).toBe(3);
    expect(onlineCpus({})).toBe(1);
  });
});

describe('toStatsSample', () => {
  it('subtracts the inactive page cache, sums networks and block IO', () => {
    const sample = toStatsSample({
      read: '2026-01-02T03:04:05.000Z',
      cpu_stats: { cpu_usage: { total_usage: 300 }, system_cpu_usage: 2000, online_cpus: 2 },
      precpu_stats: { cpu_usage: { total_usage: 100 }, system_cpu_usage: 1000, online_cpus: 2 },
      memory_stats: { usage: 10_000, limit: 1_000_000, stats: { inactive_file: 4_000 } },
      networks: { eth0: { rx_bytes: 10, tx_bytes: 20 }, eth1: { rx_bytes: 1, tx_bytes: 2 } },
      blkio_stats: { io_service_bytes_recursive: [{ op: 'Read', value: 7 }, { op: 'Write', value: 9 }, { op: 'read', value: 1 }, { op: 'Total', value: 17 }] },
      pids_stats: { current: 3 },
    });
    expect(sample).toEqual({
      at: Date.parse('2026-01-02T03:04:05.000Z'),
      cpuPercent: 40,
      onlineCpus: 2,
      memoryBytes: 6_000,
      memoryLimitBytes: 1_000_000,
      networkRxBytes: 11,
      networkTxBytes: 22,
      blockReadBytes: 8,
      blockWriteBytes: 9,
      pids: 3,
    });
  });
});
