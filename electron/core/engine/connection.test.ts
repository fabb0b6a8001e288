import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createNetServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../../shared/api/errors.ts';
import { engineStatusSchema } from '../../../shared/domain/engine.ts';
import type { EndpointCandidate } from './candidates.ts';
import { EngineConnection } from './connection.ts';
import { probeCandidate } from './probe.ts';

const dir = mkdtempSync(join(tmpdir(), 'benchtop-connection-'));
const paths = {
  missing: join(dir, 'missing.sock'),
  silent: join(dir, 'silent.sock'),
  notDocker: join(dir, 'web.sock'),
  docker: join(dir, 'docker.sock'),
  unused: join(dir, 'unused.sock'),
};
const requests: string[] = [];
const servers: Array<Server | ReturnType<typeof createNetServer>> = [];
const held = new Set<Socket>();

beforeAll(async () => {
  const silent = createNetServer((socket) => held.add(socket));
  const notDocker = createHttpServer((_request, response) => {
    response.statusCode = 404;
    response.end();
  });
  const docker = createHttpServer((request, response) => {
    requests.push(request.url ?? '');
    response.setHeader('Api-Version', '1.49');
    if (request.url === '/_ping') response.end('OK');
    else if (request.url === '/version') response.end(JSON.stringify({ Version: '28.0.0', ApiVersion: '1.49', Os: 'linux', Arch: 'amd64' }));
    else if (request.url?.startsWith('/v1.47/containers/json')) response.end('[]');
    else {
      response.statusCode = 404;
      response.end('{"message":"page not found"}');
    }
  });
  for (const [server, path] of [
    [silent, paths.silent],
    [notDocker, paths.notDocker],
    [docker, paths.docker],
  ] as const) {
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(path, resolve));
  }
});
afterAll(async () => {
  for (const socket of held) socket.destroy();
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  rmSync(dir, { recursive: true, force: true });
});

const socket = (name: string, path: string): EndpointCandidate => ({
  kind: 'endpoint',
  name,
  source: 'known-socket',
  address: `unix://${path}`,
  startHint: `${name.toLowerCase()} start`,
  endpoint: { transport: 'unix', socketPath: path },
});

function connectionTo(candidates: EndpointCandidate[], probeTimeoutMs = 150) {
  const probe = vi.fn(probeCandidate);
  return { probe, connection: new EngineConnection({ env: {}, resolve: () => candidates, probe, probeTimeoutMs }) };
}

describe('EngineConnection', () => {
  it('starts disconnected with no candidates', () => {
    const status = new EngineConnection({ env: {} }).status();
    expect(status).toMatchObject({ connected: false, endpoint: null, versions: null, candidates: [] });
    expect(engineStatusSchema.safeParse(status).success).toBe(true);
  });

  it('stops at the first candidate that answers and talks the negotiated API version', async () => {
    const { connection, probe } = connectionTo([socket('Missing', paths.missing), socket('Fake', paths.docker), socket('Unused', paths.unused)]);
    const status = await connection.connect();
    expect(engineStatusSchema.parse(status)).toEqual(status);
    expect(status).toMatchObject({
      connected: true,
      endpoint: { name: 'Fake', source: 'known-socket', address: `unix://${paths.docker}` },
      versions: { serverVersion: '28.0.0', apiVersion: '1.49', negotiatedApiVersion: '1.47' },
    });
    expect(status.candidates.map((c) => c.outcome)).toEqual(['missing', 'ok']);
    expect(probe).toHaveBeenCalledTimes(2);

    requests.length = 0;
    expect(await (await connection.client()).listContainers()).toEqual([]);
    expect(requests).toEqual(['/v1.47/containers/json']);
    connection.close();
  });

  it('probes every candidate when none answers, bounded by the probe timeout, and explains why', async () => {
    const { connection } = connectionTo([socket('Missing', paths.missing), socket('Silent', paths.silent), socket('Web', paths.notDocker)]);
    const started = performance.now();
    const error = await connection.client().catch((caught: unknown) => caught);
    expect(performance.now() - started).toBeLessThan(1_500);
    expect(error).toBeInstanceOf(ApiError);
    const apiError = error as ApiError;
    expect(apiError.code).toBe('engine_unavailable');
    expect(apiError.message).toBe(
      `No Docker engine answered: ${paths.missing} is missing; ${paths.silent} timed out; ${paths.notDocker} is not a Docker engine. ` +
        `The engine behind ${paths.silent} is hung or overloaded: restart it (silent start).`,
    );
    const details = apiError.details as { candidates: Array<{ outcome: string }> };
    expect(details.candidates.map((c) => c.outcome)).toEqual(['missing', 'timeout', 'not_docker']);
    expect(connection.status()).toMatchObject({ connected: false, endpoint: null, versions: null });
    expect(connection.status().candidates).toHaveLength(3);
  });

  it('shares one run between concurrent connects and connects lazily only once for ensureConnected', async () => {
    const { connection, probe } = connectionTo([socket('Fake', paths.docker)]);
    const [first, second] = await Promise.all([connection.connect(), connection.ensureConnected()]);
    expect(first).toBe(second);
    expect(probe).toHaveBeenCalledTimes(1);
    await connection.ensureConnected();
    await connection.client();
    expect(probe).toHaveBeenCalledTimes(1);
    await connection.connect();
    expect(probe).toHaveBeenCalledTimes(2);
    connection.close();
  });

  it('connects to the real engine from an empty home, with a broken config diagnosed on the way', async () => {
    const home = join(dir, 'home');
    mkdirSync(join(home, '.docker'), { recursive: true });
    writeFileSync(join(home, '.docker', 'config.json'), '{"currentContext": ');
    const connection = new EngineConnection({ env: {}, homeDir: home, platform: 'linux' });
    const status = await connection.connect();
    expect(status.connected).toBe(true);
    expect(status.endpoint).toEqual({ name: 'Docker (rootful)', source: 'known-socket', address: 'unix:///var/run/docker.sock' });
    expect(status.candidates[0]).toMatchObject({ outcome: 'error', address: join(home, '.docker', 'config.json') });
    expect(status.versions?.negotiatedApiVersion).toBe(status.versions?.apiVersion);
    const version = await (await connection.client()).version();
    expect(version.ApiVersion).toBe(status.versions?.apiVersion);
    connection.close();
    await expect(connection.client()).rejects.toMatchObject({ code: 'engine_unavailable' });
  });
});
