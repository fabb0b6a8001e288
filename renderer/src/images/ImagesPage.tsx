import { useDeferredValue, useMemo } from 'react';
import type { ImageSummary } from '../../../shared/domain/images.ts';
import { imageDisplayName } from '../../../shared/domain/images.ts';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { useNow } from '../ui/use-now.ts';
import { BuildDialog } from './BuildDialog.tsx';
import { filterImages, IMAGE_KIND_FILTERS, isImageKindFilter } from './filter-images.ts';
import { formatBytes } from '../../../shared/domain/format-bytes.ts';
import { ImageDetailsPanel } from './ImageDetailsPanel.tsx';
import { ImagesTable, type ImageRowHandlers } from './ImagesTable.tsx';
import { useImagesUi } from './images-ui-store.ts';
import { useLongWork } from './long-work-store.ts';
import { PruneImagesDialog } from './PruneImagesDialog.tsx';
import { PullDialog } from './PullDialog.tsx';
import { RemoveImageDialog } from './RemoveImageDialog.tsx';
import { TagImageDialog } from './TagImageDialog.tsx';
import { liveImages } from '../live/lists.ts';
import { useLiveList } from '../live/use-live-list.ts';

const NO_IMAGES: ImageSummary[] = [];

export function ImagesPage() {
  const live = useLiveList(liveImages);
  const now = useNow(30_000);
  const filterText = useImagesUi((s) => s.filterText);
  const kindFilter = useImagesUi((s) => s.kindFilter);
  const inspectId = useImagesUi((s) => s.inspectId);
  const dialog = useImagesUi((s) => s.dialog);
  const { setFilterText, setKindFilter, inspect, open } = useImagesUi.getState();
  const pullRunning = useLongWork((s) => s.pull?.state === 'running');
  const buildRunning = useLongWork((s) => s.build?.state === 'running');

  const all = live.items ?? NO_IMAGES;
  const deferredText = useDeferredValue(filterText);
  const visible = useMemo(() => filterImages(all, deferredText, kindFilter), [all, deferredText, kindFilter]);
  const totalSize = useMemo(() => all.reduce((sum, image) => sum + image.size, 0), [all]);
  const inspected = inspectId ? (all.find((image) => image.id === inspectId) ?? null) : null;

  const handlers = useMemo<ImageRowHandlers>(
    () => ({
      inspect: (image) => inspect(useImagesUi.getState().inspectId === image.id ? null : image.id),
      tag: (image) => open({ kind: 'tag', id: image.id, name: imageDisplayName(image) }),
      remove: (image) => open({ kind: 'remove', id: image.id, name: imageDisplayName(image) }),
    }),
    [inspect, open],
  );
  const close = () => open(null);

  return (
    <div className="page images-page">
      <div className="page-header">
        <h1>Images</h1>
        <span className="page-count">{live.items ? `${visible.length} of ${all.length} · ${formatBytes(totalSize)} on disk` : ''}</span>
      </div>
      <div className="toolbar">
        <input
          type="text"
          className="input filter-input"
          aria-label="Filter images"
          placeholder="Filter by name, tag or ID"
          value={filterText}
          onChange={(event) => setFilterText(event.currentTarget.value)}
        />
        <label className="select-label">
          <span>Show</span>
          <select
            className="select"
            aria-label="Show"
            value={kindFilter}
            onChange={(event) => {
              const value = event.currentTarget.value;
              if (isImageKindFilter(value)) setKindFilter(value);
            }}
          >
            {IMAGE_KIND_FILTERS.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        </label>
        <div className="bulk-actions">
          <button type="button" className="button" onClick={() => open({ kind: 'pull' })}>
            {pullRunning ? 'Pull (running)…' : 'Pull'}
          </button>
          <button type="button" className="button" onClick={() => open({ kind: 'build' })}>
            {buildRunning ? 'Build (running)…' : 'Build'}
          </button>
          <button type="button" className="button" onClick={() => open({ kind: 'prune' })}>
            Prune
          </button>
        </div>
      </div>
      {live.problem && (
        <div className="banner banner-warning" role="status">
          The list may be behind: {live.problem.message}
        </div>
      )}
      <div className={`containers-body${inspected ? ' with-logs' : ''}`}>
        <div className="containers-list">
          {live.isPending && !live.items ? (
            <p role="status" className="loading">
              Loading images…
            </p>
          ) : live.error && !live.items ? (
            <ErrorAlert error={live.error} prefix="Could not list images" />
          ) : visible.length === 0 ? (
            <div className="empty-state">
              {all.length > 0 ? (
                <>
                  <p>No images match the filter.</p>
                  <button
                    type="button"
                    className="button"
                    onClick={() => {
                      setFilterText('');
                      setKindFilter('all');
                    }}
                  >
                    Clear filter
                  </button>
                </>
              ) : (
                <>
                  <p className="empty-title">No images yet</p>
                  <p>Pull one (Pull above) or build one from a folder with a Dockerfile (Build).</p>
                </>
              )}
            </div>
          ) : (
            <ImagesTable images={visible} inspectedId={inspectId} now={now} handlers={handlers} />
          )}
        </div>
        {inspected && <ImageDetailsPanel key={inspected.id} id={inspected.id} name={imageDisplayName(inspected)} onClose={() => inspect(null)} />}
      </div>
      {dialog?.kind === 'pull' && <PullDialog onClose={close} />}
      {dialog?.kind === 'build' && <BuildDialog onClose={close} />}
      {dialog?.kind === 'prune' && <PruneImagesDialog onClose={close} />}
      {dialog?.kind === 'remove' && <RemoveImageDialog id={dialog.id} name={dialog.name} onClose={close} />}
      {dialog?.kind === 'tag' && <TagImageDialog id={dialog.id} name={dialog.name} onClose={close} />}
    </div>
  );
}
