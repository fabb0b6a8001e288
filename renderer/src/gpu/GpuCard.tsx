import type { GpuContainerUsage, GpuDevice, GpuProcess, GpuSample } from '../../../shared/domain/gpu.ts';
import { formatMiB, formatValue } from './format-gpu.ts';
import { Sparkline } from './Sparkline.tsx';

export interface GpuCardProps {
  gpu: GpuDevice;
  samples: readonly GpuSample[];
  processes: readonly GpuProcess[];
  usage: readonly GpuContainerUsage[];
}

/** One GPU: identity, versions, live charts, its processes with their containers, and memory per container. */
export function GpuCard({ gpu, samples, processes, usage }: GpuCardProps) {
  const last = samples.at(-1) ?? null;
  const live = last ?? gpu.live;
  const memTotal = last?.memTotalMiB ?? gpu.memoryTotalMiB;
  const titleId = `gpu-title-${gpu.id.replace(/[^a-zA-Z0-9-]/g, '_')}`;
  return (
    <section className="gpu-card" aria-labelledby={titleId}>
      <header className="gpu-card-header">
        <h2 id={titleId}>
          GPU {gpu.index ?? '?'}: {gpu.name}
        </h2>
        <span className="gpu-vendor">{gpu.vendor}</span>
      </header>
      <dl className="gpu-facts">
        <dt>Memory</dt>
        <dd>{gpu.unifiedMemory ? `${formatMiB(gpu.memoryTotalMiB)} (unified)` : formatMiB(gpu.memoryTotalMiB)}</dd>
        <dt>Driver</dt>
        <dd>{gpu.driverVersion ?? '—'}</dd>
        {gpu.vendor === 'amd' ? (
          <>
            <dt>ROCm</dt>
            <dd>{gpu.rocmVersion ?? '—'}</dd>
          </>
        ) : gpu.vendor === 'apple' ? (
          <>
            <dt>Metal</dt>
            <dd>{gpu.metal ?? '—'}</dd>
          </>
        ) : (
          <>
            <dt>CUDA</dt>
            <dd>{gpu.cudaVersion ?? '—'}</dd>
          </>
        )}
        {gpu.architecture && (
          <>
            <dt>Architecture</dt>
            <dd>{gpu.architecture}</dd>
          </>
        )}
        <dt>Bus</dt>
        <dd className="mono">{gpu.pciBusId ?? '—'}</dd>
        {gpu.uuid && (
          <>
            <dt>UUID</dt>
            <dd className="mono gpu-uuid" title={gpu.uuid}>
              {gpu.uuid}
            </dd>
          </>
        )}
      </dl>
      {gpu.mig?.enabled && (
        <p className="gpu-mig">
          MIG enabled: {gpu.mig.devices.length} slice{gpu.mig.devices.length === 1 ? '' : 's'} (
          {gpu.mig.devices.map((d) => d.profile ?? formatMiB(d.memoryTotalMiB)).join(', ')})
        </p>
      )}
      <div className="gpu-metrics">
        <Sparkline label="Utilisation" values={samples.map((s) => s.utilPct)} max={100} current={formatValue(live?.utilPct, ' %')} />
        <Sparkline
          label="Memory"
          values={samples.map((s) => s.memUsedMiB)}
          max={memTotal}
          current={`${formatMiB(live?.memUsedMiB)} / ${formatMiB(memTotal)}`}
        />
        <Sparkline label="Temperature" values={samples.map((s) => s.tempC)} max={100} current={formatValue(live?.tempC, ' °C')} />
        <Sparkline
          label="Power"
          values={samples.map((s) => s.powerW)}
          max={live?.powerLimitW ?? null}
          current={`${formatValue(live?.powerW, ' W')}${live?.powerLimitW ? ` / ${formatValue(live.powerLimitW, ' W')}` : ''}`}
        />
      </div>
      {gpu.warnings.length > 0 && <p className="gpu-warnings">{gpu.warnings.join(' · ')}</p>}
      <h3 className="gpu-subtitle">Processes</h3>
      {processes.length === 0 ? (
        <p className="muted">No compute process on this GPU.</p>
      ) : (
        <table className="gpu-table" aria-label={`Processes on GPU ${gpu.index ?? '?'}`}>
          <thead>
            <tr>
              <th className="gpu-col-pid">PID</th>
              <th>Process</th>
              <th>Container</th>
              <th className="num gpu-col-memory">GPU memory</th>
            </tr>
          </thead>
          <tbody>
            {processes.map((p) => (
              <tr key={p.pid}>
                <td className="mono">{p.pid}</td>
                <td className="gpu-process-name" title={p.name}>
                  {p.name || '—'}
                </td>
                <td>{p.containerId ? <span title={p.containerId}>{p.containerName ?? p.containerId.slice(0, 12)}</span> : <span className="muted">host</span>}</td>
                <td className="num">{formatMiB(p.usedMemoryMiB)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {usage.length > 0 && (
        <>
          <h3 className="gpu-subtitle">GPU memory per container</h3>
          <ul className="gpu-usage" aria-label={`GPU memory per container on GPU ${gpu.index ?? '?'}`}>
            {usage.map((u) => (
              <li key={u.containerId}>
                <span className="container-name">{u.containerName ?? u.containerId.slice(0, 12)}</span>
                <span className="gpu-usage-bar" aria-hidden="true">
                  <span style={{ width: `${memTotal ? Math.min(100, (u.usedMemoryMiB / memTotal) * 100) : 0}%` }} />
                </span>
                <span className="num">{formatMiB(u.usedMemoryMiB)}</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
