import type Docker from 'dockerode';
import { ApiError } from '../../../shared/api/errors.ts';
import type { ExecClientMessage, ExecEvent } from '../../../shared/domain/container-details.ts';
import type { ClientMessages, StreamSink } from '../api/dispatcher.ts';
import type { EngineEvents } from '../engine/events.ts';
import { toApiError } from '../engine/errors.ts';
import { chooseShell } from './choose-shell.ts';
import { FlowControl } from './flow-control.ts';
import { OutputBatcher } from './output-batcher.ts';
import { startExec, type ExecProcess } from './start-exec.ts';

export interface ExecStreamInput {
  id: string;
  command: string[];
  tty: boolean;
  cols: number;
  rows: number;
  flowControl: boolean;
  reconnect: boolean;
}

interface ContainerRun {
  id: string;
  name: string;
  running: boolean;
  startedAt: string;
}

/** A process that died by a signal (≥128) or whose code is unknown may have gone with its container. */
const SIGNAL_EXIT = 128;
/** How long to wait for the engine to report a container that is going down. */
const STOP_GRACE_MS = 3_000;

/**
 * `containers.exec`: runs a command (or the container's shell: bash when present, else sh) with
 * a TTY or plain pipes. Bytes go out batched as Uint8Array values, client messages come in
 * (keystrokes, resize, ack, eof). With flowControl, output pauses past the high watermark of
 * unacknowledged bytes. With reconnect, when the container stops the stream says `waiting` and
 * starts the process again once the container's events show it running again; a process that
 * exits by itself in a running container ends the stream.
 */
export async function streamExec(
  docker: Docker,
  events: EngineEvents,
  input: ExecStreamInput,
  sink: StreamSink<Uint8Array | ExecEvent>,
  signal: AbortSignal,
  messages: ClientMessages<ExecClientMessage>,
): Promise<void> {
  let current: ExecProcess | null = null;
  let size = { cols: input.cols, rows: input.rows };
  const flow = input.flowControl ? new FlowControl({ pause: () => current?.pause(), resume: () => current?.resume() }) : null;
  const stdout = new OutputBatcher((bytes) => {
    flow?.sent(bytes.byteLength);
    sink.next(bytes);
  });
  const stderr = new OutputBatcher((bytes) => sink.next({ type: 'stderr', base64: Buffer.from(bytes).toString('base64') }));

  /** Input that arrived before the process started (a pipe is read at once); it goes in first. */
  let early: ExecClientMessage[] = [];
  const deliver = (message: ExecClientMessage) => {
    switch (message.type) {
      case 'input':
        if (current) current.write(message.data);
        else early.push(message);
        return;
      case 'bytes':
        if (current) current.write(Buffer.from(message.base64, 'base64'));
        else early.push(message);
        return;
      case 'eof':
        if (current) current.endInput();
        else early.push(message);
        return;
      case 'resize':
        size = { cols: message.cols, rows: message.rows };
        if (input.tty) current?.resize(message.cols, message.rows).catch(() => {});
        return;
      case 'ack':
        flow?.acked(message.bytes);
        return;
    }
  };
  const stopListening = messages.onMessage(deliver);

  const watch = watchContainer(events);
  const onAbort = () => current?.detach();
  signal.addEventListener('abort', onAbort, { once: true });
  try {
    let run = await inspectRun(docker, input.id);
    watch.track(run.id);
    const command = input.command.length > 0 ? input.command : null;
    while (!signal.aborted) {
      if (!run.running) {
        if (!input.reconnect) {
          throw new ApiError('conflict', `Container ${run.name} is not running: start it, then run the command again.`);
        }
        sink.next({ type: 'waiting', message: `${run.name} is not running; the terminal reconnects when it starts again.` });
        run = await watch.until(signal, async () => {
          const next = await inspectRun(docker, run.id);
          return next.running ? next : null;
        });
        if (signal.aborted) return;
      }
      const argv = command ?? (await chooseShell(docker, run.id));
      flow?.reset();
      current = await startExec(docker, run.id, {
        command: argv,
        tty: input.tty,
        cols: size.cols,
        rows: size.rows,
        onOutput: (bytes) => stdout.push(bytes),
        onError: (bytes) => stderr.push(bytes),
      });
      if (signal.aborted) {
        current.detach();
        return;
      }
      sink.next({ type: 'started', command: argv, tty: input.tty });
      const waiting = early;
      early = [];
      for (const message of waiting) deliver(message);
      const exitCode = await current.exited;
      current = null;
      stdout.flush();
      stderr.flush();
      if (signal.aborted) return;
      sink.next({ type: 'exited', exitCode });
      if (!input.reconnect) return;

      const before = run;
      let after = await inspectRun(docker, run.id);
      const mayHaveGoneDown = exitCode === null || exitCode >= SIGNAL_EXIT;
      if (after.running && after.startedAt === before.startedAt && mayHaveGoneDown) {
        after = await watch.until(signal, async () => {
          const next = await inspectRun(docker, run.id);
          return !next.running || next.startedAt !== before.startedAt ? next : null;
        }, STOP_GRACE_MS).catch(() => after);
      }
      if (after.running && after.startedAt === before.startedAt) return; // The process ended by itself.
      run = after;
    }
  } finally {
    signal.removeEventListener('abort', onAbort);
    stopListening();
    watch.close();
    stdout.clear();
    stderr.clear();
    current?.detach();
  }
}

