import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import type { Dispatcher } from '../core/api/dispatcher.ts';
import { routeAppRequest, withoutTokenCookie } from './app-proxy.ts';
import { startWebHost, type WebHost } from './server.ts';

const ENV = '0123456789ab';

describe('routeAppRequest', () => {
  it('reads /apps/<environment>/<app>/<rest> and refuses path tricks', () => {
    expect(routeAppRequest(`/apps/${ENV}/jupyterlab/lab?token=x`)).toEqual({ kind: 'app', environmentId: ENV, appName: 'jupyterlab', rest: '/lab?token=x', prefix: `/apps/${ENV}/jupyterlab/` });
    expect(routeAppRequest(`/apps/${ENV}/jupyterlab/`)).toMatchObject({ kind: 'app', rest: '/' });
    expect(routeAppRequest(`/apps/${ENV}/jupyterlab?x=1`)).toEqual({ kind: 'redirect', location: `/apps/${ENV}/jupyterlab/?x=1` });
    expect(routeAppRequest(`/apps/${ENV}/jupyterlab/api/contents/a%20b.ipynb`)).toMatchObject({ kind: 'app', rest: '/api/contents/a%20b.ipynb' });
    const refused = [
      `/apps/${ENV}/jupyterlab/../other/`,
      `/apps/${ENV}/jupyterlab/%2e%2e/other/`,
      `/apps/${ENV}/jupyterlab/%2E./x`,
      `/apps/${ENV}/jupyterlab/./x`,
      `/apps/${ENV}/jupyterlab%2F..%2Fother/`,
      `/apps/${ENV}/jupyterlab/a%5c..%5cb`,
      `/apps/${ENV}/jupyterlab/a\\b`,
      `/apps/${ENV}//jupyterlab/`,
      `/apps/${ENV}/jupyterlab//etc`,
      `/apps/${ENV}/jupyterlab/%00`,
      `/apps/${ENV}/jupyterlab/%zz`,
      `/apps/${ENV.toUpperCase()}/jupyterlab/`,
      `/apps/../${ENV}/jupyterlab/`,
      `/apps/${ENV}/Jupyter/`,
      '/apps/',
    ];
    for (const path of refused) expect(routeAppRequest(path).kind, path).toBe('refused');
  });

  it('drops only Benchtop\'s cookie from what the app receives', () => {
    expect(withoutTokenCookie('a=1; benchtop_token=secret; _xsrf=2')).toBe('a=1; _xsrf=2');
    expect(withoutTokenCookie('benchtop_token=secret')).toBe('');
  });
});

/** A stand-in app (the proxy logic is under test; the real JupyterLab is in notebook-apps.int.test.ts). */
let app: Server;
let appPort = 0;
let host: WebHost;
let staticDir: string;
const idle: Dispatcher = {
  invoke: async () => ({ ok: false, error: { code: 'not_found', message: 'x' } }),
  open: (_m, _i, sink) => {
    sink.end();
    return { close: () => {}, send: () => {} };
  },
};

function call(method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: host.port, method, path, headers: { host: `127.0.0.1:${host.port}`, ...headers } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text, headers: res.headers }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

beforeAll(async () => {
  app = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      res.setHeader('Set-Cookie', ['app_session=1; Path=/', 'benchtop_token=stolen; Path=/']);
      res.setHeader('Content-Type', 'application/json');
      res.end(JSON.stringify({ method: req.method, url: req.url, cookie: req.headers.cookie ?? null, host: req.headers.host, body }));
    });
  });
  const wss = new WebSocketServer({ server: app });
  wss.on('connection', (ws, req) => ws.on('message', (data) => ws.send(`${req.url} ${req.headers.cookie ?? 'no-cookie'} ${String(data)}`)));
  await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
  appPort = (app.address() as AddressInfo).port;
  staticDir = mkdtempSync(join(tmpdir(), 'benchtop-proxy-'));
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html>');
  host = await startWebHost({
    dispatcher: idle,
    staticDir,
    apps: { resolveApp: async (env, name) => (env === ENV && name === 'based' ? { port: appPort, knowsBasePath: true } : env === ENV && name === 'plain' ? { port: appPort, knowsBasePath: false } : null) },
  });
});

afterAll(async () => {
  await host.close();
  await new Promise((resolve) => app.close(resolve));
  rmSync(staticDir, { recursive: true, force: true });
});

describe('the web host serves apps under /apps/<environment>/<app>/', () => {
  const cookie = () => `benchtop_token=${host.token}; app_session=1`;

  it('needs the cookie, passes any method, keeps or strips the prefix, and keeps Benchtop\'s cookie from the app both ways', async () => {
    expect((await call('GET', `/apps/${ENV}/based/lab?token=app-token`)).status).toBe(401);
    const based = await call('POST', `/apps/${ENV}/based/api/kernels?token=app-token`, { cookie: cookie(), 'content-type': 'application/json' }, '{"name":"python3"}');
    expect(based.status).toBe(200);
    expect(JSON.parse(based.body)).toEqual({ method: 'POST', url: `/apps/${ENV}/based/api/kernels?token=app-token`, cookie: 'app_session=1', host: `127.0.0.1:${host.port}`, body: '{"name":"python3"}' });
    expect(based.headers['set-cookie']).toEqual(['app_session=1; Path=/']);
    expect(based.headers['content-security-policy']).toBeUndefined();
    const plain = await call('DELETE', `/apps/${ENV}/plain/x/y?z=1`, { cookie: cookie() });
    expect(JSON.parse(plain.body)).toMatchObject({ method: 'DELETE', url: '/x/y?z=1' });
    expect((await call('GET', `/apps/${ENV}/plain`, { cookie: cookie() })).headers.location).toBe(`/apps/${ENV}/plain/`);
    expect((await call('GET', `/apps/${ENV}/other/`, { cookie: cookie() })).status).toBe(502);
    expect((await call('GET', `/apps/${ENV}/based/../plain/`, { cookie: cookie() })).status).toBe(400);
    expect((await call('GET', `/apps/${ENV}/based/%2e%2e/plain/`, { cookie: cookie() })).status).toBe(400);
    expect((await call('GET', `/apps/${ENV}/based/`, { cookie: cookie(), host: 'evil.example' })).status).toBe(403);
  });

  it('proxies WebSockets with the cookie and our Origin only', async () => {
    const open = (headers: Record<string, string>) =>
      new Promise<string>((resolve, reject) => {
        const ws = new WebSocket(`ws://127.0.0.1:${host.port}/apps/${ENV}/based/api/kernels/k1/channels?token=t`, { headers });
        ws.on('open', () => ws.send('ping'));
        ws.on('message', (data) => {
          ws.close();
          resolve(String(data));
        });
        ws.on('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
        ws.on('error', reject);
      });
    const origin = `http://127.0.0.1:${host.port}`;
    expect(await open({ Origin: origin, Cookie: cookie() })).toBe(`/apps/${ENV}/based/api/kernels/k1/channels?token=t app_session=1 ping`);
    await expect(open({ Origin: origin })).rejects.toThrow('HTTP 401');
    await expect(open({ Origin: 'http://127.0.0.1:1', Cookie: cookie() })).rejects.toThrow('HTTP 403');
  });
});
