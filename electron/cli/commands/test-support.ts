import { PassThrough } from 'node:stream';
import type { Core } from '../../core/app.ts';
import type { Dispatcher } from '../../core/api/dispatcher.ts';
import type { CliContext, Command } from '../command.ts';
import { runCli } from '../main.ts';

/**
 * Runs one CLI command against a dispatcher (the only part of Core the commands use through `call`
 * and `runStream`) and collects what it printed; a thrown CliError becomes its exit code and message.
 */
export async function runCommand(command: Command, dispatcher: Dispatcher, args: string[], flags: CliContext['flags'] = {}): Promise<{ code: number; out: string; err: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d: Buffer) => (out += d.toString()));
  stderr.on('data', (d: Buffer) => (err += d.toString()));
  const ctx: CliContext = { args, flags, io: { stdout, stderr, env: {} }, core: async () => ({ dispatcher }) as unknown as Core, signal: new AbortController().signal };
  return command.run(ctx).then(
    (code) => ({ code, out, err }),
    (error: Error & { exitCode?: number }) => ({ code: error.exitCode ?? -1, out, err: err + error.message }),
  );
}

/** Runs the whole CLI (`benchtop ARGV…`) with this environment and collects what it printed. */
export async function runCliCaptured(argv: string[], env: NodeJS.ProcessEnv, signal = new AbortController().signal): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io = {
    stdout: { write: (s: string) => ((out += s), true) } as unknown as NodeJS.WritableStream,
    stderr: { write: (s: string) => ((err += s), true) } as unknown as NodeJS.WritableStream,
    env,
  };
  const code = await runCli(argv, io, signal);
  return { code, out, err };
}
