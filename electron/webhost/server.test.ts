import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { Dispatcher, StreamSink } from '../core/api/dispatcher.ts';
import { CONTENT_SECURITY_POLICY } from '../core/security/content-security-policy.ts';
import { MAX_MESSAGE_BYTES, WEB_SOCKET_PATH, type ServerMessage } from '../../shared/api/wire.ts';
import { startWebHost, type WebHost } from './server.ts';

/** A dispatcher that echoes calls and, for `ticks`, pushes a value every 5 ms until aborted. */
function fakeDispatcher() {
  const signals: AbortSignal[] = [];
  const dispatcher: Dispatcher = {
    async invoke(method, input) {
      if (method === 'fail') return { ok: false, error: { code: 'not_found', message: 'nope' } };
      return { ok: true, value: { method, input } };
    },
    open(method, input, sink: StreamSink<unknown>) {
      const controller = new AbortController();
      signals.push(controller.signal);
      if (method === 'count') {
        const n = (input as { n: number }).n;
        for (let i = 0; i < n; i += 1) sink.next(i);
        sink.end();
      } else if (method === 'ticks') {
        let i = 0;
        const timer = setInterval(() => sink.next(i++), 5);
        controller.signal.addEventListener('abort', () => clearInterval(timer));
      } else {
        sink.end({ code: 'unknown_method', message: `no ${String(method)}` });
      }
      return { close: () => controller.abort(), send: () => {} };
    },
  };
  return { dispatcher, signals };
}

type HttpAnswer = { status: number; headers: Record<string, string | string[] | undefined>; body: string };

function get(host: WebHost, pathname: string, headers: Record<string, string> = {}): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: host.port, path: pathname, method: 'GET', headers: { host: `127.0.0.1:${host.port}`, ...headers } },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

let base: string;
let staticDir: string;
let fake: ReturnType<typeof fakeDispatcher>;
let host: WebHost;
let cookie: string;
const sockets: WebSocket[] = [];

beforeAll(async () => {
  base = mkdtempSync(path.join(tmpdir(), 'benchtop-webhost-'));
  staticDir = path.join(base, 'renderer');
  mkdirSync(path.join(staticDir, 'assets'), { recursive: true });
  writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>Benchtop</title>');
  writeFileSync(path.join(staticDir, 'assets', 'app.js'), 'export {};');
  writeFileSync(path.join(base, 'secret.txt'), 'do not serve');
  fake = fakeDispatcher();
  host = await startWebHost({ dispatcher: fake.dispatcher, staticDir, maxStreamsPerSocket: 4 });
  cookie = `benchtop_token=${host.token}`;
});

afterEach(() => {
  for (const ws of sockets.splice(0)) ws.terminate();
});

afterAll(async () => {
  await host.close();
  rmSync(base, { recursive: true, force: true });
});

function connect(headers: Record<string, string> = {}): WebSocket {
  const ws = new WebSocket(`ws://127.0.0.1:${host.port}${WEB_SOCKET_PATH}`, {
    headers: { origin: `http://127.0.0.1:${host.port}`, cookie, ...headers },
  });
  sockets.push(ws);
  return ws;
}

function refusal(ws: WebSocket): Promise<number> {
  return new Promise((resolve, reject) => {
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.on('open', () => reject(new Error('upgrade was accepted')));
    ws.on('error', () => {});
  });
}

function opened(ws: WebSocket): Promise<void> {
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
}

function closed(ws: WebSocket): Promise<{ code: number; reason: string }> {
  return new Promise((resolve) => ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })));
}

/** Collects server messages for one id until `done` says so. */
function collect(ws: WebSocket, id: number, done: (messages: ServerMessage[]) => boolean): Promise<ServerMessage[]> {
  return new Promise((resolve) => {
    const messages: ServerMessage[] = [];
    const onMessage = (data: Buffer) => {
      const message = JSON.parse(data.toString()) as ServerMessage;
      if (message.id !== id) return;
      messages.push(message);
      if (done(messages)) {
        ws.off('message', onMessage);
        resolve(messages);
      }
    };
    ws.on('message', onMessage);
  });
}

