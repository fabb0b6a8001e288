import { z } from 'zod';
import { gpuInventorySchema, gpuMetricsMessageSchema, gpuProcessesSchema, gpuTestResultSchema } from '../../domain/gpu.ts';
import type { MethodSpec } from '../method-spec.ts';

export const gpuMethods = {
  /** GPUs, drivers, the engine's readiness (reason + fix) and the probe log. `refresh` probes again. */
  'gpu.inventory': {
    kind: 'query',
    input: z.strictObject({ refresh: z.boolean().default(false) }),
    output: gpuInventorySchema,
  },
  /** Live samples every `intervalMs` while at least one subscriber is open. */
  'gpu.metrics': {
    kind: 'stream',
    input: z.strictObject({ intervalMs: z.number().int().min(500).max(60_000).default(2000) }),
    output: gpuMetricsMessageSchema,
  },
  /** Compute processes on the GPUs with the container each belongs to, and GPU memory per container. */
  'gpu.processes': {
    kind: 'query',
    input: z.strictObject({}),
    output: gpuProcessesSchema,
  },
  /** Starts a short container with a GPU request and reports whether the engine can give it GPUs. */
  'gpu.test': {
    kind: 'mutation',
    input: z.strictObject({ image: z.string().min(1).max(512).optional() }),
    output: gpuTestResultSchema,
  },
} as const satisfies Record<string, MethodSpec>;
