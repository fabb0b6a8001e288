import { chmodSync, linkSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer, type RequestListener } from 'node:http';
import { createServer as createNetServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { EndpointCandidate, EngineCandidate, EngineEndpoint } from './candidates.ts';
import { probeCandidate } from './probe.ts';

const dir = mkdtempSync(join(tmpdir(), 'benchtop-probe-'));
const servers: Server[] = [];
const sockets = new Set<Socket>();
afterEach(async () => {
  for (const socket of sockets) socket.destroy();
  sockets.clear();
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let counter = 0;
const socketPath = () => join(dir, `s${++counter}.sock`);

function candidate(endpoint: EngineEndpoint, name = 'Test engine'): EndpointCandidate {
  const address = 'socketPath' in endpoint ? `${endpoint.transport}://${endpoint.socketPath}` : `${endpoint.transport}://${endpoint.host}:${endpoint.port}`;
  return { kind: 'endpoint', name, source: 'known-socket', address, startHint: 'test-engine start', endpoint };
}
const unix = (path: string, name?: string) => candidate({ transport: 'unix', socketPath: path }, name);

async function listen(server: Server, where: string | number): Promise<Server> {
  servers.push(server);
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => (typeof where === 'number' ? server.listen(where, '127.0.0.1', resolve) : server.listen(where, resolve)));
  return server;
}

async function httpServer(path: string | number, handler: RequestListener): Promise<Server> {
  return listen(createHttpServer(handler), path);
}

/** Answers like a Docker engine that speaks `apiVersion`. */
function fakeDocker(apiVersion: string): RequestListener {
  return (request, response) => {
    response.setHeader('Api-Version', apiVersion);
    response.setHeader('Server', 'Docker/99.0.0 (linux)');
    if (request.url === '/_ping') {
      response.setHeader('Content-Type', 'text/plain; charset=utf-8');
      response.end('OK');
    } else if (request.url === '/version') {
      response.setHeader('Content-Type', 'application/json');
      response.end(JSON.stringify({ Platform: { Name: 'Fake Engine' }, Version: '99.0.0', ApiVersion: apiVersion, MinAPIVersion: '1.24', Os: 'linux', Arch: 'arm64', KernelVersion: '6.1.0' }));
    } else if (request.url === '/info') {
      response.end(JSON.stringify({ OperatingSystem: 'Fake OS 1' }));
    } else {
      response.statusCode = 404;
      response.end('{"message":"page not found"}');
    }
  };
}

describe('probeCandidate over unix sockets', () => {
  it('reports a missing socket with the product start command', async () => {
    const path = join(dir, 'absent.sock');
    const { diagnosis } = await probeCandidate(unix(path, 'Colima'));
    expect(diagnosis).toMatchObject({ outcome: 'missing', detail: `${path} does not exist.`, apiVersion: null });
    expect(diagnosis.fix).toBe('If you use Colima, start it: test-engine start.');
  });

  it('reports a socket that exists but where nothing listens as refused', async () => {
    const live = socketPath();
    const stale = socketPath();
    await listen(createNetServer(), live);
    linkSync(live, stale);
    await new Promise((resolve) => servers.pop()?.close(resolve));
    const { diagnosis } = await probeCandidate(unix(stale));
    expect(diagnosis.outcome).toBe('refused');
    expect(diagnosis.detail).toContain('exists but nothing listens');
    expect(diagnosis.fix).toBe('Start the engine: test-engine start.');
  });

  it('reports a server that closes the connection without HTTP as not_docker', async () => {
    const path = socketPath();
    await listen(createNetServer((socket) => socket.destroy()), path);
    const { diagnosis } = await probeCandidate(unix(path));
    expect(diagnosis.detail).toContain('did not answer with HTTP');
    expect(diagnosis.outcome).toBe('not_docker');
  });

  it('reports a server that answers with something other than HTTP as not_docker', async () => {
    const path = socketPath();
    await listen(createNetServer((socket) => socket.end('SSH-2.0-OpenSSH_9.6\r\n')), path);
    const { diagnosis } = await probeCandidate(unix(path));
    expect(diagnosis.outcome).toBe('not_docker');
  });

  it('reports an HTTP server that is not Docker (404 on /_ping) as not_docker', async () => {
    const path = socketPath();
    await httpServer(path, (_request, response) => {
      response.statusCode = 404;
      response.end('not found');
    });
    const { diagnosis } = await probeCandidate(unix(path));
    expect(diagnosis).toMatchObject({ outcome: 'not_docker', apiVersion: null });
    expect(diagnosis.detail).toContain('answered GET /_ping with HTTP 404');
    expect(diagnosis.fix).toBeTruthy();
  });

  it('reports an HTTP server that says OK without the Api-Version header as not_docker', async () => {
    const path = socketPath();
    await httpServer(path, (_request, response) => response.end('OK'));
    const { diagnosis } = await probeCandidate(unix(path));
    expect(diagnosis.outcome).toBe('not_docker');
    expect(diagnosis.detail).toContain('no Api-Version header');
  });

  it('bounds a server that never answers by the timeout', async () => {
    const path = socketPath();
    await listen(createNetServer(() => {}), path);
    const started = performance.now();
    const { diagnosis } = await probeCandidate(unix(path), { timeoutMs: 150 });
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(diagnosis).toMatchObject({ outcome: 'timeout', detail: `${path} gave no answer within 150 ms.` });
    expect(diagnosis.durationMs).toBeGreaterThanOrEqual(140);
  });

  it('reports a regular file in place of the socket as not_docker', async () => {
    const path = join(dir, 'plain-file.sock');
    writeFileSync(path, 'x');
    const { diagnosis } = await probeCandidate(unix(path));
    expect(diagnosis).toMatchObject({ outcome: 'not_docker', detail: `${path} exists but is not a socket.` });
  });

  // Root bypasses mode bits, so only a non-root run can see EACCES from a mode-000 socket; the
  // classification itself is covered with a synthetic EACCES in probe-outcome.test.ts.
  it.skipIf(process.getuid?.() === 0)('reports a socket the user may not open as permission_denied', async () => {
    const path = socketPath();
    await httpServer(path, fakeDocker('1.45'));
    chmodSync(path, 0o000);
    const { diagnosis } = await probeCandidate(unix(path));
    expect(diagnosis.outcome).toBe('permission_denied');
  });

  it('reports a fake Docker API as ok with versions and the negotiated API version', async () => {
    const path = socketPath();
    await httpServer(path, fakeDocker('1.49'));
    const { diagnosis, versions } = await probeCandidate(unix(path));
    expect(diagnosis).toMatchObject({ outcome: 'ok', fix: null, apiVersion: '1.49', detail: 'Fake Engine 99.0.0 answered: API 1.49, talking 1.47.' });
    expect(versions).toEqual({
      serverVersion: '99.0.0',
      apiVersion: '1.49',
      negotiatedApiVersion: '1.47',
      minApiVersion: '1.24',
      os: 'linux',
      arch: 'arm64',
      kernelVersion: '6.1.0',
      operatingSystem: 'Fake OS 1',
    });
  });

  it('never negotiates above the server version, and rejects an engine older than API 1.40', async () => {
    const path = socketPath();
    await httpServer(path, fakeDocker('1.41'));
    expect((await probeCandidate(unix(path))).versions?.negotiatedApiVersion).toBe('1.41');

    const old = socketPath();
    await httpServer(old, fakeDocker('1.30'));
    const { diagnosis, versions } = await probeCandidate(unix(old));
    expect(diagnosis.outcome).toBe('unsupported');
    expect(diagnosis.fix).toContain('Upgrade');
    expect(versions).toBeNull();
  });

  it('talks to the real engine at /var/run/docker.sock', async () => {
    const { diagnosis, versions } = await probeCandidate(unix('/var/run/docker.sock', 'Docker (rootful)'));
    expect(diagnosis.outcome).toBe('ok');
    expect(diagnosis.apiVersion).toMatch(/^1\.\d+$/);
    expect(versions?.negotiatedApiVersion).toBe(diagnosis.apiVersion);
  });
});

describe('probeCandidate over other transports', () => {
  it('probes tcp:// and reports a closed port as refused', async () => {
    const server = await httpServer(0, fakeDocker('1.44'));
    const port = (server.address() as AddressInfo).port;
    const ok = await probeCandidate(candidate({ transport: 'tcp', host: '127.0.0.1', port, tls: null }));
    expect(ok.diagnosis).toMatchObject({ outcome: 'ok', apiVersion: '1.44' });

    await new Promise((resolve) => servers.pop()?.close(resolve));
    const closed = await probeCandidate(candidate({ transport: 'tcp', host: '127.0.0.1', port, tls: null }));
    expect(closed.diagnosis.outcome).toBe('refused');
    expect(closed.diagnosis.detail).toBe(`Nothing listens on 127.0.0.1:${port} (connection refused).`);
  });

  it('reports a TLS handshake against a plain HTTP port as a TLS error', async () => {
    const server = await httpServer(0, fakeDocker('1.44'));
    const port = (server.address() as AddressInfo).port;
    const tls = { verify: true, caFile: null, certFile: null, keyFile: null };
    const { diagnosis } = await probeCandidate(candidate({ transport: 'tcp', host: '127.0.0.1', port, tls }));
    expect(diagnosis.outcome).toBe('error');
    expect(diagnosis.detail).toContain('TLS handshake');
  });

  it('probes ssh:// with a timeout and classifies a refused and a silent server', async () => {
    const server = await listen(createNetServer(() => {}), 0);
    const port = (server.address() as AddressInfo).port;
    const started = performance.now();
    const silent = await probeCandidate(candidate({ transport: 'ssh', host: '127.0.0.1', port, username: 'nobody' }), { timeoutMs: 300 });
    expect(silent.diagnosis.outcome).toBe('timeout');
    expect(performance.now() - started).toBeLessThan(2_000);

    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => servers.pop()?.close(resolve));
    const refused = await probeCandidate(candidate({ transport: 'ssh', host: '127.0.0.1', port, username: 'nobody' }), { timeoutMs: 1_000 });
    expect(refused.diagnosis.outcome).toBe('refused');
  });

  it('reports a named pipe as unsupported off Windows', async () => {
    const { diagnosis } = await probeCandidate(candidate({ transport: 'npipe', socketPath: '//./pipe/docker_engine' }), { platform: 'linux' });
    expect(diagnosis.outcome).toBe('unsupported');
  });

  it('passes a diagnosed candidate through unchanged', async () => {
    const diagnosed: EngineCandidate = {
      kind: 'diagnosed',
      name: 'Docker CLI config',
      source: 'current-context',
      address: '/home/me/.docker/config.json',
      startHint: '',
      outcome: 'error',
      detail: '/home/me/.docker/config.json is not valid JSON',
      fix: 'Repair it.',
    };
    const { diagnosis } = await probeCandidate(diagnosed);
    expect(diagnosis).toMatchObject({ outcome: 'error', detail: diagnosed.detail, fix: 'Repair it.', address: diagnosed.address });
  });
});
