import type { MethodSpec } from '../method-spec.ts';

/** Workspace folders and the pipeline files found in them, layout sidecars (issue 7). */
export const workspaceMethods = {} as const satisfies Record<string, MethodSpec>;
