import { z } from 'zod';
import { contract, isMethodName, type MethodSpec, type CallMethod, type OutputOf, type ParsedInputOf, type StreamMethod } from '../../../shared/api/contract.ts';
import type { ParsedClientMessageOf } from '../../../shared/api/client-messages.ts';
import { ApiError, type ApiErrorPayload, type Envelope } from '../../../shared/api/errors.ts';

export interface StreamSink<T> {
  next(value: T): void;
  /** Called once: without an error when the stream finished, with one when it failed. */
  end(error?: ApiErrorPayload): void;
}

export type CallHandlers = {
  [M in CallMethod]: (input: ParsedInputOf<M>) => Promise<OutputOf<M>>;
};

/**
 * Messages the client sends on an open stream, already checked against the method's
 * `clientMessage` schema. Messages that arrive before the first listener are kept for it.
 */
export interface ClientMessages<T> {
  onMessage(listener: (message: T) => void): () => void;
}

/**
 * A stream handler pushes into the sink until its promise settles or the signal aborts. Methods
 * with a `clientMessage` schema also read what the client sends through `messages`.
 */
export type StreamHandlers = {
  [M in StreamMethod]: [ParsedClientMessageOf<M>] extends [never]
    ? (input: ParsedInputOf<M>, sink: StreamSink<OutputOf<M>>, signal: AbortSignal) => Promise<void>
    : (input: ParsedInputOf<M>, sink: StreamSink<OutputOf<M>>, signal: AbortSignal, messages: ClientMessages<ParsedClientMessageOf<M>>) => Promise<void>;
};

export type Handlers = CallHandlers & StreamHandlers;

export interface StreamHandle {
  close(): void;
  /**
   * Passes a client message into the stream. A message the method does not accept (no
   * `clientMessage` schema, or one it rejects) ends the stream with an invalid_input error.
   * Ignored once the stream is over.
   */
  send(data: unknown): void;
}

/** Client messages kept for a handler that has not subscribed yet; past this the stream fails. */
export const MAX_QUEUED_CLIENT_MESSAGES = 1024;

export interface Dispatcher {
  invoke(method: unknown, input: unknown): Promise<Envelope<unknown>>;
  /** Opens a stream; errors (bad method, bad input, handler failure) arrive through sink.end. */
  open(method: unknown, input: unknown, sink: StreamSink<unknown>): StreamHandle;
}

export interface DispatcherOptions {
  /** Check every output against the contract (tests turn this on; it costs time on hot streams). */
  validateOutputs?: boolean;
  onInternalError?: (method: string, error: unknown) => void;
}

export function createDispatcher(handlers: Handlers, options: DispatcherOptions = {}): Dispatcher {
  const table = handlers as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;

  function parse(method: unknown, input: unknown, expected: 'call' | 'stream') {
    if (!isMethodName(method)) {
      throw new ApiError('unknown_method', `There is no API method named ${JSON.stringify(method)}.`);
    }
    const spec = contract[method];
    const isStream = spec.kind === 'stream';
    if (isStream !== (expected === 'stream')) {
      throw new ApiError(
        'unknown_method',
        isStream ? `${method} is a stream: open it instead of invoking it.` : `${method} is not a stream: invoke it instead.`,
      );
    }
    const result = spec.input.safeParse(input ?? {});
    if (!result.success) throw invalidInput(method, result.error);
    return { method, spec, value: result.data };
  }

  function checkOutput(method: string, schema: z.ZodType, value: unknown): unknown {
    if (!options.validateOutputs) return value;
    const result = schema.safeParse(value);
    if (!result.success) {
      throw new ApiError('internal', `${method} produced output that breaks the contract: ${z.prettifyError(result.error)}`);
    }
    return result.data;
  }

  function toPayload(method: string, error: unknown): ApiErrorPayload {
    if (error instanceof ApiError) return error.toPayload();
    options.onInternalError?.(method, error);
    const message = error instanceof Error ? error.message : String(error);
    return { code: 'internal', message: `${method} failed unexpectedly: ${message}` };
  }

  return {
    async invoke(method, input) {
      try {
        const call = parse(method, input, 'call');
        const value = await table[call.method](call.value);
        return { ok: true, value: checkOutput(call.method, call.spec.output, value) };
      } catch (error) {
        return { ok: false, error: toPayload(String(method), error) };
      }
    },

    open(method, input, sink) {
      const controller = new AbortController();
      let ended = false;
      let accepts: z.ZodType | null = null;
      let methodName = String(method);
      const listeners = new Set<(message: unknown) => void>();
      let queued: unknown[] = [];
      const end = (error?: ApiErrorPayload) => {
        if (ended) return;
        ended = true;
        listeners.clear();
        queued = [];
        sink.end(error);
      };
      const fail = (error: ApiError) => {
        end(error.toPayload());
        controller.abort();
      };
      const messages: ClientMessages<unknown> = {
        onMessage(listener) {
          listeners.add(listener);
          const waiting = queued;
          queued = [];
          for (const message of waiting) if (!ended) listener(message);
          return () => listeners.delete(listener);
        },
      };
      try {
        const call = parse(method, input, 'stream');
        methodName = call.method;
        accepts = (call.spec as MethodSpec).clientMessage ?? null;
        const guarded: StreamSink<unknown> = {
          next: (value) => {
            if (ended || controller.signal.aborted) return;
            sink.next(checkOutput(call.method, call.spec.output, value));
          },
          end,
        };
        table[call.method](call.value, guarded, controller.signal, messages).then(
          () => end(),
          (error: unknown) => end(controller.signal.aborted ? undefined : toPayload(call.method, error)),
        );
      } catch (error) {
        end(toPayload(String(method), error));
      }
      return {
        close() {
          if (controller.signal.aborted) return;
          controller.abort();
          ended = true;
          listeners.clear();
          queued = [];
        },
        send(data) {
          if (ended || controller.signal.aborted) return;
          if (!accepts) {
            fail(new ApiError('invalid_input', `${methodName} takes no messages from the client: only open and close it.`));
            return;
          }
          const result = accepts.safeParse(data);
          if (!result.success) {
            fail(invalidMessage(methodName, result.error));
            return;
          }
          if (listeners.size === 0) {
            if (queued.length >= MAX_QUEUED_CLIENT_MESSAGES) {
              fail(new ApiError('internal', `${methodName} is not reading its client messages; reopen it.`));
              return;
            }
            queued.push(result.data);
            return;
          }
          for (const listener of [...listeners]) listener(result.data);
        },
      };
    },
  };
}

function invalidMessage(method: string, error: z.ZodError): ApiError {
  const base = invalidInput(method, error);
  return new ApiError('invalid_input', base.message.replace('Invalid input for', 'Invalid client message for'), base.details);
}

function invalidInput(method: string, error: z.ZodError): ApiError {
  const issues = error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issue.message,
    code: issue.code,
  }));
  const first = issues[0];
  const where = first && first.path ? ` at "${first.path}"` : '';
  return new ApiError('invalid_input', `Invalid input for ${method}${where}: ${first?.message ?? 'rejected'}.`, { issues });
}

/** The handlers of one area's methods (`keyof typeof gpuMethods`, say). */
export type HandlersFor<K extends keyof Handlers> = Pick<Handlers, K>;
