import { describe, expect, it } from 'vitest';
import { gpusToDeviceRequests, toDeviceRequest } from './device-requests.ts';

describe('device requests as compose makes them', () => {
  it('gpus: all is Count -1 with the gpu capability', () => {
    expect(gpusToDeviceRequests('all')).toEqual([{ Driver: '', Count: -1, DeviceIDs: [], Capabilities: [['gpu']], Options: {} }]);
  });
  it('reservations: count all, a count, device ids, and neither', () => {
    expect(toDeviceRequest({ driver: 'nvidia', count: 'all', capabilities: ['gpu'] }, null)).toMatchObject({ Driver: 'nvidia', Count: -1, Capabilities: [['gpu']] });
    expect(toDeviceRequest({ driver: 'nvidia', count: 1, capabilities: ['gpu'] }, null)).toMatchObject({ Count: 1 });
    expect(toDeviceRequest({ device_ids: ['0', '2'], capabilities: ['gpu'] }, null)).toMatchObject({ Count: 0, DeviceIDs: ['0', '2'] });
    expect(toDeviceRequest({ capabilities: ['gpu', 'utility'] }, null)).toMatchObject({ Count: -1, Capabilities: [['gpu', 'utility']] });
  });
  it('gpus list items get gpu appended', () => {
    expect(gpusToDeviceRequests([{ count: 2, capabilities: ['compute'] }])[0].Capabilities).toEqual([['compute', 'gpu']]);
  });
  it('refuses count together with device_ids', () => {
    expect(() => toDeviceRequest({ count: 1, device_ids: ['0'], capabilities: ['gpu'] }, null)).toThrow(/both count and device_ids/);
  });
});
