import type { ReactNode } from 'react';
import type { StatsSample } from '../../../shared/domain/container-details.ts';
import { formatBytes } from '../../../shared/domain/format-bytes.ts';
import { UsageChart } from './UsageChart.tsx';
import { ratesOf } from './stats-history.ts';

/** CPU, memory, network and block IO of one container over the last minute. */
export function StatsCharts({ history }: { history: readonly StatsSample[] }) {
  const last = history.at(-1);
  if (!last) return <p className="details-empty" role="status">Waiting for the first sample… (only a running container has stats)</p>;
  const cpu = history.map((s) => s.cpuPercent);
  const memory = history.map((s) => s.memoryBytes);
  const network = ratesOf(history, (s) => s.networkRxBytes + s.networkTxBytes);
  const block = ratesOf(history, (s) => s.blockReadBytes + s.blockWriteBytes);
  return (
    <div className="stats-charts">
      <Chart title="CPU" value={`${last.cpuPercent.toFixed(1)}%`} detail={`of ${last.onlineCpus} CPU${last.onlineCpus === 1 ? '' : 's'} · ${last.pids} processes`}>
        <UsageChart values={cpu} max={Math.max(100, ...cpu)} label="CPU history" />
      </Chart>
      <Chart title="Memory" value={formatBytes(last.memoryBytes, 'binary')} detail={`of ${formatBytes(last.memoryLimitBytes, 'binary')}`}>
        <UsageChart values={memory} max={last.memoryLimitBytes} label="Memory history" />
      </Chart>
      <Chart title="Network" value={`↓ ${formatBytes(last.networkRxBytes, 'binary')} ↑ ${formatBytes(last.networkTxBytes, 'binary')}`} detail="received / sent">
        <UsageChart values={network} label="Network history" />
      </Chart>
      <Chart title="Block I/O" value={`${formatBytes(last.blockReadBytes, 'binary')} / ${formatBytes(last.blockWriteBytes, 'binary')}`} detail="read / written">
        <UsageChart values={block} label="Block I/O history" />
      </Chart>
    </div>
  );
}

function Chart({ title, value, detail, children }: { title: string; value: string; detail: string; children: ReactNode }) {
  return (
    <figure className="stats-chart" aria-label={title}>
      <figcaption>
        <span className="stats-title">{title}</span>
        <span className="stats-value" aria-label={`${title} value`}>
          {value}
        </span>
        <span className="stats-detail">{detail}</span>
      </figcaption>
      {children}
    </figure>
  );
}
