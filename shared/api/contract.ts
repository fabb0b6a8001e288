import { z } from 'zod';
import { containerChangeSchema, containerSummarySchema } from '../domain/containers.ts';
import { engineStatusSchema } from '../domain/engine.ts';
import { DEFAULT_LOG_TAIL, logBatchSchema } from '../domain/logs.ts';

/**
 * Every method the UI, the CLI and the web host can call. Inputs are strict objects: unknown keys
 * (and `__proto__`) are rejected. Types are inferred from here; nothing else declares them.
 */
const containerRef = z.strictObject({ id: z.string().min(1).max(256) });
const done = z.strictObject({ id: z.string() });

export const contract = {
  'app.info': {
    kind: 'query',
    input: z.strictObject({}),
    output: z.object({ version: z.string(), dataDir: z.string(), platform: z.string(), transport: z.string() }),
  },
  'settings.get': {
    kind: 'query',
    input: z.strictObject({ key: z.string().min(1).max(128) }),
    output: z.object({ key: z.string(), value: z.unknown().nullable() }),
  },
  'settings.set': {
    kind: 'mutation',
    input: z.strictObject({ key: z.string().min(1).max(128), value: z.unknown() }),
    output: z.object({ key: z.string() }),
  },
  'engine.status': {
    kind: 'query',
    input: z.strictObject({}),
    output: engineStatusSchema,
  },
  'engine.reconnect': {
    kind: 'mutation',
    input: z.strictObject({}),
    output: engineStatusSchema,
  },
  'containers.list': {
    kind: 'query',
    input: z.strictObject({ all: z.boolean().default(true) }),
    output: z.array(containerSummarySchema),
  },
  'containers.start': { kind: 'mutation', input: containerRef, output: done },
  'containers.stop': {
    kind: 'mutation',
    input: z.strictObject({ id: z.string().min(1).max(256), timeoutSeconds: z.number().int().min(0).max(600).optional() }),
    output: done,
  },
  'containers.restart': { kind: 'mutation', input: containerRef, output: done },
  'containers.remove': {
    kind: 'mutation',
    input: z.strictObject({
      id: z.string().min(1).max(256),
      force: z.boolean().default(false),
      volumes: z.boolean().default(false),
    }),
    output: done,
  },
  'containers.changes': {
    kind: 'stream',
    input: z.strictObject({}),
    output: containerChangeSchema,
  },
  'containers.logs': {
    kind: 'stream',
    input: z.strictObject({
      id: z.string().min(1).max(256),
      /** Lines from the end; 'all' reads the whole history (downloads). */
      tail: z.union([z.number().int().min(0).max(10_000_000), z.literal('all')]).default(DEFAULT_LOG_TAIL),
      follow: z.boolean().default(true),
      timestamps: z.boolean().default(false),
    }),
    output: logBatchSchema,
  },
} as const satisfies Record<string, MethodSpec>;

export type MethodKind = 'query' | 'mutation' | 'stream';
export interface MethodSpec {
  kind: MethodKind;
  input: z.ZodType;
  output: z.ZodType;
}

export type Contract = typeof contract;
export type MethodName = keyof Contract;
export type StreamMethod = { [K in MethodName]: Contract[K]['kind'] extends 'stream' ? K : never }[MethodName];
export type CallMethod = Exclude<MethodName, StreamMethod>;
/** What a caller passes (defaults optional). */
export type InputOf<M extends MethodName> = z.input<Contract[M]['input']>;
/** What a handler receives (defaults applied). */
export type ParsedInputOf<M extends MethodName> = z.output<Contract[M]['input']>;
/** A call's result, or one message of a stream. */
export type OutputOf<M extends MethodName> = z.output<Contract[M]['output']>;

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);
}
