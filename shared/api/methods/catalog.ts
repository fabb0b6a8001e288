import type { MethodSpec } from '../method-spec.ts';

/** The model and feature catalog, artifacts and MLflow interop (issue 8). */
export const catalogMethods = {} as const satisfies Record<string, MethodSpec>;
