import type { ApiErrorPayload } from '../../../shared/api/errors.ts';
import type { ExecEvent } from '../../../shared/domain/container-details.ts';
import type { StreamHandle } from '../../core/api/dispatcher.ts';
import { CliError, type Command } from '../command.ts';

/** What `exec` needs of stdin: process.stdin in real use. */
type Stdin = NodeJS.ReadStream;

/**
 * `benchtop exec NAME -- CMD…`: with a terminal on stdin, an interactive TTY session (raw mode,
 * resized on SIGWINCH, Ctrl-C goes to the process as in `docker exec -it`); otherwise plain pipes
 * (stdin copied until end of file, stdout and stderr kept apart). Exits with the command's code.
 */
const exec: Command = {
  name: 'exec',
  group: 'Containers',
  usage: 'benchtop exec NAME|ID [CMD [ARG…]]',
  summary: 'Run a command (or a shell) in a running container',
  description:
    "Without a command: the container's shell (bash if present, else sh). A TTY in raw mode when stdin is a terminal (resized with the window), plain pipes otherwise. Every word after NAME belongs to the command. Exits with the command's exit code.",
  flags: [],
  args: ['running-container', 'command'],
  stopFlagsAfter: 1,
  examples: [
    { command: 'benchtop exec web', description: 'A shell in the container "web".' },
    { command: 'benchtop exec web ls -la /data', description: 'One command; the exit code is its exit code.' },
  ],
  async run({ args, io, core, signal }) {
    const [id, ...command] = args;
    if (!id) throw new CliError('Name a running container: benchtop exec NAME [-- CMD [ARG…]].', 2);
    const stdin: Stdin = process.stdin;
    const stdout = io.stdout as NodeJS.WriteStream;
    const tty = Boolean(stdin.isTTY && stdout.isTTY);
    const { dispatcher } = await core();
    if (signal.aborted) return 130;

    let exitCode: number | null = null;
    const failure = await new Promise<ApiErrorPayload | null>((resolve) => {
      let handle: StreamHandle | null = null;
      const cleanups: (() => void)[] = [];
      const finish = (error: ApiErrorPayload | null) => {
        for (const cleanup of cleanups.splice(0)) cleanup();
        resolve(error);
      };
      const onAbort = () => {
        handle?.close();
        finish(null);
      };
      signal.addEventListener('abort', onAbort, { once: true });
      cleanups.push(() => signal.removeEventListener('abort', onAbort));

      handle = dispatcher.open(
        'containers.exec',
        { id, command, tty, cols: stdout.columns || 80, rows: stdout.rows || 24, flowControl: false, reconnect: false },
        {
          next(value) {
            if (value instanceof Uint8Array) {
              io.stdout.write(value);
              return;
            }
            const event = value as ExecEvent;
            if (event.type === 'stderr') io.stderr.write(Buffer.from(event.base64, 'base64'));
            else if (event.type === 'exited') exitCode = event.exitCode;
          },
          end: (error) => finish(error ?? null),
        },
      );
      const stream = handle;

      if (tty) {
        stdin.setRawMode(true);
        cleanups.push(() => stdin.setRawMode(false));
        const onResize = () => stream.send({ type: 'resize', cols: stdout.columns || 80, rows: stdout.rows || 24 });
        process.on('SIGWINCH', onResize);
        cleanups.push(() => process.off('SIGWINCH', onResize));
      }
      const onData = (chunk: Buffer) => stream.send({ type: 'bytes', base64: chunk.toString('base64') });
      const onEnd = () => stream.send({ type: 'eof' });
      stdin.on('data', onData);
      stdin.once('end', onEnd);
      stdin.resume();
      cleanups.push(() => {
        stdin.off('data', onData);
        stdin.off('end', onEnd);
        stdin.pause();
      });
    });
    await new Promise<void>((resolve) => io.stdout.write('', () => resolve()));
    if (failure) throw new CliError(failure.message, failure.code === 'invalid_input' ? 2 : 1);
    if (signal.aborted) return 130;
    return exitCode ?? 1;
  },
};

export default exec;
