import type { GpuDevice } from '../../../shared/domain/gpu.ts';
import { normaliseBusId } from './bus-id.ts';
import { numberOrNull, textOrNull } from './values.ts';

/** Key spellings across rocm-smi releases, lowercased: the first present alias wins. */
const KEYS = {
  name: ['card series', 'device name', 'card model'],
  vramTotal: ['vram total memory (b)'],
  vramUsed: ['vram total used memory (b)'],
  busId: ['pci bus'],
  uniqueId: ['unique id'],
  gfx: ['gfx version'],
  use: ['gpu use (%)'],
  memUse: ['gpu memory allocated (vram%)', 'gpu memory use (%)'],
  temp: ['temperature (sensor edge) (c)', 'temperature (sensor junction) (c)'],
  power: ['average graphics package power (w)', 'current socket graphics package power (w)'],
  powerLimit: ['max graphics package power (w)'],
  driver: ['driver version'],
} as const;

type Card = Map<string, string>;

function lowerKeys(value: unknown): Card {
  const map = new Map<string, string>();
  if (value && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) if (typeof v === 'string') map.set(key.trim().toLowerCase(), v);
  }
  return map;
}

function pick(card: Card, aliases: readonly string[]): string | undefined {
  for (const alias of aliases) {
    const value = card.get(alias);
    if (value !== undefined) return value;
  }
  return undefined;
}

const BYTES_PER_MIB = 1024 * 1024;

/**
 * Parses `rocm-smi … --json`: `{"card0": {...}, "system": {"Driver version": …}}`. Keys are matched
 * case-insensitively with aliases; values are strings (sometimes padded with " \t"). Cards are
 * returned in card-number order. Throws only when the text is not JSON.
 */
export function parseRocmSmiJson(text: string, now: number = Date.now()): GpuDevice[] {
  const document = JSON.parse(text) as Record<string, unknown>;
  const system = lowerKeys(Object.entries(document).find(([key]) => key.toLowerCase() === 'system')?.[1]);
  const driverVersion = textOrNull(pick(system, KEYS.driver));
  const cards = Object.entries(document)
    .map(([key, value]) => ({ number: /^card(\d+)$/i.exec(key)?.[1], value }))
    .filter((entry): entry is { number: string; value: unknown } => entry.number !== undefined)
    .sort((a, b) => Number(a.number) - Number(b.number));

  return cards.map(({ number, value }) => {
    const card = lowerKeys(value);
    const index = Number(number);
    const uniqueId = textOrNull(pick(card, KEYS.uniqueId));
    const pciBusId = normaliseBusId(pick(card, KEYS.busId));
    const vramTotal = numberOrNull(pick(card, KEYS.vramTotal));
    const vramUsed = numberOrNull(pick(card, KEYS.vramUsed));
    const warnings: string[] = [];
    const power = pick(card, KEYS.power);
    if (power && /secondary die/i.test(power)) warnings.push('Secondary die of a multi-die GPU: power is reported on the primary');
    return {
      id: `amd:${uniqueId ?? pciBusId ?? `card${index}`}`,
      vendor: 'amd',
      index,
      uuid: uniqueId,
      pciBusId,
      name: textOrNull(pick(card, KEYS.name)) ?? 'AMD GPU',
      architecture: null,
      computeCapability: null,
      gfxTarget: textOrNull(pick(card, KEYS.gfx)),
      memoryTotalMiB: vramTotal === null ? null : Math.round(vramTotal / BYTES_PER_MIB),
      unifiedMemory: false,
      driverVersion,
      cudaVersion: null,
      rocmVersion: null,
      metal: null,
      mig: null,
      live: {
        ts: now,
        utilPct: numberOrNull(pick(card, KEYS.use)),
        memUtilPct: numberOrNull(pick(card, KEYS.memUse)),
        memUsedMiB: vramUsed === null ? null : Math.round(vramUsed / BYTES_PER_MIB),
        tempC: numberOrNull(pick(card, KEYS.temp)),
        powerW: numberOrNull(power),
        powerLimitW: numberOrNull(pick(card, KEYS.powerLimit)),
      },
      source: 'rocm-smi',
      warnings,
    } satisfies GpuDevice;
  });
}
