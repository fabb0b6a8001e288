import { createCatalogHandlers } from '../catalog/handlers.ts';
import { createMlflowHandlers } from '../catalog/mlflow/handlers.ts';
import { createMonitoringHandlers } from '../monitoring/handlers.ts';
import type { MonitorService } from '../monitoring/monitor-service.ts';
import type { CatalogService } from '../catalog/service.ts';
import { createEnvironmentHandlers } from '../environments/handlers.ts';
import type { EnvironmentService } from '../environments/service.ts';
import { createExportHandlers } from '../exports/handlers.ts';
import { createServingHandlers } from '../serving/handlers.ts';
import type { ServingService } from '../serving/serving-service.ts';
import { createWorkspaceHandlers } from '../workspaces/handlers.ts';
import { createFileHandlers } from '../files/handlers.ts';
import { createComposeHandlers } from '../compose/handlers.ts';
import type { ComposeStackService } from '../compose/service.ts';
import { createContainerDetailHandlers } from '../containers/detail-handlers.ts';
import { createContainerHandlers } from '../containers/handlers.ts';
import type { ContainerService } from '../containers/service.ts';
import type { EngineConnection } from '../engine/connection.ts';
import { createEngineHandlers } from '../engine/handlers.ts';
import { createGpuHandlers } from '../gpu/handlers.ts';
import { createImageHandlers } from '../images/handlers.ts';
import type { ImageService } from '../images/service.ts';
import type { GpuService } from '../gpu/service.ts';
import { createNetworkHandlers } from '../networks/handlers.ts';
import { createOutputHandlers } from '../outputs/handlers.ts';
import type { OutputFiles } from '../outputs/output-files.ts';
import { createPipelineHandlers } from '../pipelines/handlers.ts';
import type { PipelineService } from '../pipelines/service.ts';
import type { NetworkService } from '../networks/service.ts';
import { createSystemHandlers } from '../system/handlers.ts';
import type { SystemService } from '../system/service.ts';
import { createVolumeHandlers } from '../volumes/handlers.ts';
import type { VolumeService } from '../volumes/service.ts';
import type { Store } from '../store/database.ts';
import { createTaskHandlers } from '../tasks/handlers.ts';
import type { TaskRegistry } from '../tasks/registry.ts';
import { createTrackingHandlers, type TrackingHandlerDeps } from '../run-tracking/handlers.ts';
import { createAppHandlers } from './app-handlers.ts';
import type { Handlers } from './dispatcher.ts';

export interface HandlerDeps extends TrackingHandlerDeps {
  compose: ComposeStackService;
  engine: EngineConnection;
  containers: ContainerService;
  images: ImageService;
  tasks: TaskRegistry;
  gpu: GpuService;
  volumes: VolumeService;
  networks: NetworkService;
  system: SystemService;
  store: Store;
  pipelines: PipelineService;
  outputs: OutputFiles;
  environments: EnvironmentService;
  catalog: CatalogService;
  monitors: MonitorService;
  serving: ServingService;
  home: string;
  transport: string;
  /** resources/examples to copy from (tests); found beside the app by default. */
  examplesDir?: string;
  /** How long a followed container log waits for the engine to come back (the engine-wait setting). */
  engineWaitMs?: () => number;
}

/** Every contract method → its service call: one factory per area, each in its area's folder. */
export function createHandlers(deps: HandlerDeps): Handlers {
  return {
    ...createAppHandlers(deps),
    ...createComposeHandlers(deps.compose, deps.engine, deps.tasks),
    ...createEngineHandlers(deps.engine),
    ...createGpuHandlers(deps.gpu),
    ...createContainerHandlers(deps.engine, deps.containers, deps.engineWaitMs),
    ...createImageHandlers(deps),
    ...createTaskHandlers(deps.tasks),
    ...createContainerDetailHandlers(deps.engine, async () => (await deps.gpu.inventory()).readiness),
    ...createVolumeHandlers(deps.engine, deps.volumes),
    ...createNetworkHandlers(deps.engine, deps.networks),
    ...createSystemHandlers(deps.system),
    ...createPipelineHandlers(deps.pipelines),
    ...createOutputHandlers(deps.outputs),
    ...createWorkspaceHandlers(deps),
    ...createFileHandlers(),
    ...createCatalogHandlers(deps),
    ...createMlflowHandlers(deps),
    ...createEnvironmentHandlers(deps),
    ...createExportHandlers(deps),
    ...createMonitoringHandlers({ monitors: deps.monitors, sources: { home: deps.home, catalog: deps.catalog, pipelines: deps.pipelines } }),
    ...createTrackingHandlers(deps),
    ...createServingHandlers(deps),
  };
}
