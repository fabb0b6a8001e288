import { z } from 'zod';

/** One image of a stack being pulled or built (the task tray shows the detail). */
export const stackImageProgressSchema = z.object({
  image: z.string(),
  /** The service that builds it; null for pulls (one image may serve several services). */
  service: z.string().nullable(),
  status: z.enum(['pulling', 'pulled', 'building', 'built', 'failed', 'cancelled']),
  detail: z.string().optional(),
});
export type StackImageProgress = z.infer<typeof stackImageProgressSchema>;
