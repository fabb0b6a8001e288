import { request as httpRequest, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import { connect } from 'node:net';
import type { Duplex } from 'node:stream';
import type { Logger } from '../core/logging/logger.ts';
import { TOKEN_COOKIE } from './cookies.ts';

/** Where `/apps/<environment>/<app>/…` goes: the app's loopback port, and whether it serves under that prefix itself. */
export interface AppTarget {
  port: number;
  knowsBasePath: boolean;
}

export interface AppResolver {
  resolveApp(environmentId: string, appName: string): Promise<AppTarget | null>;
  /** Whether a running container publishes this TCP port on the host (then /ports/<port>/ reaches it); absent: no port paths. */
  isPublishedPort?(port: number): Promise<boolean>;
}

export const APPS_PREFIX = '/apps/';

export type AppRoute =
  | { kind: 'app'; environmentId: string; appName: string; /** The path and query sent upstream (prefix kept or stripped later). */ rest: string; prefix: string }
  | { kind: 'redirect'; location: string }
  | { kind: 'refused'; status: 400 | 404; message: string };

const ENV_ID = /^[a-f0-9]{12}$/;
const APP_NAME = /^[a-z0-9][a-z0-9-]{0,39}$/;

/**
 * Reads `/apps/<environment>/<app>/<rest>` from a raw request target. Path tricks are refused
 * before anything is resolved: `.`/`..` segments (plain or percent-encoded), encoded slashes and
 * backslashes, backslashes, NUL and empty segments, so a request can only ever reach the app its
 * first two segments name.
 */
export function routeAppRequest(rawUrl: string): AppRoute {
  const queryAt = rawUrl.indexOf('?');
  const path = queryAt === -1 ? rawUrl : rawUrl.slice(0, queryAt);
  const query = queryAt === -1 ? '' : rawUrl.slice(queryAt);
  if (!path.startsWith(APPS_PREFIX)) return { kind: 'refused', status: 404, message: 'Not an app path.' };
  const problem = pathTrick(path, APPS_PREFIX);
  if (problem) return { kind: 'refused', status: 400, message: `${problem} in an app path.` };
  const segments = path.slice(APPS_PREFIX.length).split('/');
  const [environmentId, appName] = segments;
  if (!environmentId || !ENV_ID.test(environmentId) || !appName || !APP_NAME.test(appName)) {
    return { kind: 'refused', status: 404, message: 'No such app: the path is /apps/<environment id>/<app name>/.' };
  }
  const prefix = `${APPS_PREFIX}${environmentId}/${appName}/`;
  if (segments.length === 2) return { kind: 'redirect', location: `${prefix}${query}` };
  return { kind: 'app', environmentId, appName, rest: `${path.slice(prefix.length - 1)}${query}`, prefix };
}

/**
 * What is wrong with a proxied path, or null: encoded slashes or backslashes, backslashes, NUL,
 * malformed escapes, `.`/`..` segments (plain or percent-encoded), empty segments (except a trailing slash).
 */
export function pathTrick(path: string, prefix: string): string | null {
  if (/%2f|%5c|%00|\\|\0/i.test(path)) return 'Encoded slashes, backslashes and NUL are not allowed';
  const segments = path.slice(prefix.length).split('/');
  for (let i = 0; i < segments.length; i++) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(segments[i]);
    } catch {
      return 'Malformed percent-encoding';
    }
    if (decoded === '.' || decoded === '..') return '"." and ".." segments are not allowed';
    // An empty segment is only allowed as the very last (a trailing slash).
    if (decoded === '' && i !== segments.length - 1) return 'Empty segments ("//") are not allowed';
  }
  return null;
}

/** The upstream path: the full prefixed path for an app that knows its base path, else the rest alone. */
export function upstreamPath(route: Extract<AppRoute, { kind: 'app' }>, target: AppTarget): string {
  return target.knowsBasePath ? `${route.prefix.slice(0, -1)}${route.rest}` : route.rest;
}

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'proxy-authenticate', 'proxy-authorization', 'te', 'trailer', 'transfer-encoding', 'upgrade']);

/** Request headers for the app: hop-by-hop ones dropped, Benchtop's token cookie never passed on. Host stays (apps compare Origin with it). */
export function upstreamHeaders(headers: IncomingHttpHeaders, keepUpgrade: boolean): Record<string, string | string[]> {
  const result: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    if (HOP_BY_HOP.has(name) && !(keepUpgrade && (name === 'connection' || name === 'upgrade'))) continue;
    if (name === 'cookie') {
      const kept = withoutTokenCookie(Array.isArray(value) ? value.join('; ') : value);
      if (kept) result.cookie = kept;
      continue;
    }
    result[name] = value;
  }
  return result;
}

