import { call } from '../call.ts';
import { CliError, type Command } from '../command.ts';
import { formatAge, formatTable } from '../format.ts';

const features: Command = {
  name: 'features',
  group: 'Models',
  usage: 'benchtop features [ls|show NAME] [--json]',
  summary: 'The feature catalog: feature sets and the models using them',
  description: 'Feature sets registered by pipeline steps (outputs.features): entity, newest event time, rows, owner, features and dtypes, models trained on them.',
  flags: [{ name: 'json', description: 'Print JSON.' }],
  subcommands: [
    { name: 'ls', aliases: ['list'], usage: 'benchtop features [ls] [--json]', summary: 'Every feature set', flags: ['json'] },
    { name: 'show', usage: 'benchtop features show NAME [--json]', summary: 'One feature set', flags: ['json'] },
  ],
  examples: [
    { command: 'benchtop features', description: 'Every feature set.' },
    { command: 'benchtop features show customers --json', description: 'One, as JSON.' },
  ],
  json: 'name, description, owner, entity, eventTime, tags, features (name, dtype, description), latest, versionCount, models.',
  async run(ctx) {
    const { args, flags, io } = ctx;
    const [sub, name] = args;
    const core = await ctx.core();
    switch (sub ?? 'ls') {
      case 'ls':
      case 'list': {
        const sets = await call(core, 'features.list', {});
        if (flags.json) {
          io.stdout.write(JSON.stringify(sets, null, 2) + '\n');
          return 0;
        }
        io.stdout.write(
          formatTable(
            ['FEATURE SET', 'FEATURES', 'ENTITY', 'NEWEST EVENT', 'ROWS', 'OWNER', 'MODELS', 'UPDATED'],
            sets.map((s) => [s.name, String(s.features.length), s.entity ?? '', s.latest?.newestEventTime ?? '', s.latest?.rowCount === null || s.latest === null ? '' : String(s.latest.rowCount), s.owner ?? '', String(s.models.length), formatAge(s.updatedAt / 1000)]),
          ),
        );
        return 0;
      }
      case 'show': {
        if (!name) throw new CliError('Name a feature set: benchtop features show NAME.', 2);
        const set = await call(core, 'features.get', { name });
        if (flags.json) {
          io.stdout.write(JSON.stringify(set, null, 2) + '\n');
          return 0;
        }
        io.stdout.write(`${set.name}${set.entity ? `  entity ${set.entity}` : ''}${set.owner ? `  owner ${set.owner}` : ''}\n`);
        if (set.description) io.stdout.write(`${set.description}\n`);
        if (set.latest) {
          const l = set.latest;
          io.stdout.write(`latest v${l.version}${l.runId ? ` from run ${l.runId} step ${l.step}` : ''}${l.artifactPath ? ` (${l.artifactPath})` : ''}${l.rowCount !== null ? `, ${l.rowCount} rows` : ''}${l.newestEventTime ? `, newest event ${l.newestEventTime}` : ''}\n`);
        }
        if (Object.keys(set.tags).length) io.stdout.write(`tags ${Object.entries(set.tags).map(([k, v]) => `${k}=${v}`).join(' ')}\n`);
        io.stdout.write(formatTable(['FEATURE', 'DTYPE'], set.features.map((f) => [f.name, f.dtype])));
        if (set.models.length) io.stdout.write(`used by ${set.models.map((m) => `${m.name} v${m.version}`).join(', ')}\n`);
        return 0;
      }
      default:
        throw new CliError(`Unknown "features ${sub}": use features ls|show NAME.`, 2);
    }
  },
};

export default features;
