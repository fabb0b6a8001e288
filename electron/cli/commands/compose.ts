import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { stringify } from 'yaml';
import type { ApiErrorPayload } from '../../../shared/api/errors.ts';
import type { InputOf, StreamMethod } from '../../../shared/api/contract.ts';
import type { ComposeProgress } from '../../../shared/domain/compose-plan.ts';
import type { StackSummary } from '../../../shared/domain/compose-stacks.ts';
import type { LogBatch } from '../../../shared/domain/logs.ts';
import type { Core } from '../../core/app.ts';
import { DEFAULT_COMPOSE_FILES } from '../../core/compose/load-project.ts';
import { call } from '../call.ts';
import { CliError, flagList, type CliContext, type Command } from '../command.ts';
import { escapesAllowed } from '../terminal.ts';
import { formatTable } from '../format.ts';

const USAGE = 'benchtop compose up|down|ps|logs|config [-f FILE]... [-p NAME] [--profile P] [--json] [--volumes] [--follow] [--tail N]';

interface ComposeArgs {
  verb: string;
  files: string[];
  project: string | undefined;
  profiles: string[];
}

/** `-f FILE` / `--file FILE` (repeatable) and `-p NAME` arrive as flags; as positional words too (callers that skip the parser). */
function parseComposeArgs({ args, flags, io }: CliContext): ComposeArgs {
  const [verb, ...rest] = args;
  if (!verb || !['up', 'down', 'ps', 'logs', 'config'].includes(verb)) throw new CliError(`Name what to do: ${USAGE}.`, 2);
  const files: string[] = [];
  let project = typeof flags['project-name'] === 'string' ? flags['project-name'] : undefined;
  for (let i = 0; i < rest.length; i++) {
    const word = rest[i];
    const value = rest[i + 1];
    if (word === '-f' || word === '-p') {
      if (value === undefined) throw new CliError(`${word} needs a value: ${USAGE}.`, 2);
      if (word === '-f') files.push(value);
      else project = value;
      i++;
    } else throw new CliError(`Unexpected "${word}": ${USAGE}.`, 2);
  }
  files.push(...flagList(flags.file));
  const profileFlag = typeof flags.profile === 'string' ? flags.profile : '';
  const profiles = profileFlag.split(',').map((p) => p.trim()).filter(Boolean);
  const cwd = io.env.PWD && existsSync(io.env.PWD) ? io.env.PWD : process.cwd();
  return { verb, files: files.map((f) => resolve(cwd, f)), project, profiles };
}

/** compose's lookup when no -f is given: COMPOSE_FILE, else a default name here or in a parent folder. */
function defaultFiles(env: NodeJS.ProcessEnv): string[] {
  if (env.COMPOSE_FILE) return env.COMPOSE_FILE.split(env.COMPOSE_PATH_SEPARATOR ?? ':').filter(Boolean).map((f) => resolve(f));
  let dir = process.cwd();
  for (;;) {
    const found = DEFAULT_COMPOSE_FILES.map((name) => join(dir, name)).find((path) => existsSync(path));
    if (found) return [found];
    const parent = dirname(dir);
    if (parent === dir) return [];
    dir = parent;
  }
}

function requireFiles(parsed: ComposeArgs, env: NodeJS.ProcessEnv): string[] {
  const files = parsed.files.length > 0 ? parsed.files : defaultFiles(env);
  if (files.length === 0) throw new CliError(`No compose file here or in a parent folder: pass one with -f FILE.`, 2);
  return files;
}

/** Opens a stream, feeds each message to onValue, ends on completion, failure or Ctrl-C. */
async function stream<M extends StreamMethod>(core: Core, method: M, input: InputOf<M>, signal: AbortSignal, onValue: (value: unknown) => void): Promise<void> {
  const failure = await new Promise<ApiErrorPayload | null>((done) => {
    let finished = false;
    const finish = (error: ApiErrorPayload | null) => {
      if (finished) return;
      finished = true;
      signal.removeEventListener('abort', stop);
      done(error);
    };
    const stop = () => {
      handle.close();
      finish({ code: 'cancelled', message: `Cancelled (${method}).` });
    };
    const handle = core.dispatcher.open(method, input, { next: onValue, end: (error) => finish(error ?? null) });
    signal.addEventListener('abort', stop, { once: true });
  });
  if (failure) throw new CliError(failure.message, failure.code === 'invalid_input' ? 2 : failure.code === 'cancelled' ? 130 : 1);
}

