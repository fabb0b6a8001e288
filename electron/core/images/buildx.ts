import { execFile, spawn } from 'node:child_process';

export interface BuildxInfo {
  available: boolean;
  version: string | null;
}

/** `docker buildx version` answers: the plugin is there (BuildKit builds, RUN --mount, secrets). */
export function detectBuildx(env: NodeJS.ProcessEnv = process.env, timeoutMs = 5_000): Promise<BuildxInfo> {
  return new Promise((resolve) => {
    execFile('docker', ['buildx', 'version'], { env, timeout: timeoutMs }, (error, stdout) => {
      if (error) resolve({ available: false, version: null });
      else resolve({ available: true, version: stdout.trim().split('\n')[0] || null });
    });
  });
}

export interface BuildxRun {
  args: string[];
  env: NodeJS.ProcessEnv;
  /** Every chunk of stdout and stderr (plain progress goes to stderr). */
  onOutput(chunk: string): void;
  signal: AbortSignal;
}

/**
 * Runs `docker …` in its own process group; resolves with the exit code. On abort the whole group
 * gets SIGINT (the docker CLI runs buildx as a child plugin), then SIGKILL after 3 s, and the
 * promise resolves once the CLI exits.
 */
export function runDockerCli(run: BuildxRun): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn('docker', run.args, { env: run.env, stdio: ['ignore', 'pipe', 'pipe'], detached: process.platform !== 'win32' });
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stdout.on('data', run.onOutput);
    child.stderr.on('data', run.onOutput);
    let killTimer: ReturnType<typeof setTimeout> | null = null;
    let settled = false;
    const settle = (code: number | null) => {
      if (settled) return;
      settled = true;
      run.signal.removeEventListener('abort', onAbort);
      // After a cancel the timer stays: whatever is left of the group is killed 3 s after SIGINT.
      if (killTimer && !run.signal.aborted) clearTimeout(killTimer);
      resolve(code ?? 1);
    };
    const signalGroup = (signal: NodeJS.Signals) => {
      try {
        if (child.pid !== undefined && process.platform !== 'win32') process.kill(-child.pid, signal);
        else child.kill(signal);
      } catch {
        // Already gone.
      }
    };
    const onAbort = () => {
      signalGroup('SIGINT');
      killTimer = setTimeout(() => signalGroup('SIGKILL'), 3_000);
      killTimer.unref();
    };
    if (run.signal.aborted) onAbort();
    else run.signal.addEventListener('abort', onAbort, { once: true });
    child.once('error', (error) => {
      if (settled) return;
      settled = true;
      run.signal.removeEventListener('abort', onAbort);
      reject(error);
    });
    // After a cancel, a grandchild may still hold the pipes open: the exit is enough then.
    child.once('exit', (code) => {
      if (run.signal.aborted) settle(code);
    });
    child.once('close', (code) => settle(code));
  });
}

export interface BuildxArgsInput {
  contextDir: string;
  dockerfile: string;
  tags: readonly string[];
  buildArgs: Record<string, string>;
  target?: string;
  labels: Record<string, string>;
  iidFile: string;
}

export function buildxArgs(input: BuildxArgsInput): string[] {
  const args = ['buildx', 'build', '--progress=plain', '--load', '--iidfile', input.iidFile, '-f', `${input.contextDir}/${input.dockerfile}`];
  for (const tag of input.tags) args.push('-t', tag);
  for (const [key, value] of Object.entries(input.buildArgs)) args.push('--build-arg', `${key}=${value}`);
  for (const [key, value] of Object.entries(input.labels)) args.push('--label', `${key}=${value}`);
  if (input.target) args.push('--target', input.target);
  args.push(input.contextDir);
  return args;
}
