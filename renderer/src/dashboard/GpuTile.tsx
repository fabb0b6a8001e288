import { useGpuInventory } from '../gpu/use-gpu-inventory.ts';
import { Figure, Tile } from './Tile.tsx';

/** GPUs at a glance: how many, which, and whether containers can use them. */
export function GpuTile() {
  const { gpus, readiness, disabledReason, isPending } = useGpuInventory();
  const memoryMiB = gpus.reduce((sum, gpu) => sum + (gpu.memoryTotalMiB ?? 0), 0);
  return (
    <Tile title="GPUs" page="gpus" linkLabel="Open GPUs">
      {isPending ? (
        <p className="muted">Detecting GPUs…</p>
      ) : gpus.length === 0 ? (
        <p>No GPU detected, containers will run on CPU.</p>
      ) : (
        <>
          <div className="figures">
            <Figure value={gpus.length} label={gpus.length === 1 ? 'GPU' : 'GPUs'} />
            <Figure value={`${Math.round(memoryMiB / 1024)} GiB`} label="memory" />
          </div>
          <p className="tile-note">{[...new Set(gpus.map((gpu) => gpu.name))].join(', ')}</p>
        </>
      )}
      {readiness && gpus.length > 0 && <p className={disabledReason ? 'tile-note tile-warning' : 'tile-note'}>{disabledReason ?? readiness.reason}</p>}
    </Tile>
  );
}
