import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Dispatcher } from '../core/api/dispatcher.ts';
import { silentLogger, type Logger } from '../core/logging/logger.ts';
import { MAX_MESSAGE_BYTES } from '../../shared/api/wire.ts';
import { createAccessPolicy } from './access-policy.ts';
import type { AppResolver } from './app-proxy.ts';
import { hostForUrl } from './host-check.ts';
import { createRequestHandler, TOKEN_PARAM } from './http-handler.ts';
import { createSocketSession } from './socket-session.ts';
import { generateToken, isWellFormedToken } from './token.ts';
import { createUpgradeHandler } from './upgrade-handler.ts';
import type { DownloadSource } from './download-route.ts';

const DEFAULT_RESOURCES_DIR = fileURLToPath(new URL('../../resources', import.meta.url));

export interface WebHostOptions {
  dispatcher: Dispatcher;
  /** Interface to bind; loopback by default. Anything else is an explicit remote opt-in. */
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** The built renderer (dist/renderer). */
  staticDir: string;
  /** The app's resources/ (the icon the page asks for); defaults to the repository's. */
  resourcesDir?: string;
  /** Defaults to 32 random bytes, base64url. A given token must match [A-Za-z0-9_-]{16,}. */
  token?: string;
  /** Further `Host` names to accept (e.g. a machine name when bound elsewhere). */
  allowedHosts?: readonly string[];
  log?: Logger;
  /** Per socket; see socket-session.ts. */
  maxStreamsPerSocket?: number;
  maxBufferedBytes?: number;
  /** Serves environments' apps under /apps/<environment>/<app>/ of this origin (HTTP and WebSocket). */
  apps?: AppResolver;
  /** Serves run artifacts and model version files at /download (the core's `outputs`). */
  downloads?: DownloadSource;
}

export interface WebHost {
  /** `http://127.0.0.1:PORT/?token=…`: print it; opening it signs the browser in. */
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

/** HTTP + WebSocket transport for the dispatcher, bound to 127.0.0.1 with a token. */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const host = options.host ?? '127.0.0.1';
  const log = options.log ?? silentLogger;
  const token = options.token ?? generateToken();
  if (!isWellFormedToken(token)) {
    throw new Error('The web host token must be at least 16 characters of A-Z, a-z, 0-9, "-" and "_".');
  }

  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const policy = createAccessPolicy({ bindHost: host, port, token, extraHosts: options.allowedHosts });

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES, clientTracking: true });
  const onConnection = (ws: WebSocket) => {
    const session = createSocketSession({
      dispatcher: options.dispatcher,
      socket: ws,
      maxStreams: options.maxStreamsPerSocket,
      maxBufferedBytes: options.maxBufferedBytes,
      onProtocolError: (reason) => log.warn(`web host: closing a socket: ${reason}`),
    });
    ws.on('message', (data, isBinary) => session.receive(toBuffer(data), isBinary));
    ws.on('close', () => session.dispose());
    ws.on('error', (error) => {
      log.warn(`web host: socket error: ${error.message}`);
      session.dispose();
    });
  };

  server.on('request', createRequestHandler({ policy, staticDir: options.staticDir, resourcesDir: options.resourcesDir ?? DEFAULT_RESOURCES_DIR, log, apps: options.apps, downloads: options.downloads }));
  server.on('upgrade', createUpgradeHandler({ policy, wss, log, onConnection, apps: options.apps }));

  const urlHost = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '[::1]' : hostForUrl(host);
  let closing: Promise<void> | null = null;
  return {
    url: `http://${urlHost}:${port}/?${TOKEN_PARAM}=${token}`,
    port,
    token,
    close() {
      closing ??= new Promise<void>((resolve) => {
        for (const client of wss.clients) client.close(1001, 'Server shutting down');
        wss.close();
        server.close(() => resolve());
        server.closeAllConnections();
        setTimeout(() => {
          for (const client of wss.clients) client.terminate();
        }, 1000).unref();
      });
      return closing;
    },
  };
}

function toBuffer(data: Buffer | ArrayBuffer | Buffer[]): Buffer {
  if (Buffer.isBuffer(data)) return data;
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.from(data);
}
