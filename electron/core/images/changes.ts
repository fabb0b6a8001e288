import type { ImageChange, ImageSummary } from '../../../shared/domain/images.ts';
import type { StreamSink } from '../api/dispatcher.ts';
import type { DockerEvent, EventsFilter, EventsState } from '../engine/events.ts';
import { FULL_LIST_THRESHOLD, LOOKUP_COALESCE_MS, runLiveList, type LiveListWriter } from '../live/live-list.ts';
import type { ImageNudges } from './nudges.ts';
import { countByImage, type ImageService } from './service.ts';

export interface ImageEventsSource {
  subscribe(listener: (event: DockerEvent) => void, onState?: (state: EventsState) => void, filter?: EventsFilter): () => void;
}

/** Image actions that can change what the list shows. */
const IMAGE_ACTIONS = new Set(['pull', 'tag', 'untag', 'delete', 'import', 'load', 'create', 'build', 'prune']);

/**
 * The image list, live (core/live/live-list.ts): a snapshot with "used by" counts, then a lookup
 * per image an event named (a moved tag looks up the image it left too; one full list past 25);
 * container create/destroy events move the counts; `delete` removes without a lookup.
 */
export function streamImageChanges(
  service: ImageService,
  events: ImageEventsSource,
  sink: StreamSink<ImageChange>,
  signal: AbortSignal,
  nudges?: Pick<ImageNudges, 'subscribe'>,
): Promise<void> {
  /** Container id → the image id it was created from (destroy events no longer name it by id). */
  const containerImage = new Map<string, string>();
  const dirtyRefs = new Set<string>();
  const dirtyContainers = new Set<string>();
  const destroyedContainers = new Set<string>();

  const counts = () => {
    const map = new Map<string, number>();
    for (const imageId of containerImage.values()) map.set(imageId, (map.get(imageId) ?? 0) + 1);
    return map;
  };
  const setCount = (list: LiveListWriter<ImageSummary>, imageId: string) => {
    const image = list.sent.get(imageId);
    if (!image) return;
    const containers = [...containerImage.values()].filter((id) => id === imageId).length;
    if (containers !== image.containers) list.upsert({ ...image, containers });
  };

  return runLiveList<ImageSummary>(
    {
      keyOf: (image) => image.id,
      coalesceMs: LOOKUP_COALESCE_MS,
      async load() {
        dirtyRefs.clear();
        dirtyContainers.clear();
        const [images, users] = await Promise.all([service.list(false), service.containers()]);
        containerImage.clear();
        for (const user of users) containerImage.set(user.id, user.imageId);
        const byImage = countByImage(users);
        return images.map((image) => ({ ...image, containers: byImage.get(image.id) ?? 0 }));
      },
      async refresh(list) {
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
          for (const imageId of touched) setCount(list, imageId);
        }
        const refs = [...dirtyRefs];
        dirtyRefs.clear();
        if (refs.length === 0) return;
        if (refs.length > FULL_LIST_THRESHOLD) {
          const byImage = counts();
          list.replaceAll((await service.list(false)).map((image) => ({ ...image, containers: byImage.get(image.id) ?? 0 })));
          return;
        }
        const byImage = counts();
        for (const ref of refs) {
          const image = await service.find(ref, byImage);
          if (list.signal.aborted) return;
          if (image) list.upsert(image);
          else list.remove(ref);
        }
      },
      watch(list, connection) {
        const unsubscribe = events.subscribe(
          (event) => {
            const id = event.Actor.ID;
            if (!id) return;
            if (event.Type === 'container') {
              if (event.Action === 'create' || event.Action === 'destroy') {
                dirtyContainers.add(id);
                if (event.Action === 'destroy') destroyedContainers.add(id);
                list.schedule();
              }
              return;
            }
            if (event.Type !== 'image' || !IMAGE_ACTIONS.has(event.Action)) return;
            if (event.Action === 'delete') {
              dirtyRefs.delete(id);
              list.serially(() => list.remove(id));
              return;
            }
            dirtyRefs.add(id);
            // A tag that moved leaves its previous image untagged (dangling): look that one up too.
            if (event.Action === 'tag' || event.Action === 'pull' || event.Action === 'load' || event.Action === 'import') {
              const name = event.Actor.Attributes.name ?? id;
              for (const image of list.sent.values()) if (image.repoTags.includes(name)) dirtyRefs.add(image.id);
            }
            list.schedule();
          },
          connection,
          { types: ['image', 'container'] },
        );
        const unsubscribeNudges = nudges?.subscribe((ids) => {
          for (const id of ids) dirtyRefs.add(id);
          list.schedule();
        });
        return () => {
          unsubscribe();
          unsubscribeNudges?.();
        };
      },
    },
    sink,
    signal,
  );
}
