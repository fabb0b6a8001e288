import { formatBytes } from '../../../shared/domain/format-bytes.ts';
import { call } from '../call.ts';
import type { Command } from '../command.ts';

const gc: Command = {
  name: 'gc',
  usage: 'benchtop gc [--dry-run] [--json]',
  summary: 'Frees the catalog files nothing live reaches any more (deleted model versions, feature sets, artifacts); --dry-run only shows what would go.',
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
