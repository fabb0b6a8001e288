import type { ApiErrorPayload } from '../../../shared/api/errors.ts';
import type { LogBatch, LogLine } from '../../../shared/domain/logs.ts';
import type { StreamHandle } from '../../core/api/dispatcher.ts';
import { CliError, type CliContext, type Command, type FlagValue } from '../command.ts';

function parseTail(value: FlagValue | undefined): number | 'all' {
  if (value === undefined || value === 'all') return 'all';
  if (typeof value !== 'string' || !/^\d+$/.test(value)) throw new CliError(`--tail takes a whole number or "all", got ${JSON.stringify(value)}.`, 2);
  return Number(value);
}

const format = (line: LogLine) => (line.ts === null ? line.text : `${line.ts} ${line.text}`);

/** Writes a batch in order, one write per run of same-stream lines. */
function writeBatch(batch: LogBatch, io: CliContext['io']): void {
  const lines = batch.lines;
  let start = 0;
  while (start < lines.length) {
    const stream = lines[start].stream;
    let end = start + 1;
    while (end < lines.length && lines[end].stream === stream) end++;
    let text = '';
    for (let i = start; i < end; i++) text += format(lines[i]) + '\n';
    (stream === 'stderr' ? io.stderr : io.stdout).write(text);
    start = end;
  }
}

const logs: Command = {
  name: 'logs',
  group: 'Containers',
  usage: 'benchtop logs NAME|ID [--tail N] [--follow] [--timestamps]',
  summary: "Print a container's log; --follow waits for new lines",
  description: 'stdout lines go to stdout and stderr lines to stderr. Ctrl-C stops following.',
  flags: [
    { name: 'tail', short: 'n', value: 'N', description: 'Only the last N lines ("all" for every line).', default: 'all' },
    { name: 'follow', short: 'f', description: 'Keep printing new lines until Ctrl-C.' },
    { name: 'timestamps', short: 't', description: 'Prefix each line with its time.' },
  ],
  args: ['container'],
  examples: [
    { command: 'benchtop logs web --tail 20', description: 'The last 20 lines of the container "web".' },
    { command: 'benchtop logs -f -t web', description: 'Follow it with timestamps until Ctrl-C.' },
  ],
  async run({ args, flags, io, core, signal }) {
    const positional = args.filter((a) => a !== '-f' && a !== '-t');
    if (positional.length !== 1) throw new CliError('Name one container: benchtop logs NAME|ID [--tail N] [--follow] [--timestamps].', 2);
    const input = {
      id: positional[0],
      tail: parseTail(flags.tail),
      follow: flags.follow === true || args.includes('-f'),
      timestamps: flags.timestamps === true || args.includes('-t'),
    };
    const { dispatcher } = await core();
    if (signal.aborted) return 0;

    const failure = await new Promise<ApiErrorPayload | null>((resolve) => {
      let handle: StreamHandle | null = null;
      let finished = false;
      const finish = (error: ApiErrorPayload | null) => {
        if (finished) return;
        finished = true;
        signal.removeEventListener('abort', stop);
        io.stdout.off('error', onOutputError);
        resolve(error);
      };
      // Ctrl-C, or a reader that went away (`| head`): stop reading, nothing went wrong.
      const stop = () => {
        handle?.close();
        finish(null);
      };
      const onOutputError = (error: NodeJS.ErrnoException) => {
        if (error.code === 'EPIPE') stop();
      };
      signal.addEventListener('abort', stop, { once: true });
      io.stdout.on('error', onOutputError);
      handle = dispatcher.open('containers.logs', input, {
        next: (batch) => writeBatch(batch as LogBatch, io),
        end: (error) => finish(error ?? null),
      });
    });
    await new Promise<void>((resolve) => io.stdout.write('', () => resolve()));
    if (failure !== null) throw new CliError(failure.message, failure.code === 'invalid_input' ? 2 : 1);
    return 0;
  },
};

export default logs;
