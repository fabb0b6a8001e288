import { useEffect, useMemo, useRef } from 'react';
import type { ContainerSummary } from '../../../shared/domain/containers.ts';
import { MAX_ROW_STATS_STREAMS, useContainersStats } from '../container-details/use-container-stats.ts';
import { useFitColumns } from '../ui/use-fit-columns.ts';
import { useVirtualWindow } from '../ui/use-virtual-window.ts';
import { CONTAINER_COLUMNS } from './container-columns.ts';
import { publishedPortUrls } from './published-port-urls.ts';
import { ContainerRow, type RowHandlers } from './ContainerRow.tsx';
import type { ContainerAction } from './use-container-actions.ts';

/** Row height in px; must match `.containers-table tbody tr` in the stylesheet. */
export const CONTAINER_ROW_HEIGHT = 40;
/** Below this many rows every row is rendered; above, only the visible window. */
const WINDOWING_THRESHOLD = 150;

export interface ContainersTableProps {
  containers: readonly ContainerSummary[];
  selectedIds: ReadonlySet<string>;
  pendingActions: ReadonlyMap<string, ContainerAction>;
  logsOpenFor: string | null;
  now: number;
  handlers: RowHandlers;
  onSelectAll(selected: boolean): void;
}

export function ContainersTable({ containers, selectedIds, pendingActions, logsOpenFor, now, handlers, onSelectAll }: ContainersTableProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const windowed = containers.length > WINDOWING_THRESHOLD;
  const range = useVirtualWindow(scrollRef, containers.length, CONTAINER_ROW_HEIGHT);
  const start = windowed ? range.start : 0;
  const end = windowed ? range.end : containers.length;

  const selectedCount = containers.reduce((n, c) => n + (selectedIds.has(c.id) ? 1 : 0), 0);
  const allSelected = containers.length > 0 && selectedCount === containers.length;
  const selectAllRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (selectAllRef.current) selectAllRef.current.indeterminate = selectedCount > 0 && !allSelected;
  }, [selectedCount, allSelected]);

  // Live stats for the first few running rows in view (the engine pushes them; none while hidden).
  const statsIds = containers
    .slice(range.start, range.end)
    .filter((c) => c.state === 'running')
    .slice(0, MAX_ROW_STATS_STREAMS)
    .map((c) => c.id);
  const stats = useContainersStats(statsIds);

  // Columns with nothing to show (no published port, no live usage yet) take no width; when the
  // table is narrow the least useful of the rest make way, so name and image keep theirs.
  const anyPorts = useMemo(() => containers.some((c) => publishedPortUrls(c.ports).length > 0), [containers]);
  const anyUsage = [...stats.values()].some((samples) => samples.length > 0);
  const columns = useMemo(() => CONTAINER_COLUMNS.filter((c) => (c.id !== 'ports' || anyPorts) && (c.id !== 'usage' || anyUsage)), [anyPorts, anyUsage]);
  const shown = useFitColumns(scrollRef, columns);

  const topSpace = start * CONTAINER_ROW_HEIGHT;
  const bottomSpace = (containers.length - end) * CONTAINER_ROW_HEIGHT;

  return (
    <div className="table-scroll" ref={scrollRef} onScroll={range.onScroll}>
      <table className="containers-table" aria-label="Containers" aria-rowcount={containers.length + 1}>
        <thead>
          <tr>
            <th scope="col" className="col-select">
              <input
                ref={selectAllRef}
                type="checkbox"
                aria-label="Select all"
                checked={allSelected}
                onChange={(event) => onSelectAll(event.currentTarget.checked)}
              />
            </th>
            <th scope="col" className="col-name">Name</th>
            <th scope="col" className="col-image">Image</th>
            {shown.has('state') && (
              <th scope="col" className="col-state">
                State
              </th>
            )}
            {shown.has('status') && (
              <th scope="col" className="col-status">
                Status
              </th>
            )}
            {shown.has('ports') && (
              <th scope="col" className="col-ports">
                Ports
              </th>
            )}
            {shown.has('usage') && (
              <th scope="col" className="col-usage">
                CPU · Memory
              </th>
            )}
            {shown.has('age') && (
              <th scope="col" className="col-age">
                Created
              </th>
            )}
            <th scope="col" className="col-actions">Actions</th>
          </tr>
        </thead>
        <tbody>
          {topSpace > 0 && (
            <tr aria-hidden="true" className="spacer-row" style={{ height: topSpace }}>
              <td colSpan={shown.size} />
            </tr>
          )}
          {containers.slice(start, end).map((container) => (
            <ContainerRow
              key={container.id}
              container={container}
              selected={selectedIds.has(container.id)}
              pendingAction={pendingActions.get(container.id)}
              logsOpen={logsOpenFor === container.id}
              now={now}
              handlers={handlers}
              shown={shown}
              stats={stats.get(container.id)}
            />
          ))}
          {bottomSpace > 0 && (
            <tr aria-hidden="true" className="spacer-row" style={{ height: bottomSpace }}>
              <td colSpan={shown.size} />
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}
