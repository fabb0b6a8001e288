import type { MethodSpec } from '../method-spec.ts';

/** One-click environments from templates and devcontainer.json (issue 9). */
export const environmentMethods = {} as const satisfies Record<string, MethodSpec>;
