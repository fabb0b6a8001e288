import { readdir } from 'node:fs/promises';
import { readTextOrNull } from './platform.ts';

export type PciVendor = 'nvidia' | 'amd' | 'intel';

const VENDOR_IDS: Record<string, PciVendor> = { '0x10de': 'nvidia', '0x1002': 'amd', '0x8086': 'intel' };

/** Display-class PCI devices (class 0x03xxxx) by vendor, from /sys/bus/pci/devices. Empty when sysfs is absent. */
export async function scanPciDisplayVendors(root = '/sys/bus/pci/devices'): Promise<Set<PciVendor>> {
  const vendors = new Set<PciVendor>();
  let entries: string[];
  try {
    entries = await readdir(root);
  } catch {
    return vendors;
  }
  await Promise.all(
    entries.map(async (entry) => {
      const [klass, vendor] = await Promise.all([readTextOrNull(`${root}/${entry}/class`), readTextOrNull(`${root}/${entry}/vendor`)]);
      if (!klass?.trim().startsWith('0x03') || !vendor) return;
      const known = VENDOR_IDS[vendor.trim().toLowerCase()];
      if (known) vendors.add(known);
    }),
  );
  return vendors;
}
