import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RunDetail, RunEvent, RunState, StepState } from '../../../shared/pipeline/run-model.ts';
import type { Core } from '../../core/app.ts';
import { call } from '../call.ts';
import { CliError, flagList, type CliContext, type Command } from '../command.ts';
import { escapesAllowed } from '../terminal.ts';
import { runStream } from '../open-stream.ts';

const FINAL = new Set<StepState>(['succeeded', 'failed', 'errored', 'skipped', 'upstream_failed', 'cached', 'cancelled', 'lost']);
const EXIT_CODES: Record<RunState, number> = { succeeded: 0, failed: 1, cancelled: 130, running: 1 };

/** `--param k=v`, repeatable (also `--param=k=v`). */
export function paramsFrom(flags: CliContext['flags']): Record<string, string> {
  const pairs = flagList(flags.param);
  const params: Record<string, string> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq < 1) throw new CliError(`--param takes NAME=VALUE, got ${JSON.stringify(pair)}.`, 2);
    params[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return params;
}

interface StepLine {
  state: StepState;
  since: number;
  ended: number | null;
  attempt: number;
  message: string | null;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)}s`;

/**
 * Follows one run to its end: on a TTY a live block (a line per step with state and duration, and a
 * progress bar), otherwise one plain line per change. Ctrl-C cancels the run. Resolves with its end state.
 */
export async function followRun(core: Core, runId: string, ctx: Pick<CliContext, 'io' | 'signal'>, quiet: boolean): Promise<RunState> {
  const { io, signal } = ctx;
  const tty = escapesAllowed(io) && !quiet;
  const steps = new Map<string, StepLine>();
  let drawn = 0;
  let end: { state: RunState; message: string | null } | null = null;
  let engineNote: string | null = null;
  const draw = () => {
    const width = Math.max(4, ...[...steps.keys()].map((s) => s.length));
    const now = Date.now();
    const lines = [...steps].map(([name, line]) => {
      const duration = line.state === 'pending' || line.state === 'waiting' ? '' : seconds((line.ended ?? now) - line.since);
      const attempt = line.attempt > 1 ? ` (attempt ${line.attempt})` : '';
      // A waiting step's message is its image's pull progress (pull-missing-image.ts); a final one's, why it ended so.
      const why = line.message && ((FINAL.has(line.state) && line.state !== 'succeeded') || line.state === 'waiting') ? `  ${line.message}` : '';
      return `  ${name.padEnd(width)}  ${line.state.padEnd(15)} ${duration.padStart(7)}${attempt}${why}`;
    });
    const done = [...steps.values()].filter((l) => FINAL.has(l.state)).length;
    const total = Math.max(1, steps.size);
    const barWidth = 30;
    const filled = Math.round((done / total) * barWidth);
    lines.push(`  [${'#'.repeat(filled)}${'.'.repeat(barWidth - filled)}] ${done}/${steps.size} steps${engineNote ? '  (waiting for the engine)' : ''}`);
    io.stdout.write(`${drawn > 0 ? `\x1b[${drawn}A` : ''}${lines.map((l) => `\x1b[2K${l}`).join('\n')}\n`);
    drawn = lines.length;
  };
  const timer = tty ? setInterval(draw, 250) : null;
  const onEvent = (event: RunEvent) => {
    if (event.type === 'run') {
      // A running run's message: "waiting for the engine since …" and "the engine answered again …".
      if (event.state === 'running') {
        engineNote = event.message?.startsWith('waiting for the engine') ? event.message : null;
        if (event.message && !quiet) io.stdout.write(`${tty ? '\x1b[2K' : ''}${event.at.slice(11, 19)} run ${event.message}\n`);
        if (tty) drawn = 0;
        return;
      }
      end = { state: event.state, message: event.message };
      return;
    }
    const previous = steps.get(event.step);
    const at = Date.parse(event.at);
    const started = event.state === 'running' && previous?.state !== 'running' ? at : (previous?.since ?? at);
    steps.set(event.step, { state: event.state, since: started, ended: FINAL.has(event.state) ? at : null, attempt: event.attempt, message: event.message });
    const pullProgress = event.state === 'waiting' && event.message !== null && event.message !== previous?.message;
    if (!tty && !quiet && (previous?.state !== event.state || pullProgress)) {
      const took = FINAL.has(event.state) && previous ? ` ${seconds(at - started)}` : '';
      io.stdout.write(`${event.at.slice(11, 19)} ${event.step} ${event.state}${took}${event.message ? `: ${event.message}` : ''}\n`);
    }
  };
  const stream = new AbortController();
  const cancel = () => {
    void call(core, 'runs.cancel', { id: runId }).catch(() => stream.abort());
  };
  signal.addEventListener('abort', cancel, { once: true });
  try {
    if (signal.aborted) cancel();
    await runStream(core, 'runs.events', { id: runId }, onEvent, stream.signal);
  } finally {
    signal.removeEventListener('abort', cancel);
    if (timer) clearInterval(timer);
  }
  if (tty) draw();
  const finished = end as { state: RunState; message: string | null } | null;
  if (!quiet) io.stdout.write(`run ${runId} ${finished?.state ?? 'running'}${finished?.message ? `: ${finished.message}` : ''}\n`);
  return finished?.state ?? 'running';
}

const run: Command = {
  name: 'run',
  group: 'Pipelines',
  usage: 'benchtop run FILE [--param NAME=VALUE]… [--name NAME] [--no-cache] [--json] [--detach]',
  summary: 'Run a pipeline, a live line per step',
  description: 'A live line per step (state, duration) and a progress bar on a terminal, plain lines otherwise. Ctrl-C cancels the run. Exit 0 succeeded, 1 failed, 130 cancelled.',
  flags: [
    { name: 'param', value: 'NAME=VALUE', repeatable: true, description: 'A pipeline parameter.' },
    { name: 'name', value: 'NAME', description: 'The run\'s name (unique within the pipeline).', default: '"<pipeline> <adjective>-<noun>"' },
    { name: 'no-cache', description: 'Run every step; reuse nothing from the cache.' },
    { name: 'json', description: 'Print the finished run as JSON (RunDetail).' },
    { name: 'detach', short: 'd', description: 'Start it in the background and print its id.' },
  ],
  args: ['file'],
  examples: [
    { command: 'benchtop run pipeline.yaml --param rows=1000', description: 'Run it with a parameter.' },
    { command: 'benchtop run pipeline.yaml --detach', description: 'Start it and print the run id; follow with benchtop runs show ID.' },
    { command: "benchtop run pipeline.yaml --name 'baseline lr=0.1'", description: 'Name the run (else "<pipeline> <adjective>-<noun>").' },
  ],
  json: 'A RunDetail: id, name, pipeline, file, state, message, params, createdAt, finishedAt, steps (name, state, attempts, outputs, metrics, artifacts, cache…); with --detach: runId. See electron/cli/README.md.',
  async run(ctx) {
    const { args, flags, io } = ctx;
    if (args.length < 1) throw new CliError('Name a pipeline file: benchtop run FILE [--param NAME=VALUE].', 2);
    if (args.length > 1) throw new CliError(`Unexpected ${JSON.stringify(args[1])}: pass params as --param NAME=VALUE.`, 2);
    const file = args[0];
    const params = paramsFrom(flags);
    const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
      throw new CliError(`Cannot read ${file} (${error.code ?? error.message}): check the path.`, 2);
    });
    const core = await ctx.core();
    const detach = flags.detach === true;
    const name = typeof flags.name === 'string' ? flags.name : undefined;
    const { runId } = await call(core, 'pipelines.run', { text, file: resolve(file), params, noCache: flags['no-cache'] === true, detach, ...(name !== undefined ? { name } : {}) });
    if (detach) {
      const main = fileURLToPath(new URL('../main.ts', import.meta.url));
      const child = spawn(process.execPath, [main, 'runs', 'resume', runId], { detached: true, stdio: 'ignore', env: io.env });
      child.unref();
      io.stdout.write(flags.json ? `${JSON.stringify({ runId })}\n` : `${runId}\n`);
      return 0;
    }
    const state = await followRun(core, runId, ctx, flags.json === true);
    if (flags.json) {
      const detail: RunDetail = await call(core, 'runs.get', { id: runId });
      io.stdout.write(JSON.stringify(detail, null, 2) + '\n');
    }
    return EXIT_CODES[state];
  },
};

export default run;
