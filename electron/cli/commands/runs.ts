import type { RunDetail } from '../../../shared/pipeline/run-model.ts';
import { integerFlag } from '../args.ts';
import { call } from '../call.ts';
import { CliError, type CliContext, type Command } from '../command.ts';
import { formatAge, formatTable } from '../format.ts';
import { runStream } from '../open-stream.ts';
import { followRun } from './run.ts';

const EXIT_CODES = { succeeded: 0, failed: 1, cancelled: 130, running: 1 } as const;
const age = (iso: string) => formatAge(Date.parse(iso) / 1000);
const duration = (from: string | null, to: string | null) => (from && to ? `${((Date.parse(to) - Date.parse(from)) / 1000).toFixed(1)}s` : '');

function needId(args: string[], usage: string): string {
  if (!args[0]) throw new CliError(`Name a run: ${usage} (ids from benchtop runs; a unique prefix is enough).`, 2);
  return args[0];
}

function printDetail(detail: RunDetail, io: CliContext['io']): void {
  const params = Object.entries(detail.params).map(([k, v]) => `${k}=${v}`).join(' ');
  io.stdout.write(`run ${detail.id}  ${detail.name}  ${detail.state}${detail.message ? `: ${detail.message}` : ''}\n`);
  if (detail.file) io.stdout.write(`file ${detail.file}\n`);
  if (params) io.stdout.write(`params ${params}\n`);
  const rows = detail.steps.map((s) => [
    s.name,
    s.state,
    duration(s.startedAt, s.finishedAt),
    String(s.attempts.length),
    s.cache ? `${s.cache.decision}: ${s.cache.reason}` : '',
    Object.entries(s.metrics).map(([k, v]) => `${k}=${v}`).join(' '),
    s.message ?? '',
  ]);
  io.stdout.write(formatTable(['STEP', 'STATE', 'TOOK', 'ATTEMPTS', 'CACHE', 'METRICS', 'MESSAGE'], rows));
}

