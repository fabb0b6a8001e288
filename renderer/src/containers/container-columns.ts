import type { PrioritizedColumn } from '../ui/column-priorities.ts';

export type ContainerColumn = 'select' | 'name' | 'image' | 'state' | 'status' | 'ports' | 'usage' | 'age' | 'actions';

/**
 * The Containers table's columns, with the width each needs and what goes first when the table is
 * narrow: name, image and actions always stay (they name the row and act on it); live usage, then
 * age, then ports, then the state badge make way (the status text says it too) (they are also in the container's details).
 * Widths match `.containers-table .col-*` in the stylesheet. The table leaves out Ports while no
 * container publishes one and CPU · Memory while no live usage is shown.
 */
export const CONTAINER_COLUMNS: readonly PrioritizedColumn<ContainerColumn>[] = [
  { id: 'select', minWidth: 36, priority: 0 },
  { id: 'name', minWidth: 220, priority: 0 },
  { id: 'image', minWidth: 150, priority: 0 },
  { id: 'state', minWidth: 96, priority: 2 },
  { id: 'status', minWidth: 150, priority: 1 },
  { id: 'ports', minWidth: 130, priority: 3 },
  { id: 'age', minWidth: 110, priority: 4 },
  { id: 'usage', minWidth: 168, priority: 5 },
  { id: 'actions', minWidth: 150, priority: 0 },
];
