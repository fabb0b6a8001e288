import { readFile, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, resolve } from 'node:path';
import { parse } from 'yaml';
import type { MonitorResult } from '../../../shared/monitoring/monitor-model.ts';
import { formatNumber, reportHtml, TEST_LABELS } from '../../../shared/monitoring/report-html.ts';
import type { DriftReport } from '../../../shared/monitoring/report-model.ts';
import { call } from '../call.ts';
import { CliError, type CliIo, type Command } from '../command.ts';
import { formatAge, formatTable } from '../format.ts';
import { runStream } from '../open-stream.ts';

/** `monitor run` exits 1 on an alert, an error, or no verdict (too few rows): CI must not pass on what was not checked. */
export const EXIT_ALERT = 1;
export const EXIT_REFUSED = 1;

function printReport(io: CliIo, report: DriftReport): void {
  const verdict = report.datasetDrifted === null ? 'no verdict' : report.datasetDrifted ? 'DATASET DRIFT' : 'no dataset drift';
  io.stdout.write(`${verdict}: ${report.driftedColumns} of ${report.testedColumns} columns drifted${report.driftShare === null ? '' : ` (share ${formatNumber(report.driftShare)}, threshold ${report.driftShareThreshold})`}\n`);
  io.stdout.write(`reference ${report.reference.source} (${report.reference.rows} rows)  current ${report.current.source} (${report.current.rows} rows)${report.model ? `  model ${report.model}` : ''}\n`);
  for (const problem of report.problems) io.stdout.write(`! ${problem}\n`);
  io.stdout.write(
    formatTable(
      ['COLUMN', 'KIND', 'TEST', 'STATISTIC', 'P-VALUE', 'EFFECT', 'PSI', 'VERDICT'],
      report.columns.map((c) => [c.name, c.kind, c.test ? TEST_LABELS[c.test] : '', formatNumber(c.statistic), formatNumber(c.pValue), formatNumber(c.effectSize), formatNumber(c.psi), c.refusal ? `no verdict: ${c.refusal}` : c.drifted ? 'DRIFT' : 'ok']),
    ),
  );
  if (report.quality) {
    const q = report.quality;
    io.stdout.write(q.refusal ? `quality: ${q.refusal}\n` : `quality (${q.task}, ${q.rows} rows): ${Object.entries(q.metrics).map(([k, v]) => `${k} ${formatNumber(v)}${q.training[k] !== undefined ? ` (training ${formatNumber(q.training[k])})` : ''}`).join(', ')}\n`);
  }
}

function exitFor(result: MonitorResult): number {
  return result.status === 'ok' ? 0 : result.status === 'refused' ? EXIT_REFUSED : EXIT_ALERT;
}

