import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import type { ServerMessage } from '../../../../shared/api/wire.ts';

const cli = fileURLToPath(new URL('../../../cli/main.ts', import.meta.url));

/** Test support for the chaos suite: `benchtop web` as a user starts it, on a given data folder. */
export interface WebHostProcess {
  url: string;
  port: number;
  token: string;
  process: ChildProcess;
  /** SIGTERM (or the given signal) and wait for the exit. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** `port`: 0 picks a free one; the same port again restarts the host where an open page expects it. */
export async function startWebHost(home: string, env: NodeJS.ProcessEnv = {}, port = 0): Promise<WebHostProcess> {
  const child = spawn(process.execPath, [cli, 'web', '--port', String(port)], { env: { ...process.env, BENCHTOP_HOME: home, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`benchtop web printed no URL within 30 s:\n${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[0]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`benchtop web exited with ${code}:\n${output}`));
    });
  });
  const parsed = new URL(url);
  return {
    url,
    port: Number(parsed.port),
    token: parsed.searchParams.get('token') ?? '',
    process: child,
    stop: (signal = 'SIGTERM') =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill(signal);
      }),
  };
}

/** A WebSocket to the host's /api as its own page would open it (Origin and token cookie). */
export function openSocket(host: Pick<WebHostProcess, 'port' | 'token'>): Promise<WebSocket> {
  const ws = new WebSocket(`ws://127.0.0.1:${host.port}/api`, { headers: { origin: `http://127.0.0.1:${host.port}`, cookie: `benchtop_token=${host.token}` } });
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

/** Calls one method and resolves with its envelope. */
export function invoke(ws: WebSocket, id: number, method: string, input: unknown, timeoutMs = 10_000): Promise<ServerMessage> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${method} did not answer within ${timeoutMs} ms`)), timeoutMs);
    const onMessage = (data: WebSocket.RawData, binary: boolean) => {
      if (binary) return;
      const message = JSON.parse(data.toString()) as ServerMessage;
      if (message.id !== id) return;
      clearTimeout(timer);
      ws.off('message', onMessage);
      resolve(message);
    };
    ws.on('message', onMessage);
    ws.send(JSON.stringify({ t: 'invoke', id, method, input }));
  });
}
