import { describe, expect, it } from 'vitest';
import type { StatsSample } from '../../../shared/domain/container-details.ts';
import { formatBytes } from '../../../shared/domain/format-bytes.ts';
import { appendSample, ratesOf } from './stats-history.ts';

const sample = (at: number, rx: number): StatsSample => ({
  at,
  cpuPercent: 0,
  onlineCpus: 1,
  memoryBytes: 0,
  memoryLimitBytes: 0,
  networkRxBytes: rx,
  networkTxBytes: 0,
  blockReadBytes: 0,
  blockWriteBytes: 0,
  pids: 1,
});

describe('stats history', () => {
  it('keeps the newest samples up to the limit', () => {
    let history: StatsSample[] = [];
    for (let i = 0; i < 5; i++) history = appendSample(history, sample(i, i), 3);
    expect(history.map((s) => s.at)).toEqual([2, 3, 4]);
  });

  it('turns cumulative counters into per-second rates; a counter reset counts as 0', () => {
    expect(ratesOf([sample(0, 0), sample(2000, 4096), sample(3000, 5120), sample(4000, 0)], (s) => s.networkRxBytes)).toEqual([2048, 1024, 0]);
  });

  it('formats bytes with binary units', () => {
    expect(formatBytes(0, 'binary')).toBe('0 B');
    expect(formatBytes(1536, 'binary')).toBe('1.50 KiB');
    expect(formatBytes(150 * 1024 * 1024, 'binary')).toBe('150 MiB');
  });
});
