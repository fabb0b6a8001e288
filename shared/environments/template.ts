import { z } from 'zod';
import { environmentAppSchema } from './resolved.ts';

/** One file in resources/environments/: what the wizard lists, and the devcontainer.json it launches. */
export const environmentTemplateFileSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
  name: z.string(),
  description: z.string(),
  version: z.string(),
  /** Shown in the wizard: "CPU", "GPU if ready", … */
  tags: z.array(z.string()),
  app: environmentAppSchema.nullable(),
  devcontainer: z.record(z.string(), z.unknown()),
});
export type EnvironmentTemplateFile = z.infer<typeof environmentTemplateFileSchema>;

export const environmentTemplateSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  version: z.string(),
  tags: z.array(z.string()),
  image: z.string(),
  appLabel: z.string().nullable(),
  appPort: z.number().int().nullable(),
  gpu: z.boolean(),
  test: z.boolean(),
});
export type EnvironmentTemplate = z.infer<typeof environmentTemplateSchema>;
