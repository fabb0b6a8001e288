import type { ImageSummary } from '../../../shared/domain/images.ts';

export type ImageKindFilter = 'all' | 'in-use' | 'unused' | 'dangling';

export const IMAGE_KIND_FILTERS: ReadonlyArray<{ value: ImageKindFilter; label: string }> = [
  { value: 'all', label: 'All' },
  { value: 'in-use', label: 'In use' },
  { value: 'unused', label: 'Unused' },
  { value: 'dangling', label: 'Dangling' },
];

export function isImageKindFilter(value: string): value is ImageKindFilter {
  return IMAGE_KIND_FILTERS.some((f) => f.value === value);
}

/** Text matches any tag, the id (with or without "sha256:") or a label value; kind narrows further. */
export function filterImages(images: readonly ImageSummary[], text: string, kind: ImageKindFilter): ImageSummary[] {
  const needle = text.trim().toLowerCase();
  return images.filter((image) => {
    if (kind === 'in-use' && image.containers === 0) return false;
    if (kind === 'unused' && image.containers > 0) return false;
    if (kind === 'dangling' && !image.dangling) return false;
    if (!needle) return true;
    if (image.id.replace(/^sha256:/, '').startsWith(needle.replace(/^sha256:/, ''))) return true;
    return image.repoTags.some((tag) => tag.toLowerCase().includes(needle)) || (needle === '<none>' && image.dangling);
  });
}
