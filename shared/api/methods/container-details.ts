import { z } from 'zod';
import {
  containerDetailsSchema,
  createContainerInputSchema,
  execClientMessageSchema,
  execEventSchema,
  execInputSchema,
  statsSampleSchema,
} from '../../domain/container-details.ts';
import type { MethodSpec } from '../method-spec.ts';

const containerId = z.string().min(1).max(256);

/** Containers in depth: inspect, live stats, exec terminals, and creating (running) containers. */
export const containerDetailMethods = {
  'containers.inspect': {
    kind: 'query',
    input: z.strictObject({ id: containerId }),
    output: z.object({ details: containerDetailsSchema, raw: z.record(z.string(), z.unknown()) }),
  },
  'containers.stats': {
    kind: 'stream',
    input: z.strictObject({ id: containerId }),
    output: statsSampleSchema,
  },
  'containers.exec': {
    kind: 'stream',
    input: execInputSchema,
    /** Bytes (Uint8Array: TTY output, binary frames on the WebSocket) or an event. */
    output: z.union([z.instanceof(Uint8Array), execEventSchema]),
    clientMessage: execClientMessageSchema,
  },
  'containers.create': {
    kind: 'mutation',
    input: createContainerInputSchema,
    output: z.object({ id: z.string(), name: z.string(), started: z.boolean(), warnings: z.array(z.string()) }),
  },
  'containers.imageChoices': {
    kind: 'query',
    input: z.strictObject({}),
    output: z.array(z.object({ reference: z.string(), id: z.string(), sizeBytes: z.number(), created: z.number() })),
  },
} as const satisfies Record<string, MethodSpec>;
