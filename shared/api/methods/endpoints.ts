import { z } from 'zod';
import { captureRecordSchema, endpointSchema } from '../../serving/endpoint.ts';
import type { MethodSpec } from '../method-spec.ts';

const endpointName = z.string().min(1).max(63);

/** Model endpoints (issue 15): serve a version or an alias behind a stable local port. */
export const endpointMethods = {
  'endpoints.list': { kind: 'query', input: z.strictObject({}), output: z.array(endpointSchema) },
  /** One endpoint with the last requests of its capture. */
  'endpoints.get': {
    kind: 'query',
    input: z.strictObject({ name: endpointName, captures: z.number().int().min(0).max(200).default(20) }),
    output: endpointSchema.extend({ captures: z.array(captureRecordSchema) }),
  },
  /** Starts an endpoint; resolves once it answers (or fails with the container's last lines). */
  'endpoints.serve': {
    kind: 'mutation',
    input: z.strictObject({
      model: z.string().min(1).max(256),
      /** A version number; absent with no alias: the `champion` alias when set, else `latest` (followed). */
      version: z.number().int().min(1).optional(),
      alias: z.string().min(1).max(255).optional(),
      name: endpointName.optional(),
      /** 0 or absent: a free port. */
      port: z.number().int().min(0).max(65535).optional(),
      gpus: z.string().max(1000).optional(),
      image: z.string().min(1).max(500).optional(),
      sampleRate: z.number().min(0).max(1).optional(),
    }),
    output: endpointSchema,
  },
  'endpoints.stop': { kind: 'mutation', input: z.strictObject({ name: endpointName }), output: endpointSchema },
  'endpoints.remove': { kind: 'mutation', input: z.strictObject({ name: endpointName }), output: z.object({ name: z.string() }) },
  'endpoints.logs': { kind: 'query', input: z.strictObject({ name: endpointName, tail: z.number().int().min(1).max(5000).default(200) }), output: z.object({ text: z.string() }) },
  /** Sends a request through the endpoint's port (the "Try it" panel): measured and captured like any other. */
  'endpoints.invoke': {
    kind: 'mutation',
    input: z.strictObject({ name: endpointName, body: z.string().max(5_000_000), contentType: z.string().max(200).default('application/json') }),
    output: z.object({ status: z.number().int(), body: z.string(), latencyMs: z.number(), version: z.number().int().nullable(), requestId: z.string().nullable() }),
  },
  /** The endpoint as a compose service or Kubernetes manifests (image pinned by digest), previewed or written into `dir`. */
  'endpoints.export': {
    kind: 'mutation',
    input: z.strictObject({ name: endpointName, format: z.enum(['compose', 'kubernetes']), dir: z.string().min(1).max(4096).optional() }),
    output: z.object({ format: z.enum(['compose', 'kubernetes']), text: z.string(), files: z.array(z.string()), notes: z.array(z.string()) }),
  },
} as const satisfies Record<string, MethodSpec>;
