import type Dockerode from 'dockerode';
import type { StreamSink } from '../api/dispatcher.ts';
import { ApiError } from '../../../shared/api/errors.ts';
import type { LogBatch } from '../../../shared/domain/logs.ts';
import { engineSince, LogResumeCursor } from '../../../shared/logs/log-resume.ts';
import { engineAnswers, engineWentAway, outageDuration, waitForEngine } from '../pipelines/engine-outage.ts';
import { streamContainerLogs, type ContainerLogsInput } from './stream-logs.ts';

export interface FollowAcrossOutagesOptions {
  docker: () => Promise<Dockerode>;
  /** How long a followed log waits for the engine to answer again (the engine-wait setting). */
  waitMs: () => number;
  /** After a stream ended on a stopped container: how long to watch whether the engine is going away (its shutdown stops containers while it still answers for a moment). */
  shutdownGraceMs?: number;
  /** After the engine is back: how long to wait for the container to run again (restart policy). */
  restartGraceMs?: number;
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });

/**
 * The `containers.logs` stream as the UI and `benchtop logs -f` follow it: when the engine goes away
 * mid-follow (stopped, restarted; its shutdown stops the container first), the stream stays open,
 * waits for the engine (up to the engine-wait setting), and when the container runs again (an
 * environment's restart policy) resumes from the newest line sent: the engine's `since` with the
 * boundary lines dropped (shared/logs/log-resume.ts), so each line is sent once, with no gap. A
 * container that stopped while the engine stays up ends the stream as before (after
 * `shutdownGraceMs`). Not following, or the first open failing, behaves as streamContainerLogs.
 * The engine is always asked for timestamps (the resume point); they are dropped again when the
 * caller did not ask for them.
 */
export async function followContainerLogs(
  options: FollowAcrossOutagesOptions,
  /** `since` here is a line's RFC 3339 `ts` (the contract's form). */
  input: ContainerLogsInput,
  sink: StreamSink<LogBatch>,
  signal: AbortSignal,
): Promise<void> {
  if (!input.follow) {
    // A history read (a download, `benchtop logs` without -f): the plain read, nothing to resume.
    const since = input.since ? (engineSince(input.since) ?? undefined) : undefined;
    await streamContainerLogs(await options.docker(), { ...input, since, tail: since ? 'all' : input.tail }, sink, signal);
    return;
  }
  const cursor = new LogResumeCursor();
  const forward: StreamSink<LogBatch> = {
    next(batch) {
      const lines = cursor.accept(batch.lines);
      if (lines.length === 0) return;
      sink.next({ lines: input.timestamps ? lines : lines.map((line) => ({ ...line, ts: null })) });
    },
    end: sink.end,
  };
  /** The engine's form of the resume point (the caller's, then the newest line sent). */
  let since = input.since ? (engineSince(input.since) ?? undefined) : undefined;
  let opened = false;
  let idleResumes = 0;
  for (;;) {
    const before = cursor.newestTimestamp;
    let failure: unknown = null;
    try {
      const docker = await options.docker();
      await streamContainerLogs(docker, { ...input, timestamps: true, since, tail: since ? 'all' : input.tail }, forward, signal);
    } catch (error) {
      if (!opened || !input.follow) throw error;
      failure = error;
    }
    opened = true;
    if (!input.follow || signal.aborted) return;
    const state = await nextStep(options, input.id, signal);
    if (signal.aborted) return;
    if (state.kind === 'ended') {
      if (state.catchUp || failure) {
        // The stream broke or the engine went and came back: read what the container wrote after the newest line sent.
        const newest = cursor.newestTimestamp;
        if (newest) cursor.resume();
        const resumeAt = newest ? (engineSince(newest) ?? since) : since;
        const read = await options
          .docker()
          .then((docker) => streamContainerLogs(docker, { ...input, follow: false, timestamps: true, since: resumeAt, tail: resumeAt ? 'all' : input.tail }, forward, signal))
          .then(() => true, () => false);
        if (failure && !read) throw failure;
      }
      return;
    }
    if (state.kind === 'engine-gone') {
      throw new ApiError('engine_unavailable', `The engine did not come back within ${outageDuration(options.waitMs())} while following the log of "${input.id}".`);
    }
    // Resume from the newest line sent (or from where the caller resumed, before any line came).
    const newest = cursor.newestTimestamp;
    if (newest) {
      since = engineSince(newest) ?? since;
      cursor.resume();
    }
    idleResumes = newest === before ? idleResumes + 1 : 0;
    if (idleResumes > 2) await sleep(Math.min(5_000, 250 * idleResumes), signal);
  }
}

type NextStep = { kind: 'ended'; catchUp?: boolean } | { kind: 'resume' } | { kind: 'engine-gone' };

/** After a followed stream ended: end (the container stopped), resume (it runs, or runs again after an outage), or give up (the engine stayed away). */
async function nextStep(options: FollowAcrossOutagesOptions, id: string, signal: AbortSignal): Promise<NextStep> {
  if (await engineAnswers(options.docker)) {
    const running = await containerRunning(options, id);
    if (running === 'gone') return { kind: 'ended' };
    if (running) return { kind: 'resume' };
    if (!(await engineWentAway(options.docker, options.shutdownGraceMs ?? 2_000))) {
      // The engine stayed: the container stopped by itself, unless its restart policy brings it back at once.
      return (await containerRunning(options, id)) === true ? { kind: 'resume' } : { kind: 'ended' };
    }
  }
  if (!(await waitForEngine(options.docker, options.waitMs(), signal))) return signal.aborted ? { kind: 'ended' } : { kind: 'engine-gone' };
  // Back: the engine restarts containers with a restart policy while it starts; give it a moment.
  const until = Date.now() + (options.restartGraceMs ?? 10_000);
  for (;;) {
    const running = await containerRunning(options, id);
    if (running === 'gone') return { kind: 'ended' };
    if (running) return { kind: 'resume' };
    if (Date.now() > until || signal.aborted) return { kind: 'ended', catchUp: true };
    await sleep(250, signal);
  }
}

async function containerRunning(options: FollowAcrossOutagesOptions, id: string): Promise<boolean | 'gone'> {
  try {
    const info = await (await options.docker()).getContainer(id).inspect();
    return info.State?.Running === true;
  } catch (error) {
    return (error as { statusCode?: unknown } | null)?.statusCode === 404 ? 'gone' : false;
  }
}
