import type { DiskCategory, DiskUsage } from '../../../shared/domain/disk-usage.ts';
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
  };
}
