import { z } from 'zod';
import { liveListChangeSchema } from './live-list.ts';

/**
 * A container that mounts a volume or joins a network. No state: the live lists would have to
 * re-list on every start and stop to keep it true.
 */
export const resourceUserSchema = z.object({ id: z.string(), name: z.string() });
export type ResourceUser = z.infer<typeof resourceUserSchema>;

export const volumeSummarySchema = z.object({
  /** The live list's key. */
  key: z.string(),
  name: z.string(),
  driver: z.string(),
  scope: z.string(),
  mountpoint: z.string(),
  /** ISO time, when the engine says. */
  createdAt: z.string().nullable(),
  labels: z.record(z.string(), z.string()),
  /** A volume without a name of its own (a 64-hex id), made by `-v /path` or an image's VOLUME. */
  anonymous: z.boolean(),
  /** Every container that mounts it, running or not. */
  usedBy: z.array(resourceUserSchema),
});
export type VolumeSummary = z.infer<typeof volumeSummarySchema>;

export const volumeSizeSchema = z.object({
  name: z.string(),
  /** Bytes on disk; null when the driver cannot tell. */
  size: z.number().nullable(),
});
export type VolumeSize = z.infer<typeof volumeSizeSchema>;

export const volumeChangeSchema = liveListChangeSchema(volumeSummarySchema);
export type VolumeChange = z.infer<typeof volumeChangeSchema>;

/** What the engine accepts as a volume name. */
export const VOLUME_NAME_PATTERN = /^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/;
