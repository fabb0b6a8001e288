import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { InputOf } from '../../../shared/api/contract.ts';
import type { EnvironmentProgress } from '../../../shared/environments/progress.ts';
import type { EnvironmentSummary } from '../../../shared/environments/summary.ts';
import type { Core } from '../../core/app.ts';
import { call } from '../call.ts';
import { CliError, type CliContext, type Command } from '../command.ts';
import { formatTable } from '../format.ts';
import { renderCommandHelp } from '../help.ts';
import { runStream } from '../open-stream.ts';
import { styles, terminalWidth } from '../terminal.ts';
import exec from './exec.ts';

const USAGE = 'benchtop env ls|templates|up|down|stop|start|open|exec|reproduce|export [ARGS] [--json]';


function cwdOf(io: CliContext['io']): string {
  return io.env.PWD && existsSync(io.env.PWD) ? io.env.PWD : process.cwd();
}

/** Runs an environment stream, printing its progress; resolves with the environment it reports ready. */
async function streamRun(core: Core, method: 'environments.up' | 'environments.reproduce', input: InputOf<typeof method>, ctx: CliContext): Promise<EnvironmentSummary> {
  const { io, signal } = ctx;
  let ready: EnvironmentSummary | null = null;
  const onProgress = (progress: EnvironmentProgress) => {
    if (progress.type === 'step') io.stderr.write(`${progress.message}\n`);
    else if (progress.type === 'output') io.stderr.write(`  ${progress.source}: ${progress.line}\n`);
    else if (progress.type === 'warning') io.stderr.write(`warning: ${progress.message}\n`);
    else ready = progress.environment;
  };
  const outcome = await runStream(core, method, input, onProgress, signal).catch((error: unknown) => {
    // The CLI prints one line; the first line of a multi-problem config error names the first problem.
    throw error instanceof CliError ? new CliError(error.message.split('\n')[0], error.exitCode) : error;
  });
  if (outcome.cancelled) throw new CliError(`Cancelled (${method}): what it had made was removed.`, 130);
  if (!ready) throw new CliError(`${method} ended without an environment.`);
  return ready;
}

function readyLine(env: EnvironmentSummary): string {
  const url = env.app?.url ? `  ${env.app.label}: ${env.app.url}` : env.ports[0] ? `  ${env.ports[0].url}` : '';
  return `${env.name} is ${env.state} (${env.containerName})${url}\n`;
}

function needRef(ref: string | undefined, verb: string): string {
  if (!ref) throw new CliError(`Name the environment: benchtop env ${verb} ENV (its id, container name or project folder; benchtop env ls lists them).`, 2);
  return existsSync(ref) ? resolve(ref) : ref;
}

