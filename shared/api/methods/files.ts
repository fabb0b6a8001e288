import { z } from 'zod';
import type { MethodSpec } from '../method-spec.ts';

export const directoryEntrySchema = z.object({
  name: z.string(),
  /** Absolute path, to list next or to pick. */
  path: z.string(),
  /** A symbolic link to a folder (listed; its target is where it leads). */
  link: z.boolean(),
});
export type DirectoryEntry = z.infer<typeof directoryEntrySchema>;

export const directoryListingSchema = z.object({
  /** The folder listed, absolute and normalised (links in it are kept as typed). */
  path: z.string(),
  /** Its parent; null at the root. */
  parent: z.string().nullable(),
  /** The home folder of the user that runs Benchtop (where a browse starts). */
  home: z.string(),
  /** Sub-folders only, sorted by name; hidden ones (".name") only when asked. */
  entries: z.array(directoryEntrySchema),
  /** More sub-folders than the limit: the rest are left out. */
  truncated: z.boolean(),
});
export type DirectoryListing = z.infer<typeof directoryListingSchema>;

/**
 * The folders of the machine that runs Benchtop, for the web host's folder browser (Electron uses
 * the native dialog). Errors: `not_found` (nothing there), `invalid_input` with
 * `details.reason` `relative` | `not_a_folder` | `no_permission`.
 */
export const fileMethods = {
  'files.listDirectories': {
    kind: 'query',
    input: z.strictObject({
      /** Absolute path; the user's home folder when left out. */
      path: z.string().min(1).max(4096).optional(),
      showHidden: z.boolean().default(false),
    }),
    output: directoryListingSchema,
  },
} as const satisfies Record<string, MethodSpec>;
