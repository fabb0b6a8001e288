import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { WebSocket, WebSocketServer } from 'ws';
import type { Logger } from '../core/logging/logger.ts';
import { WEB_SOCKET_PATH } from '../../shared/api/wire.ts';
import type { AccessPolicy } from './access-policy.ts';
import { APPS_PREFIX, proxyAppUpgrade, type AppResolver } from './app-proxy.ts';
import { PORTS_PREFIX, proxyPortUpgrade } from './port-proxy.ts';
import { SECURITY_HEADERS } from './security-headers.ts';

export interface UpgradeHandlerOptions {
  policy: AccessPolicy;
  wss: WebSocketServer;
  log: Logger;
  onConnection(ws: WebSocket, req: IncomingMessage): void;
  /** Environments' apps: their sockets (JupyterLab's kernel channels) under /apps/<environment>/<app>/. */
  apps?: AppResolver;
}

/**
 * WebSocket upgrades: only on WEB_SOCKET_PATH (404), Host must be ours (403), Origin must be
 * exactly one of our own origins (403: browsers let any page open a socket to loopback), and the
 * token cookie must be valid (401). A refused upgrade gets a plain HTTP answer and the socket is
 * destroyed.
 */
export function createUpgradeHandler(options: UpgradeHandlerOptions): (req: IncomingMessage, socket: Duplex, head: Buffer) => void {
  const { policy, wss, log } = options;
  return (req, socket, head) => {
    socket.on('error', () => socket.destroy());
    const pathname = (req.url ?? '').split('?')[0];
    const forApp = options.apps !== undefined && pathname.startsWith(APPS_PREFIX);
    const forPort = options.apps?.isPublishedPort !== undefined && pathname.startsWith(PORTS_PREFIX);
    if (pathname !== WEB_SOCKET_PATH && !forApp && !forPort) return refuse(socket, 404, 'Not Found');
    if (!policy.hostAllowed(req.headers.host)) {
      log.warn(`web host: refused upgrade with Host ${JSON.stringify(req.headers.host ?? '')}`);
      return refuse(socket, 403, 'Forbidden');
    }
    if (!policy.originAllowed(req.headers.origin)) {
      log.warn(`web host: refused upgrade from Origin ${JSON.stringify(req.headers.origin ?? '')}`);
      return refuse(socket, 403, 'Forbidden');
    }
    if (!policy.cookieValid(req.headers.cookie)) {
      log.warn('web host: refused upgrade without a valid token cookie');
      return refuse(socket, 401, 'Unauthorized');
    }
    if (forPort && options.apps) {
      proxyPortUpgrade(req, socket, head, options.apps, log, (status, text) => refuse(socket, status, text)).catch((error: unknown) => {
        log.warn(`web host: port upgrade failed: ${error instanceof Error ? error.message : String(error)}`);
        socket.destroy();
      });
      return;
    }
    if (forApp && options.apps) {
      proxyAppUpgrade(req, socket, head, options.apps, log, (status, text) => refuse(socket, status, text)).catch((error: unknown) => {
        log.warn(`web host: app upgrade failed: ${error instanceof Error ? error.message : String(error)}`);
        socket.destroy();
      });
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => options.onConnection(ws, req));
  };
}

function refuse(socket: Duplex, status: number, text: string): void {
  const body = `${text}\n`;
  const headers = [
    `HTTP/1.1 ${status} ${text}`,
    'Connection: close',
    'Content-Type: text/plain; charset=utf-8',
    `Content-Length: ${Buffer.byteLength(body)}`,
    ...Object.entries(SECURITY_HEADERS).map(([name, value]) => `${name}: ${value}`),
  ];
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  socket.once('finish', () => socket.destroy());
  socket.end(`${headers.join('\r\n')}\r\n\r\n${body}`);
}
