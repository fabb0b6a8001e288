import { join } from 'node:path';
import { createDispatcher, type Dispatcher } from './api/dispatcher.ts';
import { CatalogService } from './catalog/service.ts';
import { createHandlers } from './api/handlers.ts';
import { createComposeService } from './compose/service.ts';
import { createContainerService } from './containers/service.ts';
import { defaultDataDir } from './data-dir.ts';
import { EngineConnection } from './engine/connection.ts';
import { createEnvironmentServiceForCore } from './environments/create.ts';
import { GpuService } from './gpu/service.ts';
import { createImageService } from './images/service.ts';
import { silentLogger, type Logger } from './logging/logger.ts';
import { createRotatingLog } from './logging/rotating-log.ts';
import { createNetworkService } from './networks/service.ts';
import { outagePolicyFromEnv } from './pipelines/engine-outage.ts';
import { PipelineService } from './pipelines/service.ts';
import { openStore, type Store } from './store/database.ts';
import { createSystemService } from './system/service.ts';
import { TaskRegistry } from './tasks/registry.ts';
import { createVolumeService } from './volumes/service.ts';

/** The core: everything the app does, with no screen. Electron main, the web host and the CLI each create one. */
export interface Core {
  dispatcher: Dispatcher;
  engine: EngineConnection;
  store: Store;
  /** The data directory (BENCHTOP_HOME, or Electron's userData). */
  home: string;
  /** The app's own log: rotating files under <home>/logs, bounded in size. */
  log: Logger;
  /**
   * What long-lived hosts do in the background: take over runs a previous process left (kill -9,
   * crash) and keep the schedules ticking. Electron's core starts it itself; `benchtop web`, whose
   * core is the CLI's, calls it once serving. Idempotent.
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
  const pipelines = new PipelineService({ store, docker: () => engine.client(), home, gpus: () => gpu.schedulablePool(), onStepSucceeded: catalog.registerStepOutputs, outage: outagePolicyFromEnv(env) });
  let background = false;
  const startBackgroundWork = () => {
    if (background) return;
    background = true;
    // The app and the web host carry on runs a previous process left, then keep the schedules ticking.
    void pipelines
      .recover()
      .then(() => pipelines.scheduler.start())
      .catch((error: unknown) => log.error(`pipelines: resuming runs failed: ${String(error)}`));
  };
  if (options.transport !== 'cli') startBackgroundWork();
  const environments = createEnvironmentServiceForCore({ engine, compose, tasks, gpu, env });
  const dispatcher = createDispatcher(createHandlers({ engine, compose, containers, images, tasks, gpu, volumes, networks, system, store, pipelines, catalog, environments, home, transport: options.transport }), {
    validateOutputs: options.validateOutputs,
    onInternalError: (method, error) => log.error(`${method}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`),
  });
  return {
    dispatcher,
    engine,
    store,
    home,
    log,
    startBackgroundWork,
    async close() {
      pipelines.scheduler.stop();
      engine.close();
      store.close();
      ownLog?.close();
    },
  };
}
