import { createHash } from 'node:crypto';
import type { ComposeService } from '../../../shared/domain/compose-model.ts';

/** JSON with sorted keys, so equal configurations hash equally whatever the key order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * The com.docker.compose.config-hash of a service: sha256 of its configuration without what
 * compose leaves out (build, replicas, depends_on, profiles). A container whose label differs is recreated.
 */
export function serviceConfigHash(service: ComposeService): string {
  const { build: _build, replicas: _replicas, dependsOn: _dependsOn, profiles: _profiles, ...hashed } = service;
  return createHash('sha256').update(canonical(hashed)).digest('hex');
}
