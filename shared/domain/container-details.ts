import { z } from 'zod';
import { gpuRequestSchema } from './gpu-request.ts';

/** `docker inspect` of one container, reduced to what a person reads first. */
export const containerDetailsSchema = z.object({
  id: z.string(),
  name: z.string(),
  image: z.string(),
  imageId: z.string(),
  /** ISO 8601. */
  created: z.string(),
  state: z.object({
    status: z.string(),
    running: z.boolean(),
    exitCode: z.number().int().nullable(),
    startedAt: z.string().nullable(),
    finishedAt: z.string().nullable(),
    error: z.string().nullable(),
    restartCount: z.number().int(),
  }),
  health: z
    .object({
      status: z.string(),
      failingStreak: z.number().int(),
      lastOutput: z.string().nullable(),
      test: z.array(z.string()),
    })
    .nullable(),
  entrypoint: z.array(z.string()),
  command: z.array(z.string()),
  workingDir: z.string(),
  user: z.string(),
  tty: z.boolean(),
  env: z.array(z.object({ key: z.string(), value: z.string() })),
  mounts: z.array(
    z.object({ type: z.string(), source: z.string(), destination: z.string(), readOnly: z.boolean(), name: z.string().nullable() }),
  ),
  ports: z.array(
    z.object({ containerPort: z.number().int(), protocol: z.string(), hostIp: z.string().nullable(), hostPort: z.number().int().nullable() }),
  ),
  networks: z.array(
    z.object({ name: z.string(), ipAddress: z.string(), gateway: z.string(), macAddress: z.string(), aliases: z.array(z.string()) }),
  ),
  labels: z.record(z.string(), z.string()),
  restartPolicy: z.object({ name: z.string(), maximumRetryCount: z.number().int() }),
  deviceRequests: z.array(
    z.object({
      driver: z.string(),
      count: z.number().int(),
      deviceIds: z.array(z.string()),
      capabilities: z.array(z.array(z.string())),
    }),
  ),
});
export type ContainerDetails = z.infer<typeof containerDetailsSchema>;

/** One sample of `containers.stats`, computed as `docker stats` computes it. */
export const statsSampleSchema = z.object({
  /** Unix milliseconds (the engine's `read` time). */
  at: z.number(),
  /** Of one CPU: 250 means two and a half CPUs busy. */
  cpuPercent: z.number(),
  onlineCpus: z.number().int(),
  /** Usage minus page cache, like `docker stats`. */
  memoryBytes: z.number(),
  memoryLimitBytes: z.number(),
  networkRxBytes: z.number(),
  networkTxBytes: z.number(),
  blockReadBytes: z.number(),
  blockWriteBytes: z.number(),
  pids: z.number().int(),
});
export type StatsSample = z.infer<typeof statsSampleSchema>;

/** What `containers.exec` pushes besides the terminal's bytes (which travel as Uint8Array values). */
export const execEventSchema = z.discriminatedUnion('type', [
  /** A process started (again, after a container restart): `shell` is what runs. */
  z.object({ type: z.literal('started'), command: z.array(z.string()), tty: z.boolean() }),
  /** Without a TTY, stderr bytes (base64): stdout stays raw bytes. */
  z.object({ type: z.literal('stderr'), base64: z.string() }),
  /** The process ended; null when the engine could not say how. */
  z.object({ type: z.literal('exited'), exitCode: z.number().int().nullable() }),
  /** The container stopped; the terminal reconnects when it starts again. */
  z.object({ type: z.literal('waiting'), message: z.string() }),
]);
export type ExecEvent = z.infer<typeof execEventSchema>;

const terminalSize = { cols: z.number().int().min(1).max(1000), rows: z.number().int().min(1).max(1000) };

/** What the client sends on an open `containers.exec` stream. */
export const execClientMessageSchema = z.discriminatedUnion('type', [
  /** Keystrokes or pasted text (UTF-8). */
  z.strictObject({ type: z.literal('input'), data: z.string().max(256 * 1024) }),
  /** Raw bytes (piped stdin), base64. */
  z.strictObject({ type: z.literal('bytes'), base64: z.string().max(512 * 1024) }),
  /** No more input (pipes): the process sees end of file. */
  z.strictObject({ type: z.literal('eof') }),
  z.strictObject({ type: z.literal('resize'), ...terminalSize }),
  /** Flow control: this many more output bytes were written to the screen. */
  z.strictObject({ type: z.literal('ack'), bytes: z.number().int().min(0).max(1 << 30) }),
]);
export type ExecClientMessage = z.infer<typeof execClientMessageSchema>;

export const execInputSchema = z.strictObject({
  id: z.string().min(1).max(256),
  /** What to run; empty means an interactive shell (bash when the image has it, else sh). */
  command: z.array(z.string().max(4096)).max(256).default([]),
  tty: z.boolean().default(true),
  ...terminalSize,
  /** The client acknowledges output (`ack` messages); the server pauses past a high watermark. */
  flowControl: z.boolean().default(false),
  /** After the container restarts, start the process again instead of ending. */
  reconnect: z.boolean().default(false),
});

export const restartPolicySchema = z.enum(['no', 'always', 'unless-stopped', 'on-failure']);
export type RestartPolicyName = z.infer<typeof restartPolicySchema>;

const envEntry = z
  .string()
  .max(32 * 1024)
  .regex(/^[^=\s][^=]*=/, 'Each environment entry is KEY=VALUE, with a key that has no spaces or "="');

export const portPublishSchema = z.strictObject({
  hostIp: z.string().max(64).optional(),
  /** Omitted: the engine picks a free port. */
  hostPort: z.number().int().min(1).max(65535).optional(),
  containerPort: z.number().int().min(1).max(65535),
  protocol: z.enum(['tcp', 'udp', 'sctp']).default('tcp'),
});
export type PortPublish = z.infer<typeof portPublishSchema>;

export const mountRequestSchema = z.strictObject({
  type: z.enum(['bind', 'volume']),
  /** A host path (bind, absolute) or a volume name. */
  source: z.string().min(1).max(4096),
  target: z.string().min(1).max(4096).startsWith('/', 'The path inside the container must be absolute (start with /)'),
  readOnly: z.boolean().default(false),
});
export type MountRequest = z.infer<typeof mountRequestSchema>;

export const createContainerInputSchema = z.strictObject({
  image: z.string().trim().min(1, 'Name an image').max(512),
  name: z
    .string()
    .regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/, 'A container name starts with a letter or digit and holds only letters, digits, _ . -')
    .max(128)
    .optional(),
  /** Already split into words (the dialog splits a shell-like line); empty keeps the image's CMD. */
  command: z.array(z.string().max(32 * 1024)).max(1024).default([]),
  env: z.array(envEntry).max(1024).default([]),
  ports: z.array(portPublishSchema).max(256).default([]),
  mounts: z.array(mountRequestSchema).max(256).default([]),
  restartPolicy: restartPolicySchema.default('no'),
  gpus: gpuRequestSchema.default({ mode: 'none' }),
  labels: z.record(z.string().max(256), z.string().max(4096)).default({}),
  start: z.boolean().default(true),
});
export type CreateContainerInput = z.infer<typeof createContainerInputSchema>;
