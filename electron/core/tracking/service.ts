import { createHash } from 'node:crypto';
import { createServer, request, type Server } from 'node:http';
import type { CatalogStore } from '../catalog/catalog-store.ts';
import { silentLogger, type Logger } from '../logging/logger.ts';
import type { Store } from '../store/database.ts';
import { ArtifactStore } from './artifact-store.ts';
import { trackingBindAddresses } from './bind-addresses.ts';
import { createTrackingHandler, HOME_HEADER } from './http-handler.ts';
import { Registry } from './registry.ts';
import { TokenIssuer, type TokenScope } from './tokens.ts';
import { TrackingStore } from './tracking-store.ts';

/** The settings key holding this home's tracking port. */
export const TRACKING_PORT_SETTING = 'tracking.port';

export interface TrackingEndpoint {
  port: number;
  /** For processes on this machine: `http://127.0.0.1:PORT`. */
  hostUri: string;
  /** For containers started with `host.docker.internal:host-gateway`. */
  containerUri: string;
  /** Who answers: this process, or another Benchtop process of the same home. */
  servedBy: 'this-process' | 'another-process';
  /** The addresses this process listens on (empty when another process serves). */
  addresses: string[];
}

export interface TrackingStatus {
  serving: boolean;
  servedBy: 'this-process' | 'another-process' | null;
  port: number;
  hostUri: string;
}

/** A port derived from the home's path, in 20000–29999: the first choice before one is kept. */
export function defaultTrackingPort(home: string): number {
  return 20000 + (createHash('sha256').update(home).digest().readUInt32BE(0) % 10000);
}

export function homeId(home: string): string {
  return createHash('sha256').update(home).digest('hex').slice(0, 16);
}

export interface TrackingServiceOptions {
  store: Store;
  catalog: CatalogStore;
  home: string;
  log?: Logger;
  /** Listen addresses; default loopback plus the Docker bridge gateway when present. */
  addresses?: () => string[];
}

/**
 * The tracking server of one Benchtop home: its data (`store`, `tokens`, `artifacts`, `registry`)
 * and its HTTP endpoint on a stable port (the `tracking.port` setting; first derived from the
 * home, another free port when that one is taken by something else, then kept). A second process
 * of the same home finds the first one's `/health` there and leaves the serving to it. Listening
 * costs nothing while idle (no timers).
 */
export class TrackingService {
  readonly store: TrackingStore;
  readonly tokens: TokenIssuer;
  readonly artifacts: ArtifactStore;
  readonly registry: Registry;
  readonly #settings: Store;
  readonly #home: string;
  readonly #log: Logger;
  readonly #addresses: () => string[];
  #servers: Server[] = [];
  #serving: Promise<TrackingEndpoint> | null = null;

  constructor(options: TrackingServiceOptions) {
    this.#settings = options.store;
    this.#home = options.home;
    this.#log = options.log ?? silentLogger;
    this.#addresses = options.addresses ?? (() => trackingBindAddresses());
    this.store = new TrackingStore(options.store);
    this.tokens = new TokenIssuer(options.store);
    this.artifacts = new ArtifactStore(options.store, options.catalog);
    this.registry = new Registry(options.store, options.catalog, this.store, this.artifacts);
  }

  /** This home's port: the setting, else the one derived from the home. Stable across processes. */
  port(): number {
    const stored = this.#settings.getSetting(TRACKING_PORT_SETTING);
    return typeof stored === 'number' && Number.isInteger(stored) && stored > 0 && stored < 65536 ? stored : defaultTrackingPort(this.#home);
  }

  setPort(port: number): void {
    if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`${port} is not a TCP port (1–65535).`);
    this.#settings.setSetting(TRACKING_PORT_SETTING, port);
  }

  hostUri(port = this.port()): string {
    return `http://127.0.0.1:${port}`;
  }

  containerUri(port = this.port()): string {
    return `http://host.docker.internal:${port}`;
  }

  issueToken(scope: TokenScope, label = ''): string {
    return this.tokens.issue(scope, label);
  }

  /** Starts serving (once), or finds the process of this home that already does. */
  ensureServing(): Promise<TrackingEndpoint> {
    this.#serving ??= this.#serve().catch((error: unknown) => {
      this.#serving = null;
      throw error;
    });
    return this.#serving;
  }

  /** Whether anything answers on this home's port now, and who. */
  async status(): Promise<TrackingStatus> {
    const port = this.port();
    if (this.#servers.length > 0) return { serving: true, servedBy: 'this-process', port, hostUri: this.hostUri(port) };
    const other = await probeHome(port);
    return { serving: other === homeId(this.#home), servedBy: other === homeId(this.#home) ? 'another-process' : null, port, hostUri: this.hostUri(port) };
  }

  async #serve(): Promise<TrackingEndpoint> {
    const wanted = this.port();
    const handler = createTrackingHandler({ tracking: this.store, artifacts: this.artifacts, registry: this.registry, tokens: this.tokens, homeId: homeId(this.#home), log: this.#log });
    const addresses = this.#addresses();
    let port = wanted;
    try {
      this.#servers = await listenAll(handler, addresses, wanted);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
      const owner = await probeHome(wanted);
      if (owner === homeId(this.#home)) {
        return { port: wanted, hostUri: this.hostUri(wanted), containerUri: this.containerUri(wanted), servedBy: 'another-process', addresses: [] };
      }
      if (this.#settings.getSetting(TRACKING_PORT_SETTING) !== null) {
        throw new Error(`Port ${wanted} (setting ${TRACKING_PORT_SETTING}) is taken by another program: free it or choose another port with \`benchtop tracking serve --port N\`.`);
      }
      // The derived port is taken by something else: take a free one and keep it for this home.
      this.#servers = await listenAll(handler, addresses, 0);
      port = (this.#servers[0].address() as { port: number }).port;
    }
    if (this.#settings.getSetting(TRACKING_PORT_SETTING) === null) this.setPort(port);
    this.#log.info(`tracking: serving MLflow's REST API on ${addresses.map((a) => `${a}:${port}`).join(', ')}`);
    return { port, hostUri: this.hostUri(port), containerUri: this.containerUri(port), servedBy: 'this-process', addresses };
  }

  async close(): Promise<void> {
    const servers = this.#servers;
    this.#servers = [];
    this.#serving = null;
    await Promise.all(
      servers.map(
        (server) =>
          new Promise<void>((resolve) => {
            server.close(() => resolve());
            server.closeAllConnections();
          }),
      ),
    );
  }
}

/** Listens on each address on the same port (the first picks it when 0); all or none. */
async function listenAll(handler: Parameters<typeof createServer>[1], addresses: string[], port: number): Promise<Server[]> {
  const servers: Server[] = [];
  try {
    for (const address of addresses) {
      const server = createServer({ keepAliveTimeout: 5000 }, handler);
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, address, () => {
          server.off('error', reject);
          resolve();
        });
      });
      servers.push(server);
      port = (server.address() as { port: number }).port;
    }
    return servers;
  } catch (error) {
    await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
    throw error;
  }
}

/** The home id a Benchtop tracking server on that port reports, or null (nothing there, or not Benchtop). */
export function probeHome(port: number, timeoutMs = 1500): Promise<string | null> {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path: '/health', method: 'GET', timeout: timeoutMs }, (res) => {
      res.resume();
      const header = res.headers[HOME_HEADER];
      resolve(res.statusCode === 200 && typeof header === 'string' ? header : null);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(null));
    req.end();
  });
}
