import { describe, expect, it } from 'vitest';
import { toDiskUsage } from './disk-usage.ts';

describe('toDiskUsage', () => {
  it('sums each category as docker system df does', () => {
    const usage = toDiskUsage({
      LayersSize: 1000,
      Images: [
        { Id: 'a', Containers: 1, Size: 600, SharedSize: 100 },
        { Id: 'b', Containers: 0, Size: 500, SharedSize: 100 },
      ],
      Containers: [
        { Id: '1', State: 'running', SizeRw: 10 },
        { Id: '2', State: 'exited', SizeRw: 20 },
      ],
      Volumes: [
        { Name: 'v', UsageData: { Size: 300, RefCount: 1 } },
        { Name: 'w', UsageData: { Size: 200, RefCount: 0 } },
        { Name: 'x', UsageData: { Size: -1, RefCount: 0 } },
      ],
      BuildCache: null,
    });
    expect(usage.images).toEqual({ count: 2, active: 1, size: 1000, reclaimable: 400 });
    expect(usage.containers).toEqual({ count: 2, active: 1, size: 30, reclaimable: 20 });
    expect(usage.volumes).toEqual({ count: 3, active: 1, size: 500, reclaimable: 200 });
    expect(usage.buildCache).toEqual({ count: 0, active: 0, size: 0, reclaimable: 0 });
    expect(usage.totalSize).toBe(1530);
    expect(usage.totalReclaimable).toBe(620);
  });
});
