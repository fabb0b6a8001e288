import { APP_VERSION } from '../app-version.ts';
import type { ComposeStackService } from '../compose/service.ts';
import { dockerCliEnv } from '../engine/cli-env.ts';
import type { EngineConnection } from '../engine/connection.ts';
import type { GpuService } from '../gpu/service.ts';
import { detectBuildx, type BuildxInfo } from '../images/buildx.ts';
import type { TaskRegistry } from '../tasks/registry.ts';
import type { LaunchDeps } from './launch.ts';
import { createEnvironmentService, type EnvironmentService } from './service.ts';
import { createTemplateCatalog } from './templates.ts';

/** The environment service wired to the core's engine, compose engine, tasks and GPU probe. */
export function createEnvironmentServiceForCore(core: {
  engine: EngineConnection;
  compose: ComposeStackService;
  tasks: TaskRegistry;
  gpu: GpuService;
  env: Readonly<Record<string, string | undefined>>;
  /** MLflow tracking env for what environments run (run-tracking/environment-tracking.ts). */
  tracking?: LaunchDeps['tracking'];
}): EnvironmentService {
  const { engine } = core;
  let buildx: Promise<BuildxInfo> | null = null;
  return createEnvironmentService({
    docker: () => engine.client(),
    tasks: core.tasks,
    build: { client: () => engine.client(), buildx: () => (buildx ??= detectBuildx(dockerCliEnv(engine))), cliEnv: () => dockerCliEnv(engine) },
    gpuReadiness: async () => (await core.gpu.inventory()).readiness,
    version: APP_VERSION,
    compose: core.compose,
    events: engine.events,
    templates: createTemplateCatalog(core.env),
    env: core.env,
    tracking: core.tracking,
  });
}
