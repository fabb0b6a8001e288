import { describe, expect, it } from 'vitest';
import { describeGpuReservation } from './describe-gpus.ts';

const request = (over: Partial<Parameters<typeof describeGpuReservation>[0][number]>) => ({
  Driver: 'nvidia',
  Count: 0,
  DeviceIDs: [],
  Capabilities: [['gpu']],
  Options: {},
  ...over,
});

describe('GPU reservation in words', () => {
  it('says all, a count, specific devices or CDI names, and nothing for non-GPU requests', () => {
    expect(describeGpuReservation([request({ Count: -1 })])).toBe('all GPUs');
    expect(describeGpuReservation([request({ Count: 2 })])).toBe('2 GPUs');
    expect(describeGpuReservation([request({ DeviceIDs: ['0', '3'] })])).toBe('GPUs 0, 3');
    expect(describeGpuReservation([request({ Driver: 'cdi', DeviceIDs: ['nvidia.com/gpu=all'], Capabilities: [] })])).toBe('CDI nvidia.com/gpu=all');
    expect(describeGpuReservation([request({ Capabilities: [['tpu']] })])).toBeUndefined();
    expect(describeGpuReservation([])).toBeUndefined();
  });
});
