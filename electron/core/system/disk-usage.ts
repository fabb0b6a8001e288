import type Docker from 'dockerode';
import type { DiskCategory, DiskUsage } from '../../../shared/domain/disk-usage.ts';
import { probeWarning } from '../../../shared/domain/warnings.ts';
import type { EngineDf } from './engine-df.ts';

const positive = (n: number | undefined) => (typeof n === 'number' && n > 0 ? n : 0);
const RUNNING = new Set(['running', 'paused', 'restarting']);

/** Sums `/system/df` per category, as `docker system df` does except for images' reclaimable (see below). */
export function toDiskUsage(df: EngineDf): DiskUsage {
  const images = df.Images ?? [];
  const imagesSize = positive(df.LayersSize);
  // Only layers no other image shares are sure to go: a lower bound, never a promise prune breaks.
  let imagesUnused = 0;
  for (const image of images) {
    if ((image.Containers ?? 0) === 0) imagesUnused += Math.max(0, positive(image.Size ?? image.VirtualSize) - positive(image.SharedSize));
  }
  const imageCategory: DiskCategory = {
    count: images.length,
    active: images.filter((i) => (i.Containers ?? 0) > 0).length,
    size: imagesSize,
    reclaimable: Math.min(imagesSize, imagesUnused),
  };

  const containers = df.Containers ?? [];
  const containerCategory: DiskCategory = {
    count: containers.length,
    active: containers.filter((c) => RUNNING.has(c.State ?? '')).length,
    size: containers.reduce((sum, c) => sum + positive(c.SizeRw), 0),
    reclaimable: containers.filter((c) => !RUNNING.has(c.State ?? '')).reduce((sum, c) => sum + positive(c.SizeRw), 0),
  };

  const volumes = df.Volumes ?? [];
  const volumeCategory: DiskCategory = {
    count: volumes.length,
    active: volumes.filter((v) => (v.UsageData?.RefCount ?? 0) > 0).length,
    size: volumes.reduce((sum, v) => sum + positive(v.UsageData?.Size), 0),
    reclaimable: volumes.filter((v) => (v.UsageData?.RefCount ?? 0) === 0).reduce((sum, v) => sum + positive(v.UsageData?.Size), 0),
  };

  const cache = df.BuildCache ?? [];
  const cacheCategory: DiskCategory = {
    count: cache.length,
    active: cache.filter((c) => c.InUse).length,
    size: cache.filter((c) => !c.Shared).reduce((sum, c) => sum + positive(c.Size), 0),
    reclaimable: cache.filter((c) => !c.InUse && !c.Shared).reduce((sum, c) => sum + positive(c.Size), 0),
  };

  const categories = [imageCategory, containerCategory, volumeCategory, cacheCategory];
  return {
    images: imageCategory,
    containers: containerCategory,
    volumes: volumeCategory,
    buildCache: cacheCategory,
    totalSize: categories.reduce((sum, c) => sum + c.size, 0),
    totalReclaimable: categories.reduce((sum, c) => sum + c.reclaimable, 0),
    unmeasured: [],
    warnings: [],
  };
}

/**
 * Disk usage without the engine's df (which failed, e.g. timed out walking the volumes): counts and
 * in-use counts from the plain image, container and volume lists, every size unknown (`unmeasured`),
 * and a warning for the df and for each list that failed too.
 */
export async function countsWithoutSizes(docker: Docker, dfWarning: string): Promise<DiskUsage> {
  const warnings = [dfWarning];
  const empty = (): DiskCategory => ({ count: 0, active: 0, size: 0, reclaimable: 0 });
  const images = empty();
  const containers = empty();
  const volumes = empty();
  const [imageList, containerList, volumeList] = await Promise.allSettled([docker.listImages(), docker.listContainers({ all: true }), docker.listVolumes()]);
  if (imageList.status === 'fulfilled') images.count = imageList.value.length;
  else warnings.push(probeWarning('images', imageList.reason));
  if (containerList.status === 'fulfilled') {
    containers.count = containerList.value.length;
    containers.active = containerList.value.filter((c) => RUNNING.has(c.State ?? '')).length;
    const used = new Set(containerList.value.flatMap((c) => (c.Mounts ?? []).map((m) => m.Name).filter(Boolean)));
    const imagesUsed = new Set(containerList.value.map((c) => c.ImageID));
    if (imageList.status === 'fulfilled') images.active = imageList.value.filter((i) => imagesUsed.has(i.Id)).length;
    if (volumeList.status === 'fulfilled') volumes.active = (volumeList.value.Volumes ?? []).filter((v) => used.has(v.Name)).length;
  } else warnings.push(probeWarning('containers', containerList.reason));
  if (volumeList.status === 'fulfilled') volumes.count = (volumeList.value.Volumes ?? []).length;
  else warnings.push(probeWarning('volumes', volumeList.reason));
  return { images, containers, volumes, buildCache: empty(), totalSize: 0, totalReclaimable: 0, unmeasured: ['images', 'containers', 'volumes', 'buildCache'], warnings };
}
