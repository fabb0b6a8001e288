import type { ContainerSummary } from '../../../shared/domain/containers.ts';
import type { ImageSummary } from '../../../shared/domain/images.ts';
import type { NetworkSummary } from '../../../shared/domain/networks.ts';
import type { TaskInfo } from '../../../shared/domain/tasks.ts';
import type { VolumeSummary } from '../../../shared/domain/volumes.ts';
import { toastWhenTaskEnds } from '../tasks/task-toasts.ts';
import { liveListKey, type LiveListSpec } from './live-list-spec.ts';

/** Every container, newest first (Containers, Stacks, Environments, the palette, Home). */
export const liveContainers: LiveListSpec<ContainerSummary> = {
  list: 'containers.list',
  input: { all: true },
  changes: 'containers.changes',
  keyOf: (container) => container.id,
  newItems: 'first',
};

/** Tagged and dangling images (not intermediate layers), newest first. */
export const liveImages: LiveListSpec<ImageSummary> = {
  list: 'images.list',
  input: { all: false },
  changes: 'images.changes',
  keyOf: (image) => image.id,
  newItems: 'first',
};

export const liveVolumes: LiveListSpec<VolumeSummary> = {
  list: 'volumes.list',
  input: {},
  changes: 'volumes.changes',
  keyOf: (volume) => volume.key,
  newItems: 'last',
};

export const liveNetworks: LiveListSpec<NetworkSummary> = {
  list: 'networks.list',
  input: {},
  changes: 'networks.changes',
  keyOf: (network) => network.key,
  newItems: 'last',
};

/** The core's long work (pulls, builds), newest first; a toast when one ends. */
export const liveTasks: LiveListSpec<TaskInfo> = {
  list: 'tasks.list',
  input: {},
  changes: 'tasks.changes',
  keyOf: (task) => task.id,
  newItems: 'first',
  sortSnapshot: (tasks) => [...tasks].sort((a, b) => b.startedAt - a.startedAt),
  onChange: toastWhenTaskEnds,
};

/** The cache entry of the containers list (the engine status refreshes it after a reconnect). */
export const CONTAINERS_LIST_KEY = liveListKey(liveContainers);
