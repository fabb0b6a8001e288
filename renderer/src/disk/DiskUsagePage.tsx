import type { DiskCategory, PruneTarget } from '../../../shared/domain/disk-usage.ts';
import { formatBytes } from '../../../shared/domain/format-bytes.ts';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { WarningsNote } from '../ui/WarningsNote.tsx';
import { usePruneRequest } from './disk-ui.ts';
import { useDiskUsage } from './use-disk-usage.ts';

const CATEGORIES: { key: 'images' | 'containers' | 'volumes' | 'buildCache'; label: string; prune: PruneTarget; pruneLabel: string; activeWord: string }[] = [
  { key: 'images', label: 'Images', prune: 'images', pruneLabel: 'Prune dangling images', activeWord: 'in use' },
  { key: 'containers', label: 'Containers', prune: 'containers', pruneLabel: 'Prune stopped containers', activeWord: 'running' },
  { key: 'volumes', label: 'Volumes', prune: 'volumes', pruneLabel: 'Prune unused volumes', activeWord: 'in use' },
  { key: 'buildCache', label: 'Build cache', prune: 'build-cache', pruneLabel: 'Prune build cache', activeWord: 'in use' },
];

function share(part: number, whole: number): number {
  return whole > 0 ? Math.min(100, Math.round((part / whole) * 100)) : 0;
}

export function DiskUsagePage() {
  const usage = useDiskUsage();
  const requestPrune = usePruneRequest((s) => s.request);
  const data = usage.data;

  return (
    <div className="page disk-page">
      <div className="page-header">
        <h1>Disk usage</h1>
        {data && (
          <span className="page-count">
            {data.unmeasured.length > 0 ? 'size unknown' : `${formatBytes(data.totalSize)} used, ${formatBytes(data.totalReclaimable)} reclaimable`}
          </span>
        )}
        <div className="bulk-actions">
          <button type="button" className="button" onClick={() => void usage.refetch()} disabled={usage.isFetching}>
            {usage.isFetching ? 'Measuring…' : 'Refresh'}
          </button>
          <button type="button" className="button button-danger" onClick={() => requestPrune('all')}>
            Prune everything unused
          </button>
        </div>
      </div>
      {usage.isPending ? (
        <p role="status" className="loading">
          Measuring disk usage (the engine walks every layer and volume)…
        </p>
      ) : usage.error ? (
        <ErrorAlert error={usage.error} prefix="Could not read disk usage" />
      ) : (
        <>
          <WarningsNote warnings={data!.warnings} label="Disk usage" />
          <div className="disk-bar" aria-hidden="true">
            {CATEGORIES.map((c) => (
              <span key={c.key} className={`disk-bar-part disk-${c.key}`} style={{ width: `${share(data!.totalSize === 0 ? 0 : data![c.key].size, data!.totalSize)}%` }} />
            ))}
          </div>
          <div className="disk-grid">
            {CATEGORIES.map((c) => (
              <DiskCard key={c.key} label={c.label} category={data![c.key]} measured={!data!.unmeasured.includes(c.key)} activeWord={c.activeWord} pruneLabel={c.pruneLabel} onPrune={() => requestPrune(c.prune)} swatch={c.key} />
            ))}
            <section className="disk-card" aria-label="Networks">
              <h2>Networks</h2>
              <p className="muted">Networks take no disk, but unused ones clutter the list.</p>
              <button type="button" className="button" onClick={() => requestPrune('networks')}>
                Prune unused networks
              </button>
            </section>
          </div>
          {data!.totalSize === 0 && data!.unmeasured.length === 0 && (
            <div className="empty-state empty-state-inline">
              <p className="empty-title">The engine stores nothing yet</p>
              <p>Pull or build an image and it shows up here with what it costs.</p>
            </div>
          )}
        </>
      )}
    </div>
  );
}

function DiskCard(props: { label: string; category: DiskCategory; measured: boolean; activeWord: string; pruneLabel: string; onPrune(): void; swatch: string }) {
  const { label, category, measured, activeWord, pruneLabel, onPrune, swatch } = props;
  return (
    <section className="disk-card" aria-label={label}>
      <h2>
        <span className={`swatch disk-${swatch}`} aria-hidden="true" /> {label}
      </h2>
      <dl className="disk-figures">
        <div>
          <dt>Size</dt>
          <dd>{measured ? formatBytes(category.size) : 'unknown'}</dd>
        </div>
        <div>
          <dt>Reclaimable</dt>
          <dd>
            {measured ? (
              <>
                {formatBytes(category.reclaimable)} <span className="muted">({share(category.reclaimable, category.size)}%)</span>
              </>
            ) : (
              'unknown'
            )}
          </dd>
        </div>
        <div>
          <dt>Count</dt>
          <dd>
            {category.count} <span className="muted">({category.active} {activeWord})</span>
          </dd>
        </div>
      </dl>
      <button type="button" className="button" onClick={onPrune}>
        {pruneLabel}
      </button>
    </section>
  );
}
