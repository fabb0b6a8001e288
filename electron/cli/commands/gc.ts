import { formatBytes } from '../../../shared/domain/format-bytes.ts';
import { call } from '../call.ts';
import type { Command } from '../command.ts';

const gc: Command = {
  name: 'gc',
  group: 'Models',
  usage: 'benchtop gc [--dry-run] [--json]',
  summary: 'Free catalog files nothing live reaches any more',
  description: 'Deleted model versions, feature sets and artifacts free their blobs here.',
  flags: [
    { name: 'dry-run', description: 'Show the bytes and counts; change nothing.' },
    { name: 'json', description: 'Print JSON.' },
  ],
  examples: [
    { command: 'benchtop gc --dry-run', description: 'What would be freed.' },
    { command: 'benchtop gc', description: 'Free it.' },
  ],
  json: 'dryRun, blobs, bytes, trees, purged.',
  async run(ctx) {
    const { flags, io } = ctx;
    const report = await call(await ctx.core(), 'catalog.gc', { dryRun: flags['dry-run'] === true });
    if (flags.json) io.stdout.write(JSON.stringify(report, null, 2) + '\n');
    else {
      const verb = report.dryRun ? 'would free' : 'freed';
      io.stdout.write(`${verb} ${formatBytes(report.bytes)} in ${report.blobs} files (${report.trees} trees, ${report.purged} deleted entries)\n`);
    }
    return 0;
  },
};

export default gc;
