import type Docker from 'dockerode';
import type { DiskUsage, PrunePreview, PruneResult, PruneScope, PruneTarget } from '../../../shared/domain/disk-usage.ts';
import { toApiError } from '../engine/errors.ts';
import { listContainerUses } from './container-users.ts';
import { countsWithoutSizes, toDiskUsage } from './disk-usage.ts';
import { probeWarning } from '../../../shared/domain/warnings.ts';
import { isEngineGoneError } from '../pipelines/engine-outage.ts';
import type { EngineDf } from './engine-df.ts';
import { planPrune, pruneTargets, type PruneInputs } from './prune-plan.ts';

export interface SystemService {
  df(): Promise<DiskUsage>;
  /** `labels`: engine label filters ("key" or "key=value"), all of which must match. */
  prunePreview(scope: PruneScope, labels?: readonly string[]): Promise<PrunePreview>;
  prune(scope: PruneScope, labels?: readonly string[]): Promise<PruneResult>;
}

/** API 1.42 made volume prune keep named volumes unless `all=true`; we keep the 1.41 rule everywhere. */
function volumePruneFilters(apiVersion: string | null): Record<string, string[]> {
  const [major, minor] = (apiVersion ?? '1.41').split('.').map(Number);
  return major > 1 || minor >= 42 ? { all: ['true'] } : {};
}

export function createSystemService(client: () => Promise<Docker>, apiVersion: () => string | null): SystemService {
  async function readInputs(docker: Docker): Promise<PruneInputs> {
    try {
      const [df, containers, networks, images] = await Promise.all([
        docker.df() as Promise<EngineDf>,
        listContainerUses(docker),
        docker.listNetworks(),
        docker.listImages({ all: true }),
      ]);
      return { df, containers, networks, images };
    } catch (error) {
      throw toApiError(error, 'read disk usage');
    }
  }

  async function pruneOne(docker: Docker, target: PruneTarget, labels: readonly string[]): Promise<{ ids: string[]; bytes: number }> {
    const label: Record<string, string[]> = labels.length > 0 ? { label: [...labels] } : {};
    switch (target) {
      case 'containers': {
        const r = await docker.pruneContainers({ filters: label });
        return { ids: r.ContainersDeleted ?? [], bytes: r.SpaceReclaimed ?? 0 };
      }
      case 'images': {
        const r = await docker.pruneImages({ filters: { dangling: ['true'], ...label } });
        return { ids: (r.ImagesDeleted ?? []).flatMap((d) => (d.Deleted ? [d.Deleted] : [])), bytes: r.SpaceReclaimed ?? 0 };
      }
      case 'volumes': {
        const r = await docker.pruneVolumes({ filters: { ...volumePruneFilters(apiVersion()), ...label } });
        return { ids: r.VolumesDeleted ?? [], bytes: r.SpaceReclaimed ?? 0 };
      }
      case 'networks': {
        const r = await docker.pruneNetworks({ filters: label });
        return { ids: r.NetworksDeleted ?? [], bytes: 0 };
      }
      case 'build-cache': {
        // dockerode's pruneBuilder sends no query: ask for every unused record, as the preview counts.
        const r = await new Promise<{ CachesDeleted?: string[] | null; SpaceReclaimed?: number }>((resolve, reject) =>
          docker.modem.dial(
            { path: '/build/prune?', method: 'POST', options: { all: true }, statusCodes: { 200: true, 500: 'server error' } },
            (error: unknown, data: unknown) => (error ? reject(error) : resolve((data ?? {}) as { CachesDeleted?: string[]; SpaceReclaimed?: number })),
          ),
        );
        return { ids: r.CachesDeleted ?? [], bytes: r.SpaceReclaimed ?? 0 };
      }
    }
  }

  return {
    async df() {
      const docker = await client();
      let failure: unknown;
      try {
        return toDiskUsage((await docker.df()) as EngineDf);
      } catch (error) {
        if (isEngineGoneError(error)) throw toApiError(error, 'read disk usage');
        failure = error;
      }
      // The engine's df (it walks every volume and layer) failed: the counts from the plain lists stand, sizes unknown, with warnings.
      return countsWithoutSizes(docker, probeWarning('disk usage sizes (the engine\'s system df)', toApiError(failure, 'read disk usage')));
    },

    async prunePreview(scope, labels = []) {
      return planPrune(scope, await readInputs(await client()), labels);
    },

    async prune(scope, labels = []) {
      const docker = await client();
      // The plan only names what the engine reports by id.
      const plan = planPrune(scope, await readInputs(docker), labels);
      const names = new Map(plan.items.map((item) => [`${item.target}/${item.id}`, item.name] as const));
      const targets = pruneTargets(scope, labels);
      const result: PruneResult = { scope, removed: [], bytesReclaimed: 0 };
      for (const target of targets) {
        let outcome: { ids: string[]; bytes: number };
        try {
          outcome = await pruneOne(docker, target, labels);
        } catch (error) {
          throw toApiError(error, `prune ${target}`);
        }
        for (const id of outcome.ids) result.removed.push({ target, id, name: names.get(`${target}/${id}`) ?? id });
        result.bytesReclaimed += outcome.bytes;
      }
      return result;
    },
  };
}
