import { formatBytes } from '../../../shared/domain/format-bytes.ts';
import { useDiskUsage } from '../disk/use-disk-usage.ts';
import { Figure, Tile } from './Tile.tsx';

export function DiskTile() {
  const { data, error } = useDiskUsage();
  return (
    <Tile title="Disk usage" page="disk" linkLabel="Open Disk usage">
      {error ? (
        <p className="muted">Could not read disk usage.</p>
      ) : data && data.unmeasured.length > 0 ? (
        <p className="muted" title={data.warnings.join('\n')}>
          Sizes unknown: {data.images.count} images, {data.containers.count} containers, {data.volumes.count} volumes.
        </p>
      ) : (
        <div className="figures">
          <Figure value={data ? formatBytes(data.totalSize) : '…'} label="used" />
          <Figure value={data ? formatBytes(data.totalReclaimable) : '…'} label="reclaimable" />
          <Figure value={data ? formatBytes(data.images.size) : '…'} label="images" />
        </div>
      )}
    </Tile>
  );
}
