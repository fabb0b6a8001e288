import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { locateStaticFile } from '../core/security/locate-static-file.ts';
import type { Logger } from '../core/logging/logger.ts';
import type { AccessPolicy } from './access-policy.ts';
import { APPS_PREFIX, proxyAppRequest, type AppResolver } from './app-proxy.ts';
import { tokenCookieHeader } from './cookies.ts';
import { DOWNLOAD_PATH, serveDownload, type DownloadSource } from './download-route.ts';
import { PORTS_PREFIX, proxyPortRequest } from './port-proxy.ts';
import { SECURITY_HEADERS } from './security-headers.ts';

/** The query parameter of the printed URL. */
export const TOKEN_PARAM = 'token';

/**
 * A signed-in page asks here for the token to put in a link it copies ("Copy link": the cookie is
 * HttpOnly, so the page cannot read it). Same path as renderer/src/routing/share-link.ts.
 */
export const LINK_TOKEN_PATH = '/api/link-token';

export interface RequestHandlerOptions {
  policy: AccessPolicy;
  staticDir: string;
  /** Where the app's icon comes from when the built renderer has none (resources/ of the repo). */
  resourcesDir?: string;
  log: Logger;
  /** Run artifacts and model version files under /download (the core's `outputs`); absent: 404. */
  downloads?: DownloadSource;
  /** Environments' apps under /apps/<environment>/<app>/ (any method, the cookie required); absent: no app paths. */
  apps?: AppResolver;
}

/** Files the page asks for that live in resources/, not in the renderer bundle (the favicon). */
const RESOURCE_FILES = new Map([
  ['/icon.png', { file: 'icon.png', mimeType: 'image/png' }],
  ['/icon.svg', { file: 'icon.svg', mimeType: 'image/svg+xml' }],
]);

/**
 * HTTP side of the web host: Host check (403), then the token (a valid `?token=` sets the cookie
 * and redirects to the same URL without it; otherwise the cookie must be valid, 401), then the
 * built renderer. Only GET and HEAD exist (405).
 */
export function createRequestHandler(options: RequestHandlerOptions): (req: IncomingMessage, res: ServerResponse) => void {
  const { policy, staticDir, log, apps } = options;
  return (req, res) => {
    handle(req, res).catch((error: unknown) => {
      log.error(`web host: ${req.method} ${pathOf(req)} failed: ${error instanceof Error ? error.message : String(error)}`);
      if (!res.headersSent) sendText(res, 500, 'Internal error.');
      else res.destroy();
    });
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!policy.hostAllowed(req.headers.host)) {
      log.warn(`web host: refused Host ${JSON.stringify(req.headers.host ?? '')} from ${req.socket.remoteAddress}`);
      sendText(res, 403, 'Forbidden: this server only answers requests addressed to its own loopback address.');
      return;
    }
    if (apps && (req.url ?? '').startsWith(APPS_PREFIX)) {
      // Before the sign-in step: an app's own `?token=` (JupyterLab's) is the app's, not Benchtop's.
      if (!policy.cookieValid(req.headers.cookie)) {
        sendUnauthorized(res);
        return;
      }
      await proxyAppRequest(req, res, apps, log, (status, body) => sendText(res, status, body));
      return;
    }
    if (apps?.isPublishedPort && (req.url ?? '').startsWith(PORTS_PREFIX)) {
      // Before the sign-in step too: a `?token=` there belongs to the container's own server.
      if (!policy.cookieValid(req.headers.cookie)) {
        sendUnauthorized(res);
        return;
      }
      await proxyPortRequest(req, res, apps, log, (status, body) => sendText(res, status, body));
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      sendText(res, 405, 'Method not allowed.');
      return;
    }
    const url = new URL(req.url ?? '/', 'http://host.invalid');
    const token = url.searchParams.get(TOKEN_PARAM);
    if (token !== null) {
      if (!policy.tokenValid(token)) {
        log.warn(`web host: wrong token from ${req.socket.remoteAddress}`);
        sendUnauthorized(res);
        return;
      }
      url.searchParams.delete(TOKEN_PARAM);
      res.setHeader('Set-Cookie', tokenCookieHeader(token));
      // One leading slash only: `//host` would be an open redirect.
      res.setHeader('Location', `/${url.pathname.replace(/^\/+/, '')}${url.search}`);
      sendText(res, 302, 'Signed in. Redirecting…');
      return;
    }
    if (!policy.cookieValid(req.headers.cookie)) {
      sendUnauthorized(res);
      return;
    }
    if (url.pathname === DOWNLOAD_PATH && options.downloads) {
      await serveDownload(req, res, url, options.downloads, (status, body) => sendText(res, status, body), () => setSecurityHeaders(res));
      return;
    }
    if (url.pathname === LINK_TOKEN_PATH) {
      sendLinkToken(req, res, policy.token);
      return;
    }
    let found: Awaited<ReturnType<typeof locateStaticFile>> = await locateStaticFile(staticDir, url.pathname);
    if (found.kind === 'not-found' && options.resourcesDir) found = (await resourceFile(options.resourcesDir, url.pathname)) ?? found;
    if (found.kind === 'not-built') {
      sendText(res, 503, 'The web UI is not built yet: run npm run build:renderer, then reload this page.');
      return;
    }
    if (found.kind === 'not-found') {
      sendText(res, 404, 'Not found.');
      return;
    }
    setSecurityHeaders(res);
    res.statusCode = 200;
    res.setHeader('Content-Type', found.mimeType);
    res.setHeader('Content-Length', String(found.size));
    res.setHeader('Cache-Control', found.isHtml ? 'no-store' : 'no-cache');
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    const stream = createReadStream(found.file);
    stream.on('error', () => res.destroy());
    stream.pipe(res);
  }
}

/** The icon from resources/ (a fixed set of names, so no path from the request reaches the disk). */
async function resourceFile(dir: string, pathname: string) {
  const name = RESOURCE_FILES.get(pathname);
  if (!name) return null;
  const file = path.join(dir, name.file);
  const info = await stat(file).catch(() => null);
  if (!info?.isFile()) return null;
  return { kind: 'file' as const, file, mimeType: name.mimeType, size: info.size, isHtml: false };
}

function pathOf(req: IncomingMessage): string {
  return (req.url ?? '/').split('?')[0];
}

function setSecurityHeaders(res: ServerResponse): void {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
}

function sendText(res: ServerResponse, status: number, body: string): void {
  setSecurityHeaders(res);
  res.statusCode = status;
  res.setHeader('Content-Type', 'text/plain; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Content-Length', String(Buffer.byteLength(body)));
  res.end(body);
}

/** The token as JSON for the page's own scripts only: no CORS, and a browser's cross-site fetch is refused outright. */
function sendLinkToken(req: IncomingMessage, res: ServerResponse, token: string): void {
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') {
    sendText(res, 403, 'Forbidden: only Benchtop\'s own page may ask for its link token.');
    return;
  }
  const body = JSON.stringify({ token });
  setSecurityHeaders(res);
  res.statusCode = 200;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Content-Length', String(Buffer.byteLength(body)));
  res.end(req.method === 'HEAD' ? undefined : body);
}

function sendUnauthorized(res: ServerResponse): void {
  sendText(
    res,
    401,
    'Benchtop needs its access token. Open the URL that `npm run web` (or `benchtop web`) printed in the terminal; it ends with ?token=…',
  );
}
