import type { PipelineSpec } from '../../../shared/pipeline/schema.ts';
import { durationMs } from '../../../shared/pipeline/units.ts';
import type { ExportNotes } from './export-notes.ts';

export interface GithubExportOptions {
  /** The pipeline file's path relative to the repository root, with "/" separators. */
  pipelinePath: string;
}

/** Where `benchtop run` keeps runs on the runner (BENCHTOP_HOME), uploaded when the job ends. */
const HOME = '${{ github.workspace }}/.benchtop';

/**
 * Pipeline → a GitHub Actions workflow that runs it with the Benchtop CLI of the repository it
 * lives in (Benchtop is not published to a registry: `npm ci` installs it, `node bin/benchtop.mjs`
 * is its `bin`). Params become typed workflow_dispatch inputs; the schedule becomes `schedule:`
 * in UTC.
 */
export function exportToGithubActions(spec: PipelineSpec, options: GithubExportOptions, notes: ExportNotes): Record<string, unknown> {
  const name = spec.metadata.name;
  const params = spec.params ?? {};
  const inputs: Record<string, Record<string, unknown>> = {};
  for (const [param, declared] of Object.entries(params)) {
    const input: Record<string, unknown> = { description: declared.description ?? `Pipeline param ${param} (${declared.type})`, required: declared.default === undefined };
    if (declared.enum) {
      input.type = 'choice';
      input.options = declared.enum.map(String);
      if (declared.default !== undefined) input.default = String(declared.default);
    } else if (declared.type === 'bool') {
      input.type = 'boolean';
      if (declared.default !== undefined) input.default = declared.default === true || declared.default === 'true';
    } else if (declared.type === 'int' || declared.type === 'float') {
      input.type = 'number';
      if (declared.default !== undefined) input.default = Number(declared.default);
    } else {
      input.type = 'string';
      if (declared.default !== undefined) input.default = String(declared.default);
    }
    inputs[param] = input;
  }
  if (Object.keys(inputs).length > 10) {
    notes.error(null, 'params', `GitHub allows at most 10 workflow_dispatch inputs; this pipeline has ${Object.keys(inputs).length} params.`);
  }

  const on: Record<string, unknown> = { workflow_dispatch: Object.keys(inputs).length > 0 ? { inputs } : null };
  if (spec.schedule) {
    on.schedule = spec.schedule.cron.map((cron, index) => ({ cron: utcCron(cron, spec.schedule?.timezone, index, notes) }));
    if (spec.schedule.suspend) notes.warn(null, 'schedule.suspend', 'GitHub has no suspended schedule: the schedule is exported and runs; disable the workflow in GitHub to pause it.');
    if (spec.schedule.startingDeadline) notes.warn(null, 'schedule.startingDeadline', 'GitHub Actions has no starting deadline: a late tick runs whenever GitHub starts it, a missed one never.');
    for (const [param, declared] of Object.entries(params)) {
      if (declared.default === undefined) notes.warn(null, `params.${param}.default`, `A scheduled run has no inputs: "${param}" has no default, so every scheduled run fails; give it a default.`);
    }
    if (spec.schedule.concurrency === 'Forbid') notes.warn(null, 'schedule.concurrency', 'GitHub cannot skip a tick while a run is going: with concurrency Forbid the next run waits (one at most, a newer one replaces it) instead of being skipped.');
    if (spec.schedule.keep) notes.warn(null, 'schedule.keep', 'GitHub keeps run history by its own retention settings; keep is not exported.');
  }

  for (const [step, source] of Object.entries(spec.steps)) {
    const gpu = source.resources?.gpu ?? spec.defaults?.resources?.gpu ?? 0;
    if (source.when && /(^|[^\w.])monitors\.[a-z0-9][a-z0-9_-]*\.\w+/.test(source.when)) {
      notes.warn(step, 'when', 'reads a monitor\'s latest result (monitors.NAME.FIELD): the runner has its own empty Benchtop data folder, so add a `benchtop monitor add` + `benchtop monitor run` step before `benchtop run`, or this step errors with "no result yet".');
    }
    if (gpu > 0) notes.warn(step, 'resources.gpu', `GitHub-hosted runners have no GPU: run this workflow on a self-hosted runner with ${gpu} GPU(s) and Docker's NVIDIA runtime (change runs-on).`);
  }
  const withDefaults = (text: string) => text.replace(/\$\{\s*params\.([-A-Za-z0-9_]+)\s*\}/g, (whole, param: string) => (params[param]?.default === undefined ? whole : String(params[param].default)));
  const images = [...new Set(Object.values(spec.steps).map((s) => withDefaults(s.image)))];
  notes.warn(null, 'steps.*.image', `The runner pulls ${images.join(', ')} from its registry: images that exist only on your machine must be pushed first (or built in an earlier step).`);

  const concurrency = spec.schedule?.concurrency ?? 'Forbid';
  // Inputs arrive through env (never spliced into the script); a scheduled run has none and uses the defaults.
  const paramArgs = Object.keys(params).map((param) => `if [ -n "$${envName(param)}" ]; then args+=(--param "${param}=$${envName(param)}"); fi`);
  const runScript = [
    'args=()',
    ...paramArgs,
    `node bin/benchtop.mjs run ${shellQuote(options.pipelinePath)} "\${args[@]}"`,
  ].join('\n');

  const job: Record<string, unknown> = {
    'runs-on': 'ubuntu-latest',
    ...(spec.timeout ? { 'timeout-minutes': Math.ceil(durationMs(spec.timeout) / 60_000) + 10 } : {}),
    env: { BENCHTOP_HOME: HOME, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' },
    steps: [
      { name: 'Check out', uses: 'actions/checkout@v4' },
      { name: 'Set up Node 24', uses: 'actions/setup-node@v4', with: { 'node-version': 24, cache: 'npm' } },
      { name: 'Install the Benchtop CLI', run: 'npm ci' },
      { name: 'Check the Docker engine', run: 'docker version' },
      {
        name: `Run ${name}`,
        ...(Object.keys(params).length > 0 ? { env: Object.fromEntries(Object.keys(params).map((param) => [envName(param), `\${{ ${dispatchExpression(param)} }}`])) } : {}),
        run: runScript,
      },
      {
        name: 'Upload run logs and artifacts',
        if: 'always()',
        uses: 'actions/upload-artifact@v4',
        with: { name: `${name}-run-\${{ github.run_id }}`, path: `${HOME}/runs`, 'if-no-files-found': 'warn' },
      },
    ],
  };
  if (spec.timeout) notes.warn(null, 'timeout', `The job's timeout-minutes is the pipeline timeout plus 10 minutes for checkout and npm ci; benchtop run enforces the pipeline timeout itself.`);

  return {
    name: `Pipeline ${name}`,
    on,
    permissions: { contents: 'read' },
    ...(concurrency === 'Allow' ? {} : { concurrency: { group: `benchtop-${name}`, 'cancel-in-progress': concurrency === 'Replace' } }),
    jobs: { run: job },
  };
}

/** PARAM_TEST_SIZE for test-size. */
export function envName(param: string): string {
  return `PARAM_${param.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;
}

/** `inputs.NAME` (a name may hold "-" and "_" but not start with a digit), else `inputs['NAME']`. */
function dispatchExpression(param: string): string {
  return /^[A-Za-z_][-A-Za-z0-9_]*$/.test(param) ? `inputs.${param}` : `inputs['${param}']`;
}

function shellQuote(text: string): string {
  return /^[A-Za-z0-9_./-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

/**
 * GitHub runs schedules in UTC. A zone with a fixed offset (UTC itself, or no DST) converts
 * exactly when minute and hour are plain numbers and the day fields are "*"; a zone with DST
 * converts by its standard (January) offset and says so; anything else stays as written, with a warning.
 */
export function utcCron(cron: string, timezone: string | undefined, index: number, notes: ExportNotes): string {
  if (!timezone) {
    notes.warn(null, `schedule.cron[${index}]`, `No timezone: GitHub runs "${cron}" in UTC, Benchtop in this machine's time zone; set schedule.timezone to have it converted.`);
    return cron;
  }
  if (timezone === 'UTC' || timezone === 'Etc/UTC') return cron;
  const field = `schedule.cron[${index}]`;
  const year = new Date().getUTCFullYear();
  const winter = offsetMinutes(timezone, new Date(Date.UTC(year, 0, 1)));
  const summer = offsetMinutes(timezone, new Date(Date.UTC(year, 6, 1)));
  const parts = cron.trim().split(/\s+/);
  const convertible = parts.length === 5 && /^\d+(,\d+)*$/.test(parts[0]) && /^\d+(,\d+)*$/.test(parts[1]) && parts[2] === '*' && parts[3] === '*' && parts[4] === '*';
  if (!convertible) {
    notes.warn(null, field, `GitHub runs schedules in UTC and "${cron}" cannot be shifted from ${timezone} field by field: it is exported unchanged and runs at those times in UTC.`);
    return cron;
  }
  const minutes = parts[0].split(',').map(Number);
  const hours = parts[1].split(',').map(Number);
  const ticks = hours.flatMap((h) => minutes.map((m) => (((h * 60 + m - winter) % 1440) + 1440) % 1440));
  const newMinutes = [...new Set(ticks.map((t) => t % 60))].sort((a, b) => a - b);
  const newHours = [...new Set(ticks.map((t) => Math.floor(t / 60)))].sort((a, b) => a - b);
  if (newMinutes.length * newHours.length !== new Set(ticks).size) {
    notes.warn(null, field, `GitHub runs schedules in UTC and "${cron}" in ${timezone} has no exact UTC form: it is exported unchanged and runs at those times in UTC.`);
    return cron;
  }
  const converted = `${newMinutes.join(',')} ${newHours.join(',')} * * *`;
  notes.warn(
    null,
    field,
    winter === summer
      ? `GitHub runs schedules in UTC: "${cron}" in ${timezone} is exported as "${converted}".`
      : `GitHub runs schedules in UTC: "${cron}" in ${timezone} is exported as "${converted}" (its winter offset); during daylight saving time it runs an hour later in ${timezone}.`,
  );
  return converted;
}

function offsetMinutes(timeZone: string, at: Date): number {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric' }).formatToParts(at);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const local = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'));
  return Math.round((local - at.getTime()) / 60_000);
}
