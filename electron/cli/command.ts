import type { Core } from '../core/app.ts';

export interface CliIo {
  stdout: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  stderr: NodeJS.WritableStream;
  env: NodeJS.ProcessEnv;
}

/** A parsed flag: `true` for a switch, the text for a value flag, every value for a repeatable one. */
export type FlagValue = string | boolean | string[];

export interface CliContext {
  /** Positional arguments after the command name (the subcommand, when there is one, first). */
  args: string[];
  /**
   * Flags by their long name: `--json` → { json: true }, `--tail 20` / `--tail=20` / `-n 20` →
   * { tail: '20' }, a repeatable flag → every value in order. Only the flags the command's table
   * declares get here (the parser refuses the others); reading an undeclared one throws.
   */
  flags: Record<string, FlagValue>;
  io: CliIo;
  /** Created on first use so that `benchtop --help` needs no engine. */
  core(): Promise<Core>;
  /** Aborted on SIGINT/SIGTERM. */
  signal: AbortSignal;
}

/** The help sections, in the order `benchtop help` prints them. */
export const COMMAND_GROUPS = ['Containers', 'Images', 'Stacks', 'GPUs', 'Environments', 'Pipelines', 'Tracking', 'Models', 'Endpoints', 'Monitoring', 'Export', 'Host', 'CLI'] as const;
export type CommandGroup = (typeof COMMAND_GROUPS)[number];

/**
 * What a shell completes a word with: a live kind (names from a quick `benchtop … --json` call),
 * `file` / `dir` (paths), or a fixed list of words.
 */
export type Completion =
  | 'benchtop-command'
  | 'container' | 'running-container' | 'image' | 'stack' | 'model' | 'alias' | 'environment' | 'endpoint' | 'command' | 'file' | 'dir' | readonly string[];

/** One row of a command's flag table: the parser, the help and the completions all read it. */
export interface FlagSpec {
  /** The long name, without `--`. */
  name: string;
  /** A one-letter alias, without `-`. */
  short?: string;
  /** The value's placeholder (`N`, `FILE`, `K=V`); absent for a switch. */
  value?: string;
  /** The flag may be given several times; the command gets every value, in order. */
  repeatable?: boolean;
  description: string;
  /** What it is when absent, as help shows it. */
  default?: string;
  /** What the shell completes the value with. */
  complete?: Completion;
}

export interface Subcommand {
  name: string;
  /** Other words that run the same subcommand (`list` for `ls`). */
  aliases?: string[];
  /** The full usage line, starting with `benchtop`. */
  usage: string;
  /** One line. */
  summary: string;
  /** Names of the command's flags that apply here (each must be in the command's table). */
  flags: string[];
  /** What each positional after the subcommand completes with (the last one repeats). */
  args?: Completion[];
  /** After this many positionals (after the subcommand) every word is positional, like `docker exec`. */
  stopFlagsAfter?: number;
  /** The `--json` shape, or where it is documented, when it differs from the command's. */
  json?: string;
}

export interface Example {
  command: string;
  description: string;
}

export interface Command {
  name: string;
  group: CommandGroup;
  /** The full usage line, starting with `benchtop`. */
  usage: string;
  /** One short line for `benchtop help`. */
  summary: string;
  /** More about it, for `benchtop COMMAND --help` (wrapped to the terminal). */
  description?: string;
  /** Every flag the command accepts (`--help` is global). The parser accepts nothing else. */
  flags: FlagSpec[];
  subcommands?: Subcommand[];
  /** What each positional completes with (the last one repeats); for a command with subcommands, see Subcommand.args. */
  args?: Completion[];
  /** After this many positionals every word is positional (`benchtop exec NAME ls -la`). */
  stopFlagsAfter?: number;
  /**
   * Rewrites the words after the command name before they are parsed against `flags`: for short
   * flags whose meaning depends on the verb, as docker compose's do (`logs -f` vs `-f FILE`).
   */
  rewriteArgs?(words: string[]): string[];
  /** Two or three. */
  examples: Example[];
  /** The `--json` output's shape, or where it is documented; absent when the command has no --json. */
  json?: string;
  /** Returns the process exit code (see EXIT_CODES). Throw CliError for a one-line failure. */
  run(ctx: CliContext): Promise<number>;
}

/** The exit codes every command keeps to (`benchtop help` documents them). */
export const EXIT_CODES = {
  ok: 0,
  failure: 1,
  usage: 2,
  cancelled: 130,
} as const;

/** A failure the CLI prints as one line on stderr, then exits with `exitCode`. */
export class CliError extends Error {
  readonly exitCode: number;
  constructor(message: string, exitCode = 1) {
    super(message);
    this.name = 'CliError';
    this.exitCode = exitCode;
  }
}

/** The flag's table row, by long name. */
export function flagSpec(command: Pick<Command, 'flags'>, name: string): FlagSpec | undefined {
  return command.flags.find((flag) => flag.name === name);
}

/** A flag's values as a list (a repeatable flag's, or a single value's), empty when absent or a switch. */
export function flagList(value: FlagValue | undefined): string[] {
  if (Array.isArray(value)) return value;
  return typeof value === 'string' ? [value] : [];
}
