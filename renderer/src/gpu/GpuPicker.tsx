import { useId } from 'react';
import type { GpuDevice } from '../../../shared/domain/gpu.ts';
import type { GpuRequest } from '../../../shared/domain/gpu-request.ts';

export interface GpuPickerProps {
  value: GpuRequest;
  onChange(value: GpuRequest): void;
  /** From `gpu.inventory` (see useGpuInventory). */
  gpus: GpuDevice[];
  /** When set, every choice but "No GPU" is disabled and this sentence says why; the detected GPUs stay listed. */
  disabledReason?: string | null;
}

/** The id a request names a GPU by: its UUID (stable across boots), else its index. */
export function gpuDeviceId(gpu: GpuDevice): string {
  return gpu.uuid ?? String(gpu.index ?? gpu.id);
}

export function gpuLabel(gpu: GpuDevice): string {
  return `GPU ${gpu.index ?? '?'}: ${gpu.name}`;
}

/**
 * Chooses what GPUs a container gets: none, all, a count, or specific devices. Emits a GpuRequest;
 * the core turns it into Docker device requests (or CDI names).
 */
export function GpuPicker({ value, onChange, gpus, disabledReason }: GpuPickerProps) {
  const name = useId();
  const hintId = useId();
  const blocked = Boolean(disabledReason) || gpus.length === 0;
  const maxCount = Math.max(1, gpus.length);
  const selected = value.mode === 'devices' ? new Set(value.deviceIds) : new Set<string>();

  const toggleDevice = (id: string, checked: boolean) => {
    const ids = gpus.map(gpuDeviceId).filter((gpuId) => (gpuId === id ? checked : selected.has(gpuId)));
    onChange(ids.length > 0 ? { mode: 'devices', deviceIds: ids } : { mode: 'none' });
  };

  return (
    <fieldset className="gpu-picker" aria-describedby={disabledReason ? hintId : undefined}>
      <legend>GPUs</legend>
      <label className="checkbox-label">
        <input type="radio" name={name} checked={value.mode === 'none'} onChange={() => onChange({ mode: 'none' })} />
        No GPU
      </label>
      <label className="checkbox-label">
        <input type="radio" name={name} disabled={blocked} checked={value.mode === 'all'} onChange={() => onChange({ mode: 'all' })} />
        All GPUs
      </label>
      <span className="gpu-picker-row">
        <label className="checkbox-label">
          <input
            type="radio"
            name={name}
            disabled={blocked}
            checked={value.mode === 'count'}
            onChange={() => onChange({ mode: 'count', count: 1 })}
          />
          Number of GPUs
        </label>
        <input
          type="number"
          className="input gpu-count-input"
          aria-label="GPU count"
          min={1}
          max={maxCount}
          disabled={blocked || value.mode !== 'count'}
          value={value.mode === 'count' ? value.count : 1}
          onChange={(event) => {
            const count = Math.min(maxCount, Math.max(1, Math.trunc(Number(event.currentTarget.value) || 1)));
            onChange({ mode: 'count', count });
          }}
        />
      </span>
      <label className="checkbox-label">
        <input
          type="radio"
          name={name}
          disabled={blocked}
          checked={value.mode === 'devices'}
          onChange={() => gpus[0] && onChange({ mode: 'devices', deviceIds: [gpuDeviceId(gpus[0])] })}
        />
        Specific GPUs
      </label>
      {(value.mode === 'devices' || (blocked && gpus.length > 0)) && (
        <div className="gpu-picker-devices" aria-label="Detected GPUs" role="group">
          {gpus.map((gpu) => {
            const id = gpuDeviceId(gpu);
            return (
              <label key={gpu.id} className="checkbox-label">
                <input type="checkbox" disabled={blocked} checked={selected.has(id)} onChange={(event) => toggleDevice(id, event.currentTarget.checked)} />
                {gpuLabel(gpu)}
              </label>
            );
          })}
        </div>
      )}
      {disabledReason ? (
        <p id={hintId} className="gpu-picker-hint">
          {disabledReason}
        </p>
      ) : gpus.length === 0 ? (
        <p className="gpu-picker-hint">No GPU detected: the container runs on CPU.</p>
      ) : null}
    </fieldset>
  );
}
