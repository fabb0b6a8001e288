import { z } from 'zod';

/**
 * One file a run or a model version produced, named the same way for preview and download: a file
 * inside a pipeline step's output artifact, or a file of a model version in the catalog.
 */
export const outputFileSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('run'),
    runId: z.string().min(1).max(128),
    step: z.string().min(1).max(63),
    artifact: z.string().min(1).max(255),
    /** Relative to the artifact's folder, `/`-separated. */
    path: z.string().min(1).max(4096),
  }),
  z.strictObject({
    kind: z.literal('model'),
    name: z.string().min(1).max(256),
    version: z.number().int().min(1),
    /** The file's path in the version's tree. */
    path: z.string().min(1).max(4096),
  }),
]);
export type OutputFile = z.infer<typeof outputFileSchema>;

/** The web host's download route: `GET /download?file=<JSON of an OutputFile>` (token cookie required). */
export const DOWNLOAD_PATH = '/download';

export function downloadUrl(file: OutputFile): string {
  return `${DOWNLOAD_PATH}?${new URLSearchParams({ file: JSON.stringify(file) }).toString()}`;
}

/** The file's own name (the last path segment), for save dialogs and Content-Disposition. */
export function outputFileName(file: OutputFile): string {
  const parts = file.path.split('/').filter(Boolean);
  return parts[parts.length - 1] ?? 'file';
}

/**
 * Whether a relative path stays inside its folder: no empty, `.` or `..` segments, no leading `/`,
 * no backslash, no NUL. The resolved path is still checked against the real folder (symlinks).
 */
export function isSafeRelativePath(path: string): boolean {
  if (path.length === 0 || path.startsWith('/') || path.includes('\\') || path.includes('\0')) return false;
  return path.split('/').every((segment) => segment !== '' && segment !== '.' && segment !== '..');
}

export const stepArtifactListingSchema = z.object({
  name: z.string(),
  sha256: z.string(),
  size: z.number(),
  /** The run whose folder holds it (another run for a step a re-run reused). */
  runId: z.string(),
  /** False when the folder is gone from disk (removed by hand). */
  present: z.boolean(),
  /** Files, `/`-separated paths relative to the artifact's folder, sorted. */
  files: z.array(z.object({ path: z.string(), size: z.number() })),
  /** More files than listed (the listing stops at a bound). */
  truncated: z.boolean(),
});
export type StepArtifactListing = z.infer<typeof stepArtifactListingSchema>;

export const filePreviewSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('text'), text: z.string(), size: z.number(), truncated: z.boolean() }),
  z.object({ kind: z.literal('csv'), columns: z.array(z.string()), rows: z.array(z.array(z.string())), size: z.number(), truncated: z.boolean() }),
  z.object({ kind: z.literal('image'), mimeType: z.string(), base64: z.string(), size: z.number() }),
]);
export type FilePreview = z.infer<typeof filePreviewSchema>;

/** Bounds of a preview: text is cut at maxBytes, a CSV at maxRows (and maxBytes), images over IMAGE_PREVIEW_MAX_BYTES are refused. */
export const PREVIEW_DEFAULT_BYTES = 256 * 1024;
export const PREVIEW_MAX_BYTES = 512 * 1024;
export const PREVIEW_DEFAULT_ROWS = 100;
export const IMAGE_PREVIEW_MAX_BYTES = 600 * 1024;