const env: Command = {
  name: 'env',
  group: 'Environments',
  usage: USAGE,
  summary: 'One-click environments from templates and devcontainer.json',
  description: 'ENV is an environment id, its container name, or its project folder.',
  flags: [
    { name: 'template', value: 'ID', description: 'up: start from this template (benchtop env templates).' },
    { name: 'config', value: 'FILE', description: 'up: this devcontainer.json.', default: '.devcontainer/devcontainer.json', complete: 'file' },
    { name: 'image', value: 'IMAGE', description: "up: run this image instead of the template's or config's (every other setting stays).", complete: 'image' },
    { name: 'no-gpu', description: 'up, reproduce: no GPU even when there is one.' },
    { name: 'port', value: 'N', description: 'open: the URL of this container port.', default: 'the app' },
    { name: 'app', value: 'NAME', description: 'open: the URL of this app (JupyterLab, TensorBoard…).', default: 'the first app' },
    { name: 'format', value: 'FORMAT', description: 'export: devcontainer or compose.', default: 'devcontainer', complete: ['devcontainer', 'compose'] },
    { name: 'file', value: 'FILE', description: 'export: where to write.', default: '.devcontainer/devcontainer.json or compose.yaml', complete: 'file' },
    { name: 'force', description: 'export: replace an existing file.' },
    { name: 'json', description: 'Print JSON.' },
  ],
  subcommands: [
    { name: 'ls', usage: 'benchtop env ls [--json]', summary: 'Environments on the engine (any devcontainer tool)', flags: ['json'] },
    { name: 'templates', usage: 'benchtop env templates [--json]', summary: 'The bundled templates', flags: ['json'], json: 'id, name, description, version, tags, image, appLabel, appPort, gpu, test.' },
    { name: 'up', usage: 'benchtop env up [FOLDER] [--template ID] [--config FILE] [--image IMAGE] [--no-gpu] [--json]', summary: 'Start a folder from a template or its devcontainer.json', flags: ['template', 'config', 'image', 'no-gpu', 'json'], args: ['dir'] },
    { name: 'down', usage: 'benchtop env down ENV', summary: 'Remove its container (the folder and lockfile stay)', flags: [], args: ['environment'] },
    { name: 'stop', usage: 'benchtop env stop ENV', summary: 'Stop it', flags: [], args: ['environment'] },
    { name: 'start', usage: 'benchtop env start ENV', summary: 'Start it again', flags: [], args: ['environment'] },
    { name: 'open', usage: 'benchtop env open ENV [--port N] [--app NAME]', summary: "Print the app's URL with its token", flags: ['port', 'app'], args: ['environment'] },
    { name: 'exec', usage: 'benchtop env exec ENV [CMD [ARG…]]', summary: 'A command (or a shell) in it', flags: [], args: ['environment', 'command'], stopFlagsAfter: 1 },
    { name: 'reproduce', usage: 'benchtop env reproduce LOCKFILE [--no-gpu] [--json]', summary: 'Recreate what benchtop.lock.json records', flags: ['no-gpu', 'json'], args: ['file'] },
    { name: 'export', usage: 'benchtop env export ENV [--format devcontainer|compose] [--file FILE] [--force]', summary: 'Write a devcontainer.json or compose.yaml', flags: ['format', 'file', 'force'], args: ['environment'] },
  ],
  examples: [
    { command: 'benchtop env up . --template jupyter-cpu', description: 'JupyterLab on this folder; prints its URL.' },
    { command: 'benchtop env reproduce .devcontainer/benchtop.lock.json', description: 'The same image again.' },
    { command: 'benchtop env exec my-project python train.py', description: 'Run a script in it.' },
  ],
  json: 'ls, up, reproduce: EnvironmentSummary objects (id, name, kind, containerId, containerName, state, image, localFolder, app, ports, managed…). See electron/cli/README.md.',
  async run(ctx) {
    const { args, flags, io } = ctx;
    const [verb, ref, ...rest] = args;
    if (!verb || verb === 'help') {
      io.stdout.write(renderCommandHelp(env, null, { width: terminalWidth(io), styles: styles(io) }));
      return verb ? 0 : 2;
    }
    const core = await ctx.core();
    const gpu = flags['no-gpu'] === true ? 'none' : 'auto';
    switch (verb) {
      case 'ls': {
        const list = await call(core, 'environments.list', {});
        if (flags.json) io.stdout.write(`${JSON.stringify(list, null, 2)}\n`);
        else io.stdout.write(formatTable(['ID', 'NAME', 'STATE', 'KIND', 'CONTAINER', 'FOLDER', 'APP'], list.map((e) => [e.id, e.name, e.state, e.templateId ?? e.kind, e.containerName, e.localFolder, e.app?.url ?? ''])));
        if (!flags.json && list.some((e) => e.state === 'running')) {
          // Environments log to the home's tracking endpoint: say when nothing serves it.
          const tracking = await call(core, 'tracking.status', {}).catch(() => null);
          if (tracking && !tracking.serving) io.stderr.write(`Tracking endpoint not serving${tracking.uri ? ` (${tracking.uri})` : ''}: MLflow logging from these environments fails until the Benchtop app or \`benchtop tracking serve\` runs.\n`);
        }
        return 0;
      }
      case 'templates': {
        const templates = await call(core, 'environments.templates', {});
        if (flags.json) io.stdout.write(`${JSON.stringify(templates, null, 2)}\n`);
        else io.stdout.write(formatTable(['ID', 'NAME', 'IMAGE', 'APP'], templates.map((t) => [t.id, t.name, t.image, t.appLabel ? `${t.appLabel} :${t.appPort}` : ''])));
        return 0;
      }
      case 'up': {
        const folder = resolve(cwdOf(io), ref ?? '.');
        const input = {
          folder,
          gpu,
          ...(typeof flags.template === 'string' ? { template: flags.template } : {}),
          ...(typeof flags.config === 'string' ? { configFile: resolve(cwdOf(io), flags.config) } : {}),
          ...(typeof flags.image === 'string' ? { image: flags.image } : {}),
        } as const;
        const ready = await streamRun(core, 'environments.up', input, ctx);
        io.stdout.write(flags.json ? `${JSON.stringify(ready, null, 2)}\n` : readyLine(ready));
        return 0;
      }
      case 'reproduce': {
        if (!ref) throw new CliError('Name the lockfile: benchtop env reproduce path/to/benchtop.lock.json.', 2);
        const ready = await streamRun(core, 'environments.reproduce', { lockFile: resolve(cwdOf(io), ref), gpu }, ctx);
        io.stdout.write(flags.json ? `${JSON.stringify(ready, null, 2)}\n` : readyLine(ready));
        return 0;
      }
      case 'down': {
        const found = await call(core, 'environments.remove', { id: await idOf(core, needRef(ref, verb)) });
        io.stdout.write(`Removed ${found.removed} container${found.removed === 1 ? '' : 's'}; the folder and its lockfile stay.\n`);
        return 0;
      }
      case 'stop':
      case 'start': {
        const id = await idOf(core, needRef(ref, verb));
        const summary = await call(core, verb === 'stop' ? 'environments.stop' : 'environments.start', { id });
        io.stdout.write(readyLine(summary));
        return 0;
      }
      case 'open': {
        const found = await find(core, needRef(ref, verb));
        const wanted = typeof flags.port === 'string' ? Number(flags.port) : null;
        if (typeof flags.app === 'string' && !found.apps.some((a) => a.name === flags.app)) {
          throw new CliError(`${found.name} has no app "${flags.app}"${found.apps.length > 0 ? `: it has ${found.apps.map((a) => a.name).join(', ')}` : ''}.`);
        }
        const app = typeof flags.app === 'string' ? found.apps.find((a) => a.name === flags.app) : undefined;
        const url = app ? app.url : wanted !== null ? found.ports.find((p) => p.containerPort === wanted)?.url : (found.app?.url ?? found.apps[0]?.url ?? found.ports[0]?.url);
        if (!url) throw new CliError(`${found.name} publishes ${wanted !== null ? `no port ${wanted}` : 'no port'}${found.state !== 'running' ? ' (it is not running: benchtop env start first)' : ''}.`);
        io.stdout.write(`${url}\n`);
        return 0;
      }
      case 'exec': {
        const found = await find(core, needRef(ref, verb));
        if (found.state !== 'running') throw new CliError(`${found.name} is ${found.state}: benchtop env start ${found.id} first.`);
        return exec.run({ ...ctx, args: [found.containerName, ...rest] });
      }
      case 'export': {
        const id = await idOf(core, needRef(ref, verb));
        const format = flags.format === 'compose' ? 'compose' : 'devcontainer';
        if (typeof flags.format === 'string' && !['compose', 'devcontainer'].includes(flags.format)) throw new CliError('--format is devcontainer or compose.', 2);
        const result = await call(core, 'environments.export', { id, format, overwrite: flags.force === true, ...(typeof flags.file === 'string' ? { file: resolve(cwdOf(io), flags.file) } : {}) });
        io.stdout.write(`Wrote ${result.file}\n`);
        return 0;
      }
    }
    throw new CliError(`Unknown env command "${verb}": ${USAGE}.`, 2);
  },
};

function matches(e: EnvironmentSummary, ref: string): boolean {
  return e.id === ref || e.containerName === ref || e.localFolder === ref || e.containerId.startsWith(ref);
}

async function find(core: Core, ref: string): Promise<EnvironmentSummary> {
  const found = (await call(core, 'environments.list', {})).find((e) => matches(e, ref));
  if (!found) throw new CliError(`There is no environment "${ref}": benchtop env ls lists them.`);
  return found;
}

async function idOf(core: Core, ref: string): Promise<string> {
  return (await find(core, ref)).id;
}

export default env;
