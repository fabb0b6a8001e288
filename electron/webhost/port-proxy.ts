import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Logger } from '../core/logging/logger.ts';
import { forwardRequest, forwardUpgrade, pathTrick, type AppResolver } from './app-proxy.ts';

/**
 * A container's published port under the web host's origin: `/ports/<host port>/…` goes to
 * 127.0.0.1:<host port> with the prefix stripped, so "Open" links on the Containers and
 * Environments pages work through the one SSH tunnel to `benchtop web`. Only ports a running
 * container publishes are reached (never any other loopback service); the same checks as apps.
 */
export const PORTS_PREFIX = '/ports/';

export type PortRoute =
  | { kind: 'port'; port: number; /** The path and query sent upstream. */ rest: string }
  | { kind: 'redirect'; location: string }
  | { kind: 'refused'; status: 400 | 404; message: string };

/** Reads `/ports/<port>/<rest>` from a raw request target, refusing the path tricks apps refuse. Pure. */
export function routePortRequest(rawUrl: string): PortRoute {
  const queryAt = rawUrl.indexOf('?');
  const path = queryAt === -1 ? rawUrl : rawUrl.slice(0, queryAt);
  const query = queryAt === -1 ? '' : rawUrl.slice(queryAt);
  if (!path.startsWith(PORTS_PREFIX)) return { kind: 'refused', status: 404, message: 'Not a port path.' };
  const problem = pathTrick(path, PORTS_PREFIX);
  if (problem) return { kind: 'refused', status: 400, message: `${problem} in a port path.` };
  const segments = path.slice(PORTS_PREFIX.length).split('/');
  const port = /^[1-9][0-9]{0,4}$/.test(segments[0] ?? '') ? Number(segments[0]) : 0;
  if (port < 1 || port > 65535) return { kind: 'refused', status: 404, message: 'No such port: the path is /ports/<published host port>/.' };
  if (segments.length === 1) return { kind: 'redirect', location: `${PORTS_PREFIX}${port}/${query}` };
  return { kind: 'port', port, rest: `${path.slice(`${PORTS_PREFIX}${port}`.length)}${query}` };
}

function notPublished(port: number): string {
  return `No running container publishes port ${port} on this machine: start the container in Benchtop, then reload.`;
}

/** Proxies one HTTP request to a published port; the caller has checked Host and the cookie. */
export async function proxyPortRequest(req: IncomingMessage, res: ServerResponse, resolver: AppResolver, log: Logger, sendText: (status: number, body: string) => void): Promise<void> {
  const route = routePortRequest(req.url ?? '/');
  if (route.kind === 'refused') return sendText(route.status, route.message);
  if (route.kind === 'redirect') {
    res.setHeader('Location', route.location);
    return sendText(302, 'Redirecting…');
  }
  if (!(await resolver.isPublishedPort?.(route.port))) return sendText(502, notPublished(route.port));
  await forwardRequest(req, res, route.port, route.rest, `port ${route.port}`, log, sendText);
}

/** Proxies a WebSocket upgrade to a published port; the caller has checked Host, Origin and the cookie. */
export async function proxyPortUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer, resolver: AppResolver, log: Logger, refuse: (status: number, text: string) => void): Promise<void> {
  const route = routePortRequest(req.url ?? '/');
  if (route.kind !== 'port') return refuse(route.kind === 'redirect' ? 404 : route.status, route.kind === 'redirect' ? 'Not Found' : 'Bad Request');
  if (!(await resolver.isPublishedPort?.(route.port))) return refuse(502, 'Bad Gateway');
  forwardUpgrade(req, socket, head, route.port, route.rest, `port socket ${route.port}`, log);
}
