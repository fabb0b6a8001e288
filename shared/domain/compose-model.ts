import { z } from 'zod';

/** Where in a compose file something is: 1-based line and column. */
export const composeLocationSchema = z.object({
  file: z.string(),
  line: z.number().int(),
  column: z.number().int(),
});
export type ComposeLocation = z.infer<typeof composeLocationSchema>;

/** One reason a compose file cannot be used: where (when known) and what to change. */
export const composeProblemSchema = z.object({
  file: z.string().nullable(),
  line: z.number().int().nullable(),
  column: z.number().int().nullable(),
  message: z.string(),
});
export type ComposeProblem = z.infer<typeof composeProblemSchema>;

export const dependsOnConditionSchema = z.enum(['service_started', 'service_healthy', 'service_completed_successfully']);
export type DependsOnCondition = z.infer<typeof dependsOnConditionSchema>;

export const composePortSchema = z.object({
  target: z.number().int(),
  published: z.string().nullable(),
  hostIp: z.string().nullable(),
  protocol: z.enum(['tcp', 'udp', 'sctp']),
});
export type ComposePort = z.infer<typeof composePortSchema>;

export const composeMountSchema = z.object({
  type: z.enum(['bind', 'volume', 'tmpfs']),
  /** Absolute host path (bind), the volume's key in the file (volume; null when anonymous), null (tmpfs). */
  source: z.string().nullable(),
  target: z.string(),
  readOnly: z.boolean(),
  /** Short-syntax binds create a missing host folder; the long syntax only with create_host_path. */
  createHostPath: z.boolean(),
  /** Extra short-syntax modes kept as written: z, Z, rprivate… */
  modes: z.array(z.string()),
  tmpfsSize: z.number().nullable(),
});
export type ComposeMount = z.infer<typeof composeMountSchema>;

/** A Docker Engine DeviceRequest, as compose builds it from `gpus:` and reservations.devices. */
export const composeDeviceRequestSchema = z.object({
  Driver: z.string(),
  Count: z.number().int(),
  DeviceIDs: z.array(z.string()),
  Capabilities: z.array(z.array(z.string())),
  Options: z.record(z.string(), z.string()),
});
export type ComposeDeviceRequest = z.infer<typeof composeDeviceRequestSchema>;

export const composeHealthcheckSchema = z.object({
  /** ['NONE'] when disabled. */
  test: z.array(z.string()),
  intervalNs: z.number().nullable(),
  timeoutNs: z.number().nullable(),
  startPeriodNs: z.number().nullable(),
  startIntervalNs: z.number().nullable(),
  retries: z.number().int().nullable(),
});
export type ComposeHealthcheck = z.infer<typeof composeHealthcheckSchema>;

export const composeServiceSchema = z.object({
  name: z.string(),
  image: z.string(),
  /** Whether the image comes from a build (the tag is `{project}-{service}` without `image:`). */
  build: z
    .object({ context: z.string(), dockerfile: z.string().nullable(), target: z.string().nullable(), args: z.record(z.string(), z.string()) })
    .nullable(),
  command: z.array(z.string()).nullable(),
  entrypoint: z.array(z.string()).nullable(),
  environment: z.record(z.string(), z.string()),
  ports: z.array(composePortSchema),
  expose: z.array(z.string()),
  mounts: z.array(composeMountSchema),
  /** Network key → aliases. Empty when network_mode is set. */
  networks: z.record(z.string(), z.object({ aliases: z.array(z.string()), ipv4Address: z.string().nullable() })),
  networkMode: z.string().nullable(),
  dependsOn: z.record(z.string(), z.object({ condition: dependsOnConditionSchema, required: z.boolean(), restart: z.boolean() })),
  healthcheck: composeHealthcheckSchema.nullable(),
  restart: z.string().nullable(),
  labels: z.record(z.string(), z.string()),
  workingDir: z.string().nullable(),
  user: z.string().nullable(),
  hostname: z.string().nullable(),
  shmSize: z.number().nullable(),
  ipc: z.string().nullable(),
  ulimits: z.record(z.string(), z.object({ soft: z.number(), hard: z.number() })),
  devices: z.array(z.string()),
  extraHosts: z.array(z.string()),
  capAdd: z.array(z.string()),
  capDrop: z.array(z.string()),
  securityOpt: z.array(z.string()),
  init: z.boolean().nullable(),
  tty: z.boolean(),
  stdinOpen: z.boolean(),
  privileged: z.boolean(),
  readOnly: z.boolean(),
  runtime: z.string().nullable(),
  stopSignal: z.string().nullable(),
  stopGracePeriodSeconds: z.number().nullable(),
  containerName: z.string().nullable(),
  replicas: z.number().int(),
  profiles: z.array(z.string()),
  deviceRequests: z.array(composeDeviceRequestSchema),
  nanoCpus: z.number().nullable(),
  memoryBytes: z.number().nullable(),
  memoryReservationBytes: z.number().nullable(),
  pidsLimit: z.number().nullable(),
  sysctls: z.record(z.string(), z.string()),
  tmpfs: z.array(z.string()),
});
export type ComposeService = z.infer<typeof composeServiceSchema>;

export const composeNetworkSchema = z.object({
  /** The engine's name: `{project}_{key}` unless the file names it. */
  name: z.string(),
  external: z.boolean(),
  driver: z.string().nullable(),
  driverOpts: z.record(z.string(), z.string()),
  labels: z.record(z.string(), z.string()),
  internal: z.boolean(),
  attachable: z.boolean(),
});
export type ComposeNetwork = z.infer<typeof composeNetworkSchema>;

export const composeVolumeSchema = z.object({
  name: z.string(),
  external: z.boolean(),
  driver: z.string().nullable(),
  driverOpts: z.record(z.string(), z.string()),
  labels: z.record(z.string(), z.string()),
});
export type ComposeVolume = z.infer<typeof composeVolumeSchema>;

/** A loaded, interpolated, merged and normalised compose project: what `up` works from. */
export const composeProjectSchema = z.object({
  name: z.string(),
  workingDir: z.string(),
  configFiles: z.array(z.string()),
  /** Enabled services only, by key. */
  services: z.record(z.string(), composeServiceSchema),
  /** Services a profile leaves out. */
  disabledServices: z.array(z.string()),
  networks: z.record(z.string(), composeNetworkSchema),
  volumes: z.record(z.string(), composeVolumeSchema),
  warnings: z.array(z.string()),
});
export type ComposeProject = z.infer<typeof composeProjectSchema>;

/** What every load, plan and up takes: the files, and optionally the project name and profiles. */
export const composeSourceSchema = z.strictObject({
  files: z.array(z.string().min(1).max(4096)).min(1).max(16),
  projectName: z.string().min(1).max(128).optional(),
  profiles: z.array(z.string().min(1).max(128)).max(32).default([]),
});
export type ComposeSource = z.input<typeof composeSourceSchema>;
