import { APP_VERSION } from '../core/app-version.ts';
import { createCore, type Core } from '../core/app.ts';
import { parseArgs } from './args.ts';
import { CliError, type CliIo, type Command } from './command.ts';
import build from './commands/build.ts';
import compose from './commands/compose.ts';
import engine from './commands/engine.ts';
import env from './commands/env.ts';
import exec from './commands/exec.ts';
import gpu from './commands/gpu.ts';
import images from './commands/images.ts';
import logs from './commands/logs.ts';
import df from './commands/df.ts';
import networks from './commands/networks.ts';
import prune from './commands/prune.ts';
import ps from './commands/ps.ts';
import stats from './commands/stats.ts';
import pull from './commands/pull.ts';
import rmi from './commands/rmi.ts';
import tag from './commands/tag.ts';
import volumes from './commands/volumes.ts';
import run from './commands/run.ts';
import runs from './commands/runs.ts';
import schedule from './commands/schedule.ts';
import scheduler from './commands/scheduler.ts';
import validate from './commands/validate.ts';
import web from './commands/web.ts';
import models from './commands/models.ts';
import features from './commands/features.ts';
import gc from './commands/gc.ts';
import mlflow from './commands/mlflow.ts';
import exportCommand from './commands/export.ts';
import submit from './commands/submit.ts';
import serve from './commands/serve.ts';
import endpoints from './commands/endpoints.ts';

export const commands: readonly Command[] = [engine, ps, logs, compose, exec, stats, web, volumes, networks, df, prune, images, pull, build, rmi, tag, gpu, validate, run, runs, schedule, scheduler, exportCommand, submit, mlflow, models, features, gc, env, serve, endpoints];

function usage(): string {
  const width = Math.max(...commands.map((c) => c.usage.length));
  return [
    `benchtop ${APP_VERSION}: a reproducible ML lab on your container engine`,
    '',
    'Usage:',
    ...commands.map((c) => `  ${c.usage.padEnd(width)}  ${c.summary}`),
    '',
    'Every listing takes --json. BENCHTOP_HOME sets the data folder.',
  ].join('\n');
}

export async function runCli(argv: string[], io: CliIo, signal: AbortSignal): Promise<number> {
  let core: Core | null = null;
  try {
    const parsed = parseArgs(argv, (name) => commands.find((c) => c.name === name)?.valueFlags ?? []);
    if (parsed.flags.version && parsed.command === null) {
      io.stdout.write(`${APP_VERSION}\n`);
      return 0;
    }
    if (parsed.command === null || parsed.command === 'help') {
      io.stdout.write(usage() + '\n');
      return parsed.command === null && !parsed.flags.help ? 2 : 0;
    }
    const command = commands.find((c) => c.name === parsed.command);
    if (!command) throw new CliError(`Unknown command "${parsed.command}". Run \`benchtop help\` for the list.`, 2);
    if (parsed.flags.help) {
      io.stdout.write(`${command.usage}\n  ${command.summary}\n`);
      return 0;
    }
    return await command.run({
      args: parsed.args,
      flags: parsed.flags,
      io,
      signal,
      core: async () => (core ??= await createCore({ transport: 'cli', env: io.env })),
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    io.stderr.write(`benchtop: ${message.split('\n')[0]}\n`);
    return error instanceof CliError ? error.exitCode : 1;
  } finally {
    await (core as Core | null)?.close();
  }
}

export async function main(): Promise<void> {
  const controller = new AbortController();
  const stop = () => controller.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  const code = await runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env }, controller.signal);
  process.exitCode = code;
  // Open handles (the engine's event stream) must not keep a finished command alive.
  setImmediate(() => process.exit(code));
}

if (import.meta.main) await main();
