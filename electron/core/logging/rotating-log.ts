import { closeSync, fstatSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import type { Logger, LogLevel } from './logger.ts';

export interface RotatingLogOptions {
  /** Folder of the log files; created when missing. */
  dir: string;
  /** File name without extension: `<name>.log`, then `<name>.1.log` … `<name>.<keep>.log`. */
  name?: string;
  /** Rotate when the current file would grow past this many bytes. */
  maxBytes?: number;
  /** How many rotated files to keep besides the current one. */
  keep?: number;
  /** Clock for the line prefix (tests). */
  now?: () => Date;
}

export interface RotatingLog extends Logger {
  /** The current file. */
  readonly file: string;
  /** Writes one line as given (a newline is added). */
  write(line: string): void;
  close(): void;
}

export const DEFAULT_MAX_LOG_BYTES = 5 * 1024 * 1024;
export const DEFAULT_KEPT_LOGS = 4;

/**
 * A size-bounded, rotating log file: at most (keep + 1) files of about maxBytes each. Writes are
 * synchronous so the last lines before a crash reach the disk; failures to write are swallowed
 * (a full disk must not take the app down).
 */
export function createRotatingLog(options: RotatingLogOptions): RotatingLog {
  const name = options.name ?? 'benchtop';
  const maxBytes = Math.max(1024, options.maxBytes ?? DEFAULT_MAX_LOG_BYTES);
  const keep = Math.max(0, Math.floor(options.keep ?? DEFAULT_KEPT_LOGS));
  const now = options.now ?? (() => new Date());
  const file = path.join(options.dir, `${name}.log`);
  const rotated = (n: number) => path.join(options.dir, `${name}.${n}.log`);

  mkdirSync(options.dir, { recursive: true });
  let fd: number | null = openSync(file, 'a', 0o600);
  let size = fstatSync(fd).size;

  function rotate(): void {
    if (fd !== null) closeSync(fd);
    rmSync(rotated(keep), { force: true });
    for (let n = keep - 1; n >= 1; n -= 1) renameQuietly(rotated(n), rotated(n + 1));
    if (keep > 0) renameQuietly(file, rotated(1));
    else rmSync(file, { force: true });
    fd = openSync(file, 'a', 0o600);
    size = 0;
  }

  function write(line: string): void {
    if (fd === null) return;
    const bytes = Buffer.from(`${line.replace(/\n+$/, '')}\n`, 'utf8');
    try {
      if (size > 0 && size + bytes.length > maxBytes) rotate();
      size += writeSync(fd, bytes);
    } catch {
      // Logging must never throw into the caller.
    }
  }

  const at = (level: LogLevel) => (message: string) => write(`${now().toISOString()} ${level.toUpperCase()} ${message}`);

  return {
    file,
    write,
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    close() {
      if (fd === null) return;
      closeSync(fd);
      fd = null;
    },
  };
}

function renameQuietly(from: string, to: string): void {
  try {
    renameSync(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}
