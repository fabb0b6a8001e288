import { memo } from 'react';
import type { ContainerSummary } from '../../../shared/domain/containers.ts';
import type { StatsSample } from '../../../shared/domain/container-details.ts';
import { formatBytes } from '../../../shared/domain/format-bytes.ts';
import { UsageChart } from '../container-details/UsageChart.tsx';
import { formatAge } from '../format/format-age.ts';
import { useOpenableUrl } from '../routing/port-links.ts';
import { publishedPortUrls } from './published-port-urls.ts';
import { StateBadge } from './StateBadge.tsx';
import { TickingStatus } from './TickingStatus.tsx';
import type { ContainerColumn } from './container-columns.ts';
import type { ActionTarget, ContainerAction } from './use-container-actions.ts';

export interface RowHandlers {
  toggleSelected(id: string, selected: boolean): void;
  start(target: ActionTarget): void;
  stop(target: ActionTarget): void;
  restart(target: ActionTarget): void;
  askRemove(target: ActionTarget): void;
  showLogs(target: ActionTarget): void;
  showDetails(target: ActionTarget, tab?: 'summary' | 'terminal'): void;
}

export interface ContainerRowProps {
  container: ContainerSummary;
  selected: boolean;
  pendingAction: ContainerAction | undefined;
  logsOpen: boolean;
  now: number;
  handlers: RowHandlers;
  /** The columns the table has room for (the others are in the details panel and the name's tooltip). */
  shown: ReadonlySet<ContainerColumn>;
  /** Recent samples when this row's live stats are shown (running, visible, among the first few). */
  stats?: readonly StatsSample[];
}

const PENDING_TEXT: Record<ContainerAction, string> = {
  start: 'Starting…',
  stop: 'Stopping…',
  restart: 'Restarting…',
  remove: 'Removing…',
};

/** One container: selection, identity, state, ports, age and the actions that apply to its state. */
export const ContainerRow = memo(function ContainerRow({ container, selected, pendingAction, logsOpen, now, handlers, shown, stats }: ContainerRowProps) {
  const { id, name } = container;
  const target = { id, name };
  const running = container.state === 'running' || container.state === 'restarting';
  const busy = pendingAction !== undefined;
  const urls = publishedPortUrls(container.ports);
  const openable = useOpenableUrl();

  return (
    <tr className={selected ? 'row-selected' : undefined} aria-busy={busy || undefined}>
      <td className="col-select">
        <input
          type="checkbox"
          aria-label={`Select ${name}`}
          checked={selected}
          onChange={(event) => handlers.toggleSelected(id, event.currentTarget.checked)}
        />
      </td>
      <td className="col-name">
        <button type="button" className="container-name link-button" title={[`Details of ${name} (${id.slice(0, 12)})`, !shown.has('status') && container.status, !shown.has('ports') && urls.join(' '), !shown.has('age') && `created ${formatAge(container.created, now)}`].filter(Boolean).join('\n')} onClick={() => handlers.showDetails(target)}>
          {name}
        </button>
        {container.composeProject && (
          <span className="compose-project" title={`Compose project ${container.composeProject}`}>
            {container.composeProject}
            {container.composeService ? ` / ${container.composeService}` : ''}
          </span>
        )}
      </td>
      <td className="col-image" title={container.image}>
        {container.image}
      </td>
      {shown.has('state') && (
        <td className="col-state">
          <StateBadge state={container.state} />
        </td>
      )}
      {shown.has('status') && <td className="col-status">{busy ? <span className="pending-text">{PENDING_TEXT[pendingAction]}</span> : <TickingStatus id={id} status={container.status} />}</td>}
      {shown.has('ports') && (
        <td className="col-ports">
          {urls.map((url) => (
            <a key={url} href={openable(url)} title={openable(url)} target="_blank" rel="noopener noreferrer" className="port-link">
              {url}
            </a>
          ))}
        </td>
      )}
      {shown.has('usage') && <td className="col-usage">{stats && stats.length > 0 && <RowUsage name={name} stats={stats} />}</td>}
      {shown.has('age') && (
        <td className="col-age" title={new Date(container.created * 1000).toLocaleString()}>
          {formatAge(container.created, now)}
        </td>
      )}
      <td className="col-actions">
        <div className="row-actions">
          {!running && (
            <button type="button" className="icon-button" aria-label={`Start ${name}`} title="Start" disabled={busy} onClick={() => handlers.start(target)}>
              <Icon shape="start" />
            </button>
          )}
          {running && (
            <button type="button" className="icon-button" aria-label={`Stop ${name}`} title="Stop" disabled={busy} onClick={() => handlers.stop(target)}>
              <Icon shape="stop" />
            </button>
          )}
          {running && (
            <button type="button" className="icon-button" aria-label={`Restart ${name}`} title="Restart" disabled={busy} onClick={() => handlers.restart(target)}>
              <Icon shape="restart" />
            </button>
          )}
          {running && (
            <button type="button" className="icon-button" aria-label={`Terminal of ${name}`} title="Terminal" onClick={() => handlers.showDetails(target, 'terminal')}>
              <Icon shape="terminal" />
            </button>
          )}
          <button type="button" className="icon-button" aria-label={`Details of ${name}`} title="Details" onClick={() => handlers.showDetails(target)}>
            <Icon shape="details" />
          </button>
          <button
            type="button"
            className={`icon-button${logsOpen ? ' icon-button-active' : ''}`}
            aria-label={`Logs of ${name}`}
            aria-pressed={logsOpen}
            title="Logs"
            onClick={() => handlers.showLogs(target)}
          >
            <Icon shape="logs" />
          </button>
          <button type="button" className="icon-button icon-button-danger" aria-label={`Remove ${name}`} title="Remove" disabled={busy} onClick={() => handlers.askRemove(target)}>
            <Icon shape="remove" />
          </button>
        </div>
      </td>
    </tr>
  );
});

