import { BUILT_IN_NETWORKS } from '../../../shared/domain/networks.ts';
import { PRUNE_TARGETS, type PruneItem, type PrunePreview, type PruneScope, type PruneTarget } from '../../../shared/domain/disk-usage.ts';
import type { ContainerUse } from './container-users.ts';
import type { EngineDf } from './engine-df.ts';
import { matchesLabels } from './label-filter.ts';

/** What the engine's prune endpoints look at, read in one go. */
export interface PruneInputs {
  df: EngineDf;
  containers: ContainerUse[];
  /** Every image, intermediate ones included (GET /images/json?all=1): pruning a head removes its untagged parents. */
  images: ImageNode[];
  networks: Array<{ Id: string; Name: string; Driver?: string; Scope?: string; Labels?: Record<string, string> }>;
}

export interface ImageNode {
  Id: string;
  ParentId?: string;
  RepoTags?: string[] | null;
  RepoDigests?: string[] | null;
  /** Bytes including every parent layer (API 1.41). */
  Size?: number;
  Labels?: Record<string, string> | null;
}

/** Container prune removes what is not running; a restarting or paused one stays. */
const PRUNABLE_CONTAINER_STATES = new Set(['created', 'exited', 'dead']);
/** States in which a container holds a network endpoint. */
const ATTACHED_STATES = new Set(['running', 'paused', 'restarting']);

const size = (n: number | undefined) => (typeof n === 'number' && n >= 0 ? n : 0);
const isNone = (ref: string) => ref === '<none>:<none>' || ref === '<none>@<none>';

/**
 * Mirrors the engine's prune rules (API 1.41 semantics; the caller asks newer engines for the same
 * volume rule with `all=true`): what each prune would remove now. With scope `all` containers go
 * first, so whatever only pruned containers used is counted as freed too.
 */
export function planPrune(scope: PruneScope, inputs: PruneInputs, labels: readonly string[] = []): PrunePreview {
  const targets = pruneTargets(scope, labels);
  const items: PruneItem[] = [];
  const prunedContainers = new Set<string>();
  if (targets.includes('containers')) {
    const sizes = new Map((inputs.df.Containers ?? []).map((c) => [c.Id, size(c.SizeRw)] as const));
    for (const use of inputs.containers) {
      if (!PRUNABLE_CONTAINER_STATES.has(use.state) || !matchesLabels(use.labels, labels)) continue;
      prunedContainers.add(use.user.id);
      items.push({ target: 'containers', id: use.user.id, name: use.user.name, size: sizes.get(use.user.id) ?? 0 });
    }
  }
  const remaining = inputs.containers.filter((c) => !prunedContainers.has(c.user.id));

  if (targets.includes('networks')) {
    const attached = new Set(remaining.filter((c) => ATTACHED_STATES.has(c.state)).flatMap((c) => c.networkIds));
    for (const network of inputs.networks) {
      if (BUILT_IN_NETWORKS.includes(network.Name) || network.Scope === 'swarm' || attached.has(network.Id) || !matchesLabels(network.Labels, labels)) continue;
      items.push({ target: 'networks', id: network.Name, name: network.Name, size: null });
    }
  }

  if (targets.includes('volumes')) {
    const mounted = new Set(remaining.flatMap((c) => c.volumes));
    for (const volume of inputs.df.Volumes ?? []) {
      if ((volume.Driver ?? 'local') !== 'local' || mounted.has(volume.Name) || !matchesLabels(volume.Labels, labels)) continue;
      items.push({ target: 'volumes', id: volume.Name, name: volume.Name, size: size(volume.UsageData?.Size) });
    }
  }

  if (targets.includes('images')) {
    items.push(...planImagePrune(inputs, new Set(remaining.map((c) => c.imageId)), labels));
  }

  if (targets.includes('build-cache')) {
    for (const record of inputs.df.BuildCache ?? []) {
      if (record.InUse) continue;
      items.push({ target: 'build-cache', id: record.ID, name: record.Description || record.Type || record.ID.slice(0, 12), size: size(record.Size) });
    }
  }

  return { scope, items, bytes: items.reduce((sum, item) => sum + (item.size ?? 0), 0) };
}

/** The targets a scope covers; the build cache has no labels, so a label filter leaves it alone. */
export function pruneTargets(scope: PruneScope, labels: readonly string[] = []): readonly PruneTarget[] {
  const targets: readonly PruneTarget[] = scope === 'all' ? PRUNE_TARGETS : [scope];
  return labels.length > 0 ? targets.filter((t) => t !== 'build-cache') : targets;
}

const untagged = (image: ImageNode) =>
  (image.RepoTags ?? []).every(isNone) && (image.RepoDigests ?? []).every(isNone);

/**
 * Dangling image prune: heads (images without children) that are untagged, unused and match the
 * labels; deleting each also deletes its untagged parents that nothing else needs. Bytes: the head's
 * size minus that of the nearest ancestor that stays; for an image without parent, its layers not
 * shared with another image (df's SharedSize).
 */
function planImagePrune(inputs: PruneInputs, used: ReadonlySet<string>, labels: readonly string[]): PruneItem[] {
  const byId = new Map(inputs.images.map((i) => [i.Id, i] as const));
  const children = new Map<string, string[]>();
  for (const image of inputs.images) {
    if (image.ParentId) children.set(image.ParentId, [...(children.get(image.ParentId) ?? []), image.Id]);
  }
  const shared = new Map((inputs.df.Images ?? []).map((i) => [i.Id, size(i.SharedSize)] as const));
  const removed = new Set<string>();
  const items: PruneItem[] = [];
  const item = (image: ImageNode, bytes: number): PruneItem => ({ target: 'images', id: image.Id, name: image.Id.replace(/^sha256:/, '').slice(0, 12), size: bytes });

  for (const head of inputs.images) {
    if (children.has(head.Id) || !untagged(head) || used.has(head.Id) || !matchesLabels(head.Labels, labels)) continue;
    removed.add(head.Id);
    const chain = [head];
    let parent = head.ParentId ? byId.get(head.ParentId) : undefined;
    while (parent && untagged(parent) && !used.has(parent.Id) && (children.get(parent.Id) ?? []).every((c) => removed.has(c))) {
      removed.add(parent.Id);
      chain.push(parent);
      parent = parent.ParentId ? byId.get(parent.ParentId) : undefined;
    }
    const freed = head.ParentId ? size(head.Size) - (parent ? size(parent.Size) : 0) : size(head.Size) - (shared.get(head.Id) ?? 0);
    items.push(item(head, Math.max(0, freed)), ...chain.slice(1).map((image) => item(image, 0)));
  }
  return items;
}
