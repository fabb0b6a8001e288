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
import { printWarnings } from '../warnings.ts';
import { CliError, flagList, type CliContext, type Command, type Subcommand } from '../command.ts';
import { formatTable } from '../format.ts';
import { escapesAllowed } from '../terminal.ts';

const VERBS = ['up', 'down', 'ps', 'logs', 'config', 'pull', 'build', 'restart', 'stop', 'start'] as const;
type Verb = (typeof VERBS)[number];
const USAGE = `benchtop compose [-f FILE]... [-p NAME] [--profile P] ${VERBS.join('|')} [FLAGS] (docker compose's flags: see electron/cli/README.md)`;

/** docker compose's flags that Benchtop accepts, per verb: short form → long name. Value flags take the next word. */
const VERB_FLAGS: Record<Verb, { short: Record<string, string>; long: string[]; values: string[] }> = {
  up: { short: { d: 'detach' }, long: ['detach', 'build', 'force-recreate', 'no-deps', 'remove-orphans', 'wait', 'json'], values: [] },
  down: { short: { v: 'volumes', t: 'timeout' }, long: ['volumes', 'remove-orphans', 'timeout', 'json'], values: ['timeout'] },
  ps: { short: { a: 'all', q: 'quiet' }, long: ['all', 'quiet', 'format', 'json'], values: ['format'] },
  logs: { short: { f: 'follow', t: 'timestamps' }, long: ['follow', 'timestamps', 'tail', 'no-color', 'json'], values: ['tail'] },
  config: { short: { q: 'quiet' }, long: ['quiet', 'format', 'json', 'services'], values: ['format'] },
  pull: { short: { q: 'quiet' }, long: ['quiet', 'json'], values: [] },
  build: { short: { q: 'quiet' }, long: ['quiet', 'json'], values: [] },
  restart: { short: {}, long: ['json'], values: [] },
  stop: { short: {}, long: ['json'], values: [] },
  start: { short: {}, long: ['json'], values: [] },
};

interface ComposeArgs {
  verb: Verb;
  files: string[];
  project: string | undefined;
  profiles: string[];
  /** The verb's flags by long name (true, or the value of a value flag). */
  options: Record<string, string | true>;
}

const GLOBALS = ['file', 'project-name', 'profile', 'help'];

/** A word that names a compose file rather than a flag or a service: `-f FILE` after `logs`. */
const isFileWord = (word: string | undefined) => word !== undefined && !word.startsWith('-') && (/\.ya?ml$/i.test(word) || existsSync(word));

/**
 * docker compose's short flags mean different things per verb (`logs -f` follows, `-f FILE` names
 * a file; `logs -t` shows timestamps, `down -t N` is a timeout). Before the shared parser reads the
 * words against the one flag table, the short flags after the verb become their long names.
 */
export function rewriteComposeArgs(words: string[]): string[] {
  const verbAt = words.findIndex((word, i) => (VERBS as readonly string[]).includes(word) && !['-f', '-p', '--file', '--project-name', '--profile'].includes(words[i - 1] ?? ''));
  if (verbAt === -1) return words;
  const spec = VERB_FLAGS[words[verbAt] as Verb];
  const out = words.slice(0, verbAt + 1);
  for (let i = verbAt + 1; i < words.length; i++) {
    const word = words[i];
    if (word === '--') {
      out.push(...words.slice(i));
      break;
    }
    const short = /^-([a-zA-Z]+)$/.exec(word);
    if (!short || ((word === '-f' || word === '-p') && (word === '-p' || !spec.short.f || isFileWord(words[i + 1])))) {
      out.push(word);
      continue;
    }
    const letters = short[1].split('');
    if (letters.some((letter) => !spec.short[letter])) {
      out.push(word);
      continue;
    }
    for (const letter of letters) out.push(`--${spec.short[letter]}`);
  }
  return out;
}

/** The verb, files, project, profiles and the verb's own flags; a flag the verb does not take is a usage error. */
export function parseComposeArgs({ args, flags, io }: Pick<CliContext, 'args' | 'flags' | 'io'>): ComposeArgs {
  const [verb, ...rest] = args;
  if (!verb || !(VERBS as readonly string[]).includes(verb)) throw new CliError(`Name what to do: ${USAGE}.`, 2);
  if (rest.length > 0) throw new CliError(`Unexpected "${rest[0]}": ${USAGE}.`, 2);
  const spec = VERB_FLAGS[verb as Verb];
  const options: Record<string, string | true> = {};
  for (const [name, value] of Object.entries(flags)) {
    if (GLOBALS.includes(name)) continue;
    if (!spec.long.includes(name)) throw new CliError(`compose ${verb} does not take --${name}: its flags are ${describeFlags(verb as Verb)}.`, 2);
    options[name] = value === true ? true : String(value);
  }
  const profiles = flagList(flags.profile).flatMap((p) => p.split(',')).map((p) => p.trim()).filter(Boolean);
  const cwd = io.env.PWD && existsSync(io.env.PWD) ? io.env.PWD : process.cwd();
  const project = typeof flags['project-name'] === 'string' ? flags['project-name'] : undefined;
  return { verb: verb as Verb, files: flagList(flags.file).map((f) => resolve(cwd, f)), project, profiles, options };
}