function progressWriter(io: CliContext['io']): (value: unknown) => void {
  const tty = escapesAllowed(io);
  return (value) => {
    const progress = value as ComposeProgress;
    if (progress.type === 'done') {
      io.stdout.write(`${progress.project}: done in ${(progress.elapsedMs / 1000).toFixed(1)} s, ${progress.changed} changed\n`);
      return;
    }
    const kind = progress.kind[0].toUpperCase() + progress.kind.slice(1);
    const status = tty ? `\x1b[${/removed|started|created|healthy|exited/.test(progress.status) ? 32 : 33}m${progress.status}\x1b[0m` : progress.status;
    io.stdout.write(`${kind} ${progress.name}  ${status}${progress.detail ? ` (${progress.detail})` : ''}\n`);
  };
}

async function projectName(core: Core, parsed: ComposeArgs, env: NodeJS.ProcessEnv): Promise<string> {
  if (parsed.project) return parsed.project;
  const project = await call(core, 'compose.config', { files: requireFiles(parsed, env), profiles: parsed.profiles });
  return project.name;
}

function stackRows(stacks: StackSummary[]): string[][] {
  return stacks.flatMap((stack) =>
    stack.containers.map((c) => [
      stack.project,
      c.service,
      c.name,
      c.state,
      c.health === 'none' ? '' : c.health,
      c.ports.map((p) => (p.publicPort === null ? `${p.privatePort}/${p.type}` : `${p.publicPort}->${p.privatePort}/${p.type}`)).join(', '),
    ]),
  );
}

