import { useCallback, useDeferredValue, useMemo } from 'react';
import { useCloseWhenGone } from '../ui/use-close-when-gone.ts';
import type { ContainerSummary } from '../../../shared/domain/containers.ts';
import { ContainerDetailsPanel } from '../container-details/ContainerDetailsPanel.tsx';
import { useDetailsStore } from '../container-details/details-store.ts';
import { LogsPanel } from '../logs/LogsPanel.tsx';
import { useContainersUi } from './containers-ui-store.ts';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { useNow } from '../ui/use-now.ts';
import type { RowHandlers } from './ContainerRow.tsx';
import { ContainersTable } from './ContainersTable.tsx';
import { ContainersToolbar } from './ContainersToolbar.tsx';
import { EmptyContainers } from './EmptyContainers.tsx';
import { filterContainers } from './filter-containers.ts';
import { RemoveContainersDialog } from './RemoveContainersDialog.tsx';
import { RunContainerDialog } from './RunContainerDialog.tsx';
import { StreamProblemBanner } from './StreamProblemBanner.tsx';
import { useContainerActions, usePendingActions } from './use-container-actions.ts';
import { liveContainers } from '../live/lists.ts';
import { useLiveList } from '../live/use-live-list.ts';

const NO_CONTAINERS: ContainerSummary[] = [];

export function ContainersPage() {
  const live = useLiveList(liveContainers);
  const actions = useContainerActions();
  const pendingActions = usePendingActions();
  const now = useNow(30_000);

  const filterText = useContainersUi((s) => s.filterText);
  const stateFilter = useContainersUi((s) => s.stateFilter);
  const selectedIds = useContainersUi((s) => s.selectedIds);
  const openLogs = useContainersUi((s) => s.openLogs);
  const removeRequest = useContainersUi((s) => s.removeRequest);
  const actionErrors = useContainersUi((s) => s.actionErrors);
  const { toggleSelected, setSelection, showLogs, requestRemove, cancelRemove, dismissActionError, setFilterText, setStateFilter } =
    useContainersUi.getState();
  const openDetails = useDetailsStore((s) => s.open);
  const runDialogOpen = useDetailsStore((s) => s.runDialogOpen);
  const { showDetails, setTab, closeDetails, setRunDialogOpen } = useDetailsStore.getState();

  const all = live.items ?? NO_CONTAINERS;
  const deferredText = useDeferredValue(filterText);
  const visible = useMemo(() => filterContainers(all, deferredText, stateFilter), [all, deferredText, stateFilter]);
  const byId = useMemo(() => new Map(all.map((c) => [c.id, c])), [all]);
  // Selection only counts containers that still exist.
  const selected = useMemo(() => all.filter((c) => selectedIds.has(c.id)), [all, selectedIds]);

  const handlers = useMemo<RowHandlers>(
    () => ({
      toggleSelected,
      start: actions.start,
      stop: actions.stop,
      restart: actions.restart,
      askRemove: (target) => requestRemove([target.id]),
      showLogs: (target) => {
        const current = useContainersUi.getState().openLogs;
        showLogs(current?.id === target.id ? null : target);
        closeDetails();
      },
      showDetails: (target, tab) => {
        showDetails(target.id, target.name, tab);
        showLogs(null);
      },
    }),
    [actions, toggleSelected, requestRemove, showLogs, showDetails, closeDetails],
  );

  const onSelectAll = useCallback(
    (select: boolean) => {
      const ids = new Set(useContainersUi.getState().selectedIds);
      for (const c of visible) {
        if (select) ids.add(c.id);
        else ids.delete(c.id);
      }
      setSelection(ids);
    },
    [visible, setSelection],
  );

  const toRemove = (removeRequest ?? []).map((id) => byId.get(id)).filter((c): c is ContainerSummary => c !== undefined);
  const logsContainer = openLogs ? (byId.get(openLogs.id) ?? null) : null;
  const detailsContainer = openDetails ? (byId.get(openDetails.id) ?? null) : null;
  // Removed (here, from the CLI or by another client): its details close with a toast, not in red.
  useCloseWhenGone(openDetails?.id ?? null, live.items === undefined ? undefined : detailsContainer !== null, () => {
    closeDetails();
    return `Container ${openDetails?.name ?? ''} was removed: its details are closed.`;
  });

  return (
    <div className="page containers-page">
      <div className="page-header">
        <h1>Containers</h1>
        <span className="page-count">{live.items ? `${visible.length} of ${all.length}` : ''}</span>
      </div>

      <ContainersToolbar
        filterText={filterText}
        stateFilter={stateFilter}
        selectedCount={selected.length}
        onFilterText={setFilterText}
        onStateFilter={setStateFilter}
        onStartSelected={() => selected.filter((c) => c.state !== 'running').forEach((c) => actions.start(c))}
        onStopSelected={() => selected.filter((c) => c.state === 'running' || c.state === 'restarting').forEach((c) => actions.stop(c))}
        onRemoveSelected={() => requestRemove(selected.map((c) => c.id))}
        onRun={() => setRunDialogOpen(true)}
      />

      {live.problem && <StreamProblemBanner problem={live.problem} />}
      {actionErrors.map((e) => (
        <ErrorAlert key={e.key} error={e.text} onDismiss={() => dismissActionError(e.key)} />
      ))}

      <div className={`containers-body${openLogs || openDetails ? ' with-logs' : ''}`}>
        <div className="containers-list">
          {live.isPending && !live.items ? (
            <p role="status" className="loading">
              Loading containers…
            </p>
          ) : live.error && !live.items ? (
            <ErrorAlert error={live.error} prefix="Could not list containers" />
          ) : all.length === 0 || visible.length === 0 ? (
            <EmptyContainers
              filtered={all.length > 0}
              onClearFilter={() => {
                setFilterText('');
                setStateFilter('all');
              }}
            />
          ) : (
            <ContainersTable
              containers={visible}
              selectedIds={selectedIds}
              pendingActions={pendingActions}
              logsOpenFor={openLogs?.id ?? null}
              now={now}
              handlers={handlers}
              onSelectAll={onSelectAll}
            />
          )}
        </div>
        {openLogs && (
          <LogsPanel
            key={openLogs.id}
            containerId={openLogs.id}
            name={logsContainer?.name ?? openLogs.name}
            gone={live.items !== undefined && logsContainer === null}
            onClose={() => showLogs(null)}
          />
        )}
        {openDetails && (
          <ContainerDetailsPanel
            key={openDetails.id}
            containerId={openDetails.id}
            name={detailsContainer?.name ?? openDetails.name}
            tab={openDetails.tab}
            running={detailsContainer?.state === 'running'}
            revision={detailsContainer ? `${detailsContainer.state}:${detailsContainer.status}` : 'gone'}
            gone={live.items !== undefined && detailsContainer === null}
            onTab={setTab}
            onClose={closeDetails}
          />
        )}
      </div>

      {runDialogOpen && (
        <RunContainerDialog
          onClose={() => setRunDialogOpen(false)}
          onCreated={(created) => {
            setRunDialogOpen(false);
            showDetails(created.id, created.name);
          }}
        />
      )}

      {toRemove.length > 0 && (
        <RemoveContainersDialog
          containers={toRemove}
          onCancel={cancelRemove}
          onConfirm={(force) => {
            for (const c of toRemove) actions.remove(c, force);
            cancelRemove();
          }}
        />
      )}
    </div>
  );
}
