import { z } from 'zod';
import { appSpecSchema } from './apps.ts';
import { unsupportedReason, type DevcontainerConfig, type LifecycleCommand, type MountSpec } from './model.ts';
import { basenameOf, relativeInside } from './paths.ts';

const lifecycleStepSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('shell'), command: z.string() }),
  z.object({ kind: z.literal('exec'), args: z.array(z.string()).min(1) }),
]);
export const lifecycleCommandSchema = z.union([lifecycleStepSchema, z.object({ kind: z.literal('parallel'), commands: z.record(z.string(), lifecycleStepSchema) })]);

export const mountSpecSchema = z.object({
  type: z.enum(['bind', 'volume', 'tmpfs']),
  source: z.string().nullable(),
  target: z.string(),
  readOnly: z.boolean(),
});

export const resolvedPortSchema = z.object({
  hostIp: z.string().nullable(),
  hostPort: z.number().int().nullable(),
  containerPort: z.number().int(),
  protocol: z.enum(['tcp', 'udp']),
  /** exact: this host port or fail (the file names it); prefer: this one when free, else the next free one. */
  policy: z.enum(['exact', 'prefer']),
  origin: z.enum(['app', 'appPort', 'forwardPorts', 'runArgs']),
});
export type ResolvedPort = z.infer<typeof resolvedPortSchema>;

/** The app a template serves (JupyterLab): its port in the container and the path, with `{token}`. */
export const environmentAppSchema = z.object({
  label: z.string(),
  port: z.number().int().min(1).max(65535),
  path: z.string(),
  /** The container variable that receives the generated token. */
  tokenEnv: z.string().nullable(),
});
export type EnvironmentApp = z.infer<typeof environmentAppSchema>;

export const gpuSourceSchema = z.object({
  /** What asked for GPUs: nothing, `runArgs: --gpus …`, or `hostRequirements.gpu`. */
  from: z.enum(['none', 'runArgs', 'hostRequirements']),
  /** The --gpus value, or the hostRequirements.gpu value as JSON. */
  value: z.string().nullable(),
  required: z.boolean(),
});
export type GpuSource = z.infer<typeof gpuSourceSchema>;

/**
 * Everything a container of the environment is made from, independent of the machine: bind
 * sources inside the project folder are written `${localWorkspaceFolder}/…`. The lockfile keeps
 * it; launch and reproduce create the container from it.
 */
export const resolvedEnvironmentSchema = z.object({
  name: z.string(),
  kind: z.enum(['image', 'build', 'template']),
  templateId: z.string().nullable(),
  templateVersion: z.string().nullable(),
  /** An explicit `--name`; otherwise Benchtop names the container. */
  containerName: z.string().nullable(),
  workspaceFolder: z.string(),
  overrideCommand: z.boolean(),
  env: z.record(z.string(), z.string()),
  remoteEnv: z.record(z.string(), z.string().nullable()),
  containerUser: z.string().nullable(),
  remoteUser: z.string().nullable(),
  mounts: z.array(mountSpecSchema),
  ports: z.array(resolvedPortSchema),
  host: z.object({
    shmSizeBytes: z.number().nullable(),
    capAdd: z.array(z.string()),
    capDrop: z.array(z.string()),
    securityOpt: z.array(z.string()),
    ipc: z.string().nullable(),
    pid: z.string().nullable(),
    ulimits: z.array(z.object({ name: z.string(), soft: z.number(), hard: z.number() })),
    devices: z.array(z.string()),
    runtime: z.string().nullable(),
    network: z.string().nullable(),
    privileged: z.boolean(),
    init: z.boolean(),
    hostname: z.string().nullable(),
    addHosts: z.array(z.string()),
    memoryBytes: z.number().nullable(),
    nanoCpus: z.number().nullable(),
    workdir: z.string().nullable(),
    labels: z.record(z.string(), z.string()),
  }),
  gpu: gpuSourceSchema,
  lifecycle: z.record(z.string(), lifecycleCommandSchema),
  app: environmentAppSchema.nullable(),
  /** `customizations.benchtop.apps` (lockfiles written before apps existed have none). */
  apps: z.array(appSpecSchema).default([]),
  /** The devcontainer.metadata label's snippet for this config. */
  metadata: z.record(z.string(), z.unknown()),
});
export type ResolvedEnvironment = z.infer<typeof resolvedEnvironmentSchema>;

export const WORKSPACE_VARIABLE = '${localWorkspaceFolder}';

