import { useDeferredValue } from 'react';
import { formatBytes } from '../../../shared/domain/format-bytes.ts';
import type { VolumeSummary } from '../../../shared/domain/volumes.ts';
import { usePruneRequest } from '../disk/disk-ui.ts';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { CreateVolumeDialog } from './CreateVolumeDialog.tsx';
import { RemoveVolumeDialog } from './RemoveVolumeDialog.tsx';
import { UserChips } from './UserChips.tsx';
import { liveVolumes } from '../live/lists.ts';
import { useLiveList } from '../live/use-live-list.ts';
import { useVolumeSizes } from './use-volume-sizes.ts';
import { useVolumesUi } from './volumes-ui.ts';

const matches = (volume: VolumeSummary, text: string) =>
  !text || volume.name.toLowerCase().includes(text) || volume.usedBy.some((u) => u.name.toLowerCase().includes(text));

export function VolumesPage() {
  const live = useLiveList(liveVolumes);
  const sizes = useVolumeSizes();
  const { filter, creating, removing, setFilter, setCreating, setRemoving } = useVolumesUi();
  const requestPrune = usePruneRequest((s) => s.request);
  const text = useDeferredValue(filter.trim().toLowerCase());
  const all = live.items ?? [];
  const visible = all.filter((v) => matches(v, text));

  return (
    <div className="page resource-page">
      <div className="page-header">
        <h1>Volumes</h1>
        <span className="page-count">{live.items ? `${visible.length} of ${all.length}` : ''}</span>
      </div>
      <div className="toolbar">
        <input className="input filter-input" type="search" aria-label="Filter volumes" placeholder="Filter by name or container" value={filter} onChange={(e) => setFilter(e.currentTarget.value)} />
        <div className="bulk-actions">
          <button type="button" className="button" onClick={sizes.measureAll} disabled={sizes.measuringAll || all.length === 0}>
            {sizes.measuringAll ? 'Measuring…' : 'Measure sizes'}
          </button>
          <button type="button" className="button" onClick={() => requestPrune('volumes')}>
            Prune volumes
          </button>
          <button type="button" className="button button-primary" onClick={() => setCreating(true)}>
            Create volume
          </button>
        </div>
      </div>
      {live.problem && (
        <div role="status" className="banner banner-warning">
          <strong>The list may be behind:</strong> <span className="banner-detail">{live.problem.message}</span>
        </div>
      )}
      {sizes.error && <ErrorAlert error={sizes.error} prefix="Could not measure sizes" />}
      {live.isPending && !live.items ? (
        <p role="status" className="loading">
          Loading volumes…
        </p>
      ) : live.error && !live.items ? (
        <ErrorAlert error={live.error} prefix="Could not list volumes" />
      ) : visible.length === 0 ? (
        all.length > 0 ? (
          <div className="empty-state">
            <p>No volumes match the filter.</p>
            <button type="button" className="button" onClick={() => setFilter('')}>
              Clear filter
            </button>
          </div>
        ) : (
          <div className="empty-state">
            <p className="empty-title">No volumes yet</p>
            <p>Volumes keep datasets, checkpoints and caches beyond a container's life. Create one, then mount it:</p>
            <pre className="empty-command">
              <code>docker run -v datasets:/data …</code>
            </pre>
            <button type="button" className="button button-primary" onClick={() => setCreating(true)}>
              Create your first volume
            </button>
          </div>
        )
      ) : (
        <div className="table-scroll">
          <table className="resource-table" aria-label="Volumes">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Driver</th>
                <th scope="col">Used by</th>
                <th scope="col">Size</th>
                <th scope="col">Created</th>
                <th scope="col" className="col-actions-narrow">
                  Actions
                </th>
              </tr>
            </thead>
            <tbody>
              {visible.map((volume) => {
                const size = sizes.sizeOf(volume.name);
                return (
                  <tr key={volume.key}>
                    <td className="cell-name" title={volume.name}>
                      <span className="container-name">{volume.anonymous ? volume.name.slice(0, 12) : volume.name}</span>
                      {volume.anonymous && <span className="badge badge-soft">anonymous</span>}
                    </td>
                    <td className="muted">{volume.driver}</td>
                    <td className="cell-users">
                      <UserChips users={volume.usedBy} none="unused" />
                    </td>
                    <td>
                      {size !== undefined ? (
                        formatBytes(size)
                      ) : (
                        <button type="button" className="button button-small button-ghost" aria-label={`Measure ${volume.name}`} disabled={sizes.measuring === volume.name} onClick={() => sizes.measure(volume.name)}>
                          {sizes.measuring === volume.name ? 'Measuring…' : 'Measure'}
                        </button>
                      )}
                    </td>
                    <td className="muted">{volume.createdAt ? new Date(volume.createdAt).toLocaleString() : ''}</td>
                    <td>
                      <button type="button" className="button button-small button-ghost button-danger-text" aria-label={`Remove volume ${volume.name}`} onClick={() => setRemoving(volume.name)}>
                        Remove
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {creating && <CreateVolumeDialog onClose={() => setCreating(false)} />}
      {removing && <RemoveVolumeDialog name={removing} onClose={() => setRemoving(null)} />}
    </div>
  );
}
