import type { ContainerSummary } from '../../../shared/domain/containers.ts';

export const STATE_FILTERS = [
  { value: 'all', label: 'All' },
  { value: 'running', label: 'Running' },
  { value: 'exited', label: 'Exited' },
  { value: 'created', label: 'Created' },
  { value: 'paused', label: 'Paused' },
] as const;
export type StateFilter = (typeof STATE_FILTERS)[number]['value'];

export function isStateFilter(value: string): value is StateFilter {
  return STATE_FILTERS.some((option) => option.value === value);
}

/** Containers whose name or image contains the text (case-insensitive) and whose state matches. */
export function filterContainers(
  containers: readonly ContainerSummary[],
  text: string,
  state: StateFilter,
): ContainerSummary[] {
  const needle = text.trim().toLowerCase();
  return containers.filter(
    (c) =>
      (state === 'all' || c.state === state) &&
      (needle === '' || c.name.toLowerCase().includes(needle) || c.image.toLowerCase().includes(needle)),
  );
}
