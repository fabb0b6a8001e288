import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useApiClient } from '../api/api-context.tsx';
import { TerminalView } from '../terminal/TerminalView.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { DetailsSummary } from './DetailsSummary.tsx';
import type { DetailsTab } from './details-store.ts';
import { StatsCharts } from './StatsCharts.tsx';
import { useContainersStats } from './use-container-stats.ts';
import { CopyLinkButton } from '../ui/CopyLinkButton.tsx';

export interface ContainerDetailsPanelProps {
  containerId: string;
  name: string;
  tab: DetailsTab;
  /** Running now (from the live list): stats and terminal need it. */
  running: boolean;
  /** A value that changes with the container's state, so inspect is fetched again. */
  revision: string;
  gone: boolean;
  onTab(tab: DetailsTab): void;
  onClose(): void;
}

const TABS: { id: DetailsTab; label: string }[] = [
  { id: 'summary', label: 'Summary' },
  { id: 'inspect', label: 'Inspect' },
  { id: 'stats', label: 'Stats' },
  { id: 'terminal', label: 'Terminal' },
];

/** One container in depth: summary, raw inspect JSON, live stats and a terminal. */
export function ContainerDetailsPanel({ containerId, name, tab, running, revision, gone, onTab, onClose }: ContainerDetailsPanelProps) {
  const api = useApiClient();
  const inspect = useQuery({
    queryKey: ['containers.inspect', { id: containerId }, revision],
    queryFn: () => api.call('containers.inspect', { id: containerId }),
    enabled: !gone,
    placeholderData: keepPreviousData,
  });
  const stats = useContainersStats(tab === 'stats' && running ? [containerId] : []);
  // The terminal stays mounted once opened, so switching tabs keeps its session.
  const [terminalOpened, setTerminalOpened] = useState(tab === 'terminal');
  useEffect(() => {
    if (tab === 'terminal') setTerminalOpened(true);
  }, [tab]);

  return (
    <section className="details-panel" role="region" aria-label={`Details of ${name}`}>
      <div className="details-toolbar">
        <h2 className="logs-title">
          Container <span className="logs-name">{name}</span>
        </h2>
        <CopyLinkButton what={`container ${name}`} />
        <div role="tablist" aria-label="Container details" className="details-tabs">
          {TABS.map((t) => (
            <button key={t.id} type="button" role="tab" aria-selected={tab === t.id} className={`details-tab${tab === t.id ? ' details-tab-active' : ''}`} onClick={() => onTab(t.id)}>
              {t.label}
            </button>
          ))}
        </div>
        <button type="button" className="button button-small details-close" onClick={onClose}>
          Close details
        </button>
      </div>
      {gone && <ErrorAlert error={`${name} no longer exists.`} />}
      <div className="details-body" role="tabpanel" aria-label={TABS.find((t) => t.id === tab)?.label}>
        {tab === 'summary' &&
          (inspect.data ? <DetailsSummary details={inspect.data.details} /> : inspect.error ? <ErrorAlert error={inspect.error} /> : <p className="loading">Loading…</p>)}
        {tab === 'inspect' &&
          (inspect.data ? (
            <pre className="inspect-json" aria-label="Inspect JSON" tabIndex={0}>
              {JSON.stringify(inspect.data.raw, null, 2)}
            </pre>
          ) : inspect.error ? (
            <ErrorAlert error={inspect.error} />
          ) : (
            <p className="loading">Loading…</p>
          ))}
        {tab === 'stats' && (running ? <StatsCharts history={stats.get(containerId) ?? []} /> : <p className="details-empty">{name} is not running: start it to see live stats.</p>)}
        {terminalOpened && !gone && (
          <div className="details-terminal" hidden={tab !== 'terminal'}>
            <TerminalView containerId={containerId} name={name} />
          </div>
        )}
      </div>
    </section>
  );
}
