import { z } from 'zod';

/** The label that marks an endpoint's containers (its value is the endpoint's name). */
export const ENDPOINT_LABEL = 'benchtop.endpoint';

/** What an endpoint serves: a version pinned, or whatever version an alias points at (followed). */
export const endpointTargetSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('version'), version: z.number().int() }),
  z.object({ kind: z.literal('alias'), alias: z.string() }),
]);
export type EndpointTarget = z.infer<typeof endpointTargetSchema>;

/**
 * starting: the first container is loading the model; running: the proxy answers; switching: a new
 * version is starting beside the old one (traffic stays on the old one until it is healthy);
 * stopped: no container, the row and the capture kept; failed: the last start did not become
 * healthy (see `message`); orphaned: the process that owned the proxy is gone (re-adopted by the
 * next app start).
 */
export const endpointStateSchema = z.enum(['starting', 'running', 'switching', 'stopped', 'failed', 'orphaned']);
export type EndpointState = z.infer<typeof endpointStateSchema>;

export const latencyPointSchema = z.object({
  /** Start of the second (ms since the epoch). */
  t: z.number(),
  requests: z.number().int(),
  errors: z.number().int(),
  p50: z.number().nullable(),
  p95: z.number().nullable(),
});
export type LatencyPoint = z.infer<typeof latencyPointSchema>;

export const endpointStatsSchema = z.object({
  /** Over the last 5 minutes, milliseconds through the proxy (null before any request). */
  p50Ms: z.number().nullable(),
  p95Ms: z.number().nullable(),
  requestsPerMinute: z.number(),
  /** Since the proxy started: total requests and those answered 4xx/5xx or that failed. */
  requests: z.number().int(),
  errors: z.number().int(),
  /** One point per second for the last 2 minutes (seconds without requests omitted). */
  series: z.array(latencyPointSchema),
});
export type EndpointStats = z.infer<typeof endpointStatsSchema>;

export const endpointSchema = z.object({
  name: z.string(),
  model: z.string(),
  target: endpointTargetSchema,
  /** The version served now (null before the first container is healthy). */
  version: z.number().int().nullable(),
  /** The image the container runs (the version's recorded image digest, or the chosen image). */
  image: z.string().nullable(),
  port: z.number().int(),
  url: z.string(),
  state: endpointStateSchema,
  message: z.string().nullable(),
  containerId: z.string().nullable(),
  /** The process that owns the proxy (null when none). */
  ownerPid: z.number().int().nullable(),
  gpus: z.array(z.string()),
  /** Whether this process's proxy serves it (stats are live only then). */
  live: z.boolean(),
  stats: endpointStatsSchema,
  createdAt: z.number(),
  updatedAt: z.number(),
});
export type Endpoint = z.infer<typeof endpointSchema>;

/** One captured request and its response (inputs as sent, size-capped). */
export const captureRecordSchema = z.object({
  requestId: z.string(),
  time: z.number(),
  version: z.number().int().nullable(),
  status: z.number().int(),
  latencyMs: z.number(),
  contentType: z.string().nullable(),
  /** The request body as text, or null when it was over the size cap. */
  input: z.string().nullable(),
  output: z.string().nullable(),
  truncated: z.boolean(),
});
export type CaptureRecord = z.infer<typeof captureRecordSchema>;

/** Signature column types MLflow writes for column-based inputs. */
export interface SignatureColumn {
  name: string;
  type: string;
  required?: boolean;
}

/** The columns of a version's input signature, or [] when it has none (or is tensor-based). */
export function signatureColumns(signature: unknown): SignatureColumn[] {
  const inputs = (signature as { inputs?: unknown } | null)?.inputs;
  if (!Array.isArray(inputs)) return [];
  return inputs.filter((c): c is SignatureColumn => typeof c === 'object' && c !== null && typeof (c as { name?: unknown }).name === 'string' && typeof (c as { type?: unknown }).type === 'string');
}

/** `NAME`, `NAME@ALIAS` or `NAME:VERSION` → model and target (`NAME` alone follows `champion` when set, else `latest`). */
export function parseEndpointReference(text: string): { model: string; alias?: string; version?: number } {
  const at = text.lastIndexOf('@');
  if (at > 0) return { model: text.slice(0, at), alias: text.slice(at + 1) };
  const colon = text.lastIndexOf(':');
  if (colon > 0 && /^v?\d+$/.test(text.slice(colon + 1))) return { model: text.slice(0, colon), version: Number(text.slice(colon + 1).replace(/^v/, '')) };
  return { model: text };
}

/** An endpoint name: DNS-1123 label (it names a container, a compose service and Kubernetes objects). */
export const ENDPOINT_NAME_PATTERN = /^[a-z0-9]([-a-z0-9]{0,38}[a-z0-9])?$/;

/** A default endpoint name from a model name: lowercase, `-` for anything else, at most 40 characters. */
export function defaultEndpointName(model: string): string {
  const name = model
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/g, '');
  return name || 'endpoint';
}
