import { ApiError } from '../../../shared/api/errors.ts';

/**
 * Turns the engine's pull failure (an HTTP error or an `error` message in the stream) into a
 * sentence that says what happened in a person's words and what to do, keeping the engine's
 * text in details. `reason` classifies it for the UI and the tests.
 */
export function explainPullError(image: string, engineMessage: string, statusCode?: number): ApiError {
  const said = engineMessage.trim();
  const registry = registryOf(image);
  const details = { image, engineMessage: said, statusCode: statusCode ?? null };
  const has = (pattern: RegExp) => pattern.test(said);

  if (has(/no such host|server misbehaving|Temporary failure in name resolution|lookup .* on .*:53|name resolution/i)) {
    return new ApiError(
      'engine_error',
      `Could not pull ${image}: the registry ${registry} could not be found by name (DNS). Check the machine's network or DNS settings, or a proxy the Docker engine needs.`,
      { ...details, reason: 'dns' },
    );
  }
  if (has(/unauthorized|authentication required|denied|incorrect username or password|no basic auth credentials/i)) {
    // Docker Hub answers "pull access denied" both for private and for nonexistent repositories.
    return new ApiError(
      'engine_error',
      `Could not pull ${image}: the registry ${registry} refused access: the image does not exist or is private. Check the name, or sign in with "docker login ${registry}".`,
      { ...details, reason: 'unauthorized' },
    );
  }
  if (has(/manifest unknown|not found|does not exist|repository name not known|no such image|manifest for .* not found/i) || statusCode === 404) {
    return new ApiError('not_found', `Could not pull ${image}: the registry ${registry} has no such image or tag. Check the name and the tag.`, {
      ...details,
      reason: 'not_found',
    });
  }
  if (has(/connection refused|i\/o timeout|timeout|network is unreachable|no route to host|TLS handshake|connection reset|EOF|dial tcp|proxyconnect/i)) {
    return new ApiError(
      'engine_unavailable',
      `Could not pull ${image}: the registry ${registry} is unreachable from the Docker engine. Check the network connection (or the engine's proxy settings) and try again.`,
      { ...details, reason: 'unreachable' },
    );
  }
  if (has(/toomanyrequests|rate limit/i)) {
    return new ApiError('engine_error', `Could not pull ${image}: the registry ${registry} is rate-limiting pulls. Wait a while, or sign in with "docker login".`, {
      ...details,
      reason: 'rate_limited',
    });
  }
  return new ApiError('engine_error', `Could not pull ${image}: ${said || 'the engine gave no reason'}`.replace(/([^.!?])$/, '$1.'), { ...details, reason: 'other' });
}

/** The registry host a reference points at: Docker Hub unless the first part looks like a host. */
export function registryOf(image: string): string {
  const first = image.split('/')[0];
  const hasHost = image.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost');
  return hasHost ? first : 'docker.io';
}