async function inspectRun(docker: Docker, id: string): Promise<ContainerRun> {
  try {
    const info = await docker.getContainer(id).inspect();
    return { id: info.Id, name: info.Name.replace(/^\//, ''), running: info.State.Running && !info.State.Paused, startedAt: info.State.StartedAt };
  } catch (error) {
    const failure = toApiError(error, `find container ${id}`);
    if (failure.code === 'not_found') throw new ApiError('not_found', `There is no container ${id}: check the name (benchtop ps --all lists them).`, failure.details);
    throw failure;
  }
}

/**
 * Engine events for one container: `until(check)` re-runs `check` after each of its events (and
 * after the event stream reconnects, since events may have been missed) until it returns a value.
 */
function watchContainer(events: EngineEvents) {
  let containerId: string | null = null;
  const waiters = new Set<() => void>();
  const wake = () => {
    for (const waiter of [...waiters]) waiter();
  };
  let unsubscribe: (() => void) | null = null;
  return {
    track(id: string) {
      containerId = id;
      unsubscribe ??= events.subscribe(
        (event) => {
          if (event.Actor.ID === containerId) wake();
        },
        (state) => {
          if (state.state === 'connected') wake();
        },
        { types: ['container'] },
      );
    },
    until<T>(signal: AbortSignal, check: () => Promise<T | null>, timeoutMs?: number): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        let checking = false;
        let again = false;
        let timer: ReturnType<typeof setTimeout> | null = null;
        const finish = () => {
          waiters.delete(run);
          signal.removeEventListener('abort', onAbort);
          if (timer) clearTimeout(timer);
        };
        const onAbort = () => {
          finish();
          reject(new ApiError('cancelled', 'Cancelled while waiting for the container.'));
        };
        const run = () => {
          if (checking) {
            again = true;
            return;
          }
          checking = true;
          check().then(
            (value) => {
              checking = false;
              if (value !== null) {
                finish();
                resolve(value);
              } else if (again) {
                again = false;
                run();
              }
            },
            (error: unknown) => {
              finish();
              reject(error);
            },
          );
        };
        if (signal.aborted) return onAbort();
        signal.addEventListener('abort', onAbort, { once: true });
        if (timeoutMs !== undefined) {
          timer = setTimeout(() => {
            finish();
            reject(new ApiError('cancelled', 'Timed out waiting for the container.'));
          }, timeoutMs);
        }
        waiters.add(run);
        run();
      });
    },
    close() {
      unsubscribe?.();
      waiters.clear();
    },
  };
}
