import type { Core } from '../core/app.ts';

export interface CliIo {
  stdout: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  stderr: NodeJS.WritableStream;
  env: NodeJS.ProcessEnv;
}

export interface CliContext {
  /** Positional arguments after the command name. */
  args: string[];
  /** Flags: `--json` → { json: true }, `--tail 20` / `--tail=20` → { tail: '20' }. */
  flags: Record<string, string | boolean>;
  io: CliIo;
  /** Created on first use so that `benchtop --help` needs no engine. */
  core(): Promise<Core>;
  /** Aborted on SIGINT/SIGTERM. */
  signal: AbortSignal;
}

export interface Command {
  name: string;
  usage: string;
  summary: string;
  /** Flags that take a value; every other flag is a boolean. */
  valueFlags?: string[];
  /** Returns the process exit code. Throw CliError for a one-line failure. */
  run(ctx: CliContext): Promise<number>;
}

/** A failure the CLI prints as one line on stderr, then exits with `exitCode`. */
export class CliError extends Error {
  readonly exitCode: number;
  constructor(message: string, exitCode = 1) {
    super(message);
    this.name = 'CliError';
    this.exitCode = exitCode;
  }
}
