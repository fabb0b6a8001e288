import type Docker from 'dockerode';
import { ApiError } from '../../../shared/api/errors.ts';
import type { ResourceUser, VolumeSize, VolumeSummary } from '../../../shared/domain/volumes.ts';
import { toApiError } from '../engine/errors.ts';
import { listContainerUses, type ContainerUse } from '../system/container-users.ts';
import { toVolumeSummary } from './volume-summary.ts';

export interface CreateVolumeRequest {
  name: string;
  driver: string;
  labels: Record<string, string>;
}

export interface VolumeService {
  list(): Promise<VolumeSummary[]>;
  /** Sizes from the engine's system df (one walk of every volume); only `names` when given. */
  sizes(names?: string[]): Promise<VolumeSize[]>;
  /** Refuses a name that exists: the engine would silently hand back the existing volume. */
  create(request: CreateVolumeRequest): Promise<VolumeSummary>;
  /** Refuses a volume in use, naming the containers; changes nothing then. */
  remove(name: string, force: boolean): Promise<void>;
}

export function createVolumeService(client: () => Promise<Docker>): VolumeService {
  async function usesByVolume(docker: Docker): Promise<Map<string, ContainerUse[]>> {
    const uses = new Map<string, ContainerUse[]>();
    for (const use of await listContainerUses(docker)) {
      for (const volume of use.volumes) uses.set(volume, [...(uses.get(volume) ?? []), use]);
    }
    return uses;
  }
  const usersOf = (uses: ContainerUse[] | undefined): ResourceUser[] => (uses ?? []).map((u) => u.user);

  async function find(docker: Docker, name: string): Promise<Docker.VolumeInspectInfo | null> {
    try {
      return (await docker.getVolume(name).inspect()) as Docker.VolumeInspectInfo;
    } catch (error) {
      if ((error as { statusCode?: number }).statusCode === 404) return null;
      throw toApiError(error, `inspect volume ${name}`);
    }
  }

  return {
    async list() {
      const docker = await client();
      try {
        const [listing, uses] = await Promise.all([docker.listVolumes(), usesByVolume(docker)]);
        return (listing.Volumes ?? [])
          .map((v) => toVolumeSummary(v, usersOf(uses.get(v.Name))))
          .sort((a, b) => Number(a.anonymous) - Number(b.anonymous) || a.name.localeCompare(b.name));
      } catch (error) {
        throw toApiError(error, 'list volumes');
      }
    },

    async sizes(names) {
      const docker = await client();
      let df: { Volumes?: Docker.VolumeInspectInfo[] | null };
      try {
        df = (await docker.df()) as typeof df;
      } catch (error) {
        throw toApiError(error, 'measure volume sizes');
      }
      const wanted = names ? new Set(names) : null;
      return (df.Volumes ?? [])
        .filter((v) => !wanted || wanted.has(v.Name))
        .map((v) => ({ name: v.Name, size: v.UsageData && v.UsageData.Size >= 0 ? v.UsageData.Size : null }));
    },

    async create({ name, driver, labels }) {
      const docker = await client();
      if (await find(docker, name)) {
        throw new ApiError('conflict', `A volume named "${name}" already exists: pick another name, or use the existing one.`, { name });
      }
      try {
        await docker.createVolume({ Name: name, Driver: driver, Labels: labels });
      } catch (error) {
        throw toApiError(error, `create volume ${name}`);
      }
      const created = await find(docker, name);
      if (!created) throw new ApiError('engine_error', `The engine created volume "${name}" but cannot find it now: refresh the list.`);
      return toVolumeSummary(created, []);
    },

    async remove(name, force) {
      const docker = await client();
      const users = (await usesByVolume(docker)).get(name) ?? [];
      if (users.length > 0) {
        const names = users.map((u) => `${u.user.name} (${u.state})`).join(', ');
        throw new ApiError(
          'conflict',
          `Volume "${name}" is in use by ${users.length === 1 ? 'container' : 'containers'} ${names}: remove ${users.length === 1 ? 'it' : 'them'} first.`,
          { name, usedBy: usersOf(users) },
        );
      }
      try {
        await docker.getVolume(name).remove({ force });
      } catch (error) {
        throw toApiError(error, `remove volume ${name}`);
      }
    },
  };
}
