import { ApiError } from '../../../shared/api/errors.ts';

/** What dockerode and docker-modem put on the errors they throw. */
interface EngineFailure {
  statusCode?: unknown;
  json?: unknown;
  reason?: unknown;
  code?: unknown;
  name?: unknown;
  message?: unknown;
}

const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOENT', 'EPIPE', 'ECONNRESET', 'EACCES', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND']);

/** The engine's own sentence: `{"message": "..."}` in the body, else what docker-modem made of it. */
function engineMessage(failure: EngineFailure): string {
  const json = failure.json;
  if (json && typeof json === 'object' && typeof (json as { message?: unknown }).message === 'string') {
    return (json as { message: string }).message.trim();
  }
  if (typeof json === 'string' && json.trim()) return json.trim();
  if (typeof failure.reason === 'string' && failure.reason) return failure.reason;
  const message = typeof failure.message === 'string' ? failure.message : '';
  return message.replace(/^\(HTTP code \d+\)\s*/, '').trim() || 'no reason given';
}

function sentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

/**
 * Maps an error from dockerode to an ApiError. `action` completes "Could not …", e.g.
 * "start container 3f2a". Details carry the HTTP status so callers can apply their own policy
 * (a 304 from start/stop means "already in that state").
 */
export function toApiError(error: unknown, action: string): ApiError {
  if (error instanceof ApiError) return error;
  const failure: EngineFailure = typeof error === 'object' && error !== null ? (error as EngineFailure) : { message: String(error) };
  const statusCode = typeof failure.statusCode === 'number' ? failure.statusCode : null;

  if (statusCode !== null) {
    const said = engineMessage(failure);
    const details = { action, statusCode, engineMessage: said };
    if (statusCode === 304) return new ApiError('conflict', `Could not ${action}: it is already in that state.`, details);
    if (statusCode === 404) return new ApiError('not_found', sentence(`Could not ${action}: ${said}`), details);
    if (statusCode === 409) return new ApiError('conflict', sentence(`Could not ${action}: ${said}`), details);
    return new ApiError('engine_error', sentence(`The engine could not ${action}: ${said}`), details);
  }

  const code = typeof failure.code === 'string' ? failure.code : null;
  const message = typeof failure.message === 'string' ? failure.message : String(error);
  if (failure.name === 'AbortError' || code === 'ABORT_ERR') {
    return new ApiError('cancelled', `Cancelled: ${action}.`, { action });
  }
  if (code !== null && UNREACHABLE.has(code)) {
    return new ApiError(
      'engine_unavailable',
      `Could not ${action}: the Docker engine is not reachable (${code}). Start Docker, or run "benchtop engine" to see why.`,
      { action, code },
    );
  }
  return new ApiError('engine_error', sentence(`Could not ${action}: ${message}`), code === null ? { action } : { action, code });
}
