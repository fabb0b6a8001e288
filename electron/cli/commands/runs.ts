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
  io.stdout.write(`run ${detail.id}  ${detail.pipeline}  ${detail.state}${detail.message ? `: ${detail.message}` : ''}\n`);
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
  usage: 'benchtop runs [show|logs|cancel|retry|resume] [ID] [STEP] [--json]',
  summary: 'List pipeline runs (--json: RunSummary objects); show one, print a step log, cancel, retry (cache reuses what did not change), or resume runs whose process died.',
  valueFlags: ['attempt', 'limit'],
  async run(ctx) {
    const { args, flags, io } = ctx;
    const [sub, ...rest] = args;
    const core = await ctx.core();
    switch (sub ?? 'list') {
      case 'list': {
        const list = await call(core, 'runs.list', { limit: integerFlag(flags, 'limit') ?? 100 });
        if (flags.json) {
          io.stdout.write(JSON.stringify(list, null, 2) + '\n');
          return 0;
        }
        const rows = list.map((r) => {
          const states = Object.values(r.steps);
          const ok = states.filter((s) => s === 'succeeded' || s === 'cached').length;
          return [r.id, r.pipeline, r.state, `${ok}/${states.length}`, age(r.createdAt), duration(r.createdAt, r.finishedAt), r.message ?? ''];
        });
        io.stdout.write(formatTable(['ID', 'PIPELINE', 'STATE', 'STEPS OK', 'CREATED', 'TOOK', 'MESSAGE'], rows));
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
      case 'cancel': {
        const detail = await call(core, 'runs.cancel', { id: needId(rest, 'benchtop runs cancel ID') });
        io.stdout.write(flags.json ? JSON.stringify(detail, null, 2) + '\n' : `run ${detail.id} ${detail.state}\n`);
        return 0;
      }
      case 'retry': {
        const { runId } = await call(core, 'runs.retry', { id: needId(rest, 'benchtop runs retry ID') });
        if (!flags.json) io.stdout.write(`run ${runId} (retry of ${rest[0]})\n`);
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
      default:
        throw new CliError(`Unknown "runs ${sub}": use runs, runs show|logs|cancel|retry|resume ID.`, 2);
    }
  },
};

export default runs;
