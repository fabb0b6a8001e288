import { join } from 'node:path';
import { createDispatcher, type Dispatcher } from './api/dispatcher.ts';
import { CatalogService } from './catalog/service.ts';
import { OutputFiles } from './outputs/output-files.ts';
import { createHandlers } from './api/handlers.ts';
import { createComposeService } from './compose/service.ts';
import { createContainerService } from './containers/service.ts';
import { defaultDataDir } from './data-dir.ts';
import { createPublishedPortCheck } from './containers/published-ports.ts';
import { EngineConnection } from './engine/connection.ts';
import { createEnvironmentServiceForCore } from './environments/create.ts';
import { GpuService } from './gpu/service.ts';
import { createImageService } from './images/service.ts';
import { silentLogger, type Logger } from './logging/logger.ts';
import type { CaptureFrameSource } from './monitoring/data-sources.ts';
import { MonitorService } from './monitoring/monitor-service.ts';
import { monitorWhenResolver } from './monitoring/when-values.ts';
import { createRotatingLog } from './logging/rotating-log.ts';
import { createNetworkService } from './networks/service.ts';
import { outagePolicy } from './pipelines/engine-outage.ts';
import { onEngineReturn } from './engine/engine-return.ts';
import { PipelineService } from './pipelines/service.ts';
import { captureFrame } from './serving/capture-frame.ts';
import { ServingService } from './serving/serving-service.ts';
import { openStore, type Store } from './store/database.ts';
import { createSystemService } from './system/service.ts';
import { TaskRegistry } from './tasks/registry.ts';
import { endpointControl, type TrackingEndpointControl } from './run-tracking/endpoint.ts';
import { trackingListenAddresses } from './run-tracking/bridge-address.ts';
import { environmentTracking } from './run-tracking/environment-tracking.ts';
import { StepTracking } from './run-tracking/step-tracking.ts';
import { TrackingEvents } from './run-tracking/tracking-events.ts';
import { TrackingService } from './tracking/service.ts';
import { createVolumeService } from './volumes/service.ts';

/** The core: everything the app does, with no screen. Electron main, the web host and the CLI each create one. */
export interface Core {
  dispatcher: Dispatcher;
  /** Where the web host sends /apps/<environment>/<app>/: the app's loopback port (null: not running). */
  resolveApp(environmentId: string, appName: string): Promise<{ port: number; knowsBasePath: boolean } | null>;
  /** Whether a running container publishes this host port (the web host's /ports/<port>/). */
  isPublishedPort(port: number): Promise<boolean>;
  engine: EngineConnection;
  store: Store;
  /** The data directory (BENCHTOP_HOME, or Electron's userData). */
  home: string;
  /** The app's own log: rotating files under <home>/logs, bounded in size. */
  log: Logger;
  /** The MLflow-compatible tracking server of this home (data, tokens, and its HTTP endpoint). */
  tracking: TrackingService;
  /** Run steps' artifacts and model versions' files, resolved for preview and download (the web host's /download). */
  outputs: OutputFiles;
  /** Model endpoints (the CLI's `serve` keeps its process alive on it). */
  serving: ServingService;
  /**
   * What long-lived hosts do in the background: take over runs a previous process left (kill -9,
   * crash), keep the pipeline and monitor schedules ticking, serve the tracking endpoint and re-adopt
   * model endpoints. Electron's core starts it itself; `benchtop web`, whose core is the CLI's, calls
   * it once serving. Idempotent.
   */
  startBackgroundWork(): void;
  close(): Promise<void>;
}

export interface CoreOptions {
  /** Data directory; defaults to BENCHTOP_HOME, then the platform's per-user data folder. */
  home?: string;
  env?: NodeJS.ProcessEnv;
  transport: 'electron' | 'web' | 'cli';
  /** Check every API output against the contract (tests). */
  validateOutputs?: boolean;
  /** Where the core logs; defaults to a rotating `<home>/logs/<transport>.log`. */
  log?: Logger;
  /** Where monitors of kind "endpoint" read requests; defaults to serving's capture in this home's database. */
  captureFrame?: CaptureFrameSource;
  /** The MLflow tracking endpoint; defaults to this home's TrackingService (served on first need). */
  trackingEndpoint?: TrackingEndpointControl;
}