/** CPU sparkline and memory of a running row. */
function RowUsage({ name, stats }: { name: string; stats: readonly StatsSample[] }) {
  const last = stats[stats.length - 1];
  const cpu = stats.map((s) => s.cpuPercent);
  return (
    <span className="row-usage" title={`CPU ${last.cpuPercent.toFixed(1)}% · memory ${formatBytes(last.memoryBytes, 'binary')}`}>
      <UsageChart values={cpu} max={Math.max(100, ...cpu)} label={`CPU of ${name}`} className="row-usage-chart" />
      <span className="row-usage-text">
        {last.cpuPercent.toFixed(0)}% · {formatBytes(last.memoryBytes, 'binary')}
      </span>
    </span>
  );
}

const PATHS: Record<'start' | 'stop' | 'restart' | 'logs' | 'remove' | 'terminal' | 'details', string> = {
  terminal: 'M2 3h12v10H2zM3.5 4.5v7h9v-7zM4.5 6l2.2 1.8-2.2 1.8-.8-.9 1.2-.9-1.2-.9zM7.5 9.5h3v1h-3z',
  details: 'M8 1.5a6.5 6.5 0 1 1 0 13 6.5 6.5 0 0 1 0-13zm0 1.5a5 5 0 1 0 0 10A5 5 0 0 0 8 3zm-.8 4h1.6v4.5H7.2zM8 4.3a.95.95 0 1 1 0 1.9.95.95 0 0 1 0-1.9z',
  start: 'M5 3.5v9l8-4.5z',
  stop: 'M4 4h8v8H4z',
  restart: 'M8 3a5 5 0 1 0 4.9 6h-1.6A3.5 3.5 0 1 1 8 4.5V7l3.5-3L8 1z',
  logs: 'M3 3h10v1.5H3zM3 6h10v1.5H3zM3 9h7v1.5H3zM3 12h9v1.5H3z',
  remove: 'M6 2h4l.5 1H13v1.5H3V3h2.5zM4 5.5h8l-.6 8.5H4.6z',
};

function Icon({ shape }: { shape: keyof typeof PATHS }) {
  return (
    <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
      <path d={PATHS[shape]} fill="currentColor" />
    </svg>
  );
}
