import { randomUUID } from 'node:crypto';
import { Agent, createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { LatencyWindow } from './latency-window.ts';

/** One scoring server the proxy can send to: a version's container, reached by its Unix socket. */
export interface Backend {
  version: number;
  socketPath: string;
  containerId: string;
}

interface LiveBackend extends Backend {
  agent: Agent;
  inflight: number;
  idle: (() => void)[];
}

export interface ProxiedExchange {
  requestId: string;
  time: number;
  path: string;
  method: string;
  status: number;
  latencyMs: number;
  version: number | null;
  contentType: string | null;
  input: Buffer;
  output: Buffer;
}

export interface EndpointProxyOptions {
  /** Called after each answered request (for the capture); keep it cheap. */
  onExchange?: (exchange: ProxiedExchange) => void;
  /** How long a request waits for a backend (starting, restarting) before a 503. */
  waitForBackendMs?: number;
  /** Largest request body accepted. */
  maxBodyBytes?: number;
}

/** Errors before any answer: the server is (re)starting, switching, or its backlog is full. */
const RETRYABLE = new Set(['ECONNREFUSED', 'ENOENT', 'ECONNRESET', 'EPIPE', 'ECONNABORTED', 'EAGAIN']);

/**
 * The endpoint's stable address: an HTTP server on loopback that forwards to the current backend
 * over kept-alive connections. Switching backends is one assignment: requests already sent finish
 * on the old one, which is then drained (`retire` resolves when its last request has answered). A
 * request whose backend refused the connection (restarting, switching) is sent again, so a switch
 * or a crash-restart drops no request. Measures latency and errors (`window`).
 */
export class EndpointProxy {
  readonly window = new LatencyWindow();
  readonly #server: Server;
  readonly #options: EndpointProxyOptions;
  #active: LiveBackend | null = null;
  #waiters: (() => void)[] = [];
  #port = 0;

  constructor(options: EndpointProxyOptions = {}) {
    this.#options = options;
    this.#server = createServer({ keepAlive: true, noDelay: true }, (req, res) => void this.#handle(req, res));
    this.#server.keepAliveTimeout = 65_000;
  }

  get port(): number {
    return this.#port;
  }

  get active(): Backend | null {
    return this.#active;
  }

  /** Opens the port (127.0.0.1); `port` 0 picks a free one. Rejects with EADDRINUSE when taken. */
  listen(port: number, host = '127.0.0.1'): Promise<number> {
    return new Promise((resolve, reject) => {
      const onError = (error: Error) => reject(error);
      this.#server.once('error', onError);
      this.#server.listen({ port, host, exclusive: true }, () => {
        this.#server.off('error', onError);
        const address = this.#server.address();
        this.#port = typeof address === 'object' && address ? address.port : port;
        resolve(this.#port);
      });
    });
  }

  /** Sends new requests to `backend` from now on; returns the one it replaces (to retire). */
  switchTo(backend: Backend): Backend | null {
    const previous = this.#active;
    this.#active = { ...backend, agent: new Agent({ keepAlive: true, maxSockets: 32, keepAliveMsecs: 30_000 }), inflight: 0, idle: [] };
    for (const wake of this.#waiters.splice(0)) wake();
    return previous;
  }

  /** Resolves once `backend` has no request in flight (it no longer gets new ones), then closes its connections. */
  async retire(backend: Backend): Promise<void> {
    const live = backend as LiveBackend;
    if (live.inflight > 0) await new Promise<void>((resolve) => live.idle.push(resolve));
    live.agent?.destroy();
  }

  /** Closes the port and every connection; the backends' containers are left as they are. */
  async close(): Promise<void> {
    for (const wake of this.#waiters.splice(0)) wake();
    await new Promise<void>((resolve) => {
      this.#server.close(() => resolve());
      this.#server.closeAllConnections();
    });
    this.#active?.agent.destroy();
    this.#active = null;
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = performance.now();
    const time = Date.now();
    const requestId = (typeof req.headers['x-request-id'] === 'string' && req.headers['x-request-id'].slice(0, 100)) || randomUUID();
    const max = this.#options.maxBodyBytes ?? 64 * 2 ** 20;
    const chunks: Buffer[] = [];
    const complete = await new Promise<boolean>((resolve) => {
      let size = 0;
      req.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > max) {
          this.#reply(res, 413, 'application/json', Buffer.from(JSON.stringify({ error_code: 'REQUEST_TOO_LARGE', message: `The request body is over ${max} bytes.` })), requestId, null);
          req.destroy();
          resolve(false);
        } else chunks.push(chunk);
      });
      req.on('end', () => resolve(true));
      req.on('error', () => resolve(false));
      req.on('close', () => resolve(false));
    });
    if (!complete) return;
    const body = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
    const contentType = typeof req.headers['content-type'] === 'string' ? req.headers['content-type'] : null;
    let status = 502;
    let output: Buffer = Buffer.alloc(0);
    let version: number | null = null;
    try {
      const answer = await this.#forward(req.method ?? 'GET', req.url ?? '/', contentType, body);
      status = answer.status;
      output = answer.body;
      version = answer.version;
      this.#reply(res, status, answer.contentType, output, requestId, version);
    } catch (error) {
      status = (error as { status?: number }).status ?? 502;
      output = Buffer.from(JSON.stringify({ error_code: status === 503 ? 'TEMPORARILY_UNAVAILABLE' : 'BAD_GATEWAY', message: error instanceof Error ? error.message : String(error) }));
      this.#reply(res, status, 'application/json', output, requestId, null);
    }
    const latencyMs = performance.now() - started;
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/invocations') {
      this.window.record(latencyMs, status >= 400);
      this.#options.onExchange?.({ requestId, time, path, method: req.method ?? 'GET', status, latencyMs, version, contentType, input: body, output });
    }
  }

  #reply(res: ServerResponse, status: number, contentType: string, body: Buffer, requestId: string, version: number | null): void {
    if (res.headersSent || res.destroyed) return;
    const headers: Record<string, string | number> = { 'Content-Type': contentType, 'Content-Length': body.length, 'X-Request-Id': requestId };
    if (version !== null) headers['X-Benchtop-Model-Version'] = version;
    res.writeHead(status, headers);
    res.end(body);
  }

  async #forward(method: string, path: string, contentType: string | null, body: Buffer): Promise<{ status: number; contentType: string; body: Buffer; version: number }> {
    const deadline = Date.now() + (this.#options.waitForBackendMs ?? 30_000);
    let delay = 20;
    for (;;) {
      const backend = this.#active ?? (await this.#waitForBackend(deadline));
      backend.inflight += 1;
      try {
        return await send(backend, method, path, contentType, body);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code ?? '';
        if (!RETRYABLE.has(code) || Date.now() > deadline) throw Object.assign(new Error(`The model server did not answer (${code || String(error)}).`), { status: 502 });
      } finally {
        backend.inflight -= 1;
        if (backend.inflight === 0 && backend !== this.#active) for (const wake of backend.idle.splice(0)) wake();
      }
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(delay * 2, 500);
    }
  }

  #waitForBackend(deadline: number): Promise<LiveBackend> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(Object.assign(new Error('The endpoint has no healthy model server yet; try again in a moment.'), { status: 503 })),
        Math.max(0, deadline - Date.now()),
      );
      this.#waiters.push(() => {
        clearTimeout(timer);
        if (this.#active) resolve(this.#active);
        else reject(Object.assign(new Error('The endpoint stopped.'), { status: 503 }));
      });
    });
  }
}

function send(backend: LiveBackend, method: string, path: string, contentType: string | null, body: Buffer): Promise<{ status: number; contentType: string; body: Buffer; version: number }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { 'Content-Length': body.length };
    if (contentType) headers['Content-Type'] = contentType;
    const req = httpRequest({ socketPath: backend.socketPath, path, method, headers, agent: backend.agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 502,
          contentType: typeof res.headers['content-type'] === 'string' ? res.headers['content-type'] : 'application/json',
          body: chunks.length === 1 ? chunks[0] : Buffer.concat(chunks),
          version: backend.version,
        }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** GET a path of a scoring server through its socket: the status, or null when it does not answer. */
export function probeSocket(socketPath: string, path = '/ping', timeoutMs = 2000): Promise<number | null> {
  return new Promise((resolve) => {
    const req = httpRequest({ socketPath, path, method: 'GET', timeout: timeoutMs, agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? null));
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(null));
    req.end();
  });
}
