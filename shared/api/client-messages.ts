import type { z } from 'zod';
import type { Contract, StreamMethod } from './contract.ts';

/** Stream methods that accept messages from the client while open (a terminal, say). */
export type DuplexMethod = { [K in StreamMethod]: Contract[K] extends { clientMessage: z.ZodType } ? K : never }[StreamMethod];

/** What a client may send on an open stream of method M (never for one-way streams). */
export type ClientMessageOf<M extends StreamMethod> = Contract[M] extends { clientMessage: infer S extends z.ZodType } ? z.input<S> : never;

/** The parsed client message a handler receives. */
export type ParsedClientMessageOf<M extends StreamMethod> = Contract[M] extends { clientMessage: infer S extends z.ZodType } ? z.output<S> : never;
