import { z } from 'zod';

/**
 * GPUs as the core reports them: one record per physical GPU whatever tool found it
 * (nvidia-smi, amd-smi / rocm-smi, system_profiler), the engine's readiness to hand GPUs to
 * containers, live samples, and the processes on each GPU with the container each belongs to.
 */

export const gpuVendorSchema = z.enum(['nvidia', 'amd', 'apple', 'intel', 'other']);
export type GpuVendor = z.infer<typeof gpuVendorSchema>;

export const gpuSourceSchema = z.enum(['nvidia-smi-xml', 'nvidia-smi-csv', 'amd-smi', 'rocm-smi', 'system_profiler', 'sysfs']);
export type GpuSource = z.infer<typeof gpuSourceSchema>;

export const migDeviceSchema = z.object({
  /** `MIG-…` when the driver reports it (XML of 470+ does not always). */
  uuid: z.string().nullable(),
  index: z.number().nullable(),
  gpuInstanceId: z.number().nullable(),
  computeInstanceId: z.number().nullable(),
  /** "3g.40gb" when known. */
  profile: z.string().nullable(),
  memoryTotalMiB: z.number().nullable(),
  memoryUsedMiB: z.number().nullable(),
});
export type MigDevice = z.infer<typeof migDeviceSchema>;

export const gpuLiveSchema = z.object({
  ts: z.number(),
  utilPct: z.number().nullable(),
  memUtilPct: z.number().nullable(),
  memUsedMiB: z.number().nullable(),
  tempC: z.number().nullable(),
  powerW: z.number().nullable(),
  powerLimitW: z.number().nullable(),
});
export type GpuLive = z.infer<typeof gpuLiveSchema>;

export const gpuDeviceSchema = z.object({
  /** "nvidia:GPU-…" | "nvidia:pci:00000000:01:00.0" | "amd:<uniqueId|bdf>" | "apple:0": stable across polls. */
  id: z.string(),
  vendor: gpuVendorSchema,
  index: z.number().nullable(),
  uuid: z.string().nullable(),
  /** Normalised: lowercase, domain padded to 8 hex digits ("00000000:01:00.0"). */
  pciBusId: z.string().nullable(),
  name: z.string(),
  architecture: z.string().nullable(),
  computeCapability: z.string().nullable(),
  gfxTarget: z.string().nullable(),
  memoryTotalMiB: z.number().nullable(),
  /** True on Apple Silicon: the GPU shares the system memory. */
  unifiedMemory: z.boolean(),
  driverVersion: z.string().nullable(),
  cudaVersion: z.string().nullable(),
  rocmVersion: z.string().nullable(),
  metal: z.string().nullable(),
  mig: z.object({ enabled: z.boolean(), devices: z.array(migDeviceSchema) }).nullable(),
  live: gpuLiveSchema.nullable(),
  source: gpuSourceSchema,
  /** e.g. "MIG enabled: utilisation not reported". */
  warnings: z.array(z.string()),
});
export type GpuDevice = z.infer<typeof gpuDeviceSchema>;

export const gpuReadinessStateSchema = z.enum([
  'docker_unavailable',
  'unsupported',
  'no_gpu',
  'ready_cdi',
  'likely_gpus',
  'toolkit_missing',
  'verified',
]);
export type GpuReadinessState = z.infer<typeof gpuReadinessStateSchema>;

export const gpuReadinessSchema = z.object({
  state: gpuReadinessStateSchema,
  /** One sentence: why this state. */
  reason: z.string(),
  /** The one action that fixes it; null when nothing needs fixing. */
  fix: z.string().nullable(),
  /** CDI device names the engine discovered ("nvidia.com/gpu=0"), for CDI requests. */
  cdiDevices: z.array(z.string()),
});
export type GpuReadiness = z.infer<typeof gpuReadinessSchema>;

export const probeLogEntrySchema = z.object({
  command: z.string(),
  /** null when the command could not start or was killed. */
  exitCode: z.number().nullable(),
  outcome: z.enum(['ok', 'failed', 'missing', 'timeout', 'skipped']),
  firstStderrLine: z.string().nullable(),
  durationMs: z.number(),
  at: z.string(),
});
export type ProbeLogEntry = z.infer<typeof probeLogEntrySchema>;

export const gpuPlatformSchema = z.enum(['linux', 'wsl2', 'win32', 'darwin', 'other']);
export type GpuPlatform = z.infer<typeof gpuPlatformSchema>;

export const gpuInventorySchema = z.object({
  platform: gpuPlatformSchema,
  gpus: z.array(gpuDeviceSchema),
  drivers: z.object({ nvidia: z.string().nullable(), cuda: z.string().nullable(), rocm: z.string().nullable() }),
  readiness: gpuReadinessSchema,
  /** When nothing was found: the one specific reason and the one fixing action (null when GPUs exist). */
  nothingFound: z.object({ reason: z.string(), fix: z.string() }).nullable(),
  probeLog: z.array(probeLogEntrySchema),
  checkedAt: z.string(),
});
export type GpuInventory = z.infer<typeof gpuInventorySchema>;

export const gpuSampleSchema = gpuLiveSchema.extend({ gpuId: z.string(), memTotalMiB: z.number().nullable() });
export type GpuSample = z.infer<typeof gpuSampleSchema>;

export const gpuMetricsMessageSchema = z.object({
  ts: z.number(),
  samples: z.array(gpuSampleSchema),
  /** Why this poll produced nothing (probe failure); null when it worked. */
  error: z.string().nullable(),
});
export type GpuMetricsMessage = z.infer<typeof gpuMetricsMessageSchema>;

export const gpuProcessSchema = z.object({
  gpuId: z.string().nullable(),
  gpuUuid: z.string().nullable(),
  pid: z.number(),
  name: z.string(),
  usedMemoryMiB: z.number().nullable(),
  containerId: z.string().nullable(),
  containerName: z.string().nullable(),
});
export type GpuProcess = z.infer<typeof gpuProcessSchema>;

export const gpuContainerUsageSchema = z.object({
  containerId: z.string(),
  containerName: z.string().nullable(),
  gpuId: z.string().nullable(),
  usedMemoryMiB: z.number(),
  pids: z.array(z.number()),
});
export type GpuContainerUsage = z.infer<typeof gpuContainerUsageSchema>;

export const gpuProcessesSchema = z.object({
  processes: z.array(gpuProcessSchema),
  byContainer: z.array(gpuContainerUsageSchema),
  /** Probes that failed, each naming what failed and why (the rest of the answer stands). */
  warnings: z.array(z.string()),
});
export type GpuProcesses = z.infer<typeof gpuProcessesSchema>;

export const gpuTestResultSchema = z.object({
  ok: z.boolean(),
  readiness: gpuReadinessSchema,
  /** The engine's own words when the start failed. */
  engineMessage: z.string().nullable(),
  durationMs: z.number(),
});
export type GpuTestResult = z.infer<typeof gpuTestResultSchema>;
