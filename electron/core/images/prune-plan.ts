import { createHash } from 'node:crypto';
import type { PruneMode, PrunePreview } from '../../../shared/domain/images.ts';

/** What the plan needs of each image (GET /images/json?all=1 plus the root filesystem from inspect). */
export interface PlanImage {
  id: string;
  repoTags: string[];
  parentId: string | null;
  size: number;
  labels: Record<string, string>;
  /** Diff ids, base first. */
  layers: string[];
}

export interface PlanInput {
  mode: PruneMode;
  images: PlanImage[];
  /** Image ids that some container (any state) uses. */
  usedImageIds: ReadonlySet<string>;
  /** KEY or KEY=VALUE; every one must match (the engine's `label` prune filter). */
  labels: readonly string[];
}

/** The layer chain ids of an image (the identity the engine shares layers by). */
export function chainIds(diffIds: readonly string[]): string[] {
  const chain: string[] = [];
  for (const diffId of diffIds) {
    const previous = chain[chain.length - 1];
    chain.push(previous === undefined ? diffId : `sha256:${createHash('sha256').update(`${previous} ${diffId}`).digest('hex')}`);
  }
  return chain;
}

function matchesLabels(labels: Record<string, string>, filters: readonly string[]): boolean {
  return filters.every((filter) => {
    const eq = filter.indexOf('=');
    if (eq === -1) return Object.hasOwn(labels, filter);
    return labels[filter.slice(0, eq)] === filter.slice(eq + 1);
  });
}

/**
 * Which images the engine's image prune removes, following its rules (daemon/images/image_prune.go
 * in Docker 20.10): dangling mode looks at images without children ("heads") that have no tag;
 * unused mode at every image except untagged ones with children (intermediate build images); in
 * both, images some container uses are kept, and removing an image also removes its untagged
 * parents that nothing else needs. The space is the size of the layers no remaining image shares:
 * the cumulative size at each image's top layer is the image's Size, and a layer segment's size is
 * the difference to the nearest ancestor image.
 */
export function planPrune(input: PlanInput): PrunePreview {
  const byId = new Map(input.images.map((image) => [image.id, image]));
  const children = new Map<string, number>();
  for (const image of input.images) if (image.parentId && byId.has(image.parentId)) children.set(image.parentId, (children.get(image.parentId) ?? 0) + 1);

  const candidates = input.images.filter((image) => {
    const hasChildren = (children.get(image.id) ?? 0) > 0;
    const tagged = image.repoTags.length > 0;
    if (input.mode === 'dangling' ? hasChildren || tagged : !tagged && hasChildren) return false;
    if (input.usedImageIds.has(image.id)) return false;
    return matchesLabels(image.labels, input.labels);
  });

  // Removing a candidate also removes untagged, unused parents whose only children are going.
  const removed = new Set(candidates.map((c) => c.id));
  let grew = true;
  while (grew) {
    grew = false;
    for (const image of input.images) {
      if (removed.has(image.id) || image.repoTags.length > 0 || input.usedImageIds.has(image.id)) continue;
      const kids = input.images.filter((other) => other.parentId === image.id);
      if (kids.length > 0 && kids.every((kid) => removed.has(kid.id))) {
        removed.add(image.id);
        grew = true;
      }
    }
  }

  // Cumulative layer size at each image's top chain id.
  const cumulative = new Map<string, number>();
  const chains = new Map<string, string[]>();
  for (const image of input.images) {
    const chain = chainIds(image.layers);
    chains.set(image.id, chain);
    if (chain.length > 0) cumulative.set(chain[chain.length - 1], image.size);
  }
  const keptLayers = new Set<string>();
  for (const image of input.images) if (!removed.has(image.id)) for (const id of chains.get(image.id) ?? []) keptLayers.add(id);

  const counted = new Set<string>();
  const segmentSize = (chain: string[], index: number): number => {
    const top = cumulative.get(chain[index]);
    if (top === undefined) return 0;
    for (let i = index - 1; i >= 0; i--) {
      const below = cumulative.get(chain[i]);
      if (below !== undefined) return Math.max(0, top - below);
    }
    return top;
  };
  let total = 0;
  const perImage = new Map<string, number>();
  for (const id of removed) {
    const chain = chains.get(id) ?? [];
    let own = 0;
    for (let i = chain.length - 1; i >= 0 && !keptLayers.has(chain[i]); i--) {
      if (counted.has(chain[i])) continue;
      counted.add(chain[i]);
      own += segmentSize(chain, i);
    }
    perImage.set(id, own);
    total += own;
  }

  return {
    mode: input.mode,
    images: input.images
      .filter((image) => removed.has(image.id))
      .map((image) => ({ id: image.id, repoTags: image.repoTags, size: image.size, reclaimable: perImage.get(image.id) ?? 0 })),
    spaceReclaimed: total,
  };
}
