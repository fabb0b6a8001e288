import { liveNetworks, liveVolumes } from '../live/lists.ts';
import { useLiveList } from '../live/use-live-list.ts';
import { Figure, Tile } from './Tile.tsx';

export function VolumesTile() {
  const { items } = useLiveList(liveVolumes);
  return (
    <Tile title="Volumes" page="volumes" linkLabel="Open Volumes">
      <div className="figures">
        <Figure value={items?.length ?? '…'} label="volumes" />
        <Figure value={items?.filter((v) => v.usedBy.length === 0).length ?? '…'} label="unused" />
      </div>
    </Tile>
  );
}

export function NetworksTile() {
  const { items } = useLiveList(liveNetworks);
  return (
    <Tile title="Networks" page="networks" linkLabel="Open Networks">
      <div className="figures">
        <Figure value={items?.filter((n) => !n.builtIn).length ?? '…'} label="custom" />
        <Figure value={items?.length ?? '…'} label="total" />
      </div>
    </Tile>
  );
}
