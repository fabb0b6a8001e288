import { resolve } from 'node:path';
import { integerFlag } from '../args.ts';
import { call } from '../call.ts';
import { CliError, type Command } from '../command.ts';
import { formatTable } from '../format.ts';

const schedule: Command = {
  name: 'schedule',
  group: 'Pipelines',
  usage: 'benchtop schedule ls|enable|disable|ticks|backfill [FILE|NAME] [FLAGS]',
  summary: 'Cron schedules of pipeline files',
  description: 'Schedules run while the app, the web host or benchtop scheduler is up.',
  flags: [
    { name: 'next', value: 'N', description: 'ticks: how many next ticks.', default: '5' },
    { name: 'from', value: 'ISO', description: 'backfill: the range start (exclusive).' },
    { name: 'to', value: 'ISO', description: 'backfill: the range end (inclusive).' },
    { name: 'parallel', value: 'N', description: 'backfill: runs at once.', default: '1' },
    { name: 'dry-run', description: 'backfill: list the ticks; start nothing.' },
    { name: 'json', description: 'Print JSON.' },
  ],
  subcommands: [
    { name: 'ls', usage: 'benchtop schedule ls [--json]', summary: 'Every schedule, with its next tick', flags: ['json'] },
    { name: 'enable', usage: 'benchtop schedule enable FILE [--json]', summary: "Schedule a pipeline file on its schedule's cron", flags: ['json'], args: ['file'] },
    { name: 'disable', usage: 'benchtop schedule disable NAME', summary: 'Stop scheduling a pipeline', flags: [] },
    { name: 'ticks', usage: 'benchtop schedule ticks NAME [--next N] [--json]', summary: 'The next ticks and the ones missed', flags: ['next', 'json'], json: 'pipeline, next, missed (the latest 100), missedCount, catchUp, startingDeadlineMs, backfill.' },
    { name: 'backfill', usage: 'benchtop schedule backfill NAME --from ISO --to ISO [--parallel N] [--dry-run] [--json]', summary: 'One run per tick in the range without a run', flags: ['from', 'to', 'parallel', 'dry-run', 'json'], json: '{ runIds }; with --dry-run { ticks }.' },
  ],
  examples: [
    { command: 'benchtop schedule enable nightly.yaml', description: 'Schedule a pipeline file.' },
    { command: 'benchtop schedule backfill nightly --from 2026-01-01T00:00:00Z --to 2026-01-08T00:00:00Z --dry-run', description: 'The ticks a backfill of that week would run.' },
  ],
  json: 'ls: pipeline, file, enabled, suspended, cron, timezone, concurrency, lastTick, nextTick, problem. See electron/cli/README.md.',
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
      case 'ticks': {
        if (!target) throw new CliError('Name a scheduled pipeline: benchtop schedule ticks NAME [--next N].', 2);
        const ticks = await call(c, 'schedules.ticks', { pipeline: target, next: integerFlag(flags, 'next') ?? 5 });
        if (flags.json) {
          io.stdout.write(JSON.stringify(ticks, null, 2) + '\n');
          return 0;
        }
        io.stdout.write(`next: ${ticks.next.length ? ticks.next.join(', ') : 'none (disabled or suspended)'}\n`);
        io.stdout.write(`missed: ${ticks.missedCount}${ticks.missedCount ? ` (latest ${ticks.missed.at(-1)}; ${ticks.catchUp ? `${ticks.catchUp} runs when the scheduler starts` : 'past the starting deadline: backfill them'})` : ''}\n`);
        return 0;
      }
      case 'backfill': {
        if (!target || typeof flags.from !== 'string' || typeof flags.to !== 'string') {
          throw new CliError('Usage: benchtop schedule backfill NAME --from 2026-01-01T00:00:00Z --to 2026-01-02T00:00:00Z [--parallel N] [--dry-run].', 2);
        }
        if (flags['dry-run']) {
          const { backfill } = await call(c, 'schedules.ticks', { pipeline: target, next: 0, from: flags.from, to: flags.to });
          const list = backfill ?? [];
          io.stdout.write(flags.json ? JSON.stringify({ ticks: list }, null, 2) + '\n' : list.length ? `${list.join('\n')}\n` : 'Every tick in that range already has a run.\n');
          return 0;
        }
        const { runIds } = await call(c, 'schedules.backfill', { pipeline: target, from: flags.from, to: flags.to, parallel: integerFlag(flags, 'parallel') ?? 1 });
        io.stdout.write(flags.json ? JSON.stringify({ runIds }, null, 2) + '\n' : runIds.length ? `${runIds.join('\n')}\n` : 'Every tick in that range already has a run.\n');
        return 0;
      }
      default:
        throw new CliError(`Unknown "schedule ${sub}": use schedule ls|enable|disable|ticks|backfill.`, 2);
    }
  },
};

export default schedule;
