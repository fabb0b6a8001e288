import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dispatcher } from '../core/api/dispatcher.ts';
import { routePortRequest } from './port-proxy.ts';
import { startWebHost, type WebHost } from './server.ts';

describe('routePortRequest', () => {
  it('reads /ports/<port>/<rest> and refuses path tricks and non-ports', () => {
    expect(routePortRequest('/ports/8888/lab?token=x')).toEqual({ kind: 'port', port: 8888, rest: '/lab?token=x' });
    expect(routePortRequest('/ports/8888/')).toEqual({ kind: 'port', port: 8888, rest: '/' });
    expect(routePortRequest('/ports/8888?x=1')).toEqual({ kind: 'redirect', location: '/ports/8888/?x=1' });
    for (const path of ['/ports/0/', '/ports/65536/', '/ports/08/', '/ports/abc/', '/ports/']) expect(routePortRequest(path).kind, path).toBe('refused');
    for (const path of ['/ports/80/../81/', '/ports/80/%2e%2e/x', '/ports/80%2F..%2F81/', '/ports/80//x', '/ports/80/a\\b']) {
      expect(routePortRequest(path), path).toMatchObject({ kind: 'refused', status: 400 });
    }
  });
});

// A real upstream server stands for a container's published port; which ports count as published is
// the resolver's answer (the core asks the engine: electron/core/containers/published-ports.ts).
describe('the web host serves published ports under /ports/<port>/', () => {
  let upstream: Server;
  let upstreamPort: number;
  let host: WebHost;
  let cookie: string;
  let staticDir: string;
  const seen: { url: string; headers: IncomingHttpHeaders }[] = [];

  beforeAll(async () => {
    upstream = createServer((req, res) => {
      seen.push({ url: req.url ?? '', headers: req.headers });
      res.setHeader('Set-Cookie', ['benchtop_token=stolen; Path=/', 'app=1; Path=/']);
      res.end(`upstream saw ${req.url}`);
    });
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
    upstreamPort = (upstream.address() as AddressInfo).port;
    staticDir = mkdtempSync(join(tmpdir(), 'benchtop-port-proxy-'));
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html>');
    const dispatcher = { invoke: async () => ({ ok: true, value: null }), open: () => ({ close() {}, send() {} }) } as unknown as Dispatcher;
    host = await startWebHost({ dispatcher, staticDir, apps: { resolveApp: async () => null, isPublishedPort: async (port) => port === upstreamPort } });
    cookie = `benchtop_token=${host.token}; other=kept`;
  });
  afterAll(async () => {
    await host.close();
    await new Promise<void>((resolve) => upstream.close(() => resolve()));
    rmSync(staticDir, { recursive: true, force: true });
  });

  const get = (path: string, headers: Record<string, string> = {}) =>
    new Promise<{ status: number; body: string; headers: IncomingHttpHeaders }>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: host.port, path, headers: { host: `127.0.0.1:${host.port}`, ...headers } }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
      });
      req.on('error', reject);
      req.end();
    });

  it('needs the cookie, strips the prefix, and keeps Benchtop\'s cookie from the container both ways', async () => {
    expect((await get(`/ports/${upstreamPort}/x`)).status).toBe(401);
    const answer = await get(`/ports/${upstreamPort}/hello/world?token=theirs`, { cookie });
    expect(answer.status).toBe(200);
    expect(answer.body).toBe('upstream saw /hello/world?token=theirs');
    expect(seen.at(-1)?.headers.cookie).toBe('other=kept');
    expect(answer.headers['set-cookie']).toEqual(['app=1; Path=/']);
    const redirect = await get(`/ports/${upstreamPort}`, { cookie });
    expect(redirect.status).toBe(302);
    expect(redirect.headers.location).toBe(`/ports/${upstreamPort}/`);
  });

  it('reaches only ports a running container publishes, and says so', async () => {
    const other = upstreamPort === 65535 ? upstreamPort - 1 : upstreamPort + 1;
    const refused = await get(`/ports/${other}/`, { cookie });
    expect(refused.status).toBe(502);
    expect(refused.body).toBe(`No running container publishes port ${other} on this machine: start the container in Benchtop, then reload.`);
    expect((await get(`/ports/${host.port}/api/link-token`, { cookie })).status).toBe(502);
  });
});
