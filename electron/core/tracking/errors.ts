/** MLflow's error codes as the REST API returns them, each with its HTTP status. */
export const MLFLOW_ERROR_STATUS = {
  INVALID_PARAMETER_VALUE: 400,
  BAD_REQUEST: 400,
  MALFORMED_REQUEST: 400,
  RESOURCE_ALREADY_EXISTS: 400,
  INVALID_STATE: 400,
  RESOURCE_DOES_NOT_EXIST: 404,
  ENDPOINT_NOT_FOUND: 404,
  UNAUTHENTICATED: 401,
  PERMISSION_DENIED: 403,
  RESOURCE_LIMIT_EXCEEDED: 429,
  INTERNAL_ERROR: 500,
  NOT_IMPLEMENTED: 501,
} as const;

export type MlflowErrorCode = keyof typeof MLFLOW_ERROR_STATUS;

/** Thrown by the tracking store and routes; the HTTP server writes it as `{error_code, message}`. */
export class MlflowError extends Error {
  readonly errorCode: MlflowErrorCode;
  constructor(errorCode: MlflowErrorCode, message: string) {
    super(message);
    this.name = 'MlflowError';
    this.errorCode = errorCode;
  }
  get status(): number {
    return MLFLOW_ERROR_STATUS[this.errorCode];
  }
  toJson(): { error_code: string; message: string } {
    return { error_code: this.errorCode, message: this.message };
  }
}

export const invalid = (message: string) => new MlflowError('INVALID_PARAMETER_VALUE', message);
export const notFound = (message: string) => new MlflowError('RESOURCE_DOES_NOT_EXIST', message);
export const alreadyExists = (message: string) => new MlflowError('RESOURCE_ALREADY_EXISTS', message);
