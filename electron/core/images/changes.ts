import type { ImageChange, ImageSummary } from '../../../shared/domain/images.ts';
import type { StreamSink } from '../api/dispatcher.ts';
import type { DockerEvent, EventsFilter, EventsState } from '../engine/events.ts';
import type { ImageNudges } from './nudges.ts';
import { countByImage, type ImageService } from './service.ts';

export interface ImageEventsSource {
  subscribe(listener: (event: DockerEvent) => void, onState?: (state: EventsState) => void, filter?: EventsFilter): () => void;
}

/** Image actions that can change what the list shows. */
const IMAGE_ACTIONS = new Set(['pull', 'tag', 'untag', 'delete', 'import', 'load', 'create', 'build', 'prune']);
const COALESCE_MS = 25;
/** Past this many changed images in one burst, one full list is cheaper than a lookup each. */
const FULL_LIST_THRESHOLD = 25;

/**
 * The image list, live: a snapshot, then upserts/removes driven by image events; container
 * create/destroy events move the "used by" counts. A fresh snapshot after the event stream
 * reconnects. Never polls; an unchanged image is never re-sent.
 */
export async function streamImageChanges(
  service: ImageService,
  events: ImageEventsSource,
  sink: StreamSink<ImageChange>,
  signal: AbortSignal,
  nudges?: Pick<ImageNudges, 'subscribe'>,
): Promise<void> {
  const known = new Map<string, ImageSummary>();
  /** Container id → the image id it was created from (destroy events no longer name it by id). */
  const containerImage = new Map<string, string>();
  const dirtyRefs = new Set<string>();
  const dirtyContainers = new Set<string>();
  const destroyedContainers = new Set<string>();
  let needsSnapshot = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let queue: Promise<void> = Promise.resolve();
  let failure: unknown = null;
  let finish: () => void = () => {};
  const finished = new Promise<void>((resolve) => {
    finish = resolve;
  });

  const serially = (work: () => Promise<void>) => {
    queue = queue.then(work).catch((error: unknown) => {
      failure = error;
      finish();
    });
  };
  const counts = () => {
    const map = new Map<string, number>();
    for (const imageId of containerImage.values()) map.set(imageId, (map.get(imageId) ?? 0) + 1);
    return map;
  };
  const emitUpsert = (image: ImageSummary) => {
    const previous = known.get(image.id);
    if (previous && JSON.stringify(previous) === JSON.stringify(image)) return;
    known.set(image.id, image);
    sink.next({ type: 'upsert', image });
  };
  const emitRemove = (id: string) => {
    if (known.delete(id)) sink.next({ type: 'remove', id });
  };
  const setCount = (imageId: string) => {
    const image = known.get(imageId);
    if (!image) return;
    const containers = [...containerImage.values()].filter((id) => id === imageId).length;
    if (containers !== image.containers) emitUpsert({ ...image, containers });
  };

  const snapshot = async () => {
    const [images, users] = await Promise.all([service.list(false), service.containers()]);
    if (signal.aborted) return;
    containerImage.clear();
    for (const user of users) containerImage.set(user.id, user.imageId);
    known.clear();
    const byImage = countByImage(users);
    for (const image of images) known.set(image.id, { ...image, containers: byImage.get(image.id) ?? 0 });
    sink.next({ type: 'snapshot', images: [...known.values()] });
  };

  const flush = async () => {
    timer = null;
    if (signal.aborted) return;
    if (needsSnapshot) {
      needsSnapshot = false;
      dirtyRefs.clear();
      dirtyContainers.clear();
      await snapshot();
      return;
    }
    const containerIds = [...dirtyContainers];
    const destroyed = new Set(destroyedContainers);
    dirtyContainers.clear();
    destroyedContainers.clear();
    if (containerIds.length > 0) {
      const created = containerIds.filter((id) => !containerImage.has(id));
      const users = new Map((created.length > 0 ? await service.containers(created) : []).map((u) => [u.id, u.imageId] as const));
      const touched = new Set<string>();
      for (const id of containerIds) {
        const before = containerImage.get(id);
        const after = users.get(id) ?? (before && destroyed.has(id) ? undefined : before);
        if (before) touched.add(before);
        if (after) {
          containerImage.set(id, after);
          touched.add(after);
        } else containerImage.delete(id);
      }
      for (const imageId of touched) setCount(imageId);
    }
    const refs = [...dirtyRefs];
    dirtyRefs.clear();
    if (refs.length === 0) return;
    if (refs.length > FULL_LIST_THRESHOLD) {
      const current = await service.list(false);
      const byImage = counts();
      const ids = new Set(current.map((i) => i.id));
      for (const id of [...known.keys()]) if (!ids.has(id)) emitRemove(id);
      for (const image of current) emitUpsert({ ...image, containers: byImage.get(image.id) ?? 0 });
      return;
    }
    const byImage = counts();
    for (const ref of refs) {
      const image = await service.find(ref, byImage);
      if (signal.aborted) return;
      if (image) emitUpsert(image);
      else if (known.has(ref)) emitRemove(ref);
    }
  };
  const schedule = () => {
    if (timer === null) timer = setTimeout(() => serially(flush), COALESCE_MS);
  };

  let sawDisconnect = false;
  const unsubscribe = events.subscribe(
    (event) => {
      const id = event.Actor.ID;
      if (!id) return;
      if (event.Type === 'container') {
        if (event.Action === 'create' || event.Action === 'destroy') {
          dirtyContainers.add(id);
          if (event.Action === 'destroy') destroyedContainers.add(id);
          schedule();
        }
        return;
      }
      if (event.Type !== 'image' || !IMAGE_ACTIONS.has(event.Action)) return;
      if (event.Action === 'delete') {
        dirtyRefs.delete(id);
        serially(async () => emitRemove(id));
        return;
      }
      dirtyRefs.add(id);
      // A tag that moved leaves its previous image untagged (dangling): look that one up too.
      if (event.Action === 'tag' || event.Action === 'pull' || event.Action === 'load' || event.Action === 'import') {
        const name = event.Actor.Attributes.name ?? id;
        for (const image of known.values()) if (image.repoTags.includes(name)) dirtyRefs.add(image.id);
      }
      schedule();
    },
    (change) => {
      if (change.state === 'disconnected') {
        sawDisconnect = true;
        sink.next({ type: 'disconnected', message: change.message ?? 'The engine event stream dropped.', retryInMs: change.retryInMs ?? 0 });
      } else if (sawDisconnect) {
        sawDisconnect = false;
        needsSnapshot = true;
        schedule();
      }
    },
    { types: ['image', 'container'] },
  );

  const unsubscribeNudges = nudges?.subscribe((ids) => {
    for (const id of ids) dirtyRefs.add(id);
    schedule();
  });

  signal.addEventListener('abort', () => finish(), { once: true });
  serially(snapshot);
  try {
    await finished;
  } finally {
    unsubscribe();
    unsubscribeNudges?.();
    if (timer !== null) clearTimeout(timer);
  }
  if (failure && !signal.aborted) throw failure;
}
