import type { MethodSpec } from '../method-spec.ts';

/** Pipeline export to Argo Workflows and GitHub Actions, and cluster submission (issue 10). */
export const exportMethods = {} as const satisfies Record<string, MethodSpec>;
