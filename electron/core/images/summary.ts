import type Docker from 'dockerode';
import type { ImageSummary } from '../../../shared/domain/images.ts';

const NONE = '<none>:<none>';
const NONE_DIGEST = '<none>@<none>';

function realTags(tags: readonly string[] | null | undefined): string[] {
  return (tags ?? []).filter((tag) => tag !== NONE);
}

/** GET /images/json entry → ImageSummary; `containers` comes from the container list. */
export function toImageSummary(info: Docker.ImageInfo, containers: number): ImageSummary {
  const repoTags = realTags(info.RepoTags);
  return {
    id: info.Id,
    repoTags,
    repoDigests: (info.RepoDigests ?? []).filter((d) => d !== NONE_DIGEST),
    size: info.Size,
    created: info.Created,
    containers,
    dangling: repoTags.length === 0,
    parentId: info.ParentId || null,
    labels: info.Labels ?? {},
  };
}

/** GET /images/{id}/json → ImageSummary (what an image event looks up). */
export function inspectToImageSummary(info: Docker.ImageInspectInfo, containers: number): ImageSummary {
  const repoTags = realTags(info.RepoTags);
  return {
    id: info.Id,
    repoTags,
    repoDigests: info.RepoDigests ?? [],
    size: info.Size,
    created: Math.floor(Date.parse(info.Created) / 1000),
    containers,
    dangling: repoTags.length === 0,
    parentId: info.Parent || null,
    labels: info.Config?.Labels ?? {},
  };
}

/** Newest first, then by name: what `docker images` does. */
export function compareImages(a: ImageSummary, b: ImageSummary): number {
  return b.created - a.created || (a.repoTags[0] ?? '').localeCompare(b.repoTags[0] ?? '') || a.id.localeCompare(b.id);
}
