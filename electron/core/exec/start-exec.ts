import type { Duplex } from 'node:stream';
import type Docker from 'dockerode';
import { FrameDemuxer } from '../logs/frame-demuxer.ts';
import { toApiError } from '../engine/errors.ts';

export interface ExecOptions {
  command: string[];
  tty: boolean;
  cols: number;
  rows: number;
  /** Output bytes (with a TTY, everything; without, stdout). Valid only during the call. */
  onOutput(bytes: Buffer): void;
  /** Without a TTY: stderr bytes. Valid only during the call. */
  onError(bytes: Buffer): void;
}

/** One process started with the Engine API's exec, attached to its stdin and output. */
export interface ExecProcess {
  write(bytes: Buffer | string): void;
  /** Closes stdin: the process reads end of file. */
  endInput(): void;
  resize(cols: number, rows: number): Promise<void>;
  pause(): void;
  resume(): void;
  /** Stops reading and drops the connection (the process may live on, like `docker exec` after a lost link). */
  detach(): void;
  /** The exit code once the output has ended; null when the engine cannot say. */
  readonly exited: Promise<number | null>;
}

/** POST /containers/{id}/exec, then a hijacked /exec/{id}/start. */
export async function startExec(docker: Docker, containerId: string, options: ExecOptions): Promise<ExecProcess> {
  let exec: Docker.Exec;
  let stream: Duplex;
  try {
    exec = await docker.getContainer(containerId).exec({
      Cmd: options.command,
      AttachStdin: true,
      AttachStdout: true,
      AttachStderr: true,
      Tty: options.tty,
      Env: options.tty ? ['TERM=xterm-256color'] : [],
    });
    stream = (await exec.start({ hijack: true, stdin: true, Tty: options.tty })) as Duplex;
  } catch (error) {
    throw toApiError(error, `run ${options.command.join(' ')} in container ${containerId}`);
  }
  if (options.tty) await resizeExec(exec, options.cols, options.rows).catch(() => {});

  const demuxer = options.tty ? null : new FrameDemuxer();
  stream.on('data', (chunk: Buffer) => {
    if (!demuxer) options.onOutput(chunk);
    else demuxer.push(chunk, (which, bytes) => (which === 'stderr' ? options.onError(bytes) : options.onOutput(bytes)));
  });
  const ended = new Promise<void>((resolve) => {
    stream.once('end', resolve);
    stream.once('close', resolve);
    stream.once('error', () => resolve());
  });
  const exited = ended.then(() => exitCodeOf(exec));
  let inputOpen = true;

  return {
    write(bytes) {
      if (inputOpen && !stream.destroyed) stream.write(bytes);
    },
    endInput() {
      if (!inputOpen) return;
      inputOpen = false;
      stream.end();
    },
    resize: (cols, rows) => resizeExec(exec, cols, rows),
    pause: () => void stream.pause(),
    resume: () => void stream.resume(),
    detach: () => stream.destroy(),
    exited,
  };
}

async function resizeExec(exec: Docker.Exec, cols: number, rows: number): Promise<void> {
  await exec.resize({ w: cols, h: rows });
}

/** The engine may still report Running for a moment after the output ended. */
async function exitCodeOf(exec: Docker.Exec): Promise<number | null> {
  for (let attempt = 0; attempt < 20; attempt++) {
    try {
      const info = await exec.inspect();
      if (!info.Running) return typeof info.ExitCode === 'number' ? info.ExitCode : null;
    } catch {
      return null;
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return null;
}

/** Runs `command` without attaching and resolves with its exit code (null when it could not run). */
export async function runQuietly(docker: Docker, containerId: string, command: string[]): Promise<number | null> {
  try {
    const exec = await docker.getContainer(containerId).exec({ Cmd: command, AttachStdout: true, AttachStderr: true });
    const stream = (await exec.start({})) as NodeJS.ReadableStream;
    await new Promise<void>((resolve) => {
      stream.on('data', () => {});
      stream.once('end', resolve);
      stream.once('close', resolve);
      stream.once('error', () => resolve());
    });
    return await exitCodeOf(exec);
  } catch {
    return null;
  }
}
