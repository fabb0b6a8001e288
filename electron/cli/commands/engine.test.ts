import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { Envelope } from '../../../shared/api/errors.ts';
import type { EngineStatus } from '../../../shared/domain/engine.ts';
import type { Core } from '../../core/app.ts';
import type { CliContext } from '../command.ts';
import engine from './engine.ts';

const connected: EngineStatus = {
  connected: true,
  endpoint: { name: 'Docker (rootful)', source: 'known-socket', address: 'unix:///var/run/docker.sock' },
  versions: {
    serverVersion: '20.10.24',
    apiVersion: '1.41',
    negotiatedApiVersion: '1.41',
    minApiVersion: '1.12',
    os: 'linux',
    arch: 'amd64',
    kernelVersion: '6.1.0',
    operatingSystem: 'Debian GNU/Linux 12 (bookworm)',
  },
  candidates: [
    {
      name: 'DOCKER_HOST',
      source: 'DOCKER_HOST',
      address: 'tcp://10.0.0.9:2375',
      outcome: 'refused',
      detail: 'Nothing listens on 10.0.0.9:2375 (connection refused).',
      fix: 'Start the engine: start the engine that serves tcp://10.0.0.9:2375.',
      apiVersion: null,
      durationMs: 1.4,
    },
    {
      name: 'Docker (rootful)',
      source: 'known-socket',
      address: 'unix:///var/run/docker.sock',
      outcome: 'ok',
      detail: 'Engine 20.10.24 answered: API 1.41, talking 1.41.',
      fix: null,
      apiVersion: '1.41',
      durationMs: 12.2,
    },
  ],
  checkedAt: '2025-01-01T00:00:00.000Z',
};

const disconnected: EngineStatus = {
  connected: false,
  endpoint: null,
  versions: null,
  candidates: [
    {
      name: 'Docker (rootful)',
      source: 'known-socket',
      address: 'unix:///var/run/docker.sock',
      outcome: 'permission_denied',
      detail: 'Permission denied opening /var/run/docker.sock: your user may not use this socket.',
      fix: 'Add your user to the docker group: sudo usermod -aG docker $USER.',
      apiVersion: null,
      durationMs: 0.3,
    },
  ],
  checkedAt: '2025-01-01T00:00:00.000Z',
};

async function runEngine(status: EngineStatus, flags: Record<string, string | boolean> = {}) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const calls: Array<[unknown, unknown]> = [];
  const core = {
    dispatcher: {
      invoke: async (method: unknown, input: unknown): Promise<Envelope<unknown>> => {
        calls.push([method, input]);
        return { ok: true, value: status };
      },
    },
  } as unknown as Core;
  const context: CliContext = { args: [], flags, io: { stdout, stderr, env: {} }, core: async () => core, signal: new AbortController().signal };
  const code = await engine.run(context);
  stdout.end();
  stderr.end();
  return { code, calls, out: String(stdout.read() ?? ''), err: String(stderr.read() ?? '') };
}

describe('benchtop engine', () => {
  it('prints the endpoint, the versions and every candidate with its fix', async () => {
    const { code, calls, out, err } = await runEngine(connected);
    expect(code).toBe(0);
    expect(err).toBe('');
    expect(calls).toEqual([['engine.status', {}]]);
    const lines = out.split('\n');
    expect(lines[0]).toBe('Connected to Docker (rootful) at unix:///var/run/docker.sock (known-socket)');
    expect(out).toContain('Server:      20.10.24');
    expect(out).toContain('API:         1.41 (accepts 1.12 and later)');
    expect(out).toContain('Negotiated:  1.41');
    expect(out).toContain('Platform:    linux/amd64, Debian GNU/Linux 12 (bookworm), kernel 6.1.0');
    const header = lines.findIndex((line) => line.startsWith('OUTCOME'));
    expect(lines[header]).toMatch(/^OUTCOME\s+CANDIDATE\s+ADDRESS\s+TIME\s+DETAIL$/);
    expect(lines[header + 1]).toMatch(/^refused\s+DOCKER_HOST\s+tcp:\/\/10\.0\.0\.9:2375\s+1 ms\s+Nothing listens/);
    expect(lines[header + 2]).toBe('    fix: Start the engine: start the engine that serves tcp://10.0.0.9:2375.');
    expect(lines[header + 3]).toMatch(/^ok\s+Docker \(rootful\)\s+unix:\/\/\/var\/run\/docker\.sock\s+12 ms\s+Engine 20\.10\.24/);
  });

  it('prints EngineStatus as JSON with --json', async () => {
    const { code, out } = await runEngine(connected, { json: true });
    expect(code).toBe(0);
    expect(JSON.parse(out)).toEqual(connected);
  });

  it('exits 1 with a one-line summary on stderr when no engine answered', async () => {
    const { code, out, err } = await runEngine(disconnected);
    expect(code).toBe(1);
    expect(out).toContain('permission_denied');
    expect(out).toContain('    fix: Add your user to the docker group');
    expect(err.trimEnd().split('\n')).toHaveLength(1);
    expect(err).toBe(
      'benchtop: No Docker engine answered: /var/run/docker.sock denied permission. Add your user to the docker group: sudo usermod -aG docker $USER.\n',
    );

    const json = await runEngine(disconnected, { json: true });
    expect(json.code).toBe(1);
    expect(JSON.parse(json.out)).toEqual(disconnected);
    expect(json.err).toMatch(/^benchtop: No Docker engine answered/);
  });
});