export function withoutTokenCookie(header: string): string {
  return header
    .split(';')
    .map((part) => part.trim())
    .filter((part) => part.length > 0 && part.split('=')[0]?.trim() !== TOKEN_COOKIE)
    .join('; ');
}

/** Response headers from the app: hop-by-hop ones dropped, and no Set-Cookie may touch Benchtop's token cookie. */
function downstreamHeaders(headers: IncomingHttpHeaders): Record<string, string | string[]> {
  const result: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || HOP_BY_HOP.has(name)) continue;
    if (name === 'set-cookie') {
      const kept = (Array.isArray(value) ? value : [value]).filter((cookie) => cookie.split('=')[0]?.trim() !== TOKEN_COOKIE);
      if (kept.length > 0) result[name] = kept;
      continue;
    }
    result[name] = value;
  }
  return result;
}

/** Proxies one HTTP request to the app (any method); the caller has checked Host and the cookie. */
export async function proxyAppRequest(req: IncomingMessage, res: ServerResponse, resolver: AppResolver, log: Logger, sendText: (status: number, body: string) => void): Promise<void> {
  const route = routeAppRequest(req.url ?? '/');
  if (route.kind === 'refused') return sendText(route.status, route.message);
  if (route.kind === 'redirect') {
    res.setHeader('Location', route.location);
    return sendText(302, 'Redirecting…');
  }
  const target = await resolver.resolveApp(route.environmentId, route.appName);
  if (!target) return sendText(502, `The app ${route.appName} of environment ${route.environmentId} is not running: start the environment in Benchtop, then reload.`);
  await forwardRequest(req, res, target.port, upstreamPath(route, target), `app ${route.appName} (${route.environmentId})`, log, sendText);
}

/** Forwards one HTTP request to a loopback port and pipes the answer back (Benchtop's cookie kept out both ways). */
export async function forwardRequest(req: IncomingMessage, res: ServerResponse, port: number, path: string, label: string, log: Logger, sendText: (status: number, body: string) => void): Promise<void> {
  await new Promise<void>((resolve) => {
    const upstream = httpRequest({ host: '127.0.0.1', port, method: req.method, path, headers: upstreamHeaders(req.headers, false) }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, downstreamHeaders(answer.headers));
      answer.pipe(res);
      answer.once('end', resolve);
      answer.once('error', () => {
        res.destroy();
        resolve();
      });
    });
    upstream.once('error', (error) => {
      log.warn(`web host: ${label} on port ${port}: ${error.message}`);
      if (!res.headersSent) sendText(502, `The ${label} did not answer (${error.message}): it may still be starting; reload in a moment.`);
      else res.destroy();
      resolve();
    });
    req.pipe(upstream);
  });
}

/** Proxies a WebSocket upgrade to the app by piping the raw connection; the caller has checked Host, Origin and the cookie. */
export async function proxyAppUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer, resolver: AppResolver, log: Logger, refuse: (status: number, text: string) => void): Promise<void> {
  const route = routeAppRequest(req.url ?? '/');
  if (route.kind !== 'app') return refuse(route.kind === 'redirect' ? 404 : route.status, route.kind === 'redirect' ? 'Not Found' : 'Bad Request');
  const target = await resolver.resolveApp(route.environmentId, route.appName);
  if (!target) return refuse(502, 'Bad Gateway');
  forwardUpgrade(req, socket, head, target.port, upstreamPath(route, target), `app socket ${route.appName} (${route.environmentId})`, log);
}

/** Forwards a WebSocket upgrade to a loopback port by piping the raw connection. */
export function forwardUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer, port: number, path: string, label: string, log: Logger): void {
  const upstream = connect({ host: '127.0.0.1', port });
  upstream.once('connect', () => {
    const headers = upstreamHeaders(req.headers, true);
    const lines = [`${req.method ?? 'GET'} ${path} HTTP/1.1`];
    for (const [name, value] of Object.entries(headers)) for (const one of Array.isArray(value) ? value : [value]) lines.push(`${name}: ${one}`);
    upstream.write(`${lines.join('\r\n')}\r\n\r\n`);
    if (head.length > 0) upstream.write(head);
    upstream.pipe(socket);
    socket.pipe(upstream);
  });
  const close = () => {
    upstream.destroy();
    socket.destroy();
  };
  upstream.once('error', (error) => {
    log.warn(`web host: ${label}: ${error.message}`);
    close();
  });
  upstream.once('close', close);
  socket.once('close', close);
  socket.once('error', close);
}