const runs: Command = {
  name: 'runs',
  group: 'Pipelines',
  usage: 'benchtop runs [list|show|logs|rename|cancel|retry|resume|compare] [ID…] [STEP|NAME] [FLAGS]',
  summary: 'List pipeline runs; show, rename, cancel, retry or compare them',
  flags: [
    { name: 'pipeline', value: 'NAME', description: 'list: only runs of this pipeline.' },
    { name: 'state', value: 'STATE', description: 'list: running, succeeded, failed or cancelled.', complete: ['running', 'succeeded', 'failed', 'cancelled'] },
    { name: 'since', value: 'ISO', description: 'list: only runs created since this date.' },
    { name: 'text', value: 'TEXT', description: 'list: id, name, pipeline, file, message or a param value contains it.' },
    { name: 'limit', value: 'N', description: 'list: at most N runs.', default: '100' },
    { name: 'attempt', value: 'N', description: 'logs: this attempt.', default: 'the latest' },
    { name: 'failed', description: 'retry: re-run only the failed steps (and what depends on them).' },
    { name: 'from', value: 'STEP', description: 'retry: re-run STEP and everything downstream, without the cache.' },
    { name: 'json', description: 'Print JSON.' },
  ],
  subcommands: [
    { name: 'list', usage: 'benchtop runs [list] [--pipeline NAME] [--state S] [--since ISO] [--text TEXT] [--limit N] [--json]', summary: 'The run list, newest first, filtered', flags: ['pipeline', 'state', 'since', 'text', 'limit', 'json'], json: 'RunSummary objects: id, name, pipeline, file, state, message, params, createdAt, finishedAt, steps (name → state), rerunOf, rerunMode.' },
    { name: 'show', usage: 'benchtop runs show ID [--json]', summary: "One run's steps: cache decisions, metrics", flags: ['json'] },
    { name: 'logs', usage: 'benchtop runs logs ID STEP [--attempt N]', summary: "A step's log", flags: ['attempt'] },
    { name: 'rename', usage: 'benchtop runs rename ID NAME… [--json]', summary: 'Give a run another name (unique within its pipeline)', flags: ['json'] },
    { name: 'cancel', usage: 'benchtop runs cancel ID [--json]', summary: 'Cancel a running run', flags: ['json'] },
    { name: 'retry', usage: 'benchtop runs retry ID [--failed | --from STEP] [--json]', summary: "A new run of the pipeline as it was, with the run's params", flags: ['failed', 'from', 'json'] },
    { name: 'resume', usage: 'benchtop runs resume [ID] [--json]', summary: 'Take over runs whose process died', flags: ['json'], json: '{ runIds }' },
    { name: 'compare', usage: 'benchtop runs compare ID ID… [--json]', summary: 'Params and metrics side by side', flags: ['json'], json: 'Per run: id, name, pipeline, state, createdAt, finishedAt, params, metrics (step.metric → number).' },
  ],
  examples: [
    { command: 'benchtop runs retry 01J9ZX --failed', description: 'Re-run only what failed, reusing the rest.' },
    { command: "benchtop runs rename 20261207-010203-1a2b3c 'baseline, lr 0.1'", description: 'Name a run; the Runs page and the pipeline header show it.' },
    { command: 'benchtop runs compare 01J9ZX 01JA02', description: 'Params and metrics of two runs side by side.' },
  ],
  json: 'list: RunSummary objects; show, retry: a RunDetail (see benchtop help run). See electron/cli/README.md.',
  async run(ctx) {
    const { args, flags, io } = ctx;
    const [sub, ...rest] = args;
    const core = await ctx.core();
    switch (sub ?? 'list') {
      case 'list': {
        const text = (name: string) => (typeof flags[name] === 'string' ? { [name]: flags[name] as string } : {});
        const state = typeof flags.state === 'string' ? flags.state : undefined;
        if (state !== undefined && !['running', 'succeeded', 'failed', 'cancelled'].includes(state)) {
          throw new CliError(`--state ${state}: use running, succeeded, failed or cancelled.`, 2);
        }
        const since = typeof flags.since === 'string' ? flags.since : undefined;
        if (since !== undefined && Number.isNaN(Date.parse(since))) throw new CliError(`--since ${since}: give an ISO date, e.g. 2026-01-31 or 2026-01-31T08:00:00Z.`, 2);
        const list = await call(core, 'runs.list', {
          limit: integerFlag(flags, 'limit') ?? 100,
          ...text('pipeline'),
          ...text('text'),
          ...(state ? { state: state as 'running' } : {}),
          ...(since ? { since: new Date(since).toISOString() } : {}),
        });
        if (flags.json) {
          io.stdout.write(JSON.stringify(list, null, 2) + '\n');
          return 0;
        }
        const rows = list.map((r) => {
          const states = Object.values(r.steps);
          const ok = states.filter((s) => s === 'succeeded' || s === 'cached').length;
          return [r.id, r.name, r.state, `${ok}/${states.length}`, age(r.createdAt), duration(r.createdAt, r.finishedAt), r.message ?? ''];
        });
        io.stdout.write(formatTable(['ID', 'NAME', 'STATE', 'STEPS OK', 'CREATED', 'TOOK', 'MESSAGE'], rows));
        return 0;
      }
      case 'show': {
        const detail = await call(core, 'runs.get', { id: needId(rest, 'benchtop runs show ID') });
        if (flags.json) io.stdout.write(JSON.stringify(detail, null, 2) + '\n');
        else printDetail(detail, io);
        return 0;
      }
      case 'logs': {
        const id = needId(rest, 'benchtop runs logs ID STEP');
        if (!rest[1]) throw new CliError('Name a step: benchtop runs logs ID STEP [--attempt N].', 2);
        const attempt = integerFlag(flags, 'attempt');
        await runStream(core, 'runs.logs', { id, step: rest[1], ...(attempt ? { attempt } : {}), follow: true }, (chunk) => io.stdout.write(chunk.text), ctx.signal);
        return 0;
      }
      case 'rename': {
        const id = needId(rest, 'benchtop runs rename ID NAME');
        const name = rest.slice(1).join(' ');
        if (!name.trim()) throw new CliError('Give the new name: benchtop runs rename ID NAME (quote a name with spaces, or type its words).', 2);
        const detail = await call(core, 'runs.rename', { id, name });
        io.stdout.write(flags.json ? JSON.stringify(detail, null, 2) + '\n' : `run ${detail.id} is now named "${detail.name}"\n`);
        return 0;
      }
      case 'cancel': {
        const detail = await call(core, 'runs.cancel', { id: needId(rest, 'benchtop runs cancel ID') });
        io.stdout.write(flags.json ? JSON.stringify(detail, null, 2) + '\n' : `run ${detail.id} ${detail.state}\n`);
        return 0;
      }
      case 'retry': {
        const id = needId(rest, 'benchtop runs retry ID [--failed | --from STEP]');
        const from = typeof flags.from === 'string' ? flags.from : undefined;
        if (from !== undefined && flags.failed) throw new CliError('Choose one: --failed (re-run the failed steps) or --from STEP (re-run from a step).', 2);
        const { runId } = await call(core, 'runs.retry', { id, failed: flags.failed === true, ...(from ? { from } : {}) });
        if (!flags.json) io.stdout.write(`run ${runId} (${from ? `re-run from ${from}` : flags.failed ? 're-run of the failed steps' : 'retry'} of ${id})\n`);
        const state = await followRun(core, runId, ctx, flags.json === true);
        if (flags.json) io.stdout.write(JSON.stringify(await call(core, 'runs.get', { id: runId }), null, 2) + '\n');
        return EXIT_CODES[state];
      }
      case 'resume': {
        const { runIds } = await call(core, 'runs.resume', rest[0] ? { id: rest[0] } : {});
        if (runIds.length === 0) {
          io.stdout.write('No run to resume: every running run has a live process.\n');
          return 0;
        }
        let worst = 0;
        for (const runId of runIds) {
          if (!flags.json) io.stdout.write(`resuming run ${runId}\n`);
          worst = Math.max(worst, EXIT_CODES[await followRun(core, runId, ctx, flags.json === true)]);
        }
        if (flags.json) io.stdout.write(JSON.stringify({ runIds }, null, 2) + '\n');
        return worst;
      }
      case 'compare': {
        if (rest.length < 1) throw new CliError('Name runs: benchtop runs compare ID ID… [--json].', 2);
        const runs = await call(core, 'runs.compare', { ids: rest });
        if (flags.json) {
          io.stdout.write(JSON.stringify(runs, null, 2) + '\n');
          return 0;
        }
        const params = [...new Set(runs.flatMap((r) => Object.keys(r.params)))].sort();
        const metrics = [...new Set(runs.flatMap((r) => Object.keys(r.metrics)))].sort();
        const rows = runs.map((r) => [
          r.id,
          r.state,
          ...params.map((p) => (Object.hasOwn(r.params, p) ? r.params[p] : '—')),
          ...metrics.map((m) => (Object.hasOwn(r.metrics, m) ? String(r.metrics[m]) : '—')),
        ]);
        io.stdout.write(formatTable(['RUN', 'STATE', ...params.map((p) => `PARAM ${p}`), ...metrics.map((m) => m.toUpperCase())], rows));
        return 0;
      }
      default:
        throw new CliError(`Unknown "runs ${sub}": use runs, runs show|logs|rename|cancel|retry|resume|compare ID.`, 2);
    }
  },
};

export default runs;
