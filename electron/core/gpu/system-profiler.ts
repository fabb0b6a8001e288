import type { GpuDevice } from '../../../shared/domain/gpu.ts';
import { numberOrNull } from './values.ts';

interface DisplaysItem {
  sppci_model?: string;
  _name?: string;
  sppci_cores?: string;
  spdisplays_vendor?: string;
  spdisplays_vram?: string;
  spdisplays_vram_shared?: string;
  spdisplays_mtlgpufamilysupport?: string;
  spdisplays_metalfamily?: string;
}

/**
 * Parses `system_profiler -json SPDisplaysDataType`. Apple Silicon has no `spdisplays_vram`
 * (unified memory): pass `hw.memsize` in bytes to report it. Containers never get this GPU.
 */
export function parseSystemProfilerDisplays(text: string, memsizeBytes: number | null = null): GpuDevice[] {
  const document = JSON.parse(text) as { SPDisplaysDataType?: DisplaysItem[] };
  const items = Array.isArray(document.SPDisplaysDataType) ? document.SPDisplaysDataType : [];
  return items.map((item, index) => {
    const vendor = (item.spdisplays_vendor ?? '').toLowerCase();
    const isApple = vendor.includes('apple') || /^apple /i.test(item.sppci_model ?? '');
    const vram = item.spdisplays_vram ?? item.spdisplays_vram_shared;
    const vramMiB = vram ? vramToMiB(vram) : null;
    const metal = (item.spdisplays_mtlgpufamilysupport ?? item.spdisplays_metalfamily ?? null)?.replace(/^spdisplays_/, '') ?? null;
    const cores = numberOrNull(item.sppci_cores);
    return {
      id: `${isApple ? 'apple' : vendor.includes('intel') ? 'intel' : vendor.includes('amd') || vendor.includes('ati') ? 'amd' : 'other'}:${index}`,
      vendor: isApple ? 'apple' : vendor.includes('intel') ? 'intel' : vendor.includes('amd') || vendor.includes('ati') ? 'amd' : vendor.includes('nvidia') ? 'nvidia' : 'other',
      index,
      uuid: null,
      pciBusId: null,
      name: item.sppci_model ?? item._name ?? 'GPU',
      architecture: cores === null ? null : `${cores} GPU cores`,
      computeCapability: null,
      gfxTarget: null,
      memoryTotalMiB: vramMiB ?? (isApple && memsizeBytes ? Math.round(memsizeBytes / 1048576) : null),
      unifiedMemory: isApple && vramMiB === null,
      driverVersion: null,
      cudaVersion: null,
      rocmVersion: null,
      metal,
      mig: null,
      live: null,
      source: 'system_profiler',
      warnings: ['macOS: containers cannot use this GPU (no GPU passthrough in Docker on a Mac)'],
    } satisfies GpuDevice;
  });
}

function vramToMiB(value: string): number | null {
  const match = /([\d.]+)\s*(GB|MB)/i.exec(value);
  if (!match) return null;
  const n = parseFloat(match[1]!);
  return match[2]!.toUpperCase() === 'GB' ? Math.round(n * 1024) : Math.round(n);
}
