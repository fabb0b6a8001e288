import { describe, expect, it } from 'vitest';
import { statsTableRow } from './stats.ts';

describe('stats table row', () => {
  it('shows the columns docker stats shows', () => {
    expect(
      statsTableRow({
        id: '807b351ef4a89b8fd2677630501eb73e',
        name: 'trainer',
        at: 0,
        cpuPercent: 61.923,
        onlineCpus: 2,
        memoryBytes: 860_160,
        memoryLimitBytes: 25_276_026_880,
        networkRxBytes: 946,
        networkTxBytes: 0,
        blockReadBytes: 4096,
        blockWriteBytes: 0,
        pids: 3,
      }),
    ).toEqual(['807b351ef4a8', 'trainer', '61.92%', '840.0KiB / 23.5GiB', '0.00%', '946B / 0B', '4.0KiB / 0B', '3']);
  });
});
