import type { ComposeDeviceRequest } from '../../../shared/domain/compose-model.ts';

interface DeviceSpec {
  driver?: unknown;
  count?: unknown;
  device_ids?: unknown;
  capabilities?: unknown;
  options?: unknown;
}

/**
 * One `deploy.resources.reservations.devices` item (or a `gpus:` list item with `gpu` implied) as
 * compose builds its DeviceRequest: `count: all`, or neither count nor device_ids, is Count -1.
 */
export function toDeviceRequest(spec: DeviceSpec, impliedCapability: string | null): ComposeDeviceRequest {
  const deviceIds = Array.isArray(spec.device_ids) ? spec.device_ids.map(String) : [];
  const hasCount = spec.count !== undefined && spec.count !== null && spec.count !== '';
  if (hasCount && deviceIds.length > 0) throw new Error('sets both count and device_ids: keep one of them');
  let count: number;
  if (!hasCount) count = deviceIds.length > 0 ? 0 : -1;
  else if (String(spec.count).toLowerCase() === 'all') count = -1;
  else {
    count = Number(spec.count);
    if (!Number.isInteger(count) || count < 0) throw new Error(`count "${String(spec.count)}" is not a whole number or "all"`);
  }
  const capabilities = Array.isArray(spec.capabilities) ? spec.capabilities.map(String) : [];
  if (impliedCapability && !capabilities.includes(impliedCapability)) capabilities.push(impliedCapability);
  const options: Record<string, string> = {};
  if (Array.isArray(spec.options)) {
    for (const item of spec.options) {
      const [key, ...value] = String(item).split('=');
      options[key] = value.join('=');
    }
  } else if (spec.options && typeof spec.options === 'object') {
    for (const [key, value] of Object.entries(spec.options)) options[key] = String(value ?? '');
  }
  return { Driver: typeof spec.driver === 'string' ? spec.driver : '', Count: count, DeviceIDs: deviceIds, Capabilities: [capabilities], Options: options };
}

/** `gpus: all` or a list of device specs. */
export function gpusToDeviceRequests(gpus: unknown): ComposeDeviceRequest[] {
  if (gpus === 'all') return [{ Driver: '', Count: -1, DeviceIDs: [], Capabilities: [['gpu']], Options: {} }];
  if (!Array.isArray(gpus)) return [];
  return gpus.map((item) => toDeviceRequest((item ?? {}) as DeviceSpec, 'gpu'));
}
