import type Docker from 'dockerode';
import { ApiError } from '../../../shared/api/errors.ts';
import type { ImageDetails, ImageSummary, PruneMode, PrunePreview, PruneResult } from '../../../shared/domain/images.ts';
import { shortImageId } from '../../../shared/domain/images.ts';
import { toApiError } from '../engine/errors.ts';
import { planPrune, type PlanImage } from './prune-plan.ts';
import { compareImages, inspectToImageSummary, toImageSummary } from './summary.ts';

export interface ImageUser {
  id: string;
  name: string;
  state: string;
  imageId: string;
}

export interface ImageService {
  list(all: boolean): Promise<ImageSummary[]>;
  /** One image by id or reference, with its container count; null when it does not exist. */
  find(ref: string, containerCounts?: ReadonlyMap<string, number>): Promise<ImageSummary | null>;
  /** Every container with the image it was created from; only the given ids when `ids` is set. */
  containers(ids?: readonly string[]): Promise<ImageUser[]>;
  inspect(ref: string): Promise<ImageDetails>;
  remove(ref: string, force: boolean): Promise<{ id: string; deleted: string[]; untagged: string[] }>;
  tag(source: string, target: string): Promise<void>;
  prunePreview(mode: PruneMode, labels: readonly string[]): Promise<PrunePreview>;
  prune(mode: PruneMode, labels: readonly string[]): Promise<PruneResult>;
}

const INSPECT_CONCURRENCY = 8;

export function countByImage(users: readonly ImageUser[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const user of users) counts.set(user.imageId, (counts.get(user.imageId) ?? 0) + 1);
  return counts;
}

function splitReference(target: string): { repo: string; tag: string } {
  const lastSlash = target.lastIndexOf('/');
  const colon = target.lastIndexOf(':');
  return colon > lastSlash ? { repo: target.slice(0, colon), tag: target.slice(colon + 1) } : { repo: target, tag: 'latest' };
}

