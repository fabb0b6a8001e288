import type { GpuDevice } from '../../../shared/domain/gpu.ts';
import { normaliseBusId } from './bus-id.ts';
import { numberOrNull, textOrNull } from './values.ts';

/**
 * Parses `amd-smi static --json` (optionally merged with `metric --json`). Two envelopes exist
 * depending on the version: a bare list `[{"gpu":0,…}]` or `{"gpu_data":[…]}`. Leaves are either
 * plain values or `{"value": N, "unit": "MB"}`. No real capture is redistributable,
 * so this follows the documented shape. Throws only when the text is not JSON.
 */
export function parseAmdSmiJson(staticText: string, metricText?: string, now: number = Date.now()): GpuDevice[] {
  const statics = entries(JSON.parse(staticText));
  const metrics = metricText ? entries(JSON.parse(metricText)) : [];
  return statics.map((entry, position) => {
    const index = typeof entry.gpu === 'number' ? entry.gpu : position;
    const metric = metrics.find((m) => m.gpu === index) ?? {};
    const pciBusId = normaliseBusId(leafText(at(entry, 'bus', 'bdf')));
    const uuid = leafText(at(entry, 'asic', 'asic_serial')) ?? leafText(at(entry, 'board', 'serial'));
    const sizeMiB = toMiB(at(entry, 'vram', 'size'));
    return {
      id: `amd:${uuid ?? pciBusId ?? `gpu${index}`}`,
      vendor: 'amd',
      index,
      uuid,
      pciBusId,
      name: leafText(at(entry, 'asic', 'market_name')) ?? leafText(at(entry, 'board', 'product_name')) ?? 'AMD GPU',
      architecture: null,
      computeCapability: null,
      gfxTarget: leafText(at(entry, 'asic', 'target_graphics_version')),
      memoryTotalMiB: sizeMiB,
      unifiedMemory: false,
      driverVersion: leafText(at(entry, 'driver', 'version')),
      cudaVersion: null,
      rocmVersion: null,
      metal: null,
      mig: null,
      live: metricText
        ? {
            ts: now,
            utilPct: leafNumber(at(metric, 'usage', 'gfx_activity')),
            memUtilPct: leafNumber(at(metric, 'usage', 'umc_activity')),
            memUsedMiB: toMiB(at(metric, 'mem_usage', 'used_vram')),
            tempC: leafNumber(at(metric, 'temperature', 'edge')) ?? leafNumber(at(metric, 'temperature', 'hotspot')),
            powerW: leafNumber(at(metric, 'power', 'socket_power')) ?? leafNumber(at(metric, 'power', 'average_socket_power')),
            powerLimitW: null,
          }
        : null,
      source: 'amd-smi',
      warnings: [],
    } satisfies GpuDevice;
  });
}

type Json = Record<string, unknown>;

function entries(document: unknown): Json[] {
  const list = Array.isArray(document) ? document : document && typeof document === 'object' ? (document as Json).gpu_data : null;
  return Array.isArray(list) ? list.filter((item): item is Json => Boolean(item) && typeof item === 'object') : [];
}

function at(value: unknown, ...path: string[]): unknown {
  let current = value;
  for (const key of path) {
    if (!current || typeof current !== 'object') return undefined;
    current = (current as Json)[key];
  }
  return current;
}

function leafValue(value: unknown): unknown {
  return value && typeof value === 'object' && 'value' in value ? (value as Json).value : value;
}

function leafText(value: unknown): string | null {
  const leaf = leafValue(value);
  if (typeof leaf === 'number') return String(leaf);
  return typeof leaf === 'string' ? textOrNull(leaf) : null;
}

function leafNumber(value: unknown): number | null {
  const leaf = leafValue(value);
  if (typeof leaf === 'number') return Number.isFinite(leaf) ? leaf : null;
  return typeof leaf === 'string' ? numberOrNull(leaf) : null;
}

const UNIT_TO_MIB: Record<string, number> = { b: 1 / 1048576, kb: 1 / 1024, mb: 1, mib: 1, gb: 1024, gib: 1024 };

function toMiB(value: unknown): number | null {
  const n = leafNumber(value);
  if (n === null) return null;
  const unit = value && typeof value === 'object' && typeof (value as Json).unit === 'string' ? ((value as Json).unit as string).toLowerCase() : 'mb';
  return Math.round(n * (UNIT_TO_MIB[unit] ?? 1));
}
