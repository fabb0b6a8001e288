import { ENGINE_RERUNS_SETTING, ENGINE_WAIT_SETTING, outageDuration, outagePolicy } from '../../core/pipelines/engine-outage.ts';
import { ENVIRONMENT_TRACKING_SETTING } from '../../core/run-tracking/environment-tracking.ts';
import { call } from '../call.ts';
import { CliError, type Command } from '../command.ts';
import { formatTable } from '../format.ts';

interface KnownSetting {
  key: string;
  /** The environment variable that overrides it (CI), if any. */
  env?: string;
  description: string;
  /** The value in force: the stored one, the environment's, or the default, in words. */
  effective(stored: unknown, env: NodeJS.ProcessEnv): string;
}

const KNOWN: KnownSetting[] = [
  {
    key: ENGINE_WAIT_SETTING,
    env: 'BENCHTOP_ENGINE_WAIT',
    description: 'How long a run (and a followed log) waits for an engine that went away: seconds, or 90s / 10m / 1h. Default 10m.',
    effective: (stored, env) => outageDuration(outagePolicy(env, { getSetting: () => stored }).waitMs),
  },
  {
    key: ENGINE_RERUNS_SETTING,
    env: 'BENCHTOP_ENGINE_RERUNS',
    description: "How many times one step may run again because of engine outages (apart from its retry). Default 3.",
    effective: (stored, env) => String(outagePolicy(env, { getSetting: () => stored }).reruns),
  },
  {
    key: ENVIRONMENT_TRACKING_SETTING,
    description: 'Environments get MLFLOW_TRACKING_URI/TOKEN/EXPERIMENT_NAME (true or false). Default true.',
    effective: (stored) => String(stored !== false),
  },
];

/** A value as typed: JSON when it parses (numbers, true/false), else the text itself. */
function parseValue(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

const settings: Command = {
  name: 'settings',
  group: 'CLI',
  usage: 'benchtop settings [ls | get KEY | set KEY VALUE] [--json]',
  summary: "The app's settings (the desktop app, benchtop web and the CLI share them)",
  description: 'Settings live in the data folder (BENCHTOP_HOME). An environment variable named beside a setting overrides it (for CI).',
  flags: [{ name: 'json', description: 'Print JSON.' }],
  subcommands: [
    { name: 'ls', usage: 'benchtop settings [ls] [--json]', summary: 'The known settings: stored value, value in force, overriding variable', flags: ['json'], json: 'Per setting: key, stored (null when unset), effective, env (the overriding variable, or null), overridden, description.' },
    { name: 'get', usage: 'benchtop settings get KEY [--json]', summary: 'One stored setting', flags: ['json'], json: '{ key, value }' },
    { name: 'set', usage: 'benchtop settings set KEY VALUE', summary: 'Store a setting (JSON values: 30, true; else text); a bad value is refused', flags: [] },
  ],
  examples: [
    { command: 'benchtop settings', description: 'What is set, and what is in force.' },
    { command: 'benchtop settings set engine.waitLimit 30m', description: 'Runs wait up to 30 minutes for the engine.' },
    { command: 'benchtop settings set engine.reruns 5', description: 'Up to 5 outage re-runs per step.' },
  ],
  json: 'ls: per setting key, stored, effective, env, overridden, description; get: { key, value }.',
  async run({ args, flags, io, core }) {
    const [sub = 'ls', ...rest] = args;
    const app = await core();
    if (sub === 'ls') {
      const rows = [];
      for (const known of KNOWN) {
        const stored = (await call(app, 'settings.get', { key: known.key })).value;
        const overridden = known.env !== undefined && Boolean(process.env[known.env]?.trim());
        rows.push({ key: known.key, stored: stored ?? null, effective: known.effective(stored, process.env), env: known.env ?? null, overridden, description: known.description });
      }
      if (flags.json) io.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
      else {
        const table = rows.map((row) => [row.key, row.stored === null ? '-' : JSON.stringify(row.stored), row.overridden ? `${row.effective} (from ${row.env})` : row.effective, row.description]);
        io.stdout.write(`${formatTable(['KEY', 'STORED', 'IN FORCE', 'MEANING'], table)}\n`);
      }
      return 0;
    }
    if (sub === 'get') {
      if (rest.length !== 1) throw new CliError('Name one setting: benchtop settings get KEY.', 2);
      const result = await call(app, 'settings.get', { key: rest[0] });
      if (flags.json) io.stdout.write(`${JSON.stringify(result)}\n`);
      else io.stdout.write(`${result.value === null ? '' : typeof result.value === 'string' ? result.value : JSON.stringify(result.value)}\n`);
      return 0;
    }
    if (sub === 'set') {
      if (rest.length !== 2) throw new CliError('Name the setting and its value: benchtop settings set KEY VALUE.', 2);
      const value = parseValue(rest[1]);
      await call(app, 'settings.set', { key: rest[0], value });
      const known = KNOWN.find((k) => k.key === rest[0]);
      io.stdout.write(`${rest[0]} = ${JSON.stringify(value)}\n`);
      if (known?.env && process.env[known.env]?.trim()) io.stderr.write(`warning: ${known.env} is set in this shell and overrides ${rest[0]} here.\n`);
      return 0;
    }
    throw new CliError(`Unknown subcommand "${sub}": use ls, get or set (benchtop settings --help).`, 2);
  },
};

export default settings;