export function createImageService(client: () => Promise<Docker>): ImageService {
  async function containers(ids?: readonly string[]): Promise<ImageUser[]> {
    const docker = await client();
    try {
      const infos = await docker.listContainers(ids ? { all: true, filters: { id: [...ids] } } : { all: true });
      return infos.map((c) => ({ id: c.Id, name: (c.Names?.[0] ?? c.Id.slice(0, 12)).replace(/^\//, ''), state: c.State, imageId: c.ImageID }));
    } catch (error) {
      throw toApiError(error, 'list containers');
    }
  }

  async function resolveId(docker: Docker, ref: string): Promise<string> {
    try {
      return ((await docker.getImage(ref).inspect()) as Docker.ImageInspectInfo).Id;
    } catch (error) {
      throw notFound(error, ref);
    }
  }

  function notFound(error: unknown, ref: string): ApiError {
    const apiError = toApiError(error, `find image ${ref}`);
    if (apiError.code === 'not_found') {
      return new ApiError('not_found', `There is no image "${ref}" in the engine. Pull or build it first, or check the name.`, apiError.details);
    }
    return apiError;
  }

  return {
    async list(all) {
      const docker = await client();
      try {
        const [infos, users] = await Promise.all([docker.listImages({ all }), containers()]);
        const counts = countByImage(users);
        return infos.map((info) => toImageSummary(info, counts.get(info.Id) ?? 0)).sort(compareImages);
      } catch (error) {
        throw toApiError(error, 'list images');
      }
    },

    async find(ref, containerCounts) {
      const docker = await client();
      let info: Docker.ImageInspectInfo;
      try {
        info = (await docker.getImage(ref).inspect()) as Docker.ImageInspectInfo;
      } catch (error) {
        if ((error as { statusCode?: number }).statusCode === 404) return null;
        throw toApiError(error, `look up image ${ref}`);
      }
      const counts = containerCounts ?? countByImage(await containers());
      return inspectToImageSummary(info, counts.get(info.Id) ?? 0);
    },

    containers,

    async inspect(ref) {
      const docker = await client();
      let info: Docker.ImageInspectInfo;
      let history: Array<{ Id: string; Created: number; CreatedBy: string; Size: number; Comment: string; Tags: string[] | null }>;
      try {
        const image = docker.getImage(ref);
        info = (await image.inspect()) as Docker.ImageInspectInfo;
        history = (await image.history()) as typeof history;
      } catch (error) {
        throw notFound(error, ref);
      }
      const users = (await containers()).filter((c) => c.imageId === info.Id);
      const config = info.Config ?? ({} as Docker.ImageInspectInfo['Config']);
      return {
        id: info.Id,
        repoTags: (info.RepoTags ?? []).filter((t) => t !== '<none>:<none>'),
        repoDigests: info.RepoDigests ?? [],
        created: info.Created,
        size: info.Size,
        architecture: info.Architecture ?? '',
        os: info.Os ?? '',
        author: info.Author ?? '',
        env: config.Env ?? [],
        entrypoint: toList(config.Entrypoint),
        cmd: toList(config.Cmd),
        workingDir: config.WorkingDir ?? '',
        user: config.User ?? '',
        exposedPorts: Object.keys(config.ExposedPorts ?? {}),
        labels: config.Labels ?? {},
        layers: info.RootFS?.Layers ?? [],
        history: history.map((h) => ({
          id: h.Id && h.Id !== '<missing>' ? h.Id : null,
          created: h.Created,
          createdBy: h.CreatedBy ?? '',
          size: h.Size,
          comment: h.Comment ?? '',
          tags: h.Tags ?? [],
        })),
        usedBy: users.map((u) => ({ id: u.id, name: u.name, state: u.state })),
      };
    },

    async remove(ref, force) {
      const docker = await client();
      const id = await resolveId(docker, ref);
      try {
        const items = (await docker.getImage(ref).remove({ force })) as Array<{ Deleted?: string; Untagged?: string }>;
        return {
          id,
          deleted: items.flatMap((i) => (i.Deleted ? [i.Deleted] : [])),
          untagged: items.flatMap((i) => (i.Untagged ? [i.Untagged] : [])),
        };
      } catch (error) {
        const statusCode = (error as { statusCode?: number }).statusCode;
        if (statusCode === 409) {
          const users = (await containers()).filter((c) => c.imageId === id);
          const engineError = toApiError(error, `remove image ${ref}`);
          if (users.length > 0) {
            const names = users.map((u) => `${u.name} (${u.state})`).join(', ');
            throw new ApiError(
              'conflict',
              `Image ${ref} is used by ${users.length === 1 ? 'container' : `${users.length} containers`} ${names}: remove ${users.length === 1 ? 'it' : 'them'} first, or remove the image with force (the containers keep running on an untagged image).`,
              { ...(engineError.details as object), dependants: users.map((u) => ({ id: u.id, name: u.name, state: u.state })) },
            );
          }
          const said = String((engineError.details as { engineMessage?: string }).engineMessage ?? '');
          if (/multiple repositories|referenced in multiple/i.test(said)) {
            throw new ApiError('conflict', `Image ${shortImageId(id)} has several tags: remove one tag by name, or remove the image with force to delete every tag.`, engineError.details);
          }
          if (/child images/i.test(said)) {
            throw new ApiError('conflict', `Image ${ref} is the parent of other images: remove those first (they are listed with --all).`, engineError.details);
          }
          throw engineError;
        }
        throw toApiError(error, `remove image ${ref}`);
      }
    },

    async tag(source, target) {
      const docker = await client();
      await resolveId(docker, source);
      const { repo, tag } = splitReference(target);
      try {
        await docker.getImage(source).tag({ repo, tag });
      } catch (error) {
        throw toApiError(error, `tag image ${source} as ${target}`);
      }
    },

    async prunePreview(mode, labels) {
      const docker = await client();
      let infos: Docker.ImageInfo[];
      let users: ImageUser[];
      try {
        [infos, users] = await Promise.all([docker.listImages({ all: true }), containers()]);
      } catch (error) {
        throw toApiError(error, 'list images');
      }
      const layers = await mapLimit(infos, INSPECT_CONCURRENCY, async (info) => {
        try {
          return ((await docker.getImage(info.Id).inspect()) as Docker.ImageInspectInfo).RootFS?.Layers ?? [];
        } catch {
          return [];
        }
      });
      const images: PlanImage[] = infos.map((info, index) => {
        const summary = toImageSummary(info, 0);
        return { id: info.Id, repoTags: summary.repoTags, parentId: summary.parentId, size: info.Size, labels: summary.labels, layers: layers[index] };
      });
      return planPrune({ mode, images, usedImageIds: new Set(users.map((u) => u.imageId)), labels });
    },

    async prune(mode, labels) {
      const docker = await client();
      const filters: Record<string, string[]> = { dangling: [mode === 'dangling' ? 'true' : 'false'] };
      if (labels.length > 0) filters.label = [...labels];
      try {
        const report = (await docker.pruneImages({ filters })) as { ImagesDeleted?: Array<{ Deleted?: string; Untagged?: string }> | null; SpaceReclaimed?: number };
        const items = report.ImagesDeleted ?? [];
        return {
          mode,
          // The engine lists deleted layers too; image ids are those of images.
          deleted: items.flatMap((i) => (i.Deleted ? [i.Deleted] : [])),
          untagged: items.flatMap((i) => (i.Untagged ? [i.Untagged] : [])),
          spaceReclaimed: report.SpaceReclaimed ?? 0,
        };
      } catch (error) {
        throw toApiError(error, 'prune images');
      }
    },
  };
}

function toList(value: string | string[] | null | undefined): string[] | null {
  if (value === null || value === undefined) return null;
  return Array.isArray(value) ? value : [value];
}

async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
