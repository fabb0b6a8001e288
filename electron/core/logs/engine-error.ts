import { ApiError } from '../../../shared/api/errors.ts';
import { toApiError } from '../engine/errors.ts';

/** Turns a dockerode / socket failure while reading a container's logs into an ApiError. */
export function logsEngineError(error: unknown, containerRef: string): ApiError {
  if ((error as { statusCode?: unknown } | null)?.statusCode === 404) {
    return new ApiError(
      'not_found',
      `No container named "${containerRef}" exists: check the name or ID in the container list (\`benchtop ps --all\`).`,
      { statusCode: 404 },
    );
  }
  return toApiError(error, `read the logs of container "${containerRef}"`);
}
