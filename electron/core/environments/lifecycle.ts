import type { Duplex } from 'node:stream';
import type Docker from 'dockerode';
import { ApiError } from '../../../shared/api/errors.ts';
import type { LifecycleCommand, LifecycleStep } from '../../../shared/environments/model.ts';
import type { EnvironmentProgress } from '../../../shared/environments/progress.ts';
import type { ResolvedEnvironment } from '../../../shared/environments/resolved.ts';
import { toApiError } from '../engine/errors.ts';
import { FrameDemuxer } from '../logs/frame-demuxer.ts';

export interface LifecycleContext {
  docker: Docker;
  containerId: string;
  /** remoteUser (else containerUser): who runs the commands, as the reference CLI does. */
  user: string | null;
  workdir: string;
  env: Record<string, string | null>;
  signal: AbortSignal;
  onLine(source: string, line: string): void;
}

function argv(step: LifecycleStep): string[] {
  return step.kind === 'shell' ? ['/bin/sh', '-c', step.command] : step.args;
}

/**
 * Runs one lifecycle command in the container: a string through /bin/sh -c, an array as is, an
 * object's named commands in parallel. Throws with the command's output tail when one fails.
 */
export async function runLifecycleCommand(context: LifecycleContext, key: string, command: LifecycleCommand): Promise<void> {
  if (command.kind !== 'parallel') return runStep(context, key, command);
  const results = await Promise.allSettled(Object.entries(command.commands).map(([name, step]) => runStep(context, `${key}.${name}`, step)));
  const failure = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failure) throw failure.reason;
}

async function runStep(context: LifecycleContext, label: string, step: LifecycleStep): Promise<void> {
  const { docker, containerId, signal } = context;
  const env = Object.entries(context.env)
    .filter((entry): entry is [string, string] => entry[1] !== null)
    .map(([k, v]) => `${k}=${v}`);
  let exec: Docker.Exec;
  let stream: Duplex;
  try {
    exec = await docker.getContainer(containerId).exec({
      Cmd: argv(step),
      AttachStdout: true,
      AttachStderr: true,
      Env: env,
      WorkingDir: context.workdir,
      ...(context.user ? { User: context.user } : {}),
    });
    stream = (await exec.start({ hijack: true, stdin: false })) as Duplex;
  } catch (error) {
    throw toApiError(error, `run ${label} in the environment`);
  }
  const tail: string[] = [];
  let partial = '';
  const demuxer = new FrameDemuxer();
  const onAbort = () => stream.destroy();
  signal.addEventListener('abort', onAbort, { once: true });
  await new Promise<void>((resolve) => {
    stream.on('data', (chunk: Buffer) =>
      demuxer.push(chunk, (_which, bytes) => {
        const lines = (partial + bytes.toString('utf8')).split('\n');
        partial = lines.pop() ?? '';
        for (const line of lines) {
          tail.push(line);
          if (tail.length > 20) tail.shift();
          context.onLine(label, line);
        }
      }),
    );
    stream.once('end', resolve);
    stream.once('close', resolve);
    stream.once('error', () => resolve());
  });
  signal.removeEventListener('abort', onAbort);
  if (partial) {
    tail.push(partial);
    context.onLine(label, partial);
  }
  if (signal.aborted) throw new ApiError('cancelled', `Cancelled while running ${label}.`);
  let code: number | null = null;
  for (let attempt = 0; attempt < 20; attempt++) {
    const info = await exec.inspect().catch(() => null);
    if (info && !info.Running) {
      code = info.ExitCode ?? null;
      break;
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  if (code !== 0) {
    const shown = step.kind === 'shell' ? step.command : step.args.join(' ');
    throw new ApiError('invalid_input', `${label} failed (exit code ${code ?? 'unknown'}): ${shown}${tail.length ? `\n${tail.slice(-5).join('\n')}` : ''}\nFix the command in the config and start the environment again.`, {
      command: label,
      exitCode: code,
      output: tail,
    });
  }
}

/** Where a launch reports its progress (steps and command output). */
export type Emit = (progress: EnvironmentProgress) => void;

/** What the lifecycle commands need: which, as whom, where, with which variables. */
export type LifecycleView = Pick<ResolvedEnvironment, 'lifecycle' | 'remoteUser' | 'containerUser' | 'workspaceFolder' | 'remoteEnv'>;

/** Runs the named lifecycle commands in order as the remote user; the first failure stops the rest. */
export async function runLifecycle(docker: Docker, containerId: string, resolved: LifecycleView, keys: string[], emit: Emit, signal: AbortSignal): Promise<void> {
  for (const key of keys) {
    const command = resolved.lifecycle[key];
    if (!command) continue;
    emit({ type: 'step', message: `Running ${key}` });
    await runLifecycleCommand(
      {
        docker,
        containerId,
        user: resolved.remoteUser ?? resolved.containerUser,
        workdir: resolved.workspaceFolder,
        env: resolved.remoteEnv,
        signal,
        onLine: (source, line) => emit({ type: 'output', source, line }),
      },
      key,
      command,
    );
  }
}
