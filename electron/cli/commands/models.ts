import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ModelVersion } from '../../../shared/catalog/model.ts';
import { formatBytes } from '../../../shared/domain/format-bytes.ts';
import { integerFlag } from '../args.ts';
import { call } from '../call.ts';
import { CliError, type CliContext, type Command } from '../command.ts';
import { formatAge, formatTable } from '../format.ts';

/** `--metric a=1,b=2` (comma-separated; the flag may appear once). */
export function pairsFlag(flags: CliContext['flags'], name: string): Record<string, string> {
  const value = flags[name];
  if (value === undefined) return {};
  if (typeof value !== 'string') throw new CliError(`--${name} takes KEY=VALUE[,KEY=VALUE…].`, 2);
  const pairs: Record<string, string> = {};
  for (const pair of value.split(',')) {
    const eq = pair.indexOf('=');
    if (eq < 1) throw new CliError(`--${name} takes KEY=VALUE[,KEY=VALUE…], got ${JSON.stringify(pair)}.`, 2);
    pairs[pair.slice(0, eq).trim()] = pair.slice(eq + 1).trim();
  }
  return pairs;
}

export function metricsFlag(flags: CliContext['flags']): Record<string, number> {
  return Object.fromEntries(
    Object.entries(pairsFlag(flags, 'metric')).map(([key, text]) => {
      const value = Number(text);
      if (text === '' || Number.isNaN(value)) throw new CliError(`--metric ${key}=${text}: a metric is a number.`, 2);
      return [key, value];
    }),
  );
}

const metricText = (metrics: Record<string, number | null>) =>
  Object.entries(metrics)
    .map(([k, v]) => `${k}=${v === null ? 'NaN' : Number(v.toPrecision(6))}`)
    .join(' ');
const age = (ms: number) => formatAge(ms / 1000);

function needName(args: string[], usage: string): string {
  if (!args[0]) throw new CliError(`Name a model: ${usage}.`, 2);
  return args[0];
}

function versionRef(text: string | undefined): number | string | undefined {
  if (text === undefined) return undefined;
  return /^\d+$/.test(text) ? Number(text) : text;
}

function printVersion(version: ModelVersion & { files?: { path: string; size: number; digest: string }[] }, io: CliContext['io']): void {
  const s = version.source;
  io.stdout.write(`${version.name} v${version.version}${version.aliases.length ? `  (${version.aliases.join(', ')})` : ''}  ${formatBytes(version.sizeBytes)} in ${version.fileCount} files\n`);
  io.stdout.write(`source   ${s.type}${s.runId ? ` run ${s.runId}` : ''}${s.step ? ` step ${s.step}` : ''}${s.attempt ? ` attempt ${s.attempt}` : ''}${s.uri && !s.runId ? ` ${s.uri}` : ''}\n`);
  if (s.imageDigest) io.stdout.write(`image    ${s.imageDigest}\n`);
  if (version.treeDigest) io.stdout.write(`files    ${version.treeDigest}\n`);
  for (const input of version.inputs) io.stdout.write(`input    ${input.name} ${input.digest}${input.step ? ` (from ${input.step}.${input.artifact})` : ''}\n`);
  if (Object.keys(version.metrics).length) io.stdout.write(`metrics  ${metricText(version.metrics)}\n`);
  if (Object.keys(version.params).length) io.stdout.write(`params   ${Object.entries(version.params).map(([k, v]) => `${k}=${v}`).join(' ')}\n`);
  if (Object.keys(version.tags).length) io.stdout.write(`tags     ${Object.entries(version.tags).map(([k, v]) => `${k}=${v}`).join(' ')}\n`);
  if (version.features.length) io.stdout.write(`features ${version.features.map((f) => `${f.name} v${f.version}`).join(', ')}\n`);
  if (version.signature) io.stdout.write(`signature ${JSON.stringify(version.signature)}\n`);
  for (const file of version.files ?? []) io.stdout.write(`  ${file.path}  ${formatBytes(file.size)}  ${file.digest.slice(0, 19)}\n`);
  if (version.description) io.stdout.write(`\n${version.description}\n`);
}

