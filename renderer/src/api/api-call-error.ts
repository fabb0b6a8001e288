import type { ApiErrorPayload, ErrorCode } from '../../../shared/api/errors.ts';

/** A call reached the core and it answered with an error envelope; carries the core's payload. */
export class ApiCallError extends Error {
  readonly method: string;
  readonly code: ErrorCode;
  readonly details: unknown;
  readonly payload: ApiErrorPayload;

  constructor(method: string, payload: ApiErrorPayload) {
    super(payload.message);
    this.name = 'ApiCallError';
    this.method = method;
    this.code = payload.code;
    this.details = payload.details;
    this.payload = payload;
  }
}

/** The sentence to show a person for any error thrown by the client or a component. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'string') return error;
  return 'Something went wrong, and it gave no explanation.';
}
