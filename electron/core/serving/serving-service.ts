import { createHash, randomBytes } from 'node:crypto';
import { chmod, mkdir, rm } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type Docker from 'dockerode';
import { ApiError } from '../../../shared/api/errors.ts';
import type { ModelVersion } from '../../../shared/catalog/model.ts';
import {
  defaultEndpointName,
  ENDPOINT_NAME_PATTERN,
  type CaptureRecord,
  type Endpoint,
  type EndpointStats,
  type EndpointTarget,
} from '../../../shared/serving/endpoint.ts';
import type { CatalogService } from '../catalog/service.ts';
import { portOwner } from '../environments/port-owner.ts';
import { createGpuAllocator, type GpuAllocator } from '../gpu/allocator.ts';
import { toDeviceRequests, type DeviceRequestReadiness } from '../gpu/device-requests.ts';
import { silentLogger, type Logger } from '../logging/logger.ts';
import type { Store } from '../store/database.ts';
import { CaptureStore } from './capture-store.ts';
import { containerLogTail, ENDPOINT_SOCKET_LABEL, ENDPOINT_VERSION_LABEL, listEndpointContainers, removeContainer, SOCKET_NAME, startEndpointContainer } from './endpoint-container.ts';
import { EndpointProxy, probeSocket, type Backend } from './endpoint-proxy.ts';
import { EndpointStore, type EndpointRow } from './endpoint-store.ts';
import { EMPTY_STATS, percentile } from './latency-window.ts';
import { materializeTree } from './model-files.ts';
import { writeScoringServer } from './scoring-server-file.ts';
import { planServing, type ServingPlan } from './serving-config.ts';

export interface ServingServiceOptions {
  store: Store;
  catalog: CatalogService;
  docker: () => Promise<Docker>;
  home: string;
  /** The machine's GPUs a container can be given (the GPU service's schedulable pool). */
  gpus?: () => Promise<{ deviceIds: string[]; readiness: DeviceRequestReadiness }>;
  /** Extra labels on every endpoint container (tests: benchtop.test=1). */
  labels?: Record<string, string>;
  /** How long a new container may take to answer /ping (default 120 s). */
  healthTimeoutMs?: number;
  /** How often aliases and health are checked (default 1 s). */
  followIntervalMs?: number;
  log?: Logger;
}

export interface ServeRequest {
  model: string;
  version?: number | string;
  alias?: string;
  /** The proxy's port on 127.0.0.1; 0 or absent picks a free one. */
  port?: number;
  name?: string;
  /** `all`, a count, or device ids (comma-separated, `device=` prefix allowed), as `docker run --gpus`. */
  gpus?: string;
  /** An image for versions with no recorded image (or to override it). */
  image?: string;
  /** Share of requests captured, 0..1 (default 1). */
  sampleRate?: number;
}

interface LiveEndpoint {
  name: string;
  proxy: EndpointProxy;
  backend: Backend | null;
  switching: boolean;
  failures: number;
  recovering: boolean;
  gpuIds: string[];
}

const GONE_STATES = new Set(['stopped', 'failed']);
const ENGINE_AWAY = 'The engine is not answering';
/** Messages the health check writes while a server is away; cleared once it answers again. */
const RECOVERY_MESSAGE = /^(The model server stopped|The engine is not answering|The engine is back, but)/;

/**
 * Endpoints: a model version served by its own image behind a proxy that owns a stable port
 * (electron/core/serving/README.md). Serving, following an alias, health and restart, adoption of
 * endpoints a previous process left, stop and remove, logs, the capture.
 */
export class ServingService {
  readonly endpoints: EndpointStore;
  readonly captures: CaptureStore;
  readonly #options: ServingServiceOptions;
  readonly #live = new Map<string, LiveEndpoint>();
  readonly #homeId: string;
  readonly #servingDir: string;
  readonly #log: Logger;
  #timer: ReturnType<typeof setInterval> | null = null;
  #ticking = false;
  #allocator: Promise<{ allocator: GpuAllocator; readiness: DeviceRequestReadiness } | null> | null = null;
  #closed = false;

