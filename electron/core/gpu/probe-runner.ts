import { execFile } from 'node:child_process';
import type { ProbeLogEntry } from '../../../shared/domain/gpu.ts';

export interface ProbeResult {
  ok: boolean;
  exitCode: number | null;
  stdout: string;
  stderr: string;
  outcome: ProbeLogEntry['outcome'];
  durationMs: number;
}

export interface ProbeOptions {
  timeoutMs: number;
  /** Extra environment (merged over the runner's). */
  env?: NodeJS.ProcessEnv;
}

export interface ProbeRunnerOptions {
  env?: NodeJS.ProcessEnv;
  maxBufferBytes?: number;
  /** How many entries the probe log keeps (oldest dropped). */
  logSize?: number;
  /** Failures in a row before backing off. */
  failuresBeforeBackoff?: number;
  maxBackoffMs?: number;
  now?: () => number;
}

/**
 * Runs detection commands: execFile (no shell), LC_ALL=C, an explicit timeout that kills the
 * process, a large maxBuffer, one flight per command line (a second caller shares the first's
 * result), and an exponential back-off (up to 60 s) after repeated failures, during which calls
 * answer `skipped` at once. Every run is written to a bounded probe log.
 */
export class ProbeRunner {
  readonly #env: NodeJS.ProcessEnv;
  readonly #maxBuffer: number;
  readonly #logSize: number;
  readonly #failuresBeforeBackoff: number;
  readonly #maxBackoffMs: number;
  readonly #now: () => number;
  readonly #inFlight = new Map<string, Promise<ProbeResult>>();
  readonly #failures = new Map<string, { count: number; retryAt: number }>();
  readonly #log: ProbeLogEntry[] = [];

  constructor(options: ProbeRunnerOptions = {}) {
    this.#env = options.env ?? process.env;
    this.#maxBuffer = options.maxBufferBytes ?? 16 * 1024 * 1024;
    this.#logSize = options.logSize ?? 50;
    this.#failuresBeforeBackoff = options.failuresBeforeBackoff ?? 3;
    this.#maxBackoffMs = options.maxBackoffMs ?? 60_000;
    this.#now = options.now ?? Date.now;
  }

  /** The environment probes run with (PATH included): callers resolve executables against it. */
  get env(): NodeJS.ProcessEnv {
    return this.#env;
  }

  log(): ProbeLogEntry[] {
    return [...this.#log];
  }

  run(file: string, args: readonly string[], options: ProbeOptions): Promise<ProbeResult> {
    const key = [file, ...args].join('\u0000');
    const running = this.#inFlight.get(key);
    if (running) return running;
    const failure = this.#failures.get(key);
    if (failure && failure.retryAt > this.#now()) {
      return Promise.resolve({ ok: false, exitCode: null, stdout: '', stderr: 'backing off after repeated failures', outcome: 'skipped', durationMs: 0 });
    }
    const flight = this.#spawn(file, args, options).then((result) => {
      this.#inFlight.delete(key);
      this.#record(file, args, result);
      this.#trackFailures(key, result);
      return result;
    });
    this.#inFlight.set(key, flight);
    return flight;
  }

  #spawn(file: string, args: readonly string[], options: ProbeOptions): Promise<ProbeResult> {
    const started = performance.now();
    return new Promise((resolve) => {
      execFile(
        file,
        args,
        {
          encoding: 'utf8',
          timeout: options.timeoutMs,
          killSignal: 'SIGKILL',
          maxBuffer: this.#maxBuffer,
          windowsHide: true,
          shell: false,
          env: { ...this.#env, ...options.env, LC_ALL: 'C' },
        },
        (error, stdout, stderr) => {
          const durationMs = Math.round(performance.now() - started);
          if (!error) {
            resolve({ ok: true, exitCode: 0, stdout, stderr, outcome: 'ok', durationMs });
            return;
          }
          const failure = error as NodeJS.ErrnoException & { killed?: boolean; code?: string | number; signal?: string };
          if (failure.code === 'ENOENT' || failure.code === 'EACCES') {
            resolve({ ok: false, exitCode: null, stdout: '', stderr: `${file}: not found`, outcome: 'missing', durationMs });
            return;
          }
          if (failure.killed || failure.signal === 'SIGKILL') {
            resolve({ ok: false, exitCode: null, stdout, stderr: stderr || `no answer within ${options.timeoutMs} ms`, outcome: 'timeout', durationMs });
            return;
          }
          const exitCode = typeof failure.code === 'number' ? failure.code : null;
          resolve({ ok: false, exitCode, stdout, stderr: stderr || failure.message, outcome: 'failed', durationMs });
        },
      );
    });
  }

  #record(file: string, args: readonly string[], result: ProbeResult): void {
    const firstStderrLine = result.stderr.split('\n').find((line) => line.trim() !== '')?.trim() ?? null;
    this.#log.push({
      command: [file, ...args].join(' '),
      exitCode: result.exitCode,
      outcome: result.outcome,
      firstStderrLine: firstStderrLine ? firstStderrLine.slice(0, 300) : null,
      durationMs: result.durationMs,
      at: new Date(this.#now()).toISOString(),
    });
    if (this.#log.length > this.#logSize) this.#log.splice(0, this.#log.length - this.#logSize);
  }

  #trackFailures(key: string, result: ProbeResult): void {
    // A missing tool is an answer, not a failure: probing it again is cheap.
    if (result.ok || result.outcome === 'missing') {
      this.#failures.delete(key);
      return;
    }
    const count = (this.#failures.get(key)?.count ?? 0) + 1;
    const over = count - this.#failuresBeforeBackoff;
    const retryAt = over < 0 ? 0 : this.#now() + Math.min(this.#maxBackoffMs, 1000 * 2 ** over);
    this.#failures.set(key, { count, retryAt });
  }
}
