import { memo, useRef } from 'react';
import type { ImageSummary } from '../../../shared/domain/images.ts';
import { imageDisplayName, shortImageId } from '../../../shared/domain/images.ts';
import { formatAge } from '../format/format-age.ts';
import { useVirtualWindow } from '../ui/use-virtual-window.ts';
import { formatBytes } from '../../../shared/domain/format-bytes.ts';

/** Row height in px; must match `.images-table tbody tr` in the stylesheet. */
export const IMAGE_ROW_HEIGHT = 40;
const WINDOWING_THRESHOLD = 150;

export interface ImageRowHandlers {
  inspect(image: ImageSummary): void;
  tag(image: ImageSummary): void;
  remove(image: ImageSummary): void;
}

export interface ImagesTableProps {
  images: readonly ImageSummary[];
  inspectedId: string | null;
  now: number;
  handlers: ImageRowHandlers;
}

/** Every image, windowed past 150 rows so thousands stay smooth. */
export function ImagesTable({ images, inspectedId, now, handlers }: ImagesTableProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const windowed = images.length > WINDOWING_THRESHOLD;
  const range = useVirtualWindow(scrollRef, images.length, IMAGE_ROW_HEIGHT);
  const start = windowed ? range.start : 0;
  const end = windowed ? range.end : images.length;
  const topSpace = start * IMAGE_ROW_HEIGHT;
  const bottomSpace = (images.length - end) * IMAGE_ROW_HEIGHT;
  return (
    <div className="table-scroll" ref={scrollRef} onScroll={windowed ? range.onScroll : undefined}>
      <table className="containers-table images-table" aria-label="Images" aria-rowcount={images.length + 1}>
        <thead>
          <tr>
            <th scope="col" className="col-image-name">Repository:tag</th>
            <th scope="col" className="col-image-id">Image ID</th>
            <th scope="col" className="col-image-size">Size</th>
            <th scope="col" className="col-age">Created</th>
            <th scope="col" className="col-image-used">Used by</th>
            <th scope="col" className="col-image-actions">Actions</th>
          </tr>
        </thead>
        <tbody>
          {topSpace > 0 && (
            <tr aria-hidden="true" className="spacer-row" style={{ height: topSpace }}>
              <td colSpan={6} />
            </tr>
          )}
          {images.slice(start, end).map((image) => (
            <ImageRow key={image.id} image={image} inspected={inspectedId === image.id} now={now} handlers={handlers} />
          ))}
          {bottomSpace > 0 && (
            <tr aria-hidden="true" className="spacer-row" style={{ height: bottomSpace }}>
              <td colSpan={6} />
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}

const ImageRow = memo(function ImageRow({ image, inspected, now, handlers }: { image: ImageSummary; inspected: boolean; now: number; handlers: ImageRowHandlers }) {
  const name = imageDisplayName(image);
  const extraTags = image.repoTags.length - 1;
  return (
    <tr className={inspected ? 'row-selected' : undefined}>
      <td className="col-image-name" title={image.repoTags.join('\n') || 'No tag: left behind when its tag moved to a newer image'}>
        <span className="container-name">{image.dangling ? '<none>' : name}</span>
        {extraTags > 0 && <span className="tag-more"> +{extraTags} more</span>}
        {image.dangling && <span className="badge badge-dangling">dangling</span>}
      </td>
      <td className="col-image-id mono" title={image.id}>
        {shortImageId(image.id)}
      </td>
      <td className="col-image-size">{formatBytes(image.size)}</td>
      <td className="col-age" title={new Date(image.created * 1000).toLocaleString()}>
        {formatAge(image.created, now)}
      </td>
      <td className="col-image-used">{image.containers === 0 ? <span className="muted">unused</span> : `${image.containers} container${image.containers === 1 ? '' : 's'}`}</td>
      <td className="col-image-actions">
        <div className="row-actions">
          <button type="button" className={`button button-small${inspected ? ' icon-button-active' : ''}`} aria-label={`Inspect ${name}`} aria-pressed={inspected} onClick={() => handlers.inspect(image)}>
            Inspect
          </button>
          <button type="button" className="button button-small" aria-label={`Tag ${name}`} onClick={() => handlers.tag(image)}>
            Tag
          </button>
          <button type="button" className="button button-small button-danger" aria-label={`Remove ${name}`} onClick={() => handlers.remove(image)}>
            Remove
          </button>
        </div>
      </td>
    </tr>
  );
});
