import { z } from 'zod';

export const errorCodeSchema = z.enum([
  'invalid_input',
  'unknown_method',
  'not_found',
  'conflict',
  'engine_unavailable',
  'engine_error',
  'cancelled',
  'internal',
]);
export type ErrorCode = z.infer<typeof errorCodeSchema>;

export const apiErrorSchema = z.object({
  code: errorCodeSchema,
  /** A sentence for a person: what went wrong and what to do. */
  message: z.string(),
  details: z.unknown().optional(),
});
export type ApiErrorPayload = z.infer<typeof apiErrorSchema>;

export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ApiErrorPayload };

/** Thrown by services; the dispatcher turns it into an error envelope. */
export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly details: unknown;
  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.details = details;
  }
  toPayload(): ApiErrorPayload {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}
