import { useEffect, useMemo } from 'react';
import type { GpuContainerUsage, GpuProcess } from '../../../shared/domain/gpu.ts';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { WarningsNote } from '../ui/WarningsNote.tsx';
import { GpuCard } from './GpuCard.tsx';
import { NoGpuCard } from './NoGpuCard.tsx';
import { ProbeLogDetails } from './ProbeLogDetails.tsx';
import { ReadinessPanel } from './ReadinessPanel.tsx';
import { useGpuInventoryQuery, useGpuProcesses, useGpuRefresh, useGpuTest } from './use-gpu-actions.ts';
import { useGpuMetrics } from './use-gpu-metrics.ts';

const NONE: never[] = [];

/** The GPU page: one card per GPU with live charts (while visible), engine readiness, Test GPU, and the probe log. */
export function GpuPage() {
  const inventory = useGpuInventoryQuery();
  const refresh = useGpuRefresh();
  const test = useGpuTest();
  const gpus = inventory.data?.gpus ?? NONE;
  const metrics = useGpuMetrics(gpus.length > 0);
  const processes = useGpuProcesses(gpus.length > 0);
  const { refetch: refetchProcesses } = processes;

  // Used memory moved: the set of processes probably changed.
  useEffect(() => {
    if (metrics.memorySignature) void refetchProcesses();
  }, [metrics.memorySignature, refetchProcesses]);

  const byGpu = useMemo(() => {
    const map = new Map<string, { processes: GpuProcess[]; usage: GpuContainerUsage[] }>();
    for (const p of processes.data?.processes ?? NONE) {
      const key = p.gpuId ?? '';
      const entry = map.get(key) ?? { processes: [], usage: [] };
      entry.processes.push(p);
      map.set(key, entry);
    }
    for (const u of processes.data?.byContainer ?? NONE) {
      const key = u.gpuId ?? '';
      const entry = map.get(key) ?? { processes: [], usage: [] };
      entry.usage.push(u);
      map.set(key, entry);
    }
    return map;
  }, [processes.data]);

  return (
    <div className="page gpu-page">
      <div className="page-header">
        <h1>GPUs</h1>
        {inventory.data && (
          <span className="page-count">
            {gpus.length} GPU{gpus.length === 1 ? '' : 's'}
            {inventory.data.drivers.nvidia ? ` · driver ${inventory.data.drivers.nvidia}` : ''}
            {inventory.data.drivers.cuda ? ` · CUDA ${inventory.data.drivers.cuda}` : ''}
            {metrics.live ? ' · live' : ''}
          </span>
        )}
        <button type="button" className="button button-small gpu-refresh" onClick={() => refresh.mutate()} disabled={refresh.isPending}>
          {refresh.isPending ? 'Refreshing…' : 'Refresh'}
        </button>
      </div>
      {inventory.isPending && <p className="loading">Detecting GPUs…</p>}
      {inventory.error && <ErrorAlert error={inventory.error} prefix="GPU detection failed" />}
      {refresh.error && <ErrorAlert error={refresh.error} prefix="Refresh failed" onDismiss={() => refresh.reset()} />}
      {test.error && <ErrorAlert error={test.error} prefix="Test GPU failed" onDismiss={() => test.reset()} />}
      {inventory.data && (
        <div className="gpu-body">
          <ReadinessPanel readiness={inventory.data.readiness} testing={test.isPending} lastTest={test.data ?? null} onTest={() => test.mutate()} />
          {metrics.error && gpus.length > 0 && (
            <div className="banner banner-warning" role="status">
              Live metrics unavailable: {metrics.error}
            </div>
          )}
          {processes.error && <ErrorAlert error={processes.error} prefix="GPU processes" />}
          <WarningsNote warnings={processes.data?.warnings ?? []} label="GPU processes" />
          {gpus.length === 0 && inventory.data.nothingFound ? (
            <NoGpuCard reason={inventory.data.nothingFound.reason} fix={inventory.data.nothingFound.fix} />
          ) : (
            <div className="gpu-grid">
              {gpus.map((gpu) => (
                <GpuCard
                  key={gpu.id}
                  gpu={gpu}
                  samples={metrics.history.get(gpu.id) ?? NONE}
                  processes={byGpu.get(gpu.id)?.processes ?? NONE}
                  usage={byGpu.get(gpu.id)?.usage ?? NONE}
                />
              ))}
            </div>
          )}
          <ProbeLogDetails entries={inventory.data.probeLog} />
        </div>
      )}
    </div>
  );
}