describe('startWebHost', () => {
  it('binds to loopback and prints a token URL', () => {
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/?token=${host.token}`);
    expect(host.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    const answer = await get(host, '/', { host: `evil.test:${host.port}`, cookie });
    expect(answer.status).toBe(403);
    expect(answer.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect((await get(host, '/', { host: `127.0.0.1:${host.port + 1}`, cookie })).status).toBe(403);
  });

  it('accepts the loopback names on its port', async () => {
    for (const name of ['127.0.0.1', 'localhost', 'LOCALHOST', '[::1]']) {
      expect((await get(host, '/', { host: `${name}:${host.port}`, cookie })).status).toBe(200);
    }
  });

  it('asks for the token when there is none, and refuses a wrong one', async () => {
    const none = await get(host, '/');
    expect(none.status).toBe(401);
    expect(none.body).toMatch(/URL .*printed in the terminal/);
    expect((await get(host, '/', { cookie: 'benchtop_token=wrong' })).status).toBe(401);
    expect((await get(host, '/?token=wrong')).status).toBe(401);
    expect((await get(host, `/?token=${host.token}x`)).status).toBe(401);
  });

  it('trades a valid token for an HttpOnly SameSite=Strict cookie and redirects without it', async () => {
    const answer = await get(host, `/containers?token=${host.token}&tab=logs`);
    expect(answer.status).toBe(302);
    expect(answer.headers.location).toBe('/containers?tab=logs');
    const setCookie = answer.headers['set-cookie'];
    expect(setCookie).toEqual([`benchtop_token=${host.token}; HttpOnly; SameSite=Strict; Path=/`]);
    expect(answer.headers['referrer-policy']).toBe('no-referrer');
    const plain = await get(host, `/?token=${host.token}`);
    expect(plain.headers.location).toBe('/');
  });

  it('never redirects off-site', async () => {
    const answer = await get(host, `//evil.test/?token=${host.token}`);
    expect(answer.status).toBe(302);
    expect(answer.headers.location).toBe('/');
  });

  it('serves the renderer with the cookie, with security headers and no CORS', async () => {
    const page = await get(host, '/', { cookie });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>Benchtop</title>');
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['x-frame-options']).toBe('DENY');
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect(page.headers['cache-control']).toBe('no-store');
    const script = await get(host, '/assets/app.js', { cookie, origin: 'http://evil.test' });
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    for (const answer of [page, script]) {
      expect(Object.keys(answer.headers).filter((name) => name.startsWith('access-control-'))).toEqual([]);
    }
  });

  it('falls back to index.html for client-side routes and 404s missing files', async () => {
    expect((await get(host, '/pipelines/train', { cookie })).body).toContain('<title>Benchtop</title>');
    expect((await get(host, '/assets/missing.js', { cookie })).status).toBe(404);
  });

  it('signs a deep link in and lands on the same view (every route path answers index.html)', async () => {
    const deep = '/pipelines/%2Fhome%2Fana%2Fpipeline.yaml/steps/train';
    const signIn = await get(host, `${deep}?token=${host.token}`);
    expect(signIn.status).toBe(302);
    expect(signIn.headers.location).toBe(deep);
    for (const pathname of [deep, '/runs/20261207-010/steps/train', '/models/iris.v2/versions/3']) {
      const page = await get(host, pathname, { cookie });
      expect(page.status, pathname).toBe(200);
      expect(page.body).toContain('<title>Benchtop</title>');
    }
    // Without the cookie a deep path is no way in.
    expect((await get(host, deep)).status).toBe(401);
  });

  it('gives a signed-in page its token for the links it copies, and nobody else', async () => {
    const answer = await get(host, '/api/link-token', { cookie, 'sec-fetch-site': 'same-origin' });
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toEqual({ token: host.token });
    expect(answer.headers['cache-control']).toBe('no-store');
    expect(Object.keys(answer.headers).filter((name) => name.startsWith('access-control-'))).toEqual([]);
    expect((await get(host, '/api/link-token')).status).toBe(401);
    expect((await get(host, '/api/link-token', { cookie: 'benchtop_token=wrong-token-wrong-token' })).status).toBe(401);
    expect((await get(host, '/api/link-token', { cookie, 'sec-fetch-site': 'cross-site' })).status).toBe(403);
  });

  it('serves the icon the page asks for (GET /icon.png) from resources/', async () => {
    const icon = await get(host, '/icon.png', { cookie });
    expect(icon.status).toBe(200);
    expect(icon.headers['content-type']).toBe('image/png');
    expect((await get(host, '/icon.svg', { cookie })).headers['content-type']).toBe('image/svg+xml');
  });

  it('refuses path traversal', async () => {
    for (const pathname of ['/../secret.txt', '/..%2fsecret.txt', '/assets/..%2f..%2fsecret.txt', '/%2e%2e/secret.txt']) {
      const answer = await get(host, pathname, { cookie });
      expect(answer.status, pathname).toBe(404);
      expect(answer.body).not.toContain('do not serve');
    }
  });

  it('only answers GET and HEAD', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port: host.port, path: '/', method: 'POST', headers: { host: `127.0.0.1:${host.port}`, cookie } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(405);
  });

  it('answers 503 while the renderer is not built', async () => {
    const bare = await startWebHost({ dispatcher: fake.dispatcher, staticDir: path.join(base, 'missing') });
    try {
      const answer = await get(bare, '/', { cookie: `benchtop_token=${bare.token}` });
      expect(answer.status).toBe(503);
      expect(answer.body).toContain('run npm run build:renderer');
    } finally {
      await bare.close();
    }
  });

  it('refuses upgrades from a foreign Origin, without a cookie, with a foreign Host or off-path', async () => {
    expect(await refusal(connect({ origin: 'http://evil.test' }))).toBe(403);
    expect(await refusal(connect({ origin: `http://127.0.0.1:${host.port + 1}` }))).toBe(403);
    expect(await refusal(connect({ origin: 'null' }))).toBe(403);
    expect(await refusal(connect({ cookie: 'benchtop_token=nope' }))).toBe(401);
    expect(await refusal(connect({ host: `evil.test:${host.port}`, origin: `http://evil.test:${host.port}` }))).toBe(403);
    const offPath = new WebSocket(`ws://127.0.0.1:${host.port}/other`, { headers: { origin: `http://127.0.0.1:${host.port}`, cookie } });
    sockets.push(offPath);
    expect(await refusal(offPath)).toBe(404);
  });

  it('round-trips an invoke', async () => {
    const ws = connect({ origin: `http://localhost:${host.port}`, host: `localhost:${host.port}` });
    await opened(ws);
    const reply = collect(ws, 7, (m) => m.length === 1);
    ws.send(JSON.stringify({ t: 'invoke', id: 7, method: 'app.info', input: { a: 1 } }));
    expect(await reply).toEqual([{ t: 'result', id: 7, envelope: { ok: true, value: { method: 'app.info', input: { a: 1 } } } }]);
    const failed = collect(ws, 8, (m) => m.length === 1);
    ws.send(JSON.stringify({ t: 'invoke', id: 8, method: 'fail' }));
    expect(await failed).toEqual([{ t: 'result', id: 8, envelope: { ok: false, error: { code: 'not_found', message: 'nope' } } }]);
  });

  it('streams next values, then end', async () => {
    const ws = connect();
    await opened(ws);
    const messages = collect(ws, 3, (m) => m.at(-1)?.t === 'end');
    ws.send(JSON.stringify({ t: 'open', id: 3, method: 'count', input: { n: 3 } }));
    expect(await messages).toEqual([
      { t: 'next', id: 3, value: 0 },
      { t: 'next', id: 3, value: 1 },
      { t: 'next', id: 3, value: 2 },
      { t: 'end', id: 3 },
    ]);
    const failed = collect(ws, 4, (m) => m.at(-1)?.t === 'end');
    ws.send(JSON.stringify({ t: 'open', id: 4, method: 'nope', input: {} }));
    expect(await failed).toEqual([{ t: 'end', id: 4, error: { code: 'unknown_method', message: 'no nope' } }]);
  });

  it('close stops the stream: the handler sees its signal abort', async () => {
    const ws = connect();
    await opened(ws);
    const before = fake.signals.length;
    const first = collect(ws, 9, (m) => m.length >= 2);
    ws.send(JSON.stringify({ t: 'open', id: 9, method: 'ticks', input: {} }));
    await first;
    const signal = fake.signals[before];
    expect(signal.aborted).toBe(false);
    ws.send(JSON.stringify({ t: 'close', id: 9 }));
    await expect.poll(() => signal.aborted).toBe(true);
  });

  it('closing the socket stops all its streams', async () => {
    const ws = connect();
    await opened(ws);
    const before = fake.signals.length;
    const started = Promise.all([collect(ws, 1, (m) => m.length >= 1), collect(ws, 2, (m) => m.length >= 1)]);
    ws.send(JSON.stringify({ t: 'open', id: 1, method: 'ticks', input: {} }));
    ws.send(JSON.stringify({ t: 'open', id: 2, method: 'ticks', input: {} }));
    await started;
    ws.close();
    await expect.poll(() => fake.signals.slice(before).every((signal) => signal.aborted)).toBe(true);
    expect(fake.signals.length - before).toBe(2);
  });

  it('limits open streams per socket', async () => {
    const ws = connect();
    await opened(ws);
    for (let id = 1; id <= 4; id += 1) ws.send(JSON.stringify({ t: 'open', id, method: 'ticks', input: {} }));
    const refused = collect(ws, 5, (m) => m.length === 1);
    ws.send(JSON.stringify({ t: 'open', id: 5, method: 'ticks', input: {} }));
    expect((await refused)[0]).toMatchObject({ t: 'end', id: 5, error: { code: 'conflict' } });
  });

  it('closes the socket on an oversize message', async () => {
    const ws = connect();
    await opened(ws);
    const done = closed(ws);
    ws.send(JSON.stringify({ t: 'invoke', id: 1, method: 'app.info', input: { blob: 'x'.repeat(MAX_MESSAGE_BYTES) } }));
    expect((await done).code).toBe(1009);
  });

  it.each([
    ['not JSON', '{nope'],
    ['an unknown type', JSON.stringify({ t: 'hello', id: 1 })],
    ['a missing id', JSON.stringify({ t: 'invoke', method: 'app.info' })],
    ['an array', '[]'],
  ])('closes the socket with 1008 on %s', async (_label, frame) => {
    const ws = connect();
    await opened(ws);
    const done = closed(ws);
    ws.send(frame);
    expect(await done).toEqual({ code: 1008, reason: 'Malformed message' });
  });

  it('closes the socket on a binary frame', async () => {
    const ws = connect();
    await opened(ws);
    const done = closed(ws);
    ws.send(Buffer.from([1, 2, 3]), { binary: true });
    expect((await done).code).toBe(1003);
  });
});