function describeFlags(verb: Verb): string {
  const spec = VERB_FLAGS[verb];
  const shortOf = Object.fromEntries(Object.entries(spec.short).map(([letter, long]) => [long, letter]));
  return spec.long.map((long) => (shortOf[long] ? `-${shortOf[long]}/--${long}` : `--${long}`)).join(', ');
}

function secondsOption(options: ComposeArgs['options'], name: string): number | undefined {
  const value = options[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !/^\d+$/.test(value)) throw new CliError(`--${name} takes whole seconds, got ${JSON.stringify(value)}.`, 2);
  return Number(value);
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

const sub = (name: Verb, summary: string, extra = ''): Subcommand => ({
  name,
  usage: `benchtop compose [-f FILE]... [-p NAME] ${name}${extra}`,
  summary,
  flags: ['file', 'project-name', 'profile', ...VERB_FLAGS[name].long],
});

const compose: Command = {
  name: 'compose',
  group: 'Stacks',
  usage: USAGE,
  summary: 'Compose stacks through the Engine API: up, down, ps, logs, config…',
  description:
    "No docker compose needed, and docker compose's flags work (electron/cli/README.md has the table). Without -f: COMPOSE_FILE, else compose.yaml / docker-compose.yml here or in a parent folder. A bad file fails with file:line:column: what to change (exit 2); Ctrl-C cancels (exit 130). Per verb, -t is --timeout (down) or --timestamps (logs), and -f after logs is --follow unless a compose file follows it.",
  rewriteArgs: rewriteComposeArgs,
  flags: [
    { name: 'file', short: 'f', value: 'FILE', repeatable: true, description: 'A compose file; later files override earlier ones.', default: 'COMPOSE_FILE, else compose.yaml here or above', complete: 'file' },
    { name: 'project-name', short: 'p', value: 'NAME', description: 'The project name.', default: "the file's top-level name, else its folder", complete: 'stack' },
    { name: 'profile', value: 'P[,Q]', repeatable: true, description: 'Enable services of these profiles.' },
    { name: 'detach', short: 'd', description: 'up: return once the containers run (what Benchtop always does).' },
    { name: 'build', description: 'up: build images before starting.' },
    { name: 'force-recreate', description: 'up: recreate containers even when their configuration is unchanged.' },
    { name: 'no-deps', description: 'up: accepted (up takes no service names, so there are no dependencies to skip).' },
    { name: 'remove-orphans', description: "up, down: remove containers of services the file no longer has (down always does)." },
    { name: 'wait', description: 'up: accepted (up already waits for depends_on conditions).' },
    { name: 'volumes', short: 'v', description: 'down: also remove the named volumes.' },
    { name: 'timeout', value: 'SECONDS', description: 'down: seconds to wait for a container to stop before killing it (-t after down).', default: '10' },
    { name: 'all', short: 'a', description: 'ps: stopped containers too.' },
    { name: 'quiet', short: 'q', description: 'ps: only ids; config, pull, build: print nothing but errors.' },
    { name: 'format', value: 'FORMAT', description: 'ps, config: table or json.', default: 'table', complete: ['table', 'json'] },
    { name: 'follow', description: 'logs: keep printing until Ctrl-C (-f after logs).' },
    { name: 'timestamps', description: 'logs: prefix each line with its time (-t after logs).' },
    { name: 'tail', value: 'N', description: 'logs: the last N lines of each container.', default: 'all' },
    { name: 'no-color', description: 'logs: no colour in the prefixes.' },
    { name: 'services', description: 'config: print the service names only.' },
    { name: 'json', description: 'Print JSON.' },
  ],
  subcommands: [
    sub('up', 'Create and start the stack, waiting for depends_on conditions', ' [-d] [--build] [--force-recreate] [--remove-orphans]'),
    sub('down', 'Remove what carries the project label', ' [-v] [-t SECONDS] [--remove-orphans]'),
    { ...sub('ps', "Every compose project's containers (any tool's), or one project", ' [-a] [-q] [--format json]'), json: 'An array of projects: project, configFiles, workingDir, state (running, partial, exited, created), services, containers (id, name, service, number, state, status, health, image, ports). See electron/cli/README.md.' },
    sub('logs', "The services' logs merged, prefixed by container", ' [-f] [-t] [--tail N] [--no-color]'),
    { ...sub('config', 'Print the loaded model (YAML, or JSON)', ' [--services] [-q] [--format json]'), json: 'The model: name, workingDir, configFiles, services (by key), disabledServices, networks, volumes, warnings; see shared/domain/compose-model.ts.' },
    sub('pull', "Pull the services' images", ' [-q]'),
    sub('build', "Build the services' images", ' [-q]'),
    sub('restart', "Restart the project's containers"),
    sub('stop', "Stop the project's containers"),
    sub('start', "Start the project's stopped containers"),
  ],
  examples: [
    { command: 'benchtop compose -f compose.yaml -f gpu.yaml up -d', description: 'Start the stack with an override file.' },
    { command: 'benchtop compose -p lab logs -f --tail 50', description: 'Follow the project "lab".' },
    { command: 'benchtop compose down -v', description: 'Remove the stack here, named volumes too.' },
  ],
  json: 'ps and config print JSON with --json or --format json; see their help (benchtop help compose ps).',
  async run(ctx) {
    const { flags, io, signal } = ctx;
    const parsed = parseComposeArgs(ctx);
    const { options } = parsed;
    const json = flags.json === true || options.format === 'json';
    const core = await ctx.core();
    const source = () => ({ files: requireFiles(parsed, io.env), projectName: parsed.project, profiles: parsed.profiles });
    switch (parsed.verb) {
      case 'config': {
        // Reading degrades: with several files, one that cannot be read or parsed is left out and named (warnings, exit 0).
        const project = await call(core, 'compose.config', { ...source(), partial: true });
        if (options.services) io.stdout.write(Object.keys(project.services).join('\n') + '\n');
        else if (!options.quiet) io.stdout.write(json ? JSON.stringify(project, null, 2) + '\n' : stringify(project));
        printWarnings(io, project.warnings);
        return 0;
      }
      case 'up':
        // Benchtop's up always returns once the containers run and their depends_on conditions hold (-d, --wait).
        if (options.build) await stream(core, 'compose.build', source(), signal, () => undefined);
        await stream(core, 'compose.up', { ...source(), forceRecreate: options['force-recreate'] === true, removeOrphans: options['remove-orphans'] === true }, signal, progressWriter(io));
        return 0;
      case 'down': {
        const project = await projectName(core, parsed, io.env);
        // down removes every container of the project, orphans included (--remove-orphans).
        await stream(core, 'compose.down', { project, volumes: options.volumes === true, timeout: secondsOption(options, 'timeout') }, signal, progressWriter(io));
        return 0;
      }
      case 'pull':
      case 'build':
        await stream(core, parsed.verb === 'pull' ? 'compose.pull' : 'compose.build', source(), signal, (value) => {
          if (!options.quiet) io.stdout.write(`${JSON.stringify(value)}\n`);
        });
        return 0;
      case 'restart':
      case 'stop':
      case 'start': {
        const project = await projectName(core, parsed, io.env);
        const acted = await call(core, `compose.${parsed.verb}`, { project });
        io.stdout.write(json ? `${JSON.stringify(acted)}\n` : `${project}: ${parsed.verb === 'stop' ? 'stopped' : parsed.verb === 'start' ? 'started' : 'restarted'} ${acted.containers} container(s)\n`);
        return 0;
      }
      case 'ps': {
        // The project named by the files: reading degrades as config does (a broken file of several is left out, with a warning).
        const warnings: string[] = [];
        let wanted = parsed.project ?? null;
        if (wanted === null && parsed.files.length > 0) {
          const project = await call(core, 'compose.config', { files: requireFiles(parsed, io.env), profiles: parsed.profiles, partial: true });
          warnings.push(...project.warnings.filter((w) => w.startsWith('compose file ')));
          wanted = project.name;
        }
        printWarnings(io, warnings);
        const all = (await call(core, 'compose.stacks', {})).filter((s) => wanted === null || s.project === wanted);
        // As docker compose ps: running containers unless -a/--all.
        const stacks = options.all ? all : all.map((s) => ({ ...s, containers: s.containers.filter((c) => c.state === 'running') })).filter((s) => s.containers.length > 0);
        if (options.quiet) io.stdout.write(stacks.flatMap((s) => s.containers.map((c) => `${c.id}\n`)).join(''));
        // --json stays docker compose's array of projects (its --format json); the warnings go to stderr only.
        else if (json) io.stdout.write(JSON.stringify(stacks, null, 2) + '\n');
        else io.stdout.write(formatTable(['PROJECT', 'SERVICE', 'NAME', 'STATE', 'HEALTH', 'PORTS'], stackRows(stacks)));
        return 0;
      }
      case 'logs': {
        const project = await projectName(core, parsed, io.env);
        const stack = (await call(core, 'compose.stacks', {})).find((s) => s.project === project);
        if (!stack) throw new CliError(`No containers belong to the compose project "${project}": check the name with benchtop compose ps.`);
        const width = Math.max(...stack.containers.map((c) => c.name.length));
        const tail = typeof options.tail === 'string' && options.tail !== 'all' ? Number(options.tail) : 'all';
        if (tail !== 'all' && !Number.isInteger(tail)) throw new CliError(`--tail takes a whole number, got ${JSON.stringify(options.tail)}.`, 2);
        await Promise.all(
          stack.containers.map((c) =>
            stream(core, 'containers.logs', { id: c.id, tail, follow: options.follow === true, timestamps: options.timestamps === true }, signal, (batch) => {
              const prefix = `${c.name.padEnd(width)} | `;
              let out = '';
              for (const line of (batch as LogBatch).lines) out += prefix + (options.timestamps === true && line.ts ? `${line.ts} ` : '') + line.text + '\n';
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