const models: Command = {
  name: 'models',
  group: 'Models',
  usage: 'benchtop models [ls|show|alias|register|delete] [ARGS] [FLAGS]',
  summary: 'The model catalog: versions, lineage, aliases, filters',
  flags: [
    { name: 'filter', value: 'EXPR', description: "ls: versions matching, e.g. \"accuracy > 0.9 AND tags.team = 'vision'\"." },
    { name: 'limit', value: 'N', description: 'ls: at most N.', default: '100 versions, 500 models' },
    { name: 'delete', description: 'alias: remove the alias.' },
    { name: 'alias', value: 'A[,B]', description: 'register: point these aliases at the new version.' },
    { name: 'metric', value: 'K=V[,…]', description: 'register: metrics (numbers).' },
    { name: 'param', value: 'K=V[,…]', description: 'register: params.' },
    { name: 'tag', value: 'K=V[,…]', description: 'register: tags.' },
    { name: 'description', value: 'FILE', description: 'register: the model card (Markdown).', complete: 'file' },
    { name: 'json', description: 'Print JSON.' },
  ],
  subcommands: [
    { name: 'ls', aliases: ['list'], usage: 'benchtop models ls [NAME] [--filter EXPR] [--limit N] [--json]', summary: 'Models, or the versions matching a filter', flags: ['filter', 'limit', 'json'], args: ['model'] },
    { name: 'show', usage: 'benchtop models show NAME [VERSION|vN|ALIAS|latest] [--json]', summary: 'A model and its versions, or one version', flags: ['json'], args: ['model', 'alias'] },
    { name: 'alias', usage: 'benchtop models alias NAME ALIAS [VERSION] [--delete]', summary: 'Point an alias at a version, or remove it', flags: ['delete', 'json'], args: ['model', 'alias'] },
    { name: 'register', usage: 'benchtop models register NAME PATH [--alias A,B] [--metric k=v,…] [--param k=v,…] [--tag k=v,…] [--description FILE]', summary: 'A file or folder as a new version', flags: ['alias', 'metric', 'param', 'tag', 'description', 'json'], args: ['model', 'file'] },
    { name: 'delete', aliases: ['rm'], usage: 'benchtop models delete NAME [VERSION]', summary: 'Soft delete (benchtop gc frees the files)', flags: ['json'], args: ['model'] },
  ],
  examples: [
    { command: 'benchtop models ls --filter "accuracy > 0.9 AND alias = champion"', description: 'Versions by metric and alias.' },
    { command: 'benchtop models register churn ./model --alias candidate --metric auc=0.91', description: 'Register a folder as a new version.' },
    { command: 'benchtop models alias churn champion 3', description: 'Point champion at v3.' },
  ],
  json: 'ls: ModelSummary objects (name, aliases, latestVersion, versionCount, headline…); ls --filter, show NAME VERSION, register: ModelVersion objects. See electron/cli/README.md.',
  async run(ctx) {
    const { args, flags, io } = ctx;
    const [sub, ...rest] = args;
    const core = await ctx.core();
    const json = (value: unknown) => io.stdout.write(JSON.stringify(value, null, 2) + '\n');
    switch (sub ?? 'ls') {
      case 'ls':
      case 'list': {
        if (typeof flags.filter === 'string' || rest[0]) {
          const versions = await call(core, 'models.search', { filter: typeof flags.filter === 'string' ? flags.filter : '', name: rest[0], limit: integerFlag(flags, 'limit') ?? 100 });
          if (flags.json) return json(versions), 0;
          io.stdout.write(formatTable(['MODEL', 'VERSION', 'ALIASES', 'RUN', 'STEP', 'CREATED', 'METRICS'], versions.map((v) => [v.name, String(v.version), v.aliases.join(','), v.source.runId ?? '', v.source.step ?? '', age(v.createdAt), metricText(v.metrics)])));
          return 0;
        }
        const list = await call(core, 'models.list', { limit: integerFlag(flags, 'limit') ?? 500 });
        if (flags.json) return json(list), 0;
        io.stdout.write(
          formatTable(
            ['MODEL', 'VERSIONS', 'LATEST', 'ALIASES', 'UPDATED', 'HEADLINE METRICS'],
            list.map((m) => [m.name, String(m.versionCount), m.latestVersion === null ? '' : `v${m.latestVersion}`, Object.entries(m.aliases).map(([a, v]) => `${a}→v${v}`).join(' '), age(m.updatedAt), m.headline ? metricText(m.headline.metrics) : '']),
          ),
        );
        return 0;
      }
      case 'show': {
        const name = needName(rest, 'benchtop models show NAME [VERSION|ALIAS]');
        const ref = versionRef(rest[1]);
        if (ref !== undefined) {
          const version = await call(core, 'models.version', { name, version: ref });
          if (flags.json) return json(version), 0;
          printVersion(version, io);
          return 0;
        }
        const model = await call(core, 'models.get', { name });
        if (flags.json) return json(model), 0;
        io.stdout.write(`${model.name}  ${model.versionCount} versions${Object.keys(model.aliases).length ? `  aliases ${Object.entries(model.aliases).map(([a, v]) => `${a}→v${v}`).join(' ')}` : ''}\n`);
        if (Object.keys(model.tags).length) io.stdout.write(`tags ${Object.entries(model.tags).map(([k, v]) => `${k}=${v}`).join(' ')}\n`);
        if (model.description) io.stdout.write(`${model.description}\n`);
        io.stdout.write(
          formatTable(
            ['VERSION', 'ALIASES', 'SOURCE', 'RUN', 'STEP', 'SIZE', 'CREATED', 'METRICS'],
            model.versions.map((v) => [`v${v.version}`, v.aliases.join(','), v.source.type, v.source.runId ?? '', v.source.step ?? '', formatBytes(v.sizeBytes), age(v.createdAt), metricText(v.metrics)]),
          ),
        );
        return 0;
      }
      case 'alias': {
        const name = needName(rest, 'benchtop models alias NAME ALIAS VERSION');
        const alias = rest[1];
        if (!alias) throw new CliError('Name the alias: benchtop models alias NAME ALIAS VERSION (or --delete).', 2);
        if (flags.delete) {
          const result = await call(core, 'models.deleteAlias', { name, alias });
          if (flags.json) return json(result), 0;
          io.stdout.write(`removed alias ${alias} of ${name}\n`);
          return 0;
        }
        if (!rest[2] || !/^\d+$/.test(rest[2])) throw new CliError('Give the version number: benchtop models alias NAME ALIAS VERSION.', 2);
        const version = await call(core, 'models.setAlias', { name, alias, version: Number(rest[2]) });
        if (flags.json) return json(version), 0;
        io.stdout.write(`${name}@${alias} → v${version.version}\n`);
        return 0;
      }
      case 'register': {
        const name = needName(rest, 'benchtop models register NAME PATH');
        if (!rest[1]) throw new CliError('Give the model file or folder: benchtop models register NAME PATH.', 2);
        let description = '';
        if (typeof flags.description === 'string') {
          try {
            description = readFileSync(flags.description, 'utf8');
          } catch (error) {
            throw new CliError(`Cannot read --description ${flags.description}: ${(error as Error).message}`, 2);
          }
        }
        const aliases = typeof flags.alias === 'string' ? flags.alias.split(',').map((a) => a.trim()).filter(Boolean) : [];
        const version = await call(core, 'models.register', { name, path: resolve(rest[1]), aliases, metrics: metricsFlag(flags), params: pairsFlag(flags, 'param'), tags: pairsFlag(flags, 'tag'), description });
        if (flags.json) return json(version), 0;
        io.stdout.write(`registered ${name} v${version.version} (${version.fileCount} files, ${formatBytes(version.sizeBytes)})${aliases.length ? ` as ${aliases.join(', ')}` : ''}\n`);
        return 0;
      }
      case 'delete':
      case 'rm': {
        const name = needName(rest, 'benchtop models delete NAME [VERSION]');
        const result = await call(core, 'models.delete', { name, ...(rest[1] ? { version: versionRef(rest[1]) } : {}) });
        if (flags.json) return json(result), 0;
        io.stdout.write(`deleted ${name}${result.version === null ? ' (every version)' : ` v${result.version}`}; run benchtop gc to free its files\n`);
        return 0;
      }
      default:
        throw new CliError(`Unknown "models ${sub}": use models ls|show|alias|register|delete.`, 2);
    }
  },
};

export default models;
