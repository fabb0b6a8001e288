import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, openSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Test support for the chaos suite: a second dockerd of our own, with its own data root, exec root
 * (and so its own containerd), socket and pid file, no bridge and no iptables rules. The suite stops
 * and starts THIS engine; the machine's engine, which every other test uses, is never touched
 * (its own bridge interface too: see BRIDGE).
 * Needs root and the `dockerd` binary; `ownEngineUnavailable()` says why not when it cannot run.
 */
export interface OwnEngine {
  /** unix:///var/run/benchtop-chaos.sock: set as DOCKER_HOST for the core under test. */
  host: string;
  socket: string;
  /** Starts dockerd (again) and resolves once it answers. */
  start(options?: { liveRestore?: boolean }): Promise<void>;
  /** SIGTERM, then waits until the process is gone (dockerd stops its containers first unless live-restore). */
  stop(): Promise<void>;
  /** `docker …` against this engine. */
  docker(args: string[], input?: Buffer): string;
  /** Stops it and removes its sockets and pid file (the data root is kept: images load once). */
  dispose(): Promise<void>;
}

/**
 * `BENCHTOP_CHAOS_ENGINE=<name>` gives a second chaos run on the same machine an engine of its own
 * (data root, sockets, bridge), so two runs never stop each other's dockerd; default `benchtop-chaos`.
 */
const NAME = process.env.BENCHTOP_CHAOS_ENGINE || 'benchtop-chaos';
const OWN_NAME = NAME !== 'benchtop-chaos';
const DATA_ROOT = `/var/lib/${NAME}-docker`;
const EXEC_ROOT = `/var/run/${NAME}`;
const PID_FILE = `/var/run/${NAME}.pid`;
const SOCKET = `/var/run/${NAME}.sock`;
/**
 * Our engine's own bridge. Never `--bridge=none`: a dockerd started that way deletes the
 * interface `docker0` at start, which is the machine engine's bridge (its containers then fail
 * with "could not find bridge docker0"). A bridge of our own leaves docker0 alone.
 */
const BRIDGE = OWN_NAME ? `bt-${createHash('sha256').update(NAME).digest('hex').slice(0, 8)}` : 'bt-chaos0';
const BRIDGE_ADDRESS = OWN_NAME ? `10.213.${8 + (createHash('sha256').update(NAME).digest()[0] % 240)}.1/24` : '10.213.7.1/24';

function ensureBridge(): void {
  const ip = (...args: string[]) => execFileSync('ip', args, { stdio: 'ignore' });
  try {
    ip('link', 'show', BRIDGE);
  } catch {
    ip('link', 'add', BRIDGE, 'type', 'bridge');
    ip('addr', 'add', BRIDGE_ADDRESS, 'dev', BRIDGE);
  }
  ip('link', 'set', BRIDGE, 'up');
}

export function ownEngineUnavailable(): string | null {
  if (process.getuid?.() !== 0) return 'the chaos suite starts its own dockerd: run it as root';
  try {
    execFileSync('ip', ['-V'], { stdio: 'ignore' });
  } catch {
    return 'no `ip` command (iproute2) to make the own engine a bridge';
  }
  try {
    execFileSync('dockerd', ['--version'], { stdio: 'ignore' });
  } catch {
    return 'no dockerd binary on PATH (install docker.io)';
  }
  return null;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export function createOwnEngine(logDir: string): OwnEngine {
  let child: ChildProcess | null = null;
  const env = { ...process.env, DOCKER_HOST: `unix://${SOCKET}` };
  const docker = (args: string[], input?: Buffer) => execFileSync('docker', args, { env, input, encoding: 'utf8', stdio: [input ? 'pipe' : 'ignore', 'pipe', 'pipe'] });
  const answers = () => {
    try {
      docker(['version', '--format', '{{.Server.Version}}']);
      return true;
    } catch {
      return false;
    }
  };
  const leftover = () => {
    // A dockerd of ours that an earlier, interrupted run left behind (never the machine's engine: our pid file only).
    if (!existsSync(PID_FILE)) return;
    const pid = Number(readFileSync(PID_FILE, 'utf8').trim());
    if (pid > 0 && pidAlive(pid)) process.kill(pid, 'SIGTERM');
  };
  const engine: OwnEngine = {
    host: `unix://${SOCKET}`,
    socket: SOCKET,
    docker,
    async start(options = {}) {
      if (child && child.exitCode === null && answers()) return;
      leftover();
      for (let i = 0; i < 100 && existsSync(PID_FILE); i++) await sleep(100);
      ensureBridge();
      mkdirSync(logDir, { recursive: true });
      const log = openSync(join(logDir, 'dockerd.log'), 'a');
      child = spawn(
        'dockerd',
        [
          '--data-root', DATA_ROOT,
          '--exec-root', EXEC_ROOT,
          '--pidfile', PID_FILE,
          '-H', `unix://${SOCKET}`,
          `--bridge=${BRIDGE}`,
          '--iptables=false',
          '--ip-masq=false',
          '--shutdown-timeout', '2',
          ...(options.liveRestore ? ['--live-restore'] : []),
        ],
        { stdio: ['ignore', log, log], detached: true },
      );
      for (let i = 0; i < 150; i++) {
        if (answers()) return;
        if (child.exitCode !== null) break;
        await sleep(200);
      }
      throw new Error(`our dockerd did not start: see ${join(logDir, 'dockerd.log')}`);
    },
    async stop() {
      const running = child;
      if (!running || running.exitCode !== null) return;
      const exited = new Promise((resolve) => running.once('exit', resolve));
      running.kill('SIGTERM');
      await exited;
      child = null;
    },
    async dispose() {
      await engine.stop();
      leftover();
      for (const path of [SOCKET, PID_FILE]) rmSync(path, { force: true });
      try {
        execFileSync('ip', ['link', 'del', BRIDGE], { stdio: 'ignore' });
      } catch {
        // already gone
      }
    },
  };
  return engine;
}

/**
 * Loads an image from the machine's engine into ours, once (the data root is kept between runs):
 * `docker save | docker load` streamed, never held in memory. Returns the seconds it took, 0 when
 * the image was already there.
 */
export function loadImage(engine: OwnEngine, image: string): number {
  try {
    engine.docker(['image', 'inspect', image]);
    return 0;
  } catch {
    // not there yet
  }
  const started = Date.now();
  execFileSync('bash', ['-c', 'set -o pipefail; DOCKER_HOST= docker save "$1" | DOCKER_HOST="$2" docker load -q', 'load-image', image, engine.host], { stdio: ['ignore', 'ignore', 'pipe'] });
  return (Date.now() - started) / 1000;
}
