import { liveContainers } from '../live/lists.ts';
import { useLiveList } from '../live/use-live-list.ts';
import { Figure, Tile } from './Tile.tsx';

export function ContainersTile() {
  const { items: containers } = useLiveList(liveContainers);
  const running = containers?.filter((c) => c.state === 'running').length;
  const stopped = containers?.filter((c) => c.state === 'exited' || c.state === 'created' || c.state === 'dead').length;
  return (
    <Tile title="Containers" page="containers" linkLabel="Open Containers">
      <div className="figures">
        <Figure value={running ?? '…'} label="running" />
        <Figure value={stopped ?? '…'} label="stopped" />
        <Figure value={containers?.length ?? '…'} label="total" />
      </div>
    </Tile>
  );
}