/** A host path inside the project folder as `${localWorkspaceFolder}/…`, so the lockfile travels. */
export function portablePath(localFolder: string, path: string): string {
  const inside = relativeInside(localFolder, path);
  if (inside === null) return path;
  return inside === '.' ? WORKSPACE_VARIABLE : `${WORKSPACE_VARIABLE}/${inside}`;
}

export function localPath(localFolder: string, path: string): string {
  return path.startsWith(WORKSPACE_VARIABLE) ? `${localFolder}${path.slice(WORKSPACE_VARIABLE.length)}` : path;
}

export interface TemplateContext {
  id: string;
  version: string;
  app: EnvironmentApp | null;
}

/**
 * A parsed image or Dockerfile config (or a template's) → the portable container description.
 * Throws on a config Benchtop cannot launch (Features, template placeholders, compose: see launch).
 */
export function resolveEnvironment(config: DevcontainerConfig, localFolder: string, template: TemplateContext | null): ResolvedEnvironment {
  const refusal = unsupportedReason(config);
  if (refusal) throw new Error(refusal);
  if (config.source.kind === 'compose') throw new Error('compose configs are launched through the compose engine');
  const run = config.runArgs;
  const portable = (mount: MountSpec): MountSpec => (mount.type === 'bind' && mount.source ? { ...mount, source: portablePath(localFolder, mount.source) } : mount);
  const mounts = [...(config.workspaceMount ? [config.workspaceMount] : []), ...config.mounts, ...run.mounts].map(portable);
  const ports: ResolvedPort[] = [
    ...(template?.app ? [{ hostIp: '127.0.0.1', hostPort: template.app.port, containerPort: template.app.port, protocol: 'tcp' as const, policy: 'prefer' as const, origin: 'app' as const }] : []),
    ...config.appPort.map((p) => ({ ...p, policy: 'exact' as const, origin: 'appPort' as const })),
    ...config.forwardPorts.map((p) => ({ ...p, policy: 'exact' as const, origin: 'forwardPorts' as const })),
    ...run.publish.map((p) => ({ ...p, policy: 'exact' as const, origin: 'runArgs' as const })),
    // An app's port that nothing above publishes: on loopback, the next free host port when taken.
    ...config.apps.map((a) => ({ hostIp: '127.0.0.1', hostPort: a.port, containerPort: a.port, protocol: 'tcp' as const, policy: 'prefer' as const, origin: 'app' as const })),
  ];
  const seen = new Set<string>();
  const uniquePorts = ports.filter((p) => {
    const key = `${p.containerPort}/${p.protocol}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const gpu: GpuSource =
    run.gpus !== null
      ? { from: 'runArgs', value: run.gpus, required: true }
      : config.gpu !== null && config.gpu !== false
        ? { from: 'hostRequirements', value: JSON.stringify(config.gpu), required: config.gpu !== 'optional' }
        : { from: 'none', value: null, required: false };
  return {
    name: config.name ?? basenameOf(localFolder),
    kind: template ? 'template' : config.source.kind,
    templateId: template?.id ?? null,
    templateVersion: template?.version ?? null,
    containerName: run.name,
    workspaceFolder: config.workspaceFolder ?? `/workspaces/${basenameOf(localFolder)}`,
    overrideCommand: config.overrideCommand ?? true,
    env: { ...config.containerEnv, ...run.env },
    remoteEnv: config.remoteEnv,
    containerUser: config.containerUser ?? run.user,
    remoteUser: config.remoteUser,
    mounts,
    ports: uniquePorts,
    host: {
      shmSizeBytes: run.shmSizeBytes,
      capAdd: [...config.capAdd, ...run.capAdd],
      capDrop: run.capDrop,
      securityOpt: [...config.securityOpt, ...run.securityOpt],
      ipc: run.ipc,
      pid: run.pid,
      ulimits: run.ulimits,
      devices: run.devices,
      runtime: run.runtime,
      network: run.network,
      privileged: (config.privileged ?? false) || run.privileged,
      init: (config.init ?? false) || run.init,
      hostname: run.hostname,
      addHosts: run.addHosts,
      memoryBytes: run.memoryBytes,
      nanoCpus: run.nanoCpus,
      workdir: run.workdir,
      labels: run.labels,
    },
    gpu,
    lifecycle: config.lifecycle as Record<string, LifecycleCommand>,
    app: template?.app ?? null,
    apps: config.apps,
    metadata: config.metadata,
  };
}
