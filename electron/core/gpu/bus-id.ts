/**
 * PCI bus ids come as "0000:04:00.0" (4-hex domain), "00000000:01:00.0" (8-hex), upper or lower
 * case, or without a domain ("03:00.0", lspci). Normalised: lowercase, domain padded to 8 hex digits.
 */
const BUS_ID = /^\s*(?:([0-9a-fA-F]{1,8}):)?([0-9a-fA-F]{1,2}):([0-9a-fA-F]{1,2})\.([0-7])\s*$/;

export function normaliseBusId(value: string | null | undefined): string | null {
  if (!value) return null;
  const match = BUS_ID.exec(value);
  if (!match) return null;
  const [, domain = '0', bus, device, fn] = match;
  return `${domain.padStart(8, '0')}:${bus!.padStart(2, '0')}:${device!.padStart(2, '0')}.${fn}`.toLowerCase();
}