export async function createCore(options: CoreOptions): Promise<Core> {
  const env = options.env ?? process.env;
  const home = options.home ?? defaultDataDir(env);
  const ownLog = options.log ? null : createRotatingLog({ dir: join(home, 'logs'), name: options.transport });
  const log: Logger = ownLog ?? options.log ?? silentLogger;
  const store = openStore(join(home, 'benchtop.db'));
  const engine = new EngineConnection({ env });
  const containers = createContainerService(() => engine.client());
  const compose = createComposeService({ client: () => engine.client(), events: engine.events, env });
  const images = createImageService(() => engine.client());
  const tasks = new TaskRegistry();
  const gpu = new GpuService({ engine, env });
  const volumes = createVolumeService(() => engine.client());
  const networks = createNetworkService(() => engine.client());
  const system = createSystemService(() => engine.client(), () => engine.status().versions?.negotiatedApiVersion ?? null);
  const catalog = new CatalogService(store, home);
  const trackingService = new TrackingService({ store, catalog: catalog.models, home, log, addresses: trackingListenAddresses });
  const { store: tracking, tokens } = trackingService;
  const trackingEvents = new TrackingEvents(tracking);
  const trackingEndpoint = options.trackingEndpoint ?? endpointControl(trackingService);
  const stepTracking = new StepTracking({ tracking, tokens, endpoint: () => trackingEndpoint.ensureServing(), gpu });
  let monitors: MonitorService | null = null;
  const pipelines = new PipelineService({
    store,
    docker: () => engine.client(),
    home,
    gpus: () => gpu.schedulablePool(),
    onStepSucceeded: catalog.registerStepOutputs,
    outage: () => outagePolicy(env, store),
    tracking: stepTracking,
    whenResolver: monitorWhenResolver((name) => monitors?.whenValues(name) ?? null),
  });
  const outputs = new OutputFiles({
    getRun: (id) => pipelines.get(id),
    versionFiles: (name, version) => catalog.models.versionFiles(name, version),
    blobPath: (digest) => catalog.models.files.blobPath(digest),
  });
  monitors = new MonitorService({ store, home, catalog, pipelines, captureFrame: options.captureFrame ?? ((endpoint, window) => captureFrame(store, endpoint, window)) });
  const serving = new ServingService({ store, catalog, docker: () => engine.client(), home, gpus: () => gpu.schedulablePool(), log });
  const environments = createEnvironmentServiceForCore({
    engine,
    compose,
    tasks,
    gpu,
    env,
    tracking: environmentTracking({ store, tracking, tokens, endpoint: () => trackingEndpoint.ensureServing() }),
  });
  let background = false;
  let stopEngineReturn: (() => void) | null = null;
  const startBackgroundWork = () => {
    if (background) return;
    background = true;
    // The app and the web host carry on runs a previous process left, then keep the schedules ticking.
    void pipelines
      .recover()
      .then(() => pipelines.scheduler.start())
      .catch((error: unknown) => log.error(`pipelines: resuming runs failed: ${String(error)}`));
    // The tracking endpoint of this home (or the process of this home that already serves it).
    void trackingService.ensureServing().catch((error: unknown) => log.error(`tracking: not serving: ${String(error)}`));
    // Endpoints live with the app: a new start re-adopts those a previous one left.
    void serving.adopt().catch((error: unknown) => log.error(`serving: re-adopting endpoints failed: ${String(error)}`));
    // Monitors run on their cron schedules (the CLI runs one when asked).
    monitors.start();
    // The engine came back after an outage: its restart policy started the environments and the
    // endpoints' containers again; the environments' postStartCommand runs again here, and each
    // endpoint is made to answer on its port again (its server started if the policy did not).
    stopEngineReturn = onEngineReturn(engine.events, (downForMs) => {
      void environments
        .afterEngineReturn(downForMs)
        .then((names) => names.length > 0 && log.info(`environments: the engine is back; started again: ${names.join(', ')}`))
        .catch((error: unknown) => log.error(`environments: after the engine came back: ${String(error)}`));
      void serving
        .afterEngineReturn()
        .then((names) => names.length > 0 && log.info(`serving: the engine is back; answering again: ${names.join(', ')}`))
        .catch((error: unknown) => log.error(`serving: after the engine came back: ${String(error)}`));
    });
  };
  if (options.transport !== 'cli') startBackgroundWork();
  const dispatcher = createDispatcher(createHandlers({ engine, compose, containers, images, tasks, gpu, volumes, networks, system, store, pipelines, outputs, catalog, serving, environments, monitors, home, transport: options.transport, engineWaitMs: () => outagePolicy(env, store).waitMs, tracking, trackingEvents, trackingStatus: () => trackingEndpoint.status() }), {
    validateOutputs: options.validateOutputs,
    onInternalError: (method, error) => log.error(`${method}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`),
  });
  return {
    dispatcher,
    resolveApp: (environmentId: string, appName: string) => environments.resolveApp(environmentId, appName),
    isPublishedPort: createPublishedPortCheck(() => engine.client()),
    engine,
    store,
    home,
    log,
    tracking: trackingService,
    outputs,
    serving,
    startBackgroundWork,
    async close() {
      stopEngineReturn?.();
      pipelines.scheduler.stop();
      monitors.stop();
      environments.appHealth.close();
      trackingEvents.close();
      await trackingService.close();
      await serving.close();
      engine.close();
      store.close();
      ownLog?.close();
    },
  };
}