  constructor(options: ServingServiceOptions) {
    this.#options = options;
    this.endpoints = new EndpointStore(options.store);
    this.captures = CaptureStore.for(options.store);
    this.#homeId = createHash('sha256').update(options.home).digest('hex').slice(0, 12);
    this.#servingDir = join(options.home, 'serving');
    this.#log = options.log ?? silentLogger;
  }

  // ---- serving ---------------------------------------------------------------------------------

  /** Starts an endpoint and resolves once it answers on its port; refuses bad input before anything starts. */
  async serve(request: ServeRequest): Promise<Endpoint> {
    const models = this.#options.catalog.models;
    const model = models.requireModel(request.model);
    const target: EndpointTarget =
      request.alias !== undefined
        ? { kind: 'alias', alias: request.alias }
        : request.version !== undefined
          ? /^v?\d+$/.test(String(request.version))
            ? { kind: 'version', version: Number(String(request.version).replace(/^v/, '')) }
            : { kind: 'alias', alias: String(request.version) }
          : { kind: 'alias', alias: model.aliases.champion !== undefined ? 'champion' : 'latest' };
    const version = this.#resolve(model.name, target);
    const name = request.name ?? defaultEndpointName(model.name);
    if (!ENDPOINT_NAME_PATTERN.test(name)) {
      throw new ApiError('invalid_input', `"${name}" is not an endpoint name: use 1 to 40 lowercase letters, digits and "-" (it names a container and Kubernetes objects).`);
    }
    const existing = this.endpoints.get(name);
    if (existing && !GONE_STATES.has(existing.state)) {
      throw new ApiError('conflict', `An endpoint named "${name}" is already ${existing.state} at http://127.0.0.1:${existing.port} (${existing.model}); stop it first or choose another name (--name).`);
    }
    const plan = await this.#plan(version);
    const docker = await this.#options.docker();
    const image = await this.#image(docker, version, request.image);
    const gpu = await this.#allocateGpus(request.gpus);
    const proxy = new EndpointProxy({ onExchange: (exchange) => this.#capture(name, exchange) });
    try {
      await this.#listen(docker, proxy, request.port ?? 0);
    } catch (error) {
      this.#releaseGpus(gpu.ids);
      throw error;
    }
    const now = Date.now();
    const row: EndpointRow = {
      name,
      model: model.name,
      target,
      port: proxy.port,
      imageOverride: request.image ?? null,
      gpus: gpu.ids,
      state: 'starting',
      message: null,
      version: version.version,
      image,
      containerId: null,
      ownerPid: process.pid,
      sampleRate: Math.min(1, Math.max(0, request.sampleRate ?? 1)),
      createdAt: existing?.createdAt ?? now,
      updatedAt: now,
    };
    this.endpoints.insert(row);
    const live: LiveEndpoint = { name, proxy, backend: null, switching: false, failures: 0, recovering: false, gpuIds: gpu.ids };
    this.#live.set(name, live);
    this.#sampleRates.delete(name);
    try {
      const backend = await this.#startBackend(docker, name, plan, image, gpu.deviceRequests);
      live.backend = backend;
      proxy.switchTo(backend);
      this.endpoints.update(name, { state: 'running', containerId: backend.containerId, message: null });
    } catch (error) {
      this.#live.delete(name);
      await proxy.close();
      this.#releaseGpus(gpu.ids);
      const message = error instanceof Error ? error.message : String(error);
      this.endpoints.update(name, { state: 'failed', message, ownerPid: null });
      throw error instanceof ApiError ? error : new ApiError('engine_error', message);
    }
    this.#startTimer();
    return this.get(name);
  }

  /** Re-adopts the endpoints a previous process left running: same port, same containers where they still answer. */
  async adopt(): Promise<string[]> {
    const adopted: string[] = [];
    for (const row of this.endpoints.list()) {
      if (GONE_STATES.has(row.state) || this.#live.has(row.name)) continue;
      if (row.ownerPid !== null && row.ownerPid !== process.pid && isAlive(row.ownerPid)) continue;
      try {
        await this.#adoptOne(row);
        adopted.push(row.name);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        this.#log.warn(`serving: could not re-adopt ${row.name}: ${message}`);
        this.endpoints.update(row.name, { state: 'failed', message: `Not re-adopted: ${message}`, ownerPid: null });
      }
    }
    if (adopted.length > 0) this.#startTimer();
    return adopted;
  }

  async #adoptOne(row: EndpointRow): Promise<void> {
    const docker = await this.#options.docker();
    this.endpoints.update(row.name, { ownerPid: process.pid, state: 'starting', message: 'Re-adopting after a restart' });
    const proxy = new EndpointProxy({ onExchange: (exchange) => this.#capture(row.name, exchange) });
    await this.#listen(docker, proxy, row.port);
    const live: LiveEndpoint = { name: row.name, proxy, backend: null, switching: false, failures: 0, recovering: false, gpuIds: row.gpus };
    this.#live.set(row.name, live);
    try {
      const containers = await listEndpointContainers(docker, this.#homeId, row.name);
      const candidate =
        containers.find((c) => c.Id === row.containerId && c.State === 'running') ?? containers.find((c) => c.State === 'running' && c.Labels[ENDPOINT_VERSION_LABEL] === String(row.version));
      let backend: Backend | null = null;
      if (candidate) {
        const socketPath = candidate.Labels[ENDPOINT_SOCKET_LABEL];
        if (socketPath && (await this.#waitHealthy(docker, candidate.Id, socketPath, 30_000).then(() => true, () => false))) {
          backend = { version: Number(candidate.Labels[ENDPOINT_VERSION_LABEL]), socketPath, containerId: candidate.Id };
        }
      }
      if (!backend) {
        const version = this.#options.catalog.models.getVersion(row.model, row.version ?? (row.target.kind === 'version' ? row.target.version : row.target.alias));
        const image = row.image ?? (await this.#image(docker, version, row.imageOverride ?? undefined));
        backend = await this.#startBackend(docker, row.name, await this.#plan(version), image, await this.#deviceRequests(row.gpus));
      }
      for (const other of containers) if (other.Id !== backend.containerId) await this.#discard(docker, other.Id, other.Labels[ENDPOINT_SOCKET_LABEL]);
      live.backend = backend;
      proxy.switchTo(backend);
      this.endpoints.update(row.name, { state: 'running', version: backend.version, containerId: backend.containerId, message: null });
    } catch (error) {
      this.#live.delete(row.name);
      await proxy.close();
      throw error;
    }
  }

  /** Stops the endpoint: its proxy (here or, within a second, in the process that owns it) and its containers. Keeps the row and the capture. */
  async stop(name: string): Promise<Endpoint> {
    this.#require(name);
    await this.#shutDownLocal(name);
    const docker = await this.#options.docker();
    for (const container of await listEndpointContainers(docker, this.#homeId, name)) await this.#discard(docker, container.Id, container.Labels[ENDPOINT_SOCKET_LABEL]);
    this.endpoints.update(name, { state: 'stopped', ownerPid: null, containerId: null, message: null });
    return this.get(name);
  }

  /** Stops it and forgets it, capture included. */
  async remove(name: string): Promise<{ name: string }> {
    await this.stop(name);
    this.endpoints.delete(name);
    this.captures.deleteEndpoint(name);
    return { name };
  }

  /** Stops the proxies of this process; the containers keep running, and the next process to start re-adopts them. */
  async close(): Promise<void> {
    this.#closed = true;
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    for (const name of [...this.#live.keys()]) {
      await this.#shutDownLocal(name);
      const row = this.endpoints.get(name);
      if (row && !GONE_STATES.has(row.state)) {
        this.endpoints.update(name, { state: 'orphaned', ownerPid: null, message: 'The process that served it stopped; Benchtop re-adopts it when it starts again.' });
      }
    }
    this.captures.close();
  }

  // ---- reading ---------------------------------------------------------------------------------

  list(): Endpoint[] {
    return this.endpoints.list().map((row) => this.#view(row));
  }

  get(name: string): Endpoint {
    return this.#view(this.#require(name));
  }

  recentCaptures(name: string, limit = 20): CaptureRecord[] {
    this.#require(name);
    return this.captures.recent(name, limit);
  }

  async logs(name: string, tail = 200): Promise<string> {
    const row = this.#require(name);
    const docker = await this.#options.docker();
    const containers = await listEndpointContainers(docker, this.#homeId, name);
    const container = containers.find((c) => c.Id === row.containerId) ?? containers[0];
    if (!container) return '';
    return containerLogTail(docker, container.Id, tail);
  }

  /** Sends a request through the endpoint's port, as any client would (measured and captured). */
  async invoke(name: string, body: string, contentType = 'application/json'): Promise<{ status: number; body: string; latencyMs: number; version: number | null; requestId: string | null }> {
    const row = this.#require(name);
    const started = performance.now();
    return new Promise((resolve, reject) => {
      const req = httpRequest(
        { host: '127.0.0.1', port: row.port, path: '/invocations', method: 'POST', headers: { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(body) }, agent: false, timeout: 60_000 },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => {
            const version = res.headers['x-benchtop-model-version'];
            const requestId = res.headers['x-request-id'];
            resolve({
              status: res.statusCode ?? 0,
              body: Buffer.concat(chunks).toString('utf8'),
              latencyMs: Math.round((performance.now() - started) * 100) / 100,
              version: typeof version === 'string' ? Number(version) : null,
              requestId: typeof requestId === 'string' ? requestId : null,
            });
          });
        },
      );
      req.on('timeout', () => req.destroy(new Error('The endpoint did not answer within 60 s.')));
      req.on('error', (error) => reject(new ApiError('conflict', `Endpoint "${name}" did not answer on port ${row.port} (${error.message}); is it running?`)));
      req.end(body);
    });
  }

  /** The version files, scoring server and config of an endpoint (for exports). */
  async servingFiles(name: string): Promise<{ row: EndpointRow; version: ModelVersion; plan: ServingPlan; modelDir: string; serverPath: string }> {
    const row = this.#require(name);
    const version = this.#options.catalog.models.getVersion(row.model, row.version ?? (row.target.kind === 'version' ? row.target.version : row.target.alias));
    const plan = await this.#plan(version);
    const modelDir = await this.#modelDir(version, plan);
    const serverPath = await writeScoringServer(this.#servingDir);
    return { row, version, plan, modelDir, serverPath };
  }

  // ---- internals -------------------------------------------------------------------------------

  #require(name: string): EndpointRow {
    const row = this.endpoints.get(name);
    if (!row) throw new ApiError('not_found', `No endpoint named "${name}"; \`benchtop endpoints ls\` lists them.`);
    return row;
  }

  #resolve(model: string, target: EndpointTarget): ModelVersion {
    return this.#options.catalog.models.getVersion(model, target.kind === 'version' ? target.version : target.alias);
  }

  async #plan(version: ModelVersion): Promise<ServingPlan> {
    const entries = version.treeDigest ? this.#options.catalog.models.treeEntries(version.treeDigest) : [];
    if (entries.length === 0) throw new ApiError('invalid_input', `${version.name} v${version.version} has no files in the catalog (deleted and collected?); register it again.`);
    return planServing(this.#options.catalog.models.files, version, entries);
  }

  async #modelDir(version: ModelVersion, plan: ServingPlan): Promise<string> {
    const entries = this.#options.catalog.models.treeEntries(version.treeDigest as string);
    const dir = await materializeTree(this.#options.catalog.models.files, this.#servingDir, version.treeDigest as string, entries);
    return plan.root ? join(dir, ...plan.root.split('/')) : dir;
  }

  async #image(docker: Docker, version: ModelVersion, chosen: string | undefined): Promise<string> {
    const image = chosen ?? version.source.imageDigest;
    if (!image) {
      throw new ApiError(
        'invalid_input',
        `${version.name} v${version.version} was ${version.source.type === 'mlflow' ? 'imported from MLflow' : 'registered by hand'} and has no recorded image: choose one that can load it (--image IMAGE, or pick an image in the Serve dialog): python3 with the model's libraries.`,
      );
    }
    try {
      await docker.getImage(image).inspect();
    } catch (error) {
      if ((error as { statusCode?: number }).statusCode === 404) {
        throw new ApiError('invalid_input', `Image ${image} is not on this engine${chosen ? '' : ` (the image ${version.name} v${version.version} was trained in)`}: pull or build it, or choose another with --image.`);
      }
      throw new ApiError('engine_unavailable', `Could not inspect image ${image}: ${error instanceof Error ? error.message : String(error)}`);
    }
    return image;
  }

  async #listen(docker: Docker, proxy: EndpointProxy, port: number): Promise<void> {
    try {
      await proxy.listen(port);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EADDRINUSE') {
        const holder = (await portOwner(docker, port, '127.0.0.1')) ?? 'another program';
        throw new ApiError('conflict', `Port ${port} on 127.0.0.1 is in use by ${holder}; stop it or choose another port (--port).`, { port, holder });
      }
      if (code === 'EACCES') throw new ApiError('invalid_input', `Port ${port} needs privileges on this machine; choose one above 1024 (--port).`);
      throw error;
    }
  }

  async #runDir(): Promise<string> {
    const id = randomBytes(5).toString('hex');
    let dir = join(this.#servingDir, 'run', id);
    // A Unix socket path has at most 107 bytes: a long home falls back to the temp folder.
    if (Buffer.byteLength(join(dir, SOCKET_NAME)) > 100) dir = join(tmpdir(), `benchtop-serving-${this.#homeId}`, id);
    await mkdir(dir, { recursive: true });
    await chmod(dir, 0o777); // the image's user, whoever it is, creates the socket here
    return dir;
  }

  async #startBackend(docker: Docker, name: string, plan: ServingPlan, image: string, deviceRequests: ReturnType<typeof toDeviceRequests> | undefined): Promise<Backend> {
    const version = this.#options.catalog.models.getVersion(plan.config.model, plan.config.version);
    const modelDir = await this.#modelDir(version, plan);
    const serverPath = await writeScoringServer(this.#servingDir);
    const runDir = await this.#runDir();
    let containerId: string;
    try {
      containerId = await startEndpointContainer(docker, { endpoint: name, homeId: this.#homeId, image, config: plan.config, modelDir, serverPath, runDir, deviceRequests, labels: this.#options.labels });
    } catch (error) {
      await rm(runDir, { recursive: true, force: true });
      const json = (error as { json?: { message?: string } }).json;
      throw new ApiError('engine_error', `The endpoint container for ${plan.config.model} v${plan.config.version} did not start: ${json?.message ?? (error instanceof Error ? error.message : String(error))}`);
    }
    const socketPath = join(runDir, SOCKET_NAME);
    try {
      await this.#waitHealthy(docker, containerId, socketPath, this.#options.healthTimeoutMs ?? 120_000);
    } catch (error) {
      const tail = await containerLogTail(docker, containerId, 20);
      await removeContainer(docker, containerId);
      await rm(runDir, { recursive: true, force: true });
      const reason = error instanceof Error ? error.message : String(error);
      throw new ApiError('engine_error', `${plan.config.model} v${plan.config.version} did not become healthy (${reason}); the container was removed. Its last lines:\n${tail.trim() || '(no output)'}`, {
        logTail: tail,
      });
    }
    return { version: plan.config.version, socketPath, containerId };
  }

  async #waitHealthy(docker: Docker, containerId: string, socketPath: string, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let lastInspect = 0;
    for (;;) {
      if ((await probeSocket(socketPath, '/ping', 2000)) === 200) return;
      if (Date.now() - lastInspect > 700) {
        lastInspect = Date.now();
        const info = await docker
          .getContainer(containerId)
          .inspect()
          .catch(() => null);
        if (!info) throw new Error('its container is gone');
        if (info.RestartCount > 0 || (!info.State.Running && !info.State.Restarting && info.State.Status !== 'created')) {
          throw new Error(`the model server exited with code ${info.State.ExitCode}`);
        }
      }
      if (Date.now() > deadline) throw new Error(`no answer on /ping within ${Math.round(timeoutMs / 1000)} s`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** Removes a container and the folder of its socket. */
  async #discard(docker: Docker, containerId: string, socketPath: string | undefined): Promise<void> {
    await removeContainer(docker, containerId);
    const dir = socketPath ? dirname(socketPath) : null;
    // Only a run folder this service made (the label is read back from the engine).
    if (dir && (dir.startsWith(join(this.#servingDir, 'run')) || dir.startsWith(join(tmpdir(), `benchtop-serving-${this.#homeId}`)))) await rm(dir, { recursive: true, force: true });
  }

  async #shutDownLocal(name: string): Promise<void> {
    const live = this.#live.get(name);
    if (!live) return;
    this.#live.delete(name);
    await live.proxy.close();
    this.#releaseGpus(live.gpuIds);
  }

  #capture(name: string, exchange: { requestId: string; time: number; status: number; latencyMs: number; version: number | null; contentType: string | null; input: Buffer; output: Buffer }): void {
    const row = this.#sampleRates.get(name) ?? this.endpoints.get(name)?.sampleRate ?? 1;
    this.#sampleRates.set(name, row);
    if (row < 1 && Math.random() >= row) return;
    this.captures.add({ endpoint: name, ...exchange, latencyMs: Math.round(exchange.latencyMs * 1000) / 1000 });
  }

  readonly #sampleRates = new Map<string, number>();

  #view(row: EndpointRow): Endpoint {
    const live = this.#live.get(row.name);
    const orphaned = !live && !GONE_STATES.has(row.state) && (row.ownerPid === null || !isAlive(row.ownerPid));
    return {
      name: row.name,
      model: row.model,
      target: row.target,
      version: row.version,
      image: row.image,
      port: row.port,
      url: `http://127.0.0.1:${row.port}`,
      state: orphaned ? 'orphaned' : row.state,
      message: row.message,
      containerId: row.containerId,
      ownerPid: row.ownerPid,
      gpus: row.gpus,
      live: live !== undefined,
      stats: live ? live.proxy.window.stats() : this.#statsFromCapture(row.name),
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
    };
  }

  /** Stats of an endpoint another process serves, from its capture (sampled) for the last 5 minutes. */
  #statsFromCapture(name: string): EndpointStats {
    const since = Date.now() - 300_000;
    const rows = this.#options.store.db.prepare('SELECT time, status, latency_ms FROM serving_captures WHERE endpoint = ? AND time >= ?').all(name, since) as { time: number; status: number; latency_ms: number }[];
    if (rows.length === 0) return EMPTY_STATS;
    const sorted = rows.map((r) => r.latency_ms).sort((a, b) => a - b);
    const minute = Date.now() - 60_000;
    return {
      p50Ms: percentile(sorted, 0.5),
      p95Ms: percentile(sorted, 0.95),
      requestsPerMinute: rows.filter((r) => r.time >= minute).length,
      requests: rows.length,
      errors: rows.filter((r) => r.status >= 400).length,
      series: [],
    };
  }

  #startTimer(): void {
    if (this.#timer || this.#closed) return;
    this.#timer = setInterval(() => void this.#tick(), this.#options.followIntervalMs ?? 1000);
    this.#timer.unref();
  }

  /** Each second: follow aliases, notice stops made by another process, restart a server that stopped answering. */
  async #tick(): Promise<void> {
    if (this.#ticking) return;
    this.#ticking = true;
    try {
      for (const live of [...this.#live.values()]) {
        const row = this.endpoints.get(live.name);
        if (!row || GONE_STATES.has(row.state)) {
          await this.#shutDownLocal(live.name);
          continue;
        }
        if (row.target.kind === 'alias' && !live.switching && live.backend) {
          let wanted: ModelVersion | null = null;
          try {
            wanted = this.#resolve(row.model, row.target);
          } catch {
            wanted = null; // the alias was deleted: keep serving what we serve
          }
          if (wanted && wanted.version !== live.backend.version && this.#failedSwitch.get(live.name) !== wanted.version) void this.#switch(live, row, wanted);
        }
        if (live.backend && !live.switching && !live.recovering) await this.#checkHealth(live, row);
      }
    } catch (error) {
      this.#log.warn(`serving: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      this.#ticking = false;
    }
  }

  /** Starts the new version beside the old one; once healthy, traffic moves and the old one drains, then goes. */
  async #switch(live: LiveEndpoint, row: EndpointRow, wanted: ModelVersion): Promise<void> {
    live.switching = true;
    const from = live.backend?.version;
    this.endpoints.update(live.name, { state: 'switching', message: `Starting v${wanted.version} (serving v${from} until it is healthy)` });
    try {
      const docker = await this.#options.docker();
      const plan = await this.#plan(wanted);
      const image = await this.#image(docker, wanted, row.imageOverride ?? undefined);
      const backend = await this.#startBackend(docker, live.name, plan, image, await this.#deviceRequests(row.gpus));
      if (!this.#live.has(live.name)) {
        await this.#discard(docker, backend.containerId, backend.socketPath);
        return;
      }
      const previous = live.proxy.switchTo(backend);
      live.backend = backend;
      live.failures = 0;
      this.#failedSwitch.delete(live.name);
      this.endpoints.update(live.name, { state: 'running', version: backend.version, image, containerId: backend.containerId, message: null });
      this.#log.info(`serving: ${live.name} switched from v${from} to v${backend.version}`);
      if (previous) {
        await live.proxy.retire(previous);
        await this.#discard(docker, previous.containerId, previous.socketPath);
      }
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.endpoints.update(live.name, { state: 'running', message: `Could not switch to v${wanted.version}: ${message.split('\n')[0]}; still serving v${from}.` });
      // Do not retry every second: wait until the alias moves again.
      this.#failedSwitch.set(live.name, wanted.version);
    } finally {
      live.switching = false;
    }
  }

  readonly #failedSwitch = new Map<string, number>();

  async #checkHealth(live: LiveEndpoint, row: EndpointRow): Promise<void> {
    const backend = live.backend as Backend;
    if ((await probeSocket(backend.socketPath, '/ping', 1500)) === 200) {
      if (live.failures > 0 && row.message !== null && RECOVERY_MESSAGE.test(row.message)) this.endpoints.update(live.name, { message: null, state: 'running' });
      live.failures = 0;
      return;
    }
    live.failures += 1;
    if (live.failures < 3) return;
    live.recovering = true;
    try {
      await this.#restartServer(live, row, backend);
    } catch (error) {
      this.endpoints.update(live.name, { message: `The model server stopped and could not be started again: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}` });
    } finally {
      live.recovering = false;
    }
  }

  /**
   * The server of `backend` does not answer: leaves it to the engine's restart policy while its
   * container runs, starts it again when it has stopped, starts a new one when it was removed. An
   * engine that does not answer is not a removed container: nothing is started then (a container
   * created as the engine returns would run beside the one its policy restarts), the endpoint says
   * so, and the engine's return (`afterEngineReturn`) or the next check picks it up.
   * Returns true when a server was started (or is being restarted by the engine).
   */
  async #restartServer(live: LiveEndpoint, row: EndpointRow, backend: Backend): Promise<boolean> {
    const engineAway = (error: unknown) => {
      const message = `${ENGINE_AWAY} (${error instanceof Error ? error.message.split('\n')[0] : String(error)}); the model server starts again when it returns, and requests wait for it up to 30 s.`;
      if (row.message !== message) this.endpoints.update(live.name, { message });
      return false;
    };
    let docker: Docker;
    try {
      docker = await this.#options.docker();
    } catch (error) {
      return engineAway(error);
    }
    let info: Docker.ContainerInspectInfo | null;
    try {
      info = await docker.getContainer(backend.containerId).inspect();
    } catch (error) {
      if ((error as { statusCode?: number }).statusCode !== 404) return engineAway(error);
      info = null;
    }
    if (info?.State.Running || info?.State.Restarting) return true; // the engine's restart policy is on it
    this.endpoints.update(live.name, { message: `The model server stopped (${info ? `exit code ${info.State.ExitCode}` : 'container removed'}); starting it again.` });
    if (info) {
      await docker.getContainer(backend.containerId).start().catch(() => undefined);
      return true;
    }
    const version = this.#options.catalog.models.getVersion(row.model, backend.version);
    const fresh = await this.#startBackend(docker, live.name, await this.#plan(version), row.image ?? (await this.#image(docker, version, row.imageOverride ?? undefined)), await this.#deviceRequests(row.gpus));
    live.proxy.switchTo(fresh);
    live.backend = fresh;
    this.endpoints.update(live.name, { containerId: fresh.containerId, state: 'running', message: null });
    return true;
  }

  /**
   * The engine answered again after an outage (the core calls this from `onEngineReturn`, beside the
   * environments). Each endpoint's container was started again by its restart policy: this makes
   * sure of it now rather than after three failed health checks (starting it, or a new one, when the
   * policy did not), waits up to `waitMs` for its server to answer on its socket (the port and the
   * proxy stay as they are) and clears what the outage wrote. Returns the endpoints that answer again.
   */
  async afterEngineReturn(waitMs = 60_000): Promise<string[]> {
    const answering: string[] = [];
    await Promise.all(
      [...this.#live.values()].map(async (live) => {
        const row = this.endpoints.get(live.name);
        if (!row || GONE_STATES.has(row.state) || !live.backend || live.switching) return;
        // A health check already restarting it keeps doing so; this then only waits for the answer.
        const owner = !live.recovering;
        live.recovering = true;
        try {
          const deadline = Date.now() + waitMs;
          let started = !owner;
          for (;;) {
            const backend = live.backend as Backend;
            if ((await probeSocket(backend.socketPath, '/ping', 1500)) === 200) break;
            if (!started) started = await this.#restartServer(live, this.endpoints.get(live.name) ?? row, backend);
            if (Date.now() > deadline) throw new Error(`no answer on /ping within ${Math.round(waitMs / 1000)} s of the engine's return`);
            await new Promise((resolve) => setTimeout(resolve, 200));
          }
          live.failures = 0;
          this.endpoints.update(live.name, { state: 'running', message: null });
          answering.push(live.name);
        } catch (error) {
          this.endpoints.update(live.name, { message: `The engine is back, but the model server did not answer again: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}` });
        } finally {
          if (owner) live.recovering = false;
        }
      }),
    );
    return answering;
  }

  // ---- GPUs ------------------------------------------------------------------------------------

  async #gpuPool(): Promise<{ allocator: GpuAllocator; readiness: DeviceRequestReadiness } | null> {
    const source = this.#options.gpus;
    if (!source) return null;
    this.#allocator ??= source()
      .then(({ deviceIds, readiness }) => (deviceIds.length > 0 ? { allocator: createGpuAllocator(deviceIds), readiness } : null))
      .catch(() => null);
    return this.#allocator;
  }

  async #allocateGpus(spec: string | undefined): Promise<{ ids: string[]; deviceRequests: ReturnType<typeof toDeviceRequests> | undefined }> {
    if (spec === undefined || spec === '' || spec === 'none' || spec === '0') return { ids: [], deviceRequests: undefined };
    const pool = await this.#gpuPool();
    if (!pool) throw new ApiError('invalid_input', `--gpus ${spec}: Benchtop found no GPU it can hand to a container on this machine (benchtop gpu says why); serve without --gpus.`);
    const text = spec.replace(/^device=/, '');
    let ids: string[];
    if (text === 'all') ids = pool.allocator.allocate(pool.allocator.free().length || 1);
    else if (/^\d+$/.test(text)) ids = pool.allocator.allocate(Number(text));
    else {
      const wanted = text.split(',').map((s) => s.trim()).filter(Boolean);
      const free = new Set(pool.allocator.free());
      const busy = wanted.filter((id) => !free.has(id));
      if (busy.length) throw new ApiError('conflict', `GPU ${busy.join(', ')} is not free (another container holds it, or no such device); choose others or a count.`);
      ids = wanted; // named devices are checked free, not reserved: the allocator hands out by count
    }
    return { ids, deviceRequests: toDeviceRequests({ mode: 'devices', deviceIds: ids }, pool.readiness) };
  }

  async #deviceRequests(ids: string[]): Promise<ReturnType<typeof toDeviceRequests> | undefined> {
    if (ids.length === 0) return undefined;
    const pool = await this.#gpuPool();
    return pool ? toDeviceRequests({ mode: 'devices', deviceIds: ids }, pool.readiness) : undefined;
  }

  #releaseGpus(ids: string[]): void {
    if (ids.length === 0) return;
    void this.#gpuPool().then((pool) => pool?.allocator.release(ids));
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
