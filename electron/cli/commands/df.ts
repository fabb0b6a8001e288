import { formatBytes } from '../../../shared/domain/format-bytes.ts';
import { call } from '../call.ts';
import { printWarnings } from '../warnings.ts';
import type { Command } from '../command.ts';
import { formatTable } from '../format.ts';

const df: Command = {
  name: 'df',
  group: 'Host',
  usage: 'benchtop df [--json]',
  summary: 'Disk used by images, containers, volumes, build cache',
  description: 'And what a prune would reclaim.',
  flags: [{ name: 'json', description: 'Print JSON.' }],
  examples: [
    { command: 'benchtop df', description: 'Disk use per kind and what is reclaimable.' },
    { command: 'benchtop df --json', description: 'As JSON.' },
  ],
  json: 'images, containers, volumes, buildCache (each count, active, size, reclaimable; bytes), totalSize, totalReclaimable, unmeasured (categories whose sizes are unknown), warnings.',
  async run({ flags, io, core }) {
    const usage = await call(await core(), 'system.df', {});
    // The engine's df failed: the counts stand, sizes are unknown, with a warning on stderr (exit 0).
    printWarnings(io, usage.warnings);
    if (flags.json) {
      io.stdout.write(JSON.stringify(usage, null, 2) + '\n');
      return 0;
    }
    const categories = [
      ['Images', usage.images, 'images'],
      ['Containers', usage.containers, 'containers'],
      ['Local volumes', usage.volumes, 'volumes'],
      ['Build cache', usage.buildCache, 'buildCache'],
    ] as const;
    const percent = (part: number, whole: number) => (whole > 0 ? ` (${Math.round((part / whole) * 100)}%)` : '');
    const unknown = new Set(usage.unmeasured);
    const rows = categories.map(([label, c, key]) =>
      unknown.has(key) ? [label, String(c.count), String(c.active), 'unknown', 'unknown'] : [label, String(c.count), String(c.active), formatBytes(c.size), formatBytes(c.reclaimable) + percent(c.reclaimable, c.size)],
    );
    rows.push(['Total', '', '', unknown.size > 0 ? 'unknown' : formatBytes(usage.totalSize), unknown.size > 0 ? 'unknown' : formatBytes(usage.totalReclaimable) + percent(usage.totalReclaimable, usage.totalSize)]);
    io.stdout.write(formatTable(['TYPE', 'TOTAL', 'ACTIVE', 'SIZE', 'RECLAIMABLE'], rows));
    return 0;
  },
};

export default df;