const monitor: Command = {
  name: 'monitor',
  group: 'Monitoring',
  usage: 'benchtop monitor report|ls|add|run|show|rm|watch …',
  summary: 'Drift and model quality: one-off reports and scheduled monitors',
  description:
    'A one-off drift report of two CSV or Parquet files, or monitors kept in Benchtop that run on a cron schedule over their last window. `monitor run` exits 1 on an alert, an error or when too few rows give no verdict, so CI can gate on it.',
  flags: [
    { name: 'reference', value: 'FILE', description: 'The reference data (CSV or Parquet).', complete: 'file' },
    { name: 'current', value: 'FILE', description: 'The current data (CSV or Parquet).', complete: 'file' },
    { name: 'model', value: 'NAME@ALIAS', description: 'The model version whose signature names the columns and their types.', complete: 'model' },
    { name: 'html', value: 'FILE', description: 'Also write the report as one self-contained HTML file.', complete: 'file' },
    { name: 'min-rows', value: 'N', description: 'The fewest rows a window needs for a verdict.', default: '30' },
    { name: 'drift-share', value: 'X', description: 'The share of drifted columns that makes the dataset drifted.', default: '0.5' },
    { name: 'json', description: 'Print JSON.' },
  ],
  subcommands: [
    { name: 'report', usage: 'benchtop monitor report --reference R --current C [--model NAME@ALIAS] [--html FILE] [--json]', summary: 'Drift (and quality when labels exist) of current against reference', flags: ['reference', 'current', 'model', 'html', 'min-rows', 'drift-share', 'json'] },
    { name: 'ls', aliases: ['list'], usage: 'benchtop monitor ls [--json]', summary: 'Monitors with their schedule, state and latest drift share', flags: ['json'] },
    { name: 'add', usage: 'benchtop monitor add FILE [--json]', summary: 'Save a monitor from a YAML or JSON file', flags: ['json'], args: ['file'] },
    { name: 'run', usage: 'benchtop monitor run NAME [--json]', summary: 'Run a monitor now; exits 1 on an alert, an error or no verdict', flags: ['json'] },
    { name: 'show', usage: 'benchtop monitor show NAME [--json]', summary: 'A monitor\'s results over time and its latest report', flags: ['json'] },
    { name: 'rm', usage: 'benchtop monitor rm NAME', summary: 'Remove a monitor and its results', flags: [] },
    { name: 'watch', usage: 'benchtop monitor watch', summary: 'Keep the monitor schedules running and print each result', flags: [] },
  ],
  examples: [
    { command: 'benchtop monitor report --reference train.csv --current today.csv', description: 'Per-column drift with the test, statistic, p-value and effect size.' },
    { command: 'benchtop monitor report --reference train.csv --current today.csv --json --html drift.html', description: 'JSON on stdout and an HTML report.' },
    { command: 'benchtop monitor run credit', description: 'Run the monitor "credit" now (exit 1 on an alert: for CI).' },
  ],
  json: 'report: { reference: {rows, source}, current: {rows, source}, driftShare, datasetDrifted, columns: [{name, kind, test, statistic, pValue, effectSize, psi, threshold, drifted, refusal}], quality }; see electron/core/monitoring/README.md.',
  async run(ctx) {
    const { args, flags, io } = ctx;
    const [sub, name] = args;
    const core = await ctx.core();
    switch (sub) {
      case 'report': {
        if (typeof flags.reference !== 'string' || typeof flags.current !== 'string') throw new CliError('Give both files: benchtop monitor report --reference R --current C.', 2);
        const report = await call(core, 'monitors.report', {
          reference: flags.reference,
          current: flags.current,
          model: typeof flags.model === 'string' ? flags.model : null,
          ...(typeof flags['min-rows'] === 'string' ? { minRows: Number(flags['min-rows']) } : {}),
          ...(typeof flags['drift-share'] === 'string' ? { driftShare: Number(flags['drift-share']) } : {}),
        });
        if (typeof flags.html === 'string') {
          await writeFile(flags.html, reportHtml(report, `Drift: ${report.current.source} vs ${report.reference.source}`));
          if (!flags.json) io.stderr.write(`wrote ${flags.html}\n`);
        }
        if (flags.json) io.stdout.write(JSON.stringify(report, null, 2) + '\n');
        else printReport(io, report);
        return 0;
      }
      case 'ls':
      case 'list':
      case undefined: {
        const monitors = await call(core, 'monitors.list', {});
        if (flags.json) {
          io.stdout.write(JSON.stringify(monitors, null, 2) + '\n');
          return 0;
        }
        io.stdout.write(
          formatTable(
            ['MONITOR', 'CURRENT', 'SCHEDULE', 'STATE', 'DRIFT SHARE', 'LAST RUN', 'ALERT'],
            monitors.map((m) => [
              m.name,
              m.spec.current.kind === 'endpoint' ? `endpoint ${m.spec.current.endpoint} (${m.spec.current.window})` : m.spec.current.kind === 'file' ? m.spec.current.path : `${m.spec.current.step}/${m.spec.current.artifact}`,
              m.spec.schedule ? m.spec.schedule.cron + (m.enabled ? '' : ' (off)') : '',
              m.latest?.status ?? 'never run',
              formatNumber(m.latest?.driftShare),
              m.latest ? formatAge(m.latest.at / 1000) : '',
              m.latest?.alerts[0] ?? m.latest?.error ?? '',
            ]),
          ),
        );
        return 0;
      }
      case 'add': {
        if (!name) throw new CliError('Name a monitor file (YAML or JSON): benchtop monitor add monitor.yaml.', 2);
        const text = await readFile(name, 'utf8').catch(() => {
          throw new CliError(`Cannot read ${name}.`, 2);
        });
        const spec = filePathsFrom(dirname(resolve(name)), parse(text)) as Parameters<typeof call<'monitors.save'>>[2];
        const saved = await call(core, 'monitors.save', spec);
        io.stdout.write(flags.json ? JSON.stringify(saved, null, 2) + '\n' : `saved monitor ${saved.name}${saved.nextRun ? `, next run ${new Date(saved.nextRun).toISOString()}` : ''}\n`);
        return 0;
      }
      case 'run': {
        if (!name) throw new CliError('Name a monitor: benchtop monitor run NAME.', 2);
        const result = await call(core, 'monitors.run', { name });
        if (flags.json) io.stdout.write(JSON.stringify(result, null, 2) + '\n');
        else {
          if (result.report) printReport(io, result.report);
          io.stdout.write(`${name}: ${result.status}${result.error ? `: ${result.error}` : ''}\n`);
          for (const alert of result.alerts) io.stdout.write(`ALERT ${alert}\n`);
        }
        return exitFor(result);
      }
      case 'show': {
        if (!name) throw new CliError('Name a monitor: benchtop monitor show NAME.', 2);
        const detail = await call(core, 'monitors.get', { name });
        if (flags.json) {
          io.stdout.write(JSON.stringify(detail, null, 2) + '\n');
          return 0;
        }
        io.stdout.write(formatTable(['AT', 'STATUS', 'DRIFT SHARE', 'DRIFTED', 'ALERTS'], detail.results.map((r) => [new Date(r.at).toISOString(), r.status, formatNumber(r.driftShare), `${r.driftedColumns}/${r.testedColumns}`, r.alerts.join('; ') || (r.error ?? '')])));
        if (detail.latest?.report) printReport(io, detail.latest.report);
        return 0;
      }
      case 'rm': {
        if (!name) throw new CliError('Name a monitor: benchtop monitor rm NAME.', 2);
        await call(core, 'monitors.delete', { name });
        io.stdout.write(`removed monitor ${name}\n`);
        return 0;
      }
      case 'watch': {
        io.stdout.write('running monitor schedules; Ctrl-C stops\n');
        const { cancelled } = await runStream(
          core,
          'monitors.events',
          {},
          (event) => io.stdout.write(`${new Date(event.result.at).toISOString()} ${event.monitor} ${event.result.status} drift share ${formatNumber(event.result.driftShare)}${event.result.alerts.length ? `: ${event.result.alerts.join('; ')}` : ''}\n`),
          ctx.signal,
        );
        if (!cancelled) throw new CliError('Watching stopped unexpectedly; start it again.');
        return 0;
      }
      default:
        throw new CliError(`Unknown "monitor ${sub}": use monitor report|ls|add|run|show|rm|watch.`, 2);
    }
  },
};

export default monitor;

/**
 * A monitor file's relative file paths (reference, current, labels of kind file) read from the
 * file's own folder, as a pipeline file's are: `monitor add project/monitor.yaml` from anywhere
 * saves `project/data/reference.csv`, not a path that depends on the terminal's folder.
 */
function filePathsFrom(folder: string, spec: unknown): unknown {
  if (!spec || typeof spec !== 'object') return spec;
  const out: Record<string, unknown> = { ...(spec as Record<string, unknown>) };
  for (const role of ['reference', 'current', 'labels']) {
    const source = out[role] as { kind?: unknown; path?: unknown } | undefined;
    if (source && source.kind === 'file' && typeof source.path === 'string' && source.path && !isAbsolute(source.path)) out[role] = { ...source, path: resolve(folder, source.path) };
  }
  return out;
}
