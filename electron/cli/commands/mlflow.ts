import { resolve } from 'node:path';
import type { MlflowExportSummary, MlflowImportSummary } from '../../../shared/api/methods/mlflow.ts';
import { CliError, type CliContext, type Command } from '../command.ts';
import { runStream } from '../open-stream.ts';
import { escapesAllowed } from '../terminal.ts';

const PHASES = { reading: 'reading', artifacts: 'storing artifacts', tracking: 'writing runs', registry: 'writing registered models', done: 'done' } as const;

function counts(label: string, c: { added: number; updated: number; unchanged: number }): string {
  return `${label.padEnd(18)} ${String(c.added).padStart(6)} added ${String(c.updated).padStart(6)} updated ${String(c.unchanged).padStart(6)} unchanged`;
}

function printImport(s: MlflowImportSummary, io: CliContext['io']): void {
  io.stdout.write(`Imported ${s.kind === 'sqlite' ? `mlflow.db (schema ${s.schemaRevision ?? 'unknown'})` : 'mlruns folder'} ${s.source} in ${s.durationMs} ms\n`);
  io.stdout.write(
    [
      counts('experiments', s.experiments),
      counts('runs', s.runs),
      counts('logged models', s.loggedModels),
      counts('registered models', s.registeredModels),
      counts('model versions', s.versions),
      counts('aliases', s.aliases),
      `${'metric points'.padEnd(18)} ${String(s.metricPointsAdded).padStart(6)} added`,
      `${'artifact files'.padEnd(18)} ${String(s.artifactFiles).padStart(6)} (stored once each in the content store)`,
    ].join('\n') + '\n',
  );
  for (const skipped of s.skipped) io.stdout.write(`skipped ${skipped.path}: ${skipped.reason}\n`);
}

function printExport(s: MlflowExportSummary, io: CliContext['io']): void {
  io.stdout.write(
    `Exported ${s.experiments} experiments, ${s.runs} runs (${s.metricPoints} metric points), ${s.loggedModels} logged models, ` +
      `${s.registeredModels} registered models with ${s.versions} versions and ${s.artifactFiles} artifact files to ${s.target} in ${s.durationMs} ms\n` +
      `Open it with: MLFLOW_ALLOW_FILE_STORE=true mlflow ui --backend-store-uri ${s.target}  (or mlflow migrate-filestore --source ${s.target} --target sqlite:///mlflow.db)\n`,
  );
}

const mlflow: Command = {
  name: 'mlflow',
  group: 'Tracking',
  usage: 'benchtop mlflow import PATH | export DIR [--json]',
  summary: 'Import an MLflow mlruns folder or mlflow.db; export as mlruns',
  description:
    'import: experiments, runs, metrics, logged and registered models into the catalog; importing again changes nothing; a malformed file fails with FILE:LINE:COLUMN (exit 2). export: the catalog as an mlruns folder (DIR new or empty). Ctrl-C cancels (exit 130).',
  flags: [{ name: 'json', description: 'Print the summary as JSON.' }],
  subcommands: [
    { name: 'import', usage: 'benchtop mlflow import PATH [--json]', summary: 'An mlruns folder or an mlflow.db into the catalog', flags: ['json'], args: ['file'] },
    { name: 'export', usage: 'benchtop mlflow export DIR [--json]', summary: "The catalog in MLflow's file-store layout", flags: ['json'], args: ['dir'] },
  ],
  examples: [
    { command: 'benchtop mlflow import ~/project/mlruns', description: 'Import a file store.' },
    { command: 'benchtop mlflow export /tmp/mlruns', description: 'Then: MLFLOW_ALLOW_FILE_STORE=true mlflow ui --backend-store-uri /tmp/mlruns.' },
  ],
  json: 'import: source, kind, schemaRevision, experiments, runs, loggedModels, registeredModels, versions, aliases ({added, updated, unchanged} each), metricPointsAdded, artifactFiles, skipped, durationMs; export: target and counts. See electron/cli/README.md.',
  async run({ args, flags, io, core, signal }) {
    const [sub, target, ...rest] = args;
    if ((sub !== 'import' && sub !== 'export') || !target || rest.length > 0) {
      throw new CliError('Usage: benchtop mlflow import PATH (an mlruns folder or an mlflow.db file) | benchtop mlflow export DIR (a new or empty folder).', 2);
    }
    const tty = escapesAllowed(io) && !flags.json;
    const path = resolve(target);
    let lastLine = '';
    const show = (line: string) => {
      if (flags.json || line === lastLine) return;
      lastLine = line;
      io.stdout.write(tty ? `\r\x1b[2K${line}` : `${line}\n`);
    };
    const endLine = () => {
      if (tty && lastLine) io.stdout.write('\n');
    };
    if (sub === 'import') {
      let summary: MlflowImportSummary | null = null;
      const { cancelled } = await runStream(
        await core(),
        'mlflow.import',
        { path },
        (message) => {
          if (message.summary) summary = message.summary;
          else show(tty && message.total > 1 ? `${PHASES[message.phase]} ${message.done}/${message.total}` : `${PHASES[message.phase]}…`);
        },
        signal,
      );
      endLine();
      if (cancelled) {
        io.stderr.write('benchtop: import cancelled before the catalog was written; run it again to import.\n');
        return 130;
      }
      const done = summary as MlflowImportSummary | null;
      if (!done) throw new CliError('The import ended without a summary; run it again.');
      if (flags.json) io.stdout.write(JSON.stringify(done, null, 2) + '\n');
      else printImport(done, io);
      return 0;
    }
    let summary: MlflowExportSummary | null = null;
    const { cancelled } = await runStream(
      await core(),
      'mlflow.export',
      { dir: path },
      (message) => {
        if (message.summary) summary = message.summary;
        else show(`writing runs ${message.done}/${message.total}`);
      },
      signal,
    );
    endLine();
    if (cancelled) {
      io.stderr.write(`benchtop: export cancelled; nothing was left in ${path}.\n`);
      return 130;
    }
    const done = summary as MlflowExportSummary | null;
    if (!done) throw new CliError('The export ended without a summary; run it again.');
    if (flags.json) io.stdout.write(JSON.stringify(done, null, 2) + '\n');
    else printExport(done, io);
    return 0;
  },
};

export default mlflow;