const compose: Command = {
  name: 'compose',
  group: 'Stacks',
  usage: USAGE,
  summary: 'Compose stacks through the Engine API: up, down, ps, logs, config',
  description:
    'No docker compose needed. Without -f: COMPOSE_FILE, else compose.yaml / docker-compose.yml here or in a parent folder. A bad file fails with file:line:column: what to change (exit 2); Ctrl-C cancels (exit 130).',
  flags: [
    { name: 'file', short: 'f', value: 'FILE', repeatable: true, description: 'A compose file; later files override earlier ones.', default: 'COMPOSE_FILE, else compose.yaml here or above', complete: 'file' },
    { name: 'project-name', short: 'p', value: 'NAME', description: 'The project name.', default: "the file's top-level name, else its folder", complete: 'stack' },
    { name: 'profile', value: 'P[,Q]', description: 'Enable services of these profiles.' },
    { name: 'volumes', short: 'v', description: 'down: also remove the named volumes.' },
    { name: 'follow', description: 'logs: keep printing until Ctrl-C.' },
    { name: 'tail', value: 'N', description: 'logs: the last N lines of each container.', default: 'all' },
    { name: 'json', description: 'ps, config: print JSON.' },
  ],
  subcommands: [
    { name: 'up', usage: 'benchtop compose up [-f FILE]... [-p NAME] [--profile P]', summary: 'Create and start the stack, waiting for depends_on conditions', flags: ['file', 'project-name', 'profile'] },
    { name: 'down', usage: 'benchtop compose down [-f FILE]... [-p NAME] [--volumes]', summary: 'Remove what carries the project label', flags: ['file', 'project-name', 'profile', 'volumes'] },
    {
      name: 'ps',
      usage: 'benchtop compose ps [-f FILE]... [-p NAME] [--json]',
      summary: "Every compose project's containers (any tool's), or one project",
      flags: ['file', 'project-name', 'profile', 'json'],
      json: 'An array of projects: project, configFiles, workingDir, state (running, partial, exited, created), services, containers (id, name, service, number, state, status, health, image, ports). See electron/cli/README.md.',
    },
    { name: 'logs', usage: 'benchtop compose logs [-f FILE]... [-p NAME] [--follow] [--tail N]', summary: "The services' logs merged, prefixed by container", flags: ['file', 'project-name', 'profile', 'follow', 'tail'] },
    {
      name: 'config',
      usage: 'benchtop compose config [-f FILE]... [-p NAME] [--profile P] [--json]',
      summary: 'Print the loaded model (YAML, or JSON with --json)',
      flags: ['file', 'project-name', 'profile', 'json'],
      json: 'The model: name, workingDir, configFiles, services (by key), disabledServices, networks, volumes, warnings; see shared/domain/compose-model.ts.',
    },
  ],
  examples: [
    { command: 'benchtop compose up -f compose.yaml -f gpu.yaml', description: 'Start the stack with an override file.' },
    { command: 'benchtop compose logs -p lab --follow --tail 50', description: 'Follow the project "lab".' },
    { command: 'benchtop compose down -v', description: 'Remove the stack here, named volumes too.' },
  ],
  json: 'ps and config print JSON with --json; see their help (benchtop help compose ps).',
  async run(ctx) {
    const { flags, io, signal } = ctx;
    const parsed = parseComposeArgs(ctx);
    const core = await ctx.core();
    switch (parsed.verb) {
      case 'config': {
        const project = await call(core, 'compose.config', { files: requireFiles(parsed, io.env), projectName: parsed.project, profiles: parsed.profiles });
        io.stdout.write(flags.json ? JSON.stringify(project, null, 2) + '\n' : stringify(project));
        for (const warning of project.warnings) io.stderr.write(`warning: ${warning}\n`);
        return 0;
      }
      case 'up':
        await stream(core, 'compose.up', { files: requireFiles(parsed, io.env), projectName: parsed.project, profiles: parsed.profiles }, signal, progressWriter(io));
        return 0;
      case 'down': {
        const project = await projectName(core, parsed, io.env);
        await stream(core, 'compose.down', { project, volumes: flags.volumes === true }, signal, progressWriter(io));
        return 0;
      }
      case 'ps': {
        const wanted = parsed.project ?? (parsed.files.length > 0 ? await projectName(core, parsed, io.env) : null);
        const stacks = (await call(core, 'compose.stacks', {})).filter((s) => wanted === null || s.project === wanted);
        if (flags.json) io.stdout.write(JSON.stringify(stacks, null, 2) + '\n');
        else io.stdout.write(formatTable(['PROJECT', 'SERVICE', 'NAME', 'STATE', 'HEALTH', 'PORTS'], stackRows(stacks)));
        return 0;
      }
      case 'logs': {
        const project = await projectName(core, parsed, io.env);
        const stack = (await call(core, 'compose.stacks', {})).find((s) => s.project === project);
        if (!stack) throw new CliError(`No containers belong to the compose project "${project}": check the name with benchtop compose ps.`);
        const width = Math.max(...stack.containers.map((c) => c.name.length));
        const tail = typeof flags.tail === 'string' ? Number(flags.tail) : 'all';
        if (tail !== 'all' && !Number.isInteger(tail)) throw new CliError(`--tail takes a whole number, got ${JSON.stringify(flags.tail)}.`, 2);
        await Promise.all(
          stack.containers.map((c) =>
            stream(core, 'containers.logs', { id: c.id, tail, follow: flags.follow === true, timestamps: false }, signal, (batch) => {
              const prefix = `${c.name.padEnd(width)} | `;
              let out = '';
              for (const line of (batch as LogBatch).lines) out += prefix + line.text + '\n';
              io.stdout.write(out);
            }).catch((error: unknown) => {
              if (error instanceof CliError && error.exitCode === 130) return;
              throw error;
            }),
          ),
        );
        return 0;
      }
    }
    return 2;
  },
};

export default compose;
