import { z } from 'zod';
import { filePreviewSchema, outputFileSchema, PREVIEW_DEFAULT_BYTES, PREVIEW_DEFAULT_ROWS, PREVIEW_MAX_BYTES, stepArtifactListingSchema } from '../../outputs/output-file.ts';
import type { MethodSpec } from '../method-spec.ts';

/** What runs produced: a step's artifact files, and a bounded preview of one file (a step's or a model version's). */
export const outputMethods = {
  /** A step's output artifacts and the files in each folder. */
  'outputs.stepArtifacts': {
    kind: 'query',
    input: z.strictObject({ runId: z.string().min(1).max(128), step: z.string().min(1).max(63) }),
    output: z.array(stepArtifactListingSchema),
  },
  /**
   * The start of a file to show: text (cut at maxBytes), CSV as rows (the first maxRows) or an image
   * (PNG, JPEG, GIF, WebP, SVG under 600 KiB). A binary file or a too-large image is refused with
   * `invalid_input` and `details.reason` = `binary` | `too_large`: download it instead.
   */
  'outputs.preview': {
    kind: 'query',
    input: z.strictObject({
      file: outputFileSchema,
      maxBytes: z.number().int().min(1).max(PREVIEW_MAX_BYTES).default(PREVIEW_DEFAULT_BYTES),
      maxRows: z.number().int().min(1).max(10_000).default(PREVIEW_DEFAULT_ROWS),
    }),
    output: filePreviewSchema,
  },
} as const satisfies Record<string, MethodSpec>;
