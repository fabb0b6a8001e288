/** "80 GiB" / "512 MiB" from MiB. */
export function formatMiB(mib: number | null | undefined): string {
  if (mib === null || mib === undefined) return '—';
  if (mib >= 1024) {
    const gib = mib / 1024;
    return `${gib >= 100 ? gib.toFixed(0) : gib.toFixed(1).replace(/\.0$/, '')} GiB`;
  }
  return `${Math.round(mib)} MiB`;
}

export function formatValue(value: number | null | undefined, unit: string, digits = 0): string {
  return value === null || value === undefined ? '—' : `${value.toFixed(digits)}${unit}`;
}
