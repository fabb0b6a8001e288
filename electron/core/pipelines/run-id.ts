import { randomBytes } from 'node:crypto';

/** Sortable and readable: 20261128-032800-1a2b3c (UTC). Also part of container names. */
export function newRunId(date = new Date()): string {
  const stamp = date.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `${stamp}-${randomBytes(3).toString('hex')}`;
}
