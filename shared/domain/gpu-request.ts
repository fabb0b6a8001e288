import { z } from 'zod';

/**
 * What a person asks for when a container starts: no GPU, all of them, a count, or specific
 * devices (GPU UUIDs preferred; indexes and MIG ids accepted). The core turns it into Docker
 * device requests, or CDI device names where CDI is ready (electron/core/gpu).
 */
export const gpuRequestSchema = z.discriminatedUnion('mode', [
  z.strictObject({ mode: z.literal('none') }),
  z.strictObject({ mode: z.literal('all') }),
  z.strictObject({ mode: z.literal('count'), count: z.number().int().min(1).max(64) }),
  z.strictObject({ mode: z.literal('devices'), deviceIds: z.array(z.string().min(1).max(128)).min(1).max(64) }),
]);
export type GpuRequest = z.infer<typeof gpuRequestSchema>;
