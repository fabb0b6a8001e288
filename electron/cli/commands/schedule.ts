import { resolve } from 'node:path';
import { integerFlag } from '../args.ts';
import { call } from '../call.ts';
import { CliError, type Command } from '../command.ts';
import { formatTable } from '../format.ts';

const schedule: Command = {
  name: 'schedule',
  usage: 'benchtop schedule ls|enable FILE|disable NAME|backfill NAME --from ISO --to ISO [--parallel N] [--json]',
  summary: 'Cron schedules of pipeline files: list them (--json: ScheduleInfo objects), enable a file, disable one, or backfill one run per missed tick.',
  valueFlags: ['from', 'to', 'parallel'],
  async run({ args, flags, io, core }) {
    const [sub, target] = args;
    const c = await core();
    switch (sub ?? 'ls') {
      case 'ls': {
        const list = await call(c, 'schedules.list', {});
        if (flags.json) {
          io.stdout.write(JSON.stringify(list, null, 2) + '\n');
          return 0;
        }
        const rows = list.map((s) => [
          s.pipeline,
          s.enabled ? (s.suspended ? 'suspended' : 'enabled') : 'disabled',
          s.cron.join(' | '),
          s.timezone ?? 'local',
          s.concurrency,
          s.nextTick ?? '',
          s.problem ?? s.file,
        ]);
        io.stdout.write(formatTable(['PIPELINE', 'STATE', 'CRON', 'TIMEZONE', 'CONCURRENCY', 'NEXT', 'FILE'], rows));
        return 0;
      }
      case 'enable': {
        if (!target) throw new CliError('Name a pipeline file: benchtop schedule enable FILE.', 2);
        const info = await call(c, 'schedules.enable', { file: resolve(target) });
        io.stdout.write(flags.json ? JSON.stringify(info, null, 2) + '\n' : `${info.pipeline} scheduled; next tick ${info.nextTick ?? 'none'}. It runs while the app, the web host or \`benchtop scheduler\` is up.\n`);
        return 0;
      }
      case 'disable': {
        if (!target) throw new CliError('Name a scheduled pipeline: benchtop schedule disable NAME.', 2);
        await call(c, 'schedules.disable', { pipeline: target });
        io.stdout.write(`${target} disabled\n`);
        return 0;
      }
      case 'backfill': {
        if (!target || typeof flags.from !== 'string' || typeof flags.to !== 'string') {
          throw new CliError('Usage: benchtop schedule backfill NAME --from 2026-01-01T00:00:00Z --to 2026-01-02T00:00:00Z [--parallel N].', 2);
        }
        const { runIds } = await call(c, 'schedules.backfill', { pipeline: target, from: flags.from, to: flags.to, parallel: integerFlag(flags, 'parallel') ?? 1 });
        io.stdout.write(flags.json ? JSON.stringify({ runIds }, null, 2) + '\n' : runIds.length ? `${runIds.join('\n')}\n` : 'Every tick in that range already has a run.\n');
        return 0;
      }
      default:
        throw new CliError(`Unknown "schedule ${sub}": use schedule ls|enable|disable|backfill.`, 2);
    }
  },
};

export default schedule;
