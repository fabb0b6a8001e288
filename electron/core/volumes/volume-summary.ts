import type Docker from 'dockerode';
import type { ResourceUser, VolumeSummary } from '../../../shared/domain/volumes.ts';

const ANONYMOUS = /^[0-9a-f]{64}$/;

/** Engine volume + the containers that mount it → the summary the Volumes page shows. */
export function toVolumeSummary(volume: Docker.VolumeInspectInfo & { CreatedAt?: string }, usedBy: ResourceUser[]): VolumeSummary {
  return {
    key: volume.Name,
    name: volume.Name,
    driver: volume.Driver,
    scope: volume.Scope,
    mountpoint: volume.Mountpoint,
    createdAt: volume.CreatedAt ?? null,
    labels: volume.Labels ?? {},
    anonymous: ANONYMOUS.test(volume.Name),
    usedBy,
  };
}
