import type { ApiErrorPayload } from '../../../shared/api/errors.ts';
import type { StatsSample } from '../../../shared/domain/container-details.ts';
import type { Core } from '../../core/app.ts';
import { call } from '../call.ts';
import { CliError, type CliIo, type Command } from '../command.ts';
import { formatTable } from '../format.ts';
import { escapesAllowed } from '../terminal.ts';

/** One line of `stats --json`: the container and its latest sample. */
export interface StatsRow extends StatsSample {
  id: string;
  name: string;
}

const HEADER = ['ID', 'NAME', 'CPU %', 'MEM USAGE / LIMIT', 'MEM %', 'NET I/O', 'BLOCK I/O', 'PIDS'];

function bytes(value: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(unit === 0 ? 0 : 1)}${units[unit]}`;
}

export function statsTableRow(row: StatsRow): string[] {
  const memoryPercent = row.memoryLimitBytes > 0 ? (row.memoryBytes / row.memoryLimitBytes) * 100 : 0;
  return [
    row.id.slice(0, 12),
    row.name,
    `${row.cpuPercent.toFixed(2)}%`,
    `${bytes(row.memoryBytes)} / ${bytes(row.memoryLimitBytes)}`,
    `${memoryPercent.toFixed(2)}%`,
    `${bytes(row.networkRxBytes)} / ${bytes(row.networkTxBytes)}`,
    `${bytes(row.blockReadBytes)} / ${bytes(row.blockWriteBytes)}`,
    String(row.pids),
  ];
}

/**
 * `benchtop stats [NAME…] [--json] [--no-stream]`: live CPU, memory, network and block IO, one
 * engine stats stream per container (the engine pushes each second). On a terminal the table is
 * redrawn in place; otherwise each sample is one line (a JSON object per line with --json).
 * --no-stream prints the first sample of each and exits (a JSON array with --json).
 */
const stats: Command = {
  name: 'stats',
  group: 'Containers',
  usage: 'benchtop stats [NAME|ID…] [--json] [--no-stream]',
  summary: 'Live CPU %, memory, network and block IO of containers',
  description: 'All running containers when none is named. A table redrawn in place on a terminal, one line per sample otherwise; Ctrl-C stops.',
  flags: [
    { name: 'json', description: 'One JSON object per sample per line (an array with --no-stream).' },
    { name: 'no-stream', description: 'Print the first sample of each and exit.' },
  ],
  args: ['running-container'],
  examples: [
    { command: 'benchtop stats', description: 'Every running container, until Ctrl-C.' },
    { command: 'benchtop stats web --no-stream --json', description: 'One sample of "web" as JSON.' },
  ],
  json: 'id, name, at (Unix ms), cpuPercent, onlineCpus, memoryBytes, memoryLimitBytes, networkRxBytes, networkTxBytes, blockReadBytes, blockWriteBytes, pids.',
  async run({ args, flags, io, core, signal }) {
    const app = await core();
    const targets = args.length > 0 ? await resolveNamed(app, args) : (await call(app, 'containers.list', { all: false })).map((c) => ({ id: c.id, name: c.name }));
    if (targets.length === 0) {
      if (flags.json) io.stdout.write(flags['no-stream'] ? '[]\n' : '');
      else io.stderr.write('No running containers.\n');
      return 0;
    }
    const once = flags['no-stream'] === true;
    const json = flags.json === true;
    const latest = new Map<string, StatsRow>();
    const redraw = !once && !json && escapesAllowed(io);

    const failure = await new Promise<ApiErrorPayload | null>((resolve) => {
      const handles = new Map<string, { close(): void }>();
      let finished = false;
      let open = targets.length;
      const finish = (error: ApiErrorPayload | null) => {
        if (finished) return;
        finished = true;
        for (const handle of handles.values()) handle.close();
        signal.removeEventListener('abort', onAbort);
        if (timer) clearInterval(timer);
        resolve(error);
      };
      const onAbort = () => finish(null);
      signal.addEventListener('abort', onAbort, { once: true });
      const timer = redraw ? setInterval(() => draw(io, latest), 1000) : null;
      for (const target of targets) {
        const handle = app.dispatcher.open('containers.stats', { id: target.id }, {
          next(value) {
            const row: StatsRow = { id: target.id, name: target.name, ...(value as StatsSample) };
            latest.set(target.id, row);
            if (once) {
              handles.get(target.id)?.close();
              if (latest.size === targets.length) finish(null);
            } else if (json) io.stdout.write(JSON.stringify(row) + '\n');
            else if (!redraw) io.stdout.write(statsTableRow(row).join('  ') + '\n');
          },
          end(error) {
            if (error && error.code !== 'cancelled') return finish(error);
            if (--open === 0) finish(null);
          },
        });
        handles.set(target.id, handle);
      }
    });
    if (failure) throw new CliError(failure.message);
    if (once) {
      const rows = targets.map((t) => latest.get(t.id)).filter((row): row is StatsRow => row !== undefined);
      io.stdout.write(json ? JSON.stringify(rows, null, 2) + '\n' : formatTable(HEADER, rows.map(statsTableRow)));
    }
    return 0;
  },
};

async function resolveNamed(app: Core, names: string[]): Promise<{ id: string; name: string }[]> {
  const result: { id: string; name: string }[] = [];
  for (const name of names) {
    const { details } = await call(app, 'containers.inspect', { id: name });
    if (!details.state.running) throw new CliError(`Container ${details.name} is not running: start it to see its stats.`);
    result.push({ id: details.id, name: details.name });
  }
  return result;
}

function draw(io: CliIo, latest: ReadonlyMap<string, StatsRow>): void {
  io.stdout.write('\x1b[H\x1b[J' + formatTable(HEADER, [...latest.values()].map(statsTableRow)));
}

export default stats;
