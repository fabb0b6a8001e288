import { z } from 'zod';
import { liveListChangeSchema, type LiveListChange } from './live-list.ts';

/** One image as the Images page lists it. */
export const imageSummarySchema = z.object({
  /** sha256:… */
  id: z.string(),
  /** "repo:tag" references; empty for a dangling image. */
  repoTags: z.array(z.string()),
  repoDigests: z.array(z.string()),
  /** Bytes, all layers counted. */
  size: z.number(),
  /** Unix seconds. */
  created: z.number(),
  /** Containers (any state) created from this image. */
  containers: z.number().int(),
  /** No tag: left behind when a tag moved to a newer build or pull. */
  dangling: z.boolean(),
  parentId: z.string().nullable(),
  labels: z.record(z.string(), z.string()),
});
export type ImageSummary = z.infer<typeof imageSummarySchema>;

/** What the live image list pushes: a snapshot first and after every reconnect, then patches. */
/** What `images.changes` pushes: the one live-list shape (live-list.ts), keyed by image id. */
export const imageChangeSchema = liveListChangeSchema(imageSummarySchema);
export type ImageChange = LiveListChange<ImageSummary>;

export const imageHistoryEntrySchema = z.object({
  id: z.string().nullable(),
  created: z.number(),
  createdBy: z.string(),
  size: z.number(),
  comment: z.string(),
  tags: z.array(z.string()),
});

export const imageDetailsSchema = z.object({
  id: z.string(),
  repoTags: z.array(z.string()),
  repoDigests: z.array(z.string()),
  created: z.string(),
  size: z.number(),
  architecture: z.string(),
  os: z.string(),
  author: z.string(),
  env: z.array(z.string()),
  entrypoint: z.array(z.string()).nullable(),
  cmd: z.array(z.string()).nullable(),
  workingDir: z.string(),
  user: z.string(),
  exposedPorts: z.array(z.string()),
  labels: z.record(z.string(), z.string()),
  /** Diff ids of the root filesystem, base first. */
  layers: z.array(z.string()),
  /** Newest first, as `docker history` prints it. */
  history: z.array(imageHistoryEntrySchema),
  /** Containers created from the image. */
  usedBy: z.array(z.object({ id: z.string(), name: z.string(), state: z.string() })),
});
export type ImageDetails = z.infer<typeof imageDetailsSchema>;

/** Per-layer states of a pull, from the engine's /images/create progress stream. */
export const layerStateSchema = z.enum(['waiting', 'downloading', 'verifying', 'downloaded', 'extracting', 'complete', 'exists']);
export type LayerState = z.infer<typeof layerStateSchema>;

export const pullLayerSchema = z.object({
  id: z.string(),
  state: layerStateSchema,
  /** The engine's own word: "Downloading", "Pull complete"… */
  status: z.string(),
  current: z.number().nullable(),
  total: z.number().nullable(),
});
export type PullLayer = z.infer<typeof pullLayerSchema>;

export const pullProgressSchema = z.object({
  image: z.string(),
  layers: z.array(pullLayerSchema),
  /** 0..1, or null before any layer is known. */
  fraction: z.number().nullable(),
  /** Seconds left at the current download rate, or null when unknown. */
  etaSeconds: z.number().nullable(),
  bytesPerSecond: z.number().nullable(),
  /** Lines without a layer: "Pulling from library/alpine", "Digest: …", "Status: …". */
  messages: z.array(z.string()),
  done: z.boolean(),
  /** Set on the last message. */
  imageId: z.string().nullable(),
});
export type PullProgress = z.infer<typeof pullProgressSchema>;

export const builderSchema = z.enum(['buildx', 'classic']);
export type Builder = z.infer<typeof builderSchema>;

/** One message of a build stream. */
export const buildEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('started'), builder: builderSchema, contextFiles: z.number().int(), contextBytes: z.number() }),
  z.object({
    type: z.literal('log'),
    lines: z.array(z.object({ text: z.string(), step: z.string().nullable(), error: z.boolean() })),
    /** The step running now ("[2/4] RUN make", "Step 2/4 : RUN make"), null before the first. */
    step: z.string().nullable(),
    /** 0..1 from the step counter, null when unknown. */
    fraction: z.number().nullable(),
  }),
  z.object({ type: z.literal('succeeded'), imageId: z.string().nullable(), tags: z.array(z.string()) }),
  z.object({ type: z.literal('failed'), message: z.string(), failedStep: z.string().nullable(), stepOutput: z.array(z.string()) }),
]);
export type BuildEvent = z.infer<typeof buildEventSchema>;

export const pruneModeSchema = z.enum(['dangling', 'unused']);
export type PruneMode = z.infer<typeof pruneModeSchema>;

export const prunePreviewSchema = z.object({
  mode: pruneModeSchema,
  images: z.array(z.object({ id: z.string(), repoTags: z.array(z.string()), size: z.number(), reclaimable: z.number() })),
  /** Bytes freed once the images above are gone (layers no remaining image uses). */
  spaceReclaimed: z.number(),
});
export type PrunePreview = z.infer<typeof prunePreviewSchema>;

export const pruneResultSchema = z.object({
  mode: pruneModeSchema,
  /** Image ids the engine deleted (not the untagged references). */
  deleted: z.array(z.string()),
  untagged: z.array(z.string()),
  spaceReclaimed: z.number(),
});
export type PruneResult = z.infer<typeof pruneResultSchema>;

/** Short id as the docker CLI prints it: 12 hex digits without "sha256:". */
export function shortImageId(id: string): string {
  return id.replace(/^sha256:/, '').slice(0, 12);
}

/** The name a person knows the image by: its first tag, else "<none>" and its short id. */
export function imageDisplayName(image: Pick<ImageSummary, 'id' | 'repoTags'>): string {
  return image.repoTags[0] ?? `<none>@${shortImageId(image.id)}`;
}
